//! The personnel procedure (quy trình nhân sự, SPEC §5) and the candidate profiles (danh sách
//! trích ngang, §4.9) as the record keeps them, and their checks.
//!
//! Every count lives once, in a step's [`StepInput`]; a person's year of birth and position live
//! once, in their [`CandidateProfile`], matched to the voted names. Results are never stored:
//! the papers compute them with the rules. Nothing here decides a disagreement between the
//! standing and the executive committee; the summary flags it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::organisation::{Reference, Signer};
use super::validate::Validator;
use super::Congress;
use crate::error::{Diagnostic, Path, Segment};
use crate::rules::{summarize, PersonnelProcedure, Step, StepInput, Track};
use crate::vi::{CollationKey, Date, PersonName, Time};

/// Giới tính — gender, as the candidate list prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

impl Gender {
    /// "Nam" / "Nữ".
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "Nam",
            Gender::Female => "Nữ",
        }
    }
}

/// Trình độ — education, in the three parts the candidate list prints.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Education {
    /// Giáo dục phổ thông, e.g. "12/12".
    pub general: String,
    /// Chuyên môn, nghiệp vụ, e.g. "Cử nhân Luật".
    pub professional: String,
    /// Lý luận chính trị, e.g. "Cao cấp", "Trung cấp".
    pub political_theory: String,
}

/// One person of the danh sách trích ngang (candidate summary list): everyone considered for
/// the new executive committee. The introduction ballot takes the year of birth and the
/// position from here, matching the voted name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateProfile {
    /// Họ và tên, in its parts; matched to the names of the personnel steps.
    pub name: PersonName,
    /// Nam / Nữ.
    pub gender: Gender,
    /// Ngày sinh.
    pub birth_date: Date,
    /// Quê quán, e.g. "Xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định".
    pub home_town: String,
    /// Dân tộc, e.g. "Kinh".
    pub ethnicity: String,
    /// Ngày vào Đảng.
    pub joined_party: Date,
    /// Ngày chính thức — the day the person became a full member.
    pub full_member: Date,
    /// Trình độ.
    pub education: Education,
    /// Chức vụ hiện nay, e.g. "Bí thư Đảng uỷ phường".
    pub position: String,
    /// Cấp uỷ hiện tại, e.g. "Uỷ viên Ban Thường vụ"; empty for none.
    #[serde(default)]
    pub committee: String,
    /// Dự kiến — proposed for re-election (tái cử) or for the first time (mới).
    pub proposed: Track,
    /// Ghi chú.
    #[serde(default)]
    pub note: String,
}

/// Someone with a role at a conference: "đồng chí Lê Thành Vinh, Bí thư Đảng uỷ phường".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The person.
    pub name: PersonName,
    /// Their position, e.g. "Bí thư Đảng uỷ phường"; may be empty.
    #[serde(default)]
    pub title: String,
}

/// Tổ kiểm phiếu — the vote-counting team of one conference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountingTeam {
    /// Tổ trưởng — the head, who signs the tally minutes.
    pub head: PersonName,
    /// Thành viên — the other members.
    #[serde(default)]
    pub members: Vec<PersonName>,
}

/// The number and date of a paper issued before a conference (its giấy triệu tập).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummonsIssue {
    /// The number in the committee's term (type TB); `None` leaves it to be written by hand.
    #[serde(default)]
    pub number: Option<u32>,
    /// The date of issue.
    pub date: Date,
}

