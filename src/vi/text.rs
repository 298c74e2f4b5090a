//! Unicode normalisation and Vietnamese upper case.

use unicode_normalization::UnicodeNormalization as _;

/// The text in Unicode Normalization Form C, the form the crate stores and emits.
///
/// Vietnamese typed on some keyboards (and copied from some PDFs) arrives decomposed (NFD):
/// "ệ" as e + U+0302 + U+0323. Matching, sorting and PDF drawing all break on NFD, so every
/// input string goes through this function.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Whether the text is already in Normalization Form C.
pub fn is_nfc(s: &str) -> bool {
    s.chars().all(stands_alone) || unicode_normalization::is_nfc(s)
}

/// Whether `c` is a character that no normalisation changes, moves or joins to a neighbour
/// (combining class 0, NFC quick check "yes"): the Latin letters of ASCII and the Latin blocks
/// up to U+02FF, Vietnamese's precomposed letters (U+1E00–U+1EFF) and the punctuation of
/// U+2002–U+206F. A text of only these is NFC as it stands, with no table lookup; a test reads
/// every one of them against the Unicode tables.
pub(crate) fn stands_alone(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x1E00..=0x1EFF | 0x2002..=0x206F)
}

/// Vietnamese upper case, in NFC: "Đảng uỷ phường Bạch Mai" → "ĐẢNG UỶ PHƯỜNG BẠCH MAI".
///
/// Input in any normalisation form gives the same result. Spelling is kept as written: "uỷ"
/// becomes "UỶ" and "ủy" becomes "ỦY" (SPEC §7 keeps user text).
pub fn upper(s: &str) -> String {
    nfc(&s.to_uppercase())
}

/// Where the tone mark of the word "uỷ" sits: "uỷ" (on the y, as 36-HD's samples have it) or
/// "ủy" (on the u). Sources disagree (SPEC §2.2, §7, §9 row 7); both are NFC.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum UySpelling {
    /// "uỷ", "Uỷ", "UỶ" — the default.
    #[default]
    #[serde(rename = "uỷ")]
    ToneOnY,
    /// "ủy", "Ủy", "ỦY".
    #[serde(rename = "ủy")]
    ToneOnU,
}

/// The word "uỷ" in its three cases, spelt each way: (tone on y, tone on u).
const UY_FORMS: [(&str, &str); 3] = [("uỷ", "ủy"), ("Uỷ", "Ủy"), ("UỶ", "ỦY")];

