//! Simulated time: integer milliseconds, and the calendar that shows them to people.
//!
//! [`SimTime`] counts milliseconds from the scenario's start; [`SimDuration`] is a span of
//! them. Integers keep ties exact and traces identical across platforms. People see times as a
//! [`CivilDateTime`], the scenario's start plus the elapsed time, in the PC's local time (time
//! zones and daylight saving are not modelled: the book says so). The calendar arithmetic is
//! the proleptic Gregorian one (Howard Hinnant's `days_from_civil`).

use std::fmt;

/// An instant of simulated time: milliseconds since the scenario started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct SimTime(u64);

/// A span of simulated time in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct SimDuration(u64);

impl SimTime {
    /// The scenario's first instant.
    pub const ZERO: SimTime = SimTime(0);

    /// The instant `ms` milliseconds after the start.
    pub const fn from_millis(ms: u64) -> Self {
        SimTime(ms)
    }

    /// Milliseconds since the start.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// The time elapsed since `earlier` (zero if `earlier` is later).
    pub fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }
}

impl std::ops::Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
}

impl SimDuration {
    /// No time at all.
    pub const ZERO: SimDuration = SimDuration(0);

    /// `ms` milliseconds.
    pub const fn from_millis(ms: u64) -> Self {
        SimDuration(ms)
    }
    /// `s` seconds.
    pub const fn from_secs(s: u64) -> Self {
        SimDuration(s.saturating_mul(1_000))
    }
    /// `m` minutes.
    pub const fn from_mins(m: u64) -> Self {
        SimDuration(m.saturating_mul(60_000))
    }
    /// `h` hours.
    pub const fn from_hours(h: u64) -> Self {
        SimDuration(h.saturating_mul(3_600_000))
    }
    /// `d` days.
    pub const fn from_days(d: u64) -> Self {
        SimDuration(d.saturating_mul(86_400_000))
    }
    /// The span in milliseconds.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// The span rounded to whole seconds (for people: `2h0m9s` rather than `2h9s500ms`).
    pub const fn round_to_secs(self) -> SimDuration {
        SimDuration((self.0 + 500) / 1_000 * 1_000)
    }
}

impl std::ops::Add for SimDuration {
    type Output = SimDuration;
    fn add(self, other: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(other.0))
    }
}

impl fmt::Display for SimDuration {
    /// The shortest exact form in days, hours, minutes, seconds and milliseconds: `1d2h`, `30m`,
    /// `1.5s` is written `1s500ms`. Zero is `0s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("0s");
        }
        let mut rest = self.0;
        for (unit, ms) in UNITS {
            if rest >= ms {
                write!(f, "{}{unit}", rest / ms)?;
                rest %= ms;
            }
        }
        Ok(())
    }
}

const UNITS: [(&str, u64); 5] = [
    ("d", 86_400_000),
    ("h", 3_600_000),
    ("m", 60_000),
    ("s", 1_000),
    ("ms", 1),
];

/// A duration a person typed that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDurationError {
    /// What was typed.
    pub input: String,
    /// It is a duration, but too long to count in milliseconds.
    pub too_long: bool,
}

impl fmt::Display for ParseDurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.too_long {
            return write!(
                f,
                "'{}' is too long a duration: write at most a few years, such as 365d",
                self.input
            );
        }
        write!(
            f,
            "'{}' is not a duration: write a number and a unit, such as 30s, 10m, 2h, 1d or 1h30m",
            self.input
        )
    }
}

impl std::error::Error for ParseDurationError {}

/// Reads a duration such as `30s`, `10m`, `2h`, `1d`, `1w`, `1h30m` or `250ms`.
pub fn parse_duration(text: &str) -> Result<SimDuration, ParseDurationError> {
    let error = || ParseDurationError {
        input: text.to_string(),
        too_long: false,
    };
    let too_long = || ParseDurationError {
        input: text.to_string(),
        too_long: true,
    };
    let s = text.trim().to_ascii_lowercase();
    if s.is_empty() {
        return Err(error());
    }
    let mut total: u64 = 0;
    let mut rest = s.as_str();
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(error());
        }
        let value: u64 = rest[..digits].parse().map_err(|_| too_long())?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let factor = match &rest[..unit_len] {
            "ms" => 1,
            "s" => 1_000,
            "m" | "min" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            "w" => 7 * 86_400_000,
            _ => return Err(error()),
        };
        rest = &rest[unit_len..];
        total = value
            .checked_mul(factor)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(too_long)?;
    }
    Ok(SimDuration(total))
}

