//! What a rule set changes in the papers besides the tally: the texts cited in the "Căn cứ"
//! lines and the format choices of SPEC §2.2. The defaults of each rule set are set here and
//! nowhere else; the record may override each format choice (`format` in the congress file).
//! No I/O, no rendering.

use serde::{Deserialize, Serialize};

use crate::rules::RuleSet;
use crate::vi::{self, Date, UySpelling};

/// The Party texts a paper cites, as the "Căn cứ" lines name them (SPEC §2, §2.2 "Citations").
///
/// [`Citations::of`] gives every text of a rule set; a paper cites only those issued by its
/// own date ([`Citations::as_of`]): a congress held before Hướng dẫn 03-HD/TW of 20/3/2020
/// cannot have adopted its election rules "căn cứ" it. A text left out is `None` (`null` in
/// the template's context, so `{{#if @root.cite.election_guide}}` leaves its line out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Citations {
    /// Quy chế bầu cử trong Đảng: "Quy chế bầu cử trong Đảng ban hành kèm theo Quyết định số
    /// 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương" (190-QĐ/TW in 2025).
    pub election_regulation: Option<&'static str>,
    /// The decision alone, as the script reads it: "Quyết định số 244-QĐ/TW ngày 09/6/2014 của
    /// Ban Chấp hành Trung ương Đảng ban hành Quy chế bầu cử trong Đảng".
    pub election_decision: Option<&'static str>,
    /// The Secretariat's guidance on the election rules (03-HD/TW, 04-HD/TW).
    pub election_guide: Option<&'static str>,
    /// The charter rule on cells' elections (Quy định 29-QĐ/TW; Quy định 294-QĐ/TW).
    pub charter_rule: Option<&'static str>,
    /// When each text was issued.
    #[serde(skip)]
    issued: Issued,
}

/// The day each text of [`Citations`] was issued (the regulation's is its decision's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Issued {
    election_decision: Date,
    election_guide: Date,
    charter_rule: Date,
}

/// A date of the tables below (checked by a test).
const fn on(year: i32, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

const CITATIONS_2020: Citations = Citations {
    election_regulation: Some("Quy chế bầu cử trong Đảng ban hành kèm theo Quyết định số 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương"),
    election_decision: Some("Quyết định số 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương Đảng ban hành Quy chế bầu cử trong Đảng"),
    election_guide: Some("Hướng dẫn số 03-HD/TW ngày 20/3/2020 của Ban Bí thư hướng dẫn một số vấn đề cụ thể thực hiện Quy chế bầu cử trong Đảng"),
    charter_rule: Some("Quy định số 29-QĐ/TW ngày 25/7/2016 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng"),
    issued: Issued {
        election_decision: on(2014, 6, 9),
        election_guide: on(2020, 3, 20),
        charter_rule: on(2016, 7, 25),
    },
};

const CITATIONS_2025: Citations = Citations {
    election_regulation: Some("Quy chế bầu cử trong Đảng ban hành kèm theo Quyết định số 190-QĐ/TW ngày 10/10/2024 của Ban Chấp hành Trung ương"),
    election_decision: Some("Quyết định số 190-QĐ/TW ngày 10/10/2024 của Ban Chấp hành Trung ương Đảng ban hành Quy chế bầu cử trong Đảng"),
    election_guide: Some("Hướng dẫn số 04-HD/TW ngày 31/12/2024 của Ban Bí thư hướng dẫn một số vấn đề cụ thể thực hiện Quy chế bầu cử trong Đảng"),
    charter_rule: Some("Quy định số 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng"),
    issued: Issued {
        election_decision: on(2024, 10, 10),
        election_guide: on(2024, 12, 31),
        charter_rule: on(2025, 5, 26),
    },
};

impl Citations {
    /// The texts cited under `rule_set` (SPEC §2 table; §2.2 "Citations").
    pub fn of(rule_set: RuleSet) -> Citations {
        match rule_set {
            RuleSet::Round2020 => CITATIONS_2020,
            RuleSet::Round2025 => CITATIONS_2025,
        }
    }

    /// The texts a paper dated `date` can cite: those issued on or before it.
    pub fn as_of(self, date: Date) -> Citations {
        let by = |text: Option<&'static str>, issued: Date| text.filter(|_| issued <= date);
        Citations {
            election_regulation: by(self.election_regulation, self.issued.election_decision),
            election_decision: by(self.election_decision, self.issued.election_decision),
            election_guide: by(self.election_guide, self.issued.election_guide),
            charter_rule: by(self.charter_rule, self.issued.charter_rule),
            issued: self.issued,
        }
    }
}

/// How a committee's deputy signs (SPEC §2.2; 36-HD point 1.7).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeputySigns {
    /// "K/T BÍ THƯ / PHÓ BÍ THƯ" — on behalf of the head (`"for_head"`, 36-HD).
    ForHead,
    /// "T/M CHI BỘ / PHÓ BÍ THƯ" — on behalf of the body, no K/T (`"for_body"`, 2025 default).
    ForBody,
}

