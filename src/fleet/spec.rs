//! The fleet file: a fleet of PCs, its update rings, its server, the month's releases and
//! the admin's timed actions, as TOML — checked whole before anything is simulated, each
//! problem with its line and column.
//!
//! Ranges follow the policies the rings stand for (reference `update-policy-and-fleet.md`
//! §1.2, §3.1): quality deferral 0–30 days, feature deferral 0–365, deadline 0–30, grace
//! period 0–7. Ring settings are what Intune's "Update rings for Windows 10 and later" and
//! Group Policy set; `rings = "autopatch"` gives Windows Autopatch's standard rings (§3.4).

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::device::WindowsVersion;
use crate::engine::CivilDateTime;
use crate::scenario::diagnostic::{Diagnostic, Diagnostics};

/// The most PCs one run (or one shard) holds: at about 3.5 KB a PC, 2 million take 7 GB.
pub const MAX_PCS: u32 = 2_000_000;
/// The most PCs a fleet file may declare: larger fleets than [`MAX_PCS`] run in shards.
pub const MAX_FLEET: u32 = 50_000_000;
/// The most sites.
pub const MAX_SITES: u32 = 10_000;
/// The longest run, in days.
pub const MAX_DAYS: u32 = 120;

/// A fleet file, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct FleetSpec {
    /// How many PCs.
    pub pcs: u32,
    /// The seed of every draw.
    pub seed: u64,
    /// Simulated days.
    pub days: u32,
    /// When the run starts (local time).
    pub start: CivilDateTime,
    /// Sites (offices): PCs are spread evenly over them; Delivery Optimization peers stay
    /// within a site.
    pub sites: u32,
    /// The mix of PCs.
    pub mix: Mix,
    /// Fault incidence: kind (as scenario files name it) and the share of PCs, in percent.
    pub faults: Vec<(String, f64)>,
    /// The update server.
    pub server: Server,
    /// Delivery Optimization download mode (`DODownloadMode`).
    pub do_mode: u32,
    /// The rings, in order.
    pub rings: Vec<Ring>,
    /// A bad release, if any.
    pub bad_update: Option<BadUpdate>,
    /// The admin's timed actions, in time order.
    pub actions: Vec<Action>,
}

/// The mix of PCs, each share in percent.
#[derive(Clone, Debug, PartialEq)]
pub struct Mix {
    /// Windows versions.
    pub os: Vec<(WindowsVersion, f64)>,
    /// How PCs are switched on and off.
    pub power: Vec<(Power, f64)>,
    /// PCs that meet Windows 11's hardware rules (TPM 2.0, a listed CPU).
    pub windows_11_capable: f64,
    /// PCs on a metered connection.
    pub metered: f64,
    /// Bandwidth range, in Mbit/s.
    pub bandwidth_mbps: (u32, u32),
}

/// How a PC is switched on and off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Power {
    /// Always on (a kiosk, a PC that is never shut down).
    AlwaysOn,
    /// On ten hours on weekdays, from 7, 8 or 9 o'clock, off at night and at weekends (an
    /// office desktop).
    OfficeHours,
    /// Off for the first one to three weeks (holidays, a spare), then office hours.
    Away,
    /// A laptop on office hours whose network is away half of the days (a traveller).
    Traveller,
}

impl Power {
    /// Every pattern, as fleet files name them.
    pub const ALL: [(&'static str, Power); 4] = [
        ("always-on", Power::AlwaysOn),
        ("office-hours", Power::OfficeHours),
        ("away", Power::Away),
        ("traveller", Power::Traveller),
    ];

    /// The name fleet files use.
    pub fn name(self) -> &'static str {
        Power::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("", |(n, _)| n)
    }
}

/// The update server.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Server {
    /// A WSUS (true) or Windows Update (false): how the report names it; both answer an
    /// overload with HTTP 503.
    pub wsus: bool,
    /// Requests (scans and downloads) per hour it answers; beyond, it throttles.
    pub requests_per_hour: Option<u32>,
    /// Gigabytes per hour it serves; beyond, it throttles.
    pub gb_per_hour: Option<f64>,
}

