//! Calendar dates and weekdays, and their Vietnamese forms ("ngày 05 tháng 3 năm 2020").

use std::fmt;
use std::str::FromStr;

use super::text::excerpt;

/// A day of the Gregorian calendar, years 1 to 9999.
///
/// Build one with [`Date::new`] or by parsing ISO text (`"2020-03-19".parse()`), which validate
/// it. The fields are public for pattern matching; a value built by hand that is not a real date
/// formats as given and never panics, but its weekday and arithmetic are meaningless.
///
/// Displays and serializes as ISO 8601, "2020-03-19".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "String", extend("format" = "date")))]
pub struct Date {
    /// Year, 1 to 9999.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 28, 29, 30 or 31.
    pub day: u8,
}

/// A day of the week (thứ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    /// Thứ Hai.
    Monday,
    /// Thứ Ba.
    Tuesday,
    /// Thứ Tư.
    Wednesday,
    /// Thứ Năm.
    Thursday,
    /// Thứ Sáu.
    Friday,
    /// Thứ Bảy.
    Saturday,
    /// Chủ nhật.
    Sunday,
}

impl Weekday {
    /// The Vietnamese name as written in a date line: "Thứ Hai" … "Thứ Bảy", "Chủ nhật".
    pub fn name(&self) -> &'static str {
        match self {
            Weekday::Monday => "Thứ Hai",
            Weekday::Tuesday => "Thứ Ba",
            Weekday::Wednesday => "Thứ Tư",
            Weekday::Thursday => "Thứ Năm",
            Weekday::Friday => "Thứ Sáu",
            Weekday::Saturday => "Thứ Bảy",
            Weekday::Sunday => "Chủ nhật",
        }
    }
}

