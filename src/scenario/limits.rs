//! The ranges of the scenario format's numbers: one table that the parser checks every file
//! against (each number outside its range is an error at its place) and that the book's
//! format reference prints ([`markdown`]), so the two cannot drift.
//!
//! The ranges keep every value inside what the model can compute without overflow (bandwidth
//! in kbit/s fits a `u32`, a clock skew in seconds an `i64`) and inside what a PC of the
//! scenarios' time can be: Windows 10 and 11 between 2015 and 2035, at least 4 GB of memory
//! is not required (old PCs are the point), but a drive has room for Windows.

use std::fmt::Write as _;

/// One number of the format and its allowed range (both ends included).
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    /// Where it is written: `section.key`, or `key` at the top.
    pub field: &'static str,
    /// The smallest value.
    pub min: i64,
    /// The largest value.
    pub max: i64,
    /// The unit, for messages and the book.
    pub unit: &'static str,
}

/// Every range the parser checks.
pub const LIMITS: &[Limit] = &[
    Limit {
        field: "start (year)",
        min: 2015,
        max: 2035,
        unit: "",
    },
    Limit {
        field: "pc.revision",
        min: 1,
        max: 99_999,
        unit: "",
    },
    Limit {
        field: "pc.ram-gb",
        min: 1,
        max: 2_048,
        unit: "GB",
    },
    Limit {
        field: "pc.disk-gb",
        min: 16,
        max: 16_384,
        unit: "GB",
    },
    Limit {
        field: "pc.disk-free-gb",
        min: 0,
        max: 16_384,
        unit: "GB (and at most disk-gb)",
    },
    Limit {
        field: "pc.cleanup-gb",
        min: 0,
        max: 16_384,
        unit: "GB (and at most disk-gb)",
    },
    Limit {
        field: "pc.bandwidth-mbps",
        min: 1,
        max: 100_000,
        unit: "Mbit/s",
    },
    Limit {
        field: "pc.last-scan",
        min: 0,
        max: 3_650,
        unit: "days",
    },
    Limit {
        field: "fault.days (clock-skew)",
        min: -3_650,
        max: 3_650,
        unit: "days",
    },
    Limit {
        field: "fault.at",
        min: 0,
        max: 365,
        unit: "days",
    },
    Limit {
        field: "par.commands",
        min: 1,
        max: 1_000,
        unit: "",
    },
    Limit {
        field: "par.time",
        min: 0,
        max: 365,
        unit: "days",
    },
];

/// The limit of `field`.
///
/// # Panics
/// If `field` is not in [`LIMITS`] (a programming error the tests catch).
pub fn of(field: &str) -> Limit {
    LIMITS
        .iter()
        .copied()
        .find(|l| l.field == field)
        .unwrap_or_else(|| panic!("no limit for {field}"))
}

impl Limit {
    /// `None` when `value` is in range, else the problem in words.
    pub fn check(&self, value: i64) -> Option<String> {
        (!(self.min..=self.max).contains(&value)).then(|| {
            let unit = if self.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", self.unit)
            };
            format!(
                "{} = {value} is out of range: write {} to {}{unit}",
                self.field, self.min, self.max
            )
        })
    }
}

/// Windows' rule for a computer name, as the scenario's `pc.name` must follow it: 1 to 15
/// characters, letters, digits and hyphens, not only digits.
pub fn computer_name_problem(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 15
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.bytes().all(|b| b.is_ascii_digit());
    (!ok).then(|| {
        format!(
            "pc.name `{name}` is not a Windows computer name: 1 to 15 letters, digits and hyphens, not only digits"
        )
    })
}

/// The table of ranges for the book, in Markdown.
pub fn markdown() -> String {
    let mut out = String::from("| Number | Smallest | Largest | Unit |\n|---|---|---|---|\n");
    for l in LIMITS {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            l.field, l.min, l.max, l.unit
        );
    }
    out.push_str("| `pc.name` | 1 character | 15 characters | letters, digits and hyphens, not only digits |\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_range_is_ordered_and_named_once() {
        for (i, l) in LIMITS.iter().enumerate() {
            assert!(l.min <= l.max, "{}", l.field);
            assert!(LIMITS[i + 1..].iter().all(|o| o.field != l.field));
        }
        assert!(of("pc.bandwidth-mbps").check(4_294_968).is_some());
        assert_eq!(of("pc.bandwidth-mbps").check(100), None);
        // The largest bandwidth still fits the model's kbit/s.
        assert!(u32::try_from(of("pc.bandwidth-mbps").max * 1_000).is_ok());
    }

    #[test]
    fn computer_names_follow_windows_rules() {
        assert_eq!(computer_name_problem("DESKTOP-ABC1234"), None);
        for bad in ["", "1234", "A_B", "WAY-TOO-LONG-NAME-1", "PC NAME"] {
            assert!(computer_name_problem(bad).is_some(), "{bad}");
        }
    }
}
