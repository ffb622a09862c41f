//! Reading a scenario file: TOML syntax first, then each section on its own, so that one
//! bad section does not hide the problems of the others; then the checks serde cannot make
//! (KB numbers that exist, non-empty prose, a goal with something in it). Every problem is
//! reported with its place.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diagnostic::{Diagnostic, Diagnostics};
use super::limits;
use super::schema::{
    Cause, DesktopFile, Difficulty, Evidence, FORMAT_VERSION, GoalSpec, Hint, Kb,
    OLDEST_FORMAT_VERSION, Par, PcSpec, ServerSpec, StartShell, Symptom, VariantSpec,
};
use super::{Scenario, ScheduledFault, Variant};
use crate::engine::{CivilDateTime, SimDuration};
use crate::fault::Fault;
use crate::update::default_catalog::default_catalog;

const KEYS: [&str; 25] = [
    "format-version",
    "file",
    "rule",
    "coach",
    "before-arrival",
    "symptom",
    "evidence",
    "cause",
    "alternatives",
    "variant",
    "id",
    "title",
    "difficulty",
    "briefing",
    "seed",
    "start",
    "shell",
    "pc",
    "server",
    "fault",
    "goal",
    "hints",
    "solution",
    "par",
    "notes",
];

/// Reads the scenario in `text`; `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Scenario, Diagnostics> {
    let (root, syntax) = DeTable::parse_recoverable(text);
    let fail = |items| Err(Diagnostics::new(file, text, items));
    if !syntax.is_empty() {
        let items = syntax
            .iter()
            .map(|e| Diagnostic::at(e.span(), e.message().trim().to_string()))
            .collect();
        return fail(items);
    }
    let mut reader = Reader {
        root: root.get_ref(),
        problems: Vec::new(),
    };
    for (key, _) in reader.root.iter() {
        if !KEYS.contains(&key.get_ref().as_ref()) {
            let hint = closest(key.get_ref(), &KEYS);
            reader.problems.push(
                Diagnostic::at(Some(key.span()), format!("unknown key `{}`", key.get_ref())).help(
                    hint.map_or_else(
                        || format!("the keys are: {}", KEYS.join(", ")),
                        |k| format!("did you mean `{k}`?"),
                    ),
                ),
            );
        }
    }
    let version: Option<u32> = reader.required("format-version");
    if let Some(v) = version.filter(|v| !(OLDEST_FORMAT_VERSION..=FORMAT_VERSION).contains(v)) {
        let span = reader.span("format-version");
        reader.problems.push(
            Diagnostic::at(span, format!("format-version {v} is not supported"))
                .help(format!("write `format-version = {FORMAT_VERSION}`")),
        );
    }
    let id: Option<String> = reader.required_text("id");
    let title: Option<String> = reader.required_text("title");
    let difficulty: Option<Difficulty> = reader.required("difficulty");
    let briefing: Option<String> = reader.required_text("briefing");
    let seed: u64 = reader.optional("seed").unwrap_or(0);
    let start: CivilDateTime = reader.start().unwrap_or(CivilDateTime::PATCH_TUESDAY);
    let shell: StartShell = reader.optional("shell").unwrap_or_default();
    let pc: PcSpec = reader.optional("pc").unwrap_or_default();
    let server: ServerSpec = reader.optional("server").unwrap_or_default();
    let faults = reader.faults();
    let goal: Option<GoalSpec> = reader.optional("goal");
    let hints: Vec<Hint> = reader.optional("hints").unwrap_or_default();
    let solution: Vec<String> = reader.optional("solution").unwrap_or_default();
    let par: Option<Par> = reader.optional("par");
    let notes: String = reader.optional("notes").unwrap_or_default();
    let rule: String = reader.optional("rule").unwrap_or_default();
    let coach: bool = reader.optional("coach").unwrap_or(true);
    let before_arrival: Vec<String> = reader.optional("before-arrival").unwrap_or_default();
    let symptom: Option<Symptom> = reader.optional("symptom");
    let evidence: Vec<Evidence> = reader.optional("evidence").unwrap_or_default();
    let mut causes: Vec<Cause> = reader.optional("cause").unwrap_or_default();
    let alternatives: Vec<Vec<String>> = reader.optional("alternatives").unwrap_or_default();
    let variants = reader.variants();
    let files: Vec<DesktopFile> = reader.optional("file").unwrap_or_default();
    reader.check_files(&files);
    let has_variants = !variants.is_empty();
    let variant_hints = variants.iter().all(|v| v.spec.hints.is_some());
    let variant_solutions = variants.iter().all(|v| !v.spec.solution.is_empty());
    reader.check_semantics(
        &pc,
        &server,
        goal.as_ref(),
        if has_variants && variant_hints {
            1
        } else {
            hints.len()
        },
        if has_variants && variant_solutions {
            1
        } else {
            solution.len()
        },
        par.as_ref(),
    );
    reader.check_numbers(&pc, par.as_ref());
    if let (Some(goal), Some(version)) = (goal.as_ref(), version) {
        if version == 1 {
            if let Some(answer) = &goal.answer {
                causes = vec![Cause {
                    id: "answer".to_string(),
                    text: answer
                        .explanation
                        .split(". ")
                        .next()
                        .unwrap_or_default()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    right: true,
                }];
            }
        } else {
            let symptoms = symptom.is_some()
                || (!variants.is_empty() && variants.iter().all(|v| v.spec.symptom.is_some()));
            reader.check_assessment(goal, &rule, &evidence, &causes, &variants);
            if !symptoms {
                reader.problems.push(
                    Diagnostic::at(None, "a scenario with a goal needs its `[symptom]`")
                        .help("add [symptom] with shows = [\"...\"]: what the ticket quotes, as `settings` (or `command`) shows it at the start"),
                );
            }
        }
    }

    if !reader.problems.is_empty() {
        return fail(reader.problems);
    }
    match (version, id, title, difficulty, briefing) {
        (Some(format_version), Some(id), Some(title), Some(difficulty), Some(briefing)) => {
            Ok(Scenario {
                format_version,
                id,
                title,
                difficulty,
                briefing,
                seed,
                start,
                shell,
                pc,
                server,
                faults,
                goal,
                hints,
                solution,
                par,
                notes,
                rule,
                coach,
                before_arrival,
                symptom,
                evidence,
                causes,
                alternatives,
                variants,
                variant: None,
                files,
                version: super::version_of(text),
            })
        }
        _ => fail(vec![Diagnostic::at(None, "the scenario is incomplete")]),
    }
}

