//! `wusim fleet [FILE]`: a fleet of PCs in update rings, simulated on the same model as one
//! PC, and its report — a daily table per ring, time to 50/90/95 %, the server's load and
//! Delivery Optimization's share — as text, `--json` or `--csv`, with `--plot` drawing the
//! chart. `--shard K/N` runs a slice and writes its tally; `wusim fleet merge` adds tallies.
//! `--open PC --day D` re-simulates one PC and opens the practice shell on it. A file with an
//! `[exercise]` table is graded (`--exercise` grades another file as its answer).
//!
//! Exit 0 when it ran (and an exercise's goals were met), 1 when a goal was missed, 2 on
//! usage errors or a fleet file with problems.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use wusim::fleet::exercise::{self, Exercise, Grade};
use wusim::fleet::report::{LEVELS, Report, release_hour};
use wusim::fleet::run::{self, Context};
use wusim::fleet::spec::{self, FleetSpec};
use wusim::fleet::tally::Tally;

use super::bar::Bar;
use super::{CliError, CliResult, Outcome};

/// `wusim fleet`'s options.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct Request {
    #[command(subcommand)]
    merge: Option<Merge>,
    /// The fleet file (default: the built-in example, as `--example` prints it).
    file: Option<PathBuf>,
    /// Print the example fleet file, to start your own from.
    #[arg(long, conflicts_with = "file")]
    example: bool,
    /// Grade FILE as an answer to this exercise file: the same fleet, its rings and actions
    /// changed.
    #[arg(long, value_name = "EXERCISE")]
    exercise: Option<PathBuf>,
    /// Override the number of PCs.
    #[arg(long, value_name = "N")]
    pcs: Option<u32>,
    /// Override the number of days.
    #[arg(long, value_name = "N")]
    days: Option<u32>,
    /// Threads (default: every core). The result is the same for any count.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Run only the sites numbered K modulo N and write the tally (JSON) for `wusim fleet
    /// merge`.
    #[arg(long, value_name = "K/N", conflicts_with_all = ["open", "plot", "csv", "json"])]
    shard: Option<String>,
    /// Where --shard writes its tally (default: standard output).
    #[arg(long, value_name = "FILE", requires = "shard")]
    out: Option<PathBuf>,
    #[command(flatten)]
    output: Output,
    /// Re-simulate this PC (its number, or its name such as WS-0000042) alone and open the
    /// practice shell on it.
    #[arg(long, value_name = "PC", requires = "day")]
    open: Option<String>,
    /// With --open: the day (of the run) whose end the PC is opened at.
    #[arg(long, value_name = "D", requires = "open")]
    day: Option<u32>,
}

#[derive(Debug, clap::Subcommand)]
enum Merge {
    /// Add up the tallies of `--shard` runs and print the fleet's report.
    Merge {
        /// The fleet file the shards ran.
        #[arg(long, value_name = "FILE")]
        fleet: PathBuf,
        /// The tallies.
        #[arg(required = true)]
        tallies: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
}

/// How the report comes out, for a run and for a merge alike.
#[derive(Debug, clap::Args)]
struct Output {
    /// The report as JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// The daily table as CSV: one row per ring and day.
    #[arg(long)]
    csv: bool,
    /// Also draw the chart (compliance per ring, server load) into this SVG file.
    #[arg(long, value_name = "FILE")]
    plot: Option<PathBuf>,
}

/// How the report is printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Csv,
}

