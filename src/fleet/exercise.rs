//! Fleet exercises: a fleet file with an `[exercise]` table — a task and goals such as "95 %
//! on June's update within 10 days, never over the server's capacity, and the bad update
//! stopped before it reaches 5 % of the PCs". The learner answers with the same fleet file,
//! its rings and timed actions changed; the answer is graded by running it, as a session is
//! graded by replaying it.
//!
//! ```toml
//! [exercise]
//! title = "Stop a bad update in time"
//! task = "..."
//! hints = ["A pilot ring with no deferral finds a bad update first."]
//!
//! [exercise.goals]
//! latest-pct = 95        # the fleet's share on the newest update...
//! within-days = 10       # ...this many days after the release
//! within-capacity = true # no hour over the server's capacity
//! max-throttled-pct = 0  # no request throttled
//! max-reached-pct = 5    # the bad update reaches at most this share
//! ```

use serde::Deserialize;

use super::report::Report;

/// An exercise's words and goals.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Exercise {
    /// Its title.
    pub title: String,
    /// What the learner is asked to do.
    pub task: String,
    /// Hints, shown when a goal is missed.
    #[serde(default)]
    pub hints: Vec<String>,
    /// What the answer must achieve.
    pub goals: Goals,
}

/// What an answer must achieve; every goal is optional.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Goals {
    /// The fleet's share on the newest update, percent...
    pub latest_pct: Option<f64>,
    /// ...this many days after the release.
    pub within_days: Option<f64>,
    /// No hour over the server's capacity (requests and gigabytes).
    pub within_capacity: Option<bool>,
    /// The most requests the server may throttle, percent.
    pub max_throttled_pct: Option<f64>,
    /// The largest share of PCs the month's (bad) update may reach, percent.
    pub max_reached_pct: Option<f64>,
}

/// One goal, judged.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct GoalResult {
    /// What the goal asks, in words.
    pub goal: String,
    /// What the run did, in words.
    pub got: String,
    /// Met or not.
    pub met: bool,
}

/// An answer's grade.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Grade {
    /// Each goal.
    pub goals: Vec<GoalResult>,
    /// 100 × the share of goals met.
    pub score: u32,
}

impl Grade {
    /// Every goal met.
    pub fn passed(&self) -> bool {
        self.goals.iter().all(|g| g.met)
    }
}

/// The exercise of a fleet file, if it has one.
///
/// # Errors
/// When its `[exercise]` table is malformed (the file itself is checked by
/// [`super::spec::parse`]).
pub fn parse(text: &str) -> Result<Option<Exercise>, String> {
    #[derive(Deserialize)]
    struct Loose {
        exercise: Option<toml::Value>,
    }
    let loose: Loose = toml::from_str(text).map_err(|e| e.message().to_string())?;
    loose
        .exercise
        .map(|table| table.try_into::<Exercise>())
        .transpose()
        .map_err(|e| format!("[exercise]: {}", e.message()))
}

/// The tables an answer must keep as the exercise has them: the fleet itself.
const FIXED: [&str; 6] = [
    "fleet",
    "mix",
    "faults",
    "server",
    "delivery-optimization",
    "bad-update",
];

/// Checks that `answer` is the exercise's fleet: only rings and actions may differ.
///
/// # Errors
/// Names the first table the answer changed.
pub fn same_fleet(exercise: &str, answer: &str) -> Result<(), String> {
    let a: toml::Table = toml::from_str(exercise).map_err(|e| e.message().to_string())?;
    let b: toml::Table = toml::from_str(answer).map_err(|e| e.message().to_string())?;
    for key in FIXED {
        let (mut x, mut y) = (a.get(key).cloned(), b.get(key).cloned());
        if key == "fleet" {
            // The ring preset is the learner's choice.
            for t in [&mut x, &mut y].into_iter().flatten() {
                if let Some(t) = t.as_table_mut() {
                    t.remove("rings");
                }
            }
        }
        if x != y {
            return Err(format!(
                "the answer changes [{key}]: keep the exercise's fleet and change only [[ring]] and [[action]] tables"
            ));
        }
    }
    Ok(())
}

