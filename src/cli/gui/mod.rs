//! `wusim gui [scenario]` (and `wusim play --gui`): the practice PC in a browser — the
//! Services console, Settings > Windows Update, the troubleshooter, Event Viewer and a
//! terminal — on one session with the shell.
//!
//! wusim serves one page on 127.0.0.1 and prints its address with a secret token; it
//! launches nothing (open the address yourself). The page draws what the server sends
//! ([`wusim::gui::Desktop`]) and sends every click as an action ([`wusim::gui::Action`]),
//! which the session takes as one step. The session file is written after every action, so
//! closing the terminal loses nothing; the server stops on Quit, or a few seconds after the
//! last tab closes. `server.rs` holds the HTTP side and its guards; `page/` the page.

mod server;

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use wusim::session::{Options, Session};

use super::run::{check_variant, record};
use super::scenarios::resolve_with_text;
use super::sessions::Recording;
use super::{CliError, CliResult, Outcome};

/// Serves `scenario` (or the next unsolved one) in the browser until the learner quits.
pub(crate) fn gui(
    out: &mut impl Write,
    scenario: Option<&str>,
    mut start: Options,
    recording: &Recording,
    port: u16,
) -> CliResult {
    let (scenario, text) = match scenario {
        Some(what) => resolve_with_text(what).map_err(CliError::Input)?,
        None => super::play::next_unsolved(),
    };
    check_variant(&scenario, start.variant.as_deref())?;
    start.seed = start.seed.or_else(|| Some(super::sessions::fresh_seed()));
    let session = Session::start(Arc::new(scenario), start);
    let mut attempt = Attempt {
        session,
        text,
        recording: recording.clone(),
        saved: None,
    };
    let server = server::Server::bind(port)
        .map_err(|e| CliError::Input(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    writeln!(
        out,
        "{} [{}]\nOpen this address in your browser (on this computer only):\n\n  {}\n\nwusim stops when you press Quit in the page or close its last tab.",
        attempt.session.scenario().title,
        attempt.session.scenario().difficulty.label(),
        server.url()
    )?;
    out.flush()?;
    server.serve(&mut attempt)?;
    writeln!(out, "{}", attempt.session.summary_text().trim_start())?;
    let written = record(
        &attempt.session,
        &attempt.text,
        &attempt.recording,
        attempt.saved.as_deref(),
    )
    .map_err(CliError::Input)?;
    if let Some(file) = written.last() {
        writeln!(
            out,
            "Your attempt is recorded in {} (`wusim grade` replays it).",
            file.display()
        )?;
    }
    Ok(Outcome::Done)
}

/// The learner's attempt and where it is saved.
pub(crate) struct Attempt {
    /// The session.
    session: Session,
    /// The scenario file's text (recorded in the session file).
    text: String,
    recording: Recording,
    /// The data folder's session file, once written.
    saved: Option<PathBuf>,
}

impl Attempt {
    /// Writes the session file after an action (replacing the one written before).
    fn save(&mut self) {
        match super::sessions::save(
            &self.session,
            &self.text,
            &self.recording,
            self.saved.as_deref(),
        ) {
            Ok(written) => {
                if let Some(path) = written
                    .into_iter()
                    .find(|p| Some(p) != self.recording.file.as_ref())
                {
                    self.saved = Some(path);
                }
            }
            Err(e) => eprintln!("wusim: warning: the attempt could not be saved yet: {e}"),
        }
    }
}
