//! A learner's attempt at a scenario: the scenario (with the variant the seed drew), the
//! simulated PC, the practice shell, and every step so far, judged as it is taken.
//!
//! A session is fully determined by its scenario, its seed, the files given to it and the
//! lines typed: replaying the same lines on the same scenario and seed gives the same
//! transcript, byte for byte. The session answers its own words (`status`, `hint`, `check`,
//! `diagnose`, `undo`, `timeline`, `step`, `history`, `reset`, `quit`, `help scoring`) at the
//! prompt and passes every other line to the [`Shell`]; a pasted block runs line by line, as
//! if typed.
//!
//! Each line the shell runs becomes a [`Step`]: what it showed (facts), what it changed
//! (components, by comparing the PC before and after), and how the one classifier of moves
//! judges it ([`crate::assess`]). The ticket is solved when the goal is met and the learner
//! has closed it with the right cause; the score and the [`debrief`] follow the rubric.
//!
//! Beside this file: `start` (the PC the learner finds and what the fixes change), `ticket`
//! (when the ticket is closed, `diagnose`, the score), [`diagnose`] (the list of causes),
//! [`timeline`] (`timeline` and `step`) and [`debrief`] (the end, as data and as text).

pub mod debrief;
pub mod diagnose;
mod start;
mod ticket;
pub mod timeline;

use std::fmt::Write as _;
use std::sync::Arc;

use serde::Serialize;

use crate::assess::{self, Component, Fact, Finding, Mark, Severity};
use crate::engine::{SimDuration, SimTime};
use crate::pc::Pc;
use crate::scenario::{Difficulty, Scenario};
use crate::shell::{Harm, Shell};

pub use debrief::{Debrief, Summary};
pub use start::{desktop_path, needed_components, new_shell, start_pc};

/// One line typed, with the simulated time at which it was typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Typed {
    /// Simulated milliseconds since the learner arrived.
    pub at_ms: u64,
    /// The line.
    pub line: String,
}

/// A line and how it was judged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Simulated milliseconds since the learner arrived, when it was typed.
    pub at_ms: u64,
    /// The line.
    pub line: String,
    /// What it was: evidence, fix, unneeded, harmful (or nothing to say).
    pub mark: Mark,
    /// The scenario's evidence it showed for the first time.
    pub evidence: Vec<Fact>,
    /// What it changed.
    pub changed: Vec<Component>,
    /// The findings: harm, collateral, side effects.
    pub findings: Vec<Finding>,
}

/// What the session answers to a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The text to show.
    pub text: String,
    /// True when the session is over (solved or quit).
    pub finished: bool,
}

/// Where the session is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// The learner is working.
    Playing,
    /// The goal is met and the ticket closed.
    Solved,
    /// The learner quit.
    Quit,
}

/// How a session starts.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The seed (default: the scenario's); it also draws the variant.
    pub seed: Option<u64>,
    /// A variant by id, instead of the one the seed draws.
    pub variant: Option<String>,
    /// Files (name, text) put on the user's Desktop first, as `--file reset.bat` does.
    pub files: Vec<(String, String)>,
    /// Live coaching notes: `None` for the default (on for beginner and intermediate
    /// tickets unless the scenario turns it off).
    pub coach: Option<bool>,
}

/// The PC and console as they were before a line that changed the PC or let time run.
#[derive(Clone, Debug)]
struct Snapshot {
    pc: Pc,
    shell: Shell,
    line: String,
}

/// A learner's attempt at a scenario.
#[derive(Clone, Debug)]
pub struct Session {
    /// The scenario as played: the drawn variant merged in.
    scenario: Arc<Scenario>,
    seed: u64,
    pc: Pc,
    /// When the learner arrived (the PC settles, and the user acts, before).
    started: SimTime,
    shell: Shell,
    files: Vec<(String, String)>,
    coach: bool,
    history: Vec<Typed>,
    /// What was typed or pasted, as recorded in session files.
    inputs: Vec<crate::record::RecordedStep>,
    steps: Vec<Step>,
    undo: Vec<Snapshot>,
    undos: u32,
    /// Every fact seen so far, sorted.
    seen: Vec<Fact>,
    /// The facts seen before the first change (`None` while nothing has changed yet).
    seen_before_change: Option<Vec<Fact>>,
    /// The hints shown, by index.
    hints_shown: Vec<usize>,
    /// The right causes picked so far.
    right_picks: Vec<String>,
    /// The wrong causes picked (each once).
    wrong_picks: Vec<String>,
    harms: Vec<Harm>,
    commands: u32,
    /// What the scenario's fixes change: a change to anything else is collateral.
    needed: Vec<Component>,
    /// The learner has been told that the problem is gone and the ticket waits for a cause.
    told_to_close: bool,
    state: State,
    /// The exit code of the last line the shell ran (0 after the session's own words).
    last_exit_code: i32,
}

