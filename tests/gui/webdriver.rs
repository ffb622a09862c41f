//! A minimal synchronous WebDriver client for the GUI tests. It owns one chromedriver
//! process, one headless Chromium session and its throw-away profile directory, and speaks
//! W3C WebDriver over hand-written HTTP/1.1 (std + serde_json only, no async stack).
//! Every method panics with a readable message on failure: it is made for tests.
#![allow(dead_code, unreachable_pub)] // each test uses part of it

use serde_json::{Value, json};
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// How long chromedriver's start-up may take, and the usual timeout of `wait_until`.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How long one command may take before the test fails instead of hanging CI.
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
/// The key of an element reference in JSON (W3C "web element identifier").
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// Headless, no sandbox (root, containers), and nothing that phones home: on a closed
/// network that only fills the log with refused connections.
const CHROME_ARGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --disable-quic --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --window-size=1280,800";

/// WebDriver's codes for special keys, for `Browser::press_key`, `Browser::chord` and
/// `Element::send_keys` (W3C WebDriver, "Keyboard actions").
pub mod keys {
    pub const BACKSPACE: &str = "\u{E003}";
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SHIFT: &str = "\u{E008}";
    pub const CONTROL: &str = "\u{E009}";
    pub const ALT: &str = "\u{E00A}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const ARROW_LEFT: &str = "\u{E012}";
    pub const ARROW_UP: &str = "\u{E013}";
    pub const ARROW_RIGHT: &str = "\u{E014}";
    pub const ARROW_DOWN: &str = "\u{E015}";
    pub const DELETE: &str = "\u{E017}";
    pub const F1: &str = "\u{E031}"; // F2 to F12 follow: F5 is E035, F10 is E03A
    pub const F5: &str = "\u{E035}";
    pub const F10: &str = "\u{E03A}";
}

/// A headless Chromium driven through its own chromedriver; dropping it ends both.
#[derive(Debug)]
pub struct Browser {
    port: u16,
    session: String,
    driver: Child,
    profile: PathBuf,
}

/// An element of the current page (a WebDriver element reference).
#[derive(Debug, Clone)]
pub struct Element<'b> {
    browser: &'b Browser,
    id: String,
}

