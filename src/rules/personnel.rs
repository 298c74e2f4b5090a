//! The five-step personnel procedure (quy trình 5 bước, SPEC §5): per-step quorum and pass
//! thresholds against the convened count, and the summary table (bảng tổng hợp) across steps.
//! Disagreements between the standing and the executive committee are flagged, never decided.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error, Result};
use crate::vi::PersonName;

use super::check::Findings;
use super::election::{saturating_sum, BallotCounts};
use super::percent::Percent;

/// A step of the procedure; in JSON its number, 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "u8", into = "u8")]
#[cfg_attr(feature = "schema", schemars(extend("minimum" = 1, "maximum" = 5)))]
pub enum Step {
    /// 1 — Ban thường vụ (lần 1): approves the list of eligible people for consultation.
    StandingCommitteeFirst,
    /// 2 — Hội nghị cán bộ chủ chốt (`KeyOfficials`): opinions by secret ballot.
    KeyOfficials,
    /// 3 — Ban chấp hành (lần 1): introduces by secret ballot.
    ExecutiveCommitteeFirst,
    /// 4 — Ban thường vụ (lần 2): votes the list for the executive committee.
    StandingCommitteeSecond,
    /// 5 — Ban chấp hành (lần 2): the final introduction by secret ballot.
    ExecutiveCommitteeSecond,
}

impl Step {
    /// The five steps in order.
    pub const ALL: [Step; 5] = [
        Step::StandingCommitteeFirst,
        Step::KeyOfficials,
        Step::ExecutiveCommitteeFirst,
        Step::StandingCommitteeSecond,
        Step::ExecutiveCommitteeSecond,
    ];

    /// The step's number, 1 to 5.
    pub fn number(self) -> u8 {
        match self {
            Step::StandingCommitteeFirst => 1,
            Step::KeyOfficials => 2,
            Step::ExecutiveCommitteeFirst => 3,
            Step::StandingCommitteeSecond => 4,
            Step::ExecutiveCommitteeSecond => 5,
        }
    }

    /// The step numbered `n`, if 1 ≤ n ≤ 5.
    pub fn from_number(n: u8) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.number() == n)
    }

    /// The body that votes, as documents name it: "Ban Thường vụ (lần 1)",
    /// "Hội nghị cán bộ chủ chốt", "Ban Chấp hành (lần 1)", …
    pub fn body(self) -> &'static str {
        match self {
            Step::StandingCommitteeFirst => "Ban Thường vụ (lần 1)",
            Step::KeyOfficials => "Hội nghị cán bộ chủ chốt",
            Step::ExecutiveCommitteeFirst => "Ban Chấp hành (lần 1)",
            Step::StandingCommitteeSecond => "Ban Thường vụ (lần 2)",
            Step::ExecutiveCommitteeSecond => "Ban Chấp hành (lần 2)",
        }
    }

    /// The default rule: more than half of the convened, binding, quorum 2/3 of the convened.
    ///
    /// Step 2's pass rule is not confirmed (SPEC §9 #1): its default is marked unverified, and
    /// applying it yields a warning.
    pub fn default_rule(self) -> StepRule {
        StepRule {
            base: Base::Convened,
            binding: true,
            quorum: Some((2, 3)),
            verified: self != Step::KeyOfficials,
        }
    }
}

impl From<Step> for u8 {
    fn from(step: Step) -> u8 {
        step.number()
    }
}

/// A step number outside 1 to 5.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidStep(pub u8);

impl fmt::Display for InvalidStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "steps are numbered 1 to 5; found {}", self.0)
    }
}

impl std::error::Error for InvalidStep {}

impl TryFrom<u8> for Step {
    type Error = InvalidStep;
    fn try_from(n: u8) -> std::result::Result<Step, InvalidStep> {
        Step::from_number(n).ok_or(InvalidStep(n))
    }
}

/// The two personnel tracks, each running all five steps: tái cử first, then lần đầu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Tái cử — members of the outgoing committee standing again (`"re_election"`).
    ReElection,
    /// Lần đầu — joining the committee for the first time (`"first_time"`).
    FirstTime,
}

impl Track {
    /// "tái cử" or "lần đầu".
    pub fn label(self) -> &'static str {
        match self {
            Track::ReElection => "tái cử",
            Track::FirstTime => "lần đầu",
        }
    }
}

/// What "more than half" is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// Số người được triệu tập — the convened (the verified rule of steps 3 to 5).
    Convened,
    /// Those present.
    Present,
    /// Valid ballots.
    ValidBallots,
}

