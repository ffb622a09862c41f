//! The PC's own description: `winver` (the About Windows dialog, as text).

use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["winver"],
    kind: Kind::Program,
    usage: "winver",
    summary: "The Windows edition, version and build",
    topic: Topic::System,
    help: "winver\n  The About Windows dialog, as text: edition, version and OS build (the build changes\n  after a cumulative update is installed and the PC restarts).\n",
    changes_state: false,
    words: &[],
    run: Some(winver),
}];

/// `winver`: the `ver` line, and the edition and version the About Windows dialog shows.
fn winver(ctx: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    let os = ctx.pc.device().os;
    let label = os.version.label();
    let (product, release) = label.split_once(", ").unwrap_or((label, ""));
    Reply::ok(format!(
        "\nMicrosoft Windows [Version 10.0.{build}]\n{product} {}, {release} (OS Build {build})\n",
        os.edition.label(),
        build = os.build_string(),
    ))
}
