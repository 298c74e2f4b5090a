//! Vietnamese alphabetical order ("theo vần A, B, C") for names on ballots and lists
//! (SPEC §7 "Name order", §9 decided rule 8).
//!
//! A [`CollationKey`] is built once per name or string and compared many times, as ICU sort keys
//! are. Weights:
//!
//! - **letters**: a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z); the
//!   foreign letters f j w z sit where Latin puts them. Punctuation and digits come before
//!   letters; other characters (other scripts, letters such as ø) after them, by code point.
//! - **tone**, in the CLDR `vi` order: none, huyền, hỏi, ngã, sắc, nặng; other diacritics (ü)
//!   follow the tone as further differences.
//! - **case**: lower case before upper case (CLDR default).
//!
//! **Syllable by syllable, as a Vietnamese dictionary orders words.** A string is a sequence of
//! syllables (split at whitespace). Two strings compare syllable by syllable; two syllables
//! compare by their letters, then by their tone; only when a syllable is equal in both does the
//! next one decide, and a string that runs out of syllables first sorts first. So the tone of
//! the first syllable outweighs the letters of the second: "ba hoa" < "bà ba", as in a
//! dictionary, where every word beginning "ba" comes before every word beginning "bà". Case
//! decides only between keys equal in everything else.
//!
//! This is how the decided rule "letters, then tone, syllable by syllable" reads for a part of
//! several syllables (a tên đệm "Thị Lan", a family name "Tôn Nữ"): reading it as "all letters
//! of the part, then all its tones" would sort "Thị Lan" before "Thi Mai" ("thilan" <
//! "thimai"), which no dictionary does. For the usual one-syllable part both readings agree.
//!
//! For a name, the parts are compared in the order tên (given name), họ (family name), tên đệm
//! (middle name), each **in full** — letters and tone — before the next: "Nguyễn Thị Dung" <
//! "Trần Văn Dung" < "Lê Văn Dũng". Equal keys keep input order under a stable sort (SPEC §7:
//! "then input order").
//!
//! Two refinements over a plain ICU `vi` collator, both because a Vietnamese tone belongs to the
//! syllable, not to a letter: the tone is compared once per syllable, so the older and newer
//! tone placements — "Thuỷ"/"Thủy", "Hoà"/"Hòa" — collate as equal (SPEC §7 treats "UỶ"/"ỦY"
//! as equal); and leading, trailing and repeated whitespace is ignored.
//!
//! Keys do not depend on the normalisation form of the input: NFC and NFD give the same key.
//! Building one reads the characters once to see whether any combining mark needs putting in
//! order, and once for the weights, with no allocation beyond the key and two small buffers.

use std::cmp::Ordering;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization as _;

/// A sort key for Vietnamese alphabetical order; compare keys with `Ord`.
///
/// Built by [`name_key`] (a person's name) or [`text_key`] (any string). Keys of the two kinds
/// compare without panicking, but only keys of the same kind compare meaningfully.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CollationKey(Vec<u32>);

/// The sort key of a name given in its parts: họ (family), tên đệm (middle, may be empty) and
/// tên (given). Orders by tên, then họ, then tên đệm, each compared in full (letters, then tone,
/// syllable by syllable) before the next, so that "Nguyễn Văn An" comes before "Lê Văn Bình",
/// and "Trần Văn Dung" before "Lê Văn Dũng".
///
/// ```
/// use daihoi::vi::name_key;
/// let mut names = vec![
///     ("Lê", "Văn", "Dũng"),
///     ("Trần", "Văn", "Dung"),
///     ("Nguyễn", "Thị", "Dung"),
/// ];
/// names.sort_by_cached_key(|(ho, dem, ten)| name_key(ho, dem, ten));
/// assert_eq!(names[0], ("Nguyễn", "Thị", "Dung"));
/// assert_eq!(names[2], ("Lê", "Văn", "Dũng"));
/// ```
pub fn name_key(ho: &str, dem: &str, ten: &str) -> CollationKey {
    let mut builder = KeyBuilder::with_capacity(ho.len() + dem.len() + ten.len());
    builder.part(ten);
    builder.part(ho);
    builder.part(dem);
    builder.finish()
}

