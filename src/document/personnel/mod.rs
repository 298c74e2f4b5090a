//! The papers of the personnel procedure (quy trình nhân sự, SPEC §5): per conference its
//! summons, introduction ballot, tally minutes and minutes; per track the summary across the
//! steps. Results are computed from the step's counts with the rules when the paper is built,
//! so no paper can disagree with the arithmetic.

pub(crate) mod conference_minutes;
pub(crate) mod conference_summons;
pub(crate) mod introduction_ballot;
pub(crate) mod summary;
pub(crate) mod tally_minutes;

use serde::Serialize;

use crate::congress::{Congress, PersonnelRecord, StepRecord, TrackRecord};
use crate::document::paper::{About, Item, PaperMeta};
use crate::document::parts::Header;
use crate::error::{Error, ErrorKind, Path, Result};
use crate::rules::{evaluate_step, Absence, Base, InvalidBallots, Percent, Step, StepInput, Track};

/// "Ban Chấp hành Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025": what people are introduced to.
pub(crate) fn target(c: &Congress) -> String {
    format!("{} {}", c.executive(), c.term_text())
}

/// "giới thiệu nhân sự tái cử tham gia Ban Chấp hành … nhiệm kỳ 2020 – 2025".
fn purpose(c: &Congress, track: Track) -> String {
    format!(
        "giới thiệu nhân sự {} tham gia {}",
        track.label(),
        target(c)
    )
}

/// Which meeting of its body a step is, and which step: "(lần 1, bước 1)", "(bước 2)".
fn round_of(step: Step) -> &'static str {
    match step {
        Step::StandingCommitteeFirst => "(lần 1, bước 1)",
        Step::KeyOfficials => "(bước 2)",
        Step::ExecutiveCommitteeFirst => "(lần 1, bước 3)",
        Step::StandingCommitteeSecond => "(lần 2, bước 4)",
        Step::ExecutiveCommitteeSecond => "(lần 2, bước 5)",
    }
}

/// The body that holds the step's conference: the standing committee for steps 1, 2 (it
/// convenes the key officials) and 4; the executive committee for steps 3 and 5.
fn convener(record: &PersonnelRecord, c: &Congress, step: Step) -> String {
    match step {
        Step::ExecutiveCommitteeFirst | Step::ExecutiveCommitteeSecond => c.executive().to_string(),
        _ => record.standing_committee.clone(),
    }
}

/// The conference's full name: "Hội nghị Ban Thường vụ Đảng uỷ phường Bạch Mai (lần 1)",
/// "Hội nghị cán bộ chủ chốt phường Bạch Mai", "Hội nghị Ban Chấp hành … (lần 1)".
fn conference_name(record: &PersonnelRecord, c: &Congress, step: Step) -> String {
    match step {
        Step::KeyOfficials => format!("{} {}", record.key_officials.name, round_of(step)),
        Step::StandingCommitteeFirst | Step::StandingCommitteeSecond => {
            format!("Hội nghị {} {}", record.standing_committee, round_of(step))
        }
        Step::ExecutiveCommitteeFirst | Step::ExecutiveCommitteeSecond => {
            format!("Hội nghị {} {}", c.executive(), round_of(step))
        }
    }
}

/// One conference of the procedure: the record, its track and its step.
struct Conference<'a> {
    record: &'a PersonnelRecord,
    track: &'a TrackRecord,
    step: &'a StepRecord,
}

/// What a numbered paper of a conference (its minutes, its tally minutes) opens with.
struct Heading {
    step: Step,
    /// The committee's header, with the paper's number and the conference's date.
    header: Header,
    /// "Hội nghị Ban Thường vụ … (lần thứ nhất)".
    conference: String,
    /// What the procedure introduces people for.
    purpose: String,
}

impl Conference<'_> {
    /// The heading of the numbered paper `item` of this conference.
    fn heading(&self, c: &Congress, item: &Item) -> Heading {
        let step = self.step.counts.step;
        Heading {
            step,
            header: Header::committee(c, item.number.clone(), self.step.date),
            conference: conference_name(self.record, c, step),
            purpose: purpose(c, self.track.track),
        }
    }
}

/// The conference an item is about, or an error naming what is missing.
fn locate<'a>(c: &'a Congress, item: &Item) -> Result<Conference<'a>> {
    let About::Step { track, step } = item.about else {
        return Err(item.unexpected());
    };
    let record = personnel_of(c)?;
    let t = record.tracks.get(track).ok_or_else(|| item.unexpected())?;
    let s = t.steps.get(step).ok_or_else(|| item.unexpected())?;
    Ok(Conference {
        record,
        track: t,
        step: s,
    })
}

/// The personnel record, or an error saying it is missing.
fn personnel_of(c: &Congress) -> Result<&PersonnelRecord> {
    c.personnel.as_ref().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidData,
            "the congress has no personnel procedure (`personnel`)",
        )
        .with_path("personnel")
    })
}

