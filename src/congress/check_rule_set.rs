//! What the rule set allows (SPEC §2.2): a round2025 record may not use a rule of the 2020
//! round, nor a round2020 record one of the 2025 round; and a cell elects a chi uỷ only with 9
//! or more full members. (The 294-QĐ/TW denominator is checked with the tally, in `rules`.)

use super::conventions::DeputySigns;
use super::election::{Designation, ElectionRecord, Nominations};
use super::organisation::{OrgKind, Origin};
use super::record::Congress;
use super::validator::Validator;
use crate::rules::{Office, RuleSet};
use crate::vi;

/// The fewest full members of a cell that elects a chi uỷ (Quy định 29-QĐ/TW Mục 24;
/// Quy định 294-QĐ/TW, SPEC §2.2 "Cells").
pub const MIN_MEMBERS_FOR_CELL_COMMITTEE: u32 = 9;

/// Runs every check of this module.
pub(crate) fn check(v: &mut Validator, c: &Congress) {
    term(v, c);
    if let Some(o) = &c.origin {
        origin(v, c, o);
    }
    deputy_signature(v, c);
    cell_offices(v, c);
    for (i, e) in c.elections.iter().enumerate() {
        if let Some(d) = &e.designated {
            v.at(&format!("elections[{i}]"), |v| designation(v, c, i, e, d));
        }
        if let Some(n) = &e.nominations {
            v.at(&format!("elections[{i}]"), |v| nominations(v, c, e, n));
        }
    }
}

/// SPEC §2.2 "Cells": "no bí thư after the third round → the superior committee designates one";
/// only then.
fn designation(v: &mut Validator, c: &Congress, i: usize, e: &ElectionRecord, d: &Designation) {
    v.name("designated.name", &d.name);
    v.text("designated.by", &d.by);
    if e.office != Office::Secretary || c.organisation.kind == OrgKind::GrassrootsPartyOrg {
        v.problem(
            "designated",
            "only a cell's bí thư is designated by the superior committee, after three rounds without one",
        );
        return;
    }
    let elected = c.elected(i).map(|w| !w.is_empty()).unwrap_or(false);
    if e.rounds.len() < 3 || elected {
        v.problem(
            "designated",
            format!(
                "the superior committee designates a bí thư only when three rounds elected none; this election has {} round(s){}",
                e.rounds.len(),
                if elected { " and elected one" } else { "" }
            ),
        );
    }
}

/// SPEC §2.2 "Elections": the opinion vote on nominees (04-HD/TW Mẫu 4A/4B, 5) is of the 2025
/// round; its counts add up; a nominee with more than 30 % of those present is on the first
/// round's list, one without is not.
fn nominations(v: &mut Validator, c: &Congress, e: &ElectionRecord, n: &Nominations) {
    if c.rule_set == RuleSet::Round2020 {
        v.problem(
            "nominations",
            "the opinion ballot on nominees (Hướng dẫn 04-HD/TW, Mẫu 4A/4B and 5) is a round2025 rule; under round2020 the congress admits a nominee by show of hands — record it as \"floor_nominee\" on the candidate, or set \"rule_set\": \"round2025\"",
        );
    }
    if n.nominees.is_empty() {
        v.problem(
            "nominations.nominees",
            "an opinion vote needs at least one nominee",
        );
    }
    let b = &n.ballots;
    if b.issued > n.present {
        v.problem(
            "nominations.ballots.issued",
            format!(
                "issued ballots ({}) must not exceed those present ({})",
                b.issued, n.present
            ),
        );
    }
    if b.returned > b.issued {
        v.problem(
            "nominations.ballots.returned",
            format!(
                "returned ballots ({}) must not exceed issued ({})",
                b.returned, b.issued
            ),
        );
    }
    let accounted = u64::from(b.valid) + b.invalid_total();
    if u64::from(b.returned) != accounted {
        v.problem(
            "nominations.ballots.returned",
            format!(
                "returned ballots ({}) must equal valid ({}) + invalid ({}) = {accounted}",
                b.returned,
                b.valid,
                b.invalid_total()
            ),
        );
    }
    let first = e.rounds.first();
    // The base of the 30 % is those attending the round whose list the vote admits (190-QĐ/TW
    // via 04-HD/TW; SPEC §2.2): the tally checks the floor nominees against that round.
    if let Some(first) = first.filter(|r| r.present != n.present) {
        v.problem(
            "nominations.present",
            format!(
                "{} present at the opinion vote, but {} at the first round (rounds[0].present); the 30 % is of those attending the round whose list it admits — not of the congress's opening attendance, which counts members who do not vote",
                n.present, first.present
            ),
        );
    }
    for (k, x) in n.nominees.iter().enumerate() {
        v.at(&format!("nominations.nominees[{k}]"), |v| {
            v.name("name", &x.name);
            if x.agree > b.valid {
                v.problem(
                    "agree",
                    format!(
                        "{} \"Đồng ý\" ballots exceed the {} valid ones",
                        x.agree, b.valid
                    ),
                );
            }
        });
        let Some(first) = first else { continue };
        let on_list = first.candidates.iter().position(|y| y.name == x.name);
        match (n.admits(x.agree), on_list) {
            (true, None) => v.problem(
                &format!("nominations.nominees[{k}]"),
                format!(
                    "{} had {} of {} present (more than 30 %) and so is on the list: add them to rounds[0].candidates",
                    x.name, x.agree, n.present
                ),
            ),
            (false, Some(j)) => v.problem(
                &format!("rounds[0].candidates[{j}]"),
                format!(
                    "{} had {} of {} present at the opinion vote; the list admits a nominee with more than 30 % (at least {})",
                    x.name,
                    x.agree,
                    n.present,
                    n.needed()
                ),
            ),
            (_, Some(j)) => {
                if let Some(f) = &first.candidates[j].floor_nominee {
                    if f.approvals != x.agree {
                        v.problem(
                            &format!("rounds[0].candidates[{j}].floor_nominee.approvals"),
                            format!(
                                "{} approvals, but the opinion vote counted {} \"Đồng ý\" (nominations.nominees[{k}].agree); leave out floor_nominee, the opinion vote says it",
                                f.approvals, x.agree
                            ),
                        );
                    }
                }
            }
            (false, None) => {}
        }
    }
}