/// Carries out `wusim fleet`.
pub(crate) fn fleet(out: &mut impl Write, request: Request, seed: Option<u64>) -> CliResult {
    if let Some(Merge::Merge {
        fleet,
        tallies,
        output,
    }) = request.merge
    {
        return merge(
            out,
            &fleet,
            &tallies,
            seed,
            output.format(),
            output.plot.as_deref(),
        );
    }
    if request.example {
        write!(out, "{}", wusim::fleet::EXAMPLE)?;
        return Ok(Outcome::Done);
    }
    let (name, text) = read(request.file.as_deref())?;
    let mut spec = load(&name, &text, seed)?;
    if let Some(pcs) = request.pcs {
        if pcs == 0 || pcs > spec::MAX_FLEET {
            return Err(CliError::Input(format!(
                "--pcs {pcs}: use 1 to {} (that many would need about {} GB)",
                spec::MAX_FLEET,
                spec::needed_gb(i64::from(pcs))
            )));
        }
        spec.pcs = pcs;
        spec.sites = spec.sites.min(pcs);
    }
    if let Some(days) = request.days {
        if days == 0 || days > spec::MAX_DAYS {
            return Err(CliError::Input(format!(
                "--days {days}: use 1 to {}",
                spec::MAX_DAYS
            )));
        }
        spec.days = days;
        spec.actions.retain(|a| a.hour < days * 24);
    }
    let goals = match &request.exercise {
        Some(path) => {
            let (ex_name, ex_text) = read(Some(path))?;
            exercise::same_fleet(&ex_text, &text).map_err(CliError::Input)?;
            Some(exercise_of(&ex_name, &ex_text)?)
        }
        None => exercise::parse(&text).map_err(|e| CliError::Input(format!("{name}: {e}")))?,
    };
    let threads = request
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get));
    let format = request.output.format();
    let shard = match &request.shard {
        Some(text) => Some(parse_shard(text, spec.sites)?),
        None => None,
    };
    let in_run = spec.pcs / shard.map_or(1, |(_, n)| n);
    if in_run > spec::MAX_PCS {
        return Err(CliError::Input(format!(
            "{} PCs in one run would need about {} GB of memory: run at most {} at a time, in shards (--shard K/N with N >= {})",
            in_run,
            spec::needed_gb(i64::from(in_run)),
            spec::MAX_PCS,
            spec.pcs.div_ceil(spec::MAX_PCS)
        )));
    }
    let ctx = Context::new(spec);
    if let Some(shard) = shard {
        let tally = simulate(&ctx, Some(shard), threads, format)?;
        let json = serde_json::to_string(&tally).map_err(|e| CliError::Input(e.to_string()))?;
        match &request.out {
            Some(path) => {
                super::files::write_atomic(path, json.as_bytes()).map_err(CliError::Input)?
            }
            None => writeln!(out, "{json}")?,
        }
        return Ok(Outcome::Done);
    }
    let tally = simulate(&ctx, None, threads, format)?;
    if let Some(pc) = &request.open {
        let index = pc_index(pc, ctx.spec().pcs)?;
        let day = request.day.unwrap_or(0);
        if day >= ctx.spec().days {
            return Err(CliError::Input(format!(
                "--day {day}: the run has days 0 to {}",
                ctx.spec().days - 1
            )));
        }
        return open(out, &ctx, &tally, index, day);
    }
    let report = Report::new(ctx.spec(), &tally, release_hour(ctx.spec(), &ctx.catalog));
    let Some(exercise) = goals else {
        print(
            out,
            &report,
            ctx.spec(),
            format,
            request.output.plot.as_deref(),
        )?;
        return Ok(Outcome::Done);
    };
    let grade = exercise::grade(&exercise.goals, &report);
    if format == Format::Json {
        // The report and its grade, together.
        if let Some(path) = &request.output.plot {
            print(
                &mut std::io::sink(),
                &report,
                ctx.spec(),
                Format::Csv,
                Some(path),
            )?;
        }
        let json =
            serde_json::json!({ "report": report, "exercise": exercise.title, "grade": grade });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json).map_err(|e| CliError::Input(e.to_string()))?
        )?;
    } else {
        print(
            out,
            &report,
            ctx.spec(),
            format,
            request.output.plot.as_deref(),
        )?;
        if format == Format::Text {
            print_grade(out, &exercise, &grade)?;
        }
    }
    Ok(if grade.passed() {
        Outcome::Done
    } else {
        Outcome::NotFound
    })
}

impl Output {
    fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.csv {
            Format::Csv
        } else {
            Format::Text
        }
    }
}

