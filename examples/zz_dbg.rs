fn main() {
    let text = std::fs::read_to_string("examples/data/bach-mai-2020.json").unwrap();
    let c = daihoi::load_congress(&text).unwrap();
    let e = daihoi::Engine::new().unwrap();
    std::fs::create_dir_all("/tmp/view").unwrap();
    for kind in daihoi::DocumentKind::ALL {
        for (i, d) in c.documents(*kind).unwrap().iter().enumerate().take(2) {
            let r = e.render(d, daihoi::Format::Docx).unwrap();
            std::fs::write(format!("/tmp/view/{}-{i}.docx", kind.name()), r.bytes).unwrap();
        }
    }
}
