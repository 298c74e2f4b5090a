//! Personal names in their three parts (họ, tên đệm, tên), never split from a string, and
//! their place in ballot order.

use serde::{Deserialize, Serialize};

use super::collate::{name_key, CollationKey};

/// A Vietnamese personal name in its parts: họ (family), tên đệm (middle), tên (given).
///
/// Names are stored in parts because ballots and lists sort by the given name first
/// ("theo vần A, B, C"), and splitting a full name is ambiguous (compound family names).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PersonName {
    /// Họ — family name, e.g. "Nguyễn" (may be compound: "Tôn Nữ").
    #[serde(deserialize_with = "trimmed")]
    pub ho: String,
    /// Tên đệm — middle name(s), e.g. "Văn" or "Thị Lan"; may be empty.
    #[serde(default, deserialize_with = "trimmed")]
    pub dem: String,
    /// Tên — given name, e.g. "An".
    #[serde(deserialize_with = "trimmed")]
    pub ten: String,
}

/// A part of a name as the file gives it, without the spaces at its edges: a paper that prints
/// the parts one by one would print "Lan Duyên , Phó Bí thư" for a `ten` of "Duyên ", where
/// [`PersonName::full`] prints "Lan Duyên".
fn trimmed<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let part = String::deserialize(d)?;
    Ok(match part.trim() {
        t if t.len() == part.len() => part,
        t => t.to_string(),
    })
}

impl PersonName {
    /// A name from its three parts.
    pub fn new(ho: &str, dem: &str, ten: &str) -> Self {
        PersonName {
            ho: ho.to_string(),
            dem: dem.to_string(),
            ten: ten.to_string(),
        }
    }

    /// The full name in reading order: "Nguyễn Văn An".
    pub fn full(&self) -> String {
        [self.ho.trim(), self.dem.trim(), self.ten.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The name's sort key in ballot order ("theo vần A, B, C", SPEC §7): see [`name_key`].
    ///
    /// Build it once per name and sort with `sort_by_cached_key`; a stable sort keeps input
    /// order among equal keys.
    pub fn key(&self) -> CollationKey {
        name_key(&self.ho, &self.dem, &self.ten)
    }
}

impl std::fmt::Display for PersonName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.full())
    }
}