/// One step of one track: the counts the rules evaluate, and what the papers of the step say.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRecord {
    /// The counts: step, convened, present, absences, ballots, and the people voted on (the
    /// step's list: its ballot prints exactly these names).
    pub counts: StepInput,
    /// The day of the conference.
    pub date: Date,
    /// Opening time.
    pub start: Time,
    /// Closing time.
    pub end: Time,
    /// Where.
    pub venue: String,
    /// Chủ trì — who presides.
    pub chair: Participant,
    /// Thư ký — who keeps the minutes.
    pub clerk: Participant,
    /// Thành phần — who is summoned, as the giấy triệu tập says it, e.g. "Các đồng chí uỷ viên
    /// Ban Chấp hành Đảng bộ phường; bí thư các chi bộ trực thuộc; …" (no final period).
    #[serde(default)]
    pub composition: String,
    /// Tổ kiểm phiếu.
    pub counting: CountingTeam,
    /// "Giới thiệu không quá … đồng chí" — the most people one ballot may agree to.
    pub seats: u32,
    /// The giấy triệu tập of the conference, if one is issued (steps 2, 3 and 5).
    #[serde(default)]
    pub summons: Option<SummonsIssue>,
    /// Number of the biên bản kiểm phiếu (type BB) in the committee's term; `None` leaves it
    /// blank.
    #[serde(default)]
    pub tally_number: Option<u32>,
    /// When the tally minutes were closed ("Biên bản lập xong hồi …").
    #[serde(default)]
    pub tally_closed_at: Option<Time>,
    /// Number of the biên bản hội nghị (type BB); `None` leaves it blank.
    #[serde(default)]
    pub minutes_number: Option<u32>,
    /// What was done before the ballot, one item per entry, as the minutes print them
    /// ("Đồng chí Bí thư quán triệt …").
    #[serde(default)]
    pub proceedings: Vec<String>,
}

/// One track (tái cử or lần đầu) with the steps held so far.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackRecord {
    /// Tái cử or lần đầu.
    pub track: Track,
    /// The steps held, each at most once.
    pub steps: Vec<StepRecord>,
}

impl TrackRecord {
    /// The rules' view of the track: its counts.
    pub fn procedure(&self) -> PersonnelProcedure {
        PersonnelProcedure {
            track: self.track,
            steps: self.steps.iter().map(|s| s.counts.clone()).collect(),
        }
    }
}

/// Hội nghị cán bộ chủ chốt — the conference of key officials (step 2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyOfficials {
    /// Its name, e.g. "Hội nghị cán bộ chủ chốt phường Bạch Mai".
    pub name: String,
    /// How many people the roster has; step 2 of each track must convene exactly them.
    pub roster: u32,
}

/// Quy trình nhân sự — the five-step personnel procedure of the congress (SPEC §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonnelRecord {
    /// The committee that runs it (steps 1 and 4, the papers' signer), e.g. "Ban Thường vụ Đảng
    /// uỷ phường Bạch Mai". The executive committee (steps 3 and 5) is
    /// `organisation.executive`.
    pub standing_committee: String,
    /// Who signs for it. Default: the congress's signer as "T/M BAN THƯỜNG VỤ".
    #[serde(default)]
    pub signer: Option<Signer>,
    /// Số lượng — the seats of the new executive committee (đề án nhân sự).
    pub seats: u32,
    /// Documents the summons cite ("Căn cứ Chỉ thị số 35-CT/TW …"), before the congress's own
    /// `bases`.
    #[serde(default)]
    pub bases: Vec<Reference>,
    /// The conference of key officials.
    pub key_officials: KeyOfficials,
    /// The tracks, each at most once: tái cử first, then lần đầu.
    pub tracks: Vec<TrackRecord>,
}

impl PersonnelRecord {
    /// The track, if recorded.
    pub fn track(&self, track: Track) -> Option<&TrackRecord> {
        self.tracks.iter().find(|t| t.track == track)
    }
}