const MIN_YEAR: i32 = 1;
const MAX_YEAR: i32 = 9999;

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (H. Hinnant's `days_from_civil`); total for any field values.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let m = i64::from(month);
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9).rem_euclid(12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`), for days within
/// years 1..=9999, which the caller guarantees.
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        // The caller keeps `days` within years 1..=9999, so these conversions cannot fail;
        // the fallbacks only keep the function total.
        year: i32::try_from(year).unwrap_or(MAX_YEAR),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

/// Pads a day or month number as the date rules want: days 01–09, months 01–02 (SPEC §7).
fn padded(n: u8, below: u8) -> String {
    if n < below {
        format!("{n:02}")
    } else {
        n.to_string()
    }
}

impl Date {
    /// The date, if it exists in the Gregorian calendar and the year is 1 to 9999.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The day of the week.
    pub fn weekday(&self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3 counting from Monday = 0).
        match (days_from_civil(self.year, self.month, self.day) + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The long form of a date line: "ngày 05 tháng 3 năm 2020", "ngày 20 tháng 02 năm 2020".
    ///
    /// Days 1–9 and months 1–2 are padded with a zero, nothing else (36-HD/VPTW; SPEC §7).
    /// Lower case: capitalise the first letter where the form begins a sentence.
    pub fn long(&self) -> String {
        format!(
            "ngày {} tháng {} năm {}",
            padded(self.day, 10),
            padded(self.month, 3),
            self.year
        )
    }

    /// The short form with "/": "05/3/2020", "19/3/2020", "20/02/2020" (same padding as
    /// [`Date::long`]).
    pub fn short(&self) -> String {
        self.short_with('/')
    }

    /// The short form with the given separator, normally '/' or '-': "09-7-2025".
    pub fn short_with(&self, sep: char) -> String {
        format!(
            "{}{sep}{}{sep}{}",
            padded(self.day, 10),
            padded(self.month, 3),
            self.year
        )
    }

    /// The date `days` later (earlier if negative): `add_days(-1)` is the day before.
    ///
    /// Saturates at 0001-01-01 and 9999-12-31 instead of leaving the supported range.
    pub fn add_days(&self, days: i32) -> Date {
        let min = days_from_civil(MIN_YEAR, 1, 1);
        let max = days_from_civil(MAX_YEAR, 12, 31);
        let target = days_from_civil(self.year, self.month, self.day) + i64::from(days);
        civil_from_days(target.clamp(min, max))
    }
}

impl fmt::Display for Date {
    /// ISO 8601: "2020-03-19".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a text is not a date: it is not shaped `YYYY-MM-DD`, or a part is out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDateError {
    input: String,
    kind: DateErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateErrorKind {
    Shape,
    Year(i32),
    Month(u8),
    Day { day: u8, year: i32, month: u8 },
}

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let input = excerpt(&self.input);
        match self.kind {
            DateErrorKind::Shape => write!(f, "expected a date as YYYY-MM-DD, found {input}"),
            DateErrorKind::Year(y) => write!(
                f,
                "year {y:04} is out of range in {input} (expected 0001 to 9999)"
            ),
            DateErrorKind::Month(m) => write!(
                f,
                "month {m:02} is out of range in {input} (expected 01 to 12)"
            ),
            DateErrorKind::Day { day, year, month } => write!(
                f,
                "day {day:02} is out of range in {input} (month {month:02} of {year:04} has {} days)",
                days_in_month(year, month)
            ),
        }
    }
}

impl std::error::Error for ParseDateError {}

/// The value of a string of one to four ASCII digits, or `None`.
fn digits(s: Option<&str>) -> Option<u16> {
    let s = s?;
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl FromStr for Date {
    type Err = ParseDateError;

    /// Parses ISO 8601 `YYYY-MM-DD` exactly ("2020-03-05", not "2020-3-5" nor "5/3/2020").
    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let error = |kind| ParseDateError {
            input: s.to_string(),
            kind,
        };
        let shape = || error(DateErrorKind::Shape);
        let bytes = s.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(shape());
        }
        // Length 10 with ASCII '-' at 4 and 7 makes these slices fall on char boundaries.
        let (Some(year), Some(month), Some(day)) = (
            digits(s.get(0..4)),
            digits(s.get(5..7)),
            digits(s.get(8..10)),
        ) else {
            return Err(shape());
        };
        let year = i32::from(year);
        if year < MIN_YEAR {
            return Err(error(DateErrorKind::Year(year)));
        }
        // Two digits always fit a u8.
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(shape());
        };
        if !(1..=12).contains(&month) {
            return Err(error(DateErrorKind::Month(month)));
        }
        Date::new(year, month, day).ok_or_else(|| error(DateErrorKind::Day { day, year, month }))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn long_form_pads_days_below_10_and_months_below_3() {
        assert_eq!(d("2020-03-05").long(), "ngày 05 tháng 3 năm 2020");
        assert_eq!(d("2020-02-20").long(), "ngày 20 tháng 02 năm 2020");
        assert_eq!(d("2020-01-09").long(), "ngày 09 tháng 01 năm 2020");
        assert_eq!(d("2020-10-01").long(), "ngày 01 tháng 10 năm 2020");
        assert_eq!(d("2020-12-10").long(), "ngày 10 tháng 12 năm 2020");
        assert_eq!(d("2020-03-19").long(), "ngày 19 tháng 3 năm 2020");
    }

    #[test]
    fn date_line_with_place() {
        // SPEC §8.3: "Bạch Mai, ngày 05 tháng 3 năm 2020".
        let line = format!("Bạch Mai, {}", d("2020-03-05").long());
        assert_eq!(line, "Bạch Mai, ngày 05 tháng 3 năm 2020");
    }

    #[test]
    fn weekday_line_of_the_spec() {
        let date = d("2020-03-19");
        assert_eq!(
            format!("{}, {}", date.weekday().name(), date.long()),
            "Thứ Năm, ngày 19 tháng 3 năm 2020"
        );
        assert_eq!(
            format!("{} ({})", date.short(), date.weekday().name()),
            "19/3/2020 (Thứ Năm)"
        );
    }

    #[test]
    fn weekdays_are_computed() {
        assert_eq!(d("2020-03-19").weekday(), Weekday::Thursday);
        assert_eq!(d("2020-06-18").weekday(), Weekday::Thursday);
        assert_eq!(d("2020-05-06").weekday(), Weekday::Wednesday);
        assert_eq!(d("2020-06-18").weekday().name(), "Thứ Năm");
        assert_eq!(d("2020-05-06").weekday().name(), "Thứ Tư");
        assert_eq!(d("1970-01-01").weekday(), Weekday::Thursday);
        assert_eq!(d("2000-02-29").weekday(), Weekday::Tuesday);
        assert_eq!(d("0001-01-01").weekday(), Weekday::Monday);
        assert_eq!(d("9999-12-31").weekday(), Weekday::Friday);
        assert_eq!(d("2025-07-09").weekday(), Weekday::Wednesday);
    }

    #[test]
    fn weekday_names() {
        let names: Vec<_> = (0..7)
            .map(|i| d("2020-03-16").add_days(i).weekday().name())
            .collect();
        assert_eq!(
            names,
            [
                "Thứ Hai",
                "Thứ Ba",
                "Thứ Tư",
                "Thứ Năm",
                "Thứ Sáu",
                "Thứ Bảy",
                "Chủ nhật"
            ]
        );
    }

    #[test]
    fn short_forms_use_the_same_padding() {
        assert_eq!(d("2020-03-05").short(), "05/3/2020");
        assert_eq!(d("2020-03-19").short(), "19/3/2020");
        assert_eq!(d("2020-02-20").short(), "20/02/2020");
        assert_eq!(d("2020-06-18").short(), "18/6/2020");
        assert_eq!(d("2020-05-06").short(), "06/5/2020");
        assert_eq!(d("2019-07-07").short(), "07/7/2019");
        assert_eq!(d("2025-07-09").short_with('-'), "09-7-2025");
        assert_eq!(d("2020-06-30").short_with('-'), "30-6-2020");
    }

    #[test]
    fn leap_day_is_a_date_only_in_leap_years() {
        assert_eq!(Date::new(2020, 2, 29), Some(d("2020-02-29")));
        assert_eq!(Date::new(2019, 2, 29), None);
        assert_eq!(Date::new(1900, 2, 29), None);
        assert!(Date::new(2000, 2, 29).is_some());
    }

    #[test]
    fn invalid_dates_are_rejected() {
        assert_eq!(Date::new(2020, 13, 1), None);
        assert_eq!(Date::new(2020, 0, 1), None);
        assert_eq!(Date::new(2020, 4, 31), None);
        assert_eq!(Date::new(2020, 1, 0), None);
        assert_eq!(Date::new(0, 1, 1), None);
        assert_eq!(Date::new(10_000, 1, 1), None);
        assert!("2019-02-29".parse::<Date>().is_err());
        assert!("2020-13-01".parse::<Date>().is_err());
        assert!("2020-3-5".parse::<Date>().is_err());
        assert!("".parse::<Date>().is_err());
        assert!("2020-03-05 ".parse::<Date>().is_err());
        assert!("+020-03-05".parse::<Date>().is_err());
        assert!("2020-0a-05".parse::<Date>().is_err());
    }

    #[test]
    fn parse_errors_say_what_was_expected_and_found() {
        let msg = |s: &str| s.parse::<Date>().unwrap_err().to_string();
        assert_eq!(
            msg("19/3/2020"),
            "expected a date as YYYY-MM-DD, found \"19/3/2020\""
        );
        assert_eq!(
            msg("2020-3-5"),
            "expected a date as YYYY-MM-DD, found \"2020-3-5\""
        );
        assert_eq!(
            msg("2020-13-01"),
            "month 13 is out of range in \"2020-13-01\" (expected 01 to 12)"
        );
        assert_eq!(
            msg("2019-02-29"),
            "day 29 is out of range in \"2019-02-29\" (month 02 of 2019 has 28 days)"
        );
        assert_eq!(
            msg("0000-01-01"),
            "year 0000 is out of range in \"0000-01-01\" (expected 0001 to 9999)"
        );
        let long = "x".repeat(100);
        assert_eq!(
            msg(&long),
            format!(
                "expected a date as YYYY-MM-DD, found \"{}\"…",
                "x".repeat(40)
            )
        );
    }

    #[test]
    fn parse_error_is_a_std_error() {
        let err: Box<dyn std::error::Error> = Box::new("x".parse::<Date>().unwrap_err());
        assert!(err.to_string().starts_with("expected a date"));
    }

    #[test]
    fn display_is_iso() {
        assert_eq!(Date::new(2020, 3, 19).unwrap().to_string(), "2020-03-19");
        assert_eq!(Date::new(999, 1, 2).unwrap().to_string(), "0999-01-02");
        assert_eq!(d("0999-01-02"), Date::new(999, 1, 2).unwrap());
    }

    #[test]
    fn serde_round_trip_as_iso_string() {
        let date = d("2020-03-19");
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(json, "\"2020-03-19\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), date);
        // Owned strings (from a `Value`) deserialize too.
        let value = serde_json::json!("2020-02-29");
        assert_eq!(
            serde_json::from_value::<Date>(value).unwrap(),
            d("2020-02-29")
        );
    }

    #[test]
    fn serde_rejects_bad_dates_with_the_parse_message() {
        let err = serde_json::from_str::<Date>("\"2019-02-29\"").unwrap_err();
        assert!(err.to_string().contains("day 29 is out of range"), "{err}");
        let err = serde_json::from_str::<Date>("20200319").unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    }

    #[test]
    fn add_days_crosses_months_and_years() {
        assert_eq!(d("2020-05-07").add_days(-1), d("2020-05-06"));
        assert_eq!(d("2020-03-01").add_days(-1), d("2020-02-29"));
        assert_eq!(d("2019-03-01").add_days(-1), d("2019-02-28"));
        assert_eq!(d("2020-01-01").add_days(-1), d("2019-12-31"));
        assert_eq!(d("2019-12-31").add_days(1), d("2020-01-01"));
        assert_eq!(d("2020-01-31").add_days(1), d("2020-02-01"));
        assert_eq!(d("2020-01-01").add_days(366), d("2021-01-01"));
        assert_eq!(d("2020-03-19").add_days(0), d("2020-03-19"));
    }

    #[test]
    fn add_days_saturates_at_the_year_bounds() {
        assert_eq!(d("0001-01-01").add_days(-1), d("0001-01-01"));
        assert_eq!(d("9999-12-31").add_days(1), d("9999-12-31"));
        assert_eq!(d("2020-03-19").add_days(i32::MIN), d("0001-01-01"));
        assert_eq!(d("2020-03-19").add_days(i32::MAX), d("9999-12-31"));
    }

    #[test]
    fn hand_built_invalid_dates_do_not_panic() {
        for date in [
            Date {
                year: i32::MIN,
                month: 0,
                day: 0,
            },
            Date {
                year: i32::MAX,
                month: 255,
                day: 255,
            },
            Date {
                year: 2020,
                month: 13,
                day: 40,
            },
        ] {
            let _ = date.weekday();
            let _ = date.long();
            let _ = date.short();
            let _ = date.to_string();
            let _ = date.add_days(i32::MAX);
            let _ = date.add_days(i32::MIN);
        }
    }

    #[test]
    fn order_is_chronological() {
        assert!(d("2019-12-31") < d("2020-01-01"));
        assert!(d("2020-02-29") < d("2020-03-01"));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn from_str_never_panics(s in "\\PC*") {
                let _ = s.parse::<Date>();
            }

            #[test]
            fn from_str_never_panics_on_date_like_text(s in "[0-9+-]{4}-[0-9\\-]{2}-[0-9é]{1,3}") {
                let _ = s.parse::<Date>();
            }

            #[test]
            fn valid_dates_round_trip_through_text(days in 0i32..3_652_059) {
                let date = Date::new(1, 1, 1).unwrap().add_days(days);
                prop_assert!(Date::new(date.year, date.month, date.day).is_some());
                prop_assert_eq!(date.to_string().parse::<Date>().unwrap(), date);
            }

            #[test]
            fn add_days_then_back_is_identity(days in -100_000i32..100_000) {
                let start = Date::new(2020, 3, 19).unwrap();
                prop_assert_eq!(start.add_days(days).add_days(-days), start);
            }
        }
    }
}
