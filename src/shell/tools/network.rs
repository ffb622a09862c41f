//! `ping`, `tracert` and `nslookup`: the network checks. They follow the PC's network and
//! nothing else — in particular not the WinHTTP proxy, which only Windows Update (and other
//! WinHTTP clients) use. That is the lesson they teach: with a broken proxy, `ping
//! download.windowsupdate.com` answers and `nslookup` finds it, yet Windows Update cannot
//! connect; `netsh winhttp show proxy` is the next check.
//!
//! The simulated network knows a few hosts ([`HOSTS`]): the Windows Update endpoints
//! (`*.windowsupdate.com`, `*.update.microsoft.com`, `*.delivery.mp.microsoft.com`),
//! `www.microsoft.com`, `time.windows.com`, `google.com`, `8.8.8.8`, `1.1.1.1` and the router
//! (`192.168.1.1`, `ipconfig`'s default gateway). Their addresses and round-trip times are
//! fictional but fixed (`time.windows.com` has the address `w32tm /query /status` shows).
//! `localhost` and `127.*` always answer, even offline.
//!
//! Text as in the reference (§4.7): the `Pinging`/`Reply from`/statistics block, "Ping request
//! could not find host", `Request timed out.`, `Tracing route to` … `Trace complete.`,
//! "Unable to resolve target system name", and nslookup's `Server:  UnKnown` answer and its
//! "can't find … Non-existent domain" / "No response from server" lines.
//!
//! Simplifications:
//! - every known host answers ping (many real Microsoft servers drop ICMP echo, so a timeout
//!   alone proves little); an address outside the list never answers; `tracert` names the
//!   loopback address `localhost`;
//! - offline (cable out, or after `ipconfig /release`) names do not resolve; a numeric
//!   address gets `Request timed out.` (the reference gives no other text for it);
//! - `localhost` answers from `127.0.0.1` (Windows usually answers from `::1`);
//! - a name that is an alias is shown as typed (no canonical name, no `Aliases:` line);
//! - time passes as on Windows: one second between echo requests, the `-w` wait (4 s by
//!   default, at most 10 minutes) for each one that times out, 3 waits for each silent
//!   `tracert` hop. `ping -t` stops after 4 requests, and `-n` sends at most 1000;
//! - the `tracert` hops are the same fictional route for every internet host; an address
//!   without a reverse name gets a one-line header (a form the reference does not show);
//! - options: `ping` takes `-n`, `-t`, `-w`, `-4`; `tracert` `-d`, `-h`, `-w`, `-4`;
//!   `nslookup` a host and a server address (other `-` options are ignored). Any other
//!   option gets a wusim note and exit code 1;
//! - all of nslookup's text goes to standard output; `nslookup` alone (interactive) is not
//!   simulated; exit codes of `tracert`/`nslookup` are 0, or 1 when the name is not found.

use std::fmt::Write as _;

use crate::assess::Fact;
use crate::engine::SimDuration;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    Command {
        names: &["ping"],
        kind: Kind::Program,
        usage: "ping <host> [-n count] [-t] [-w ms]",
        summary: "Is a host reachable? (ignores the WinHTTP proxy)",
        topic: Topic::Network,
        help: PING_HELP,
        changes_state: false,
        words: &["download.windowsupdate.com", "8.8.8.8", "127.0.0.1", "-n"],
        run: Some(ping),
    },
    Command {
        names: &["tracert"],
        kind: Kind::Program,
        usage: "tracert <host>",
        summary: "The route to a host, hop by hop",
        topic: Topic::Network,
        help: TRACERT_HELP,
        changes_state: false,
        words: &["download.windowsupdate.com", "8.8.8.8"],
        run: Some(route::tracert),
    },
    Command {
        names: &["nslookup"],
        kind: Kind::Program,
        usage: "nslookup <host> [server]",
        summary: "Ask DNS for a host's address",
        topic: Topic::Network,
        help: NSLOOKUP_HELP,
        changes_state: false,
        words: &["download.windowsupdate.com", "www.microsoft.com"],
        run: Some(route::nslookup),
    },
];

/// A host of the simulated network.
struct Host {
    /// Names that resolve to it (lower case).
    names: &'static [&'static str],
    /// A domain whose every name resolves to it (`.windowsupdate.com`).
    domain: Option<&'static str>,
    /// Its (fictional) IPv4 address.
    ip: &'static str,
    /// The name its address resolves back to, if any.
    reverse: Option<&'static str>,
    /// Round-trip time in ms (0 prints `<1ms`).
    ms: u32,
    /// The TTL of its replies.
    ttl: u8,
}

const fn host(names: &'static [&'static str], ip: &'static str, ms: u32, ttl: u8) -> Host {
    Host {
        names,
        domain: None,
        ip,
        reverse: None,
        ms,
        ttl,
    }
}

/// The router, `ipconfig`'s default gateway and DNS server.
const GATEWAY: &str = "192.168.1.1";