impl Congress {
    /// The profile of `name`, matched in collation (so "Thuỷ" finds "Thủy").
    pub(crate) fn profile_of(&self, name: &PersonName) -> Option<&CandidateProfile> {
        let key = name.key();
        self.candidates.iter().find(|p| p.name.key() == key)
    }
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// Checks the profiles (`candidates[i]…`): names, texts, dates, one profile per name.
fn profiles(v: &mut Validator, candidates: &[CandidateProfile]) {
    let mut seen: BTreeMap<CollationKey, usize> = BTreeMap::new();
    for (i, p) in candidates.iter().enumerate() {
        v.at(&format!("candidates[{i}]"), |v| {
            v.name("name", &p.name);
            if let Some(first) = seen.insert(p.name.key(), i) {
                seen.insert(p.name.key(), first);
                v.problem(
                    "name",
                    format!(
                        "{} has two profiles (also candidates[{first}]); names on a ballot must tell people apart",
                        p.name
                    ),
                );
            }
            v.text("home_town", &p.home_town);
            v.text("ethnicity", &p.ethnicity);
            v.at("education", |v| {
                v.text("general", &p.education.general);
                v.text("professional", &p.education.professional);
                v.text("political_theory", &p.education.political_theory);
            });
            v.text("position", &p.position);
            v.optional_text("committee", &p.committee);
            v.optional_text("note", &p.note);
            if p.joined_party <= p.birth_date {
                v.problem(
                    "joined_party",
                    format!(
                        "joined the Party on {}, not after the birth date {}",
                        p.joined_party, p.birth_date
                    ),
                );
            }
            if p.full_member < p.joined_party {
                v.problem(
                    "full_member",
                    format!(
                        "became a full member on {}, before joining the Party on {}",
                        p.full_member, p.joined_party
                    ),
                );
            }
        });
    }
}

/// Checks the congress's `personnel` and `candidates`: every problem, each with its path.
pub(crate) fn check(v: &mut Validator, congress: &Congress) {
    profiles(v, &congress.candidates);
    let Some(record) = &congress.personnel else {
        return;
    };
    v.at("personnel", |v| check_record(v, record, congress));
    // A profile proposes one track; it must be the track that votes on the person.
    for (i, p) in congress.candidates.iter().enumerate() {
        let key = p.name.key();
        let other = record.tracks.iter().enumerate().find(|(_, t)| {
            t.track != p.proposed
                && t.steps
                    .iter()
                    .any(|s| s.counts.votes.iter().any(|v| v.name.key() == key))
        });
        if let Some((ti, t)) = other {
            v.problem(
                &format!("candidates[{i}].proposed"),
                format!(
                    "{} is proposed for {} but voted on in the {} track (personnel.tracks[{ti}])",
                    p.name,
                    p.proposed.label(),
                    t.track.label()
                ),
            );
        }
    }
}

fn check_record(v: &mut Validator, record: &PersonnelRecord, congress: &Congress) {
    v.text("standing_committee", &record.standing_committee);
    if let Some(s) = &record.signer {
        v.at("signer", |v| {
            v.text("authority", &s.authority);
            v.text("title", &s.title);
            v.name("name", &s.name);
        });
    }
    if record.seats == 0 {
        v.problem("seats", "the executive committee needs at least 1 seat");
    }
    v.at("key_officials", |v| {
        v.text("name", &record.key_officials.name);
        if record.key_officials.roster == 0 {
            v.problem("roster", "the roster needs at least 1 person");
        }
    });
    let mut tracks_seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (ti, t) in record.tracks.iter().enumerate() {
        v.at(&format!("tracks[{ti}]"), |v| {
            if let Some(first) = tracks_seen.insert(t.track.label(), ti) {
                v.problem(
                    "track",
                    format!(
                        "the {} track is given twice (also tracks[{first}])",
                        t.track.label()
                    ),
                );
            }
            if let Err(e) = summarize(&t.procedure()) {
                for d in e.diagnostics() {
                    v.extend(
                        "",
                        [Diagnostic::new(counts_path(&d.path), d.message.clone())],
                    );
                }
            }
            let mut by_step: Vec<&StepRecord> = t.steps.iter().collect();
            by_step.sort_by_key(|s| s.counts.step);
            for pair in by_step.windows(2) {
                if let [a, b] = pair {
                    if b.date < a.date {
                        let j = t
                            .steps
                            .iter()
                            .position(|s| std::ptr::eq(s, *b))
                            .unwrap_or(0);
                        v.problem(
                            &format!("steps[{j}].date"),
                            format!(
                                "step {} is dated {}, before step {} ({})",
                                b.counts.step.number(),
                                b.date,
                                a.counts.step.number(),
                                a.date
                            ),
                        );
                    }
                }
            }
            for (si, s) in t.steps.iter().enumerate() {
                v.at(&format!("steps[{si}]"), |v| {
                    check_step(v, record, congress, s);
                });
            }
        });
    }
}

/// Rules paths name the counts of `steps[j]`; ours nest them under `counts`.
fn counts_path(path: &Path) -> Path {
    match (path.index_after("steps"), path.segments()) {
        (Some(j), [_, _, rest @ ..]) if !rest.is_empty() => {
            let mut out = Path::root().field("steps").index(j).field("counts");
            for seg in rest {
                out = match seg {
                    Segment::Field(f) => out.field(f.clone()),
                    Segment::Index(i) => out.index(*i),
                };
            }
            out
        }
        _ => path.clone(),
    }
}

fn check_step(v: &mut Validator, record: &PersonnelRecord, congress: &Congress, s: &StepRecord) {
    let step = s.counts.step;
    if s.end <= s.start {
        v.problem(
            "end",
            format!("ends at {}, not after its start {}", s.end, s.start),
        );
    }
    if let Some(t) = s.tally_closed_at {
        if t < s.start {
            v.problem(
                "tally_closed_at",
                format!("{t} is before the conference opens ({})", s.start),
            );
        }
    }
    v.text("venue", &s.venue);
    v.at("chair", |v| participant(v, &s.chair));
    v.at("clerk", |v| participant(v, &s.clerk));
    counting_team(v, &s.counting);
    v.optional_text("composition", &s.composition);
    if let Some(issue) = &s.summons {
        if s.composition.trim().is_empty() {
            v.problem(
                "composition",
                "the summons says who is summoned (Thành phần): must not be empty",
            );
        }
        if issue.date > s.date {
            v.problem(
                "summons.date",
                format!(
                    "the summons is dated {}, after the conference ({})",
                    issue.date, s.date
                ),
            );
        }
        if issue.number == Some(0) {
            v.problem("summons.number", "numbers start at 1");
        }
    }
    for (field, n) in [
        ("tally_number", s.tally_number),
        ("minutes_number", s.minutes_number),
    ] {
        if n == Some(0) {
            v.problem(field, "numbers start at 1");
        }
    }
    for (i, p) in s.proceedings.iter().enumerate() {
        v.text(&format!("proceedings[{i}]"), p);
    }
    if s.seats == 0 {
        v.problem("seats", "at least 1 person must be introduced");
    } else if s.seats > record.seats {
        v.problem(
            "seats",
            format!(
                "introduces up to {} people, more than the {} seats of the committee (personnel.seats)",
                s.seats, record.seats
            ),
        );
    }
    if step == Step::KeyOfficials && s.counts.convened != record.key_officials.roster {
        v.problem(
            "counts.convened",
            format!(
                "convened ({}) differs from the key-officials roster ({}, personnel.key_officials.roster)",
                s.counts.convened, record.key_officials.roster
            ),
        );
    }
    let mut on_step: BTreeMap<CollationKey, usize> = BTreeMap::new();
    for (i, vote) in s.counts.votes.iter().enumerate() {
        let path = format!("counts.votes[{i}].name");
        v.name(&path, &vote.name);
        if let Some(first) = on_step.insert(vote.name.key(), i) {
            on_step.insert(vote.name.key(), first);
            v.problem(
                &path,
                format!(
                    "{} is listed twice in this step (also votes[{first}])",
                    vote.name
                ),
            );
        }
        if congress.profile_of(&vote.name).is_none() {
            v.problem(
                &path,
                format!(
                    "{} has no profile in `candidates`; the ballot prints the year of birth and position from it",
                    vote.name
                ),
            );
        }
    }
}

/// Checks a participant's name and title.
pub(crate) fn participant(v: &mut Validator, p: &Participant) {
    v.name("name", &p.name);
    v.optional_text("title", &p.title);
}

fn counting_team(v: &mut Validator, team: &CountingTeam) {
    v.at("counting", |v| {
        v.name("head", &team.head);
        for (i, m) in team.members.iter().enumerate() {
            v.name(&format!("members[{i}]"), m);
        }
    });
}
