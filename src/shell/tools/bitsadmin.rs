//! `bitsadmin`: the old administration tool of BITS, the Background Intelligent Transfer
//! Service that downloads Windows Update's files. Reset scripts run `bitsadmin /reset
//! /allusers` to empty its queue; `bitsadmin /list /allusers /verbose` shows the transfers.
//!
//! The queue holds one job while the Windows Update agent downloads an update and BITS runs:
//! its transfer, owned by `NT AUTHORITY\SYSTEM`. So, as on Windows, only `/allusers` lists it
//! (the elevated console's own user has no jobs). Text as in the reference (§4.3): the banner,
//! the `{GUID} 'name' STATE files bytes` line, `Listed N job(s).`, `{GUID} canceled.` and
//! `N out of N jobs canceled.`; the `/verbose` fields are those a real listing shows (GUID,
//! DISPLAY, TYPE, STATE, OWNER, PRIORITY, FILES, BYTES).
//!
//! Simplifications:
//! - the job's display name, `Windows Update`, and its GUID are wusim's choices (the
//!   reference does not give them); the state is `TRANSFERRING` (`CONNECTING` while the
//!   agent waits for its services), priority `NORMAL`, one file;
//! - `/verbose` shows only the fields above (Windows shows more: times, errors, the files);
//! - the model's download is not a BITS job you can cancel: `/reset` prints what Windows
//!   prints and a note, and the download goes on (the next `/list` shows it again);
//! - bitsadmin does not start a stopped BITS (on Windows asking for the queue starts it):
//!   with BITS stopped the queue is empty;
//! - the banner is the Windows 10/11 one the reference gives, without the deprecation
//!   notice (its wording on 10/11 is unverified); other switches (`/transfer`, `/create`...)
//!   get a wusim note and exit code 1.

use std::fmt::Write as _;

use crate::agent::Job;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState};
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// `bitsadmin`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["bitsadmin"],
    kind: Kind::Program,
    usage: "bitsadmin /list|/reset /allusers [/verbose]",
    summary: "List or cancel BITS transfer jobs",
    topic: Topic::WindowsUpdate,
    help: HELP,
    changes_state: false,
    words: &[
        "/list /allusers",
        "/list /allusers /verbose",
        "/reset /allusers",
    ],
    run: Some(run),
}];

/// The banner every listing starts with.
const BANNER: &str =
    "BITSADMIN version 3.0\nBITS administration utility.\n(C) Copyright Microsoft Corp.\n\n";

/// A job in the BITS queue.
struct BitsJob {
    guid: String,
    state: &'static str,
    done: u64,
    total: u64,
}

/// The Windows Update agent's transfer, if it is downloading and BITS runs.
fn job(pc: &Pc) -> Option<BitsJob> {
    if pc.scm().state(ServiceId::BITS) != ServiceState::Running {
        return None;
    }
    let job = &pc.agent().job;
    let (update, done_mb, size_mb) = job.download_progress(pc.now())?;
    let working = matches!(job, Job::Downloading { progress, .. } if progress.working.is_some());
    Some(BitsJob {
        guid: format!("{{4C8B5E2A-9D31-4F6B-A7C2-{:012X}}}", update.0),
        state: if working {
            "TRANSFERRING"
        } else {
            "CONNECTING"
        },
        done: (done_mb * 1e6) as u64,
        total: u64::from(size_mb) * 1_000_000,
    })
}

/// What a `bitsadmin` line asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    List { all: bool, verbose: bool },
    Reset { all: bool },
    Other,
}

fn parse(args: &Args<'_>) -> Verb {
    let lower = args.lower();
    let Some((first, rest)) = lower.split_first() else {
        return Verb::Other;
    };
    let (mut all, mut verbose) = (false, false);
    for word in rest {
        match word.as_str() {
            "/allusers" => all = true,
            "/verbose" => verbose = true,
            _ => return Verb::Other,
        }
    }
    match first.as_str() {
        "/list" => Verb::List { all, verbose },
        "/reset" if !verbose => Verb::Reset { all },
        _ => Verb::Other,
    }
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let mut out = String::from(BANNER);
    let verb = parse(args);
    let jobs: Vec<BitsJob> = match verb {
        Verb::List { all: true, .. } | Verb::Reset { all: true } => {
            job(ctx.pc).into_iter().collect()
        }
        _ => Vec::new(),
    };
    match verb {
        Verb::List { verbose, .. } => {
            for j in &jobs {
                if verbose {
                    let _ = write!(
                        out,
                        "GUID: {}\nDISPLAY: Windows Update\nTYPE: DOWNLOAD\nSTATE: {}\nOWNER: NT AUTHORITY\\SYSTEM\nPRIORITY: NORMAL\nFILES: 0 / 1\nBYTES: {} / {}\n\n",
                        j.guid, j.state, j.done, j.total
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "{} 'Windows Update' {} 0 / 1 {} / {}",
                        j.guid, j.state, j.done, j.total
                    );
                }
            }
            let _ = writeln!(out, "Listed {} job(s).", jobs.len());
        }
        Verb::Reset { .. } => {
            for j in &jobs {
                let _ = writeln!(out, "{} canceled.", j.guid);
            }
            let _ = writeln!(out, "{n} out of {n} jobs canceled.", n = jobs.len());
            if !jobs.is_empty() {
                out.push_str("(wusim: the model's download is not a BITS job you can cancel: Windows Update's download goes on.)\n");
            }
        }
        Verb::Other => {
            out.push_str("(wusim: the practice shell simulates bitsadmin /list [/allusers] [/verbose] and bitsadmin /reset [/allusers].)\n");
            return Reply::new(out, 1);
        }
    }
    Reply::ok(out)
}

