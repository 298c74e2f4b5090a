//! The agenda of the congress: the one the record gives, or the standard order of SPEC §4.4 for
//! its kind of congress; and the proceedings, required by the papers made from them.

use super::organisation::SessionKind;
use super::proceedings::{AgendaItem, AgendaSession, Proceedings, StepKind};
use super::record::Congress;

impl Congress {
    /// The proceedings, or an error naming `proceedings`: the programme, the script and the
    /// congress minutes are made from them.
    pub fn proceedings(&self) -> crate::Result<&Proceedings> {
        self.proceedings.as_ref().ok_or_else(|| {
            crate::Error::new(
                crate::ErrorKind::InvalidData,
                "the congress has no `proceedings` (working bodies, attendance, reports, votes): \
                 the programme, the script and the congress minutes are made from them",
            )
            .with_path("proceedings")
        })
    }

    /// The agenda: the one given in `proceedings.agenda`, or the standard order for this kind
    /// of congress (SPEC §4.4): working bodies and rules in the preparatory session when there
    /// is one, otherwise after the flag salute; reports, discussion, the superior's remarks,
    /// one item per election, the resolution, the closing.
    pub fn agenda(&self) -> Vec<AgendaSession> {
        let Some(p) = &self.proceedings else {
            return Vec::new();
        };
        if let Some(a) = &p.agenda {
            return a.clone();
        }
        let prep = self
            .sessions
            .iter()
            .any(|s| s.kind == SessionKind::Preparatory);
        let mut out = Vec::new();
        use StepKind::*;
        let item = |s| AgendaItem::new(s, None);
        if prep {
            out.push(AgendaSession {
                session: SessionKind::Preparatory,
                items: vec![item(AttendanceCheck), item(WorkingBodies), item(Rules)],
            });
        }
        let mut items = Vec::new();
        if !p.health_measures.is_empty() {
            items.push(item(Reception));
        }
        items.push(item(AttendanceCheck));
        items.push(item(FlagSalute));
        if !prep {
            items.push(item(WorkingBodies));
            items.push(item(Rules));
        }
        items.push(item(Opening));
        items.push(item(Credentials));
        for i in 0..p.reports.len() {
            items.push(AgendaItem::new(Report, Some(i)));
        }
        if !p.discussion.is_empty() {
            items.push(item(Discussion));
        }
        if !p.superior_remarks.is_empty() {
            items.push(item(SuperiorRemarks));
        }
        for i in 0..self.elections.len() {
            items.push(AgendaItem::new(Election, Some(i)));
        }
        items.push(item(Resolution));
        items.push(item(Closing));
        out.push(AgendaSession {
            session: SessionKind::Official,
            items,
        });
        out
    }
}
