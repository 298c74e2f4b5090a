//! The new committee in the script: its first session (held while the congress pauses, its
//! elections run as the congress's are) and its presentation to the congress (ra mắt).

use super::context::Script;
use super::view::*;
use crate::congress::{HeldBy, Proceedings};
use crate::document::parts::{committee_office, office_line, Person};
use crate::document::results::office_results;
use crate::error::Result;

impl Script<'_> {
    /// The first session's block: the convener opens it and has it elect its chair (or
    /// presidium) and clerk by show of hands (QĐ 29-QĐ/TW mục 15.1), then the chair elected runs
    /// each of its elections and closes it.
    pub(super) fn first_session_view(&self) -> Result<Option<FirstSessionView>> {
        let c = self.c;
        let p: &Proceedings = self.p;
        let Some(fs) = p.first_session.as_ref() else {
            return Ok(None);
        };
        let office = committee_office(c);
        let attendance = fs.attendance(c.new_committee().len() as u32);
        let single = fs.presidium.len() <= 1;
        let head = fs.presidium.first().unwrap_or(&fs.chair);
        let kind = if single {
            RoleKind::SessionChair
        } else {
            RoleKind::SessionPresidium
        };
        let chair_role = Role::new(kind, head.name.full());
        let mut elections = Vec::new();
        let mut last_committee = None;
        for (i, e) in c.elections.iter().enumerate() {
            if e.held_by != HeldBy::NewCommittee {
                continue;
            }
            let same = last_committee == Some(&e.vote_counting_committee);
            elections.push(self.election_view(i, chair_role.clone(), single, same, &attendance)?);
            last_committee = Some(&e.vote_counting_committee);
        }
        let convener_role = Role::new(RoleKind::Convener, fs.chair.name.full());
        Ok(Some(FirstSessionView {
            committee: office_line(c, &office),
            label: office.label(),
            convener_runs: convener_role.name == chair_role.name,
            convener: Person::from(&fs.chair),
            convener_role,
            presidium: fs.presidium.iter().map(Person::from).collect(),
            presidium_size: fs.presidium.len(),
            single_chair: single,
            presidium_vote: fs
                .presidium_vote
                .as_ref()
                .map(|v| VoteView::new(v, &attendance)),
            chair_role,
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

    /// The presentation, run by `runner`: the first session's elected chair reports what it elected,
    /// the members come up, and the secretary speaks for the new committee.
    pub(super) fn presentation_view(&self, runner: &Role) -> Result<Option<PresentationView>> {
        let c = self.c;
        let Some(fs) = self.p.first_session.as_ref() else {
            return Ok(None);
        };
        // The chair the session elected reports its result.
        let head = fs.presidium.first().unwrap_or(&fs.chair);
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
            reporter: Person::from(head),
            reporter_role: Role::new(RoleKind::Comrade, head.name.full()),
            reporter_runs: runner.name == head.name.full(),
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
