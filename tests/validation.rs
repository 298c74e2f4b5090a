//! Error messages for invalid congress files, snapshot-tested: a worse message shows up in
//! review. Each fixture's name says the case.

mod common;

use std::path::Path;

fn problems(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    match daihoi::load_congress(&text) {
        Err(e) => format!("load error ({:?}):\n{e:#}", e.kind()),
        Ok(c) => {
            let problems = daihoi::validate(&c);
            assert!(!problems.is_empty(), "{} should be invalid", file.display());
            format!("{:#}", daihoi::Error::invalid("congress", problems))
        }
    }
}

#[test]
fn invalid_congress_files_get_clear_messages() {
    let dir = common::root().join("tests/fixtures/invalid");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(name, problems(&file));
    }
}

#[test]
fn the_sample_congress_is_valid() {
    assert_eq!(daihoi::validate(&common::sample()), vec![]);
}
