//! The congress record: the one place every paper takes its names, dates and counts from.
//!
//! Types (deserialized from the congress file), loading (JSON → clean text once → `@people` →
//! typed; a file that needs no cleaning is read straight into the types), validation with paths in the user's file, cross-paper consistency, numbering,
//! proceedings, elections and the personnel procedure. This module imports the language
//! (`vi`), the rules, the error type and the per-thread memo (`memo`) — never a paper, a
//! template or a backend. Its files import each other one way only: the types, then the
//! record, then what reads the record.

mod agenda;
mod check_elections;
mod check_personnel;
mod check_proceedings;
mod check_results;
mod check_rule_set;
mod consistency;
mod conventions;
mod elected;
mod election;
mod load;
mod locate;
mod numbering;
mod organisation;
mod personnel;
mod proceedings;
mod quick;
mod record;
mod rounds;
mod texts;
mod validate;
mod validator;

pub use check_rule_set::MIN_MEMBERS_FOR_CELL_COMMITTEE;
pub use conventions::{Citations, Conventions, DeputySigns, Format, FormatSettings};
pub use election::{
    BodyMember, Designation, ElectionRecord, HeldBy, Nominations, Nominee, RoundCounts, Withdrawal,
};
pub(crate) use load::{for_each_string, text_problem};
pub use load::{load_congress, load_json};
pub use locate::line_in;
pub(crate) use numbering::{assign_numbers, NumberSlot, Numbers, Sequence};
pub use numbering::{CommitteePeriod, Numbering};
pub use organisation::{
    Appointment, ConvenedPerson, DocNumber, Guest, InvitationSettings, OrdinalStyle, OrgKind,
    Organisation, Origin, Reference, ScheduleItem, Session, SessionKind, Signer, SummonsSettings,
    Term,
};
pub use personnel::{
    CandidateProfile, CountingTeam, Education, Gender, KeyOfficials, Participant, PersonnelRecord,
    StepRecord, SummonsIssue, TrackRecord,
};
pub use proceedings::{
    Absence, AgendaItem, AgendaSession, Attendance, Breakdown, CategoryCount, Credentials,
    FirstSession, HandVote, Membership, NotQualified, Proceedings, Report, ReportToSuperior,
    Resolution, Speech, StepKind, Target,
};
pub use record::Congress;
pub use rounds::RoundTally;
pub(crate) use texts::for_each_text;
pub use validator::MAX_FIELD_CHARS;

pub use crate::rules::CongressKind;