/// The words the session answers itself, before the shell.
const SESSION_WORDS: [&str; 13] = [
    "status", "hint", "check", "diagnose", "answer", "undo", "timeline", "events", "step",
    "history", "reset", "quit", "help",
];

/// True when `line` is a word of the session (so a reference solution's `diagnose 1` is
/// not a shell command).
pub fn is_session_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let word = words.next().unwrap_or("").to_ascii_lowercase();
    if word == "help" {
        return words
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("scoring"));
    }
    SESSION_WORDS.contains(&word.as_str())
}

impl Session {
    /// Starts `scenario` with its own seed, or `seed` if given.
    pub fn new(scenario: Arc<Scenario>, seed: Option<u64>) -> Session {
        Session::start(
            scenario,
            Options {
                seed,
                ..Options::default()
            },
        )
    }

    /// Starts `scenario` with `files` (name, text) copied onto the user's Desktop first, as
    /// `--file reset.bat` does.
    pub fn with_files(
        scenario: Arc<Scenario>,
        seed: Option<u64>,
        files: Vec<(String, String)>,
    ) -> Session {
        Session::start(
            scenario,
            Options {
                seed,
                files,
                ..Options::default()
            },
        )
    }

    /// Starts `scenario` as `options` say. An unknown variant id plays the one the seed
    /// draws (the CLI checks ids before).
    pub fn start(scenario: Arc<Scenario>, options: Options) -> Session {
        let seed = options.seed.unwrap_or(scenario.seed);
        let index = options
            .variant
            .as_deref()
            .and_then(|id| scenario.variant_index(id))
            .or_else(|| scenario.pick_variant(seed));
        let scenario = match index {
            Some(i) => Arc::new(scenario.with_variant(i)),
            None => scenario,
        };
        let pc = start_pc(&scenario, seed, &options.files);
        Session::on_pc(scenario, pc, seed, options)
    }

    /// A session of `scenario` on a PC built elsewhere (a fleet's PC opened at a day): the
    /// scenario gives the words and the goal, `pc` is the machine.
    pub fn on_pc(scenario: Arc<Scenario>, pc: Pc, seed: u64, options: Options) -> Session {
        let shell = new_shell(&scenario, &pc);
        let coach = scenario.goal.is_some()
            && options
                .coach
                .unwrap_or(scenario.coach && scenario.difficulty <= Difficulty::Intermediate);
        let needed = if scenario.goal.is_some() {
            needed_components(&scenario, seed)
        } else {
            Vec::new()
        };
        let mut session = Session {
            seed,
            started: pc.now(),
            shell,
            pc,
            files: options.files,
            coach,
            history: Vec::new(),
            inputs: Vec::new(),
            steps: Vec::new(),
            undo: Vec::new(),
            undos: 0,
            seen: Vec::new(),
            seen_before_change: None,
            hints_shown: Vec::new(),
            right_picks: Vec::new(),
            wrong_picks: Vec::new(),
            harms: Vec::new(),
            commands: 0,
            needed,
            told_to_close: false,
            state: State::Playing,
            last_exit_code: 0,
            scenario,
        };
        if session.ticket_closed() {
            session.state = State::Solved;
        }
        session
    }

    /// The scenario as played (with its variant merged in).
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The simulated PC.
    pub fn pc(&self) -> &Pc {
        &self.pc
    }

    /// Where the session is.
    pub fn state(&self) -> State {
        self.state
    }

    /// What was typed or pasted so far, as session files record it.
    pub fn inputs(&self) -> &[crate::record::RecordedStep] {
        &self.inputs
    }

    /// The files put on the Desktop at the start.
    pub fn files(&self) -> &[(String, String)] {
        &self.files
    }

    /// Every step so far.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// How many `undo`s are possible now.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Live coaching notes are on.
    pub fn coaching(&self) -> bool {
        self.coach
    }

