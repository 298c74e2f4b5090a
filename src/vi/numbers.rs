//! Numbers in Vietnamese documents: number words ("năm mươi hai"), Roman numerals and
//! ordinals ("lần thứ XXVI", "lần thứ nhất"), terms ("2020 – 2025") and digit formatting
//! ("1.200.000", "05").

/// Regional variant of the number words.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Dialect {
    /// Northern (the default): "nghìn", "linh" — "một nghìn không trăm linh năm".
    #[default]
    Northern,
    /// Southern: "ngàn", "lẻ" — "một ngàn không trăm lẻ năm".
    Southern,
}

/// How [`number_words`] spells numbers.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NumberWordsOptions {
    /// Scale word for thousands and the word for a zero tens digit.
    ///
    /// Default: [`Dialect::Northern`].
    pub dialect: Dialect,
    /// Write a 4 after a tens digit of 2 or more as "tư" ("hai mươi tư"); `false` writes
    /// "bốn" ("hai mươi bốn"). 14 is "mười bốn" and 104 "một trăm linh bốn" either way.
    ///
    /// Default: `true`.
    pub four_as_tu: bool,
}

impl Default for NumberWordsOptions {
    fn default() -> Self {
        NumberWordsOptions {
            dialect: Dialect::Northern,
            four_as_tu: true,
        }
    }
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

const BILLION: u64 = 1_000_000_000;

/// The number in Vietnamese words, lower case: 52 → "năm mươi hai", 1 005 → "một nghìn không
/// trăm linh năm" (SPEC §7 and §8.2). Every number has words.
///
/// Rules: 1 after a tens digit of 2 or more is "mốt", 4 is "tư" (option "bốn"), 5 after any
/// tens digit is "lăm"; a zero tens digit after hundreds is "linh" ("lẻ" in the South); a group
/// of three digits after the first is read in full ("không trăm …"); an all-zero group is not
/// read, and the next non-zero group is read in full (1 000 005 → "một triệu không trăm linh
/// năm", 114 000 612 → "một trăm mười bốn triệu sáu trăm mười hai"; SPEC §9, decided); trailing
/// all-zero groups are dropped (2 000 000 → "hai triệu"). Scales: nghìn (ngàn), triệu, tỷ.
///
/// Above a tỷ the count of tỷ is itself read as a number and followed by "tỷ", as in "một
/// nghìn tỷ" (10^12) and "một triệu tỷ" (10^15); so 10^18 is "một tỷ tỷ", and `u64::MAX`
/// (18 446 744 073 709 551 615) is "mười tám tỷ bốn trăm bốn mươi sáu triệu bảy trăm bốn mươi
/// tư nghìn không trăm bảy mươi ba tỷ bảy trăm linh chín triệu năm trăm năm mươi mốt nghìn
/// sáu trăm mười lăm".
pub fn number_words(n: u64, opts: &NumberWordsOptions) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut words = Vec::new();
    push_number(n, false, opts, &mut words);
    words.join(" ")
}

/// Appends the words of `n` ≥ 1; `full` when a higher scale has been read before it, so that
/// its first group is read in full ("… tỷ không trăm linh năm").
fn push_number(n: u64, full: bool, opts: &NumberWordsOptions, words: &mut Vec<&'static str>) {
    let (billions, rest) = (n / BILLION, n % BILLION);
    let mut full = full;
    if billions > 0 {
        // At most two levels deep: u64::MAX / 10^18 < 10^9.
        push_number(billions, full, opts, words);
        words.push("tỷ");
        full = true;
    }
    let thousand = match opts.dialect {
        Dialect::Northern => "nghìn",
        Dialect::Southern => "ngàn",
    };
    // Groups below a tỷ, most significant first, each < 1000 (lossless).
    let groups = [
        ((rest / 1_000_000) as u16, Some("triệu")),
        ((rest / 1_000 % 1_000) as u16, Some(thousand)),
        ((rest % 1_000) as u16, None),
    ];
    for (group, scale) in groups {
        if group == 0 {
            continue;
        }
        group_words(group, full, opts, words);
        words.extend(scale);
        full = true;
    }
}

