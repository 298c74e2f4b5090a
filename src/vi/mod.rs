//! Vietnamese language rules (SPEC §7): NFC text, dates, weekdays, times, number words, Roman
//! numerals, upper case, terms, number formatting, and personal names in three parts with their
//! collation on ballots and lists.
//!
//! Pure functions and small value types only: no I/O, no clock, and nothing here panics on user
//! data — where a rule is not defined for an input the function returns `None` or an error.

mod collate;
mod date;
mod name;
mod numbers;
mod text;
mod time;

pub use collate::{compare_text, name_key, text_key, CollationKey};
pub use date::{Date, ParseDateError, Weekday};
pub use name::PersonName;
pub use numbers::{
    number_words, ordinal_words, roman, term, thousands, Dialect, NumberWordsOptions, TermStyle,
};
pub use text::{is_nfc, nfc, respell_uy, upper, UySpelling};
pub use time::{ParseTimeError, Time};
