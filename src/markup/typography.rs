//! Typographic rules the resolver applies to text, so that both backends (and Word and
//! LibreOffice, which break the DOCX's lines themselves) keep together what a reader reads as
//! one unit:
//!
//! - set phrases, in every paragraph: year ranges ("2020 – 2025"), a figure and its words or
//!   percentage in brackets ("8 (tám)", "118 (một trăm mười tám)", "15 (100,00%)"), a document
//!   number after "Số" / "số" ("Số 01-GM/ĐU"; in running text, "số 08-NQ/ĐH" is not broken
//!   after its "-" or "/" either), the authority marks "T/M", "K/T", "TM.", "KT.", "TL.", a time
//!   and its weekday ("7h30’, Thứ Năm", "Chủ nhật"), an ordinal and a term ("thứ XXIV", and
//!   "LẦN THỨ XXIV" in upper case; in running text a line may break after "lần"), "nhiệm kỳ"
//!   before its years, in either case — a line may break after "kỳ", so a long unit
//!   never stretches the line before it (REVIEW item 11) —, and "(để b/c)" in a list of
//!   recipients, with the word before it ("Hai Bà Trưng (để b/c)": never alone on a line);
//! - in a centred paragraph (a title), "lần thứ" whole and "nhiệm kỳ" with the years after it: a title does not end
//!   with the years alone on its last line ("… lần thứ XXIV, / nhiệm kỳ 2020 – 2025"); and the
//!   two-syllable words of the Party's bodies and posts ("Uỷ ban", "Chi uỷ", "Bí thư";
//!   [`keep_title_words`]): a title does not read "Uỷ / ban Kiểm tra". A centred line does not
//!   stretch, so the longer units cost nothing;
//! - proper names, in every paragraph unless it says `keep-names="false"`: a run of capitalised words
//!   ("Bạch Mai", "Hai Bà Trưng", "Đoàn Kết") and a lone dash after a word. In an upper-cased
//!   paragraph (a header's unit, a heading) a name goes whole across its dash ("ĐOÀN KẾT - HAI
//!   BÀ TRƯNG", never "ĐOÀN KẾT -" / "HAI BÀ TRƯNG"). A name may break after the acronym of the
//!   kind of institution before it ("Trường THPT" / "Đoàn Kết"), and after the word that starts
//!   a post or a body in title case ("Ban / Thường vụ", "Trường / THPT") outside upper case.
//!
//! Both work by turning spaces into no-break spaces (U+00A0), and a number cited in running text
//! by a word joiner (U+2060, drawn as nothing) after each "-" or "/" inside it. Pure string
//! functions; never panic.

pub(crate) use crate::tree::NBSP;

/// U+2060 WORD JOINER: no line break on either side, nothing drawn.
pub(crate) const WORD_JOINER: char = '\u{2060}';

/// Number words that may stand in brackets after a figure: "52 (năm mươi hai)".
const NUMBER_WORDS: &[&str] = &[
    "không", "một", "hai", "ba", "bốn", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi",
    "mốt", "lăm", "linh", "lẻ", "trăm", "nghìn", "ngàn", "triệu", "tỷ",
];

/// Weekday names after "Thứ".
const WEEKDAYS: &[&str] = &["Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy"];

/// Marks that stand before an authority in a signature block.
const AUTHORITY_MARKS: &[&str] = &["T/M", "K/T", "TM.", "KT.", "TL.", "TUQ."];

/// Punctuation that may follow a word without changing what it is.
fn trim_punct(w: &str) -> &str {
    w.trim_start_matches(['(', '“', '"', '‘'])
        .trim_end_matches([',', '.', ';', ':', ')', '”', '"', '’', '!', '?'])
}

fn is_year(w: &str) -> bool {
    let w = trim_punct(w);
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}

fn is_dash(w: &str) -> bool {
    matches!(w, "–" | "-" | "—")
}