impl Browser {
    /// Starts chromedriver and a fresh headless session. `$CHROME` / `$CHROMEDRIVER` override
    /// the programs found on PATH. Returns `None` when either is missing, unless `$CI` is set:
    /// then it panics, so that CI cannot silently skip the GUI tests.
    pub fn launch() -> Option<Browser> {
        let chrome = find_program("CHROME", &["chromium", "chromium-browser", "google-chrome"]);
        let driver = find_program("CHROMEDRIVER", &["chromedriver"]);
        let (Some(chrome), Some(driver)) = (chrome, driver) else {
            let ci = std::env::var_os("CI").is_some();
            assert!(
                !ci,
                "no Chromium or chromedriver on CI: apt-get install chromium chromium-driver"
            );
            return None;
        };
        static PROFILES: AtomicU32 = AtomicU32::new(0);
        let n = PROFILES.fetch_add(1, Ordering::Relaxed);
        let profile = std::env::temp_dir().join(format!("wusim-gui-{}-{n}", std::process::id()));
        // Ask the OS for a free port, then hand it to chromedriver.
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr());
        let port = port.expect("no free local port").port();
        let mut command = Command::new(&driver);
        command.arg(format!("--port={port}")).stdin(Stdio::null());
        command.stdout(Stdio::null()).stderr(Stdio::null());
        let driver = driver.display();
        let child = command.spawn();
        let child = child.unwrap_or_else(|e| panic!("cannot start {driver}: {e}"));
        // From here on a panic drops `browser`, which kills chromedriver.
        let mut browser = Browser {
            port,
            session: String::new(),
            driver: child,
            profile,
        };
        let start = Instant::now();
        while request(port, "GET", "/status", &Value::Null).map_or(true, |s| s["ready"] != true) {
            if let Ok(Some(exit)) = browser.driver.try_wait() {
                panic!("{driver} stopped at start-up ({exit})");
            }
            let waited = start.elapsed();
            assert!(waited < TIMEOUT, "{driver} not ready after {waited:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut args: Vec<String> = CHROME_ARGS.split_whitespace().map(String::from).collect();
        args.push(format!("--user-data-dir={}", browser.profile.display()));
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chrome, "args": args},
            "timeouts": {"pageLoad": 30_000, "script": 30_000},
        }}});
        let session = request(port, "POST", "/session", &capabilities);
        let session = session.unwrap_or_else(|e| panic!("{driver} cannot start a browser: {e}"));
        let session = session["sessionId"].as_str().expect("sessionId");
        browser.session = session.to_string();
        Some(browser)
    }

    /// Opens `url` and waits for it to load.
    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
    }

    /// Resizes the window (the viewport is a little smaller).
    pub fn set_window_size(&self, width: u32, height: u32) {
        let size = json!({"width": width, "height": height});
        self.cmd("POST", "/window/rect", size);
    }

    /// The first element matching the CSS selector; panics if there is none. To wait for
    /// one: `browser.wait_until("the dialog", TIMEOUT, || browser.try_find("#dialog"))`.
    pub fn find(&self, css: &str) -> Element<'_> {
        let found = self.try_find(css);
        found.unwrap_or_else(|| panic!("no element matches `{css}`; page:\n{}", self.page_text()))
    }

    /// The first element matching the CSS selector, if any.
    pub fn try_find(&self, css: &str) -> Option<Element<'_>> {
        let query = json!({"using": "css selector", "value": css});
        match self.try_cmd("POST", "/element", &query) {
            Ok(found) => Some(self.element(&found)),
            Err(e) if e.starts_with("no such element:") => None,
            Err(e) => panic!("finding `{css}` failed: {e}"),
        }
    }

    /// All the elements matching the CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        let query = json!({"using": "css selector", "value": css});
        let found = self.cmd("POST", "/elements", query);
        let found = found.as_array().map(Vec::as_slice).unwrap_or_default();
        found.iter().map(|e| self.element(e)).collect()
    }

    /// Right-clicks the element's centre with real pointer actions (fires `contextmenu`).
    pub fn context_click(&self, element: &Element<'_>) {
        let actions = json!([
            {"type": "pointerMove", "duration": 0, "x": 0, "y": 0, "origin": element.json()},
            {"type": "pointerDown", "button": 2},
            {"type": "pointerUp", "button": 2},
        ]);
        let mouse = json!({"pointerType": "mouse"});
        let mouse = json!({"type": "pointer", "id": "mouse", "parameters": mouse});
        self.perform(mouse, actions);
    }

    /// Presses and releases one key in the focused element, e.g. `keys::F5`.
    pub fn press_key(&self, key: &str) {
        self.chord(&[key]);
    }

    /// Presses the keys in order and releases them in reverse: `&[keys::SHIFT, keys::F10]`.
    pub fn chord(&self, keys: &[&str]) {
        let downs = keys.iter().map(|k| json!({"type": "keyDown", "value": k}));
        let ups = keys
            .iter()
            .rev()
            .map(|k| json!({"type": "keyUp", "value": k}));
        let actions = downs.chain(ups).collect();
        self.perform(json!({"type": "key", "id": "keyboard"}), actions);
    }

    /// Runs `script` as a function body (`return ...` gives the result) with `arguments`
    /// set to `args`; `Element::json` passes an element, and elements come back as such.
    pub fn execute(&self, script: &str, args: &[Value]) -> Value {
        let call = json!({"script": script, "args": args});
        let result = self.try_cmd("POST", "/execute/sync", &call);
        result.unwrap_or_else(|e| panic!("{e}\nscript: {script}"))
    }

    /// The visible text of the page (`document.body.innerText`), or "" if there is none.
    pub fn page_text(&self) -> String {
        let call = json!({"script": "return document.body.innerText", "args": []});
        let text = self.try_cmd("POST", "/execute/sync", &call);
        text.unwrap_or_default()
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let png = self.cmd("GET", "/screenshot", Value::Null);
        base64_decode(png.as_str().unwrap_or_default())
    }

    /// Writes a PNG of the viewport to `path`: handy when a test is about to fail.
    pub fn save_screenshot(&self, path: &Path) {
        let written = std::fs::write(path, self.screenshot());
        written.unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Polls `check` every 50 ms until it returns `Some`, for at most `timeout` (usually
    /// `TIMEOUT`); then panics with `what` (what was awaited) and the page's text.
    pub fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut() -> Option<T>,
    ) -> T {
        let start = Instant::now();
        loop {
            if let Some(found) = check() {
                return found;
            }
            if start.elapsed() > timeout {
                panic!(
                    "waited {timeout:?} for {what} in vain; page:\n{}",
                    self.page_text()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn element(&self, reference: &Value) -> Element<'_> {
        let id = reference[ELEMENT_KEY].as_str();
        let id = id.unwrap_or_else(|| panic!("not an element reference: {reference}"));
        Element {
            browser: self,
            id: id.to_string(),
        }
    }

    /// Performs an input source's (keyboard's, mouse's) actions, then releases every key
    /// and button.
    fn perform(&self, mut source: Value, actions: Value) {
        source["actions"] = actions;
        self.cmd("POST", "/actions", json!({ "actions": [source] }));
        self.cmd("DELETE", "/actions", Value::Null);
    }

    /// Sends a command to this session: `path` is relative to `/session/{id}`, and a `Null`
    /// body sends none.
    fn try_cmd(&self, method: &str, path: &str, body: &Value) -> Result<Value, String> {
        let path = format!("/session/{}{path}", self.session);
        request(self.port, method, &path, body)
    }

    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let result = self.try_cmd(method, path, &body);
        result.unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            // Closes Chromium, which would outlive a killed chromedriver.
            let _ = self.try_cmd("DELETE", "", &Value::Null);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Element<'_> {
    /// Clicks the element's centre, scrolling it into view first.
    pub fn click(&self) {
        self.cmd("POST", "/click", json!({}));
    }

    /// The element's rendered text, as the user sees it (`innerText`).
    pub fn text(&self) -> String {
        let text = self.cmd("GET", "/text", Value::Null);
        text.as_str().unwrap_or_default().to_string()
    }

    /// The HTML attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<String> {
        let value = self.cmd("GET", &format!("/attribute/{name}"), Value::Null);
        value.as_str().map(String::from)
    }

    /// The DOM property `name` (e.g. `value` of an `<input>`, `checked`).
    pub fn prop(&self, name: &str) -> Value {
        self.cmd("GET", &format!("/property/{name}"), Value::Null)
    }

    /// Focuses the element and types `text` into it (it may contain `keys::*`).
    pub fn send_keys(&self, text: &str) {
        self.cmd("POST", "/value", json!({ "text": text }));
    }

    /// The element as an argument for `Browser::execute`.
    pub fn json(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }

    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/element/{}{path}", self.id);
        self.browser.cmd(method, &path, body)
    }
}

/// A `data:` URL showing `html` (percent-encoded, so `#` and `%` are safe).
pub fn data_url(html: &str) -> String {
    let mut url = String::from("data:text/html;charset=utf-8,");
    for b in html.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// `$var` if set, else the first of `names` found on PATH.
fn find_program(var: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(var) {
        return Some(PathBuf::from(path));
    }
    let dirs: Vec<PathBuf> = std::env::split_paths(&std::env::var_os("PATH")?).collect();
    let mut paths = names
        .iter()
        .flat_map(|n| dirs.iter().map(move |d| d.join(n)));
    paths.find(|p| p.is_file())
}

/// One HTTP/1.1 exchange with chromedriver (a `Null` body sends none). Returns the
/// response's `value`, or "error: message" from a WebDriver error or the transport.
fn request(port: u16, method: &str, path: &str, body: &Value) -> Result<Value, String> {
    let io = |e: io::Error| format!("io: {method} {path}: {e}");
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&address, HTTP_TIMEOUT).map_err(io)?;
    stream.set_read_timeout(Some(HTTP_TIMEOUT)).map_err(io)?;
    stream.set_write_timeout(Some(HTTP_TIMEOUT)).map_err(io)?;
    let length = body.len();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {length}\r\n\r\n"
    );
    stream
        .write_all(format!("{head}{body}").as_bytes())
        .map_err(io)?;
    let (status, bytes) = read_response(BufReader::new(stream)).map_err(io)?;
    let text = String::from_utf8_lossy(&bytes);
    let reply = serde_json::from_slice::<Value>(&bytes);
    let mut reply = reply.map_err(|e| format!("protocol: HTTP {status}, {e}: {text}"))?;
    let value = reply.get_mut("value").map(Value::take).unwrap_or_default();
    if status >= 400 {
        let error = value["error"].as_str().unwrap_or("unknown error");
        return Err(format!(
            "{error}: {}",
            value["message"].as_str().unwrap_or(&text)
        ));
    }
    Ok(value)
}

