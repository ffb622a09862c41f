//! The clock: `date` and `time` (show it, or set it — which really moves the PC's clock),
//! and `timeout`, which waits.

use super::internal;
use crate::assess::Fact;
use crate::engine::{CivilDateTime, SimDuration};
use crate::remedy;
use crate::shell::Question;
use crate::shell::commands::{Command, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    internal(
        &["date"],
        "date [/t | mm-dd-yyyy]",
        "Show or set the PC's date",
        Topic::System,
        date,
    ),
    internal(
        &["time"],
        "time [/t | hh:mm[:ss]]",
        "Show or set the PC's time",
        Topic::System,
        time,
    ),
    internal(
        &["timeout"],
        "timeout /t <seconds> [/nobreak]",
        "Wait (in a script)",
        Topic::Scripting,
        timeout,
    ),
];

/// `Tue 06/10/2025`.
pub(crate) fn date_text(c: CivilDateTime) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    format!(
        "{} {:02}/{:02}/{:04}",
        DAYS[usize::from(c.weekday() % 7)],
        c.month,
        c.day,
        c.year
    )
}

/// `10:32:02.48`, as `time` shows it.
fn time_text(ctx: &Ctx<'_>) -> String {
    let c = ctx.pc.clock();
    format!(
        "{:>2}:{:02}:{:02}.{:02}",
        c.hour,
        c.minute,
        c.second,
        ctx.pc.now().as_millis() % 1_000 / 10
    )
}

/// Reads an en-US date: `mm-dd-yy`, `mm-dd-yyyy`, `mm/dd/yyyy` (a weekday in front is
/// allowed, as `date` prints it).
pub(crate) fn parse_date(text: &str) -> Option<(i32, u8, u8)> {
    let text = text.trim();
    let text = text.split_once(' ').map_or(text, |(first, rest)| {
        if first.chars().all(char::is_alphabetic) {
            rest
        } else {
            text
        }
    });
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [m, d, y] = parts.as_slice() else {
        return None;
    };
    let (m, d, y): (u8, u8, i32) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
    let y = match y {
        0..=79 => 2000 + y,
        80..=99 => 1900 + y,
        1980..=2099 => y,
        _ => return None,
    };
    CivilDateTime::new(y, m, d, 0, 0, 0).map(|_| (y, m, d))
}

