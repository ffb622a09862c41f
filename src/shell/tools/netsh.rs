//! `netsh`: the network shell, for what Windows Update troubleshooting pastes — the WinHTTP
//! proxy (the one Windows Update uses, not the browser's: show, reset, import from the
//! browser), `winsock reset` and `int ip reset`.
//!
//! The two resets print Windows' text (typo included: "Sucessfully") and change nothing wusim
//! models: the network stack they reset is not what breaks in its scenarios.

use crate::assess::Fact;
use crate::device::WinHttpProxy;
use crate::pc::Pc;
use crate::remedy;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply, saw};

/// `netsh`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["netsh"],
    kind: Kind::Program,
    usage: "netsh winhttp show|reset|import proxy",
    summary: "The proxy Windows Update uses (also winsock reset, int ip reset)",
    topic: Topic::Network,
    help: HELP,
    changes_state: true,
    words: &[
        "winhttp show proxy",
        "winhttp reset proxy",
        "winhttp import proxy source=ie",
        "winsock reset",
        "int ip reset",
    ],
    run: Some(run),
}];

/// `netsh` forms.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Netsh {
    ShowProxy,
    ResetProxy,
    ImportProxy,
    WinsockReset,
    IpReset,
    /// Anything else: the words after `netsh`.
    NotFound(String),
}

fn parse(args: &Args<'_>) -> Netsh {
    let lower = args.lower();
    let words: Vec<&str> = lower.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["winhttp", "show", "proxy"] => Netsh::ShowProxy,
        ["winhttp", "reset", "proxy"] => Netsh::ResetProxy,
        ["winhttp", "import", "proxy", "source=ie"] => Netsh::ImportProxy,
        ["winsock", "reset", ..] => Netsh::WinsockReset,
        ["int" | "interface", "ip" | "ipv4" | "ipv6", "reset", ..] => Netsh::IpReset,
        _ => Netsh::NotFound(args.words.join(" ")),
    }
}

/// The `Current WinHTTP proxy settings:` block.
fn settings(pc: &Pc) -> String {
    match pc.device().network.proxy {
        WinHttpProxy::Direct => {
            "\nCurrent WinHTTP proxy settings:\n\n    Direct access (no proxy server).\n\n"
                .to_string()
        }
        WinHttpProxy::Working | WinHttpProxy::Broken => format!(
            "\nCurrent WinHTTP proxy settings:\n\n    Proxy Server(s) :  {}\n    Bypass List     :  (none)\n\n",
            WinHttpProxy::SERVER
        ),
    }
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let action = parse(args);
    ctx.remedy |= matches!(
        action,
        Netsh::ResetProxy | Netsh::ImportProxy | Netsh::WinsockReset | Netsh::IpReset
    );
    let pc = &mut *ctx.pc;
    match action {
        Netsh::ShowProxy => {
            saw(&mut ctx.facts, Fact::Proxy);
            Reply::ok(settings(pc))
        }
        Netsh::ResetProxy => {
            pc.act(remedy::reset_winhttp_proxy);
            Reply::ok(settings(pc))
        }
        Netsh::ImportProxy => {
            // The browser goes direct on every simulated PC, so that is what is imported.
            pc.act(remedy::reset_winhttp_proxy);
            Reply::ok(settings(pc))
        }
        Netsh::WinsockReset => Reply::ok(WINSOCK_RESET),
        Netsh::IpReset => Reply::ok(IP_RESET),
        Netsh::NotFound(rest) => Reply::new(
            format!(
                "The following command was not found: {rest}.\n(wusim: the practice shell simulates netsh winhttp show proxy, reset proxy and import proxy source=ie, netsh winsock reset and netsh int ip reset.)\n"
            ),
            1,
        ),
    }
}

/// `netsh winsock reset` (the typo is Windows' own).
const WINSOCK_RESET: &str = "
Sucessfully reset the Winsock Catalog.
You must restart the computer in order to complete the reset.

";

/// `netsh int ip reset` on an elevated Windows 10/11 console (the unnamed failure is real).
const IP_RESET: &str = "Resetting Compartment Forwarding, OK!
Resetting Compartment, OK!
Resetting Control Protocol, OK!
Resetting Echo Sequence Request, OK!
Resetting Global, OK!
Resetting Interface, OK!
Resetting Anycast Address, OK!
Resetting Multicast Address, OK!
Resetting Unicast Address, OK!
Resetting Neighbor, OK!
Resetting Path, OK!
Resetting Potential, OK!
Resetting Prefix Policy, OK!
Resetting Proxy Neighbor, OK!
Resetting Route, OK!
Resetting Site Prefix, OK!
Resetting Subinterface, OK!
Resetting Wakeup Pattern, OK!
Resetting Resolve Neighbor, OK!
Resetting , OK!
Resetting , OK!
Resetting , OK!
Resetting , OK!
Resetting , failed.
Access is denied.

Resetting , OK!
Resetting , OK!
Resetting , OK!
Resetting , OK!
Resetting , OK!
Resetting , OK!
Resetting , OK!
Restart the computer to complete this action.

";

const HELP: &str = "netsh winhttp show proxy | reset proxy | import proxy source=ie
netsh winsock reset | netsh int ip reset
  In the simulation: shows, removes or imports (from the browser, which goes direct) the
  WinHTTP proxy, the one Windows Update uses. winsock reset and int ip reset print what
  Windows prints and change nothing wusim models.
  On Windows: the WinHTTP proxy is separate from the browser's proxy settings; the two
  resets rebuild the network stack's settings and need a restart.
";
