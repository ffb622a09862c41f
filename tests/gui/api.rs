//! The GUI's HTTP API through the real binary (`wusim gui`): the guards (token, Host,
//! Origin), bad requests, 10,000 random requests, clients that go away, Quit and the
//! session file it leaves, the last tab closing, and the page's headers.

use std::io::Write;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::server::{Gui, Reply};

/// The origin story, in its original variant, with a fixed seed.
fn start() -> Gui {
    Gui::start(&[
        "orchestrator-stopped",
        "--variant",
        "crashed",
        "--seed",
        "7",
    ])
}

/// Start BITS: a valid action that changes the PC (BITS is stopped at the start).
const START_BITS: &str = r#"{"kind":"service","verb":"start","service":"BITS"}"#;

/// The Status column of `name` in a state or action reply.
fn status_of(state: &Value, name: &str) -> String {
    state["desktop"]["services"]
        .as_array()
        .expect("a services list")
        .iter()
        .find(|row| row["name"] == name)
        .unwrap_or_else(|| panic!("no row for {name}"))["status"]
        .as_str()
        .expect("a status")
        .to_string()
}

/// `token` with its first character changed: the right length, the wrong token.
fn garbled(token: &str) -> String {
    let first = if token.starts_with('0') { '1' } else { '0' };
    format!("{first}{}", &token[1..])
}

/// A refused request: what it lacks, its target, its headers.
type Case<'a> = (&'a str, String, Vec<(&'a str, &'a str)>);

#[test]
fn requests_without_the_guards_are_refused() {
    let gui = start();
    let before = gui.state_text();
    let host = gui.host();
    let token = gui.token.clone();
    let bad = garbled(&token);
    let evil_host = format!("evil.example:{}", gui.port);
    let https_origin = format!("https://{host}");
    let cases: Vec<Case<'_>> = vec![
        ("no token", "/api/action".into(), vec![("Host", &host)]),
        (
            "wrong token",
            "/api/action".into(),
            vec![("Host", &host), ("X-Wusim-Token", &bad)],
        ),
        (
            "wrong token in the query",
            format!("/api/action?token={bad}"),
            vec![("Host", &host)],
        ),
        (
            "empty token",
            "/api/action?token=".into(),
            vec![("Host", &host), ("X-Wusim-Token", "")],
        ),
        (
            "token prefix",
            format!("/api/action?token={}", &token[..8]),
            vec![("Host", &host)],
        ),
        (
            "token and more",
            format!("/api/action?token={token}0"),
            vec![("Host", &host)],
        ),
        (
            "foreign Host",
            "/api/action".into(),
            vec![("Host", &evil_host), ("X-Wusim-Token", &token)],
        ),
        (
            "no Host",
            "/api/action".into(),
            vec![("X-Wusim-Token", &token)],
        ),
        (
            "Host without the port",
            "/api/action".into(),
            vec![("Host", "127.0.0.1"), ("X-Wusim-Token", &token)],
        ),
        (
            "foreign Origin",
            "/api/action".into(),
            vec![
                ("Host", &host),
                ("X-Wusim-Token", &token),
                ("Origin", "http://evil.example"),
            ],
        ),
        (
            "foreign Origin, token in the query",
            format!("/api/action?token={token}"),
            vec![("Host", &host), ("Origin", "http://evil.example")],
        ),
        (
            "https Origin",
            "/api/action".into(),
            vec![
                ("Host", &host),
                ("X-Wusim-Token", &token),
                ("Origin", &https_origin),
            ],
        ),
        (
            "null Origin",
            "/api/action".into(),
            vec![
                ("Host", &host),
                ("X-Wusim-Token", &token),
                ("Origin", "null"),
            ],
        ),
    ];
    for (what, target, headers) in &cases {
        let reply = gui.send("POST", target, headers, Some(START_BITS.as_bytes()));
        assert_eq!(reply.status, 403, "{what}: {}", reply.body);
        assert!(reply.json()["error"].is_string(), "{what}: {}", reply.body);
        let reply = gui.send(
            "GET",
            &target.replace("/api/action", "/api/state"),
            headers,
            None,
        );
        assert_eq!(reply.status, 403, "{what} (GET /api/state): {}", reply.body);
        assert!(!reply.body.contains("desktop"), "{what} leaked the state");
        let reply = gui.send(
            "POST",
            &target.replace("/api/action", "/api/quit"),
            headers,
            Some(b""),
        );
        assert_eq!(reply.status, 403, "{what} (POST /api/quit): {}", reply.body);
    }
    assert_eq!(
        gui.state_text(),
        before,
        "a refused request changed the state"
    );

    // The same action with the guards passed (the page's own Origin, the localhost name) is
    // taken: the refusals above were the guards, not the action.
    let own_origin = format!("http://{host}");
    let localhost = format!("localhost:{}", gui.port);
    let reply = gui.send(
        "POST",
        &format!("/api/action?token={token}"),
        &[("Host", &localhost), ("Origin", &own_origin)],
        Some(START_BITS.as_bytes()),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(status_of(&reply.json(), "BITS"), "Running");
}

