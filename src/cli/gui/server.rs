//! The GUI's web server: one thread, one request at a time, on 127.0.0.1 only.
//!
//! Every request must pass the guards before anything else: the Host header names this
//! server (`127.0.0.1:PORT` or `localhost:PORT`, so a DNS-rebound name is refused), an
//! Origin header if sent is this server's, and the per-run token is given (`?token=` or the
//! `X-Wusim-Token` header). A refused request gets a 4xx and changes nothing, as does a
//! malformed or unknown action. Nothing is served from disk: the page is compiled in.
//!
//! Routes: `GET /` the page; `GET /api/state` the desktop; `POST /api/action` one action;
//! `POST /api/hello` and `/api/bye` a tab opening and closing; `POST /api/quit` the end.

use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::time::{Duration, Instant};

use serde_json::json;
use tiny_http::{Header, Method, Request, Response};
use wusim::gui::{self, Action, Desktop};
use wusim::session::State;

use super::Attempt;
use crate::cli::CliError;

/// How long after the last tab closes (or is last heard from) the server stops.
const GRACE: Duration = Duration::from_secs(5);
/// A tab that has not been heard from for this long is taken as closed: a crashed tab sends
/// no goodbye. The page pings every 10 seconds, but a browser wakes a tab left in the
/// background only once a minute, so the margin is wide.
const SILENT_TAB: Duration = Duration::from_secs(5 * 60);
/// The largest request body taken.
const MAX_BODY: u64 = 256 * 1024;

/// The page: HTML with its style and script, compiled in.
const PAGE: &str = include_str!("page/index.html");
const STYLE: &str = include_str!("page/desktop.css");
const SCRIPT: &str = include_str!("page/desktop.js");

/// A bound server.
pub(crate) struct Server {
    http: tiny_http::Server,
    port: u16,
    token: String,
    nonce: String,
}

/// Why a request is refused.
struct Refusal(u16, String);

impl Server {
    /// Binds 127.0.0.1:`port` (0 for a free port) and draws the token.
    pub(crate) fn bind(port: u16) -> Result<Server, String> {
        let http = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| e.to_string())?;
        let port = http
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or("not an IP address")?;
        Ok(Server {
            http,
            port,
            token: secret(),
            nonce: secret(),
        })
    }

    /// The address to open.
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token)
    }

    /// Answers requests until the learner quits or the last tab has been gone for a while.
    pub(crate) fn serve(&self, attempt: &mut Attempt) -> Result<(), CliError> {
        let mut tabs = Tabs::default();
        let mut terminal = attempt.session.intro();
        terminal.push_str(&attempt.session.prompt_line());
        loop {
            let request = self
                .http
                .recv_timeout(Duration::from_millis(200))
                .map_err(|e| CliError::Input(format!("the GUI server failed: {e}")))?;
            if let Some(request) = request {
                let quit = self.answer(request, attempt, &mut tabs, &mut terminal);
                if quit {
                    return Ok(());
                }
            }
            if tabs.all_gone(Instant::now()) {
                return Ok(());
            }
        }
    }

    /// Answers one request; true when the learner quit.
    fn answer(
        &self,
        mut request: Request,
        attempt: &mut Attempt,
        tabs: &mut Tabs,
        terminal: &mut String,
    ) -> bool {
        if let Err(refusal) = self.guard(&request) {
            refuse(request, refusal);
            return false;
        }
        let (path, query) = split_url(request.url());
        let method = request.method().clone();
        let tab = query_value(&query, "tab").and_then(|t| t.parse::<u64>().ok());
        let now = Instant::now();
        let body = match read_body(&mut request) {
            Ok(body) => body,
            Err(refusal) => {
                refuse(request, refusal);
                return false;
            }
        };
        let state = |attempt: &Attempt, terminal: &str| json!({ "desktop": Desktop::of(&attempt.session), "terminal": terminal });
        let (code, reply, quit) = match (method, path.as_str()) {
            (Method::Get, "/") => {
                let page = PAGE
                    .replace("{{NONCE}}", &self.nonce)
                    .replace("{{STYLE}}", STYLE)
                    .replace("{{SCRIPT}}", SCRIPT);
                let csp = format!(
                    "default-src 'none'; script-src 'nonce-{n}'; style-src 'nonce-{n}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                    n = self.nonce
                );
                let response = Response::from_string(page)
                    .with_header(header("Content-Type", "text/html; charset=utf-8"))
                    .with_header(header("Content-Security-Policy", &csp));
                let _ = request.respond(secure(response));
                return false;
            }
            (Method::Get, "/api/state") => {
                tabs.seen(tab, now);
                (200, state(attempt, terminal), false)
            }
            (Method::Post, "/api/hello") => {
                let id = tabs.open(now);
                (200, json!({ "tab": id }), false)
            }
            (Method::Post, "/api/bye") => {
                tabs.close(tab, now);
                (200, json!({}), false)
            }
            (Method::Post, "/api/quit") => {
                if attempt.session.state() == State::Playing {
                    let _ = attempt.session.input_gui("quit");
                }
                attempt.save();
                (200, json!({ "bye": true }), true)
            }
            (Method::Post, "/api/action") => {
                tabs.seen(tab, now);
                match act(attempt, &body, terminal) {
                    Ok(outcome) => {
                        let mut reply = state(attempt, terminal);
                        reply["outcome"] = outcome;
                        (200, reply, false)
                    }
                    Err(Refusal(code, why)) => (code, json!({ "error": why }), false),
                }
            }
            (_, "/" | "/api/state" | "/api/hello" | "/api/bye" | "/api/quit" | "/api/action") => {
                (405, json!({ "error": "method not allowed" }), false)
            }
            _ => (404, json!({ "error": "no such page" }), false),
        };
        respond(request, code, "application/json", reply.to_string());
        quit
    }

    /// The guards: the Host, the Origin, the token.
    fn guard(&self, request: &Request) -> Result<(), Refusal> {
        let value = |name: &'static str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_string())
        };
        let hosts = [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ];
        if !value("Host").is_some_and(|h| hosts.iter().any(|a| a.eq_ignore_ascii_case(&h))) {
            return Err(Refusal(403, "this server answers only to 127.0.0.1".into()));
        }
        if let Some(origin) = value("Origin")
            && !hosts.iter().any(|a| {
                origin
                    .strip_prefix("http://")
                    .is_some_and(|o| o.eq_ignore_ascii_case(a))
            })
        {
            return Err(Refusal(403, "requests from other sites are refused".into()));
        }
        let (_, query) = split_url(request.url());
        let given = value("X-Wusim-Token").or_else(|| query_value(&query, "token"));
        if !given.is_some_and(|t| same(t.as_bytes(), self.token.as_bytes())) {
            return Err(Refusal(
                403,
                "the token is missing or wrong: open the address wusim printed".into(),
            ));
        }
        Ok(())
    }
}

