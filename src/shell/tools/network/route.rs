//! `tracert` and `nslookup` (see the family's doc in [`super`]).

use std::fmt::Write as _;

use super::{GATEWAY, HOSTS, MAX_WAIT_MS, is_ipv4, options, resolve, usage};
use crate::assess::Fact;
use crate::engine::SimDuration;
use crate::shell::context::{Args, Ctx, Reply};

/// The fictional route to the internet: the router, two provider hops and a silent one
/// (round-trip times in ms); a backbone hop and the host follow.
const ROUTE: &[(Option<u32>, &str)] = &[
    (Some(0), GATEWAY),
    (Some(6), "10.64.0.1"),
    (Some(7), "100.72.14.1"),
    (None, ""),
];

/// One probe's column: `    <1 ms`, `    12 ms`, `     *   `.
fn column(ms: Option<u32>) -> String {
    match ms {
        Some(0) => format!("{:>6} ms", "<1"),
        Some(ms) => format!("{ms:>6} ms"),
        None => format!("{:>6}   ", "*"),
    }
}

pub(super) fn tracert(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let opts = match options(args, "tracert", &['h', 'w'], &['d', '4']) {
        Ok(o) => o,
        Err(why) => {
            return usage(
                "tracert",
                &why,
                "tracert [-d] [-h maximum_hops] [-w ms] <host>",
            );
        }
    };
    let typed = opts.host.as_deref().unwrap_or_default();
    let max_hops = opts.value('h').unwrap_or(30).min(255) as usize;
    let wait_ms = u64::from(opts.value('w').unwrap_or(4_000).min(MAX_WAIT_MS));
    ctx.saw(Fact::Network);
    let online = ctx.pc.device().network.connected();
    let Some(target) = resolve(typed, online) else {
        return Reply::new(
            format!("Unable to resolve target system name {typed}.\n"),
            1,
        );
    };
    let reverse = target.reverse().filter(|_| !opts.flags.contains(&'d'));
    let mut out = match target.name.or(reverse) {
        Some(name) => format!(
            "\nTracing route to {name} [{}]\nover a maximum of {max_hops} hops:\n\n",
            target.ip
        ),
        None => format!(
            "\nTracing route to {} over a maximum of {max_hops} hops\n\n",
            target.ip
        ),
    };
    let last = match reverse {
        Some(name) => format!("{name} [{}]", target.ip),
        None => target.ip.clone(),
    };
    // The hops that answer, in order (`None`: a silent one); past them, silence.
    let mut hops: Vec<(Option<u32>, String)> = Vec::new();
    let lan = target.host.is_some_and(|h| h.ms == 0);
    if online && !target.loopback && !lan {
        hops.extend(ROUTE.iter().map(|(ms, ip)| (*ms, ip.to_string())));
    }
    let reaches = target.loopback || target.host.is_some();
    if let Some(host) = target.host.filter(|_| !lan) {
        hops.push((Some(host.ms.saturating_sub(2)), "4.69.152.9".to_string()));
    }
    if reaches {
        hops.push((target.reply(0).map(|(ms, _)| ms), last));
    }
    let rows = if reaches { hops.len() } else { max_hops };
    let mut waited = SimDuration::from_secs(1);
    for n in 0..rows.min(max_hops) {
        let (ms, ip) = hops.get(n).cloned().unwrap_or((None, String::new()));
        let row = match ms {
            Some(ms) => {
                let probes = [ms, ms + u32::from(ms > 0), ms].map(|t| column(Some(t)));
                format!("{}  {ip}", probes.concat())
            }
            None => {
                waited = waited + SimDuration::from_millis(3 * wait_ms);
                format!("{}  Request timed out.", column(None).repeat(3))
            }
        };
        let _ = writeln!(out, "{:>3}{row}", n + 1);
    }
    out.push_str("\nTrace complete.\n");
    ctx.pc.run_for(waited);
    Reply::ok(out)
}

pub(super) fn nslookup(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let plain: Vec<&str> = args
        .words
        .iter()
        .map(String::as_str)
        .filter(|w| !w.starts_with('-'))
        .collect();
    let Some(&typed) = plain.first() else {
        return Reply::new(
            "(wusim: nslookup without a name starts its interactive mode, which the practice shell does not simulate. Type nslookup <host>.)\n",
            1,
        );
    };
    let (server, address) = match plain.get(1) {
        Some(&s) if is_ipv4(s) => {
            let rev = HOSTS.iter().find(|h| h.ip == s).and_then(|h| h.reverse);
            (rev.unwrap_or("UnKnown"), s)
        }
        _ => ("UnKnown", GATEWAY),
    };
    let mut out = format!("Server:  {server}\nAddress:  {address}\n\n");
    ctx.saw(Fact::Network);
    let online = ctx.pc.device().network.connected();
    let answer = match resolve(typed, true) {
        _ if !online => None,
        Some(t) if is_ipv4(typed) => t.reverse().map(|name| (name.to_string(), t.ip)),
        Some(t) => Some((typed.to_string(), t.ip)),
        None => None,
    };
    match answer {
        Some((name, ip)) => {
            if !is_ipv4(typed) {
                out.push_str("Non-authoritative answer:\n");
            }
            let _ = write!(out, "Name:    {name}\nAddress:  {ip}\n\n");
            Reply::ok(out)
        }
        None => {
            let why = if online {
                "Non-existent domain"
            } else {
                "No response from server"
            };
            let _ = writeln!(out, "*** {server} can't find {typed}: {why}");
            Reply::new(out, 1)
        }
    }
}