/// The format choices a congress file may set (`format` in the record); each left out takes
/// the default of the congress's rule set ([`Format::defaults`]). SPEC §2.2 and §9 row 7: these
/// are secondary-source points, hence settings.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatSettings {
    /// Write "Số:" with a colon. Default: false under both rule sets.
    #[serde(default)]
    pub colon_after_so: Option<bool>,
    /// The mark that ends a paper's body: "./." (round2020) or "." (round2025).
    #[serde(default)]
    pub body_end: Option<String>,
    /// What separates "Nơi nhận" items: "," (round2020) or ";" (round2025); the last ends ".".
    #[serde(default)]
    pub recipient_separator: Option<String>,
    /// How a deputy signs for a committee. Default: `for_head` (round2020), `for_body`
    /// (round2025).
    #[serde(default)]
    pub deputy_signs: Option<DeputySigns>,
    /// The verb addressing the superior on a tờ trình: "Kính gửi" (round2020) or "Kính trình"
    /// (round2025).
    #[serde(default)]
    pub submission_address: Option<String>,
    /// Whether a cell has a seal of its own; without one (the default under both rule sets)
    /// its ballots carry the stamp of the committee above it (SPEC §4.6, §2.2).
    #[serde(default)]
    pub cell_has_seal: Option<bool>,
    /// How the papers spell the word "uỷ" in their fixed wording ("Chi uỷ", "T/M ĐẢNG UỶ",
    /// "Uỷ ban Kiểm tra"): `"uỷ"` or `"ủy"`. The record's own text is printed as written.
    /// Default: "uỷ" under both rule sets (SPEC §2.2, §7, §9 row 7).
    #[serde(default)]
    pub uy_spelling: Option<UySpelling>,
    /// The mark before the head's title when an acting head signs (`signer.acting`): "Q."
    /// ("Q. BÍ THƯ"). Default: "Q." under both rule sets (SPEC §2.2).
    #[serde(default)]
    pub acting_mark: Option<String>,
}

/// The format choices in force for one congress: its rule set's defaults with the record's
/// settings applied. Every paper's template reads it as `@root.format`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Format {
    /// "Số:" rather than "Số".
    pub colon_after_so: bool,
    /// "./." or ".".
    pub body_end: String,
    /// "," or ";".
    pub recipient_separator: String,
    /// How a deputy signs for a committee.
    pub deputy_signs: DeputySigns,
    /// "Kính gửi" or "Kính trình".
    pub submission_address: String,
    /// Whether a cell's own papers carry a seal.
    pub cell_has_seal: bool,
    /// "uỷ" or "ủy" in the fixed wording.
    pub uy_spelling: UySpelling,
    /// "Q." before an acting head's title.
    pub acting_mark: String,
}

impl Format {
    /// The defaults of `rule_set` — the one place they are set (SPEC §2.2 "Format").
    pub fn defaults(rule_set: RuleSet) -> Format {
        match rule_set {
            RuleSet::Round2020 => Format {
                colon_after_so: false,
                body_end: "./.".to_string(),
                recipient_separator: ",".to_string(),
                deputy_signs: DeputySigns::ForHead,
                submission_address: "Kính gửi".to_string(),
                cell_has_seal: false,
                uy_spelling: UySpelling::ToneOnY,
                acting_mark: "Q.".to_string(),
            },
            RuleSet::Round2025 => Format {
                colon_after_so: false,
                body_end: ".".to_string(),
                recipient_separator: ";".to_string(),
                deputy_signs: DeputySigns::ForBody,
                submission_address: "Kính trình".to_string(),
                cell_has_seal: false,
                uy_spelling: UySpelling::ToneOnY,
                acting_mark: "Q.".to_string(),
            },
        }
    }
}

