//! `ipconfig`: the adapter and its address (or "Media disconnected" with the cable out),
//! `/all`, `/flushdns`, and `/release` / `/renew`, which give up and get back the address —
//! so the PC is offline in between.

use crate::assess::Fact;
use crate::pc::Pc;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply, saw};

/// `ipconfig`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["ipconfig"],
    kind: Kind::Program,
    usage: "ipconfig [/all | /flushdns | /release | /renew]",
    summary: "The network adapter and its address",
    topic: Topic::Network,
    help: HELP,
    changes_state: true,
    words: &["/all", "/flushdns", "/release", "/renew"],
    run: Some(run),
}];

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let pc = &mut *ctx.pc;
    if args.has("/flushdns") {
        return Reply::ok(
            "\nWindows IP Configuration\n\nSuccessfully flushed the DNS Resolver Cache.\n",
        );
    }
    if args.has("/release") {
        if !pc.device().network.online {
            return Reply::error(MEDIA_ERROR.replace("{verb}", "releasing"), 1);
        }
        pc.act(|w| w.device.network.released = true);
    }
    if args.has("/renew") {
        if !pc.device().network.online {
            return Reply::error(MEDIA_ERROR.replace("{verb}", "renewing"), 1);
        }
        pc.act(|w| w.device.network.released = false);
    }
    saw(&mut ctx.facts, Fact::Network);
    Reply::ok(adapter(pc, args.has("/all")))
}

fn adapter(pc: &Pc, all: bool) -> String {
    let mut out = String::from("\nWindows IP Configuration\n\n");
    if all {
        out.push_str(&format!(
            "   Host Name . . . . . . . . . . . . : {}\n   Primary Dns Suffix  . . . . . . . :\n   Node Type . . . . . . . . . . . . : Hybrid\n   IP Routing Enabled. . . . . . . . : No\n   WINS Proxy Enabled. . . . . . . . : No\n",
            pc.device().name.as_str()
        ));
    }
    out.push_str("\nEthernet adapter Ethernet:\n\n");
    let network = pc.device().network;
    if !network.online {
        out.push_str(DISCONNECTED);
    } else if network.released {
        out.push_str(RELEASED);
    } else {
        out.push_str(CONNECTED);
    }
    out
}

/// `ipconfig` with the network up (addresses are fictional).
const CONNECTED: &str = "   Connection-specific DNS Suffix  . : home
   Link-local IPv6 Address . . . . . : fe80::4c1a:9d2e:71b3:5f0a%12
   IPv4 Address. . . . . . . . . . . : 192.168.1.23
   Subnet Mask . . . . . . . . . . . : 255.255.255.0
   Default Gateway . . . . . . . . . : 192.168.1.1
";

/// After `/release`: no IPv4 address until `/renew`.
const RELEASED: &str = "   Connection-specific DNS Suffix  . :
   Link-local IPv6 Address . . . . . : fe80::4c1a:9d2e:71b3:5f0a%12
   Default Gateway . . . . . . . . . :
";

/// With the cable out.
const DISCONNECTED: &str = "   Media State . . . . . . . . . . . : Media disconnected
   Connection-specific DNS Suffix  . :
";

/// `/release` or `/renew` with the cable out.
const MEDIA_ERROR: &str = "\nWindows IP Configuration\n\nAn error occurred while {verb} interface Ethernet : The media is disconnected.\n";

const HELP: &str =
    "ipconfig | ipconfig /all | ipconfig /flushdns | ipconfig /release | ipconfig /renew
  In the simulation: shows the Ethernet adapter, or 'Media disconnected' when the PC is
  offline (type 'network connect' to plug the cable back in). /release gives up the
  address, so the PC is offline until /renew.
  On Windows: the IP configuration of every adapter.
";