/// The threshold of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StepRule {
    /// What more than half is counted against.
    pub base: Base,
    /// Whether the result decides (true) or only informs (false).
    pub binding: bool,
    /// Quorum as (numerator, denominator) of the convened who must be present; `None` for
    /// none. `[2, 3]` in JSON.
    pub quorum: Option<(u32, u32)>,
    /// Whether the rule is confirmed; an unverified rule yields a warning. Default: true.
    #[serde(default = "verified_default")]
    pub verified: bool,
}

fn verified_default() -> bool {
    true
}

/// Whether `present` meets a quorum of `ratio` = (numerator, denominator) of `convened`:
/// `denominator × present ≥ numerator × convened` (2/3: `3 × present ≥ 2 × convened`).
pub fn quorum_ok(present: u32, convened: u32, ratio: (u32, u32)) -> bool {
    let (num, den) = ratio;
    u64::from(den) * u64::from(present) >= u64::from(num) * u64::from(convened)
}

/// More than half: `2 × agree > base`.
pub fn passes(agree: u32, base: u32) -> bool {
    2 * u64::from(agree) > u64::from(base)
}

/// Absent people of one reason.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "StepAbsence"))]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// How many.
    pub count: u32,
    /// Why, as printed.
    pub reason: String,
}

/// Agree and disagree votes for one person at one step.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StepVote {
    /// The person.
    pub name: PersonName,
    /// Đồng ý giới thiệu.
    pub agree: u32,
    /// Không đồng ý giới thiệu. Default: 0.
    #[serde(default)]
    pub disagree: u32,
}

/// The counts of one step's conference (biên bản kiểm phiếu giới thiệu).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    /// The step.
    pub step: Step,
    /// Được triệu tập.
    pub convened: u32,
    /// Có mặt.
    pub present: u32,
    /// Vắng, by reason. Default: none.
    #[serde(default)]
    pub absent: Vec<Absence>,
    /// The ballot counts.
    pub ballots: BallotCounts,
    /// The people voted on, in ballot order.
    pub votes: Vec<StepVote>,
    /// A rule other than the step's default ([`Step::default_rule`]). Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<StepRule>,
}

impl StepInput {
    /// The rule that applies: [`StepInput::rule`] if given, else the step's default.
    pub fn effective_rule(&self) -> StepRule {
        self.rule.unwrap_or_else(|| self.step.default_rule())
    }
}

/// One person's result at one step.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct StepCandidate {
    /// The person.
    pub name: PersonName,
    /// Agree votes.
    pub agree: u32,
    /// Disagree votes.
    pub disagree: u32,
    /// Agree against the convened ("Tỷ lệ % so với tổng số được triệu tập").
    pub pct_of_convened: Percent,
    /// More than half of the rule's base, with the quorum met; false when there is no valid
    /// result.
    pub passed: bool,
}

/// The result of [`evaluate_step`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct StepOutcome {
    /// The step.
    pub step: Step,
    /// The rule applied.
    pub rule: StepRule,
    /// Được triệu tập.
    pub convened: u32,
    /// Có mặt.
    pub present: u32,
    /// The ballot counts (echo).
    pub ballots: BallotCounts,
    /// The value of the rule's base.
    pub base: u32,
    /// Whether the quorum is met. When it is not, the step has no valid result: nobody passes
    /// and the conference must be held again.
    pub quorum_ok: bool,
    /// Every person, in ballot order.
    pub candidates: Vec<StepCandidate>,
    /// Findings that do not stop the evaluation ("unverified rule", a failed quorum, …).
    pub warnings: Vec<Diagnostic>,
}

/// Checks one step's counts and applies `rule`: the quorum, then `2 × agree > base` per person.
///
/// Errors list every inconsistent count (present above convened, returned above issued,
/// agree + disagree above valid, …).
pub fn evaluate_step(input: &StepInput, rule: &StepRule) -> Result<StepOutcome> {
    let mut findings = Findings::default();
    check_step(&mut findings, "", input, rule);
    if !findings.errors.is_empty() {
        return Err(Error::invalid(
            &format!("personnel step {}", input.step.number()),
            findings.errors,
        ));
    }
    Ok(apply(input, rule, findings.warnings))
}