impl FormatSettings {
    /// The rule set's defaults with these settings applied.
    pub fn resolve(&self, rule_set: RuleSet) -> Format {
        let d = Format::defaults(rule_set);
        Format {
            colon_after_so: self.colon_after_so.unwrap_or(d.colon_after_so),
            body_end: self.body_end.clone().unwrap_or(d.body_end),
            recipient_separator: self
                .recipient_separator
                .clone()
                .unwrap_or(d.recipient_separator),
            deputy_signs: self.deputy_signs.unwrap_or(d.deputy_signs),
            submission_address: self
                .submission_address
                .clone()
                .unwrap_or(d.submission_address),
            cell_has_seal: self.cell_has_seal.unwrap_or(d.cell_has_seal),
            uy_spelling: self.uy_spelling.unwrap_or(d.uy_spelling),
            acting_mark: self.acting_mark.clone().unwrap_or(d.acting_mark),
        }
    }
}

/// What the papers of one congress follow besides its data: the texts cited and the format.
/// Templates read them at the root of every paper's context (`@root.cite`, `@root.format`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conventions {
    /// The texts cited.
    pub cite: Citations,
    /// The format choices.
    pub format: Format,
    /// The record's own phrases holding the word "uỷ", as written: the fixed wording follows
    /// `format.uy_spelling`, these stay as the record spells them (SPEC §7 "keep user text").
    #[serde(skip)]
    pub own_phrases: Vec<String>,
}

impl Conventions {
    /// `text` — a paper's markup or title — with the fixed wording's "uỷ" spelt as
    /// `format.uy_spelling` says and the record's own phrases as the record has them (in the
    /// form `escape` gives them in `text`, and in upper case). Applied to the whole markup, so
    /// every template and every Rust-made phrase follows the setting.
    pub fn spell(&self, text: &str, escape: impl Fn(&str) -> String) -> String {
        let to = self.format.uy_spelling;
        let mut out = match vi::respell_uy(text, to) {
            std::borrow::Cow::Borrowed(_) => return text.to_string(),
            std::borrow::Cow::Owned(respelt) => respelt,
        };
        for own in &self.own_phrases {
            for written in [escape(own), escape(&vi::upper(own))] {
                let respelt = vi::respell_uy(&written, to);
                if respelt != written.as_str() {
                    out = out.replace(respelt.as_ref(), &written);
                }
            }
        }
        out
    }
}

/// The phrases of `record` (the congress) that hold the word "uỷ" in either spelling, longest
/// first.
pub(crate) fn own_phrases<T: serde::Serialize>(record: &T) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    super::texts::for_each_text(record, &mut |_, s| {
        let other = vi::respell_uy(s, UySpelling::ToneOnU);
        let same = vi::respell_uy(s, UySpelling::ToneOnY);
        if (other != s || same != s) && !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    });
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "ngày 20/3/2020", as the texts write their own dates.
    fn written(d: Date) -> String {
        format!("ngày {:02}/{}/{}", d.day, d.month, d.year)
    }

    #[test]
    fn each_text_is_dated_as_it_names_its_own_date() {
        for rule_set in [RuleSet::Round2020, RuleSet::Round2025] {
            let c = Citations::of(rule_set);
            let pairs = [
                (c.election_regulation, c.issued.election_decision),
                (c.election_decision, c.issued.election_decision),
                (c.election_guide, c.issued.election_guide),
                (c.charter_rule, c.issued.charter_rule),
            ];
            for (text, issued) in pairs {
                let text = text.expect("every text of a rule set");
                assert!(text.contains(&written(issued)), "{text} / {issued}");
            }
        }
    }

    #[test]
    fn a_paper_cites_no_text_issued_after_its_date() {
        let c = Citations::of(RuleSet::Round2020);
        // Bạch Mai adopted its election rules on 18/3/2020, two days before 03-HD/TW.
        let before = c.as_of("2020-03-18".parse().unwrap());
        assert!(before.election_guide.is_none());
        assert_eq!(before.election_regulation, c.election_regulation);
        assert_eq!(before.charter_rule, c.charter_rule);
        // On the day of issue it may be cited.
        assert_eq!(c.as_of("2020-03-20".parse().unwrap()), c);
        let c = Citations::of(RuleSet::Round2025);
        let spring = c.as_of("2025-04-10".parse().unwrap());
        assert!(spring.charter_rule.is_none(), "294-QĐ/TW is of 26/5/2025");
        assert!(spring.election_guide.is_some() && spring.election_decision.is_some());
    }
}