/// Reads a fleet file (the example when none is given).
fn read(path: Option<&Path>) -> Result<(String, String), CliError> {
    match path {
        None => Ok((
            "example.toml".to_string(),
            wusim::fleet::EXAMPLE.to_string(),
        )),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                CliError::Input(format!(
                    "cannot read the fleet file {}: {e}",
                    path.display()
                ))
            })?;
            Ok((path.display().to_string(), text))
        }
    }
}

/// Checks a fleet file: every problem with its place, before anything runs.
fn load(name: &str, text: &str, seed: Option<u64>) -> Result<FleetSpec, CliError> {
    let mut spec = spec::parse(name, text)
        .map_err(|d| CliError::Input(d.to_string().trim_end().to_string()))?;
    if let Some(seed) = seed {
        spec.seed = seed;
    }
    Ok(spec)
}

fn exercise_of(name: &str, text: &str) -> Result<Exercise, CliError> {
    exercise::parse(text)
        .map_err(|e| CliError::Input(format!("{name}: {e}")))?
        .ok_or_else(|| {
            CliError::Input(format!(
                "{name} has no [exercise] table: it is not an exercise"
            ))
        })
}

fn parse_shard(text: &str, sites: u32) -> Result<(u32, u32), CliError> {
    let bad = || {
        CliError::Input(format!(
            "--shard {text}: write K/N with 0 <= K < N, e.g. --shard 0/4"
        ))
    };
    let (k, n) = text.split_once('/').ok_or_else(bad)?;
    let (k, n): (u32, u32) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if n == 0 || k >= n {
        return Err(bad());
    }
    if n > sites {
        return Err(CliError::Input(format!(
            "--shard {text}: the fleet has {sites} site(s) and shards split by site (peers stay together): use N <= {sites}, or more sites"
        )));
    }
    Ok((k, n))
}

/// A PC by number (0-based) or by name (`WS-0000042`).
fn pc_index(text: &str, pcs: u32) -> Result<u32, CliError> {
    let digits = text
        .trim()
        .trim_start_matches("WS-")
        .trim_start_matches("ws-");
    let index: u32 = digits.parse().map_err(|_| {
        CliError::Input(format!(
            "--open {text}: name a PC by its number (0 to {}) or its name, such as WS-0000042",
            pcs - 1
        ))
    })?;
    if index >= pcs {
        return Err(CliError::Input(format!(
            "--open {text}: the fleet has PCs 0 to {}",
            pcs - 1
        )));
    }
    Ok(index)
}

/// Runs the fleet with a progress bar on a terminal.
fn simulate(
    ctx: &Context,
    shard: Option<(u32, u32)>,
    threads: usize,
    format: Format,
) -> Result<Tally, CliError> {
    let bar = Bar::new(
        format == Format::Text && std::io::stderr().is_terminal(),
        "hours",
    );
    let tally = run::run(ctx, shard, threads, &|done, total| {
        bar.show(u64::from(done), u64::from(total))
    });
    bar.clear();
    Ok(tally)
}

fn merge(
    out: &mut impl Write,
    fleet: &Path,
    paths: &[PathBuf],
    seed: Option<u64>,
    format: Format,
    plot: Option<&Path>,
) -> CliResult {
    let (name, text) = read(Some(fleet))?;
    let spec = load(&name, &text, seed)?;
    let mut total: Option<Tally> = None;
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
        let tally: Tally = serde_json::from_str(&text).map_err(|e| {
            CliError::Input(format!(
                "{}: not a tally written by `wusim fleet --shard` ({e})",
                path.display()
            ))
        })?;
        total = Some(match total {
            None => tally,
            Some(t) => t
                .merge(&tally)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?,
        });
    }
    let tally = total.expect("clap requires at least one tally");
    if tally.pcs != spec.pcs || tally.ring_pcs.len() != spec.rings.len() {
        return Err(CliError::Input(format!(
            "the tallies hold {} PCs in {} ring(s); {name} has {} in {}: merge the shards of one fleet file, all of them",
            tally.pcs,
            tally.ring_pcs.len(),
            spec.pcs,
            spec.rings.len()
        )));
    }
    let catalog = wusim::update::default_catalog::default_catalog();
    let report = Report::new(&spec, &tally, release_hour(&spec, &catalog));
    print(out, &report, &spec, format, plot)?;
    Ok(Outcome::Done)
}

