//! The election files of `tests/fixtures/election/` (the `daihoi tally` format, one per worked
//! example) read and tally as SPEC §8.1 says.

use std::path::{Path, PathBuf};

use daihoi::rules::{next_round, tally, Election, Status, Tally};
use daihoi::ErrorKind;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/election")
}

fn read(file: &str) -> Election {
    let text = std::fs::read_to_string(dir().join(file)).expect("fixture exists");
    Election::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn tallied(file: &str) -> Tally {
    tally(&read(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// (status, percent) per candidate in ballot order: 'E' elected, 'T' tie, 'O' outranked,
/// 'N' not qualified.
fn summary(t: &Tally) -> Vec<(char, String)> {
    t.outcomes
        .iter()
        .map(|o| {
            let s = match o.status {
                Status::Elected => 'E',
                Status::TieNeedsRevote { .. } => 'T',
                Status::Outranked => 'O',
                Status::NotQualified => 'N',
            };
            (s, o.percent.to_string())
        })
        .collect()
}

fn expect(t: &Tally, expected: &[(char, &str)]) {
    let expected: Vec<(char, String)> = expected.iter().map(|(s, p)| (*s, p.to_string())).collect();
    assert_eq!(summary(t), expected);
}

const FILES: &[&str] = &[
    "floor_nominee_admitted.json",
    "t1_cell_secretary_absence_approved_six_votes.json",
    "t1_cell_secretary_absence_not_approved.json",
    "t2_fails_by_one_vote.json",
    "t3_tie_at_cutoff.json",
    "t4_outranked.json",
    "t5_delegates_one_seat.json",
    "t6_round_half_up.json",
    "t7_returned_not_valid_plus_invalid.json",
    "t8_surplus_over_30_percent.json",
];

#[test]
fn every_fixture_is_checked_here() {
    let mut found: Vec<String> = std::fs::read_dir(dir())
        .expect("fixture directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, FILES);
}

#[test]
fn every_fixture_round_trips_through_json() {
    for file in FILES {
        let e = read(file);
        let text = serde_json::to_string(&e).expect("serializes");
        assert_eq!(Election::from_json(&text).ok().as_ref(), Some(&e), "{file}");
    }
}

#[test]
fn t1_fixtures_five_votes_of_eleven_fail_six_of_ten_pass() {
    let t = tallied("t1_cell_secretary_absence_not_approved.json");
    assert_eq!(t.denominator, 11);
    expect(&t, &[('N', "45,45%")]);
    let t = tallied("t1_cell_secretary_absence_approved_six_votes.json");
    assert_eq!(t.denominator, 10);
    expect(&t, &[('E', "60,00%")]);
}

#[test]
fn t2_fixture_fails_by_one_vote() {
    let t = tallied("t2_fails_by_one_vote.json");
    expect(
        &t,
        &[
            ('E', "87,50%"),
            ('E', "82,50%"),
            ('E', "75,00%"),
            ('E', "62,50%"),
            ('N', "50,00%"),
            ('N', "45,00%"),
        ],
    );
    assert_eq!(t.further_round_seats, 1);
}

#[test]
fn t3_fixture_tie_at_cutoff() {
    let e = read("t3_tie_at_cutoff.json");
    let t = tally(&e).expect("tallies");
    expect(
        &t,
        &[
            ('E', "93,33%"),
            ('E', "90,00%"),
            ('E', "86,67%"),
            ('E', "83,33%"),
            ('E', "80,00%"),
            ('E', "73,33%"),
            ('T', "63,33%"),
            ('T', "63,33%"),
            ('N', "40,00%"),
        ],
    );
    assert_eq!(t.tie.as_ref().map(|t| t.seats_left), Some(1));
    let text = t.to_text(&e);
    assert!(
        text.contains("Đỗ Văn Hùng (19), Bùi Thị Lan (19)"),
        "{text}"
    );
    assert!(
        text.contains("trừ đảng viên chuyển sinh hoạt tạm thời: 1"),
        "{text}"
    );
    let next = next_round(&e, &t).expect("a re-ballot");
    assert_eq!((next.round, next.seats, next.candidates.len()), (2, 1, 2));
}

#[test]
fn t4_fixture_outranked() {
    let t = tallied("t4_outranked.json");
    expect(
        &t,
        &[
            ('E', "90,00%"),
            ('E', "80,00%"),
            ('E', "76,00%"),
            ('O', "60,00%"),
        ],
    );
}

#[test]
fn t5_fixture_delegates() {
    let e = read("t5_delegates_one_seat.json");
    let t = tally(&e).expect("tallies");
    expect(&t, &[('E', "50,34%")]);
    assert_eq!(
        e.office.label(),
        "đại biểu dự Đại hội đại biểu Đảng bộ quận Hai Bà Trưng lần thứ XXVI"
    );
    let text = t.to_text(&e);
    assert!(
        text.contains("Tổng số đại biểu chính thức được triệu tập"),
        "{text}"
    );
    assert!(
        text.contains("1 phiếu: ghi thêm tên ngoài danh sách"),
        "{text}"
    );
}

#[test]
fn t6_fixture_round_half_up() {
    let t = tallied("t6_round_half_up.json");
    expect(&t, &[('E', "50,63%"), ('N', "50,00%")]);
}

#[test]
fn t7_fixture_is_rejected_with_the_missing_ballot() {
    let error = tally(&read("t7_returned_not_valid_plus_invalid.json")).expect_err("inconsistent");
    assert_eq!(error.kind(), ErrorKind::InvalidData);
    let d = &error.diagnostics()[0];
    assert_eq!(d.path, "ballots.returned");
    assert_eq!(
        d.message,
        "returned ballots (30) must equal valid (27) + invalid (2) = 29; 1 ballot unaccounted for"
    );
}

#[test]
fn t8_fixture_warns_of_the_surplus() {
    let t = tallied("t8_surplus_over_30_percent.json");
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert!(t.warnings[0]
        .message
        .contains("surplus of 3 candidates over 7 seats"));
}

#[test]
fn floor_nominee_fixture_is_admitted_under_round2025() {
    let t = tallied("floor_nominee_admitted.json");
    expect(
        &t,
        &[
            ('E', "66,67%"),
            ('E', "60,00%"),
            ('N', "46,67%"),
            ('N', "26,67%"),
        ],
    );
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    assert_eq!(t.further_round_seats, 1);
}

#[test]
fn a_misspelt_field_is_rejected_with_its_path() {
    let text = std::fs::read_to_string(dir().join("t2_fails_by_one_vote.json"))
        .expect("fixture")
        .replacen("\"votes\": 35", "\"vote\": 35", 1);
    let error = Election::from_json(&text).expect_err("unknown field");
    assert_eq!(error.kind(), ErrorKind::Json);
    assert_eq!(
        error.path().map(|p| p.to_string()).as_deref(),
        Some("candidates[0].vote")
    );
    assert!(
        error.to_string().contains("unknown field `vote`"),
        "{error}"
    );
}

#[test]
fn the_tally_serializes_percentages_and_statuses_for_json_output() {
    let t = tallied("t3_tie_at_cutoff.json");
    let json = serde_json::to_value(&t).expect("serializes");
    assert_eq!(json["denominator"], 30);
    assert_eq!(json["outcomes"][0]["percent"], "93,33%");
    assert_eq!(json["outcomes"][0]["status"], "elected");
    assert_eq!(json["outcomes"][6]["status"], "tie_needs_revote");
    assert_eq!(json["outcomes"][6]["seats_left"], 1);
    assert_eq!(json["outcomes"][8]["status"], "not_qualified");
    assert_eq!(json["tie"]["candidates"], serde_json::json!([6, 7]));
    assert_eq!(
        json["denominator_parts"]["exclusions"][0]["kind"],
        "temporary_transfer"
    );
}