/// One update ring: the Windows Update for Business settings of a group of PCs.
#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    /// Its name.
    pub name: String,
    /// Its share of the fleet, in percent.
    pub share: f64,
    /// Quality update deferral, days (0–30).
    pub quality_deferral_days: u32,
    /// Feature update deferral, days (0–365).
    pub feature_deferral_days: u32,
    /// Quality update deadline, days (0–30), if set.
    pub deadline_days: Option<u32>,
    /// Grace period, days (0–7).
    pub grace_days: u32,
    /// Auto reboot before deadline (Intune's default: yes).
    pub auto_reboot_before_deadline: bool,
    /// Quality updates paused from the start.
    pub paused: bool,
}

/// A release that fails to install on a share of the PCs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BadUpdate {
    /// The share of PCs it fails on, in percent.
    pub share: f64,
    /// The error it fails with.
    pub code: u32,
}

/// An admin's action on a ring, at a time.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// Hours after the start.
    pub hour: u32,
    /// The ring, by index.
    pub ring: usize,
    /// What is done.
    pub change: Change,
}

/// What an action changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Pause quality updates (35 days, from the day the PC receives it).
    Pause,
    /// Resume quality updates.
    Resume,
    /// Set the quality deferral, days.
    QualityDeferral(u32),
}

/// Windows Autopatch's standard release rings (2023): quality deferral / deadline / grace
/// First 1/2/2, Fast 6/2/2, Broad 9/5/2; a tenant over 200 devices is split 1 % / 9 % / 90 %,
/// one of 200 or fewer 5 % / 15 % / 80 % (registration never puts devices in the Test ring).
pub fn autopatch_rings(pcs: u32) -> Vec<Ring> {
    let (first, fast, broad) = if pcs > 200 {
        (1.0, 9.0, 90.0)
    } else {
        (5.0, 15.0, 80.0)
    };
    [
        ("First", first, 1, 2),
        ("Fast", fast, 6, 2),
        ("Broad", broad, 9, 5),
    ]
    .into_iter()
    .map(|(name, share, deferral, deadline)| Ring {
        name: name.to_string(),
        share,
        quality_deferral_days: deferral,
        feature_deferral_days: 0,
        deadline_days: Some(deadline),
        grace_days: 2,
        auto_reboot_before_deadline: true,
        paused: false,
    })
    .collect()
}