    /// The prompt to show before the next line: `C:\WINDOWS\system32>`, `More? `, or
    /// nothing while a question waits for its answer.
    pub fn prompt(&self) -> String {
        self.shell.prompt()
    }

    /// A line as the console shows it once typed, after its prompt: on a new line after a
    /// blank one at the command prompt; right after `More? `; and right after a question,
    /// on the question's own line.
    pub fn echo(&self, line: &str) -> String {
        let prompt = self.prompt();
        if self.shell.at_prompt() && !self.shell.is_powershell() {
            format!("\n{prompt}{line}\n")
        } else {
            format!("{prompt}{line}\n")
        }
    }

    /// What a terminal shows before reading the next line: the prompt, after a blank line at
    /// the command prompt.
    pub fn prompt_line(&self) -> String {
        let prompt = self.prompt();
        if self.shell.at_prompt() && !self.shell.is_powershell() {
            format!("\n{prompt}")
        } else {
            prompt
        }
    }

    /// The scenario's title, briefing and how to get going.
    pub fn intro(&self) -> String {
        let s = &self.scenario;
        let mut out = format!(
            "{} [{}]\n\n{}\n",
            s.title,
            s.difficulty.label(),
            s.briefing.trim_end()
        );
        out.push_str("\nType `help` for the commands, `status` to see this again, `hint` for a hint, `quit` to leave.\n");
        if !s.causes.is_empty() {
            out.push_str("When you know what is wrong, close the ticket with `diagnose`.\n");
        }
        for (name, _) in &self.files {
            out.push_str(&format!(
                "(Your file {name} is on the Desktop: {})\n",
                desktop_path(name)
            ));
        }
        out
    }

    /// Plays `lines` one by one (stopping if the session ends) and returns the transcript: the
    /// intro, then each prompt with its line and the answer, then — if the session is still
    /// going — the summary so far. What `wusim run` prints.
    pub fn transcript(&mut self, lines: &[String]) -> String {
        let mut out = self.intro();
        for line in lines {
            out.push_str(&self.echo(line));
            let answer = self.input(line);
            out.push_str(&answer.text);
            if answer.finished {
                break;
            }
        }
        out.push_str(self.end_of_input());
        if self.state == State::Playing {
            out.push_str(&self.summary_text());
        }
        out
    }

