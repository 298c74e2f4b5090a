//! The Party's election tally and the personnel-procedure thresholds, as pure functions over
//! typed data: no rendering, no I/O, integer arithmetic only, and no panic on any input.
//!
//! - [`tally()`] applies SPEC §6.3 to one [`Election`] after checking every invariant of §6.5;
//!   [`next_round`] builds the skeleton of a re-ballot or further round.
//! - [`evaluate_step`] and [`summarize`] apply the thresholds of the five-step personnel
//!   procedure (§5) and build its summary table.
//! - [`Percent`] is the percentage the minutes print ("54,55%").
//!
//! ```
//! use daihoi::rules::{tally, Election, Status};
//!
//! let election = Election::from_json(r#"{
//!   "office": "secretary",
//!   "seats": 1,
//!   "candidates": [{ "name": { "ho": "Nguyễn", "dem": "Văn", "ten": "An" }, "votes": 6 }],
//!   "denominator": { "convened": 11 },
//!   "present": 10,
//!   "ballots": { "issued": 10, "returned": 10, "valid": 10 }
//! }"#)?;
//! let result = tally(&election)?;
//! assert_eq!(result.outcomes[0].status, Status::Elected);
//! assert_eq!(result.outcomes[0].percent.to_string(), "54,55%");
//! # Ok::<(), daihoi::Error>(())
//! ```

mod check;
mod election;
mod percent;
mod personnel;
mod tally;
mod text;

pub(crate) use check::namesakes;
pub use check::{MAX_CELL_COMMITTEE, MAX_COUNT};
pub use election::{
    BallotCounts, Candidate, CongressKind, Denominator, Election, Exclusion, ExclusionCount,
    FloorNomination, InvalidBallots, Office, RuleSet,
};
pub use percent::Percent;
pub use personnel::{
    evaluate_step, passes, quorum_ok, summarize, Absence, Base, InvalidStep, PersonnelProcedure,
    Step, StepCandidate, StepInput, StepOutcome, StepRule, StepVote, Summary, SummaryCell,
    SummaryRow, Track,
};
pub use tally::{next_round, tally, CandidateOutcome, Status, Tally, Tie};
