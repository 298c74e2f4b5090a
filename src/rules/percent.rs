//! Percentages as the minutes print them: two decimals, round half up, decimal comma ("54,55%").
//! Integer arithmetic only; eligibility never reads a rounded figure (SPEC §6.6).

use std::fmt;

use serde::{Serialize, Serializer};

/// A percentage in basis points (hundredths of a percent), rounded half up.
///
/// `Display` gives "54,55%"; it serializes as that string.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent {
    basis_points: u64,
}

impl Percent {
    /// `part` of `whole`: `bp = (part × 20000 + whole) / (2 × whole)`; `None` when `whole` is 0.
    pub fn of(part: u32, whole: u32) -> Option<Percent> {
        if whole == 0 {
            return None;
        }
        let (part, whole) = (u64::from(part), u64::from(whole));
        // Cannot overflow: part × 20000 < 2^32 × 2^15.
        Some(Percent {
            basis_points: (part * 20_000 + whole) / (2 * whole),
        })
    }

    /// A percentage of `basis_points` hundredths of a percent (5455 is 54,55%).
    pub fn from_basis_points(basis_points: u64) -> Percent {
        Percent { basis_points }
    }

    /// Hundredths of a percent.
    pub fn basis_points(self) -> u64 {
        self.basis_points
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{},{:02}%",
            self.basis_points / 100,
            self.basis_points % 100
        )
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Percent;

    fn pct(part: u32, whole: u32) -> String {
        Percent::of(part, whole)
            .map(|p| p.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn rounds_half_up_with_a_decimal_comma() {
        assert_eq!(pct(6, 11), "54,55%");
        assert_eq!(pct(5, 11), "45,45%");
        assert_eq!(pct(81, 160), "50,63%");
        assert_eq!(pct(1, 8), "12,50%");
        assert_eq!(pct(1, 3), "33,33%");
        assert_eq!(pct(2, 3), "66,67%");
        assert_eq!(pct(0, 7), "0,00%");
        assert_eq!(pct(7, 7), "100,00%");
    }

    #[test]
    fn a_zero_base_has_no_percentage() {
        assert_eq!(Percent::of(3, 0), None);
    }

    #[test]
    fn the_largest_counts_do_not_overflow() {
        assert_eq!(pct(u32::MAX, 1), format!("{}00,00%", u32::MAX));
        assert_eq!(pct(u32::MAX, u32::MAX), "100,00%");
    }
}