/// A figure: digits, with "." between thousands.
fn is_figure(w: &str) -> bool {
    let w = w.trim_start_matches(['(', '“', '"']);
    !w.is_empty()
        && w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && w.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// "7h30’," or "14h00" (a time as `vi::Time` prints it, with what may follow it).
fn is_time(w: &str) -> bool {
    let w = w.trim_end_matches([',', '’', '\'']);
    let Some((h, m)) = w.split_once('h') else {
        return false;
    };
    (1..=2).contains(&h.len())
        && h.bytes().all(|b| b.is_ascii_digit())
        && m.len() == 2
        && m.bytes().all(|b| b.is_ascii_digit())
}

/// A bracketed word that continues "figure (…": a number word or a percentage.
fn in_figure_brackets(w: &str) -> bool {
    let w = w
        .trim_start_matches('(')
        .trim_end_matches([')', ',', '.', ';', ':']);
    NUMBER_WORDS.contains(&w)
        || (w.ends_with('%')
            && w.trim_end_matches('%')
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b','))
}

/// The most words inside "figure (…)" that stay on one line with the figure.
const SHORT_BRACKET: usize = 3;

/// How many words the bracket that closes at `w[close]` holds.
fn bracket_len(w: &[&str], close: usize) -> usize {
    let open = w[..=close]
        .iter()
        .rposition(|x| x.starts_with('('))
        .unwrap_or(close);
    close + 1 - open
}

/// Whether the space between words `w[k]` and `w[k + 1]` is inside a set phrase.
fn joins(w: &[&str], k: usize, bracket: &mut Option<usize>) -> bool {
    let (a, b) = (w[k], w[k + 1]);
    let c = w.get(k + 2).copied();
    let prev = k.checked_sub(1).map(|i| w[i]);
    // Inside "figure (words …)": until the closing bracket. A bracket of more than
    // [`SHORT_BRACKET`] words may break inside, but not before its last two words: "118 (một
    // trăm / mười tám)" — a unit that long would stretch the line before it (REVIEW item 11).
    if let Some(close) = *bracket {
        if k < close {
            return close - k == 1 || bracket_len(w, close) <= SHORT_BRACKET;
        }
        *bracket = None;
    }
    if is_figure(a) && b.starts_with('(') && in_figure_brackets(b) {
        // Join the whole bracket when it holds only number words or a percentage.
        let mut words = w[k + 1..].iter();
        let mut closed = false;
        let mut ok = true;
        for x in words.by_ref() {
            if !in_figure_brackets(x) {
                ok = false;
                break;
            }
            if x.contains(')') {
                closed = true;
                break;
            }
        }
        if ok && closed {
            let close = w.len() - words.len() - 1;
            *bracket = (close > k + 1).then_some(close);
            return true;
        }
    }
    (is_year(a) && is_dash(b) && c.is_some_and(is_year))
        || (is_dash(a) && prev.is_some_and(is_year) && is_year(b))
        || (matches!(a.trim_start_matches('('), "Số" | "số" | "Số:")
            && b.bytes().next().is_some_and(|x| x.is_ascii_digit()))
        || AUTHORITY_MARKS.contains(&a)
        || (is_time(a) && matches!(b, "Thứ" | "Chủ"))
        || (a == "Thứ" && WEEKDAYS.contains(&trim_punct(b)))
        || (a == "Chủ" && trim_punct(b) == "nhật")
        // "LẦN THỨ XXIV" in a heading; in running text "lần / thứ XVII" may break before the
        // ordinal (a three-word unit stretched the line before it 18 times in the samples).
        || (trim_punct(a) == "LẦN" && b == "THỨ")
        || (matches!(a, "thứ" | "THỨ")
            && prev.is_some_and(|p| matches!(trim_punct(p), "lần" | "LẦN")))
        || (matches!(trim_punct(a), "nhiệm" | "NHIỆM") && matches!(b, "kỳ" | "KỲ"))
        || (a == "(để" && is_bc(b))
        || (b == "(để" && c.is_some_and(is_bc))
}

