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
use crate::rules::{summarize, Percent};

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

/// One summary per track that has steps, dated with its last step.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    let Some(record) = &c.personnel else {
        return Vec::new();
    };
    record
        .tracks
        .iter()
        .enumerate()
        .filter_map(|(t, track)| {
            let date = track.steps.iter().map(|s| s.date).max()?;
            Some(Item::new(About::Track { track: t }, date))
        })
        .collect()
}

pub(crate) fn build(c: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let About::Track { track } = item.about else {
        return Err(item.unexpected());
    };
    let record = personnel_of(c)?;
    let t = record.tracks.get(track).ok_or_else(|| item.unexpected())?;
    let summary = summarize(&t.procedure())
        .map_err(|e| e.with_path(Path::root().join(&item.about.path())))?;
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
    let header = Header::committee(c, None, item.date);
    let target = target(c);
    let meta = PaperMeta::new(
        DocumentKind::PersonnelSummary,
        item.about,
        format!("Bảng tổng hợp kết quả giới thiệu nhân sự {label}"),
        target.clone(),
        &header.issuer,
        header.date,
        None,
    )
    .with_stem(&format!("Bảng tổng hợp kết quả giới thiệu — {label}"));
    let view = PersonnelSummary {
        header,
        summary: format!("Kết quả giới thiệu nhân sự {label} tham gia {target} qua các bước"),
        target,
        track_label: label,
        table: Some(table),
        signature: Signature::standing(c, record),
    };
    Ok(Paper::new(meta, view))
}
