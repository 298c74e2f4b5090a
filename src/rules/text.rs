//! A plain-text report of a tally for the command line, Vietnamese with English glosses.
//! Not the minutes: those come from templates.

use std::fmt::Write as _;

use super::election::Election;
use super::tally::{seats, Tally};

impl Tally {
    /// A readable report: the denominator and its parts, the counts, each candidate's votes,
    /// percentage and status, then the elected, the tie and the seats for a further round.
    ///
    /// `election` is the input the tally came from (for the office, names and counts).
    pub fn to_text(&self, election: &Election) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_text(&mut out, election);
        out
    }

    fn write_text(&self, out: &mut String, e: &Election) -> std::fmt::Result {
        let voters = e.kind.voters_label();
        writeln!(
            out,
            "Kết quả bầu {}, lần {} (tally, round {})",
            e.office.label(),
            self.round,
            self.round
        )?;
        writeln!(out, "Số lượng cần bầu (seats): {}", self.seats)?;
        let parts = &self.denominator_parts;
        writeln!(
            out,
            "Tổng số {voters} được triệu tập (convened): {}",
            parts.convened
        )?;
        for x in &parts.exclusions {
            writeln!(
                out,
                "  trừ {}: {} (excluded)",
                x.kind.label_for(e.kind),
                x.count
            )?;
        }
        writeln!(
            out,
            "Số làm căn cứ tính tỷ lệ (denominator D): {}; trúng cử phải được quá một nửa, ít nhất {} phiếu (more than half: at least {} votes)",
            self.denominator, self.votes_needed, self.votes_needed
        )?;
        let b = &e.ballots;
        writeln!(
            out,
            "Có mặt (present): {}; phiếu phát ra (issued): {}; thu về (returned): {}; hợp lệ (valid): {}; không hợp lệ (invalid): {}",
            e.present,
            b.issued,
            b.returned,
            b.valid,
            b.invalid_total()
        )?;
        for group in &b.invalid {
            writeln!(out, "  {} phiếu: {}", group.count, group.reason)?;
        }
        writeln!(out)?;

        let names: Vec<String> = self.outcomes.iter().map(|o| o.name.full()).collect();
        let width = names
            .iter()
            .map(|n| n.chars().count())
            .chain(["Họ và tên".chars().count()])
            .max()
            .unwrap_or(0);
        writeln!(
            out,
            "{:>3}  {:<width$}  {:>8}  {:>8}  Kết quả — status",
            "TT", "Họ và tên", "Số phiếu", "Tỷ lệ %"
        )?;
        for (i, (o, name)) in self.outcomes.iter().zip(&names).enumerate() {
            writeln!(
                out,
                "{:>3}  {:<width$}  {:>8}  {:>8}  {} — {}",
                i + 1,
                name,
                o.votes,
                o.percent.to_string(),
                o.status.label(),
                o.status.english()
            )?;
        }
        writeln!(out)?;

        let name_votes = |i: &usize| {
            self.outcomes
                .get(*i)
                .map(|o| format!("{} ({})", o.name, o.votes))
        };
        if self.elected.is_empty() {
            writeln!(out, "Không có ai trúng cử (nobody elected).")?;
        } else {
            let list: Vec<String> = self.elected.iter().filter_map(name_votes).collect();
            writeln!(out, "Trúng cử (elected, by votes): {}", list.join(", "))?;
        }
        if let Some(tie) = &self.tie {
            let list: Vec<String> = tie.candidates.iter().filter_map(name_votes).collect();
            writeln!(
                out,
                "Bằng phiếu ở vị trí cuối (tie at the cut-off): {}; bầu lại {} người trong số này (re-ballot among them for {})",
                list.join(", "),
                tie.seats_left,
                seats(tie.seats_left)
            )?;
        }
        if self.further_round_seats > 0 {
            writeln!(
                out,
                "Còn thiếu {}: bầu tiếp lần {} (further round for {})",
                self.further_round_seats,
                self.round.saturating_add(1),
                seats(self.further_round_seats)
            )?;
        }
        if !self.warnings.is_empty() {
            writeln!(out, "Cảnh báo (warnings):")?;
            for w in &self.warnings {
                writeln!(out, "  - {w}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::{tally, BallotCounts, Candidate, Denominator, Election, Office};
    use crate::vi::PersonName;

    #[test]
    fn the_report_names_the_denominator_its_parts_and_the_tie() {
        let votes = [28, 27, 26, 25, 24, 22, 19, 19, 12];
        let election = Election {
            office: Office::ExecutiveCommittee,
            seats: 7,
            round: 1,
            candidates: votes
                .iter()
                .enumerate()
                .map(|(i, &v)| Candidate {
                    name: PersonName::new("Nguyễn", "Văn", &format!("A{i}")),
                    votes: v,
                    floor_nominee: None,
                })
                .collect(),
            denominator: Denominator {
                convened: 30,
                exclusions: vec![],
            },
            present: 30,
            ballots: BallotCounts {
                issued: 30,
                returned: 30,
                valid: 30,
                invalid: vec![],
            },
            rule_set: Default::default(),
            kind: Default::default(),
        };
        let t = tally(&election).map_err(|e| e.to_string());
        let text = t.map(|t| t.to_text(&election)).unwrap_or_else(|e| e);
        assert!(text.contains("Kết quả bầu Ban Chấp hành, lần 1"), "{text}");
        assert!(text.contains("(denominator D): 30"), "{text}");
        assert!(text.contains("ít nhất 16 phiếu"), "{text}");
        assert!(text.contains("Nguyễn Văn A7"), "{text}");
        assert!(text.contains("63,33%"), "{text}");
        assert!(text.contains("re-ballot among them for 1 seat"), "{text}");
    }
}