/// The hosts the simulated network knows (addresses and times are fictional).
const HOSTS: &[Host] = &[
    Host {
        domain: Some(".windowsupdate.com"),
        ..host(&["windowsupdate.com"], "23.216.81.152", 9, 57)
    },
    Host {
        domain: Some(".update.microsoft.com"),
        ..host(&["update.microsoft.com"], "20.72.235.82", 23, 110)
    },
    Host {
        domain: Some(".delivery.mp.microsoft.com"),
        ..host(&[], "152.199.21.175", 10, 56)
    },
    host(
        &["www.microsoft.com", "microsoft.com"],
        "23.55.161.123",
        8,
        56,
    ),
    host(&["time.windows.com"], "20.101.57.9", 27, 109),
    host(&["google.com", "www.google.com"], "142.250.190.46", 14, 117),
    Host {
        reverse: Some("dns.google"),
        ..host(&["dns.google"], "8.8.8.8", 12, 117)
    },
    Host {
        reverse: Some("one.one.one.one"),
        ..host(&["one.one.one.one"], "1.1.1.1", 11, 57)
    },
    host(&[], GATEWAY, 0, 64),
];

/// Where a name or address leads.
struct Target<'a> {
    /// The name as typed, when a name was typed.
    name: Option<&'a str>,
    /// The address.
    ip: String,
    /// The host that answers there (`None`: nothing answers).
    host: Option<&'static Host>,
    /// `127.*`: the PC itself.
    loopback: bool,
}

/// True for a dotted IPv4 address.
fn is_ipv4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u8>().is_ok()
        })
}

fn find_host(name: &str) -> Option<&'static Host> {
    HOSTS.iter().find(|h| {
        h.names.contains(&name)
            || h.domain
                .is_some_and(|d| name.ends_with(d) && name.len() > d.len())
    })
}

/// Resolves a typed name or address.
fn resolve(typed: &str, online: bool) -> Option<Target<'_>> {
    let lower = typed.trim_end_matches('.').to_ascii_lowercase();
    let loopback = lower == "localhost" || (is_ipv4(&lower) && lower.starts_with("127."));
    if loopback {
        let ip = if is_ipv4(&lower) {
            lower
        } else {
            "127.0.0.1".to_string()
        };
        let name = (!is_ipv4(typed)).then_some(typed);
        return Some(Target {
            name,
            ip,
            host: None,
            loopback: true,
        });
    }
    if is_ipv4(&lower) {
        let host = HOSTS.iter().find(|h| h.ip == lower).filter(|_| online);
        return Some(Target {
            name: None,
            ip: lower,
            host,
            loopback: false,
        });
    }
    let host = find_host(&lower).filter(|_| online)?;
    Some(Target {
        name: Some(typed),
        ip: host.ip.to_string(),
        host: Some(host),
        loopback: false,
    })
}

/// What `Test-NetConnection` needs of a host: its address and, when it answers a ping, the
/// round-trip time (`None`: the name does not resolve).
pub(crate) fn lookup(typed: &str, online: bool) -> Option<(String, Option<u32>)> {
    let target = resolve(typed, online)?;
    let reply = target.reply(0).map(|(ms, _)| ms);
    Some((target.ip, reply))
}

impl Target<'_> {
    /// The round-trip time of reply `i` (fixed per host, varying by a millisecond), and the
    /// TTL; `None` when nothing answers.
    fn reply(&self, i: u32) -> Option<(u32, u8)> {
        if self.loopback {
            return Some((0, 128));
        }
        let host = self.host?;
        let ms = match host.ms {
            0 => 0,
            ms => (ms + [1, 0, 2, 1][(i % 4) as usize]).saturating_sub(1),
        };
        Some((ms, host.ttl))
    }

    /// The name the address resolves back to.
    fn reverse(&self) -> Option<&'static str> {
        if self.loopback {
            Some("localhost")
        } else {
            self.host.and_then(|h| h.reverse)
        }
    }
}

/// Options: `-n 3`, `-t`, `-w 500`, `-4`, `-d`, `-h 10`; what is left is the host.
struct Options {
    values: Vec<(char, u32)>,
    flags: Vec<char>,
    host: Option<String>,
}

fn options(
    args: &Args<'_>,
    program: &str,
    with_value: &[char],
    flags: &[char],
) -> Result<Options, String> {
    let mut out = Options {
        values: Vec::new(),
        flags: Vec::new(),
        host: None,
    };
    let mut words = args.words.iter();
    while let Some(word) = words.next() {
        let Some(rest) = word.strip_prefix(['-', '/']) else {
            out.host.get_or_insert_with(|| word.clone());
            continue;
        };
        let mut chars = rest.chars();
        let c = chars.next().map(|c| c.to_ascii_lowercase());
        match c {
            Some(c) if chars.next().is_none() && with_value.contains(&c) => {
                let value = words.next().and_then(|v| v.parse::<u32>().ok());
                match value {
                    Some(v) if v > 0 => out.values.push((c, v)),
                    _ => return Err(format!("-{c} needs a number from 1 to 4294967295")),
                }
            }
            Some(c) if chars.next().is_none() && flags.contains(&c) => out.flags.push(c),
            _ => return Err(format!("the option {word} is not simulated")),
        }
    }
    if out.host.is_none() {
        return Err(format!("{program} needs a host"));
    }
    Ok(out)
}