/// SPEC §2.2 "Terms and ordinals" (Hướng dẫn 06-HD/TW): "a merged unit continues its historical
/// count, a new unit starts at 'lần thứ I'"; the ordinal may not contradict the origin. The
/// appointment of a merged unit's committee is Chỉ thị 45-CT/TW's (round2025).
fn origin(v: &mut Validator, c: &Congress, o: &Origin) {
    let roman = |n: u16| vi::roman(u32::from(n)).unwrap_or_default();
    match o {
        Origin::New => {
            if let Some(n) = c.ordinal.filter(|&n| n != 1) {
                v.problem(
                    "ordinal",
                    format!(
                        "is {n} (lần thứ {}), but origin is \"new\": a new unit's first congress is lần thứ I (Hướng dẫn 06-HD/TW) — write 1, or say in origin which unit's count it continues",
                        roman(n)
                    ),
                );
            }
        }
        Origin::Unchanged { last_ordinal } => {
            if let Some(n) = c.ordinal {
                if u32::from(n) != u32::from(*last_ordinal) + 1 {
                    v.problem(
                        "ordinal",
                        format!(
                            "is {n}, but origin.unchanged.last_ordinal is {last_ordinal}: an unchanged unit's congress follows its last, lần thứ {}",
                            roman(last_ordinal.saturating_add(1))
                        ),
                    );
                }
            }
        }
        Origin::Merged {
            continues,
            last_ordinal,
            appointed,
        } => {
            v.text("origin.merged.continues", continues);
            if *last_ordinal == 0 {
                v.problem(
                    "origin.merged.last_ordinal",
                    "the first congress is number 1",
                );
            }
            if let Some(n) = c.ordinal {
                if u32::from(n) != u32::from(*last_ordinal) + 1 {
                    v.problem(
                        "ordinal",
                        format!(
                            "is {n} (lần thứ {}), but origin says the merged unit continues the count of {continues}, whose last congress was lần thứ {} (origin.merged.last_ordinal): this one is lần thứ {} ({}) (Hướng dẫn 06-HD/TW)",
                            roman(n),
                            roman(*last_ordinal),
                            roman(last_ordinal.saturating_add(1)),
                            u32::from(*last_ordinal) + 1
                        ),
                    );
                }
            }
            if let Some(a) = appointed {
                v.text("origin.merged.appointed.by", &a.by);
                if c.rule_set == RuleSet::Round2020 {
                    v.problem(
                        "origin.merged.appointed",
                        "the appointment of a merged unit's committee before its congress is a rule of Chỉ thị 45-CT/TW (round2025); set \"rule_set\": \"round2025\"",
                    );
                }
            }
        }
    }
}