struct Reader<'a, 'i> {
    root: &'a DeTable<'i>,
    problems: Vec<Diagnostic>,
}

impl<'i> Reader<'_, 'i> {
    fn value(&self, key: &str) -> Option<&Spanned<DeValue<'i>>> {
        self.root.get(key)
    }

    fn span(&self, key: &str) -> Option<std::ops::Range<usize>> {
        self.value(key).map(Spanned::span)
    }

    fn decode<T: DeserializeOwned>(&mut self, value: &Spanned<DeValue<'i>>) -> Option<T> {
        match T::deserialize(ValueDeserializer::from(value.clone())) {
            Ok(v) => Some(v),
            Err(e) => {
                // A custom error (an unknown service) comes without a place: point at the
                // value it names, if it can be found, else at the whole section.
                let named = quoted(e.message()).and_then(|name| find_string(value, name));
                let span = e
                    .span()
                    .filter(|s| *s != value.span())
                    .or(named)
                    .or_else(|| Some(value.span()));
                let mut problem = Diagnostic::at(span, tidy(e.message()));
                if e.message().starts_with("unknown service")
                    && let Some(near) = quoted(e.message()).and_then(|name| {
                        let names: Vec<&str> =
                            crate::scm::ServiceId::all().map(|s| s.name()).collect();
                        closest(name, &names)
                    })
                {
                    problem = problem.help(format!("did you mean `{near}`?"));
                }
                if let Some(field) = unknown_field(e.message()).filter(|f| KEYS.contains(f)) {
                    problem = problem.help(format!(
                        "`{field}` belongs at the top of the file: TOML puts every key after a [table] header into that table, so move `{field}` above the first [table]"
                    ));
                }
                self.problems.push(problem);
                None
            }
        }
    }

    fn optional<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let value = self.value(key)?.clone();
        self.decode(&value)
    }

    fn required<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        if self.value(key).is_none() {
            self.problems.push(
                Diagnostic::at(None, format!("missing key `{key}`"))
                    .help(format!("add `{key} = ...` near the top of the file")),
            );
            return None;
        }
        self.optional(key)
    }

    /// Where `key` of the `[section]` table is written (the section itself when the key is
    /// not found).
    fn field_span(&self, section: &str, key: &str) -> Option<std::ops::Range<usize>> {
        let value = self.value(section)?;
        match value.get_ref() {
            DeValue::Table(table) => table.get(key).map(Spanned::span).or(Some(value.span())),
            _ => Some(value.span()),
        }
    }

    /// A number out of its range ([`limits::LIMITS`]) is a problem at its place.
    fn check_limit(&mut self, field: &str, value: i64, span: Option<std::ops::Range<usize>>) {
        if let Some(problem) = limits::of(field).check(value) {
            self.problems.push(Diagnostic::at(span, problem));
        }
    }

    /// `start`: a quoted date in the years the scenarios can be set in.
    fn start(&mut self) -> Option<CivilDateTime> {
        let value = self.value("start")?.clone();
        if matches!(value.get_ref(), DeValue::Datetime(_)) {
            self.problems.push(
                Diagnostic::at(Some(value.span()), "`start` must be text").help(
                    "write the date in quotes: start = \"2025-06-10\" (or \"2025-06-10T10:30\")",
                ),
            );
            return None;
        }
        let start: CivilDateTime = self.decode(&value)?;
        self.check_limit("start (year)", i64::from(start.year), Some(value.span()));
        Some(start)
    }

    /// The numbers of `[pc]` and `par` in their ranges, the computer name, the free space
    /// within the drive.
    fn check_numbers(&mut self, pc: &PcSpec, par: Option<&Par>) {
        let pc_numbers: [(&str, &str, Option<i64>); 6] = [
            ("pc.revision", "revision", pc.revision.map(i64::from)),
            ("pc.ram-gb", "ram-gb", pc.ram_gb.map(i64::from)),
            (
                "pc.disk-gb",
                "disk-gb",
                pc.disk_gb.map(|v| i64::try_from(v).unwrap_or(i64::MAX)),
            ),
            (
                "pc.disk-free-gb",
                "disk-free-gb",
                pc.disk_free_gb
                    .map(|v| i64::try_from(v).unwrap_or(i64::MAX)),
            ),
            (
                "pc.cleanup-gb",
                "cleanup-gb",
                pc.cleanup_gb.map(|v| i64::try_from(v).unwrap_or(i64::MAX)),
            ),
            (
                "pc.bandwidth-mbps",
                "bandwidth-mbps",
                pc.bandwidth_mbps.map(i64::from),
            ),
        ];
        for (field, key, value) in pc_numbers {
            if let Some(value) = value {
                let span = self.field_span("pc", key);
                self.check_limit(field, value, span);
            }
        }
        let disk = pc
            .disk_gb
            .unwrap_or(crate::device::Device::default().disk_total_mb / 1_000);
        for (key, value) in [
            ("disk-free-gb", pc.disk_free_gb),
            ("cleanup-gb", pc.cleanup_gb),
        ] {
            if let Some(v) = value.filter(|&v| v > disk) {
                let span = self.field_span("pc", key);
                self.problems.push(Diagnostic::at(
                    span,
                    format!("pc.{key} = {v} is more than the drive holds (disk-gb = {disk})"),
                ));
            }
        }
        if let Some(name) = &pc.name
            && let Some(problem) = limits::computer_name_problem(name)
        {
            let span = self.field_span("pc", "name");
            self.problems.push(Diagnostic::at(span, problem));
        }
        if let Some(ago) = pc.last_scan.as_deref().filter(|a| *a != "never")
            && let Ok(d) = crate::engine::parse_duration(ago)
        {
            let span = self.field_span("pc", "last-scan");
            self.check_limit("pc.last-scan", days(d), span);
        }
        if let Some(par) = par {
            let span = self.field_span("par", "commands");
            self.check_limit("par.commands", i64::from(par.commands), span);
            let span = self.field_span("par", "time");
            self.check_limit("par.time", days(par.time), span);
        }
    }

    fn required_text(&mut self, key: &str) -> Option<String> {
        let text: String = self.required(key)?;
        if text.trim().is_empty() {
            let span = self.span(key);
            self.problems
                .push(Diagnostic::at(span, format!("`{key}` must not be empty")));
            return None;
        }
        Some(text)
    }

    /// `[[fault]]` tables: `kind` and its fields, and an optional `at`.
    fn faults(&mut self) -> Vec<ScheduledFault> {
        match self.value("fault").cloned() {
            Some(value) => self.faults_in(&value),
            None => Vec::new(),
        }
    }

    /// `[[variant]]` tables: each with its own `[[variant.fault]]` tables.
    fn variants(&mut self) -> Vec<Variant> {
        let Some(value) = self.value("variant").cloned() else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.problems.push(
                Diagnostic::at(Some(value.span()), "`variant` must be a list of tables")
                    .help("write each variant as a `[[variant]]` table"),
            );
            return Vec::new();
        };
        let mut variants = Vec::new();
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.problems.push(Diagnostic::at(
                    Some(item.span()),
                    "a variant must be a table",
                ));
                continue;
            };
            let mut table = table.clone();
            let faults = match table.remove("fault") {
                Some(faults) => self.faults_in(&faults),
                None => Vec::new(),
            };
            let rest = Spanned::new(item.span(), DeValue::Table(table));
            if let Some(spec) = self.decode::<VariantSpec>(&rest) {
                variants.push(Variant { spec, faults });
            }
        }
        variants
    }

    /// The faults of a `fault` array.
    fn faults_in(&mut self, value: &Spanned<DeValue<'i>>) -> Vec<ScheduledFault> {
        let DeValue::Array(items) = value.get_ref() else {
            self.problems.push(
                Diagnostic::at(Some(value.span()), "`fault` must be a list of tables")
                    .help("write each fault as a `[[fault]]` table"),
            );
            return Vec::new();
        };
        let mut faults = Vec::new();
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.problems
                    .push(Diagnostic::at(Some(item.span()), "a fault must be a table"));
                continue;
            };
            let mut table = table.clone();
            let at = match table.remove("at") {
                Some(at) => match self.decode::<SimDuration>(&at) {
                    Some(d) => Some(d),
                    None => continue,
                },
                None => None,
            };
            let place = |key: &str| match item.get_ref() {
                DeValue::Table(t) => t.get(key).map(Spanned::span).or(Some(item.span())),
                _ => Some(item.span()),
            };
            if let Some(at) = at {
                self.check_limit("fault.at", days(at), place("at"));
            }
            let rest = Spanned::new(item.span(), DeValue::Table(table));
            if let Some(fault) = self.decode::<Fault>(&rest) {
                if let Fault::ClockSkew { days } = fault {
                    self.check_limit("fault.days (clock-skew)", i64::from(days), place("days"));
                }
                faults.push(ScheduledFault { fault, at });
            }
        }
        faults
    }

    /// Each `[[file]]` has a Windows file name, used once.
    fn check_files(&mut self, files: &[DesktopFile]) {
        for (i, file) in files.iter().enumerate() {
            let span = self.span("file");
            if !crate::world::files::is_valid_name(&file.name) {
                self.problems.push(
                    Diagnostic::at(span, format!("`{}` is not a Windows file name", file.name))
                        .help("name the file like fix.bat: none of \\ / : * ? \" < > |"),
                );
            } else if files[..i]
                .iter()
                .any(|f| f.name.eq_ignore_ascii_case(&file.name))
            {
                self.problems.push(
                    Diagnostic::at(span, format!("two files are called `{}`", file.name))
                        .help("give each [[file]] its own name"),
                );
            }
        }
    }

    fn check_semantics(
        &mut self,
        pc: &PcSpec,
        server: &ServerSpec,
        goal: Option<&GoalSpec>,
        hints: usize,
        solution: usize,
        par: Option<&Par>,
    ) {
        let catalog = default_catalog();
        let known = |kb: &Kb| catalog.by_kb(kb.0).is_some();
        let mut unknown = BTreeSet::new();
        for kb in server.updates.iter().flatten() {
            if !known(kb) {
                unknown.insert(("server", kb.0));
            }
        }
        if let Some(goal) = goal {
            for kb in &goal.installed {
                if !known(kb) {
                    unknown.insert(("goal", kb.0));
                }
            }
        }
        for (section, kb) in unknown {
            let span = self.span(section);
            let all: Vec<String> = catalog
                .updates()
                .iter()
                .filter_map(|u| u.id.kb())
                .map(|k| format!("KB{k}"))
                .collect();
            self.problems.push(
                Diagnostic::at(span, format!("KB{kb} is not in wusim's catalog"))
                    .help(format!("known updates: {}", all.join(", "))),
            );
        }
        if let Some(hours) = &pc.active_hours
            && super::build::parse_active_hours(hours).is_none()
        {
            self.problems.push(
                Diagnostic::at(
                    self.span("pc"),
                    format!("active-hours `{hours}` is not a range of hours"),
                )
                .help("write it like \"8-17\": start and end hours 0-23, at most 18 hours apart"),
            );
        }
        if let Some(ago) = &pc.last_scan
            && ago != "never"
            && crate::engine::parse_duration(ago).is_err()
        {
            self.problems.push(
                Diagnostic::at(
                    self.span("pc"),
                    format!("last-scan `{ago}` is not a duration"),
                )
                .help("write a duration such as \"2h\" or \"3d\", or \"never\""),
            );
        }
        if let Some(goal) = goal {
            let empty = goal.installed.is_empty()
                && !goal.up_to_date
                && !goal.no_pending_restart
                && goal.running.is_empty()
                && goal.answer.is_none()
                && goal.windows.is_none()
                && self.value("cause").is_none();
            if empty {
                self.problems.push(
                    Diagnostic::at(self.span("goal"), "the goal asks for nothing")
                        .help("add installed = [...], up-to-date = true, running = [...], windows = \"...\" or [[cause]] tables to diagnose"),
                );
            }
            if hints == 0 {
                self.problems.push(
                    Diagnostic::at(None, "a scenario with a goal needs hints")
                        .help("add hints = [\"first hint\", \"second hint\"]"),
                );
            }
            if solution == 0 {
                self.problems.push(
                    Diagnostic::at(None, "a scenario with a goal needs its reference solution")
                        .help("add solution = [\"net start wuauserv\", ...]"),
                );
            }
            if par.is_none() {
                self.problems.push(
                    Diagnostic::at(None, "a scenario with a goal needs a par")
                        .help("add par = { commands = 4, time = \"2h\" }"),
                );
            }
        }
    }
}

