//! The new committee in the script: its first session (held while the congress pauses, its
//! elections run as the congress's are) and its presentation to the congress (ra mắt).

use super::context::Script;
use super::view::*;
use crate::congress::{HeldBy, Proceedings};
use crate::document::parts::{committee_office, office_line, Person};
use crate::document::results::office_results;
use crate::error::Result;
use crate::rules::Office;

impl Script<'_> {
    /// The first session's block: who convenes and chairs it (until a secretary is elected,
    /// who then chairs), its attendance, and each of its elections.
    pub(super) fn first_session_view(&self) -> Result<Option<FirstSessionView>> {
        let c = self.c;
        let p: &Proceedings = self.p;
        let Some(fs) = p.first_session.as_ref() else {
            return Ok(None);
        };
        let office = committee_office(c);
        let attendance = fs.attendance(c.new_committee().len() as u32);
        let mut chair = fs.chair.name.full();
        let mut elections = Vec::new();
        let mut last_committee = None;
        let mut until_secretary = false;
        for (i, e) in c.elections.iter().enumerate() {
            if e.held_by != HeldBy::NewCommittee {
                continue;
            }
            let role = Role::new(RoleKind::SessionChair, chair.clone());
            let same = last_committee == Some(&e.vote_counting_committee);
            elections.push(self.election_view(i, role, true, same, &attendance)?);
            last_committee = Some(&e.vote_counting_committee);
            if e.office == Office::Secretary {
                until_secretary = true;
                if let Some(w) = c.elected(i)?.first() {
                    chair = w.name.full();
                }
            }
        }
        Ok(Some(FirstSessionView {
            committee: office_line(c, &office),
            label: office.label(),
            chair: Person::from(&fs.chair),
            chair_role: Role::new(RoleKind::SessionChair, fs.chair.name.full()),
            until_secretary,
            closing_role: Role::new(RoleKind::SessionChair, chair),
            clerk: Person::from(&fs.clerk),
            start: fs.start,
            end: fs.end,
            attendance: AttendanceView::new(&attendance),
            offices: c
                .elections
                .iter()
                .filter(|e| e.held_by == HeldBy::NewCommittee)
                .map(|e| e.office.label())
                .collect(),
            elections,
        }))
    }

    /// The presentation, run by `runner`: the first session's chair reports what it elected,
    /// the members come up, and the secretary speaks for the new committee.
    pub(super) fn presentation_view(&self, runner: &Role) -> Result<Option<PresentationView>> {
        let c = self.c;
        let Some(fs) = self.p.first_session.as_ref() else {
            return Ok(None);
        };
        let office = committee_office(c);
        let members: Vec<String> = c.new_committee().iter().map(|m| m.name.full()).collect();
        let secretary = c.elected_secretary().map(|s| Person {
            name: s.name.full(),
            title: String::new(),
        });
        Ok(Some(PresentationView {
            committee: office_line(c, &office),
            label: office.label(),
            size: members.len(),
            members,
            reporter: Person::from(&fs.chair),
            reporter_role: Role::new(RoleKind::Comrade, fs.chair.name.full()),
            reporter_runs: runner.name == fs.chair.name.full(),
            secretary_runs: secretary.as_ref().is_some_and(|s| s.name == runner.name),
            results: office_results(c, self.numbers)?
                .into_iter()
                .filter(|r| r.by_new_committee)
                .collect(),
            secretary_role: secretary
                .as_ref()
                .map(|s| Role::new(RoleKind::Comrade, s.name.clone())),
            secretary,
        }))
    }
}
