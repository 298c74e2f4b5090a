fn main() {
    let text = std::fs::read_to_string("examples/data/bach-mai-2020.json").unwrap();
    let c = daihoi::load_congress(&text).unwrap();
    let m = daihoi::model::VoteCountMinutes::for_round(&c, 0, 1, 5).unwrap();
    for t in ["<document>{{tally.candidates_count}}</document>", "<document>{{count tally.candidates_count}}</document>", "<document>{{> title name=\"X\" summary=(concat \"Bầu \" office)}}{{count tally.candidates_count}}</document>", "<document>{{> header header}}{{count tally.candidates_count}}</document>"] {
        std::fs::write("/tmp/ov/vote-count-minutes.hbs", t).unwrap();
        let e = daihoi::Engine::builder().template_dir("/tmp/ov").build().unwrap();
        println!("{t} => {:?}", e.render_markup(&m).map_err(|e| e.to_string()));
    }
}