#[test]
fn bad_requests_get_a_4xx_and_change_nothing() {
    let gui = start();
    let before = gui.state_text();
    let expect = |reply: Reply, code: u16, what: &str| {
        assert_eq!(reply.status, code, "{what}: {}", reply.body);
        assert!(reply.json()["error"].is_string(), "{what}: {}", reply.body);
        assert_eq!(gui.state_text(), before, "{what} changed the state");
    };
    expect(gui.post("/api/action", "{"), 400, "malformed JSON");
    expect(gui.post("/api/action", ""), 400, "no body");
    expect(
        gui.post("/api/action", r#"{"kind":"format-c"}"#),
        400,
        "an unknown kind",
    );
    expect(
        gui.post(
            "/api/action",
            r#"{"kind":"service","verb":"start","service":"NoSuchService"}"#,
        ),
        400,
        "an unknown service",
    );
    expect(
        gui.post(
            "/api/action",
            r#"{"kind":"service","verb":"pause","service":"BITS"}"#,
        ),
        400,
        "Pause",
    );
    expect(
        gui.post(
            "/api/action",
            r#"{"kind":"service","verb":"start","service":"BITS","x":1}"#,
        ),
        400,
        "an unknown field",
    );
    expect(
        gui.post("/api/action", r#"{"kind":"answer","yes":true}"#),
        400,
        "an answer with no question",
    );
    expect(
        gui.post("/api/action", r#"{"kind":"pause","weeks":9}"#),
        400,
        "nine weeks",
    );
    let host = gui.host();
    let not_utf8 = gui.send(
        "POST",
        "/api/action",
        &[("Host", &host), ("X-Wusim-Token", &gui.token)],
        Some(b"{\"kind\":\"line\",\"text\":\"\xff\xfe\"}"),
    );
    expect(not_utf8, 400, "a body that is not UTF-8");
    expect(gui.get("/api/action"), 405, "GET /api/action");
    expect(gui.post("/api/state", START_BITS), 405, "POST /api/state");
    expect(
        gui.send(
            "DELETE",
            "/api/action",
            &[("Host", &host), ("X-Wusim-Token", &gui.token)],
            None,
        ),
        405,
        "DELETE",
    );
    expect(gui.get("/api/nope"), 404, "an unknown path");
    expect(gui.get("/index.html"), 404, "a file name");
    expect(gui.get("/../../etc/passwd"), 404, "a path outside");

    // A valid action padded past 256 KiB is refused whole; padded to exactly 256 KiB it is
    // taken (the limit, not the action, refused it).
    let padded = |len: usize| format!("{START_BITS}{}", " ".repeat(len - START_BITS.len()));
    let too_big = padded(256 * 1024 + 1);
    assert_eq!(too_big.len(), 256 * 1024 + 1);
    expect(
        gui.post("/api/action", &too_big),
        413,
        "a body over 256 KiB",
    );
    let reply = gui.post("/api/action", &padded(256 * 1024));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(status_of(&reply.json(), "BITS"), "Running");
}

/// A tiny xorshift generator, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("small")
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Random bytes, printable or not (never CR or LF, which would end a line).
    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let len = self.below(max + 1);
        (0..len)
            .map(|_| {
                let b = (self.next() >> 24) as u8;
                if b == b'\r' || b == b'\n' { b'?' } else { b }
            })
            .collect()
    }

    /// Random JSON-ish text made of JSON's pieces and the actions' words.
    fn jsonish(&mut self) -> Vec<u8> {
        const PIECES: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\"kind\"",
            "\"service\"",
            "\"verb\"",
            "\"start\"",
            "\"stop\"",
            "\"wait\"",
            "\"duration\"",
            "\"7h\"",
            "\"BITS\"",
            "\"wuauserv\"",
            "\"line\"",
            "\"text\"",
            "\"answer\"",
            "\"yes\"",
            "true",
            "false",
            "null",
            "0",
            "-1",
            "1e999",
            "99999999999999999999",
            "\"\\u0000\"",
            "\"\\ud800\"",
            " ",
            "\"picks\"",
            "\"diagnose\"",
            "\"open\"",
            "\"window\"",
            "\"settings\"",
            "\"button\"",
        ];
        let n = self.below(24);
        (0..n)
            .flat_map(|_| self.pick(PIECES).as_bytes().to_vec())
            .collect()
    }
}

