//! Clock times and their Vietnamese forms ("7h30’", "7 giờ 30 phút").

use std::fmt;
use std::str::FromStr;

use super::text::excerpt;

/// A time of day to the minute, 00:00 to 23:59.
///
/// Displays and serializes as "07:30"; parses "7:30" or "07:30".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(with = "String", extend("pattern" = "^([01]?[0-9]|2[0-3]):[0-5][0-9]$"))
)]
pub struct Time {
    /// Hour, 0 to 23.
    pub hour: u8,
    /// Minute, 0 to 59.
    pub minute: u8,
}

impl Time {
    /// The time, if the hour is 0 to 23 and the minute 0 to 59.
    pub fn new(hour: u8, minute: u8) -> Option<Time> {
        (hour < 24 && minute < 60).then_some(Time { hour, minute })
    }

    /// The compact form of invitations and programmes: "7h30’", "12h00’" — hour unpadded,
    /// two-digit minutes, then U+2019 RIGHT SINGLE QUOTATION MARK.
    pub fn compact(&self) -> String {
        format!("{}’", self.compact_plain())
    }

    /// The compact form without the closing mark: "7h30", "12h00".
    pub fn compact_plain(&self) -> String {
        format!("{}h{:02}", self.hour, self.minute)
    }

    /// The prose form of minutes ("hồi 10 giờ 05 phút"): "7 giờ 30 phút", "10 giờ 05 phút".
    ///
    /// The minutes are always written, two digits, also on the hour: "12 giờ 00 phút". That
    /// is the form minutes use for a recorded time ("kết thúc vào hồi 11 giờ 00 phút") and it
    /// matches the compact form "12h00’" (SPEC §7, §8.3).
    pub fn prose(&self) -> String {
        format!("{} giờ {:02} phút", self.hour, self.minute)
    }
}

impl fmt::Display for Time {
    /// "07:30".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// Why a text is not a time: it is not shaped `HH:MM`, or a part is out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseTimeError {
    input: String,
    kind: TimeErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeErrorKind {
    Shape,
    Hour(u8),
    Minute(u8),
}

impl fmt::Display for ParseTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let input = excerpt(&self.input);
        match self.kind {
            TimeErrorKind::Shape => write!(f, "expected a time as HH:MM, found {input}"),
            TimeErrorKind::Hour(h) => {
                write!(f, "hour {h} is out of range in {input} (expected 0 to 23)")
            }
            TimeErrorKind::Minute(m) => {
                write!(
                    f,
                    "minute {m} is out of range in {input} (expected 00 to 59)"
                )
            }
        }
    }
}

impl std::error::Error for ParseTimeError {}

/// The value of one or two ASCII digits.
fn small_number(s: &str) -> Option<u8> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl FromStr for Time {
    type Err = ParseTimeError;

    /// Parses `H:MM` or `HH:MM` ("7:30", "07:30"); minutes always have two digits.
    fn from_str(s: &str) -> Result<Time, ParseTimeError> {
        let error = |kind| ParseTimeError {
            input: s.to_string(),
            kind,
        };
        let parts = s
            .split_once(':')
            .filter(|(_, m)| m.len() == 2)
            .and_then(|(h, m)| Some((small_number(h)?, small_number(m)?)));
        let Some((hour, minute)) = parts else {
            return Err(error(TimeErrorKind::Shape));
        };
        if hour > 23 {
            return Err(error(TimeErrorKind::Hour(hour)));
        }
        if minute > 59 {
            return Err(error(TimeErrorKind::Minute(minute)));
        }
        Ok(Time { hour, minute })
    }
}

impl serde::Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Time {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Time, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Time;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a time as HH:MM")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Time, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Time {
        s.parse().unwrap()
    }

    #[test]
    fn compact_form_has_unpadded_hour_two_digit_minutes_and_closing_quote() {
        assert_eq!(t("07:30").compact(), "7h30’");
        assert_eq!(t("12:00").compact(), "12h00’");
        assert_eq!(t("13:05").compact(), "13h05’");
        assert!(t("07:30").compact().ends_with('\u{2019}'));
    }

    #[test]
    fn compact_plain_option_drops_the_quote() {
        assert_eq!(t("07:30").compact_plain(), "7h30");
        assert_eq!(t("00:00").compact_plain(), "0h00");
    }

    #[test]
    fn prose_form_writes_hours_and_two_digit_minutes() {
        assert_eq!(t("07:30").prose(), "7 giờ 30 phút");
        assert_eq!(t("10:05").prose(), "10 giờ 05 phút");
        assert_eq!(t("12:00").prose(), "12 giờ 00 phút");
        assert_eq!(format!("hồi {}", t("10:05").prose()), "hồi 10 giờ 05 phút");
    }

    #[test]
    fn display_and_parse() {
        assert_eq!(t("7:30").to_string(), "07:30");
        assert_eq!(t("07:30"), Time::new(7, 30).unwrap());
        assert_eq!(t("23:59"), Time::new(23, 59).unwrap());
        assert_eq!(t("0:00"), Time::new(0, 0).unwrap());
    }

    #[test]
    fn invalid_times_are_rejected() {
        assert_eq!(Time::new(24, 0), None);
        assert_eq!(Time::new(7, 60), None);
        for s in [
            "24:00", "7:60", "7h30", "7:3", "007:30", ":30", "7:", "", "7:30:00", "+7:30", "٧:30",
        ] {
            assert!(s.parse::<Time>().is_err(), "{s}");
        }
    }

    #[test]
    fn parse_errors_say_what_was_expected_and_found() {
        let msg = |s: &str| s.parse::<Time>().unwrap_err().to_string();
        assert_eq!(msg("7h30"), "expected a time as HH:MM, found \"7h30\"");
        assert_eq!(
            msg("24:00"),
            "hour 24 is out of range in \"24:00\" (expected 0 to 23)"
        );
        assert_eq!(
            msg("07:75"),
            "minute 75 is out of range in \"07:75\" (expected 00 to 59)"
        );
    }

    #[test]
    fn serde_round_trip_as_string() {
        let time = t("7:30");
        let json = serde_json::to_string(&time).unwrap();
        assert_eq!(json, "\"07:30\"");
        assert_eq!(serde_json::from_str::<Time>(&json).unwrap(), time);
        assert!(serde_json::from_str::<Time>("\"25:00\"").is_err());
    }

    #[test]
    fn order_is_chronological() {
        assert!(t("7:30") < t("13:00"));
        assert!(t("7:30") < t("7:31"));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn from_str_never_panics(s in "\\PC*") {
                let _ = s.parse::<Time>();
            }

            #[test]
            fn valid_times_round_trip(hour in 0u8..24, minute in 0u8..60) {
                let time = Time::new(hour, minute).unwrap();
                prop_assert_eq!(time.to_string().parse::<Time>().unwrap(), time);
            }
        }
    }
}