impl Options {
    fn value(&self, c: char) -> Option<u32> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| *v)
    }
}

/// Most echo requests one `ping` sends.
const MAX_ECHOES: u32 = 1000;
/// The longest `-w` wait, in ms.
const MAX_WAIT_MS: u32 = 600_000;

fn ping(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let opts = match options(args, "ping", &['n', 'w'], &['t', '4']) {
        Ok(o) => o,
        Err(why) => return usage("ping", &why, "ping <host> [-n count] [-t] [-w ms] [-4]"),
    };
    let typed = opts.host.as_deref().unwrap_or_default();
    let forever = opts.flags.contains(&'t');
    let asked = if forever {
        4
    } else {
        opts.value('n').unwrap_or(4)
    };
    let count = asked.min(MAX_ECHOES);
    let wait_ms = opts.value('w').unwrap_or(4_000).min(MAX_WAIT_MS);
    // Found or not, answered or not: the PC's connectivity shows.
    ctx.saw(Fact::Network);
    let target = match resolve(typed, ctx.pc.device().network.connected()) {
        Some(t) => t,
        None => {
            return Reply::new(
                format!(
                    "Ping request could not find host {typed}. Please check the name and try again.\n"
                ),
                1,
            );
        }
    };
    let mut out = match target.name {
        Some(name) => format!("\nPinging {name} [{}] with 32 bytes of data:\n", target.ip),
        None => format!("\nPinging {} with 32 bytes of data:\n", target.ip),
    };
    let mut times = Vec::new();
    let mut waited = SimDuration::ZERO;
    for i in 0..count {
        if i > 0 {
            waited = waited + SimDuration::from_secs(1);
        }
        match target.reply(i) {
            Some((ms, ttl)) => {
                let time = if ms == 0 {
                    "<1ms".to_string()
                } else {
                    format!("={ms}ms")
                };
                let _ = writeln!(
                    out,
                    "Reply from {}: bytes=32 time{time} TTL={ttl}",
                    target.ip
                );
                times.push(ms);
            }
            None => {
                out.push_str("Request timed out.\n");
                waited = waited + SimDuration::from_millis(u64::from(wait_ms));
            }
        }
    }
    let received = times.len() as u32;
    let lost = count - received;
    let _ = write!(
        out,
        "\nPing statistics for {}:\n    Packets: Sent = {count}, Received = {received}, Lost = {lost} ({}% loss),\n",
        target.ip,
        lost * 100 / count
    );
    if let (Some(min), Some(max)) = (times.iter().min(), times.iter().max()) {
        let average = times.iter().sum::<u32>() / received;
        let _ = writeln!(
            out,
            "Approximate round trip times in milli-seconds:\n    Minimum = {min}ms, Maximum = {max}ms, Average = {average}ms"
        );
    }
    if forever {
        out.push_str("(wusim: ping -t pings until you press Ctrl+C; the practice shell stops it after 4 requests.)\n");
    } else if asked > count {
        let _ = writeln!(
            out,
            "(wusim: the practice shell sends at most {MAX_ECHOES} echo requests.)"
        );
    }
    ctx.pc.run_for(waited);
    Reply::new(out, if received > 0 { 0 } else { 1 })
}

/// A wusim note for arguments the practice shell does not take.
fn usage(program: &str, why: &str, form: &str) -> Reply {
    Reply::new(
        format!("(wusim: {why}. Use: {form}. Type '{program} /?' for more.)\n"),
        1,
    )
}

const PING_HELP: &str = "ping <host> [-n count] [-t] [-w ms]
  In the simulation: sends echo requests to the Windows Update servers
  (download.windowsupdate.com, *.update.microsoft.com...), www.microsoft.com,
  time.windows.com, 8.8.8.8, 127.0.0.1 and other known hosts. Offline, names are not
  found and addresses time out; 127.0.0.1 always answers. The WinHTTP proxy does not
  matter to ping: when ping works but Windows Update cannot connect, check
  netsh winhttp show proxy. Simulated time passes: about a second per request, so
  ping -n 3 127.0.0.1 >nul waits two seconds, the batch file way to sleep.
  On Windows: some servers (www.microsoft.com among them) do not answer ping at all, so a
  timeout alone does not prove the network is down. Exit code 0 when replies came back.
";

const TRACERT_HELP: &str = "tracert [-d] [-h maximum_hops] [-w ms] <host>
  In the simulation: the router, the provider's hops and the host, with fixed fictional
  addresses and times; offline, names are not resolved and every hop times out.
  On Windows: sends probes with growing TTLs to list each router on the way; a hop that
  does not answer shows * and \"Request timed out.\"
";

const NSLOOKUP_HELP: &str = "nslookup <host> [server]
  In the simulation: asks the router's DNS server (192.168.1.1) for the host's address;
  offline there is no response. Like ping, it does not use the WinHTTP proxy.
  On Windows: \"Non-authoritative answer\" means the answer came from a cache, not from
  the domain's own server; without a host nslookup starts an interactive mode.
";

mod route;
#[cfg(test)]
mod tests;
