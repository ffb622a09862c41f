//! A learner's attempt at a scenario: the scenario, the seed, the simulated PC, the practice
//! shell, and everything typed so far.
//!
//! A session is fully determined by its scenario, its seed, the files given to it and the
//! lines typed: replaying the same lines on the same scenario and seed gives the same
//! transcript, byte for byte. The session answers its own words (`status`, `hint`, `check`,
//! `answer`, `history`, `reset`, `quit`) at the prompt and passes every other line to the
//! [`Shell`]; a pasted block runs line by line, as if typed. After each line it checks the
//! goal; once it is met the session ends with a summary and a score.

use std::fmt::Write as _;
use std::sync::Arc;

use serde::Serialize;

use crate::engine::{SimDuration, SimTime};
use crate::pc::Pc;
use crate::scenario::{Scenario, goal};
use crate::shell::{Harm, Shell};

/// One line typed, with the simulated time at which it was typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Typed {
    /// Simulated milliseconds since the learner arrived.
    pub at_ms: u64,
    /// The line.
    pub line: String,
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
    /// The goal is met.
    Solved,
    /// The learner quit.
    Quit,
}

/// The end of a session, as data (`wusim run --json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The scenario's id.
    pub scenario: String,
    /// The scenario's version (a hash of its file).
    pub scenario_version: String,
    /// The seed.
    pub seed: u64,
    /// True when the goal was met.
    pub solved: bool,
    /// 0–100; 0 when not solved.
    pub score: u32,
    /// Commands that acted on the PC (session commands such as `hint` do not count).
    pub commands: u32,
    /// The par's commands, if the scenario has a par.
    pub par_commands: Option<u32>,
    /// Simulated time used, in milliseconds.
    pub simulated_ms: u64,
    /// Simulated time used, for people (`2h15m`).
    pub simulated_time: String,
    /// The par's time, in milliseconds.
    pub par_ms: Option<u64>,
    /// Hints revealed.
    pub hints_used: usize,
    /// Harmful moves, in words.
    pub harmful_moves: Vec<String>,
    /// Parts of the goal not met (empty when solved).
    pub unmet: Vec<String>,
    /// Event log entries written during the session.
    pub events: usize,
    /// Every line typed.
    pub history: Vec<Typed>,
}

/// A learner's attempt at a scenario.
#[derive(Clone, Debug)]
pub struct Session {
    scenario: Arc<Scenario>,
    seed: u64,
    pc: Pc,
    /// When the learner arrived (the PC settles for a while before).
    started: SimTime,
    shell: Shell,
    history: Vec<Typed>,
    hints_shown: usize,
    answered: bool,
    harms: Vec<Harm>,
    commands: u32,
    state: State,
    /// Files copied onto the Desktop at the start (and again at `reset`).
    files: Vec<(String, String)>,
}

/// The full path a file given to the session gets: the user's Desktop.
pub fn desktop_path(name: &str) -> String {
    crate::world::path::child(crate::world::default_fs::DESKTOP, name)
}

/// Copies a file onto the simulated user's Desktop (a name that is no valid file name is
/// skipped).
fn put_on_desktop(pc: &mut Pc, name: &str, text: &str) {
    let full = desktop_path(name);
    let _ = pc.act(|w| crate::world::files::write_text(w, &full, text, false));
}

/// The console a scenario starts in: cmd, or Windows PowerShell.
fn new_shell(scenario: &Scenario, pc: &Pc) -> Shell {
    match scenario.shell {
        crate::scenario::StartShell::Cmd => Shell::new(pc),
        crate::scenario::StartShell::Powershell => Shell::new_powershell(pc),
    }
}

impl Session {
    /// Starts `scenario` with its own seed, or `seed` if given.
    pub fn new(scenario: Arc<Scenario>, seed: Option<u64>) -> Session {
        Session::with_files(scenario, seed, Vec::new())
    }