const HELP: &str = "bitsadmin /list [/allusers] [/verbose] | bitsadmin /reset [/allusers]
  In the simulation: while Windows Update downloads an update (and BITS runs), the queue
  holds its transfer, owned by SYSTEM, so only /allusers lists it. /reset /allusers prints
  the cancel lines, but the model's download is not a job you can cancel: it goes on.
  Type 'bitsadmin /list /allusers' during a download to see the bytes move.
  On Windows: BITSAdmin is deprecated in favour of the BitsTransfer PowerShell cmdlets; an
  elevated console needs /allusers to see the jobs of SYSTEM, such as Windows Update's.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::Progress;
    use crate::shell::Shell;

    fn run(pc: &mut Pc, line: &str) -> (String, i32) {
        let mut sh = Shell::new(pc);
        let out = sh.execute(pc, line);
        (out.text, out.exit_code)
    }

    /// A PC whose agent is downloading an update.
    fn downloading() -> Pc {
        let mut pc = Pc::builder().seed(2).build();
        pc.check_for_updates();
        for _ in 0..1_000_000 {
            if matches!(
                pc.agent().job,
                Job::Downloading {
                    progress: Progress {
                        working: Some(_),
                        ..
                    },
                    ..
                }
            ) {
                return pc;
            }
            assert!(pc.step(), "the download never started");
        }
        panic!("the download never started");
    }

    #[test]
    fn an_idle_pc_has_no_jobs() {
        let mut pc = Pc::builder().seed(1).build();
        for line in [
            "bitsadmin /list",
            "bitsadmin /list /allusers",
            "BITSADMIN /LIST /ALLUSERS /VERBOSE",
        ] {
            assert_eq!(
                run(&mut pc, line),
                (format!("{BANNER}Listed 0 job(s).\n"), 0),
                "{line}"
            );
        }
        assert_eq!(
            run(&mut pc, "bitsadmin /reset /allusers"),
            (format!("{BANNER}0 out of 0 jobs canceled.\n"), 0)
        );
    }

    #[test]
    fn a_download_is_listed_for_all_users_only() {
        let mut pc = downloading();
        let (text, code) = run(&mut pc, "bitsadmin /list /allusers");
        assert_eq!(code, 0);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6, "{text}");
        assert!(lines[4].starts_with("{4C8B5E2A-9D31-4F6B-A7C2-"), "{text}");
        assert!(
            lines[4].contains("} 'Windows Update' TRANSFERRING 0 / 1 "),
            "{text}"
        );
        assert_eq!(lines[5], "Listed 1 job(s).");
        let (text, _) = run(&mut pc, "bitsadmin /list");
        assert!(text.ends_with("Listed 0 job(s).\n"), "{text}");
        let (text, _) = run(&mut pc, "bitsadmin /list /allusers /verbose");
        for field in [
            "GUID: {",
            "DISPLAY: Windows Update\n",
            "TYPE: DOWNLOAD\n",
            "STATE: TRANSFERRING\n",
            "OWNER: NT AUTHORITY\\SYSTEM\n",
            "FILES: 0 / 1\n",
            "BYTES: ",
        ] {
            assert!(text.contains(field), "{field}: {text}");
        }
    }

    #[test]
    fn reset_prints_the_cancel_and_the_download_goes_on() {
        let mut pc = downloading();
        let (text, code) = run(&mut pc, "bitsadmin /reset /allusers");
        assert!(
            text.contains("} canceled.\n1 out of 1 jobs canceled.\n(wusim: "),
            "{text}"
        );
        assert_eq!(code, 0);
        assert!(matches!(pc.agent().job, Job::Downloading { .. }));
        let (text, _) = run(&mut pc, "bitsadmin /reset");
        assert!(text.ends_with("0 out of 0 jobs canceled.\n"), "{text}");
    }

    #[test]
    fn with_bits_stopped_the_queue_is_empty() {
        let mut pc = downloading();
        pc.stop_service(ServiceId::BITS, false).unwrap();
        let (text, _) = run(&mut pc, "bitsadmin /list /allusers");
        assert!(text.ends_with("Listed 0 job(s).\n"), "{text}");
    }

    #[test]
    fn other_forms_get_a_note() {
        let mut pc = Pc::builder().seed(1).build();
        for line in [
            "bitsadmin",
            "bitsadmin /transfer x",
            "bitsadmin /list /list",
            "bitsadmin /reset /x",
            "bitsadmin é",
        ] {
            let (text, code) = run(&mut pc, line);
            assert!(
                text.starts_with(BANNER) && text.contains("(wusim: "),
                "{line}: {text}"
            );
            assert_eq!(code, 1, "{line}");
        }
    }
}