/// An hour of the day (0–23) on a 12-hour clock, and `"AM"` or `"PM"`: `(12, "AM")` for 0.
pub fn hour12(hour: u8) -> (u8, &'static str) {
    let suffix = if hour % 24 < 12 { "AM" } else { "PM" };
    let h = match hour % 12 {
        0 => 12,
        h => h,
    };
    (h, suffix)
}

/// A local calendar date and time, to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDateTime {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–59.
    pub second: u8,
}

impl CivilDateTime {
    /// A date and time; `None` if a field is out of range.
    pub fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second < 60;
        valid.then_some(CivilDateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }

    /// The default scenario start: Patch Tuesday, 10 June 2025, 10:30 in the morning — half an
    /// hour after that month's updates were released.
    pub const PATCH_TUESDAY: CivilDateTime = CivilDateTime {
        year: 2025,
        month: 6,
        day: 10,
        hour: 10,
        minute: 30,
        second: 0,
    };

    /// This date and time moved forward by `elapsed` (milliseconds are dropped).
    pub fn plus(self, elapsed: SimDuration) -> CivilDateTime {
        let secs = self.seconds_since_epoch() + (elapsed.as_millis() / 1_000) as i64;
        Self::from_seconds_since_epoch(secs)
    }

    /// This date and time moved back by `elapsed` (milliseconds are dropped).
    pub fn minus(self, elapsed: SimDuration) -> CivilDateTime {
        let secs = self.seconds_since_epoch() - (elapsed.as_millis() / 1_000) as i64;
        Self::from_seconds_since_epoch(secs)
    }

    /// Whole seconds from 1970-01-01 00:00:00 to this date and time.
    pub fn seconds_since_epoch(self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// The date and time `secs` whole seconds after 1970-01-01 00:00:00.
    pub fn from_seconds_since_epoch(secs: i64) -> CivilDateTime {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        CivilDateTime {
            year,
            month,
            day,
            hour: (rem / 3_600) as u8,
            minute: (rem % 3_600 / 60) as u8,
            second: (rem % 60) as u8,
        }
    }

    /// Day of the week, 0 = Sunday.
    pub fn weekday(self) -> u8 {
        (days_from_civil(self.year, self.month, self.day) + 4).rem_euclid(7) as u8
    }

    /// The hour on a 12-hour clock and `"AM"` or `"PM"`.
    pub fn hour12(self) -> (u8, &'static str) {
        hour12(self.hour)
    }

    /// The way an en-US Windows console prints it: `6/10/2025 10:30:00 AM`.
    pub fn windows(self) -> String {
        let (h, ampm) = self.hour12();
        format!(
            "{}/{}/{} {}:{:02}:{:02} {}",
            self.month, self.day, self.year, h, self.minute, self.second, ampm
        )
    }

    /// Days since 1970-01-01.
    pub fn day_number(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The date alone, `6/10/2025`.
    pub fn windows_date(self) -> String {
        format!("{}/{}/{}", self.month, self.day, self.year)
    }

    /// The time alone on a 12-hour clock, `10:30 AM`.
    pub fn clock(self) -> String {
        let (h, ampm) = self.hour12();
        format!("{h}:{:02} {ampm}", self.minute)
    }
}

impl fmt::Display for CivilDateTime {
    /// ISO 8601 without a zone: `2025-06-10T10:30:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl std::str::FromStr for CivilDateTime {
    type Err = String;
    /// Reads `2025-06-10T10:30`, `2025-06-10 10:30:00` or a date alone (midnight).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad =
            || format!("'{s}' is not a date and time: write it as 2025-06-10T10:30 or 2025-06-10");
        let s = s.trim();
        let (date, time) = match s.split_once(['T', ' ']) {
            Some((d, t)) => (d, t),
            None => (s, "00:00"),
        };
        let num = |part: &str| part.parse::<i64>().map_err(|_| bad());
        let d: Vec<&str> = date.split('-').collect();
        let t: Vec<&str> = time.split(':').collect();
        if d.len() != 3 || !(2..=3).contains(&t.len()) {
            return Err(bad());
        }
        let second = if t.len() == 3 { num(t[2])? } else { 0 };
        let small = |v: i64| u8::try_from(v).map_err(|_| bad());
        CivilDateTime::new(
            i32::try_from(num(d[0])?).map_err(|_| bad())?,
            small(num(d[1])?)?,
            small(num(d[2])?)?,
            small(num(t[0])?)?,
            small(num(t[1])?)?,
            small(second)?,
        )
        .ok_or_else(bad)
    }
}

impl<'de> serde::Deserialize<'de> for SimDuration {
    /// From a string such as `"30m"` (see [`parse_duration`]).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_duration(&text).map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for CivilDateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for CivilDateTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given date (negative before it).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` days after 1970-01-01.
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_tuesday_is_a_tuesday() {
        assert_eq!(CivilDateTime::PATCH_TUESDAY.weekday(), 2);
        assert_eq!(
            CivilDateTime::PATCH_TUESDAY.windows(),
            "6/10/2025 10:30:00 AM"
        );
    }