/// Appends the words of one group of three digits (1..=999). `full` reads the hundreds even
/// when zero, as every group after the first is read ("một nghìn không trăm linh một").
fn group_words(group: u16, full: bool, opts: &NumberWordsOptions, words: &mut Vec<&'static str>) {
    let digit = |d: u16| DIGITS[usize::from(d % 10)];
    let (hundreds, tens, units) = (group / 100 % 10, group / 10 % 10, group % 10);
    let said_hundreds = full || hundreds > 0;
    if said_hundreds {
        words.push(digit(hundreds));
        words.push("trăm");
    }
    match tens {
        0 => {
            if units != 0 {
                if said_hundreds {
                    words.push(match opts.dialect {
                        Dialect::Northern => "linh",
                        Dialect::Southern => "lẻ",
                    });
                }
                words.push(digit(units));
            }
        }
        1 => {
            words.push("mười");
            match units {
                0 => {}
                5 => words.push("lăm"),
                _ => words.push(digit(units)),
            }
        }
        _ => {
            words.push(digit(tens));
            words.push("mươi");
            match units {
                0 => {}
                1 => words.push("mốt"),
                4 if opts.four_as_tu => words.push("tư"),
                5 => words.push("lăm"),
                _ => words.push(digit(units)),
            }
        }
    }
}

/// The Roman numeral of a congress ordinal ("lần thứ XXVI"), subtractive: IV, IX, XIV, XL.
///
/// `None` outside 1..=3999, which Roman numerals cannot write.
pub fn roman(n: u32) -> Option<String> {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if !(1..=3999).contains(&n) {
        return None;
    }
    let mut rest = n;
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while rest >= value {
            out.push_str(numeral);
            rest -= value;
        }
    }
    Some(out)
}

/// The ordinal in words, for "lần thứ …" and ballot rounds ("bầu lần thứ hai"): 1 "nhất",
/// 2 "hai", 3 "ba", 4 "tư", 5 "năm" … 10 "mười", then the cardinal words with the default
/// options (11 "mười một", 14 "mười bốn", 21 "hai mươi mốt", 24 "hai mươi tư").
///
/// `None` for 0, which has no ordinal.
pub fn ordinal_words(n: u32) -> Option<String> {
    match n {
        0 => None,
        1 => Some("nhất".to_string()),
        4 => Some("tư".to_string()),
        _ => Some(number_words(u64::from(n), &NumberWordsOptions::default())),
    }
}

/// How [`term`] joins the years of a term (nhiệm kỳ).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum TermStyle {
    /// "2020 – 2025": an en dash (U+2013) with a space each side (the default).
    #[default]
    SpacedEnDash,
    /// "2020-2025": a hyphen, no spaces.
    Hyphen,
}

/// The years of a term (nhiệm kỳ): "2020 – 2025" or "2020-2025".
pub fn term(start: i32, end: i32, style: TermStyle) -> String {
    match style {
        TermStyle::SpacedEnDash => format!("{start} \u{2013} {end}"),
        TermStyle::Hyphen => format!("{start}-{end}"),
    }
}