/// "b/c)" after "(để": "(để b/c)", "(để b/c),", "(để b/c);".
fn is_bc(w: &str) -> bool {
    matches!(w, "b/c)" | "b/c)," | "b/c);" | "b/c).")
}

/// Whether the space between words `w[k]` and `w[k + 1]` of a centred paragraph keeps "nhiệm
/// kỳ" with the years after it.
fn joins_in_title(w: &[&str], k: usize) -> bool {
    (matches!(w[k], "kỳ" | "KỲ")
        && k > 0
        && matches!(trim_punct(w[k - 1]), "nhiệm" | "NHIỆM")
        && is_year(w[k + 1]))
        || (trim_punct(w[k]) == "lần" && w[k + 1] == "thứ")
}

/// The two-syllable words of the Party's bodies and posts that a title keeps on one line: "Uỷ /
/// ban Kiểm tra" reads as a broken word there ([`keep_title_words`]). Lower case after the
/// first syllable in title case; both syllables in upper case.
const TITLE_WORDS: &[(&str, &str)] = &[
    ("Uỷ", "ban"),
    ("Ủy", "ban"),
    ("UỶ", "BAN"),
    ("ỦY", "BAN"),
    ("Uỷ", "viên"),
    ("Ủy", "viên"),
    ("UỶ", "VIÊN"),
    ("ỦY", "VIÊN"),
    ("Bí", "thư"),
    ("BÍ", "THƯ"),
    ("Chấp", "hành"),
    ("CHẤP", "HÀNH"),
    ("Thường", "vụ"),
    ("THƯỜNG", "VỤ"),
    ("Kiểm", "tra"),
    ("KIỂM", "TRA"),
];

/// `text` of a centred paragraph (a title) with the two-syllable words of the Party's bodies and
/// posts on one line: those of [`TITLE_WORDS`], and a committee named by the word before "uỷ"
/// ("Chi uỷ", "Đảng uỷ", "Quận uỷ", "cấp uỷ"; not "với / uỷ viên"). Applied after
/// [`keep_names_together`], which would take "Chấp hành" for a name's word and join it to the
/// next ("Chấp hành Đảng").
pub(crate) fn keep_title_words(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (k, w) in words.iter().enumerate() {
        out.push_str(w);
        if k + 1 < words.len() {
            out.push(if title_word(&words, k) { NBSP } else { ' ' });
        }
    }
    out
}

/// Whether words `w[k]` and `w[k + 1]` (each possibly a unit of words already joined by no-break
/// spaces) meet inside one of [`keep_title_words`]' words.
fn title_word(w: &[&str], k: usize) -> bool {
    let a = w[k].rsplit(NBSP).next().unwrap_or_default();
    let mut rest = w[k + 1].split(NBSP);
    let b_word = rest.next().unwrap_or_default();
    let b = trim_punct(b_word);
    // Not across punctuation: "…, / uỷ" is no word, nor "( uỷ".
    if a.is_empty() || trim_punct(a) != a || !b_word.starts_with(b) || b.is_empty() {
        return false;
    }
    if matches!(b, "uỷ" | "ủy" | "UỶ" | "ỦY") {
        // The syllable after "uỷ": "uỷ viên", "uỷ ban" start a word of their own.
        let after = if b == b_word {
            rest.next().or_else(|| w.get(k + 2).copied())
        } else {
            None
        };
        return !after.is_some_and(|x| {
            let x = trim_punct(x.split(NBSP).next().unwrap_or_default());
            matches!(x, "viên" | "ban" | "VIÊN" | "BAN")
        });
    }
    TITLE_WORDS.contains(&(a, b))
}



