//! The invariants of SPEC §6.5 and the list rules of §6.4: every problem is collected, each
//! naming the count that is wrong and by how much. Errors stop a tally; warnings travel with it.

use crate::error::Diagnostic;

use super::election::{saturating_sum, BallotCounts, Candidate, Election, Office, RuleSet};

/// Counts above this are taken for typing mistakes: no grassroots congress, conference or
/// ballot comes near a million people.
pub const MAX_COUNT: u32 = 1_000_000;

/// The most members a chi ủy may have (Quy định 29-QĐ/TW, Mục 24).
pub const MAX_CELL_COMMITTEE: u32 = 7;

/// Problems found in one input: errors stop the computation, warnings are reported beside it.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl Findings {
    pub fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(Diagnostic::new(path.into(), message));
    }

    pub fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Diagnostic::new(path.into(), message));
    }

    /// Rejects a count too large to be real (its arithmetic would still be exact: all sums are
    /// u64).
    pub fn count(&mut self, path: impl Into<String>, value: u32) {
        if value > MAX_COUNT {
            self.error(
                path,
                format!(
                    "{value} is not a plausible count (at most {MAX_COUNT}); is a digit doubled?"
                ),
            );
        }
    }

    /// `issued ≤ present`, `returned ≤ issued`, `returned == valid + invalid`; `prefix` is the
    /// path of the struct holding `ballots` ("" or `"steps[2]."`).
    pub fn ballots(&mut self, prefix: &str, ballots: &BallotCounts, present: u32) {
        let BallotCounts {
            issued,
            returned,
            valid,
            invalid,
        } = ballots;
        let p = |field: &str| format!("{prefix}ballots.{field}");
        self.count(p("issued"), *issued);
        self.count(p("returned"), *returned);
        self.count(p("valid"), *valid);
        for (i, group) in invalid.iter().enumerate() {
            self.count(p(&format!("invalid[{i}].count")), group.count);
            if group.reason.trim().is_empty() && group.count > 0 {
                self.warn(
                    p(&format!("invalid[{i}].reason")),
                    "invalid ballots without a reason: the minutes print the reason",
                );
            }
        }
        if issued > &present {
            self.error(
                p("issued"),
                format!(
                    "issued ballots ({issued}) must not exceed those present ({present}); {} too many",
                    issued - present
                ),
            );
        }
        if returned > issued {
            self.error(
                p("returned"),
                format!(
                    "returned ballots ({returned}) must not exceed issued ({issued}); {} too many",
                    returned - issued
                ),
            );
        }
        let invalid_total = ballots.invalid_total();
        let accounted = u64::from(*valid) + invalid_total;
        let returned64 = u64::from(*returned);
        if returned64 != accounted {
            let tail = if returned64 > accounted {
                format!("{} unaccounted for", ballots_word(returned64 - accounted))
            } else {
                format!(
                    "{} more than were returned",
                    ballots_word(accounted - returned64)
                )
            };
            self.error(
                p("returned"),
                format!(
                    "returned ballots ({returned}) must equal valid ({valid}) + invalid ({invalid_total}) = {accounted}; {tail}"
                ),
            );
        }
    }
}

/// "1 ballot", "2 ballots".
fn ballots_word(n: u64) -> String {
    if n == 1 {
        "1 ballot".to_string()
    } else {
        format!("{n} ballots")
    }
}

/// "1 seat", "2 seats".
fn seats_word(n: u32) -> String {
    if n == 1 {
        "1 seat".to_string()
    } else {
        format!("{n} seats")
    }
}