/// The number with "." between groups of three digits: "1.200.000", "1.000", "999".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn north(n: u64) -> String {
        number_words(n, &NumberWordsOptions::default())
    }

    fn south(n: u64) -> String {
        let opts = NumberWordsOptions {
            dialect: Dialect::Southern,
            ..NumberWordsOptions::default()
        };
        number_words(n, &opts)
    }

    fn bon(n: u64) -> String {
        let opts = NumberWordsOptions {
            four_as_tu: false,
            ..NumberWordsOptions::default()
        };
        number_words(n, &opts)
    }

    /// Every row of SPEC §8.2: (n, Northern, Southern).
    const SPEC_8_2: &[(u64, &str, &str)] = &[
        (0, "không", "không"),
        (10, "mười", "mười"),
        (11, "mười một", "mười một"),
        (14, "mười bốn", "mười bốn"),
        (15, "mười lăm", "mười lăm"),
        (20, "hai mươi", "hai mươi"),
        (21, "hai mươi mốt", "hai mươi mốt"),
        (24, "hai mươi tư", "hai mươi tư"),
        (25, "hai mươi lăm", "hai mươi lăm"),
        (52, "năm mươi hai", "năm mươi hai"),
        (55, "năm mươi lăm", "năm mươi lăm"),
        (101, "một trăm linh một", "một trăm lẻ một"),
        (104, "một trăm linh bốn", "một trăm lẻ bốn"),
        (105, "một trăm linh năm", "một trăm lẻ năm"),
        (110, "một trăm mười", "một trăm mười"),
        (115, "một trăm mười lăm", "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt", "một trăm hai mươi mốt"),
        (147, "một trăm bốn mươi bảy", "một trăm bốn mươi bảy"),
        (1_000, "một nghìn", "một ngàn"),
        (
            1_001,
            "một nghìn không trăm linh một",
            "một ngàn không trăm lẻ một",
        ),
        (
            1_005,
            "một nghìn không trăm linh năm",
            "một ngàn không trăm lẻ năm",
        ),
        (
            1_015,
            "một nghìn không trăm mười lăm",
            "một ngàn không trăm mười lăm",
        ),
        (
            1_234,
            "một nghìn hai trăm ba mươi tư",
            "một ngàn hai trăm ba mươi tư",
        ),
        (
            2_020,
            "hai nghìn không trăm hai mươi",
            "hai ngàn không trăm hai mươi",
        ),
        (
            10_005,
            "mười nghìn không trăm linh năm",
            "mười ngàn không trăm lẻ năm",
        ),
        (21_000, "hai mươi mốt nghìn", "hai mươi mốt ngàn"),
        (105_000, "một trăm linh năm nghìn", "một trăm lẻ năm ngàn"),
        (1_000_000, "một triệu", "một triệu"),
        (
            1_200_000,
            "một triệu hai trăm nghìn",
            "một triệu hai trăm ngàn",
        ),
        (2_000_000, "hai triệu", "hai triệu"),
    ];

    #[test]
    fn every_row_of_spec_8_2_northern() {
        for &(n, words, _) in SPEC_8_2 {
            assert_eq!(north(n), words, "{n}");
        }
    }

    #[test]
    fn every_row_of_spec_8_2_southern() {
        for &(n, _, words) in SPEC_8_2 {
            assert_eq!(south(n), words, "{n}");
        }
    }

    #[test]
    fn single_digits() {
        assert_eq!(north(0), "không");
        assert_eq!(north(1), "một");
        assert_eq!(north(4), "bốn");
        assert_eq!(north(5), "năm");
        assert_eq!(north(9), "chín");
    }

    #[test]
    fn five_after_a_tens_digit_is_lam() {
        assert_eq!(north(15), "mười lăm");
        assert_eq!(north(35), "ba mươi lăm");
        assert_eq!(north(105), "một trăm linh năm");
    }

    #[test]
    fn one_after_tens_of_two_or_more_is_mot() {
        assert_eq!(north(11), "mười một");
        assert_eq!(north(21), "hai mươi mốt");
        assert_eq!(north(91), "chín mươi mốt");
        assert_eq!(north(101), "một trăm linh một");
    }

    #[test]
    fn four_after_tens_of_two_or_more_is_tu_unless_the_option_says_bon() {
        assert_eq!(north(24), "hai mươi tư");
        assert_eq!(bon(24), "hai mươi bốn");
        assert_eq!(bon(1_234), "một nghìn hai trăm ba mươi bốn");
        assert_eq!(north(14), "mười bốn");
        assert_eq!(bon(14), "mười bốn");
        assert_eq!(north(104), "một trăm linh bốn");
        assert_eq!(north(4), "bốn");
    }

    #[test]
    fn round_numbers_drop_trailing_zero_groups() {
        assert_eq!(north(100), "một trăm");
        assert_eq!(north(1_000), "một nghìn");
        assert_eq!(north(10_000), "mười nghìn");
        assert_eq!(north(100_000), "một trăm nghìn");
        assert_eq!(north(1_000_000_000), "một tỷ");
        assert_eq!(north(1_000_000_000_000), "một nghìn tỷ");
        assert_eq!(north(1_500_000_000_000), "một nghìn năm trăm tỷ");
    }

    #[test]
    fn non_leading_groups_are_read_in_full() {
        assert_eq!(north(2_020_000), "hai triệu không trăm hai mươi nghìn");
        assert_eq!(north(1_010), "một nghìn không trăm mười");
        assert_eq!(
            north(2_020_005_015),
            "hai tỷ không trăm hai mươi triệu không trăm linh năm nghìn không trăm mười lăm"
        );
        assert_eq!(
            north(999_999_999_999_999),
            "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ \
             chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn \
             chín trăm chín mươi chín"
        );
    }

    #[test]
    fn tallies_in_words() {
        // "52 (năm mươi hai) phiếu".
        assert_eq!(
            format!("52 ({}) phiếu", north(52)),
            "52 (năm mươi hai) phiếu"
        );
    }

    #[test]
    fn decided_rule_9_an_all_zero_group_is_skipped_and_the_next_read_in_full() {
        assert_eq!(north(1_000_005), "một triệu không trăm linh năm");
        assert_eq!(south(1_000_005), "một triệu không trăm lẻ năm");
        assert_eq!(
            north(114_000_612),
            "một trăm mười bốn triệu sáu trăm mười hai"
        );
        assert_eq!(north(1_000_001_000), "một tỷ không trăm linh một nghìn");
        assert_eq!(north(5_000_000_123), "năm tỷ một trăm hai mươi ba");
        assert_eq!(north(1_000_000_000_001), "một nghìn tỷ không trăm linh một");
        assert_eq!(north(2_000_050_000), "hai tỷ không trăm năm mươi nghìn");
        assert_eq!(south(3_000_015_000), "ba tỷ không trăm mười lăm ngàn");
        assert_eq!(north(7_000_700), "bảy triệu bảy trăm");
    }

    #[test]
    fn above_a_ty_the_count_of_ty_is_read_as_a_number() {
        assert_eq!(north(1_000_000_000_000_000), "một triệu tỷ");
        assert_eq!(
            north(1_000_005_000_000_000),
            "một triệu không trăm linh năm tỷ"
        );
        assert_eq!(north(1_000_000_000_000_000_000), "một tỷ tỷ");
        assert_eq!(north(18_000_000_000_000_000_000), "mười tám tỷ tỷ");
        assert_eq!(
            north(1_000_000_000_000_000_021),
            "một tỷ tỷ không trăm hai mươi mốt"
        );
        assert_eq!(
            north(u64::MAX),
            "mười tám tỷ bốn trăm bốn mươi sáu triệu bảy trăm bốn mươi tư nghìn \
             không trăm bảy mươi ba tỷ bảy trăm linh chín triệu năm trăm năm mươi mốt nghìn \
             sáu trăm mười lăm"
        );
    }

    #[test]
    fn options_default_and_deserialize_partially() {
        let opts: NumberWordsOptions = serde_json::from_str(r#"{"dialect":"Southern"}"#).unwrap();
        assert_eq!(opts.dialect, Dialect::Southern);
        assert!(opts.four_as_tu);
        assert_eq!(
            serde_json::from_str::<NumberWordsOptions>("{}").unwrap(),
            NumberWordsOptions::default()
        );
    }

    #[test]
    fn roman_numerals_are_subtractive() {
        let cases = [
            (1, "I"),
            (4, "IV"),
            (9, "IX"),
            (14, "XIV"),
            (26, "XXVI"),
            (40, "XL"),
            (49, "XLIX"),
            (90, "XC"),
            (400, "CD"),
            (1994, "MCMXCIV"),
            (3999, "MMMCMXCIX"),
        ];
        for (n, numeral) in cases {
            assert_eq!(roman(n).as_deref(), Some(numeral), "{n}");
        }
        assert_eq!(roman(0), None);
        assert_eq!(roman(4000), None);
    }

    #[test]
    fn congress_ordinals_of_spec_8_3() {
        assert_eq!(format!("lần thứ {}", roman(26).unwrap()), "lần thứ XXVI");
        assert_eq!(format!("lần thứ {}", roman(1).unwrap()), "lần thứ I");
        assert_eq!(
            format!("lần thứ {}", ordinal_words(1).unwrap()),
            "lần thứ nhất"
        );
    }

    #[test]
    fn ordinal_words_use_nhat_and_tu_then_cardinals() {
        let expected = [
            (1, "nhất"),
            (2, "hai"),
            (3, "ba"),
            (4, "tư"),
            (5, "năm"),
            (6, "sáu"),
            (7, "bảy"),
            (8, "tám"),
            (9, "chín"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (26, "hai mươi sáu"),
        ];
        for (n, words) in expected {
            assert_eq!(ordinal_words(n).as_deref(), Some(words), "{n}");
        }
        assert_eq!(ordinal_words(0), None);
        assert_eq!(
            ordinal_words(1_000_005).as_deref(),
            Some("một triệu không trăm linh năm")
        );
        assert_eq!(
            format!("bầu lần thứ {}", ordinal_words(2).unwrap()),
            "bầu lần thứ hai"
        );
    }

    #[test]
    fn term_years_with_spaced_en_dash_or_hyphen() {
        assert_eq!(term(2020, 2025, TermStyle::default()), "2020 – 2025");
        assert_eq!(
            term(2020, 2022, TermStyle::SpacedEnDash),
            "2020 \u{2013} 2022"
        );
        assert_eq!(
            format!("nhiệm kỳ {}", term(2020, 2022, TermStyle::SpacedEnDash)),
            "nhiệm kỳ 2020 – 2022"
        );
        assert_eq!(term(2020, 2025, TermStyle::Hyphen), "2020-2025");
    }

    #[test]
    fn thousands_separator_is_a_dot() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1.000");
        assert_eq!(thousands(12_345), "12.345");
        assert_eq!(thousands(1_200_000), "1.200.000");
        assert_eq!(thousands(u64::MAX), "18.446.744.073.709.551.615");
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// Reads number words back into a number, to check them against the number they say.
        fn read_back(words: &str) -> Option<u128> {
            let (mut ty, mut below_ty, mut group, mut pending) = (0u128, 0u128, 0u128, 0u128);
            for word in words.split(' ') {
                match word {
                    "trăm" => {
                        group += pending * 100;
                        pending = 0;
                    }
                    "mươi" => {
                        group += pending * 10;
                        pending = 0;
                    }
                    "mười" => group += 10,
                    "linh" | "lẻ" => {}
                    "nghìn" | "ngàn" | "triệu" => {
                        let scale = if word == "triệu" { 1_000_000 } else { 1_000 };
                        below_ty += (group + pending) * scale;
                        (group, pending) = (0, 0);
                    }
                    "tỷ" => {
                        ty = (ty + below_ty + group + pending) * 1_000_000_000;
                        (below_ty, group, pending) = (0, 0, 0);
                    }
                    "mốt" => pending = 1,
                    "tư" => pending = 4,
                    "lăm" => pending = 5,
                    digit => pending = DIGITS.iter().position(|&d| d == digit)? as u128,
                }
            }
            Some(ty + below_ty + group + pending)
        }

        fn options() -> impl Strategy<Value = NumberWordsOptions> {
            (any::<bool>(), any::<bool>()).prop_map(|(south, four_as_tu)| NumberWordsOptions {
                dialect: if south {
                    Dialect::Southern
                } else {
                    Dialect::Northern
                },
                four_as_tu,
            })
        }

        proptest! {
            #[test]
            fn number_words_are_total_lower_case_and_single_spaced(n in any::<u64>(), opts in options()) {
                let words = number_words(n, &opts);
                prop_assert!(!words.is_empty());
                prop_assert_eq!(words.to_lowercase(), words.clone());
                prop_assert!(!words.contains("  "), "{}", words);
                prop_assert_eq!(words.trim(), words.as_str());
            }

            #[test]
            fn number_words_read_back_to_the_number(n in any::<u64>(), opts in options()) {
                let words = number_words(n, &opts);
                prop_assert_eq!(read_back(&words), Some(u128::from(n)), "{}", words);
            }

            #[test]
            fn number_words_read_back_with_zero_groups(
                groups in proptest::collection::vec(prop_oneof![Just(0u64), 0u64..1000], 1..7),
                opts in options(),
            ) {
                // Numbers made of whole groups, many of them zero: 1 000 005, 114 000 612.
                let n = groups.iter().fold(0u64, |n, g| n * 1000 + g);
                let words = number_words(n, &opts);
                prop_assert_eq!(read_back(&words), Some(u128::from(n)), "{}", words);
            }
            #[test]
            fn roman_numerals_use_only_roman_letters(n in 1u32..4000) {
                let numeral = roman(n).unwrap();
                prop_assert!(numeral.chars().all(|c| "IVXLCDM".contains(c)));
            }

            #[test]
            fn thousands_removes_to_the_number(n in any::<u64>()) {
                prop_assert_eq!(thousands(n).replace('.', "").parse::<u64>().unwrap(), n);
            }
        }
    }
}