/// The sort key of a single string, in the same collation as [`name_key`] (syllable by
/// syllable: "ba hoa" < "bà ba").
pub fn text_key(s: &str) -> CollationKey {
    let mut builder = KeyBuilder::with_capacity(s.len());
    builder.part(s);
    builder.finish()
}

/// Compares two strings in Vietnamese alphabetical order.
///
/// Builds both keys on every call; to sort many strings, build each key once with
/// [`text_key`] (e.g. `slice.sort_by_cached_key(|s| text_key(s))`).
pub fn compare_text(a: &str, b: &str) -> Ordering {
    text_key(a).cmp(&text_key(b))
}

// Layout of a key: for each part, for each syllable, its letter weights, SYLLABLE_END, its tone
// and mark weights, SYLLABLE_END; PART_END after each part; then CASE_LEVEL and one case weight
// per character of the whole key.
//
// The separators are below every real weight, so the shorter wins where one string is a prefix
// of the other: a syllable that ends first ("An" < "Anh"), a part with fewer syllables
// ("Thi" < "Thi An"), an empty part ("Lê An" < "Lê Văn An"). A separator is only ever compared
// with a real weight or with the same separator: the prefix before a position says what may
// come there.
const CASE_LEVEL: u32 = 0;
const PART_END: u32 = 1;
const SYLLABLE_END: u32 = 2;

// Letters and other characters.
const NON_LETTER_BASE: u32 = 0x100; // + code point, code points below 0x2070
const LETTER_BASE: u32 = 0x1_0000; // + rank in ALPHABET
const UNKNOWN_BASE: u32 = 0x2_0000; // + code point

// Tones: one weight per run of letters; other diacritics follow as MARK_BASE + code point.
const TONE_NONE: u32 = 3;
const MARK_BASE: u32 = 0x100;

// Case.
const LOWER: u32 = 3;
const UPPER: u32 = 4;

/// The Vietnamese alphabet with the foreign letters f j w z in their Latin places.
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

const BREVE: char = '\u{306}';
const CIRCUMFLEX: char = '\u{302}';
const HORN: char = '\u{31B}';

/// The weight of a tone mark, in CLDR `vi` order after "no tone".
fn tone_weight(mark: char) -> Option<u32> {
    match mark {
        '\u{300}' => Some(TONE_NONE + 1), // huyền
        '\u{309}' => Some(TONE_NONE + 2), // hỏi
        '\u{303}' => Some(TONE_NONE + 3), // ngã
        '\u{301}' => Some(TONE_NONE + 4), // sắc
        '\u{323}' => Some(TONE_NONE + 5), // nặng
        _ => None,
    }
}

/// The letter a modifier mark makes of a base letter: a + breve = ă, o + horn = ơ.
fn modified(base: char, mark: char) -> Option<char> {
    match (base, mark) {
        ('a', BREVE) => Some('ă'),
        ('a', CIRCUMFLEX) => Some('â'),
        ('e', CIRCUMFLEX) => Some('ê'),
        ('o', CIRCUMFLEX) => Some('ô'),
        ('o', HORN) => Some('ơ'),
        ('u', HORN) => Some('ư'),
        _ => None,
    }
}

