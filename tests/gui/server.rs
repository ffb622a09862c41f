//! A `wusim gui` process for the API tests: started on a free port with its own data folder
//! (`WUSIM_HOME` in a temporary directory), its address and token read from its standard
//! output, and a raw HTTP/1.1 client over `TcpStream` (one connection per request,
//! `Connection: close`) that can send anything, well-formed or not. Dropping it kills the
//! process.
#![allow(dead_code, unreachable_pub)] // each test uses part of it

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

/// How long the server may take to print its address.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one request may take before the test fails instead of hanging.
const IO_TIMEOUT: Duration = Duration::from_secs(30);

/// A running `wusim gui`.
pub struct Gui {
    child: Child,
    /// The port it listens on at 127.0.0.1.
    pub port: u16,
    /// The per-run token from the printed address.
    pub token: String,
    /// Its data folder (`WUSIM_HOME`).
    pub home: TempDir,
    /// What it printed up to and including the address line.
    pub banner: String,
    /// The rest of its standard output, line by line, read by a thread until it ends.
    lines: Receiver<String>,
}

/// A response: the status code, the headers and the body (chunked bodies decoded).
#[derive(Clone, Debug)]
pub struct Reply {
    /// 200, 403...
    pub status: u16,
    /// The headers as sent.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl Reply {
    /// The value of the header `name` (case-insensitive), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (panics if it is not).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }
}

impl Gui {
    /// Starts `wusim gui <args> --port 0` with a fresh data folder.
    pub fn start(args: &[&str]) -> Gui {
        let home = TempDir::new().expect("a temporary folder");
        let mut child = Command::new(env!("CARGO_BIN_EXE_wusim"))
            .arg("gui")
            .args(args)
            .args(["--port", "0"])
            .env("WUSIM_HOME", home.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("wusim starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (send, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + START_TIMEOUT;
        let mut banner = String::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = match lines.recv_timeout(left) {
                Ok(line) => line,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    panic!("wusim gui printed no address in {START_TIMEOUT:?}:\n{banner}");
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = child.wait();
                    panic!("wusim gui ended ({status:?}) before printing its address:\n{banner}");
                }
            };
            banner.push_str(&line);
            banner.push('\n');
            if let Some((port, token)) = parse_address(&line) {
                return Gui {
                    child,
                    port,
                    token,
                    home,
                    banner,
                    lines,
                };
            }
        }
    }

    /// The address it printed, with its token: what the learner opens.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token)
    }

    /// `127.0.0.1:PORT`, the Host the server answers to.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends one request: the request line, `headers` as given, then `Connection: close`
    /// and, with a body, its `Content-Length`. Panics if no response comes.
    pub fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Reply {
        let mut request = format!("{method} {target} HTTP/1.1\r\n").into_bytes();
        for (name, value) in headers {
            request.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        request.extend_from_slice(b"Connection: close\r\n");
        if let Some(body) = body {
            request.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
        }
        request.extend_from_slice(b"\r\n");
        if let Some(body) = body {
            request.extend_from_slice(body);
        }
        self.raw(&request, false)
            .unwrap_or_else(|e| panic!("{method} {target}: {e}"))
            .unwrap_or_else(|| panic!("{method} {target}: the server closed without answering"))
    }

    /// Writes `bytes` on a new connection (closing its sending side after them when
    /// `half_close`) and reads the response until the server closes. `Ok(None)` when the
    /// server closed without a response.
    pub fn raw(&self, bytes: &[u8], half_close: bool) -> io::Result<Option<Reply>> {
        let mut stream = self.connect()?;
        stream.write_all(bytes)?;
        if half_close {
            stream.shutdown(Shutdown::Write)?;
        }
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        if raw.is_empty() {
            return Ok(None);
        }
        parse_reply(&raw).map(Some).ok_or_else(|| {
            io::Error::other(format!(
                "not an HTTP response: {:?}",
                String::from_utf8_lossy(&raw)
            ))
        })
    }

    /// A new connection to the server, with timeouts.
    pub fn connect(&self) -> io::Result<TcpStream> {
        let stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(IO_TIMEOUT))?;
        stream.set_write_timeout(Some(IO_TIMEOUT))?;
        Ok(stream)
    }

    /// A GET with the right Host and token (in the `X-Wusim-Token` header).
    pub fn get(&self, target: &str) -> Reply {
        let host = self.host();
        self.send(
            "GET",
            target,
            &[("Host", &host), ("X-Wusim-Token", &self.token)],
            None,
        )
    }

    /// A POST of `body` with the right Host and token.
    pub fn post(&self, target: &str, body: &str) -> Reply {
        let host = self.host();
        self.send(
            "POST",
            target,
            &[
                ("Host", &host),
                ("X-Wusim-Token", &self.token),
                ("Content-Type", "application/json"),
            ],
            Some(body.as_bytes()),
        )
    }

    /// POST /api/action with `action`.
    pub fn action(&self, action: &Value) -> Reply {
        self.post("/api/action", &action.to_string())
    }

    /// POST /api/action, which must succeed; the reply's JSON (`desktop`, `terminal`,
    /// `outcome`).
    pub fn act(&self, action: &Value) -> Value {
        let reply = self.action(action);
        assert_eq!(reply.status, 200, "{action}: {}", reply.body);
        reply.json()
    }

    /// GET /api/state's body, which must be a 200.
    pub fn state_text(&self) -> String {
        let reply = self.get("/api/state");
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body
    }

    /// GET /api/state as JSON (`desktop` and `terminal`).
    pub fn state(&self) -> Value {
        serde_json::from_str(&self.state_text()).expect("the state is JSON")
    }

    /// True while the process runs.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits up to `timeout` for the process to end.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for wusim") {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// What the process printed after its address, once it has ended (waits up to 10 s
    /// for its output to close).
    pub fn rest_of_stdout(&self) -> String {
        let mut out = String::new();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(10)) {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    /// The session files in the data folder.
    pub fn session_files(&self) -> Vec<PathBuf> {
        json_files(&self.home.path().join("sessions"))
    }
}

impl Drop for Gui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// `  http://127.0.0.1:PORT/?token=HEX` → (PORT, HEX).
fn parse_address(line: &str) -> Option<(u16, String)> {
    let rest = line.trim().strip_prefix("http://127.0.0.1:")?;
    let (port, rest) = rest.split_once('/')?;
    let token = rest.strip_prefix("?token=")?;
    let port = port.parse().ok()?;
    (!token.is_empty() && token.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| (port, token.to_string()))
}

/// Parses a whole response (the server closed after it).
fn parse_reply(raw: &[u8]) -> Option<Reply> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let mut words = status_line.splitn(3, ' ');
    if !words.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let status = words.next()?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("Transfer-Encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body)?;
    } else if let Some((_, length)) = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
    {
        body.truncate(length.parse().ok()?);
    }
    Some(Reply {
        status,
        headers,
        body: String::from_utf8(body).ok()?,
    })
}

/// Decodes a chunked body.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}