/// One item per conference held (`keep` chooses which), with the pin of `pin` if any.
fn step_items(
    c: &Congress,
    keep: impl Fn(&StepRecord) -> Option<(crate::vi::Date, Option<u32>, &'static str)>,
) -> Vec<Item> {
    let Some(record) = &c.personnel else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (t, track) in record.tracks.iter().enumerate() {
        for (s, step) in track.steps.iter().enumerate() {
            if let Some((date, pin, field)) = keep(step) {
                let path = Path::root()
                    .field("personnel")
                    .field("tracks")
                    .index(t)
                    .field("steps")
                    .index(s)
                    .join(&Path::from(field));
                out.push(Item::new(About::Step { track: t, step: s }, date).pin(pin, path));
            }
        }
    }
    out
}

/// The metadata of a conference's paper: `title`, and a file name from `stem` and the number
/// (the papers of the steps are told apart by their names, the ballots carrying no number).
fn conference_meta(
    kind: crate::registry::DocumentKind,
    item: &Item,
    title: String,
    subject: String,
    header: &crate::document::parts::Header,
    stem: &str,
) -> PaperMeta {
    let number = header.number.as_ref();
    let symbol = number.map(|n| n.symbol()).unwrap_or_default();
    PaperMeta::new(
        kind,
        item.about,
        title,
        subject,
        &header.issuer,
        header.date,
        number,
    )
    .with_stem(&format!("{stem} {symbol}"))
}

/// " — bước 2, tái cử".
fn step_suffix(step: Step, track: Track) -> String {
    format!(" — bước {}, {}", step.number(), track.label())
}

/// One person's line of a step's result.
#[derive(Debug, Clone, Serialize)]
struct ResultLine {
    name: String,
    agree: u32,
    disagree: u32,
    pct: Percent,
    passed: bool,
}

/// A step's counts and result, as the counts partial and the result tables read them.
#[derive(Debug, Clone, Serialize)]
struct StepResult {
    convened: u32,
    present: u32,
    /// Convened − present.
    absent_total: u32,
    absent: Vec<Absence>,
    /// Absent without a reason given.
    absent_unexplained: u32,
    /// Present against convened.
    present_pct: Percent,
    /// The quorum as printed ("2/3"), if the rule has one.
    quorum: Option<String>,
    quorum_ok: bool,
    issued: u32,
    returned: u32,
    valid: u32,
    invalid_total: u64,
    invalid: Vec<InvalidBallots>,
    /// What "more than half" is counted against, in words.
    base: &'static str,
    binding: bool,
    /// Every person in ballot order (given-name collation).
    candidates: Vec<ResultLine>,
    /// Those who passed, by agree votes (most first; ties in ballot order).
    passed: Vec<ResultLine>,
    /// Those who did not pass, in ballot order.
    failed: Vec<ResultLine>,
}

/// Evaluates one step with its rule.
fn step_result(input: &StepInput) -> Result<StepResult> {
    let rule = input.effective_rule();
    let outcome = evaluate_step(input, &rule)?;
    let mut candidates: Vec<(crate::vi::CollationKey, ResultLine)> = outcome
        .candidates
        .iter()
        .map(|c| {
            (
                c.name.key(),
                ResultLine {
                    name: c.name.full(),
                    agree: c.agree,
                    disagree: c.disagree,
                    pct: c.pct_of_convened,
                    passed: c.passed,
                },
            )
        })
        .collect();
    candidates.sort_by(|a, b| a.0.cmp(&b.0));
    let candidates: Vec<ResultLine> = candidates.into_iter().map(|(_, l)| l).collect();
    let mut passed: Vec<ResultLine> = candidates.iter().filter(|c| c.passed).cloned().collect();
    passed.sort_by_key(|c| std::cmp::Reverse(c.agree));
    let failed = candidates.iter().filter(|c| !c.passed).cloned().collect();
    let absent_total = input.convened.saturating_sub(input.present);
    let explained: u64 = input.absent.iter().map(|a| u64::from(a.count)).sum();
    Ok(StepResult {
        convened: input.convened,
        present: input.present,
        absent_total,
        absent: input
            .absent
            .iter()
            .filter(|a| a.count > 0)
            .cloned()
            .collect(),
        absent_unexplained: u32::try_from(u64::from(absent_total).saturating_sub(explained))
            .unwrap_or(0),
        present_pct: Percent::of(input.present, input.convened).unwrap_or_default(),
        quorum: rule.quorum.map(|(n, d)| format!("{n}/{d}")),
        quorum_ok: outcome.quorum_ok,
        issued: input.ballots.issued,
        returned: input.ballots.returned,
        valid: input.ballots.valid,
        invalid_total: input.ballots.invalid_total(),
        invalid: input
            .ballots
            .invalid
            .iter()
            .filter(|i| i.count > 0)
            .cloned()
            .collect(),
        base: match rule.base {
            Base::Convened => "tổng số được triệu tập",
            Base::Present => "số đồng chí có mặt",
            Base::ValidBallots => "số phiếu hợp lệ",
        },
        binding: rule.binding,
        candidates,
        passed,
        failed,
    })
}