/// Every check of an election before its tally (SPEC §6.4, §6.5).
pub(crate) fn election(e: &Election) -> Findings {
    let mut f = Findings::default();
    let d = &e.denominator;

    // Shape: counts that make a ballot meaningless.
    f.count("seats", e.seats);
    if e.seats == 0 {
        f.error("seats", "seats must be at least 1");
    }
    if e.round == 0 {
        f.error("round", "rounds are numbered from 1; found 0");
    }
    if e.candidates.is_empty() {
        f.error("candidates", "the election list has no candidates");
    }
    if e.office == Office::CellCommittee && e.seats > MAX_CELL_COMMITTEE {
        f.error(
            "seats",
            format!(
                "a chi ủy has at most {MAX_CELL_COMMITTEE} members (Quy định 29-QĐ/TW, Mục 24); seats is {}, {} too many",
                e.seats,
                e.seats - MAX_CELL_COMMITTEE
            ),
        );
    }

    // Denominator: Σ exclusions < convened, so D ≥ 1.
    f.count("denominator.convened", d.convened);
    for (i, x) in d.exclusions.iter().enumerate() {
        f.count(format!("denominator.exclusions[{i}].count"), x.count);
    }
    let convened = u64::from(d.convened);
    let excluded = d.excluded();
    if d.convened == 0 {
        f.error("denominator.convened", "convened must be at least 1");
    } else if excluded >= convened {
        f.error(
            "denominator.exclusions",
            format!(
                "exclusions ({excluded}) must be fewer than convened ({convened}); {} too many for a denominator of at least 1",
                excluded - convened + 1
            ),
        );
    }
    if e.rule_set == RuleSet::Round2025 {
        for (i, x) in d.exclusions.iter().enumerate() {
            if !x.kind.allowed_in(RuleSet::Round2025) && x.count > 0 {
                f.error(
                    format!("denominator.exclusions[{i}].kind"),
                    format!(
                        "under round2025 (Quy định 294-QĐ/TW 9.3.2) only temporary transfers and absent exempt members are excluded; \"{}\" ({}) is a 2020 exclusion: count them in the denominator",
                        x.kind.label(),
                        x.count
                    ),
                );
            }
        }
    }

    // Attendance and ballots.
    f.count("present", e.present);
    if e.present > d.convened {
        f.error(
            "present",
            format!(
                "present ({}) must not exceed convened ({}); {} too many",
                e.present,
                d.convened,
                e.present - d.convened
            ),
        );
    }
    f.ballots("", &e.ballots, e.present);
    if e.ballots.returned == 0 {
        f.error(
            "ballots.returned",
            "no ballots were returned: fill in the counts of this round",
        );
    }
    let dv = convened.saturating_sub(excluded);
    if dv > 0 && u64::from(e.ballots.returned) > dv {
        f.warn(
            "ballots.returned",
            format!(
                "returned ballots ({}) exceed the denominator ({dv}) by {}: check the exclusions",
                e.ballots.returned,
                u64::from(e.ballots.returned) - dv
            ),
        );
    }

    // Votes.
    let valid = e.ballots.valid;
    for (i, c) in e.candidates.iter().enumerate() {
        f.count(format!("candidates[{i}].votes"), c.votes);
        if c.votes > valid {
            f.error(
                format!("candidates[{i}].votes"),
                format!(
                    "votes for {} ({}) must not exceed valid ballots ({valid}); {} too many",
                    c.name,
                    c.votes,
                    c.votes - valid
                ),
            );
        }
    }
    let total = saturating_sum(e.candidates.iter().map(|c| c.votes));
    let cap = u64::from(valid) * u64::from(e.seats);
    if total > cap {
        f.error(
            "candidates",
            format!(
                "total votes ({total}) must not exceed valid ballots ({valid}) × seats ({}) = {cap}; {} too many",
                e.seats,
                total - cap
            ),
        );
    }
    // With a surplus every valid ballot keeps at least one name: one that keeps none is invalid
    // (SPEC §6.1). Without a surplus a ballot may give nobody a vote and stay valid.
    let on_list = e.candidates.len() as u64;
    if on_list > u64::from(e.seats) && total < u64::from(valid) {
        let short = u64::from(valid) - total;
        f.error(
            "candidates",
            format!(
                "total votes ({total}) must be at least valid ballots ({valid}) when {on_list} candidates stand for {}: a ballot that keeps no name on a list with surplus is invalid; {short} short, so at least {} kept no name and must be counted as invalid",
                seats_word(e.seats),
                ballots_word(short)
            ),
        );
    }

    list(&mut f, e);
    f
}