/// Valid actions, cheap to run (no long waits, nothing that ends the session).
const ACTIONS: &[&str] = &[
    START_BITS,
    r#"{"kind":"service","verb":"stop","service":"BITS"}"#,
    r#"{"kind":"service","verb":"restart","service":"wuauserv"}"#,
    r#"{"kind":"service","verb":"start","service":"Update Orchestrator Service"}"#,
    r#"{"kind":"service","verb":"start","service":"AppIDSvc"}"#,
    r#"{"kind":"service","verb":"stop","service":"CryptSvc"}"#,
    r#"{"kind":"startup","service":"BITS","startup":"manual"}"#,
    r#"{"kind":"startup","service":"WaaSMedicSvc","startup":"disabled"}"#,
    r#"{"kind":"properties","service":"wuauserv"}"#,
    r#"{"kind":"answer","yes":true}"#,
    r#"{"kind":"answer","yes":false}"#,
    r#"{"kind":"settings","button":"check"}"#,
    r#"{"kind":"settings","button":"troubleshoot"}"#,
    r#"{"kind":"pause","weeks":1}"#,
    r#"{"kind":"pause","weeks":6}"#,
    r#"{"kind":"active-hours","start":8,"end":17}"#,
    r#"{"kind":"wait","duration":"10m"}"#,
    r#"{"kind":"wait","duration":"1m"}"#,
    r#"{"kind":"open","window":"services"}"#,
    r#"{"kind":"open","window":"system-log"}"#,
    r#"{"kind":"open","window":"update-history"}"#,
    r#"{"kind":"ticket","word":"hint"}"#,
    r#"{"kind":"ticket","word":"status"}"#,
    r#"{"kind":"ticket","word":"undo"}"#,
    r#"{"kind":"line","text":"sc query bits"}"#,
    r#"{"kind":"line","text":"net stop cryptsvc"}"#,
    r#"{"kind":"line","text":"powershell"}"#,
    r#"{"kind":"line","text":"exit"}"#,
    r#"{"kind":"line","text":"echo %ERRORLEVEL% & ver"}"#,
];