/// Grades a run's report against the goals.
pub fn grade(goals: &Goals, report: &Report) -> Grade {
    let mut out = Vec::new();
    if let Some(target) = goals.latest_pct {
        let days = goals.within_days.unwrap_or(f64::from(report.days));
        let hour = report.release_hour.unwrap_or(0) as f64 + days * 24.0;
        let got = fleet_latest_at(report, hour.ceil() as usize);
        out.push(GoalResult {
            goal: format!("{target} % on the newest update within {days} days of the release"),
            got: format!("{got:.1} % after {days} days"),
            met: got >= target,
        });
    }
    if goals.within_capacity == Some(true) {
        let s = &report.server;
        let over = report
            .hours
            .iter()
            .filter(|h| {
                s.capacity_requests.is_some_and(|cap| h.requests > cap)
                    || s.capacity_gb
                        .is_some_and(|cap| h.server_mb as f64 / 1_000.0 > cap)
            })
            .count();
        out.push(GoalResult {
            goal: "no hour over the server's capacity".to_string(),
            got: format!(
                "{over} hour(s) over it; the busiest served {} requests and {} GB",
                s.peak_requests.0, s.peak_gb.0
            ),
            met: over == 0,
        });
    }
    if let Some(max) = goals.max_throttled_pct {
        let got = report.server.throttled_pct;
        out.push(GoalResult {
            goal: format!("at most {max} % of requests throttled"),
            got: format!("{got} % throttled"),
            met: got <= max,
        });
    }
    if let Some(max) = goals.max_reached_pct {
        let got = report.reached_pct;
        out.push(GoalResult {
            goal: format!("the bad update reaches at most {max} % of the PCs"),
            got: format!("it reached {got} %"),
            met: got <= max,
        });
    }
    let met = out.iter().filter(|g| g.met).count();
    let score = if out.is_empty() {
        100
    } else {
        (met * 100 / out.len()) as u32
    };
    Grade { goals: out, score }
}

/// The whole fleet's share on the newest update at the end of hour `hour` (clamped to the
/// run), percent.
fn fleet_latest_at(report: &Report, hour: usize) -> f64 {
    let pcs: u32 = report.rings.iter().map(|r| r.pcs).sum();
    if pcs == 0 {
        return 0.0;
    }
    let sum: f64 = report
        .rings
        .iter()
        .map(|r| {
            let at = hour.min(r.hourly_latest_pct.len()).saturating_sub(1);
            r.hourly_latest_pct.get(at).copied().unwrap_or(0.0) * f64::from(r.pcs)
        })
        .sum();
    sum / f64::from(pcs)
}

/// Checks a fleet file as `wusim validate` does: every problem with its place; for an
/// exercise with a model answer, the answer keeps the fleet and meets every goal, and the
/// exercise as given does not (or there would be nothing to do). Returns what was checked.
///
/// # Errors
/// The problems, ready to print.
pub fn validate(name: &str, text: &str, answer: Option<(&str, &str)>) -> Result<String, String> {
    let spec = super::spec::parse(name, text).map_err(|d| d.to_string())?;
    let Some(exercise) = parse(text).map_err(|e| format!("{name}: {e}"))? else {
        return Ok(format!("fleet of {} PCs", spec.pcs));
    };
    let report = |spec: super::spec::FleetSpec| {
        let ctx = super::run::Context::new(spec);
        let tally = super::run::run(&ctx, None, 2, &|_, _| {});
        Report::new(
            ctx.spec(),
            &tally,
            super::report::release_hour(ctx.spec(), &ctx.catalog),
        )
    };
    if grade(&exercise.goals, &report(spec)).passed() {
        return Err(format!(
            "{name}: the exercise's own fleet already meets every goal: there is nothing to do"
        ));
    }
    let Some((answer_name, answer_text)) = answer else {
        return Ok(format!(
            "exercise \"{}\" (no model answer beside it)",
            exercise.title
        ));
    };
    same_fleet(text, answer_text).map_err(|e| format!("{answer_name}: {e}"))?;
    let answer_spec = super::spec::parse(answer_name, answer_text).map_err(|d| d.to_string())?;
    let grade = grade(&exercise.goals, &report(answer_spec));
    if !grade.passed() {
        let missed: Vec<String> = grade
            .goals
            .iter()
            .filter(|g| !g.met)
            .map(|g| format!("{} ({})", g.goal, g.got))
            .collect();
        return Err(format!(
            "{answer_name}: the model answer misses: {}",
            missed.join("; ")
        ));
    }
    Ok(format!(
        "exercise \"{}\", its model answer passes",
        exercise.title
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exercise_table_is_read_and_a_bad_one_named() {
        let text = "[fleet]\npcs = 10\n[exercise]\ntitle = \"T\"\ntask = \"Do it\"\n[exercise.goals]\nmax-reached-pct = 5\n";
        let exercise = parse(text).unwrap().expect("an exercise");
        assert_eq!(exercise.goals.max_reached_pct, Some(5.0));
        assert_eq!(parse("[fleet]\npcs = 10\n").unwrap(), None);
        let bad = parse("[exercise]\ntitle = \"T\"\ntask = \"x\"\n[exercise.goals]\nfast = true\n")
            .unwrap_err();
        assert!(bad.starts_with("[exercise]: unknown field `fast`"), "{bad}");
    }

    #[test]
    fn an_answer_may_change_only_rings_and_actions() {
        let exercise =
            "[fleet]\npcs = 10\n[server]\ngb-per-hour = 5.0\n[[ring]]\nname = \"A\"\nshare = 100\n";
        let answer = "[fleet]\npcs = 10\nrings = \"autopatch\"\n[server]\ngb-per-hour = 5.0\n";
        assert_eq!(same_fleet(exercise, answer), Ok(()));
        let changed = "[fleet]\npcs = 11\n[server]\ngb-per-hour = 5.0\n";
        assert!(
            same_fleet(exercise, changed)
                .unwrap_err()
                .contains("changes [fleet]")
        );
    }
}
