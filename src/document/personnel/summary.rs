//! Bảng tổng hợp kết quả giới thiệu qua các bước — one track's results across its steps,
//! computed with `rules::summarize`. A person whom the standing committee (step 4) and the
//! executive committee (step 5) judged differently is flagged "Ban Thường vụ báo cáo cấp uỷ cấp
//! trên"; the paper never decides it.
//!
//! One column per step, whose head gives the convened and present (the same for everyone voted
//! on at that step) and whose cells give agree votes, percentage of the convened and "Đạt".

use serde::Serialize;

use super::{personnel_of, target};
use crate::congress::Congress;
use crate::document::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use crate::document::parts::{Header, Signature};
use crate::error::{Path, Result};
use crate::registry::DocumentKind;
use crate::rules::{summarize, Percent, Step};

/// The summary's view (`templates/personnel-summary.hbs`).
#[derive(Debug, Serialize)]
struct PersonnelSummary {
    header: Header,
    target: String,
    /// "Kết quả giới thiệu nhân sự tái cử tham gia … qua các bước".
    summary: String,
    track_label: &'static str,
    table: Option<SummaryTable>,
    signature: Signature,
}

#[derive(Debug, Serialize)]
struct SummaryTable {
    steps: Vec<SummaryStep>,
    /// The table's column widths ("5%,16%,…").
    columns: String,
    rows: Vec<SummaryLine>,
    disagreements: usize,
}

#[derive(Debug, Serialize)]
struct SummaryStep {
    number: u8,
    body: &'static str,
    convened: u32,
    present: u32,
    quorum_ok: bool,
}

#[derive(Debug, Serialize)]
struct SummaryLine {
    name: String,
    cells: Vec<Option<SummaryCell>>,
    disagreement: bool,
}

#[derive(Debug, Serialize)]
struct SummaryCell {
    agree: u32,
    pct: Percent,
    passed: bool,
    /// The step had a valid result (quorum met).
    valid: bool,
}

/// Per track: the summary of steps 1 to 3 that goes to the standing committee's second
/// conference (step 4, "có bảng tổng hợp kèm theo"), dated with it; and the summary of every
/// step, dated with the last.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    let Some(record) = &c.personnel else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (t, track) in record.tracks.iter().enumerate() {
        let step4 = track
            .steps
            .iter()
            .position(|s| s.counts.step == Step::StandingCommitteeSecond);
        if let Some(s) = step4 {
            let earlier = track
                .steps
                .iter()
                .any(|x| x.counts.step < Step::StandingCommitteeSecond);
            if earlier {
                out.push(Item::new(
                    About::Step { track: t, step: s },
                    track.steps[s].date,
                ));
            }
        }
        if let Some(date) = track.steps.iter().map(|s| s.date).max() {
            out.push(Item::new(About::Track { track: t }, date));
        }
    }
    out
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let (track, before) = match item.about {
        About::Track { track } => (track, None),
        About::Step { track, step } => (track, Some(step)),
        _ => return Err(item.unexpected()),
    };
    let record = personnel_of(c)?;
    let t = record.tracks.get(track).ok_or_else(|| item.unexpected())?;
    // The interim summary takes the steps held before the conference it goes to.
    let mut procedure = t.procedure();
    if let Some(s) = before {
        let until = t.steps.get(s).ok_or_else(|| item.unexpected())?.counts.step;
        procedure.steps.retain(|x| x.step < until);
    }
    let summary =
        summarize(&procedure).map_err(|e| e.with_path(Path::root().join(&item.about.path())))?;
    let steps: Vec<SummaryStep> = summary
        .steps
        .iter()
        .map(|s| SummaryStep {
            number: s.step.number(),
            body: s.step.body(),
            convened: s.convened,
            present: s.present,
            quorum_ok: s.quorum_ok,
        })
        .collect();
    let mut rows: Vec<(crate::vi::CollationKey, SummaryLine)> = summary
        .rows
        .iter()
        .map(|r| {
            let line = SummaryLine {
                name: r.name.full(),
                cells: r
                    .cells
                    .iter()
                    .zip(&summary.steps)
                    .map(|(c, s)| {
                        c.as_ref().map(|c| SummaryCell {
                            agree: c.agree,
                            pct: c.pct_of_convened,
                            passed: c.passed,
                            valid: s.quorum_ok,
                        })
                    })
                    .collect(),
                disagreement: r.standing_executive_disagreement,
            };
            (r.name.key(), line)
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    // TT, name and note take 35% of the width; the steps share the rest (13% each for five
    // steps: "45 (100,00%)" at 10 pt).
    let step_width = 65.0 / steps.len().max(1) as f32;
    let mut columns = String::from("5%,16%");
    for _ in 0..steps.len() {
        columns.push_str(&format!(",{step_width:.2}%"));
    }
    columns.push_str(if steps.is_empty() { ",79%" } else { ",14%" });
    let table = SummaryTable {
        disagreements: rows.iter().filter(|(_, r)| r.disagreement).count(),
        steps,
        columns,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    };
    let label = t.track.label();
    let through = match before {
        Some(_) => {
            let numbers: Vec<String> = procedure
                .steps
                .iter()
                .map(|s| s.step.number().to_string())
                .collect();
            match numbers.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!(" qua các bước {} và {last}", rest.join(", "))
                }
                _ => format!(" bước {}", numbers.join("")),
            }
        }
        None => " qua các bước".to_string(),
    };
    let header = Header::committee(c, None, item.date);
    let target = target(c);
    let meta = PaperMeta::new(
        DocumentKind::PersonnelSummary,
        item.about,
        format!("Bảng tổng hợp kết quả giới thiệu nhân sự {label}{through}"),
        target.clone(),
        &header.issuer,
        header.date,
        None,
    )
    .with_stem(&match before {
        Some(_) => format!("Bảng tổng hợp kết quả giới thiệu — {label} — {through}"),
        None => format!("Bảng tổng hợp kết quả giới thiệu — {label}"),
    });
    let view = PersonnelSummary {
        header,
        summary: format!("Kết quả giới thiệu nhân sự {label} tham gia {target}{through}"),
        target,
        track_label: label,
        table: Some(table),
        signature: Signature::standing(c, record),
    };
    Ok(Paper::new(meta, view))
}