/// Reads a status line, headers and a body (by `Content-Length`, chunked, or to EOF).
fn read_response(mut r: impl BufRead) -> io::Result<(u16, Vec<u8>)> {
    let bad = |what: &str, line: &str| io::Error::other(format!("bad HTTP {what}: {line:?}"));
    let mut line = String::new();
    r.read_line(&mut line)?;
    let status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok());
    let status = status.ok_or_else(|| bad("status line", &line))?;
    let (mut length, mut chunked) = (None, false);
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').ok_or_else(|| bad("header", &line))?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse().map_err(|_| bad("length", value))?);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            r.read_line(&mut line)?;
            let size = line.trim().split(';').next().unwrap_or_default();
            let size = usize::from_str_radix(size, 16).map_err(|_| bad("chunk size", &line))?;
            if size == 0 {
                break; // trailers, if any, go with the connection
            }
            let start = body.len();
            body.resize(start + size, 0);
            r.read_exact(&mut body[start..])?;
            r.read_line(&mut line)?; // the CRLF after the chunk
        }
    } else if let Some(length) = length {
        body.resize(length, 0);
        r.read_exact(&mut body)?;
    } else {
        r.read_to_end(&mut body)?;
    }
    Ok((status, body))
}

/// Decodes standard base64 (padding optional, line breaks ignored).
fn base64_decode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0u32);
    for c in text.bytes() {
        let sextet = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\r' | b'\n' => continue,
            _ => panic!("invalid base64 byte {c:#04x}"),
        };
        bits = (bits << 6 | u32::from(sextet)) & 0xFFFF; // at most 14 bits are pending
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

#[test]
fn base64_decodes_known_strings() {
    let decode = |s| String::from_utf8(base64_decode(s)).unwrap();
    let many = "TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu";
    assert_eq!(decode(many), "Many hands make light work.");
    let padded = [decode("YQ=="), decode("YWI="), decode("YWJj\r\nZA")];
    assert_eq!(padded, ["a", "ab", "abcd"]);
    assert_eq!(base64_decode("iVBORw0KGgo="), b"\x89PNG\r\n\x1a\n");
}

#[test]
fn http_responses_are_read_by_length_and_by_chunks() {
    let plain = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n{}\r\nignored";
    let expected = (200, b"{}\r\n".to_vec());
    assert_eq!(read_response(&plain[..]).unwrap(), expected);
    let chunked = b"HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n\
                    3\r\n{\"a\r\n4;x=y\r\n\":1}\r\n0\r\n\r\n";
    let expected = (404, b"{\"a\":1}".to_vec());
    assert_eq!(read_response(&chunked[..]).unwrap(), expected);
}
