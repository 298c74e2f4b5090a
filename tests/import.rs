//! Lists from a clerk's spreadsheet: the good rows land in the congress file in its own shape,
//! each bad row is reported by its row number and column, and nothing already in the file is
//! lost or reordered — through the library and through `daihoi import`.
#![cfg(feature = "import")]

mod common;

use daihoi::import::{self, ListKind};
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(common::root().join("tests/fixtures/import").join(name)).unwrap()
}

#[test]
fn an_xlsx_of_twenty_guests_keeps_the_eighteen_good_rows_and_names_the_two_bad_ones() {
    let got = import::read_sheet(
        &fixture("guests_20.xlsx"),
        "guests_20.xlsx",
        ListKind::Guests,
    )
    .unwrap();
    assert_eq!(got.entries.len(), 18);
    let first = &got.entries[0];
    assert_eq!(first.row, 2);
    assert_eq!(first.value["name"]["ho"], "Nguyễn");
    assert_eq!(first.value["name"]["dem"], "Văn");
    assert_eq!(first.value["name"]["ten"], "Hùng");
    assert_eq!(
        first.value["title"],
        "Chủ tịch Uỷ ban nhân dân quận Hai Bà Trưng"
    );
    let two = &got.entries[1].value["name"];
    assert_eq!(
        (two["ho"].as_str(), two["dem"].as_str(), two["ten"].as_str()),
        (Some("Trần"), Some("Thị Mai"), Some("Hương"))
    );
    let problems: Vec<String> = got.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0].starts_with("row 1, column D (Năm sinh): this column is not read for guests"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("row 8, column B (Họ và tên): \"Đặng\" is one word"),
        "{problems:#?}"
    );
    assert!(
        problems[2].starts_with("row 13, column C (Chức vụ): empty"),
        "{problems:#?}"
    );
}