// ----- The file as written ---------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    fleet: Spanned<FleetTable>,
    #[serde(default)]
    mix: Option<Spanned<MixTable>>,
    #[serde(default)]
    faults: Option<Spanned<toml::Table>>,
    #[serde(default)]
    server: Option<ServerTable>,
    #[serde(default)]
    delivery_optimization: Option<DoTable>,
    #[serde(default)]
    ring: Vec<Spanned<RingTable>>,
    #[serde(default)]
    bad_update: Option<Spanned<BadTable>>,
    #[serde(default)]
    action: Vec<Spanned<ActionTable>>,
    /// Exercise files carry their goals here (read by `exercise::parse`); the fleet
    /// itself ignores them.
    #[serde(default, rename = "exercise")]
    _exercise: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FleetTable {
    pcs: Spanned<i64>,
    #[serde(default)]
    seed: u64,
    #[serde(default)]
    days: Option<Spanned<i64>>,
    #[serde(default)]
    start: Option<Spanned<String>>,
    #[serde(default)]
    sites: Option<Spanned<i64>>,
    #[serde(default)]
    rings: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MixTable {
    #[serde(default)]
    os: Option<Spanned<toml::Table>>,
    #[serde(default)]
    power: Option<Spanned<toml::Table>>,
    #[serde(default)]
    windows_11_capable: Option<Spanned<f64>>,
    #[serde(default)]
    metered: Option<Spanned<f64>>,
    #[serde(default)]
    bandwidth_mbps: Option<Spanned<(u32, u32)>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ServerTable {
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    requests_per_hour: Option<Spanned<i64>>,
    #[serde(default)]
    gb_per_hour: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DoTable {
    mode: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RingTable {
    name: String,
    share: Spanned<f64>,
    #[serde(default)]
    quality_deferral_days: Option<Spanned<i64>>,
    #[serde(default)]
    feature_deferral_days: Option<Spanned<i64>>,
    #[serde(default)]
    deadline_days: Option<Spanned<i64>>,
    #[serde(default)]
    grace_days: Option<Spanned<i64>>,
    #[serde(default)]
    auto_reboot_before_deadline: Option<bool>,
    #[serde(default)]
    paused: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BadTable {
    share: Spanned<f64>,
    #[serde(default)]
    code: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ActionTable {
    day: Spanned<f64>,
    ring: Spanned<String>,
    #[serde(default)]
    pause: Option<bool>,
    #[serde(default)]
    resume: Option<bool>,
    #[serde(default)]
    quality_deferral_days: Option<Spanned<i64>>,
}

// ----- Checking ----------------------------------------------------------------------------

/// Collects problems while the file is read.
struct Check {
    items: Vec<Diagnostic>,
}

impl Check {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, help: &str) {
        let mut d = Diagnostic::at(Some(span), message);
        if !help.is_empty() {
            d = d.help(help);
        }
        self.items.push(d);
    }

    /// An integer in `range`, or an error at its place.
    fn within(&mut self, value: &Spanned<i64>, name: &str, range: Range<i64>, why: &str) -> u32 {
        let v = *value.get_ref();
        if !range.contains(&v) {
            self.error(
                value.span(),
                format!("{name} = {v} is out of range"),
                &format!("use {} to {}{why}", range.start, range.end - 1),
            );
            return 0;
        }
        u32::try_from(v).unwrap_or(0)
    }

    /// A percentage, 0 to 100.
    fn percent(&mut self, value: &Spanned<f64>, name: &str) -> f64 {
        let v = *value.get_ref();
        if !(0.0..=100.0).contains(&v) {
            self.error(
                value.span(),
                format!("{name} = {v} is not a percentage"),
                "use 0 to 100",
            );
            return 0.0;
        }
        v
    }

    /// Shares that must add up to 100.
    fn sum_100(&mut self, span: Range<usize>, what: &str, shares: &[f64]) {
        let total: f64 = shares.iter().sum();
        if (total - 100.0).abs() > 1e-6 {
            self.error(
                span,
                format!("the {what} shares add up to {total}, not 100"),
                "make the percentages add up to 100",
            );
        }
    }
}

/// Reads and checks a fleet file; `file` names it in the problems.
pub fn parse(file: &str, text: &str) -> Result<FleetSpec, Diagnostics> {
    let raw: File = toml::from_str(text).map_err(|e| {
        Diagnostics::new(
            file,
            text,
            vec![Diagnostic::at(e.span(), e.message().to_string())],
        )
    })?;
    let mut c = Check { items: Vec::new() };
    let fleet = raw.fleet.get_ref();
    let pcs = {
        let v = *fleet.pcs.get_ref();
        if v <= 0 {
            c.error(
                fleet.pcs.span(),
                format!("pcs = {v}: a fleet needs at least one PC"),
                "",
            );
            0
        } else if v > i64::from(MAX_FLEET) {
            c.error(
                fleet.pcs.span(),
                format!("pcs = {v} would need about {} GB of memory", needed_gb(v)),
                &format!(
                    "use at most {MAX_FLEET} PCs, run in shards of at most {MAX_PCS} (--shard K/N)"
                ),
            );
            0
        } else {
            v as u32
        }
    };
    let days = fleet
        .days
        .as_ref()
        .map_or(30, |d| c.within(d, "days", 1..i64::from(MAX_DAYS) + 1, ""));
    let sites = fleet.sites.as_ref().map_or(1, |s| {
        c.within(
            s,
            "sites",
            1..(*fleet.pcs.get_ref()).clamp(1, i64::from(MAX_SITES)) + 1,
            " (at most one site a PC, and 10000 sites)",
        )
    });
    let start = match &fleet.start {
        None => default_start(),
        Some(s) => match s.get_ref().parse::<CivilDateTime>() {
            Ok(t) => t,
            Err(_) => {
                c.error(
                    s.span(),
                    format!("start = {:?} is not a date", s.get_ref()),
                    "write it as \"2025-06-09T00:00\"",
                );
                default_start()
            }
        },
    };
    let mix = mix(&mut c, raw.mix.as_ref());
    let faults = faults(&mut c, raw.faults.as_ref());
    let server = server(&mut c, raw.server.as_ref());
    let do_mode = match &raw.delivery_optimization {
        None => 1,
        Some(t) => {
            let v = *t.mode.get_ref();
            if ![0, 1, 2, 3, 99, 100].contains(&v) {
                c.error(t.mode.span(), format!("mode = {v} is not a Delivery Optimization download mode"), "use 0 (HTTP only), 1 (LAN), 2 (Group), 3 (Internet), 99 (Simple) or 100 (Bypass)");
            }
            v as u32
        }
    };
    let rings = rings(&mut c, fleet, &raw.ring, raw.fleet.span(), pcs);
    let bad_update = raw.bad_update.as_ref().map(|b| {
        let table = b.get_ref();
        let share = c.percent(&table.share, "share");
        let code = match &table.code {
            None => 0x800F_0922,
            Some(code) => match crate::codes::parse_code(code.get_ref()) {
                Ok(v) if crate::codes::lookup(v).is_some() => v,
                _ => {
                    c.error(
                        code.span(),
                        format!("{:?} is not an error code wusim knows", code.get_ref()),
                        "try \"0x800F0922\" or \"0x80070643\"; `wusim codes` lists them all",
                    );
                    0
                }
            },
        };
        BadUpdate { share, code }
    });
    let actions = actions(&mut c, &raw.action, &rings, days);
    if !c.items.is_empty() {
        return Err(Diagnostics::new(file, text, c.items));
    }
    Ok(FleetSpec {
        pcs,
        seed: fleet.seed,
        days,
        start,
        sites,
        mix,
        faults,
        server,
        do_mode,
        rings,
        bad_update,
        actions,
    })
}

/// About how many gigabytes `pcs` PCs need (3.5 KB each).
pub fn needed_gb(pcs: i64) -> i64 {
    (pcs.saturating_mul(3_500) / 1_000_000_000).max(1)
}

/// The default start: Monday 9 June 2025, midnight, the day before June's Patch Tuesday.
pub fn default_start() -> CivilDateTime {
    CivilDateTime::new(2025, 6, 9, 0, 0, 0).expect("a valid date")
}

fn mix(c: &mut Check, table: Option<&Spanned<MixTable>>) -> Mix {
    let mut mix = Mix {
        os: vec![
            (WindowsVersion::Windows11_23H2, 50.0),
            (WindowsVersion::Windows11_24H2, 30.0),
            (WindowsVersion::Windows10_22H2, 20.0),
        ],
        power: vec![
            (Power::OfficeHours, 70.0),
            (Power::AlwaysOn, 15.0),
            (Power::Away, 5.0),
            (Power::Traveller, 10.0),
        ],
        windows_11_capable: 57.0,
        metered: 0.0,
        bandwidth_mbps: (20, 200),
    };
    let Some(table) = table.map(Spanned::get_ref) else {
        return mix;
    };
    if let Some(os) = &table.os {
        mix.os = shares(
            c,
            os,
            "os",
            |name| serde::Deserialize::deserialize(toml::Value::String(name.to_string())).ok(),
            "windows-10-22h2, windows-11-23h2 or windows-11-24h2",
        );
    }
    if let Some(power) = &table.power {
        mix.power = shares(
            c,
            power,
            "power",
            |name| Power::ALL.iter().find(|(n, _)| *n == name).map(|&(_, p)| p),
            "always-on, office-hours, away or traveller",
        );
    }
    if let Some(v) = &table.windows_11_capable {
        mix.windows_11_capable = c.percent(v, "windows-11-capable");
    }
    if let Some(v) = &table.metered {
        mix.metered = c.percent(v, "metered");
    }
    if let Some(range) = &table.bandwidth_mbps {
        let (low, high) = *range.get_ref();
        if low == 0 || low > high || high > 10_000 {
            c.error(
                range.span(),
                format!("bandwidth-mbps = [{low}, {high}] is not a range of speeds"),
                "write [low, high] in Mbit/s, 1 to 10000, low first",
            );
        } else {
            mix.bandwidth_mbps = (low, high);
        }
    }
    mix
}

/// A table of names to percentages that add up to 100.
fn shares<T>(
    c: &mut Check,
    table: &Spanned<toml::Table>,
    what: &str,
    name: impl Fn(&str) -> Option<T>,
    valid: &str,
) -> Vec<(T, f64)> {
    let mut out = Vec::new();
    for (key, value) in table.get_ref() {
        let Some(item) = name(key) else {
            c.error(
                table.span(),
                format!("unknown {what} `{key}`"),
                &format!("use {valid}"),
            );
            continue;
        };
        match value
            .as_float()
            .or_else(|| value.as_integer().map(|i| i as f64))
        {
            Some(v) if (0.0..=100.0).contains(&v) => out.push((item, v)),
            _ => c.error(
                table.span(),
                format!("{what} `{key}` = {value} is not a percentage"),
                "use 0 to 100",
            ),
        }
    }
    let values: Vec<f64> = out.iter().map(|(_, v)| *v).collect();
    c.sum_100(table.span(), what, &values);
    out
}

fn faults(c: &mut Check, table: Option<&Spanned<toml::Table>>) -> Vec<(String, f64)> {
    let Some(table) = table else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (kind, value) in table.get_ref() {
        if kind == "server" || kind == "network-offline" {
            c.error(
                table.span(),
                format!("`{kind}` is not a per-PC fault in a fleet"),
                "set the server in [server] and offline PCs in [mix] power",
            );
            continue;
        }
        if !crate::fault::KINDS.contains(&kind.as_str()) {
            let valid: Vec<&str> = crate::fault::KINDS
                .iter()
                .copied()
                .filter(|k| *k != "server" && *k != "network-offline")
                .collect();
            c.error(
                table.span(),
                format!("unknown fault kind `{kind}`"),
                &format!("use one of: {}", valid.join(", ")),
            );
            continue;
        }
        match value
            .as_float()
            .or_else(|| value.as_integer().map(|i| i as f64))
        {
            Some(v) if (0.0..=100.0).contains(&v) => out.push((kind.clone(), v)),
            _ => c.error(
                table.span(),
                format!("fault `{kind}` = {value} is not a percentage"),
                "use 0 to 100 (0.5 is one PC in 200)",
            ),
        }
    }
    out
}

fn server(c: &mut Check, table: Option<&ServerTable>) -> Server {
    let mut server = Server {
        wsus: false,
        requests_per_hour: None,
        gb_per_hour: None,
    };
    let Some(table) = table else {
        return server;
    };
    if let Some(kind) = &table.kind {
        match kind.get_ref().as_str() {
            "windows-update" => {}
            "wsus" => server.wsus = true,
            other => c.error(
                kind.span(),
                format!("unknown server kind `{other}`"),
                "use \"windows-update\" or \"wsus\"",
            ),
        }
    }
    if let Some(r) = &table.requests_per_hour {
        server.requests_per_hour = Some(c.within(r, "requests-per-hour", 1..1_000_000_001, ""));
    }
    if let Some(g) = &table.gb_per_hour {
        let v = *g.get_ref();
        if v.is_nan() || v <= 0.0 {
            c.error(
                g.span(),
                format!("gb-per-hour = {v} is not a capacity"),
                "use a positive number of gigabytes, or leave it out for no limit",
            );
        } else {
            server.gb_per_hour = Some(v);
        }
    }
    server
}

fn rings(
    c: &mut Check,
    fleet: &FleetTable,
    tables: &[Spanned<RingTable>],
    fleet_span: Range<usize>,
    pcs: u32,
) -> Vec<Ring> {
    if let Some(preset) = &fleet.rings {
        if preset.get_ref() != "autopatch" {
            c.error(
                preset.span(),
                format!("unknown ring preset `{}`", preset.get_ref()),
                "use rings = \"autopatch\", or list [[ring]] tables",
            );
        }
        if let Some(first) = tables.first() {
            c.error(
                first.span(),
                "[[ring]] tables and rings = \"autopatch\" both given",
                "keep one of them",
            );
        }
        return autopatch_rings(pcs);
    }
    if tables.is_empty() {
        return vec![Ring {
            name: "All".to_string(),
            share: 100.0,
            quality_deferral_days: 0,
            feature_deferral_days: 0,
            deadline_days: None,
            grace_days: 2,
            auto_reboot_before_deadline: true,
            paused: false,
        }];
    }
    let mut rings = Vec::new();
    for table in tables {
        let t = table.get_ref();
        let share = c.percent(&t.share, "share");
        if share > 0.0 && f64::from(pcs) * share / 100.0 < 1.0 {
            c.error(
                t.share.span(),
                format!("ring `{}` gets no PC: {share} % of {pcs}", t.name),
                "give it a larger share, or the fleet more PCs",
            );
        }
        if rings
            .iter()
            .any(|r: &Ring| r.name.eq_ignore_ascii_case(&t.name))
        {
            c.error(
                table.span(),
                format!("two rings are named `{}`", t.name),
                "give each ring its own name",
            );
        }
        let days = |c: &mut Check, v: &Option<Spanned<i64>>, name: &str, max: i64, why: &str| {
            v.as_ref().map(|v| c.within(v, name, 0..max + 1, why))
        };
        rings.push(Ring {
            name: t.name.clone(),
            share,
            quality_deferral_days: days(
                c,
                &t.quality_deferral_days,
                "quality-deferral-days",
                30,
                " (DeferQualityUpdatesPeriodInDays)",
            )
            .unwrap_or(0),
            feature_deferral_days: days(
                c,
                &t.feature_deferral_days,
                "feature-deferral-days",
                365,
                " (DeferFeatureUpdatesPeriodInDays)",
            )
            .unwrap_or(0),
            deadline_days: days(
                c,
                &t.deadline_days,
                "deadline-days",
                30,
                " (ConfigureDeadlineForQualityUpdates)",
            ),
            grace_days: days(
                c,
                &t.grace_days,
                "grace-days",
                7,
                " (ConfigureDeadlineGracePeriod)",
            )
            .unwrap_or(2),
            auto_reboot_before_deadline: t.auto_reboot_before_deadline.unwrap_or(true),
            paused: t.paused.unwrap_or(false),
        });
    }
    let shares: Vec<f64> = rings.iter().map(|r| r.share).collect();
    let total: f64 = shares.iter().sum();
    if (total - 100.0).abs() > 1e-6 {
        let span = tables.last().map_or(fleet_span, Spanned::span);
        c.error(
            span,
            format!("the ring shares add up to {total}, not 100"),
            "make the [[ring]] shares add up to 100",
        );
    }
    rings
}

fn actions(
    c: &mut Check,
    tables: &[Spanned<ActionTable>],
    rings: &[Ring],
    days: u32,
) -> Vec<Action> {
    let mut out = Vec::new();
    for table in tables {
        let t = table.get_ref();
        let day = *t.day.get_ref();
        if !(0.0..f64::from(days)).contains(&day) {
            c.error(
                t.day.span(),
                format!("day = {day} is outside the run"),
                &format!(
                    "use 0 to {} (hours as fractions: 2.5 is noon on day 2)",
                    days.saturating_sub(1)
                ),
            );
            continue;
        }
        let Some(ring) = rings
            .iter()
            .position(|r| r.name.eq_ignore_ascii_case(t.ring.get_ref()))
        else {
            let names: Vec<&str> = rings.iter().map(|r| r.name.as_str()).collect();
            c.error(
                t.ring.span(),
                format!("no ring is named `{}`", t.ring.get_ref()),
                &format!("use one of: {}", names.join(", ")),
            );
            continue;
        };
        let change = match (t.pause, t.resume, &t.quality_deferral_days) {
            (Some(true), None, None) => Change::Pause,
            (None, Some(true), None) => Change::Resume,
            (None, None, Some(d)) => {
                Change::QualityDeferral(c.within(d, "quality-deferral-days", 0..31, ""))
            }
            _ => {
                c.error(
                    table.span(),
                    "an action does one thing",
                    "write one of pause = true, resume = true or quality-deferral-days = N",
                );
                continue;
            }
        };
        out.push(Action {
            hour: (day * 24.0).round() as u32,
            ring,
            change,
        });
    }
    out.sort_by_key(|a| a.hour);
    out
}

#[cfg(test)]
mod tests;