    /// Starts `scenario` with `files` (name, text) copied onto the user's Desktop first, as
    /// `--file reset.bat` does.
    pub fn with_files(
        scenario: Arc<Scenario>,
        seed: Option<u64>,
        files: Vec<(String, String)>,
    ) -> Session {
        let seed = seed.unwrap_or(scenario.seed);
        let mut pc = scenario.build_pc(seed);
        for (name, text) in &files {
            put_on_desktop(&mut pc, name, text);
        }
        let shell = new_shell(&scenario, &pc);
        Session {
            scenario,
            seed,
            started: pc.now(),
            shell,
            pc,
            files,
            history: Vec::new(),
            hints_shown: 0,
            answered: false,
            harms: Vec::new(),
            commands: 0,
            state: State::Playing,
        }
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The simulated PC.
    pub fn pc(&self) -> &Pc {
        &self.pc
    }

    /// Where the session is.
    pub fn state(&self) -> State {
        self.state
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

    /// Takes one line and answers it.
    fn input_line(&mut self, line: &str) -> Answer {
        if self.state != State::Playing {
            return Answer {
                text: String::new(),
                finished: true,
            };
        }
        self.history.push(Typed {
            at_ms: self.elapsed().as_millis(),
            line: line.to_string(),
        });
        let trimmed = line.trim();
        let (word, rest) = trimmed
            .split_once(char::is_whitespace)
            .map_or((trimmed, ""), |(w, r)| (w, r.trim()));
        if self.shell.at_prompt()
            && let Some(text) = self.session_command(&word.to_ascii_lowercase(), rest)
        {
            let finished = self.state != State::Playing;
            let text = if self.state == State::Solved {
                text + &self.summary_text()
            } else {
                text
            };
            return Answer { text, finished };
        }
        let reply = self.shell.execute(&mut self.pc, line);
        if reply.recognized && !line.trim().is_empty() {
            self.commands += 1;
        }
        self.harms.extend(reply.harms);
        let mut text = reply.text;
        if self.goal_met() {
            self.state = State::Solved;
            text.push_str(&self.summary_text());
        }
        Answer {
            text,
            finished: self.state != State::Playing,
        }
    }

    /// The session's own commands; `None` for lines meant for the shell.
    fn session_command(&mut self, word: &str, rest: &str) -> Option<String> {
        let text = match word {
            "status" => self.status_text(),
            "hint" => self.hint(),
            "check" => match self.scenario.goal.as_ref() {
                None => "This scenario has no goal: it is free practice.\n".to_string(),
                Some(g) => {
                    let missing = goal::unmet(g, &self.pc, self.answered);
                    if missing.is_empty() {
                        self.state = State::Solved;
                        "The goal is met.\n".to_string()
                    } else {
                        let mut t = "Not yet. Still to do:\n".to_string();
                        for m in missing {
                            let _ = writeln!(t, "  - {m}");
                        }
                        t
                    }
                }
            },
            "answer" => self.answer(rest),
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
                self.pc = self.scenario.build_pc(self.seed);
                for (name, text) in &self.files {
                    put_on_desktop(&mut self.pc, name, text);
                }
                self.started = self.pc.now();
                self.shell = new_shell(&self.scenario, &self.pc);
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
        if self.goal_met() && self.state == State::Playing {
            self.state = State::Solved;
        }
        Some(text)
    }

    fn status_text(&self) -> String {
        let mut t = self.intro();
        let _ = writeln!(
            t,
            "\nIt is {}. Commands so far: {}. Hints used: {} of {}.",
            self.pc.clock().windows(),
            self.commands,
            self.hints_shown,
            self.scenario.hints.len()
        );
        t
    }

    fn hint(&mut self) -> String {
        let hints = &self.scenario.hints;
        if hints.is_empty() {
            return "This scenario has no hints.\n".to_string();
        }
        if self.hints_shown < hints.len() {
            self.hints_shown += 1;
        }
        format!(
            "Hint {} of {}: {}\n",
            self.hints_shown,
            hints.len(),
            hints[self.hints_shown - 1]
        )
    }

    fn answer(&mut self, text: &str) -> String {
        let Some(spec) = self.scenario.goal.as_ref().and_then(|g| g.answer.as_ref()) else {
            return "This scenario does not ask for a diagnosis.\n".to_string();
        };
        if text.is_empty() {
            return "Type `answer` followed by what you found, e.g. `answer the update server is overloaded`.\n".to_string();
        }
        let lower = text.to_lowercase();
        if spec
            .accept
            .iter()
            .any(|a| lower.contains(&a.to_lowercase()))
        {
            self.answered = true;
            format!("Right. {}\n", spec.explanation.trim_end())
        } else {
            "That is not what is wrong here. Look at the evidence again (the event log, `settings`, `explain <code>`).\n".to_string()
        }
    }

    fn goal_met(&self) -> bool {
        self.scenario
            .goal
            .as_ref()
            .is_some_and(|g| goal::unmet(g, &self.pc, self.answered).is_empty())
    }

    /// Simulated time used so far.
    pub fn elapsed(&self) -> SimDuration {
        self.pc.now().since(self.started)
    }

    /// The score: 0 unless solved; otherwise 100, less 5 per hint, 3 per command over par
    /// (at most 30), 10 for taking longer than par (20 for more than twice as long) and 15
    /// per harmful move, but never below 10.
    pub fn score(&self) -> u32 {
        if self.state != State::Solved {
            return 0;
        }
        let mut penalty = 5 * self.hints_shown as u32 + 15 * self.harms.len() as u32;
        if let Some(par) = &self.scenario.par {
            penalty += (3 * self.commands.saturating_sub(par.commands)).min(30);
            let used = self.elapsed().as_millis();
            if used > 2 * par.time.as_millis() {
                penalty += 20;
            } else if used > par.time.as_millis() {
                penalty += 10;
            }
        }
        100u32.saturating_sub(penalty).max(10)
    }

    /// The session so far, as data.
    pub fn summary(&self) -> Summary {
        let unmet = self
            .scenario
            .goal
            .as_ref()
            .map(|g| goal::unmet(g, &self.pc, self.answered))
            .unwrap_or_default();
        Summary {
            scenario: self.scenario.id.clone(),
            scenario_version: self.scenario.version.clone(),
            seed: self.seed,
            solved: self.state == State::Solved,
            score: self.score(),
            commands: self.commands,
            par_commands: self.scenario.par.as_ref().map(|p| p.commands),
            simulated_ms: self.elapsed().as_millis(),
            simulated_time: self.elapsed().round_to_secs().to_string(),
            par_ms: self.scenario.par.as_ref().map(|p| p.time.as_millis()),
            hints_used: self.hints_shown,
            harmful_moves: self.harms.iter().map(Harm::describe).collect(),
            unmet,
            events: self.pc.log().len(),
            history: self.history.clone(),
        }
    }

    /// The summary as text.
    pub fn summary_text(&self) -> String {
        let s = self.summary();
        let mut t = String::new();
        if s.solved {
            let _ = writeln!(t, "\n*** Goal met: {} ***", self.scenario.title);
        } else if self.scenario.goal.is_some() {
            let _ = writeln!(t, "\nNot solved.");
        }
        if self.scenario.goal.is_none() {
            let _ = writeln!(
                t,
                "Commands: {}. Simulated time: {}.",
                s.commands, s.simulated_time
            );
            return t;
        }
        let par = |v: Option<String>| v.map(|p| format!(" (par {p})")).unwrap_or_default();
        let _ = writeln!(
            t,
            "Commands: {}{}",
            s.commands,
            par(s.par_commands.map(|c| c.to_string()))
        );
        let _ = writeln!(
            t,
            "Simulated time: {}{}",
            s.simulated_time,
            par(s.par_ms.map(|ms| SimDuration::from_millis(ms).to_string()))
        );
        let _ = writeln!(t, "Hints used: {}", s.hints_used);
        if s.harmful_moves.is_empty() {
            let _ = writeln!(t, "Harmful moves: none");
        } else {
            let _ = writeln!(t, "Harmful moves: {}", s.harmful_moves.join("; "));
        }
        if s.solved {
            let _ = writeln!(t, "Score: {}/100", s.score);
        }
        t
    }
}