/// One random request, as bytes. The real token is only ever sent where it cannot end the
/// server (never to /api/quit, /api/hello or /api/bye, nor to a random path).
fn random_request(rng: &mut Rng, gui: &Gui) -> Vec<u8> {
    let token = gui.token.as_str();
    if rng.chance(10) {
        // A well-formed request of the page, with a valid action or JSON-ish text.
        let body = if rng.chance(70) {
            rng.pick(ACTIONS).as_bytes().to_vec()
        } else {
            rng.jsonish()
        };
        let mut request = format!(
            "POST /api/action HTTP/1.1\r\nHost: {}\r\nX-Wusim-Token: {token}\r\nOrigin: http://{}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            gui.host(),
            gui.host(),
            body.len()
        )
        .into_bytes();
        request.extend(body);
        return request;
    }
    let bad_tokens = [
        garbled(token),
        token[..16].to_string(),
        String::new(),
        format!("{token}00"),
        "x".repeat(32),
    ];
    let safe = [
        "/",
        "/api/state",
        "/api/action",
        "/api/nope",
        "/favicon.ico",
        "/api/action/",
        "/API/STATE",
        "//",
    ];
    let unsafe_paths = [
        "/api/quit",
        "/api/hello",
        "/api/bye",
        "/api/bye?tab=1",
        "*",
        "http://evil.example/api/state",
    ];
    let (path, may_have_token) = match rng.below(10) {
        0..=6 => (rng.pick(&safe).as_bytes().to_vec(), true),
        7 | 8 => (rng.pick(&unsafe_paths).as_bytes().to_vec(), false),
        _ => {
            let mut p = b"/".to_vec();
            p.extend(rng.bytes(40).into_iter().filter(|b| *b != b' '));
            (p, false)
        }
    };
    let real = |rng: &mut Rng| may_have_token && rng.chance(60);
    let bad = |rng: &mut Rng| rng.pick(&bad_tokens).clone();

    let method: Vec<u8> = match rng.below(12) {
        0..=3 => b"POST".to_vec(),
        4..=6 => b"GET".to_vec(),
        7 => rng
            .pick(&["PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"])
            .as_bytes()
            .to_vec(),
        8 => rng
            .pick(&["get", "P0ST", "CONNECT", "TRACE", ""])
            .as_bytes()
            .to_vec(),
        _ => rng.bytes(8).into_iter().filter(|b| *b != b' ').collect(),
    };
    let mut target = path;
    match rng.below(5) {
        0 => {
            let t = if real(rng) {
                token.to_string()
            } else {
                bad(rng)
            };
            target.extend_from_slice(format!("?token={t}").as_bytes());
        }
        1 => {
            let t = if real(rng) {
                token.to_string()
            } else {
                bad(rng)
            };
            target.extend_from_slice(format!("?tab={}&token={t}", rng.below(3)).as_bytes());
        }
        2 => target.extend_from_slice(b"?token"),
        _ => {}
    }
    let version: &[u8] = match rng.below(20) {
        0 => b"HTTP/1.0",
        1 => b"HTTP/9.9",
        2 => b"",
        _ => b"HTTP/1.1",
    };

    let body: Vec<u8> = match rng.below(6) {
        0 => Vec::new(),
        1 | 2 => rng.pick(ACTIONS).as_bytes().to_vec(),
        3 | 4 => rng.jsonish(),
        _ => rng.bytes(300),
    };

    let mut headers: Vec<Vec<u8>> = Vec::new();
    match rng.below(8) {
        0 => {}
        1 => headers.push(format!("Host: evil.example:{}", gui.port).into_bytes()),
        2 => headers.push(b"Host: 127.0.0.1".to_vec()),
        3 => headers.push(format!("Host: localhost:{}", gui.port).into_bytes()),
        4 => {
            let mut h = b"Host: ".to_vec();
            h.extend(rng.bytes(20));
            headers.push(h);
        }
        _ => headers.push(format!("Host: {}", gui.host()).into_bytes()),
    }
    match rng.below(4) {
        0 => {}
        1 => headers.push(format!("X-Wusim-Token: {}", bad(rng)).into_bytes()),
        _ => {
            let t = if real(rng) {
                token.to_string()
            } else {
                bad(rng)
            };
            headers.push(format!("X-Wusim-Token: {t}").into_bytes());
        }
    }
    match rng.below(8) {
        0 => headers.push(b"Origin: http://evil.example".to_vec()),
        1 => headers.push(format!("Origin: http://{}", gui.host()).into_bytes()),
        2 => headers.push(b"Origin: null".to_vec()),
        _ => {}
    }
    match rng.below(10) {
        0 => {}
        1 => {
            headers.push(format!("Content-Length: {}", body.len() + 1 + rng.below(50)).into_bytes())
        }
        2 => headers.push(
            format!(
                "Content-Length: {}",
                body.len().saturating_sub(1 + rng.below(5))
            )
            .into_bytes(),
        ),
        3 => headers.push(
            rng.pick(&[
                &b"Content-Length: abc"[..],
                b"Content-Length: -1",
                b"Content-Length: 99999999999999999999",
            ])
            .to_vec(),
        ),
        4 => headers.push(b"Transfer-Encoding: chunked".to_vec()),
        _ => headers.push(format!("Content-Length: {}", body.len()).into_bytes()),
    }
    if rng.chance(30) {
        headers.push(b"Content-Type: application/json".to_vec());
    }
    if rng.chance(15) {
        let mut h = rng
            .bytes(20)
            .into_iter()
            .filter(|b| *b != b':')
            .collect::<Vec<u8>>();
        if rng.chance(50) {
            h.extend_from_slice(b": ");
            h.extend(rng.bytes(60));
        }
        headers.push(h);
    }
    if rng.chance(90) {
        headers.push(b"Connection: close".to_vec());
    }
    // Shuffle the headers a little.
    if headers.len() > 1 {
        let (a, b) = (rng.below(headers.len()), rng.below(headers.len()));
        headers.swap(a, b);
    }

    let mut request = Vec::new();
    request.extend_from_slice(&method);
    request.push(b' ');
    request.extend_from_slice(&target);
    if !version.is_empty() {
        request.push(b' ');
        request.extend_from_slice(version);
    }
    request.extend_from_slice(b"\r\n");
    for h in headers {
        request.extend_from_slice(&h);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"\r\n");
    request.extend_from_slice(&body);
    request
}