/// Runs the action in `body`; the outcome as JSON.
fn act(
    attempt: &mut Attempt,
    body: &str,
    terminal: &mut String,
) -> Result<serde_json::Value, Refusal> {
    let action = Action::from_json(body).map_err(|e| Refusal(400, e.0))?;
    if attempt.session.state() != State::Playing {
        return Err(Refusal(409, "the session is over".into()));
    }
    let outcome = gui::act(&mut attempt.session, &action).map_err(|e| Refusal(400, e.0))?;
    // The terminal already ends with the prompt: the line goes after it, then the answer.
    if action.is_typed() {
        terminal.push_str(&outcome.line);
        terminal.push('\n');
        terminal.push_str(&outcome.output);
        terminal.push_str(&attempt.session.prompt_line());
    }
    attempt.save();
    serde_json::to_value(&outcome).map_err(|e| Refusal(500, e.to_string()))
}

/// The open tabs and when each was last heard from.
#[derive(Default)]
struct Tabs {
    open: BTreeMap<u64, Instant>,
    next: u64,
    /// When the last tab closed (None while one is open, or before the first).
    empty_since: Option<Instant>,
}

impl Tabs {
    fn open(&mut self, now: Instant) -> u64 {
        self.next += 1;
        self.open.insert(self.next, now);
        self.empty_since = None;
        self.next
    }

    fn seen(&mut self, tab: Option<u64>, now: Instant) {
        if let Some(seen) = tab.and_then(|t| self.open.get_mut(&t)) {
            *seen = now;
        }
    }

    fn close(&mut self, tab: Option<u64>, now: Instant) {
        if tab.is_some_and(|t| self.open.remove(&t).is_some()) && self.open.is_empty() {
            self.empty_since = Some(now);
        }
    }

    /// True when every tab has been gone for the grace period.
    fn all_gone(&mut self, now: Instant) -> bool {
        let before = self.open.len();
        self.open
            .retain(|_, seen| now.duration_since(*seen) < SILENT_TAB);
        if before > 0 && self.open.is_empty() {
            self.empty_since = Some(now);
        }
        self.empty_since
            .is_some_and(|since| now.duration_since(since) >= GRACE)
    }
}

fn read_body(request: &mut Request) -> Result<String, Refusal> {
    let mut body = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .map_err(|e| Refusal(400, format!("cannot read the request: {e}")))?;
    if body.len() as u64 > MAX_BODY {
        return Err(Refusal(
            413,
            format!("a request of at most {MAX_BODY} bytes, please"),
        ));
    }
    String::from_utf8(body).map_err(|_| Refusal(400, "the request is not UTF-8 text".into()))
}

/// Answers a refused request with its code and reason.
fn refuse(request: Request, Refusal(code, why): Refusal) {
    respond(
        request,
        code,
        "application/json",
        json!({ "error": why }).to_string(),
    );
}

fn respond(request: Request, code: u16, content_type: &str, body: String) {
    let response = Response::from_string(body)
        .with_status_code(code)
        .with_header(header("Content-Type", content_type));
    // A client that went away gets nothing; the action it sent has been taken and saved.
    let _ = request.respond(secure(response));
}

fn secure<R: Read>(response: Response<R>) -> Response<R> {
    response
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn split_url(url: &str) -> (String, String) {
    match url.split_once('?') {
        Some((path, query)) => (path.to_string(), query.to_string()),
        None => (url.to_string(), String::new()),
    }
}

fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Compares in time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 128 random bits as hex, from the operating system's per-process hash keys.
fn secret() -> String {
    let mut out = String::new();
    for _ in 0..2 {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(0x5753_494D);
        out.push_str(&format!("{:016x}", hasher.finish()));
    }
    out
}