fn print(
    out: &mut impl Write,
    report: &Report,
    spec: &FleetSpec,
    format: Format,
    plot: Option<&Path>,
) -> Result<(), CliError> {
    if let Some(path) = plot {
        let svg = super::fleet_plot::svg(report).map_err(CliError::Input)?;
        super::files::write_atomic(path, svg.as_bytes()).map_err(CliError::Input)?;
    }
    match format {
        Format::Json => {
            let json =
                serde_json::to_string_pretty(report).map_err(|e| CliError::Input(e.to_string()))?;
            writeln!(out, "{json}")?;
        }
        Format::Csv => write!(out, "{}", report.csv())?,
        Format::Text => text(out, report, spec)?,
    }
    Ok(())
}

fn text(out: &mut impl Write, report: &Report, spec: &FleetSpec) -> std::io::Result<()> {
    writeln!(
        out,
        "Fleet of {} PCs in {} site(s), {} days from {}; Delivery Optimization mode {}.",
        report.pcs,
        spec.sites,
        report.days,
        report.start.replace('T', " "),
        spec.do_mode
    )?;
    match report.release_hour {
        Some(h) => writeln!(
            out,
            "The month's cumulative update is released on day {} ({}).",
            h / 24,
            run::time_at(spec, h)
                .to_string()
                .get(..10)
                .unwrap_or_default()
        )?,
        None => writeln!(out, "No cumulative update is released during the run.")?,
    }
    writeln!(out)?;
    let width = report
        .rings
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(
        out,
        "{:<width$}  {:>7}  {:>8}  {:>7}  {:>7}  {:>7}  {:>7}",
        "Ring", "PCs", "deferral", "50 %", "90 %", "95 %", "reached"
    )?;
    for ring in &report.rings {
        let days: Vec<String> = ring
            .days_to
            .iter()
            .map(|d| d.map_or("-".to_string(), |d| format!("{d:.1} d")))
            .collect();
        writeln!(
            out,
            "{:<width$}  {:>7}  {:>6} d  {:>7}  {:>7}  {:>7}  {:>6.1}%",
            ring.name, ring.pcs, ring.deferral_days, days[0], days[1], days[2], ring.reached_pct
        )?;
    }
    writeln!(
        out,
        "(days from the release until {} % of the ring had it; reached: had it or tried it)",
        LEVELS.map(|l| l.to_string()).join("/")
    )?;
    writeln!(out)?;
    write!(out, "{:>3}  {:<10}", "Day", "Date")?;
    for ring in &report.rings {
        write!(out, "  {:>w$}", ring.name, w = ring.name.len().max(22))?;
    }
    writeln!(out)?;
    write!(out, "{:>3}  {:<10}", "", "")?;
    for ring in &report.rings {
        write!(
            out,
            "  {:>w$}",
            "latest/restart/failed/off",
            w = ring.name.len().max(22)
        )?;
    }
    writeln!(out)?;
    for day in 0..report.days as usize {
        let Some(first) = report.rings.first().and_then(|r| r.days.get(day)) else {
            break;
        };
        write!(out, "{:>3}  {:<10}", first.day, first.date)?;
        for ring in &report.rings {
            let row = &ring.days[day];
            let cell = format!(
                "{:.0}/{:.0}/{:.0}/{:.0} %",
                row.latest_pct, row.pending_pct, row.failed_pct, row.offline_pct
            );
            write!(out, "  {:>w$}", cell, w = ring.name.len().max(22))?;
        }
        writeln!(out)?;
    }
    writeln!(out)?;
    for ring in &report.rings {
        if let Some(last) = ring.days.last()
            && !last.codes.is_empty()
        {
            let codes: Vec<String> = last
                .codes
                .iter()
                .map(|(c, n)| format!("{c} ×{n}"))
                .collect();
            writeln!(
                out,
                "Failed in {} at the end: {}",
                ring.name,
                codes.join(", ")
            )?;
        }
    }
    let s = &report.server;
    let capacity = match (s.capacity_requests, s.capacity_gb) {
        (None, None) => "no capacity limit".to_string(),
        (Some(r), None) => format!("capacity {r} requests/hour"),
        (None, Some(g)) => format!("capacity {g} GB/hour"),
        (Some(r), Some(g)) => format!("capacity {r} requests/hour and {g} GB/hour"),
    };
    writeln!(
        out,
        "Server ({}, {capacity}): {} requests, the busiest hour {} ({}); {} GB served, the busiest hour {} GB ({}); {} % of requests throttled (0x80244022).",
        if spec.server.wsus {
            "WSUS"
        } else {
            "Windows Update"
        },
        s.requests,
        s.peak_requests.0,
        hour_label(spec, s.peak_requests.1),
        s.server_gb,
        s.peak_gb.0,
        hour_label(spec, s.peak_gb.1),
        s.throttled_pct
    )?;
    writeln!(
        out,
        "Delivery Optimization peers served {} GB, {} % of what the PCs downloaded.",
        s.peer_gb, s.peer_pct
    )?;
    if spec.bad_update.is_some() {
        writeln!(
            out,
            "The month's update (bad on some PCs) reached {} % of the fleet.",
            report.reached_pct
        )?;
    }
    Ok(())
}