/// `text` with every word "uỷ" spelt `to` ("Đảng uỷ" → "Đảng ủy", "UỶ BAN" → "ỦY BAN"). Only
/// the word itself changes: a syllable that ends in it ("Thuỷ", a name) is left as written.
/// Input and output are NFC.
pub fn respell_uy(text: &str, to: UySpelling) -> std::borrow::Cow<'_, str> {
    let pick = |(y, u): (&'static str, &'static str)| match to {
        UySpelling::ToneOnY => (u, y),
        UySpelling::ToneOnU => (y, u),
    };
    // Every form holds one of ủ Ủ ỷ Ỷ (U+1EE6, U+1EE7, U+1EF6, U+1EF7; E1 BB A6, A7, B6, B7 in
    // UTF-8): one pass over the bytes of a text without them, which most are.
    let uy_letter = |w: &[u8]| w[0] == 0xE1 && w[1] == 0xBB && w[2] | 0x11 == 0xB7;
    if !text.as_bytes().windows(3).any(uy_letter)
        || !UY_FORMS.iter().any(|&f| text.contains(pick(f).0))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut before: Option<char> = None;
    'scan: while !rest.is_empty() {
        // Every form starts with u, U, ủ or Ủ.
        if rest.starts_with(['u', 'U', 'ủ', 'Ủ']) && !before.is_some_and(char::is_alphabetic) {
            for form in UY_FORMS {
                let (from, into) = pick(form);
                if let Some(after) = rest.strip_prefix(from) {
                    if !after.chars().next().is_some_and(char::is_alphabetic) {
                        out.push_str(into);
                        rest = after;
                        before = into.chars().last();
                        continue 'scan;
                    }
                }
            }
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        rest = &rest[c.len_utf8()..];
        before = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

/// Shortens user input quoted in an error message, so a pasted paragraph does not flood it.
pub(super) fn excerpt(s: &str) -> String {
    const MAX_CHARS: usize = 40;
    match s.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{:?}…", &s[..cut]),
        None => format!("{s:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_input_is_normalised_to_nfc() {
        let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Be\u{302}\u{323}";
        assert!(!is_nfc(nfd));
        let out = nfc(nfd);
        assert_eq!(out, "Nguyễn Thị Bệ");
        assert!(is_nfc(&out));
    }

    #[test]
    fn the_characters_that_stand_alone_are_nfc_and_never_combine() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        let mut count = 0;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| stands_alone(c))
        {
            // Class 0 and "yes": nothing before or after it can change it, and it changes
            // nothing around it.
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
            count += 1;
        }
        assert_eq!(count, 0x300 + 0x100 + 0x6E);
        assert!(is_nfc("Nguyễn Thị Hoà — “Đảng uỷ”"));
        assert!(!is_nfc("Nguye\u{302}\u{303}n"));
        assert!(!is_nfc("A\u{30A}"));
        // A singleton that normalises to another character, beside the ranges.
        assert!(!is_nfc("\u{2000}"));
    }

    #[test]
    fn nfc_text_is_unchanged() {
        let s = "Đảng bộ phường Bạch Mai, nhiệm kỳ 2020 – 2025";
        assert!(is_nfc(s));
        assert_eq!(nfc(s), s);
    }

    #[test]
    fn upper_case_of_an_issuer_name() {
        assert_eq!(upper("Đảng uỷ phường Bạch Mai"), "ĐẢNG UỶ PHƯỜNG BẠCH MAI");
        assert_eq!(upper("Đảng ủy"), "ĐẢNG ỦY");
        assert_eq!(upper("chi bộ tổ dân phố số 9"), "CHI BỘ TỔ DÂN PHỐ SỐ 9");
        assert_eq!(upper("ư ơ ă â ê ô đ ỹ ự ặ"), "Ư Ơ Ă Â Ê Ô Đ Ỹ Ự Ặ");
    }

    #[test]
    fn upper_case_of_nfd_input_is_nfc() {
        let out = upper("U\u{309}y ban nha\u{302}n da\u{302}n");
        assert_eq!(out, "ỦY BAN NHÂN DÂN");
        assert!(is_nfc(&out));
    }

    #[test]
    fn the_word_uy_is_respelt_and_names_ending_in_it_are_not() {
        let to_u = |s| respell_uy(s, UySpelling::ToneOnU).into_owned();
        assert_eq!(
            to_u("T/M ĐẢNG UỶ, Uỷ ban Kiểm tra, Chi uỷ, cấp uỷ."),
            "T/M ĐẢNG ỦY, Ủy ban Kiểm tra, Chi ủy, cấp ủy."
        );
        assert_eq!(to_u("Nguyễn Thị Thuỷ, uỷ viên"), "Nguyễn Thị Thuỷ, ủy viên");
        let to_y = |s| respell_uy(s, UySpelling::ToneOnY).into_owned();
        assert_eq!(
            to_y("Đảng ủy phường; ỦY BAN; Thủy"),
            "Đảng uỷ phường; UỶ BAN; Thủy"
        );
        let out = to_u("<p>Chi uỷ</p>");
        assert_eq!(out, "<p>Chi ủy</p>");
        assert!(is_nfc(&out));
        // Each of the six forms, at the start, after a letter's neighbour and at the end.
        assert_eq!(to_y("Ủy ban; (ủy) ỦY"), "Uỷ ban; (uỷ) UỶ");
        assert_eq!(to_u("Uỷ ban; (uỷ) UỶ"), "Ủy ban; (ủy) ỦY");
        // A text without ủ Ủ ỷ Ỷ is given back as it is, not copied.
        assert!(matches!(
            respell_uy("Nguyễn Thị Thuý, ban chấp hành", UySpelling::ToneOnU),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