impl Reader<'_, '_> {
    /// The checks of format version 2: a rule, key evidence, and causes to diagnose, right
    /// in each variant.
    fn check_assessment(
        &mut self,
        goal: &GoalSpec,
        rule: &str,
        evidence: &[Evidence],
        causes: &[Cause],
        variants: &[Variant],
    ) {
        if goal.answer.is_some() {
            self.problems.push(
                Diagnostic::at(self.span("goal"), "`[goal.answer]` is format version 1")
                    .help("list the candidate causes as [[cause]] tables (id, text, right = true for the real ones); `diagnose` picks them by number"),
            );
        }
        if rule.trim().is_empty() {
            self.problems.push(
                Diagnostic::at(None, "a scenario with a goal needs its `rule`")
                    .help("add rule = \"...\": the one thing to remember from this ticket"),
            );
        }
        if causes.len() < 2 {
            self.problems.push(
                Diagnostic::at(self.span("cause"), "a scenario with a goal needs candidate causes")
                    .help("add [[cause]] tables: the real cause (right = true) and at least one plausible distractor"),
            );
        }
        let mut ids = BTreeSet::new();
        for cause in causes {
            if !ids.insert(cause.id.as_str()) {
                self.problems.push(Diagnostic::at(
                    find_in(self.value("cause"), &cause.id),
                    format!("cause `{}` is listed twice", cause.id),
                ));
            }
        }
        let known: Vec<&str> = causes.iter().map(|c| c.id.as_str()).collect();
        let has_key = |extra: &[Evidence]| evidence.iter().chain(extra).any(|e| e.key);
        if variants.is_empty() {
            if !causes.is_empty() && !causes.iter().any(|c| c.right) {
                self.problems.push(
                    Diagnostic::at(self.span("cause"), "no cause is marked right")
                        .help("add `right = true` to the real cause"),
                );
            }
            if !has_key(&[]) {
                self.problems.push(
                    Diagnostic::at(self.span("evidence"), "a scenario with a goal needs key evidence")
                        .help("add [[evidence]] tables with fact = \"...\", says = \"...\", and key = true on what proves the cause"),
                );
            }
            return;
        }
        if causes.iter().any(|c| c.right) {
            self.problems.push(
                Diagnostic::at(self.span("cause"), "in a scenario with variants, each variant says which causes are right")
                    .help("remove `right = true` from the [[cause]] tables and list the ids in each variant's `right`"),
            );
        }
        let mut variant_ids = BTreeSet::new();
        for variant in variants {
            let spec = &variant.spec;
            let place = find_in(self.value("variant"), &spec.id);
            if !variant_ids.insert(spec.id.as_str()) {
                self.problems.push(Diagnostic::at(
                    place.clone(),
                    format!("variant `{}` is listed twice", spec.id),
                ));
            }
            if spec.right.is_empty() {
                self.problems.push(
                    Diagnostic::at(
                        place.clone(),
                        format!("variant `{}` has no right cause", spec.id),
                    )
                    .help("add right = [\"<cause id>\"]"),
                );
            }
            for id in &spec.right {
                if !known.contains(&id.as_str()) {
                    let help = closest(id, &known).map_or_else(
                        || format!("the causes are: {}", known.join(", ")),
                        |k| format!("did you mean `{k}`?"),
                    );
                    self.problems.push(
                        Diagnostic::at(
                            find_in(self.value("variant"), id),
                            format!("variant `{}` names an unknown cause `{id}`", spec.id),
                        )
                        .help(help),
                    );
                }
            }
            if !has_key(&spec.evidence) {
                self.problems.push(
                    Diagnostic::at(place, format!("variant `{}` has no key evidence", spec.id))
                        .help("add [[variant.evidence]] with key = true, or key evidence for the whole scenario"),
                );
            }
        }
    }
}

