//! The command-line tool as a user runs it.
#![cfg(feature = "cli")]

mod common;

use std::process::Command;

fn daihoi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_daihoi"))
}

/// `daihoi <args> --data <data> --out <out>`, run to its end.
fn run_on(args: &[&str], data: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    daihoi()
        .args(args)
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn render_all_writes_every_document_of_the_congress_in_both_formats() {
    let out = common::scratch("cli-all");
    let data = common::root().join("examples/data/bach-mai-2020.json");
    let o = run_on(&["render", "all"], &data, &out);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let c = common::sample();
    let documents: usize = daihoi::DocumentKind::ALL
        .iter()
        .map(|k| k.papers(&c).unwrap().len())
        .sum();
    assert!(documents > c.guests.len() + 1);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2 * documents, "{names:?}");
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "no temporary files left: {names:?}"
    );
    assert!(
        names.contains(&"giay-moi-01-gm-du-dinh-thi-lan-duyen.pdf".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"thong-bao-trieu-tap-92-tb-du.docx".to_string()),
        "{names:?}"
    );
    assert!(stdout.contains("wrote "), "{stdout}");
    assert!(
        stdout.contains(&format!("{} file(s) written to", names.len())),
        "{stdout}"
    );
}

#[test]
fn kinds_lists_the_document_kinds() {
    let o = daihoi().arg("kinds").output().unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(
        s.contains("invitation") && s.contains("Giấy mời") && s.contains("summons"),
        "{s}"
    );
}

#[test]
fn bad_input_exits_2_naming_the_file_and_field_and_writes_nothing() {
    let dir = common::scratch("cli-bad");
    let data = dir.join("bad.json");
    std::fs::write(
        &data,
        common::sample_text().replace("\"venue\"", "\"venu\""),
    )
    .unwrap();
    let out = dir.join("out");
    let o = run_on(&["render", "summons"], &data, &out);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains("venu"), "{err}");
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());

    std::fs::write(&data, "{ not json").unwrap();
    let o = run_on(&["render", "all"], &data, &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("line 1"));

    let o = daihoi()
        .args(["render", "nope", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("daihoi kinds"));
}

#[test]
fn one_bad_guest_is_reported_and_the_others_are_written() {
    let dir = common::scratch("cli-guest");
    let data = dir.join("c.json");
    std::fs::write(
        &data,
        common::sample_text().replace("\"Thắng\"", "\"Thắng 中\""),
    )
    .unwrap();
    let out = dir.join("out");
    let o = run_on(&["render", "invitation", "--format", "pdf"], &data, &out);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Trần Quyết Thắng 中") && err.contains("U+4E2D"),
        "{err}"
    );
    let written = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(written, common::sample().guests.len() - 1);
}