fn check_step(f: &mut Findings, prefix: &str, input: &StepInput, rule: &StepRule) {
    let p = |field: &str| format!("{prefix}{field}");
    let StepInput {
        convened, present, ..
    } = *input;
    f.count(p("convened"), convened);
    f.count(p("present"), present);
    if convened == 0 {
        f.error(p("convened"), "convened must be at least 1");
    }
    if present > convened {
        f.error(
            p("present"),
            format!(
                "present ({present}) must not exceed convened ({convened}); {} too many",
                present - convened
            ),
        );
    }
    let absent_total = saturating_sum(input.absent.iter().map(|a| a.count));
    let missing = u64::from(convened.saturating_sub(present));
    if absent_total > missing {
        f.error(
            p("absent"),
            format!(
                "absences ({absent_total}) must not exceed convened ({convened}) − present ({present}) = {missing}; {} too many",
                absent_total - missing
            ),
        );
    }
    f.ballots(prefix, &input.ballots, present);
    let valid = input.ballots.valid;
    for (i, v) in input.votes.iter().enumerate() {
        f.count(p(&format!("votes[{i}].agree")), v.agree);
        f.count(p(&format!("votes[{i}].disagree")), v.disagree);
        let cast = u64::from(v.agree) + u64::from(v.disagree);
        if cast > u64::from(valid) {
            f.error(
                p(&format!("votes[{i}]")),
                format!(
                    "agree ({}) + disagree ({}) for {} = {cast} must not exceed valid ballots ({valid}); {} too many",
                    v.agree,
                    v.disagree,
                    v.name,
                    cast - u64::from(valid)
                ),
            );
        }
    }
    if let Some((num, den)) = rule.quorum {
        if den == 0 || num > den {
            f.error(
                p("rule.quorum"),
                format!("a quorum is a fraction from 0/1 to 1/1; found {num}/{den}"),
            );
        }
    }
    if !rule.verified {
        f.warn(
            p("rule"),
            format!(
                "unverified rule: the pass rule of step {} ({}) is not confirmed; applied more than half of {}, {}",
                input.step.number(),
                input.step.body(),
                base_words(rule.base),
                if rule.binding { "binding" } else { "advisory" }
            ),
        );
    }
}

fn base_words(base: Base) -> &'static str {
    match base {
        Base::Convened => "the convened",
        Base::Present => "those present",
        Base::ValidBallots => "the valid ballots",
    }
}

/// Applies a checked rule to checked counts.
fn apply(input: &StepInput, rule: &StepRule, mut warnings: Vec<Diagnostic>) -> StepOutcome {
    let base = match rule.base {
        Base::Convened => input.convened,
        Base::Present => input.present,
        Base::ValidBallots => input.ballots.valid,
    };
    let quorum_ok = rule
        .quorum
        .is_none_or(|ratio| quorum_ok(input.present, input.convened, ratio));
    if let (false, Some((num, den))) = (quorum_ok, rule.quorum) {
        warnings.push(Diagnostic::new(
            "present",
            format!(
                "no valid result: present ({}) is below the quorum of {num}/{den} of convened ({}); the conference must be held again",
                input.present, input.convened
            ),
        ));
    }
    let candidates = input
        .votes
        .iter()
        .map(|v| StepCandidate {
            name: v.name.clone(),
            agree: v.agree,
            disagree: v.disagree,
            pct_of_convened: Percent::of(v.agree, input.convened).unwrap_or_default(),
            passed: quorum_ok && passes(v.agree, base),
        })
        .collect();
    StepOutcome {
        step: input.step,
        rule: *rule,
        convened: input.convened,
        present: input.present,
        ballots: input.ballots.clone(),
        base,
        quorum_ok,
        candidates,
        warnings,
    }
}

/// One track of the procedure with the counts of the steps held so far.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonnelProcedure {
    /// Tái cử or lần đầu.
    pub track: Track,
    /// The steps held, each at most once, in any order.
    pub steps: Vec<StepInput>,
}

/// One cell of the summary: one person at one step.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SummaryCell {
    /// Triệu tập.
    pub convened: u32,
    /// Có mặt.
    pub present: u32,
    /// Đồng ý.
    pub agree: u32,
    /// Không đồng ý.
    pub disagree: u32,
    /// Tỷ lệ % of the convened.
    pub pct_of_convened: Percent,
    /// Đạt.
    pub passed: bool,
}

/// One person's line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SummaryRow {
    /// The person.
    pub name: PersonName,
    /// One cell per step of [`Summary::steps`]; `None` where the person was not voted on.
    pub cells: Vec<Option<SummaryCell>>,
    /// The standing committee (step 4) and the executive committee (step 5) decided
    /// differently, both with valid results: the standing committee reports to the competent
    /// superior committee. Never decided here.
    pub standing_executive_disagreement: bool,
}