/// Where `text` is written as a string inside `value`, or the whole value.
fn find_in(value: Option<&Spanned<DeValue<'_>>>, text: &str) -> Option<std::ops::Range<usize>> {
    let value = value?;
    find_string(value, text).or(Some(value.span()))
}

/// Whole days in a duration (rounded down), for range checks.
fn days(d: crate::engine::SimDuration) -> i64 {
    i64::try_from(d.as_millis() / 86_400_000).unwrap_or(i64::MAX)
}

/// The first `'quoted'` word of a message.
fn quoted(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once('\'')?;
    rest.split('\'').next()
}

/// Where the string `text` stands in `value` (searching tables and arrays).
fn find_string(value: &Spanned<DeValue<'_>>, text: &str) -> Option<std::ops::Range<usize>> {
    match value.get_ref() {
        DeValue::String(s) if s.as_ref() == text => Some(value.span()),
        DeValue::Table(table) => table.iter().find_map(|(key, v)| {
            if key.get_ref().as_ref() == text {
                Some(key.span())
            } else {
                find_string(v, text)
            }
        }),
        DeValue::Array(items) => items.iter().find_map(|v| find_string(v, text)),
        _ => None,
    }
}

/// The field named in serde's "unknown field `x`" message.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// toml's messages without their trailing newline.
fn tidy(message: &str) -> String {
    message.trim().to_string()
}

/// The known word closest to `word`, if it is close (edit distance ≤ 3).
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    crate::suggest::closest(word, known, 3)
}