/// `text` with no-break spaces inside its set phrases (see the module doc); `centred` for a
/// centred paragraph.
pub(crate) fn protect_set_phrases(text: &str, centred: bool) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() < 2 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut bracket = None;
    let mut was_cited = false;
    for k in 0..words.len() {
        // A number cited after "số", or the next of a list of them: "số 01-BB/ĐU, 02-BB/ĐU".
        let cited = k > 0
            && (words[k - 1].trim_start_matches('(') == "số"
                || (was_cited && words[k - 1].ends_with(',')))
            && words[k].bytes().next().is_some_and(|x| x.is_ascii_digit());
        was_cited = cited;
        if cited {
            // "08-NQ/ĐH": UAX #14 allows a break after "-" and "/" before a letter.
            let mut chars = words[k].chars().peekable();
            while let Some(c) = chars.next() {
                out.push(c);
                if matches!(c, '-' | '/') && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
                    out.push(WORD_JOINER);
                }
            }
        } else {
            out.push_str(words[k]);
        }
        if k + 1 < words.len() {
            let keep = !words[k].is_empty()
                && !words[k + 1].is_empty()
                && (joins(&words, k, &mut bracket) || (centred && joins_in_title(&words, k)));
            out.push(if keep { NBSP } else { ' ' });
        }
    }
    out
}

/// What [`keep_names_together`] asks of a word, found in one pass over its letters.
#[derive(Clone, Copy)]
struct Case {
    /// The word starts a proper name: its first letter is a capital and it is not an acronym
    /// ("THPT", "XXVI": all capitals, two letters or more).
    capitalised: bool,
    /// The word may stand in a name: capitalised, or an acronym of two letters or more
    /// ("THPT").
    name_word: bool,
}

impl Case {
    fn of(word: &str) -> Case {
        let (mut letters, mut first_upper, mut rest_lower, mut all_upper) = (0, false, false, true);
        for c in word.chars() {
            // Vietnamese letters are mostly outside ASCII: ask the Unicode tables only for them,
            // the case tables first (every cased character is alphabetic, and the alphabetic
            // table is the slow one).
            let (upper, lower) = if c.is_ascii() {
                if !c.is_ascii_alphabetic() {
                    continue;
                }
                (c.is_ascii_uppercase(), c.is_ascii_lowercase())
            } else {
                let (upper, lower) = (c.is_uppercase(), c.is_lowercase());
                if !upper && !lower && !c.is_alphabetic() {
                    continue;
                }
                (upper, lower)
            };
            if letters == 0 {
                first_upper = upper;
            } else {
                rest_lower |= lower;
            }
            all_upper &= upper;
            letters += 1;
        }
        let capitalised = first_upper && (letters == 1 || rest_lower);
        Case {
            capitalised,
            name_word: capitalised || (letters >= 2 && all_upper),
        }
    }
}

/// The most words a name kept on one line has before a dash may leave it.
const LONGEST_NAME: usize = 4;

/// Words that stand before a place's name without being part of it: "Phường / Bạch Mai" may
/// break after "Phường" in a narrow cell.
const PLACE_PREFIXES: &[&str] = &["Phường", "Quận", "Huyện", "Xã", "Tỉnh"];

/// Words that start a post or a body in title case without being a name: "Phó Trưởng / Công an
/// phường", "Ban / Thường vụ", "Hội / Liên hiệp Phụ nữ", "Tổ / Toán – Tin" may break after them
/// ("Phó" stays with the word after it: "Phó Bí thư", "Phó Chủ tịch"). Kept
/// whole, such a post was wider than its table column and squeezed the column beside it
/// (issue 9); people's names and places stay whole.
const POST_PREFIXES: &[&str] = &["Trưởng", "Ban", "Hội", "Tổ", "Uỷ", "Ủy", "Chủ", "Trường"];

/// Whether a word ends a name: it ends with punctuation.
fn ends_name(word: &str) -> bool {
    word.ends_with([',', ';', ':', '.', ')', '!', '?', '”'])
}