/// Bảng tổng hợp kết quả các bước — the summary across the steps of one track.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Summary {
    /// The track.
    pub track: Track,
    /// Every step held, in step order.
    pub steps: Vec<StepOutcome>,
    /// One row per person, in order of first appearance.
    pub rows: Vec<SummaryRow>,
    /// The steps' warnings (paths prefixed `steps[i].`) and one per disagreement.
    pub warnings: Vec<Diagnostic>,
}

/// Evaluates every step of `procedure` and builds the summary table. Errors list every
/// inconsistent count of every step, and a step held twice.
pub fn summarize(procedure: &PersonnelProcedure) -> Result<Summary> {
    let mut findings = Findings::default();
    let mut seen: HashMap<Step, usize> = HashMap::new();
    for (i, input) in procedure.steps.iter().enumerate() {
        if let Some(first) = seen.insert(input.step, i) {
            seen.insert(input.step, first);
            findings.error(
                format!("steps[{i}].step"),
                format!(
                    "step {} is given twice (also steps[{first}])",
                    input.step.number()
                ),
            );
        }
        check_step(
            &mut findings,
            &format!("steps[{i}]."),
            input,
            &input.effective_rule(),
        );
    }
    if !findings.errors.is_empty() {
        return Err(Error::invalid("personnel procedure", findings.errors));
    }

    let mut order: Vec<usize> = (0..procedure.steps.len()).collect();
    order.sort_by_key(|&i| procedure.steps.get(i).map(|s| s.step));
    let mut steps = Vec::with_capacity(order.len());
    let mut warnings = findings.warnings;
    for i in order {
        let Some(input) = procedure.steps.get(i) else {
            continue;
        };
        let outcome = apply(input, &input.effective_rule(), Vec::new());
        warnings.extend(
            outcome
                .warnings
                .iter()
                .map(|w| Diagnostic::new(format!("steps[{i}].{}", w.path), w.message.clone())),
        );
        steps.push(outcome);
    }

    // Rows keyed by (name, k): the k-th person of that name in a step, so namesakes stay apart.
    let mut rows: Vec<SummaryRow> = Vec::new();
    let mut row_of: HashMap<(PersonName, usize), usize> = HashMap::new();
    for (col, outcome) in steps.iter().enumerate() {
        let mut occurrences: HashMap<&PersonName, usize> = HashMap::new();
        for c in &outcome.candidates {
            let k = occurrences.entry(&c.name).or_insert(0);
            let key = (c.name.clone(), *k);
            *k += 1;
            let row = *row_of.entry(key).or_insert_with(|| {
                rows.push(SummaryRow {
                    name: c.name.clone(),
                    cells: vec![None; steps.len()],
                    standing_executive_disagreement: false,
                });
                rows.len() - 1
            });
            if let Some(cell) = rows.get_mut(row).and_then(|r| r.cells.get_mut(col)) {
                *cell = Some(SummaryCell {
                    convened: outcome.convened,
                    present: outcome.present,
                    agree: c.agree,
                    disagree: c.disagree,
                    pct_of_convened: c.pct_of_convened,
                    passed: c.passed,
                });
            }
        }
    }

    let column = |step: Step| steps.iter().position(|s| s.step == step && s.quorum_ok);
    if let (Some(btv), Some(bch)) = (
        column(Step::StandingCommitteeSecond),
        column(Step::ExecutiveCommitteeSecond),
    ) {
        for row in &mut rows {
            let passed = |col: usize| {
                row.cells
                    .get(col)
                    .and_then(|c| c.as_ref())
                    .map(|c| c.passed)
            };
            if let (Some(a), Some(b)) = (passed(btv), passed(bch)) {
                if a != b {
                    row.standing_executive_disagreement = true;
                    warnings.push(Diagnostic::new(
                        "",
                        format!(
                            "{}: {} and {} disagree ({} / {}); the standing committee reports to the competent superior committee for its opinion",
                            row.name,
                            Step::StandingCommitteeSecond.body(),
                            Step::ExecutiveCommitteeSecond.body(),
                            if a { "passed" } else { "not passed" },
                            if b { "passed" } else { "not passed" },
                        ),
                    ));
                }
            }
        }
    }

    Ok(Summary {
        track: procedure.track,
        steps,
        rows,
        warnings,
    })
}
