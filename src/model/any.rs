//! Any document of a congress, and every document of one kind that a congress produces.

use serde::Serialize;

use super::{
    Ballot, CandidateList, ConferenceMinutes, ConferenceSummons, Congress, CongressMinutes,
    DocMeta, Document, DocumentKind, IntroductionBallot, IntroductionTallyMinutes, Invitation,
    PersonnelSummary, Programme, Script, Summons, VoteCountMinutes,
};
use crate::error::{Diagnostic, Result};

/// One document of any kind (for batches and packs).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
// Documents are built once and moved into a batch; boxing them would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum AnyDocument {
    /// Giấy mời.
    Invitation(Invitation),
    /// Thông báo triệu tập.
    Summons(Summons),
    /// Kịch bản điều hành đại hội.
    Script(Script),
    /// Phiếu bầu cử.
    Ballot(Ballot),
    /// Biên bản kiểm phiếu.
    VoteCountMinutes(VoteCountMinutes),
    /// Giấy triệu tập hội nghị (personnel procedure).
    ConferenceSummons(ConferenceSummons),
    /// Phiếu giới thiệu nhân sự.
    IntroductionBallot(IntroductionBallot),
    /// Biên bản kiểm phiếu giới thiệu.
    IntroductionTallyMinutes(IntroductionTallyMinutes),
    /// Biên bản hội nghị (personnel procedure).
    ConferenceMinutes(ConferenceMinutes),
    /// Bảng tổng hợp kết quả giới thiệu qua các bước.
    PersonnelSummary(PersonnelSummary),
    /// Danh sách trích ngang.
    CandidateList(CandidateList),
    /// Chương trình đại hội.
    Programme(Programme),
    /// Biên bản đại hội.
    CongressMinutes(CongressMinutes),
}

macro_rules! each {
    ($self:ident, $d:ident => $e:expr) => {
        match $self {
            AnyDocument::Invitation($d) => $e,
            AnyDocument::Summons($d) => $e,
            AnyDocument::Script($d) => $e,
            AnyDocument::Ballot($d) => $e,
            AnyDocument::VoteCountMinutes($d) => $e,
            AnyDocument::ConferenceSummons($d) => $e,
            AnyDocument::IntroductionBallot($d) => $e,
            AnyDocument::IntroductionTallyMinutes($d) => $e,
            AnyDocument::ConferenceMinutes($d) => $e,
            AnyDocument::PersonnelSummary($d) => $e,
            AnyDocument::CandidateList($d) => $e,
            AnyDocument::Programme($d) => $e,
            AnyDocument::CongressMinutes($d) => $e,
        }
    };
}

impl Document for AnyDocument {
    fn kind(&self) -> DocumentKind {
        each!(self, d => d.kind())
    }
    fn validate(&self) -> Vec<Diagnostic> {
        each!(self, d => d.validate())
    }
    fn meta(&self) -> DocMeta {
        each!(self, d => d.meta())
    }
    fn context(&self) -> Result<serde_json::Value> {
        each!(self, d => d.context())
    }
}

impl Congress {
    /// Every document of `kind` this congress produces, in order: one invitation per guest,
    /// one ballot and one set of minutes per election round, …
    ///
    /// Numbers follow [`Congress::numbers`].
    pub fn documents(&self, kind: DocumentKind) -> Result<Vec<AnyDocument>> {
        let mut out = Vec::new();
        match kind {
            DocumentKind::Invitation => {
                let numbers = self.numbers();
                for i in 0..self.guests.len() {
                    if let Some(inv) = Invitation::numbered(self, i, &numbers) {
                        out.push(AnyDocument::Invitation(inv));
                    }
                }
            }
            DocumentKind::Summons => out.push(AnyDocument::Summons(Summons::for_congress(self))),
            DocumentKind::Script => {
                if self.proceedings.is_some() {
                    out.push(AnyDocument::Script(Script::for_congress(self)?));
                }
            }
            DocumentKind::Ballot => {
                for (i, e) in self.elections.iter().enumerate() {
                    for r in 0..e.rounds.len() {
                        out.push(AnyDocument::Ballot(Ballot::for_round(self, i, r)?));
                    }
                }
            }
            DocumentKind::VoteCountMinutes => {
                for (i, e) in self.elections.iter().enumerate() {
                    for r in 0..e.rounds.len() {
                        let m = VoteCountMinutes::for_round(self, i, r)?;
                        out.push(AnyDocument::VoteCountMinutes(m));
                    }
                }
            }
            DocumentKind::ConferenceSummons
            | DocumentKind::IntroductionBallot
            | DocumentKind::IntroductionTallyMinutes
            | DocumentKind::ConferenceMinutes => {
                let Some(record) = &self.personnel else {
                    return Ok(out);
                };
                for track in &record.tracks {
                    for step in &track.steps {
                        let (t, n) = (track.track, step.counts.step);
                        out.push(match kind {
                            DocumentKind::ConferenceSummons => {
                                // Only the conferences that are summoned have one.
                                if step.summons.is_none() {
                                    continue;
                                }
                                AnyDocument::ConferenceSummons(ConferenceSummons::for_step(
                                    self, t, n,
                                )?)
                            }
                            DocumentKind::IntroductionBallot => AnyDocument::IntroductionBallot(
                                IntroductionBallot::for_step(self, t, n)?,
                            ),
                            DocumentKind::IntroductionTallyMinutes => {
                                AnyDocument::IntroductionTallyMinutes(
                                    IntroductionTallyMinutes::for_step(self, t, n)?,
                                )
                            }
                            _ => AnyDocument::ConferenceMinutes(ConferenceMinutes::for_step(
                                self, t, n,
                            )?),
                        });
                    }
                }
            }
            DocumentKind::PersonnelSummary => {
                if let Some(record) = &self.personnel {
                    for track in &record.tracks {
                        out.push(AnyDocument::PersonnelSummary(PersonnelSummary::for_track(
                            self,
                            track.track,
                        )?));
                    }
                }
            }
            DocumentKind::Programme => {
                if self.proceedings.is_some() {
                    out.push(AnyDocument::Programme(Programme::for_congress(self)?));
                }
            }
            DocumentKind::CongressMinutes => {
                if self.proceedings.is_some() {
                    out.push(AnyDocument::CongressMinutes(CongressMinutes::for_congress(
                        self,
                    )?));
                }
            }
            DocumentKind::CandidateList => {
                if !self.candidates.is_empty() {
                    out.push(AnyDocument::CandidateList(CandidateList::for_congress(
                        self,
                    )?));
                }
            }
        }
        Ok(out)
    }
}