    #[test]
    fn plus_crosses_days_months_and_leap_years() {
        let start = CivilDateTime::new(2024, 2, 28, 23, 0, 0).unwrap();
        let later = start.plus(SimDuration::from_hours(2));
        assert_eq!(later.to_string(), "2024-02-29T01:00:00");
        let new_year = CivilDateTime::new(2024, 12, 31, 12, 0, 0)
            .unwrap()
            .plus(SimDuration::from_days(1));
        assert_eq!(new_year.to_string(), "2025-01-01T12:00:00");
    }

    #[test]
    fn epoch_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_249, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }

    #[test]
    fn twelve_hour_clock() {
        let midnight = CivilDateTime::new(2025, 1, 1, 0, 5, 0).unwrap();
        assert_eq!(midnight.clock(), "12:05 AM");
        let noon = CivilDateTime::new(2025, 1, 1, 12, 0, 0).unwrap();
        assert_eq!(noon.clock(), "12:00 PM");
        let evening = CivilDateTime::new(2025, 1, 1, 17, 45, 0).unwrap();
        assert_eq!(evening.clock(), "5:45 PM");
    }

    #[test]
    fn parses_dates() {
        let parsed: CivilDateTime = "2025-06-10T10:30".parse().unwrap();
        assert_eq!(parsed, CivilDateTime::PATCH_TUESDAY);
        let date_only: CivilDateTime = "2025-06-10".parse().unwrap();
        assert_eq!(date_only.hour, 0);
        assert!("2025-02-30".parse::<CivilDateTime>().is_err());
        assert!("June 10".parse::<CivilDateTime>().is_err());
    }

    #[test]
    fn parses_durations() {
        let cases = [
            ("30s", 30_000),
            ("10m", 600_000),
            ("2h", 7_200_000),
            ("1d", 86_400_000),
            ("1w", 604_800_000),
            ("1h30m", 5_400_000),
            ("250ms", 250),
            (" 5M ", 300_000),
        ];
        for (text, ms) in cases {
            assert_eq!(parse_duration(text).unwrap().as_millis(), ms, "{text}");
        }
        for bad in ["", "10", "m", "1x", "1.5h", "-1h", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn huge_durations_saturate() {
        assert_eq!(SimDuration::from_days(u64::MAX).as_millis(), u64::MAX);
        assert_eq!(
            SimTime::from_millis(5) + SimDuration::from_days(u64::MAX),
            SimTime::from_millis(u64::MAX)
        );
    }

    #[test]
    fn durations_display_exactly() {
        assert_eq!(SimDuration::ZERO.to_string(), "0s");
        assert_eq!(SimDuration::from_millis(5_400_000).to_string(), "1h30m");
        assert_eq!(SimDuration::from_millis(1_500).to_string(), "1s500ms");
        assert_eq!(SimDuration::from_days(2).to_string(), "2d");
    }
}
