//! The names a meeting puts on a round's list or takes off it (ứng cử, đề cử, rút khỏi danh
//! sách) and the secret opinion vote on nominees: the view pieces the script, the minutes and
//! the vote-count minutes share, and the one place each is built from the record.

use serde::Serialize;

use super::parts::{office_line, Meeting};
use crate::congress::{Congress, DocNumber, ElectionRecord};

/// One paper per election with an opinion vote on nominees (`elections[i].nominations`),
/// about the first round it precedes; its minutes' number may be pinned.
pub(crate) fn nomination_items(c: &Congress) -> Vec<crate::document::paper::Item> {
    c.elections
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let n = e.nominations.as_ref()?;
            let path = crate::error::Path::root()
                .field("elections")
                .index(i)
                .field("nominations")
                .field("minutes_number");
            Some(
                crate::document::paper::Item::new(
                    crate::document::paper::About::Round {
                        election: i,
                        round: 0,
                    },
                    e.date,
                )
                .pin(n.minutes_number, path),
            )
        })
        .collect()
}

/// The election and its opinion vote a paper of `nomination_items` is about, with the office
/// as papers name it.
pub(crate) fn nomination_of<'c>(
    c: &'c Congress,
    item: &crate::document::paper::Item,
) -> crate::error::Result<(&'c ElectionRecord, &'c crate::congress::Nominations, String)> {
    let crate::document::paper::About::Round { election, .. } = item.about else {
        return Err(item.unexpected());
    };
    let record = c.elections.get(election).ok_or_else(|| item.unexpected())?;
    let n = record
        .nominations
        .as_ref()
        .ok_or_else(|| item.unexpected())?;
    Ok((record, n, office_line(c, &record.office)))
}

/// One member nominated at the congress, as the opinion-vote minutes, the script and the
/// congress minutes print them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct NomineeLine {
    pub name: String,
    /// "Tự ứng cử", "Đồng chí Phạm Thị Lan đề cử".
    pub by: String,
    /// Tự ứng cử (`by` says "Tự ứng cử").
    pub self_nominated: bool,
    /// Who nominated them, "đồng chí Phạm Thị Lan" (`by` less its "đề cử"), as the partial
    /// `nominated-by` says it.
    pub nominator: String,
    pub agree: u32,
    /// Valid ballots not agreeing.
    pub disagree: u32,
    /// "Đồng ý" against those present ("44,44%").
    pub percent: String,
    /// More than 30 % of those present: on the list.
    pub admitted: bool,
}

/// The opinion vote of an election, as the script and the congress minutes tell it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct NominationsView {
    /// Its minutes, "03-BB/ĐH".
    pub minutes: String,
    pub present: u32,
    /// Ballots needed for admission (more than 30 % of those present).
    pub needed: u64,
    pub nominees: Vec<NomineeLine>,
}

impl NomineeLine {
    /// The nominees of `n`, in the order put forward.
    pub fn all(n: &crate::congress::Nominations) -> Vec<NomineeLine> {
        n.nominees
            .iter()
            .map(|x| {
                let (self_nominated, nominator) = nominator_of(&x.by);
                NomineeLine {
                    name: x.name.full(),
                    by: x.by.clone(),
                    self_nominated,
                    nominator,
                    agree: x.agree,
                    disagree: n.ballots.valid.saturating_sub(x.agree),
                    percent: crate::rules::Percent::of(x.agree, n.present)
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    admitted: n.admits(x.agree),
                }
            })
            .collect()
    }
}

/// A name the meeting itself put on a round's list (ứng cử, đề cử), as every paper says it: who
/// put it forward and the show of hands that admitted it ("hơn 30% số đại biểu chính thức có
/// mặt đồng ý", Quy chế bầu cử).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Nominee {
    /// "Tạ Quang Minh".
    pub name: String,
    /// Tự ứng cử (`by` says "Tự ứng cử").
    pub self_nominated: bool,
    /// Who nominated them, "đồng chí Lê Thành Vinh" (`by` less its "đề cử"); empty when the
    /// record does not say.
    pub nominator: String,
    /// Voters in favour of admitting the name.
    pub approvals: u32,
    /// Voters present.
    pub voters: u32,
    /// "68,64%".
    pub percent: String,
    /// "Đại hội" / "Hội nghị" (the partial `nominee-note`).
    pub meeting: &'static str,
}

/// A candidate of the earlier round left off this round's list, and why.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Withdrawn {
    /// "Đinh Công Sơn".
    pub name: String,
    /// "xin rút khỏi danh sách bầu cử lần thứ hai …, được Đại hội đồng ý".
    pub reason: String,
    /// The show of hands agreeing to it, when recorded.
    pub vote: Option<Figures>,
}

/// A show of hands in the words of a list's changes: "112/118 … có mặt", "94,92%".
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Figures {
    /// In favour.
    pub agree: u32,
    /// Present at the vote.
    pub voters: u32,
    /// "94,92%".
    pub percent: String,
}