/// An hour of the run as a reader wants it: `day 1, 08:00`.
fn hour_label(spec: &FleetSpec, hour: u32) -> String {
    let at = run::time_at(spec, hour);
    format!("day {}, {:02}:00", hour / 24, at.hour)
}

fn print_grade(out: &mut impl Write, exercise: &Exercise, grade: &Grade) -> std::io::Result<()> {
    writeln!(
        out,
        "\nExercise: {}\n{}\n",
        exercise.title,
        exercise.task.trim_end()
    )?;
    for goal in &grade.goals {
        writeln!(
            out,
            "  [{}] {} — {}",
            if goal.met { "x" } else { " " },
            goal.goal,
            goal.got
        )?;
    }
    writeln!(
        out,
        "\n{}: score {}/100.",
        if grade.passed() { "PASS" } else { "FAIL" },
        grade.score
    )?;
    if !grade.passed() {
        for hint in &exercise.hints {
            writeln!(out, "Hint: {hint}")?;
        }
    }
    Ok(())
}

/// Opens the practice shell on one PC of the fleet at a day's end.
fn open(out: &mut impl Write, ctx: &Context, tally: &Tally, index: u32, day: u32) -> CliResult {
    let hours = (day + 1) * 24;
    let pc = run::replay(ctx, tally, index, hours);
    let member = ctx.population.member(index);
    let ring = &ctx.spec().rings[usize::from(member.ring)];
    let mut scenario = wusim::scenario::builtin::all()[0].clone();
    scenario.id = "fleet-pc".to_string();
    scenario.title = format!(
        "{} of the fleet, at the end of day {day}",
        pc.device().name.as_str()
    );
    scenario.briefing = format!(
        "PC {index} of your fleet ({}, ring {}, {}, site {}), re-simulated alone with everything it met in the fleet run: its ring's policies, the admin's actions, when it was switched on, and each hour the server throttled it. It is now {}.\nLook around as on any PC: `settings`, `Get-WinEvent`, `sc query`, `reg query` the policies. It is {}.\n",
        pc.device().os.version.label(),
        ring.name,
        member.power.name(),
        member.site,
        pc.clock().windows(),
        if pc.is_powered_off() {
            "switched off at this hour: it is switched on for you"
        } else {
            "on"
        },
    );
    let mut pc = pc;
    pc.power_on();
    // Past the boot and the delayed automatic starts.
    pc.run_for(wusim::engine::SimDuration::from_mins(5));
    let seed = ctx.spec().seed;
    let mut session = wusim::session::Session::on_pc(
        Arc::new(scenario),
        pc,
        seed,
        wusim::session::Options::default(),
    );
    write!(out, "{}", session.intro())?;
    out.flush()?;
    super::play::drive(out, &mut session)?;
    Ok(Outcome::Done)
}