/// SPEC §2.1 and §2.2 "Terms": a cell under a committee met twice in five years in the 2020
/// round; the 5-year term is the pilot of Quy định 294-QĐ/TW (round2025), which keeps the old
/// 2.5-year term for cells that have not passed to it.
fn term(v: &mut Validator, c: &Congress) {
    if c.organisation.kind != OrgKind::AffiliatedCell {
        return;
    }
    let years = c.term.end - c.term.start;
    match c.rule_set {
        RuleSet::Round2020 if years > 3 => v.problem(
            "term",
            format!(
                "{}–{}: under round2020 a cell under a đảng uỷ holds its congress twice in five years (a term of 2 or 3 years); the 5-year term is the pilot of Quy định 294-QĐ/TW — set \"rule_set\": \"round2025\"",
                c.term.start, c.term.end
            ),
        ),
        RuleSet::Round2025 if !matches!(years, 2 | 3 | 5) => v.problem(
            "term",
            format!(
                "{}–{}: under round2025 a cell's term is the 5-year pilot of Quy định 294-QĐ/TW or the old half term (2 or 3 years)",
                c.term.start, c.term.end
            ),
        ),
        _ => {}
    }
}

/// SPEC §2.2 "Format": under round2025 a committee's deputy signs "T/M … / PHÓ BÍ THƯ", without
/// K/T; "for_body" is a 2025 setting, not one of 36-HD.
fn deputy_signature(v: &mut Validator, c: &Congress) {
    let format = c.conventions().format;
    let authority = c.signer.authority.trim();
    if c.rule_set == RuleSet::Round2025
        && format.deputy_signs == DeputySigns::ForBody
        && authority.starts_with("K/T")
    {
        v.problem(
            "signer.authority",
            format!(
                "\"{authority}\": under round2025 a deputy signs for the body (\"T/M …\" over \"PHÓ BÍ THƯ\"), without K/T; write \"T/M …\" or set \"format\": {{\"deputy_signs\": \"for_head\"}}"
            ),
        );
    }
    if c.signer.acting {
        let title = c.signer.title.trim();
        let mark = format.acting_mark.trim();
        if title.starts_with(mark) || vi::upper(title).starts_with("QUYỀN") {
            v.problem(
                "signer.title",
                format!(
                    "\"{title}\": with \"acting\": true write the head's title alone (\"BÍ THƯ\"); the papers print \"{mark} BÍ THƯ\""
                ),
            );
        }
        if authority.starts_with("K/T") {
            v.problem(
                "signer.authority",
                format!(
                    "\"{authority}\": an acting head (\"acting\": true) signs for the body, \"T/M …\" over \"{mark} {title}\", not K/T"
                ),
            );
        }
    }
    if c.rule_set == RuleSet::Round2020 && c.format.deputy_signs == Some(DeputySigns::ForBody) {
        v.problem(
            "format.deputy_signs",
            "\"for_body\" is the 2025 signing rule (Quy định 399-QĐ/TW); a round2020 record signs \"K/T BÍ THƯ\" (Hướng dẫn 36-HD/VPTW point 1.7)",
        );
    }
}

/// SPEC §2.2 "Cells" (and §4.1): with 9 or more full members a cell elects a chi uỷ of at most
/// 7, then the bí thư and one phó bí thư from it; with fewer, a bí thư and, if needed, one phó.
fn cell_offices(v: &mut Validator, c: &Congress) {
    if c.organisation.kind == OrgKind::GrassrootsPartyOrg {
        return;
    }
    let full = c
        .proceedings
        .as_ref()
        .and_then(|p| p.attendance.membership.as_ref())
        .map(|m| m.full);
    for (i, e) in c.elections.iter().enumerate() {
        match &e.office {
            Office::CellCommittee => {
                if let Some(full) = full.filter(|&n| n < MIN_MEMBERS_FOR_CELL_COMMITTEE) {
                    v.problem(
                        &format!("elections[{i}].office"),
                        format!(
                            "a cell of {full} full members elects no chi uỷ: that needs at least {MIN_MEMBERS_FOR_CELL_COMMITTEE} (proceedings.attendance.membership.full); it elects a bí thư and, if needed, one phó bí thư"
                        ),
                    );
                }
            }
            Office::DeputySecretary if e.seats > 1 => v.problem(
                &format!("elections[{i}].seats"),
                format!("a cell elects one phó bí thư; seats is {}", e.seats),
            ),
            _ => {}
        }
    }
}