/// `text` with no-break spaces inside its proper names — runs of two or more capitalised words,
/// in the text's own case ("Đảng uỷ phường Bạch Mai": "Bạch Mai") — and before a dash that
/// stands alone ("Đoàn Kết - Hai Bà Trưng": the dash ends a line, never starts one).
///
/// A line may then break inside a name only when the name is wider than the line (the layout
/// warns when it has to).
///
/// A line may break after an acronym that stands before a capitalised word ("Trường THPT /
/// Đoàn Kết": the kind of institution, then its name).
///
/// `upper` for a paragraph that is upper-cased (a header's unit, a heading): there a name goes
/// whole across its dash, however long. Such lines are centred or left-aligned, so a long unit
/// stretches nothing.
pub(crate) fn keep_names_together(text: &str, upper: bool) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let cases: Vec<Case> = words.iter().map(|w| Case::of(w)).collect();
    let mut joined = vec![false; words.len().saturating_sub(1)];
    for k in 0..joined.len() {
        let (a, b) = (words[k], words[k + 1]);
        let (ca, cb) = (cases[k], cases[k + 1]);
        // An acronym inside a name ("Trường THPT Đoàn Kết") belongs to it; two acronyms in a
        // row are an upper-case heading, not a name.
        let name = (ca.name_word && cb.name_word)
            && (ca.capitalised || cb.capitalised)
            && !ends_name(a)
            && !b.starts_with('(')
            && !PLACE_PREFIXES.contains(&a)
            && (upper || !POST_PREFIXES.contains(&a))
            && (ca.capitalised || !cb.capitalised);
        // A dash after a name of 4 words or more may start the next line: a unit that long
        // would stretch the line before it.
        let run = joined[..k].iter().rev().take_while(|j| **j).count() + 1;
        let dash = !a.is_empty() && is_dash(b) && (run < LONGEST_NAME || upper);
        // In an upper-cased paragraph the name goes on after its dash.
        let after_dash = upper
            && is_dash(a)
            && k > 0
            && joined[k - 1]
            && cb.capitalised;
        joined[k] = name || dash || after_dash;
    }
    let mut out = String::with_capacity(text.len());
    for (k, w) in words.iter().enumerate() {
        out.push_str(w);
        if let Some(&j) = joined.get(k) {
            out.push(if j { NBSP } else { ' ' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(s: &str) -> String {
        s.replace(NBSP, "~")
    }

    /// `Case::of` reads the alphabetic table only for a character without case.
    #[test]
    fn every_cased_character_is_alphabetic() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_uppercase() || c.is_lowercase() {
                assert!(c.is_alphabetic(), "U+{:04X}", u32::from(c));
            }
        }
    }

    fn protect_set_phrases_(s: &str) -> String {
        protect_set_phrases(s, false)
    }

    fn keep_names_together_(s: &str) -> String {
        keep_names_together(s, false)
    }

    #[test]
    fn a_recipient_keeps_its_de_bc_and_a_title_its_term_and_years() {
        assert_eq!(
            shown(&protect_set_phrases_("- Ban Thường vụ Quận uỷ Hai Bà Trưng (để b/c),")),
            "- Ban Thường vụ Quận uỷ Hai Bà Trưng~(để~b/c),"
        );
        // Centred: "nhiệm kỳ" goes with the years; in justified prose the line may break
        // after "kỳ" (a long unit would stretch the line before it).
        assert_eq!(
            shown(&protect_set_phrases("lần thứ XXIV, nhiệm kỳ 2020 – 2025", true)),
            "lần~thứ~XXIV, nhiệm~kỳ~2020~–~2025"
        );
        assert_eq!(
            shown(&protect_set_phrases_("lần thứ XXIV, nhiệm kỳ 2020 – 2025")),
            "lần thứ~XXIV, nhiệm~kỳ 2020~–~2025"
        );
    }

    #[test]
    fn a_title_keeps_the_words_of_bodies_and_posts_whole() {
        assert_eq!(
            shown(&keep_title_words(
                "Phó Bí thư, Uỷ ban Kiểm tra, Chủ nhiệm Uỷ ban Kiểm tra Đảng uỷ phường"
            )),
            "Phó Bí~thư, Uỷ~ban Kiểm~tra, Chủ nhiệm Uỷ~ban Kiểm~tra Đảng~uỷ phường"
        );
        assert_eq!(
            shown(&keep_title_words("danh sách bầu cử Chi ủy Chi bộ")),
            "danh sách bầu cử Chi~ủy Chi bộ"
        );
        assert_eq!(
            shown(&keep_title_words("BAN CHẤP HÀNH ĐẢNG UỶ")),
            "BAN CHẤP~HÀNH ĐẢNG~UỶ"
        );
        // "uỷ viên" is a word of its own; nothing across punctuation.
        assert_eq!(
            shown(&keep_title_words("(so với uỷ viên Ban Chấp hành)")),
            "(so với uỷ viên Ban Chấp~hành)"
        );
        assert_eq!(shown(&keep_title_words("Bí, thư (uỷ")), "Bí, thư (uỷ");
        // Words inside units already joined: "Quận uỷ Hai~Bà~Trưng".
        assert_eq!(
            shown(&keep_title_words("Quận uỷ Hai\u{a0}Bà\u{a0}Trưng")),
            "Quận~uỷ Hai~Bà~Trưng"
        );
    }

    #[test]
    fn an_upper_cased_unit_name_goes_whole_across_its_dash() {
        // "CHI BỘ TRƯỜNG THPT" / "ĐOÀN KẾT - HAI BÀ TRƯNG", never "… ĐOÀN KẾT -" / "HAI BÀ TRƯNG".
        assert_eq!(
            shown(&keep_names_together(
                "Chi bộ Trường THPT Đoàn Kết - Hai Bà Trưng",
                true
            )),
            "Chi bộ Trường~THPT Đoàn~Kết~-~Hai~Bà~Trưng"
        );
        assert_eq!(
            shown(&keep_names_together("Đảng bộ quận Hai Bà Trưng", true)),
            "Đảng bộ quận Hai~Bà~Trưng"
        );
    }

    #[test]
    fn year_ranges_figures_numbers_and_marks_stay_together() {
        assert_eq!(
            shown(&protect_set_phrases_("nhiệm kỳ 2020 – 2025; Số 01-GM/ĐU")),
            "nhiệm~kỳ 2020~–~2025; Số~01-GM/ĐU"
        );
        // A number cited in brackets: "(số 04-BC/ĐH)" is not broken after its "/".
        assert!(
            protect_set_phrases_("đại biểu (số 04-BC/ĐH)").contains("(số\u{a0}04-\u{2060}BC/\u{2060}ĐH)")
        );
        // So is each number of a list of them.
        assert!(protect_set_phrases_("số 01-BB/ĐU, 02-BB/ĐU, 03-BB/ĐU")
            .ends_with("02-\u{2060}BB/\u{2060}ĐU, 03-\u{2060}BB/\u{2060}ĐU"));
        assert_eq!(
            shown(&protect_set_phrases_(
                "có mặt 118 (một trăm mười tám) đại biểu"
            )),
            "có mặt 118~(một trăm mười~tám) đại biểu"
        );
        assert_eq!(
            shown(&protect_set_phrases_("8 (tám) phiếu")),
            "8~(tám) phiếu"
        );
        assert_eq!(
            shown(&protect_set_phrases_("21 (hai mươi mốt) đảng viên")),
            "21~(hai~mươi~mốt) đảng viên"
        );
        assert_eq!(
            shown(&protect_set_phrases_("15 (100,00%) Đạt")),
            "15~(100,00%) Đạt"
        );
        assert_eq!(
            shown(&protect_set_phrases_("T/M ĐẢNG UỶ và K/T BÍ THƯ")),
            "T/M~ĐẢNG UỶ và K/T~BÍ THƯ"
        );
        assert_eq!(
            shown(&protect_set_phrases_(
                "Thời gian: 7h30’, Thứ Năm, ngày 19/3/2020."
            )),
            "Thời gian: 7h30’,~Thứ~Năm, ngày 19/3/2020."
        );
        assert_eq!(
            shown(&protect_set_phrases_("(nhiệm kỳ 2015 - 2020)")),
            "(nhiệm~kỳ 2015~-~2020)"
        );
        assert_eq!(
            shown(&protect_set_phrases_("ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XXIV")),
            "ĐẠI HỘI ĐẠI BIỂU LẦN~THỨ~XXIV"
        );
    }

    #[test]
    fn a_number_cited_in_running_text_does_not_break_inside() {
        assert_eq!(
            shown(&protect_set_phrases_("Nghị quyết số 08-NQ/ĐH ngày")).replace(WORD_JOINER, "^"),
            "Nghị quyết số~08-^NQ/^ĐH ngày"
        );
        // The header's "Số 01-GM/ĐU" sits on a line of its own; a date's slashes are left alone.
        assert!(!protect_set_phrases_("Số 01-GM/ĐU").contains(WORD_JOINER));
        assert!(!protect_set_phrases_("ngày 19/3/2020").contains(WORD_JOINER));
    }

    #[test]
    fn brackets_that_are_not_number_words_are_left_alone() {
        assert_eq!(
            protect_set_phrases_("Khu dân cư 2 (phường Bạch Mai)"),
            "Khu dân cư 2 (phường Bạch Mai)"
        );
        assert_eq!(protect_set_phrases_("năm 2020 - nay"), "năm 2020 - nay");
        assert_eq!(protect_set_phrases_(""), "");
        assert_eq!(protect_set_phrases_("  a  "), "  a  ");
    }

    #[test]
    fn an_ordinal_keeps_its_numeral_and_a_title_keeps_lan_thu_whole() {
        assert_eq!(
            shown(&protect_set_phrases_("tiến tới Đại hội đại biểu lần thứ XVII Đảng bộ")),
            "tiến tới Đại hội đại biểu lần thứ~XVII Đảng bộ"
        );
        assert_eq!(
            shown(&protect_set_phrases("Đại hội đại biểu lần thứ XXIV", true)),
            "Đại hội đại biểu lần~thứ~XXIV"
        );
    }

    #[test]
    fn a_post_in_title_case_may_break_but_the_name_in_it_may_not() {
        assert_eq!(
            shown(&keep_names_together_("Phó Trưởng Công an phường Bạch Mai")),
            "Phó~Trưởng Công an phường Bạch~Mai"
        );
        assert_eq!(
            shown(&keep_names_together_(
                "Uỷ viên Ban Thường vụ, Chủ tịch Hội Liên hiệp Phụ nữ phường"
            )),
            "Uỷ viên Ban Thường vụ, Chủ tịch Hội Liên hiệp Phụ nữ phường"
        );
        assert_eq!(
            shown(&keep_names_together_("Đồng chí Trần Quang Huy")),
            "Đồng chí Trần~Quang~Huy"
        );
    }

    #[test]
    fn proper_names_are_runs_of_capitalised_words() {
        assert_eq!(
            shown(&keep_names_together_("Đảng uỷ phường Bạch Mai")),
            "Đảng uỷ phường Bạch~Mai"
        );
        assert_eq!(
            shown(&keep_names_together_(
                "Chi bộ Trường THPT Đoàn Kết - Hai Bà Trưng"
            )),
            "Chi bộ Trường THPT Đoàn~Kết~- Hai~Bà~Trưng"
        );
        assert_eq!(
            shown(&keep_names_together_(
                "Đồng chí Đinh Thị Lan Duyên, Phó Bí thư"
            )),
            "Đồng chí Đinh~Thị~Lan~Duyên, Phó~Bí thư"
        );
        assert_eq!(
            shown(&keep_names_together_("Đại hội lần thứ XXVI")),
            "Đại hội lần thứ XXVI"
        );
        assert_eq!(
            shown(&keep_names_together_("T/M ĐẢNG UỶ, Phường Bạch Mai")),
            "T/M ĐẢNG UỶ, Phường Bạch~Mai"
        );
    }
}