/// The list rules of §6.4: floor nominations, surplus; and names that cannot be told apart.
fn list(f: &mut Findings, e: &Election) {
    let present = u64::from(e.present);
    for (i, c) in e.candidates.iter().enumerate() {
        let Some(nomination) = &c.floor_nominee else {
            continue;
        };
        let path = format!("candidates[{i}].floor_nominee.approvals");
        let approvals = u64::from(nomination.approvals);
        f.count(path.clone(), nomination.approvals);
        if approvals > present {
            f.error(
                path,
                format!(
                    "approvals of the floor nomination of {} ({approvals}) must not exceed those present ({present}); {} too many",
                    c.name,
                    approvals - present
                ),
            );
        } else if 10 * approvals <= 3 * present {
            let message = format!(
                "floor nominee {} had {approvals} approvals of {present} present; admission to the list needs more than 30% (at least {})",
                c.name,
                3 * present / 10 + 1
            );
            match e.rule_set {
                RuleSet::Round2025 => f.error(path, message),
                RuleSet::Round2020 => f.warn(
                    path,
                    format!(
                        "{message} (190-QĐ/TW Art. 14, applied to 2020 as an inferred default)"
                    ),
                ),
            }
        }
    }

    let n = e.candidates.len() as u64;
    let seats = u64::from(e.seats);
    if n > seats && seats > 0 {
        let surplus = n - seats;
        let small_committee =
            e.rule_set == RuleSet::Round2025 && e.office.is_committee() && (3..=5).contains(&seats);
        if small_committee {
            if surplus > 1 {
                f.warn(
                    "candidates",
                    format!(
                        "surplus of {} over {}: committees of 3 to 5 members have a surplus of at most 1 (190-QĐ/TW)",
                        counted(surplus, "candidate"),
                        counted(seats, "seat")
                    ),
                );
            }
        } else if 10 * surplus > 3 * seats {
            let note = match e.rule_set {
                RuleSet::Round2025 => "190-QĐ/TW Art. 14",
                RuleSet::Round2020 => "190-QĐ/TW Art. 14, applied to 2020 as an inferred default",
            };
            f.warn(
                "candidates",
                format!(
                    "surplus of {} over {} exceeds 30% of the seats (at most {}; {note})",
                    counted(surplus, "candidate"),
                    counted(seats, "seat"),
                    3 * seats / 10
                ),
            );
        }
    } else if n < seats && n > 0 {
        f.warn(
            "candidates",
            format!(
                "fewer candidates ({n}) than seats ({seats}): at most {n} can be elected in this round"
            ),
        );
    }
    if e.office == Office::Secretary && e.seats > 1 {
        f.warn(
            "seats",
            format!("a committee has one bí thư; seats is {}", e.seats),
        );
    }
    if e.office == Office::Secretary && e.round > 3 {
        f.warn(
            "round",
            format!(
                "round {}: a chi bộ that has not elected its bí thư in 3 rounds has one appointed by the superior committee (Quy định 29-QĐ/TW, Mục 24)",
                e.round
            ),
        );
    }
    if let Office::Delegates { superior_congress } = &e.office {
        if superior_congress.trim().is_empty() {
            f.warn(
                "office.delegates.superior_congress",
                "the superior congress is not named: the minutes print \"đại hội cấp trên\"",
            );
        }
    }
    for (i, j) in namesakes(&e.candidates) {
        f.warn(
            format!("candidates[{j}].name"),
            format!(
                "{} has the same name as candidates[{i}]: the minutes cannot tell them apart",
                e.candidates[j].name
            ),
        );
    }
}

/// Each candidate whose name an earlier one of `candidates` has, with that earlier one: `(i,
/// j)`, `i < j`, positions in `candidates`. Namesakes may stand, but the ballot and the minutes
/// print the name twice — and one person entered twice reads the same way.
pub(crate) fn namesakes(candidates: &[Candidate]) -> Vec<(usize, usize)> {
    let mut first_seen = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (j, c) in candidates.iter().enumerate() {
        match first_seen.get(&c.name) {
            Some(&i) => out.push((i, j)),
            None => {
                first_seen.insert(&c.name, j);
            }
        }
    }
    out
}

/// "1 seat", "3 seats".
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