    /// What to print when the input ends: a new line if a question was left waiting on its
    /// line (`Enter the new time: `).
    pub fn end_of_input(&self) -> &'static str {
        if self.shell.awaiting_answer() {
            "\n"
        } else {
            ""
        }
    }

    /// Takes what was typed or pasted and answers it: a pasted block runs line by line, each
    /// shown after its prompt as if typed.
    pub fn input(&mut self, text: &str) -> Answer {
        if self.state == State::Playing {
            let pasted = text.trim_end_matches(['\r', '\n']).contains('\n');
            self.inputs.push(crate::record::RecordedStep {
                at_ms: self.elapsed().as_millis(),
                kind: if pasted {
                    crate::record::StepKind::Paste
                } else {
                    crate::record::StepKind::Line
                },
                text: text.to_string(),
            });
        }
        let mut lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        if lines.len() > 1 && lines.last() == Some(&"") {
            lines.pop();
        }
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.echo(line));
            }
            let answer = self.input_line(line);
            out.push_str(&answer.text);
            if answer.finished {
                return Answer {
                    text: out,
                    finished: true,
                };
            }
        }
        Answer {
            text: out,
            finished: self.state != State::Playing,
        }
    }

    /// Takes an action of the browser GUI, as the line it stands for (`wusim::gui::Action`),
    /// and answers it: one step, recorded as a GUI step, judged as if typed.
    pub fn input_gui(&mut self, line: &str) -> Answer {
        if self.state == State::Playing {
            self.inputs.push(crate::record::RecordedStep {
                at_ms: self.elapsed().as_millis(),
                kind: crate::record::StepKind::Gui,
                text: line.to_string(),
            });
        }
        self.input_line(line)
    }

    /// The exit code of the last line the shell ran: what `%ERRORLEVEL%` would say (0 after
    /// the session's own words such as `hint`).
    pub fn last_exit_code(&self) -> i32 {
        self.last_exit_code
    }

    /// The service whose "Stop Other Services" box waits for Yes or No, if any.
    pub fn stop_question(&self) -> Option<crate::scm::ServiceId> {
        self.shell.console_stop_question()
    }

    /// How many hints have been shown.
    pub fn hints_used(&self) -> usize {
        self.hints_shown.len()
    }

    /// True when the shell waits for the answer to a question (`Do you want to stop these
    /// services? (Y/N)`) rather than for a command.
    pub fn awaiting_answer(&self) -> bool {
        self.shell.awaiting_answer()
    }

    /// Takes one line and answers it.
    fn input_line(&mut self, line: &str) -> Answer {
        if self.state != State::Playing {
            return Answer {
                text: String::new(),
                finished: true,
            };
        }
        let at_ms = self.elapsed().as_millis();
        self.history.push(Typed {
            at_ms,
            line: line.to_string(),
        });
        self.last_exit_code = 0;
        let trimmed = line.trim();
        let (word, rest) = trimmed
            .split_once(char::is_whitespace)
            .map_or((trimmed, ""), |(w, r)| (w, r.trim()));
        if self.shell.at_prompt()
            && is_session_line(trimmed)
            && let Some(text) = self.session_command(&word.to_ascii_lowercase(), rest)
        {
            return self.after(text);
        }
        let before = Snapshot {
            pc: self.pc.clone(),
            shell: self.shell.clone(),
            line: line.to_string(),
        };
        let reply = self.shell.execute(&mut self.pc, line);
        self.last_exit_code = reply.exit_code;
        if reply.recognized && !trimmed.is_empty() {
            self.commands += 1;
        }
        let changed = assess::change::between(&before.pc, &self.pc, reply.waited);
        let new_evidence = self.see(&reply.facts);
        let time_ran = self.pc.now().since(before.pc.now()) > crate::shell::TYPING_TIME;
        if !changed.is_empty() || time_ran {
            self.undo.push(before);
        }
        // Free practice has nothing to fix, so nothing to judge.
        let (mark, findings) = if self.scenario.goal.is_none() {
            (Mark::Neutral, Vec::new())
        } else {
            assess::moves::judge(
                &reply.harms,
                &changed,
                &self.needed,
                reply.remedy,
                !new_evidence.is_empty(),
            )
        };
        // The first move: the first line that changed something, or tried a repair.
        if self.seen_before_change.is_none()
            && (reply.remedy || changed.iter().any(|c| *c != Component::Files))
        {
            self.seen_before_change = Some(self.seen.clone());
        }
        self.harms.extend(reply.harms.iter().copied());
        let mut text = reply.text;
        if self.coach {
            for finding in findings
                .iter()
                .filter(|f| f.severity <= Severity::Collateral)
            {
                let _ = writeln!(
                    text,
                    "(wusim: {} — {}: {}.)",
                    finding.severity.label(),
                    finding.what,
                    finding.why
                );
            }
        }
        self.steps.push(Step {
            at_ms,
            line: line.to_string(),
            mark,
            evidence: new_evidence,
            changed,
            findings,
        });
        self.after(text)
    }

    /// After a line: closes the ticket if it can be, or says what it waits for.
    fn after(&mut self, mut text: String) -> Answer {
        if self.state == State::Playing && self.ticket_closed() {
            self.state = State::Solved;
        }
        if self.state == State::Solved {
            text.push_str(&self.summary_text());
        } else if self.state == State::Playing
            && !self.told_to_close
            && self.outcome_met()
            && !self.scenario.causes.is_empty()
            && !self.diagnosis_only()
        {
            self.told_to_close = true;
            text.push_str("(wusim: the user's problem is gone. Close the ticket: `diagnose` lists the possible causes.)\n");
        }
        Answer {
            text,
            finished: self.state != State::Playing,
        }
    }

    /// Records `facts` as seen; returns those that are scenario evidence seen for the first
    /// time.
    fn see(&mut self, facts: &[Fact]) -> Vec<Fact> {
        let mut new = Vec::new();
        for &fact in facts {
            if let Err(at) = self.seen.binary_search(&fact) {
                self.seen.insert(at, fact);
                if self.scenario.evidence.iter().any(|e| e.fact == fact) {
                    new.push(fact);
                }
            }
        }
        new
    }

    /// The session's own commands; `None` for lines meant for the shell.
    fn session_command(&mut self, word: &str, rest: &str) -> Option<String> {
        let text = match word {
            "status" => self.status_text(),
            "hint" => self.hint(),
            "check" => self.check(),
            "diagnose" | "answer" => self.diagnose(rest),
            "undo" => self.undo(),
            "timeline" | "events" => {
                let (text, ids) = timeline::since(&self.pc, self.started);
                self.see_shown(&text, &ids);
                text
            }
            "step" => {
                let before = Snapshot {
                    pc: self.pc.clone(),
                    shell: self.shell.clone(),
                    line: "step".to_string(),
                };
                let (text, ids) = timeline::step(&mut self.pc);
                if self.pc.now() != before.pc.now() {
                    self.undo.push(before);
                }
                self.see_shown(&text, &ids);
                text
            }
            "help" => assess::rubric::RUBRIC.to_string(),
            "history" => {
                let mut t = String::new();
                for (i, typed) in self.history.iter().enumerate() {
                    let at = self.started + SimDuration::from_millis(typed.at_ms);
                    let when = self.pc.date_time(at).clock();
                    let _ = writeln!(t, "{:>4}  {when:>8}  {}", i + 1, typed.line);
                }
                t
            }
            "reset" => {
                self.pc = start_pc(&self.scenario, self.seed, &self.files);
                self.started = self.pc.now();
                self.shell = new_shell(&self.scenario, &self.pc);
                self.undo.clear();
                "The PC is back as it was at the start of the scenario (your history, hints and score so far are kept).\n".to_string()
            }
            "quit" => {
                self.state = State::Quit;
                let mut t = String::from("Leaving the scenario.\n");
                t.push_str(&self.summary_text());
                return Some(t);
            }
            _ => return None,
        };
        Some(text)
    }

    /// Facts shown by the session's own views (`timeline`, `step`): events and codes.
    fn see_shown(&mut self, text: &str, ids: &[u32]) {
        let mut facts: Vec<Fact> = ids.iter().map(|&id| Fact::Event(id)).collect();
        facts.extend(assess::codes_in(text).into_iter().map(Fact::Code));
        self.see(&facts);
    }

    fn status_text(&self) -> String {
        let mut t = self.intro();
        let _ = writeln!(
            t,
            "\nIt is {}. Commands so far: {}. Hints used: {} of {}.",
            self.pc.clock().windows(),
            self.commands,
            self.hints_shown.len(),
            self.scenario.hints.len()
        );
        t
    }

    /// The next hint for what is still to find: the first not shown whose fact has not been
    /// seen, else the first not shown.
    fn hint(&mut self) -> String {
        let hints = &self.scenario.hints;
        if hints.is_empty() {
            return "This scenario has no hints.\n".to_string();
        }
        let unshown = |i: &usize| !self.hints_shown.contains(i);
        let next = (0..hints.len())
            .filter(unshown)
            .find(|&i| hints[i].shows.is_none_or(|f| !self.seen.contains(&f)))
            .or_else(|| (0..hints.len()).find(unshown));
        let Some(i) = next else {
            return format!(
                "No more hints ({} of {} shown). `check` says what is still to do.\n",
                hints.len(),
                hints.len()
            );
        };
        self.hints_shown.push(i);
        format!(
            "Hint {} of {}: {}\n",
            self.hints_shown.len(),
            hints.len(),
            hints[i].text
        )
    }

    fn check(&mut self) -> String {
        if self.scenario.goal.is_none() {
            return "This scenario has no goal: it is free practice.\n".to_string();
        }
        let missing = self.ticket_unmet();
        if missing.is_empty() {
            "The goal is met.\n".to_string()
        } else {
            let mut t = "Not yet. Still to do:\n".to_string();
            for m in missing {
                let _ = writeln!(t, "  - {m}");
            }
            t
        }
    }

    fn undo(&mut self) -> String {
        let Some(snapshot) = self.undo.pop() else {
            return "There is nothing to undo: nothing has changed the PC or let time run since you arrived (or since the last reset).\n".to_string();
        };
        self.pc = snapshot.pc;
        self.shell = snapshot.shell;
        self.undos += 1;
        format!(
            "Undone: `{}`. The PC and its clock are back to {} (-{} points; what that line cost stays).\n",
            snapshot.line,
            self.pc.clock().clock(),
            assess::rubric::UNDO
        )
    }

    /// Simulated time used so far.
    pub fn elapsed(&self) -> SimDuration {
        self.pc.now().since(self.started)
    }
}