#[test]
fn pack_writes_every_document_and_the_manifest_or_one_zip() {
    let out = common::scratch("cli-pack");
    let data = common::root().join("examples/data/doan-ket-2020.json");
    let o = run_on(&["pack"], &data, &out.join("folder"));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("folder/manifest.json")).unwrap())
            .unwrap();
    let files: Vec<String> = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["files"].as_array().unwrap().clone())
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    let on_disk = std::fs::read_dir(out.join("folder")).unwrap().count();
    assert_eq!(
        on_disk,
        files.len() + 1,
        "the files and manifest.json, nothing else"
    );
    for f in &files {
        assert!(out.join("folder").join(f).is_file(), "{f}");
    }
    assert!(
        stdout.contains(&format!(
            "{} documents ({} files",
            manifest["document_count"],
            files.len()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("manifest.json"), "{stdout}");

    let o = run_on(&["pack", "--zip"], &data, &out.join("pack.zip"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let zip = zip::ZipArchive::new(std::fs::File::open(out.join("pack.zip")).unwrap()).unwrap();
    assert_eq!(zip.len(), files.len() + 1);
}

#[test]
fn pack_with_bad_data_exits_2_names_every_problem_and_writes_nothing() {
    let out = common::scratch("cli-pack-bad");
    let mut c: serde_json::Value = serde_json::from_str(&common::sample_text()).unwrap();
    c["proceedings"]["attendance"]["present"] = 130.into();
    c["proceedings"]["superior_remarks"][0]["guest"] = 9.into();
    let data = out.join("bad.json");
    std::fs::write(&data, c.to_string()).unwrap();
    let o = run_on(&["pack"], &data, &out.join("pack"));
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("bad.json"), "{stderr}");
    assert!(
        stderr
            .contains("proceedings.attendance.present: 130 present is more than the 120 convened"),
        "{stderr}"
    );
    assert!(
        stderr.contains("proceedings.superior_remarks[0].guest: there is no guests[9]"),
        "{stderr}"
    );
    assert!(!out.join("pack").exists(), "nothing written");
}

/// The sample with only one guest, named `ten`.
fn one_guest_named(ten: &str) -> String {
    let mut c: serde_json::Value = serde_json::from_str(&common::sample_text()).unwrap();
    let guest = c["guests"][0].clone();
    c["guests"] = serde_json::json!([guest]);
    c["guests"][0]["name"]["ten"] = ten.into();
    // The proceedings may name the other guests.
    c.as_object_mut().unwrap().remove("proceedings");
    c.to_string()
}

#[test]
fn a_render_that_makes_nothing_makes_no_folder_and_prints_no_raw_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("c.json");
    // BEL, an ESC that would start a colour code, and a right-to-left override.
    std::fs::write(&data, one_guest_named("Du\u{7}y\u{1b}[31mên\u{202e}")).unwrap();
    let out = dir.path().join("not/yet/out");
    let o = run_on(&["render", "invitation"], &data, &out);
    assert_eq!(o.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!dir.path().join("not").exists(), "no folder: {stdout}");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "only the data file: {names:?}");
    for (stream, text) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        let text = String::from_utf8_lossy(text);
        assert!(
            !text.contains(['\u{7}', '\u{1b}', '\u{202e}']),
            "{stream} holds a raw control character: {text:?}"
        );
    }
    assert!(stderr.contains("c.json"), "names the file: {stderr}");
    assert!(
        stderr.contains("guests[0].name.ten"),
        "names the field: {stderr}"
    );
    assert!(
        stderr.contains("U+0007") && stderr.contains("U+001B"),
        "every control character is reported: {stderr}"
    );
}

#[test]
fn a_right_to_left_override_in_a_rendered_name_is_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("c.json");
    // Not a control character, so the name reaches the error about the letter the font lacks,
    // which names the paper by its guest.
    std::fs::write(
        &data,
        common::sample_text().replace("\"Thắng\"", "\"Thắng\u{202e} 中\""),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = run_on(&["render", "invitation", "--format", "pdf"], &data, &out);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    for text in [&stdout, &stderr] {
        assert!(!text.contains('\u{202e}'), "raw override: {text:?}");
    }
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr.contains("Trần Quyết Thắng\\u{202e} 中"), "{stderr}");
    assert!(
        stderr.contains("c.json") && stderr.contains("U+4E2D"),
        "{stderr}"
    );
}

#[test]
fn tally_errors_name_the_file_and_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round-1.json");
    let text = std::fs::read_to_string(
        common::root().join("tests/fixtures/election/t2_fails_by_one_vote.json"),
    )
    .unwrap();
    std::fs::write(&path, text.replace("\"votes\": 33", "\"votes\": \"33\"")).unwrap();
    let o = daihoi().arg("tally").arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("round-1.json"), "{stderr}");
    assert!(stderr.contains("candidates[1].votes"), "{stderr}");

    std::fs::write(&path, text.replace("\"Bình\"", "\"B\\u0007ình\"")).unwrap();
    let o = daihoi().arg("tally").arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains('\u{7}'), "{stderr:?}");
    assert!(
        stderr.contains("round-1.json") && stderr.contains("candidates[1].name.ten"),
        "{stderr}"
    );
}

#[test]
fn pack_errors_name_the_file_and_a_failed_pack_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::root().join("examples/data/doan-ket-2020.json");
    let out = dir.path().join("pack");
    let o = daihoi()
        .args(["pack", "--format", "docx", "--data"])
        .arg(&good)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before: Vec<_> = {
        let mut v: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (p.clone(), std::fs::read(p).unwrap())
            })
            .collect();
        v.sort();
        v
    };
    let data = dir.path().join("bad.json");
    std::fs::write(&data, one_guest_named("Du\u{7}yên")).unwrap();
    let o = run_on(&["pack"], &data, &out);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains('\u{7}'), "{stderr:?}");
    assert!(
        stderr.contains("bad.json") && stderr.contains("guests[0].name.ten"),
        "{stderr}"
    );
    let mut after: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.clone(), std::fs::read(p).unwrap())
        })
        .collect();
    after.sort();
    assert!(before == after, "the old pack is left as it was");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

