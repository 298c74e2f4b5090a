//! The agenda of the congress: the one the record gives, or the standard order of SPEC §4.4 for
//! its kind of congress; and the proceedings, required by the papers made from them.

use super::election::HeldBy;
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
    /// one item per election of the congress, the new committee's first session and its
    /// presentation (when the first session is held), the resolution, the closing.
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
        for (i, e) in self.elections.iter().enumerate() {
            if e.held_by == HeldBy::Congress {
                items.push(AgendaItem::new(Election, Some(i)));
            }
        }
        if p.first_session.is_some() {
            items.push(item(FirstSession));
            items.push(item(Presentation));
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

impl Congress {
    /// The first item of the agenda doing `step`, with the session it is held in (the n-th
    /// agenda session of a kind is the n-th congress session of that kind).
    pub(crate) fn agenda_item(
        &self,
        step: StepKind,
    ) -> Option<(AgendaItem, &super::organisation::Session)> {
        let agenda = self.agenda();
        for (s, session) in agenda.iter().enumerate() {
            if let Some(item) = session.items.iter().find(|i| i.step == step) {
                let nth = agenda[..s]
                    .iter()
                    .filter(|x| x.session == session.session)
                    .count();
                let held = self
                    .sessions
                    .iter()
                    .filter(|x| x.kind == session.session)
                    .nth(nth)?;
                return Some((item.clone(), held));
            }
        }
        None
    }
}
