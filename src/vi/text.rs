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
    unicode_normalization::is_nfc(s)
}

/// Vietnamese upper case, in NFC: "Đảng uỷ phường Bạch Mai" → "ĐẢNG UỶ PHƯỜNG BẠCH MAI".
///
/// Input in any normalisation form gives the same result. Spelling is kept as written: "uỷ"
/// becomes "UỶ" and "ủy" becomes "ỦY" (SPEC §7 keeps user text).
pub fn upper(s: &str) -> String {
    nfc(&s.to_uppercase())
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
}