/// `daihoi render invitation … | head -1`: the reader goes after one line; the files are still
/// all written, and the tool neither panics nor fails.
#[test]
fn a_reader_that_goes_away_does_not_stop_the_work_or_make_a_panic() {
    use std::io::{BufRead, BufReader};
    let out = common::scratch("cli-closed-pipe");
    let data = common::root().join("examples/data/bach-mai-2020.json");
    let mut child = daihoi()
        .args(["render", "invitation", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The pipe's reading end is closed here, before the tool has said the rest.
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(first.starts_with("wrote "), "{first}");
    assert!(o.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let written = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(written, 2 * common::sample().guests.len());
}

#[test]
fn render_all_with_one_bad_guest_writes_every_other_paper_and_tells_each_problem_once() {
    // Đoàn Kết's first guest with a bell in her name: her invitation, and the papers that
    // list every guest, are not made; the other papers are, and the problem is told once.
    let dir = common::scratch("cli-all-guest");
    let data = dir.join("c.json");
    let text = std::fs::read_to_string(common::root().join("examples/data/doan-ket-2020.json"))
        .unwrap()
        .replacen("\"Thắng\"", "\"Thắ\\u0007ng\"", 1);
    std::fs::write(&data, text).unwrap();
    let out = dir.join("out");
    let o = run_on(&["render", "all", "--format", "pdf"], &data, &out);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.matches("contains the control character U+0007").count(),
        1,
        "{err}"
    );
    assert!(err.contains("Kịch bản điều hành đại hội not made"), "{err}");
    let written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // The other guest's invitation, the summons and the ballots are there.
    for stem in ["giay-moi-02-gm-cb", "thong-bao-trieu-tap", "phieu-bau"] {
        assert!(
            written.iter().any(|n| n.contains(stem)),
            "{stem}: {written:?}"
        );
    }
    assert!(
        !written.iter().any(|n| n.contains("giay-moi-01")),
        "{written:?}"
    );
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains(&format!("file(s) written to {}", out.display())),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn pack_zip_replaces_an_earlier_pack_but_never_the_congress_file_or_another_file() {
    let dir = common::scratch("cli-zip-over");
    let data = dir.join("c.json");
    let text =
        std::fs::read_to_string(common::root().join("examples/data/doan-ket-2020.json")).unwrap();
    std::fs::write(&data, &text).unwrap();
    let pack = |out: &std::path::Path| run_on(&["pack", "--zip", "--format", "pdf"], &data, out);
    // Onto the congress file itself: refused, the record kept byte for byte.
    let o = pack(&data);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("exists and is not a pack's zip"), "{err}");
    assert_eq!(std::fs::read_to_string(&data).unwrap(), text);
    // Onto a note of the user's: the same.
    let note = dir.join("ghi-chu.txt");
    std::fs::write(&note, "đừng xoá").unwrap();
    assert_eq!(pack(&note).status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&note).unwrap(), "đừng xoá");
    // An earlier pack is replaced.
    let zip = dir.join("pack.zip");
    assert!(pack(&zip).status.success());
    let o = pack(&zip);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_made_is_named_as_the_user_gave_it() {
    let data = common::root().join("examples/data/doan-ket-2020.json");
    let o = daihoi()
        .args(["pack", "--format", "pdf", "--data"])
        .arg(&data)
        .args(["--out", "/proc/self/daihoi-out"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error: /proc/self/daihoi-out: "), "{err}");
    assert!(!err.contains(".part"), "{err}");
}

#[test]
fn a_problem_names_the_line_of_its_field_in_the_file() {
    let dir = common::scratch("cli-line");
    let data = dir.join("c.json");
    let original =
        std::fs::read_to_string(common::root().join("examples/data/doan-ket-2020.json")).unwrap();
    let at = original.find("\"Thắng\"").unwrap();
    let line = original[..at].matches('\n').count() + 1;
    std::fs::write(&data, original.replacen("\"Thắng\"", "\"\"", 1)).unwrap();
    let o = run_on(&["pack", "--format", "pdf"], &data, &dir.join("out"));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "guests[0].name.ten (line {line}): must not be empty"
        )),
        "line {line}: {err}"
    );
    // A field of the wrong type, found while reading: its line too.
    let at = original.find("\"agree\": 5").unwrap();
    let line = original[..at].matches('\n').count() + 1;
    std::fs::write(
        &data,
        original.replacen("\"agree\": 5", "\"agree\": \"năm\"", 1),
    )
    .unwrap();
    let o = run_on(&["pack", "--format", "pdf"], &data, &dir.join("out"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "(line {line}): invalid type: string \"năm\", expected a whole number, 0 or more"
        )),
        "line {line}: {err}"
    );
}