#[test]
fn the_server_survives_ten_thousand_random_requests() {
    let mut gui = start();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut codes = std::collections::BTreeMap::<u16, usize>::new();
    let mut no_answer = 0;
    let began = Instant::now();
    for i in 0..10_000 {
        let request = random_request(&mut rng, &gui);
        match gui.raw(&request, true) {
            Ok(Some(reply)) => *codes.entry(reply.status).or_default() += 1,
            Ok(None) => no_answer += 1,
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                panic!(
                    "request {i} got no answer in time: {:?}",
                    String::from_utf8_lossy(&request)
                )
            }
            Err(_) => no_answer += 1, // reset or garbled: the server may drop a bad client
        }
    }
    let took = began.elapsed();
    eprintln!("10,000 random requests in {took:?}: {codes:?}, {no_answer} without an answer");
    assert!(gui.alive(), "the server died");
    let state = gui.state();
    assert!(state["desktop"]["services"].is_array());
    // The requests reached every part: refused, bad and taken ones.
    for code in [200, 400, 403, 404, 405] {
        assert!(
            codes.get(&code).copied().unwrap_or(0) > 0,
            "no {code} among {codes:?}"
        );
    }
    // And the server still takes an action.
    let reply = gui.post("/api/action", r#"{"kind":"line","text":"sc query bits"}"#);
    assert!(reply.status == 200 || reply.status == 409, "{}", reply.body);
    assert!(gui.alive());
}

