//! What the script is made from, and who plays which part: shared by the steps (`mod.rs`) and
//! the election blocks (`election.rs`).

use super::view::{Role, RoleKind};
use crate::congress::{AgendaSession, Congress, Participant, Proceedings, Session};
use crate::document::paper::PaperNumbers;

/// What the script is made from.
pub(super) struct Script<'a> {
    pub c: &'a Congress,
    pub p: &'a Proceedings,
    pub numbers: &'a PaperNumbers<'a>,
}

impl Script<'_> {
    /// The session an agenda session is held in: the n-th agenda session of a kind is the n-th
    /// congress session of that kind.
    pub fn session_of(&self, agenda: &[AgendaSession], i: usize) -> Option<&Session> {
        let kind = agenda.get(i)?.session;
        let nth = agenda[..i].iter().filter(|s| s.session == kind).count();
        self.c.sessions.iter().filter(|s| s.kind == kind).nth(nth)
    }

    /// The `i`-th member of the presidium, or the one chair of a small congress.
    pub fn presidium_role(&self, i: usize) -> Role {
        let list = &self.p.presidium;
        match list.get(i) {
            Some(x) if list.len() == 1 => Role::new(RoleKind::Chair, x.name.full()),
            Some(x) => Role::new(RoleKind::Presidium, x.name.full()),
            None => Role::new(RoleKind::PresidiumBody, String::new()),
        }
    }

    pub fn host_role(&self) -> Role {
        Role::new(RoleKind::Host, self.p.host.name.full())
    }

    pub fn secretary_role(&self, x: &Participant) -> Role {
        let kind = if self.p.secretariat.len() == 1 {
            RoleKind::Clerk
        } else {
            RoleKind::Secretariat
        };
        Role::new(kind, x.name.full())
    }
}