/// Reads a time: `hh:mm`, `hh:mm:ss`, `hh:mm:ss.cc`, with an optional `AM`/`PM`.
pub(crate) fn parse_time(text: &str) -> Option<(u8, u8, u8)> {
    let lower = text.trim().to_ascii_lowercase();
    let (clock, pm, am) = if let Some(c) = lower.strip_suffix("pm") {
        (c.trim(), true, false)
    } else if let Some(c) = lower.strip_suffix("am") {
        (c.trim(), false, true)
    } else {
        (lower.as_str(), false, false)
    };
    let clock = clock.split('.').next()?;
    let parts: Vec<u8> = clock
        .split(':')
        .map(|p| p.trim().parse::<u8>().ok())
        .collect::<Option<_>>()?;
    let (mut h, m, s) = match parts.as_slice() {
        [h] => (*h, 0, 0),
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    if (am || pm) && !(1..=12).contains(&h) {
        return None;
    }
    if pm && h < 12 {
        h += 12;
    }
    if am && h == 12 {
        h = 0;
    }
    (h < 24 && m < 60 && s < 60).then_some((h, m, s))
}

/// Sets the date, keeping the time of day; `false` if the text is no date.
pub(crate) fn set_date(ctx: &mut Ctx<'_>, text: &str) -> bool {
    let Some((y, m, d)) = parse_date(text) else {
        return false;
    };
    let now = ctx.pc.clock();
    let Some(new) = CivilDateTime::new(y, m, d, now.hour, now.minute, now.second) else {
        return false;
    };
    let secs = new.seconds_since_epoch();
    ctx.pc.act(|w| remedy::set_clock(w, secs));
    true
}

/// Sets the time of day, keeping the date; `false` if the text is no time.
pub(crate) fn set_time(ctx: &mut Ctx<'_>, text: &str) -> bool {
    let Some((h, m, s)) = parse_time(text) else {
        return false;
    };
    let now = ctx.pc.clock();
    let Some(new) = CivilDateTime::new(now.year, now.month, now.day, h, m, s) else {
        return false;
    };
    let secs = new.seconds_since_epoch();
    ctx.pc.act(|w| remedy::set_clock(w, secs));
    true
}

const BAD_DATE: &str = "The system cannot accept the date entered.\n";
const BAD_TIME: &str = "The system cannot accept the time entered.\n";

fn date(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if args.has("/t") {
        ctx.saw(Fact::Clock);
        return Reply::ok(format!("{}\n", date_text(ctx.pc.clock())));
    }
    let value = args.raw.trim();
    if value.is_empty() {
        ctx.saw(Fact::Clock);
        ctx.question = Some(Question::Date);
        return Reply::ok(format!(
            "The current date is: {}\nEnter the new date: (mm-dd-yy) ",
            date_text(ctx.pc.clock())
        ));
    }
    if set_date(ctx, value) {
        Reply::ok("")
    } else {
        Reply::error(BAD_DATE, 1)
    }
}

fn time(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if args.has("/t") {
        ctx.saw(Fact::Clock);
        return Reply::ok(format!("{}\n", ctx.pc.clock().clock()));
    }
    let value = args.raw.trim();
    if value.is_empty() {
        ctx.saw(Fact::Clock);
        ctx.question = Some(Question::Time);
        return Reply::ok(format!(
            "The current time is: {}\nEnter the new time: ",
            time_text(ctx)
        ));
    }
    if set_time(ctx, value) {
        Reply::ok("")
    } else {
        Reply::error(BAD_TIME, 1)
    }
}

/// The answer to `date`'s or `time`'s question: Enter keeps the clock; a bad value is
/// refused and asked for again (at the prompt).
pub(crate) fn answer(ctx: &mut Ctx<'_>, is_date: bool, line: &str) -> Reply {
    let line = line.trim();
    if line.is_empty() {
        return Reply::ok("");
    }
    let ok = if is_date {
        set_date(ctx, line)
    } else {
        set_time(ctx, line)
    };
    if ok {
        return Reply::ok("");
    }
    if ctx.interactive {
        ctx.question = Some(if is_date {
            Question::Date
        } else {
            Question::Time
        });
        let again = if is_date {
            "Enter the new date: (mm-dd-yy) "
        } else {
            "Enter the new time: "
        };
        return Reply::ok(format!(
            "{}{again}",
            if is_date { BAD_DATE } else { BAD_TIME }
        ));
    }
    Reply::error(if is_date { BAD_DATE } else { BAD_TIME }, 1)
}

fn timeout(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let lower = args.lower();
    let seconds = lower
        .iter()
        .position(|a| a == "/t")
        .and_then(|i| lower.get(i + 1))
        .or_else(|| lower.iter().find(|a| !a.starts_with('/')))
        .and_then(|n| n.parse::<i64>().ok());
    let Some(seconds) = seconds.filter(|s| (-1..=99_999).contains(s)) else {
        return Reply::error(
            "ERROR: Invalid syntax. Default option is not allowed more than '1' time(s).\nType \"TIMEOUT /?\" for usage.\n",
            1,
        );
    };
    if ctx.stdin.is_some() {
        return Reply::error(
            "ERROR: Input redirection is not supported, exiting the process immediately.\n",
            1,
        );
    }
    if seconds < 0 {
        ctx.question = Some(Question::Pause);
        return Reply::ok("\nPress any key to continue ...");
    }
    ctx.pc.run_for(SimDuration::from_secs(seconds as u64));
    ctx.waited |= seconds > 0;
    Reply::ok(format!(
        "\nWaiting for {seconds:>2} seconds, press a key to continue ...\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_parse_like_en_us_windows() {
        assert_eq!(parse_date("06-10-2025"), Some((2025, 6, 10)));
        assert_eq!(parse_date("6/10/25"), Some((2025, 6, 10)));
        assert_eq!(parse_date("Tue 06/10/2025"), Some((2025, 6, 10)));
        assert_eq!(parse_date("13-01-2025"), None);
        assert_eq!(parse_date("02-30-2025"), None);
        assert_eq!(parse_date("x"), None);
        assert_eq!(parse_time("10:30"), Some((10, 30, 0)));
        assert_eq!(parse_time("2:05 PM"), Some((14, 5, 0)));
        assert_eq!(parse_time("12:00 am"), Some((0, 0, 0)));
        assert_eq!(parse_time("10:32:02.48"), Some((10, 32, 2)));
        assert_eq!(parse_time("25:00"), None);
    }
}
