//! The command-line tool as a user runs it.
#![cfg(feature = "cli")]

mod common;

use std::process::Command;

fn daihoi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_daihoi"))
}

#[test]
fn render_all_writes_every_document_of_the_congress_in_both_formats() {
    let out = common::scratch("cli-all");
    let data = common::root().join("examples/data/bach-mai-2020.json");
    let o = daihoi()
        .args(["render", "all", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
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
    let o = daihoi()
        .args(["render", "summons", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains("venu"), "{err}");
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());

    std::fs::write(&data, "{ not json").unwrap();
    let o = daihoi()
        .args(["render", "all", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
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
    let o = daihoi()
        .args(["render", "invitation", "--format", "pdf", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
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
    let o = daihoi()
        .args(["pack", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(out.join("folder"))
        .output()
        .unwrap();
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

    let o = daihoi()
        .args(["pack", "--zip", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(out.join("pack.zip"))
        .output()
        .unwrap();
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
    let o = daihoi()
        .args(["pack", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(out.join("pack"))
        .output()
        .unwrap();
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