fn is_vowel(letter: char) -> bool {
    matches!(
        letter,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// Punctuation, symbols and digits: sorted before letters, by code point.
fn is_non_letter(c: char) -> bool {
    c.is_ascii_punctuation()
        || c.is_ascii_digit()
        || ('\u{A0}'..='\u{BF}').contains(&c)
        || c == '×'
        || c == '÷'
        || ('\u{2000}'..='\u{206F}').contains(&c)
}

/// Builds one key; its buffers are reused for every character and syllable.
struct KeyBuilder {
    /// The key so far: finished syllables, and the letters of the current one.
    key: Vec<u32>,
    /// Tone and mark weights of the current syllable, written after its letters.
    tones: Vec<u32>,
    /// Case weights of every character, written last.
    case: Vec<u32>,
    /// The combining marks of the character being read.
    marks: Vec<char>,
    /// Index in `tones` of the tone of the current run of letters, if inside one.
    tone_slot: Option<usize>,
    /// A syllable has been started and not yet ended.
    in_syllable: bool,
}

impl KeyBuilder {
    fn with_capacity(bytes: usize) -> Self {
        KeyBuilder {
            key: Vec::with_capacity(bytes + 16),
            tones: Vec::with_capacity(8),
            case: Vec::with_capacity(bytes),
            marks: Vec::new(),
            tone_slot: None,
            in_syllable: false,
        }
    }

    /// Adds the weights of one string (a whole text, or one part of a name).
    fn part(&mut self, s: &str) {
        let mut base = None;
        let mut take = |c: char| {
            if is_combining_mark(c) && base.is_some() {
                self.marks.push(c);
            } else {
                if let Some(b) = base {
                    self.cluster(b);
                }
                base = Some(c);
            }
        };
        if s.chars().all(super::text::stands_alone) {
            // No combining mark to put in order: each character's own decomposition, in
            // turn, is the text's NFD.
            for c in s.chars() {
                decompose_canonical(c, &mut take);
            }
        } else {
            s.nfd().for_each(take);
        }
        if let Some(b) = base {
            self.cluster(b);
        }
        self.end_syllable();
        self.key.push(PART_END);
    }

    fn finish(mut self) -> CollationKey {
        self.key.reserve_exact(self.case.len() + 1);
        self.key.push(CASE_LEVEL);
        self.key.append(&mut self.case);
        CollationKey(self.key)
    }

    /// Adds one character with the combining marks in `self.marks` (consumed).
    fn cluster(&mut self, base: char) {
        let lower = match base {
            'A'..='Z' => base.to_ascii_lowercase(),
            'Đ' => 'đ',
            _ => base,
        };
        if lower.is_ascii_lowercase() || lower == 'đ' {
            self.letter(lower, base != lower);
        } else if base.is_whitespace() {
            self.end_syllable();
            // A mark on a space has nothing to modify: it stands for itself.
            let marks = std::mem::take(&mut self.marks);
            for &mark in &marks {
                self.other(mark);
                self.end_syllable();
            }
            self.marks = marks;
            self.marks.clear();
        } else {
            self.other(base);
            self.trailing_marks();
        }
    }

    /// Writes the tones of the current syllable after its letters, and closes it.
    fn end_syllable(&mut self) {
        if self.in_syllable {
            self.key.push(SYLLABLE_END);
            self.key.append(&mut self.tones);
            self.key.push(SYLLABLE_END);
            self.in_syllable = false;
        }
        self.tone_slot = None;
    }

    /// Adds the letter or character weight of one character of the current syllable.
    fn push(&mut self, weight: u32, upper: bool) {
        self.in_syllable = true;
        self.key.push(weight);
        self.case.push(if upper { UPPER } else { LOWER });
    }

    /// A letter of the alphabet (`base` lower case ASCII or 'đ') and its marks.
    fn letter(&mut self, base: char, upper: bool) {
        let mut letter = base;
        let mut modifier_used = None;
        for (i, &mark) in self.marks.iter().enumerate() {
            if let Some(m) = modified(base, mark) {
                letter = m;
                modifier_used = Some(i);
                break;
            }
        }
        let rank = ALPHABET.iter().position(|&l| l == letter).unwrap_or(0) as u32;
        self.push(LETTER_BASE + rank, upper);
        let slot = match self.tone_slot {
            Some(slot) => slot,
            None => {
                self.tones.push(TONE_NONE);
                let slot = self.tones.len() - 1;
                self.tone_slot = Some(slot);
                slot
            }
        };
        for (i, &mark) in self.marks.iter().enumerate() {
            if Some(i) == modifier_used {
                continue;
            }
            match tone_weight(mark) {
                Some(tone) if is_vowel(letter) && self.tones[slot] == TONE_NONE => {
                    self.tones[slot] = tone;
                }
                _ => self.tones.push(MARK_BASE + u32::from(mark)),
            }
        }
        self.marks.clear();
    }

    /// Any character that is neither a letter of the alphabet nor whitespace; it ends a run of
    /// letters (its own tone), not the syllable.
    fn other(&mut self, c: char) {
        self.tone_slot = None;
        let weight = if is_non_letter(c) {
            NON_LETTER_BASE + u32::from(c)
        } else {
            // Case is a difference for other alphabets too ("Ж"/"ж").
            let mut lower = c.to_lowercase();
            let folded = match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            };
            UNKNOWN_BASE + u32::from(folded)
        };
        self.push(weight, c.is_uppercase());
    }

    /// Marks on a non-letter are differences after its syllable's letters.
    fn trailing_marks(&mut self) {
        for &mark in &self.marks {
            self.tones.push(MARK_BASE + u32::from(mark));
        }
        self.marks.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted_names<'a>(names: &[(&'a str, &'a str, &'a str)]) -> Vec<String> {
        let mut names = names.to_vec();
        names.sort_by_cached_key(|(ho, dem, ten)| name_key(ho, dem, ten));
        names
            .iter()
            .map(|(ho, dem, ten)| {
                [*ho, *dem, *ten]
                    .iter()
                    .filter(|p| !p.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    fn sorted_texts<'a>(texts: &[&'a str]) -> Vec<&'a str> {
        let mut texts = texts.to_vec();
        texts.sort_by_cached_key(|s| text_key(s));
        texts
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn ballot_order_of_spec_8_3_is_by_given_name_then_family_name() {
        let names = [
            ("Trần", "Thị", "Bình"),
            ("Lê", "Văn", "Bình"),
            ("Nguyễn", "Văn", "An"),
        ];
        assert_eq!(
            sorted_names(&names),
            ["Nguyễn Văn An", "Lê Văn Bình", "Trần Thị Bình"]
        );
    }

    #[test]
    fn names_of_the_article_sort_by_given_name() {
        let names = [
            ("Lê", "Thành", "Vinh"),
            ("Trần", "Quyết", "Thắng"),
            ("Đinh", "Thị Lan", "Duyên"),
        ];
        assert_eq!(
            sorted_names(&names),
            ["Đinh Thị Lan Duyên", "Trần Quyết Thắng", "Lê Thành Vinh"]
        );
    }

    #[test]
    fn middle_name_decides_only_after_given_and_family_name() {
        let names = [
            ("Lê", "Văn", "Bình"),
            ("Lê", "Thị", "Bình"),
            ("Lê", "", "Bình"),
            ("Hà", "Văn", "Bình"),
        ];
        assert_eq!(
            sorted_names(&names),
            ["Hà Văn Bình", "Lê Bình", "Lê Thị Bình", "Lê Văn Bình"]
        );
    }

    #[test]
    fn a_given_name_that_is_a_prefix_sorts_first_whatever_the_family_name() {
        assert!(name_key("Vũ", "Văn", "An") < name_key("An", "Văn", "Anh"));
        assert!(name_key("Vũ", "", "Anh") > name_key("Ân", "", "An"));
    }

    #[test]
    fn decided_rule_8_given_name_in_full_then_family_name_then_middle_name() {
        // SPEC §9 rule 8 / issue 10: the tone of the given name decides before the family name.
        let names = [
            ("Lê", "Văn", "Dũng"),
            ("Trần", "Văn", "Dung"),
            ("Nguyễn", "Thị", "Dung"),
        ];
        assert_eq!(
            sorted_names(&names),
            ["Nguyễn Thị Dung", "Trần Văn Dung", "Lê Văn Dũng"]
        );
    }

    #[test]
    fn a_tone_in_the_given_name_outweighs_the_letters_of_the_family_name() {
        assert!(name_key("Nguyễn", "", "An") < name_key("Lê", "", "Án"));
        assert!(name_key("Vũ", "", "An") < name_key("An", "", "Àn"));
        // Every tone, in order, before any letter of the family name.
        let tens = ["An", "Àn", "Ản", "Ãn", "Án", "Ạn"];
        let names: Vec<_> = tens
            .iter()
            .zip(["Vũ", "Trần", "Phạm", "Lê", "Đỗ", "Bùi"])
            .map(|(ten, ho)| (ho, "Văn", *ten))
            .collect();
        assert_eq!(
            sorted_names(&names),
            [
                "Vũ Văn An",
                "Trần Văn Àn",
                "Phạm Văn Ản",
                "Lê Văn Ãn",
                "Đỗ Văn Án",
                "Bùi Văn Ạn"
            ]
        );
    }

    #[test]
    fn a_tone_in_the_family_name_outweighs_the_letters_of_the_middle_name() {
        // Họ "Lê" before "Lề" though the middle names go the other way ("Anh" < "Văn").
        assert_eq!(
            sorted_names(&[("Lề", "Anh", "Bình"), ("Lê", "Văn", "Bình")]),
            ["Lê Văn Bình", "Lề Anh Bình"]
        );
    }

    #[test]
    fn names_that_differ_only_in_tone_sort_by_the_first_part_that_differs() {
        assert_eq!(
            sorted_names(&[("Lê", "Thị", "Bình"), ("Lê", "Thi", "Bình")]),
            ["Lê Thi Bình", "Lê Thị Bình"]
        );
        assert_eq!(
            sorted_names(&[
                ("Hồ", "Văn", "Bình"),
                ("Hổ", "Văn", "Bình"),
                ("Hô", "Văn", "Bình")
            ]),
            ["Hô Văn Bình", "Hồ Văn Bình", "Hổ Văn Bình"]
        );
        assert_eq!(
            sorted_names(&[("Hồ", "Văn", "Bính"), ("Hổ", "Văn", "Bình")]),
            ["Hổ Văn Bình", "Hồ Văn Bính"]
        );
    }

    #[test]
    fn modified_letters_are_letters_so_they_decide_before_any_tone() {
        // đ/d: "Doãn" (d, ngã) before "Đoàn" (đ, huyền).
        assert_eq!(
            sorted_names(&[("Đoàn", "Văn", "An"), ("Doãn", "Văn", "An")]),
            ["Doãn Văn An", "Đoàn Văn An"]
        );
        // ư/u: "Hùng" (u, huyền) before "Hưng" (ư, no tone), in the given name.
        assert_eq!(
            sorted_names(&[("Lê", "Văn", "Hưng"), ("Trần", "Văn", "Hùng")]),
            ["Trần Văn Hùng", "Lê Văn Hưng"]
        );
        // ơ/o: "Thọ" (o, nặng) before "Thơ" (ơ, no tone).
        assert_eq!(
            sorted_names(&[("Lê", "Thị", "Thơ"), ("Vũ", "Văn", "Thọ")]),
            ["Vũ Văn Thọ", "Lê Thị Thơ"]
        );
        // In the middle name, after equal given and family names.
        assert_eq!(
            sorted_names(&[("Lê", "Đức", "Anh"), ("Lê", "Dực", "Anh")]),
            ["Lê Dực Anh", "Lê Đức Anh"]
        );
        assert_eq!(
            sorted_names(&[("Lê", "Ơn", "Anh"), ("Lê", "Ổn", "Anh")]),
            ["Lê Ổn Anh", "Lê Ơn Anh"]
        );
    }

    #[test]
    fn a_part_of_several_syllables_compares_syllable_by_syllable() {
        // The first syllable decides in full (letters, then tone) before the second: "Thi" <
        // "Thị", though "thilan" < "thimai" letter for letter.
        assert_eq!(
            sorted_names(&[("Phạm", "Thị Lan", "Anh"), ("Phạm", "Thi Mai", "Anh")]),
            ["Phạm Thi Mai Anh", "Phạm Thị Lan Anh"]
        );
        // Equal first syllables: the second decides, letters before tone.
        assert_eq!(
            sorted_names(&[("Lê", "Thị Ánh", "Hồng"), ("Lê", "Thị Anh", "Hồng")]),
            ["Lê Thị Anh Hồng", "Lê Thị Ánh Hồng"]
        );
        assert_eq!(
            sorted_names(&[("Lê", "Thị Ánh", "Hồng"), ("Lê", "Thị Anh Thư", "Hồng")]),
            ["Lê Thị Anh Thư Hồng", "Lê Thị Ánh Hồng"]
        );
        // A compound family name after the one-syllable one it begins with.
        assert_eq!(
            sorted_names(&[
                ("Tôn Nữ", "Thị", "Hà"),
                ("Tôn", "Thị", "Hà"),
                ("Tôn Thất", "", "Hà")
            ]),
            ["Tôn Thị Hà", "Tôn Nữ Thị Hà", "Tôn Thất Hà"]
        );
    }

    #[test]
    fn texts_sort_as_a_dictionary_does() {
        assert_eq!(
            sorted_texts(&["bà ba", "ba hoa", "bà", "ba", "bạ", "ba ba"]),
            ["ba", "ba ba", "ba hoa", "bà", "bà ba", "bạ"]
        );
    }

    #[test]
    fn tones_order_none_huyen_hoi_nga_sac_nang() {
        let expected = ["An", "Àn", "Ản", "Ãn", "Án", "Ạn"];
        let mut shuffled = expected;
        shuffled.reverse();
        shuffled.swap(0, 3);
        assert_eq!(sorted_texts(&shuffled), expected);
        let mut names: Vec<_> = shuffled.iter().map(|t| ("Nguyễn", "Văn", *t)).collect();
        names.sort_by_cached_key(|(ho, dem, ten)| name_key(ho, dem, ten));
        let tens: Vec<_> = names.iter().map(|n| n.2).collect();
        assert_eq!(tens, expected);
    }

    #[test]
    fn tones_are_secondary_to_letters() {
        // A tone never outweighs a letter: "Ạn" (nặng) before "Anh" (no tone).
        assert_eq!(compare_text("Ạn", "Anh"), Ordering::Less);
        assert_eq!(compare_text("Ý", "Yến"), Ordering::Less);
    }

    #[test]
    fn d_sorts_before_d_with_stroke() {
        assert_eq!(sorted_texts(&["Em", "Đức", "Dũng"]), ["Dũng", "Đức", "Em"]);
        assert_eq!(compare_text("Dung", "Đung"), Ordering::Less);
        assert_eq!(compare_text("Dũng", "Đung"), Ordering::Less);
        assert_eq!(compare_text("Dz", "Đa"), Ordering::Less);
        assert_eq!(
            sorted_names(&[("Lê", "", "Em"), ("Lê", "", "Đức"), ("Lê", "", "Dũng")]),
            ["Lê Dũng", "Lê Đức", "Lê Em"]
        );
    }

    #[test]
    fn breve_and_circumflex_letters_follow_a() {
        assert_eq!(
            sorted_texts(&["Bá", "Ân", "Ăn", "Azu", "An"]),
            ["An", "Azu", "Ăn", "Ân", "Bá"]
        );
        // The letter decides before the tone: ă with sắc before â without a tone.
        assert_eq!(compare_text("Ắn", "Ân"), Ordering::Less);
        assert_eq!(compare_text("Án", "Ăn"), Ordering::Less);
    }

    #[test]
    fn modified_letters_follow_their_base_letter() {
        assert_eq!(
            sorted_texts(&["f", "ê", "ez", "e", "ôa", "ơ", "oz", "p", "ư", "uz", "v"]),
            ["e", "ez", "ê", "f", "oz", "ôa", "ơ", "p", "uz", "ư", "v"]
        );
    }

    #[test]
    fn foreign_letters_sit_in_their_latin_place() {
        assert_eq!(
            sorted_texts(&["z", "y", "x", "w", "v", "k", "j", "i", "g", "f", "ê"]),
            ["ê", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z"]
        );
    }

    #[test]
    fn nfd_input_gives_the_same_key_as_nfc() {
        let (ho, dem, ten) = ("Nguyễn", "Thị Ngọc", "Ánh");
        assert_ne!(nfd(ho), ho);
        assert_eq!(
            name_key(&nfd(ho), &nfd(dem), &nfd(ten)),
            name_key(ho, dem, ten)
        );
        for s in ["Đặng Thị Hường", "Phạm Ưng Ước", "Ậ ặ ờ ự ỷ"] {
            assert_eq!(text_key(&nfd(s)), text_key(s), "{s}");
            assert_eq!(compare_text(&nfd(s), s), Ordering::Equal);
        }
    }

    #[test]
    fn case_differences_are_only_tertiary() {
        assert_eq!(compare_text("an", "An"), Ordering::Less);
        assert_ne!(text_key("bình"), text_key("Bình"));
        // Case never outweighs a letter or a tone.
        assert_eq!(compare_text("An", "anh"), Ordering::Less);
        assert_eq!(compare_text("AN", "àn"), Ordering::Less);
        assert_eq!(compare_text("ĐỨC", "đức"), Ordering::Greater);
        assert_eq!(compare_text("ĐỨC", "dức"), Ordering::Greater);
        assert_eq!(compare_text("Жа", "жб"), Ordering::Less);
    }

    #[test]
    fn tone_belongs_to_the_syllable_so_old_and_new_placement_are_equal() {
        assert_eq!(text_key("Thuỷ"), text_key("Thủy"));
        assert_eq!(text_key("Hoà"), text_key("Hòa"));
        assert_eq!(text_key("UỶ"), text_key("ỦY"));
        assert_eq!(name_key("Lê", "Thị", "Thuỷ"), name_key("Lê", "Thị", "Thủy"));
        // Syllables are compared tone by tone, in order.
        assert_eq!(compare_text("Hòa Bình", "Hoá Bình"), Ordering::Less);
        assert_eq!(compare_text("Hoa Bính", "Hoà Binh"), Ordering::Less);
    }

    #[test]
    fn non_letters_sort_before_letters() {
        assert_eq!(compare_text("Lê Văn", "Lêa"), Ordering::Less);
        assert_eq!(compare_text("Lê-Văn", "Lêa"), Ordering::Less);
        assert_eq!(compare_text("9", "a"), Ordering::Less);
        assert_eq!(compare_text("Tổ 9", "Tổ A"), Ordering::Less);
        assert_eq!(compare_text("Tổ 10", "Tổ 9"), Ordering::Less);
        assert_eq!(compare_text("a b", "a-b"), Ordering::Less);
    }

    #[test]
    fn unknown_characters_sort_after_letters_by_code_point() {
        assert_eq!(compare_text("z", "ø"), Ordering::Less);
        assert_eq!(compare_text("ø", "Ж"), Ordering::Less);
        assert_eq!(compare_text("Anh", "An中"), Ordering::Less);
        assert_eq!(compare_text("An中", "An中国"), Ordering::Less);
    }

    #[test]
    fn other_diacritics_are_secondary_differences() {
        assert_eq!(compare_text("u", "ü"), Ordering::Less);
        assert_eq!(compare_text("ü", "v"), Ordering::Less);
        assert_eq!(compare_text("ñ", "o"), Ordering::Less);
        assert_ne!(text_key("e\u{306}"), text_key("e"));
    }

    #[test]
    fn surrounding_and_repeated_whitespace_is_ignored() {
        assert_eq!(
            name_key(" Nguyễn ", "Thị  Lan", "An\t"),
            name_key("Nguyễn", "Thị Lan", "An")
        );
        assert_eq!(text_key("  a   b "), text_key("a b"));
        assert_ne!(text_key("ab"), text_key("a b"));
    }

    #[test]
    fn empty_parts_are_allowed() {
        assert!(name_key("", "", "") < name_key("", "", "A"));
        assert!(name_key("Lê", "", "An") < name_key("Lê", "Văn", "An"));
        assert_eq!(compare_text("", ""), Ordering::Equal);
        assert_eq!(compare_text("", "a"), Ordering::Less);
    }

    #[test]
    fn stray_combining_marks_do_not_panic() {
        for s in [
            "\u{301}",
            "\u{301}\u{302}a",
            " \u{300}",
            "a\u{300}\u{301}\u{303}\u{31B}",
            "1\u{301}",
        ] {
            let _ = text_key(s);
            let _ = name_key(s, s, s);
        }
        assert_ne!(text_key("\u{301}a"), text_key("a"));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn keys_never_panic(a in "\\PC*", b in "\\PC*", c in "\\PC*") {
                let _ = name_key(&a, &b, &c);
                let _ = compare_text(&a, &b);
            }

            #[test]
            fn keys_do_not_depend_on_normalisation(s in "[a-zA-ZđĐăâêôơưĂÂÊÔƠƯàảãáạầẩẫấậỳỷỹýỵ \\-0-9\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31B}]{0,20}") {
                let composed = crate::vi::nfc(&s);
                prop_assert_eq!(text_key(&composed), text_key(&nfd(&s)));
            }

            #[test]
            fn comparison_is_antisymmetric(a in "[a-zđăâêôơưàảãáạ ]{0,8}", b in "[a-zđăâêôơưàảãáạ ]{0,8}") {
                prop_assert_eq!(compare_text(&a, &b), compare_text(&b, &a).reverse());
            }
        }
    }
}