/// How a round's list differs from the one the committee (or the earlier round) brought: the
/// names the meeting added, and the names withdrawn. The partial `list-changes` says it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListChanges {
    /// "Đại hội" / "Hội nghị".
    pub meeting: &'static str,
    /// "đại biểu chính thức" / "đảng viên chính thức" / "uỷ viên Ban Chấp hành".
    pub voters: String,
    /// Nominated by someone, in ballot order.
    pub nominated: Vec<Nominee>,
    /// Standing themselves, in ballot order.
    pub self_nominated: Vec<Nominee>,
    /// Every name added, in ballot order (for the show-of-hands figures).
    pub added: Vec<Nominee>,
    /// Withdrawn from this round's list.
    pub withdrawn: Vec<Withdrawn>,
    /// Anything to say: a name added or withdrawn.
    pub any: bool,
    /// The names were admitted by the secret opinion vote (round2025), not a show of hands.
    pub by_ballot: bool,
}

impl ListChanges {
    /// The changes of round `round` of election `election`.
    pub fn of(c: &Congress, election: usize, round: usize) -> crate::error::Result<ListChanges> {
        // The round exists (or this is an error), so its election does too.
        let e = c.election_round(election, round)?.election;
        let record = &c.elections[election];
        let meeting = Meeting::of(c, record);
        let voters = c.attendance_of(record).map(|a| a.voters()).unwrap_or(0);
        let added: Vec<Nominee> = e
            .candidates
            .iter()
            .filter_map(|x| {
                let f = x.floor_nominee.as_ref()?;
                let (self_nominated, nominator) = nominator_of(&f.by);
                Some(Nominee {
                    name: x.name.full(),
                    self_nominated,
                    nominator,
                    approvals: f.approvals,
                    voters,
                    percent: crate::rules::Percent::of(f.approvals, voters)
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    meeting: meeting.noun,
                })
            })
            .collect();
        let attendance = c.attendance_of(record);
        let withdrawn: Vec<Withdrawn> = record
            .rounds
            .get(round)
            .map(|r| {
                r.withdrawals
                    .iter()
                    .map(|w| Withdrawn {
                        name: w.name.full(),
                        reason: w.reason.clone(),
                        vote: w
                            .vote
                            .as_ref()
                            .zip(attendance.as_ref())
                            .map(|(v, a)| Figures {
                                agree: v.agree,
                                voters: v.voters(a),
                                percent: v.percent(a).map(|p| p.to_string()).unwrap_or_default(),
                            }),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(ListChanges {
            meeting: meeting.noun,
            voters: meeting.voters,
            nominated: added
                .iter()
                .filter(|n| !n.self_nominated)
                .cloned()
                .collect(),
            self_nominated: added.iter().filter(|n| n.self_nominated).cloned().collect(),
            any: !added.is_empty() || !withdrawn.is_empty(),
            by_ballot: round == 0
                && c.elections
                    .get(election)
                    .is_some_and(|e| e.nominations.is_some()),
            added,
            withdrawn,
        })
    }
}

impl ListChanges {
    /// Only the withdrawals (the note under an election list, whose table marks the added).
    pub fn withdrawals_only(mut self) -> ListChanges {
        self.nominated.clear();
        self.self_nominated.clear();
        self.added.clear();
        self.any = !self.withdrawn.is_empty();
        self
    }

    /// The note beside each name of the round's ballot (in ballot order): the nominee, for a
    /// name the meeting added.
    pub fn notes(&self, ballot: &[crate::rules::Candidate]) -> Vec<Option<Nominee>> {
        let mut added = self.added.iter();
        ballot
            .iter()
            .map(|x| x.floor_nominee.as_ref().and_then(|_| added.next().cloned()))
            .collect()
    }
}

impl NominationsView {
    /// The opinion vote of `elections[index]`, if it had one; `minutes` is the number of its
    /// minutes.
    pub fn of(c: &Congress, index: usize, minutes: Option<DocNumber>) -> Option<NominationsView> {
        let n = c.elections.get(index)?.nominations.as_ref()?;
        Some(NominationsView {
            minutes: minutes.map(|m| m.symbol()).unwrap_or_default(),
            present: n.present,
            needed: n.needed(),
            nominees: NomineeLine::all(n),
        })
    }
}

/// Who put a name forward, from the record's `by` ("Tự ứng cử", "Đồng chí Lê Thành Vinh đề
/// cử"): whether they stood themselves, and otherwise who nominated them ("đồng chí Lê Thành
/// Vinh"; empty when the record does not say).
fn nominator_of(by: &str) -> (bool, String) {
    let by = by.trim();
    if by.to_lowercase().starts_with("tự ứng cử") {
        return (true, String::new());
    }
    let who = by.strip_suffix("đề cử").unwrap_or(by).trim_end();
    (false, lower_first(who))
}

/// "Đồng chí Lê Thành Vinh" → "đồng chí Lê Thành Vinh" (only a leading "Đồng chí" is lowered:
/// names keep their capitals).
fn lower_first(s: &str) -> String {
    match s.strip_prefix("Đồng chí") {
        Some(rest) => format!("đồng chí{rest}"),
        None => s.to_string(),
    }
}