#[test]
fn clients_that_go_away_do_not_stop_the_server() {
    let mut gui = start();
    assert_eq!(status_of(&gui.state(), "BITS"), "");
    let (host, token) = (gui.host(), gui.token.clone());
    let head = |length: usize| {
        format!(
            "POST /api/action HTTP/1.1\r\nHost: {host}\r\nX-Wusim-Token: {token}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
        )
    };

    // Headers, Content-Length 100, 10 bytes of body, then gone.
    {
        let mut stream = gui.connect().expect("connects");
        stream.write_all(head(100).as_bytes()).expect("writes");
        stream
            .write_all(&START_BITS.as_bytes()[..10])
            .expect("writes");
    }
    assert!(gui.alive());
    assert_eq!(
        status_of(&gui.state(), "BITS"),
        "",
        "a partial request was taken"
    );

    // A whole action, then gone without reading the answer.
    {
        let mut stream = gui.connect().expect("connects");
        stream
            .write_all(head(START_BITS.len()).as_bytes())
            .expect("writes");
        stream.write_all(START_BITS.as_bytes()).expect("writes");
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while status_of(&gui.state(), "BITS") != "Running" {
        assert!(
            Instant::now() < deadline,
            "the action of the client that left was not taken"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(gui.alive());
    let reply = gui.post(
        "/api/action",
        r#"{"kind":"service","verb":"stop","service":"BITS"}"#,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(status_of(&reply.json(), "BITS"), "");
}

#[test]
fn quit_stops_the_server_and_leaves_a_gradable_session_file() {
    let mut gui = start();
    let causes = gui.state()["desktop"]["ticket"]["causes"].clone();
    let pick = causes
        .as_array()
        .expect("causes")
        .iter()
        .position(|c| c == "The Update Orchestrator Service is not running")
        .expect("the right cause is listed")
        + 1;
    let actions = [
        json!({"kind": "open", "window": "services"}),
        json!({"kind": "service", "verb": "start", "service": "UsoSvc"}),
        json!({"kind": "service", "verb": "restart", "service": "Windows Update"}),
        json!({"kind": "open", "window": "settings"}),
        json!({"kind": "settings", "button": "check"}),
        json!({"kind": "wait", "duration": "7h"}),
        json!({"kind": "diagnose", "picks": [pick]}),
    ];
    let mut last = Value::Null;
    for action in &actions {
        last = gui.act(action);
    }
    assert_eq!(last["outcome"]["finished"], true, "{last}");
    assert_eq!(last["desktop"]["ticket"]["state"], "solved", "{last}");
    // Once solved, further actions are refused.
    assert_eq!(gui.action(&actions[0]).status, 409);

    let reply = gui.post("/api/quit", "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["bye"], true);
    let status = gui
        .wait_exit(Duration::from_secs(5))
        .expect("wusim gui ends after Quit");
    assert!(status.success(), "{status:?}");
    let out = gui.rest_of_stdout();
    assert!(out.contains("*** Goal met"), "{out}");
    let score: u32 = out
        .lines()
        .find_map(|l| {
            l.strip_prefix("Score: ")?
                .strip_suffix("/100")?
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no score in:\n{out}"));
    assert!(score > 0);

    let files = gui.session_files();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(out.contains(&files[0].display().to_string()), "{out}");
    let record: Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).expect("reads")).expect("JSON");
    let steps = record["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), actions.len(), "{steps:?}");
    assert!(steps.iter().all(|s| s["kind"] == "gui"), "{steps:?}");
    assert_eq!(
        steps[1]["text"],
        "services.msc start \"Update Orchestrator Service\""
    );
    assert_eq!(record["claimed"]["score"], score);

    let graded = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("wusim"))
        .env("WUSIM_HOME", gui.home.path())
        .env("NO_COLOR", "1")
        .arg("grade")
        .arg(&files[0])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&graded.get_output().stdout).to_string();
    assert!(text.contains(&format!("({score} points)")), "{text}");
    assert!(text.contains(&format!("Score: {score}/100")), "{text}");
    assert!(!text.contains("note:"), "{text}");
}

#[test]
fn the_server_stops_after_its_last_tab_closes() {
    let mut gui = start();
    let tab = |reply: Reply| reply.json()["tab"].as_u64().expect("a tab id");
    let first = tab(gui.post("/api/hello", ""));
    let second = tab(gui.post("/api/hello", ""));
    assert_ne!(first, second);
    assert_eq!(gui.get(&format!("/api/state?tab={first}")).status, 200);

    // One of two tabs closes: the server stays.
    assert_eq!(gui.post(&format!("/api/bye?tab={first}"), "").status, 200);
    std::thread::sleep(Duration::from_secs(6));
    assert!(gui.alive(), "the server stopped with a tab still open");

    // The last one closes: the server stops after its grace period, not before.
    assert_eq!(gui.post(&format!("/api/bye?tab={second}"), "").status, 200);
    let closed = Instant::now();
    let status = gui
        .wait_exit(Duration::from_secs(10))
        .expect("wusim gui ends after its last tab");
    let after = closed.elapsed();
    assert!(status.success(), "{status:?}");
    assert!(
        after >= Duration::from_secs(4),
        "stopped {after:?} after the last tab, before the grace period"
    );
}

#[test]
fn the_page_is_served_with_its_security_headers() {
    let gui = start();
    let host = gui.host();
    let reply = gui.send(
        "GET",
        &format!("/?token={}", gui.token),
        &[("Host", &host)],
        None,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let content_type = reply.header("Content-Type").expect("a Content-Type");
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let csp = reply
        .header("Content-Security-Policy")
        .expect("a Content-Security-Policy");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a script nonce");
    assert!(nonce.len() >= 16, "{csp}");
    assert!(
        reply.body.contains(&format!("nonce=\"{nonce}\"")),
        "the page's script has another nonce"
    );
    assert!(
        !reply.body.contains("{{"),
        "a placeholder was left in the page"
    );
    assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"));

    let reply = gui.send("GET", "/", &[("Host", &host)], None);
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert!(
        !reply.body.contains("<html"),
        "the page was served without the token"
    );
    let reply = gui.send(
        "GET",
        &format!("/?token={}", garbled(&gui.token)),
        &[("Host", &host)],
        None,
    );
    assert_eq!(reply.status, 403, "{}", reply.body);
}