#[test]
fn an_ods_with_the_name_in_three_columns_keeps_compound_family_names() {
    let got = import::read_sheet(&fixture("guests.ods"), "guests.ods", ListKind::Guests).unwrap();
    let names: Vec<(String, String, String)> = got
        .entries
        .iter()
        .map(|e| {
            let n = &e.value["name"];
            (
                n["ho"].as_str().unwrap().to_string(),
                n["dem"].as_str().unwrap().to_string(),
                n["ten"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Tôn Nữ".into(), "Thị".into(), "Ninh".into()),
            ("Âu Dương".into(), "".into(), "Lâm".into()),
            ("Kiều".into(), "Thị".into(), "Vân".into()),
        ]
    );
    assert_eq!(got.problems.len(), 1);
    assert_eq!(got.problems[0].row, 4);
    assert!(got.problems[0].message.contains("family name (Họ)"));
}

#[test]
fn a_csv_of_candidates_reads_dates_genders_and_tracks_and_rejects_the_thirty_first_of_february() {
    let got = import::read_sheet(
        &fixture("candidates.csv"),
        "candidates.csv",
        ListKind::Candidates,
    )
    .unwrap();
    assert_eq!(got.entries.len(), 2, "{:#?}", got.problems);
    let ha = &got.entries[0].value;
    assert_eq!(ha["gender"], "female");
    assert_eq!(ha["birth_date"], "1975-04-12");
    assert_eq!(ha["education"]["political_theory"], "Cao cấp");
    assert_eq!(ha["proposed"], "re_election");
    assert_eq!(got.entries[1].value["proposed"], "first_time");
    assert_eq!(got.problems.len(), 1);
    assert_eq!(got.problems[0].row, 3);
    assert_eq!(got.problems[0].column.as_deref(), Some("C (Ngày sinh)"));
    assert!(got.problems[0]
        .message
        .contains("\"31/02/1980\" is not a date"));
}

#[test]
fn a_sheet_without_a_name_column_is_an_error_that_names_the_file_and_the_headers() {
    let e = import::read_sheet(
        "Chức vụ,Đơn vị\nBí thư,Phường\n".as_bytes(),
        "ds.csv",
        ListKind::Guests,
    )
    .unwrap_err();
    let text = e.to_string();
    assert!(text.contains("ds.csv"), "{text}");
    assert!(text.contains("\"Họ và tên\""), "{text}");
    assert!(text.contains("\"Chức vụ\", \"Đơn vị\""), "{text}");
    let e = import::read_sheet(b"PK\x03\x04garbage", "ds.xlsx", ListKind::Guests).unwrap_err();
    assert!(e.to_string().contains("ds.xlsx"), "{e}");
}

#[test]
fn merging_adds_at_the_end_keeps_every_other_byte_and_a_second_import_adds_nothing() {
    let original = common::sample_text();
    let got = import::read_sheet(
        &fixture("guests_20.xlsx"),
        "guests_20.xlsx",
        ListKind::Guests,
    )
    .unwrap();
    let merged = import::merge(&original, &got).unwrap();
    assert_eq!(merged.added, 18);
    let before: Value = serde_json::from_str(&original).unwrap();
    let mut after: Value = serde_json::from_str(&merged.text).unwrap();
    let guests = after["guests"].as_array_mut().unwrap();
    let n = before["guests"].as_array().unwrap().len();
    assert_eq!(guests.len(), n + 18);
    // Nguyễn Văn Hùng is one of the sample's people: the guest names him by his key.
    assert_eq!(guests[n]["name"], "@nguyen-van-hung");
    assert_eq!(guests[n + 1]["name"]["ten"], "Hương");
    guests.truncate(n);
    assert_eq!(after, before, "nothing else changed");
    // The key order of the file is kept: the text before "guests" is byte for byte the same.
    let head = &original[..original.find("\"guests\"").unwrap()];
    assert!(merged.text.starts_with(head));
    // The merged file still loads, and the new guests get invitations.
    let congress = daihoi::load_congress(&merged.text).unwrap();
    assert_eq!(congress.guests.len(), n + 18);
    let again = import::merge(&merged.text, &got).unwrap();
    assert_eq!(again.added, 0);
    assert_eq!(again.skipped.len(), 18);
    assert!(again.skipped[0].message.contains("already in the list"));
}

#[test]
fn imported_people_get_keys_and_a_guest_who_is_one_of_them_is_written_as_their_key() {
    let people = import::read_sheet(
        "Họ và tên\nĐặng Văn Toàn\nLê Thị Hoa\n".as_bytes(),
        "p.csv",
        ListKind::People,
    )
    .unwrap();
    let merged = import::merge(&common::sample_text(), &people).unwrap();
    // Đặng Văn Toàn is already in the sample's people; Lê Thị Hoa is new.
    assert_eq!(merged.added, 1);
    let v: Value = serde_json::from_str(&merged.text).unwrap();
    assert_eq!(v["people"]["le-thi-hoa"]["ten"], "Hoa");
    let guests = import::read_sheet(
        "Họ và tên,Chức vụ\nLê Thị Hoa,Chủ tịch Hội Liên hiệp Phụ nữ phường\n".as_bytes(),
        "g.csv",
        ListKind::Guests,
    )
    .unwrap();
    let merged = import::merge(&merged.text, &guests).unwrap();
    let v: Value = serde_json::from_str(&merged.text).unwrap();
    let last = v["guests"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["name"], "@le-thi-hoa");
}

#[cfg(feature = "cli")]
mod cli {
    use super::*;
    use std::process::Command;

    #[test]
    fn daihoi_import_adds_the_good_rows_to_the_file_reports_the_bad_ones_and_exits_2() {
        let dir = common::scratch("cli-import");
        let file = dir.join("congress.json");
        std::fs::write(&file, common::sample_text()).unwrap();
        let sheet = common::root().join("tests/fixtures/import/guests_20.xlsx");
        let o = Command::new(env!("CARGO_BIN_EXE_daihoi"))
            .arg("import")
            .arg(&sheet)
            .arg("--into")
            .arg(&file)
            .args(["--as", "guests"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&o.stdout);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stdout}\n{stderr}");
        assert!(stdout.contains("18 added to `guests`"), "{stdout}");
        assert!(stderr.contains("row 8, column B (Họ và tên)"), "{stderr}");
        assert!(stderr.contains("row 13, column C (Chức vụ)"), "{stderr}");
        let c = daihoi::load_congress(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(c.guests.len(), common::sample().guests.len() + 18);
        let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn daihoi_import_into_a_file_that_is_not_json_changes_nothing() {
        let dir = common::scratch("cli-import-bad");
        let file = dir.join("congress.json");
        std::fs::write(&file, "{ \"guests\": [ ").unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_daihoi"))
            .arg("import")
            .arg(common::root().join("tests/fixtures/import/guests.ods"))
            .arg("--into")
            .arg(&file)
            .args(["--as", "guests"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("congress.json"), "{stderr}");
        assert!(stderr.contains("line 1"), "{stderr}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "{ \"guests\": [ ");
    }
}
