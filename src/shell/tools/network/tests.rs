//! `ping`, `tracert` and `nslookup` through the shell.

use crate::device::WinHttpProxy;
use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::shell::{Shell, TYPING_TIME};

fn pc() -> Pc {
    Pc::builder().seed(1).build()
}

fn offline() -> Pc {
    let mut pc = pc();
    pc.act(|w| w.device.network.online = false);
    pc
}

/// Runs one line on `pc`: its text and exit code.
fn run(pc: &mut Pc, line: &str) -> (String, i32) {
    let mut sh = Shell::new(pc);
    let out = sh.execute(pc, line);
    (out.text, out.exit_code)
}

#[test]
fn ping_prints_windows_reply_block() {
    let (text, code) = run(&mut pc(), "ping google.com");
    assert_eq!(
        text,
        "\nPinging google.com [142.250.190.46] with 32 bytes of data:
Reply from 142.250.190.46: bytes=32 time=14ms TTL=117
Reply from 142.250.190.46: bytes=32 time=13ms TTL=117
Reply from 142.250.190.46: bytes=32 time=15ms TTL=117
Reply from 142.250.190.46: bytes=32 time=14ms TTL=117

Ping statistics for 142.250.190.46:
    Packets: Sent = 4, Received = 4, Lost = 0 (0% loss),
Approximate round trip times in milli-seconds:
    Minimum = 13ms, Maximum = 15ms, Average = 14ms
"
    );
    assert_eq!(code, 0);
}

#[test]
fn ping_knows_the_windows_update_hosts_online() {
    let rows = [
        (
            "ping download.windowsupdate.com",
            "Pinging download.windowsupdate.com [23.216.81.152]",
        ),
        (
            "ping fe2.update.microsoft.com",
            "Pinging fe2.update.microsoft.com [20.72.235.82]",
        ),
        ("ping sls.update.microsoft.com", "[20.72.235.82]"),
        (
            "ping www.microsoft.com",
            "Pinging www.microsoft.com [23.55.161.123]",
        ),
        ("ping time.windows.com", "[20.101.57.9]"),
        ("ping 8.8.8.8", "Pinging 8.8.8.8 with 32 bytes of data:"),
        (
            "ping 192.168.1.1",
            "Reply from 192.168.1.1: bytes=32 time<1ms TTL=64",
        ),
        (
            "ping localhost",
            "Pinging localhost [127.0.0.1] with 32 bytes of data:",
        ),
        (
            "ping 127.0.0.1",
            "Reply from 127.0.0.1: bytes=32 time<1ms TTL=128",
        ),
    ];
    for (line, expected) in rows {
        let (text, code) = run(&mut pc(), line);
        assert!(text.contains(expected), "{line}: {text}");
        assert!(text.contains("Received = 4, Lost = 0"), "{line}: {text}");
        assert_eq!(code, 0, "{line}");
    }
}

#[test]
fn unknown_names_are_not_found_and_unknown_addresses_time_out() {
    let (text, code) = run(&mut pc(), "ping nosuch.example");
    assert_eq!(
        text,
        "Ping request could not find host nosuch.example. Please check the name and try again.\n"
    );
    assert_eq!(code, 1);
    let (text, code) = run(&mut pc(), "ping -n 2 10.9.9.9");
    assert_eq!(
        text,
        "\nPinging 10.9.9.9 with 32 bytes of data:\nRequest timed out.\nRequest timed out.\n\nPing statistics for 10.9.9.9:\n    Packets: Sent = 2, Received = 0, Lost = 2 (100% loss),\n"
    );
    assert_eq!(code, 1);
}

#[test]
fn offline_names_fail_addresses_time_out_and_loopback_answers() {
    let rows = [
        (
            "ping download.windowsupdate.com",
            "Ping request could not find host download.windowsupdate.com. Please check the name and try again.",
            1,
        ),
        ("ping 8.8.8.8", "Request timed out.", 1),
        ("ping 127.0.0.1", "Reply from 127.0.0.1", 0),
        ("ping localhost", "Reply from 127.0.0.1", 0),
    ];
    for (line, expected, exit) in rows {
        let (text, code) = run(&mut offline(), line);
        assert!(text.contains(expected), "{line}: {text}");
        assert_eq!(code, exit, "{line}");
    }
    // After ipconfig /release the PC is offline too.
    let mut pc = pc();
    pc.act(|w| w.device.network.released = true);
    assert_eq!(run(&mut pc, "ping www.microsoft.com").1, 1);
}

#[test]
fn a_broken_proxy_does_not_stop_ping_or_nslookup() {
    let mut pc = pc();
    pc.act(|w| w.device.network.proxy = WinHttpProxy::Broken);
    let (text, code) = run(&mut pc, "ping download.windowsupdate.com");
    assert!(text.contains("Received = 4"), "{text}");
    assert_eq!(code, 0);
    let (text, code) = run(&mut pc, "nslookup download.windowsupdate.com");
    assert!(text.contains("Address:  23.216.81.152"), "{text}");
    assert_eq!(code, 0);
}

/// Simulated time a line took, beyond the typing time.
fn elapsed(pc: &mut Pc, line: &str) -> SimDuration {
    let before = pc.now();
    run(pc, line);
    SimDuration::from_millis(pc.now().since(before).as_millis() - TYPING_TIME.as_millis())
}

#[test]
fn ping_lets_simulated_time_pass() {
    let mut pc = pc();
    assert_eq!(
        elapsed(&mut pc, "ping -n 3 127.0.0.1 >nul"),
        SimDuration::from_secs(2)
    );
    assert_eq!(
        elapsed(&mut pc, "ping 127.0.0.1"),
        SimDuration::from_secs(3)
    );
    assert_eq!(
        elapsed(&mut pc, "ping -n 11 localhost > nul"),
        SimDuration::from_secs(10)
    );
    // A request that times out waits for its -w (4 s by default).
    assert_eq!(
        elapsed(&mut pc, "ping -n 1 -w 3000 10.9.9.9 >nul"),
        SimDuration::from_secs(3)
    );
    assert_eq!(
        elapsed(&mut pc, "ping -n 2 10.9.9.9"),
        SimDuration::from_secs(9)
    );
    // tracert waits three times -w for each silent hop.
    assert_eq!(
        elapsed(&mut offline(), "tracert -h 2 -w 1000 8.8.8.8"),
        SimDuration::from_secs(7)
    );
    // A name that does not resolve fails at once.
    assert_eq!(
        elapsed(&mut offline(), "ping nosuch.example"),
        SimDuration::ZERO
    );
}

#[test]
fn ping_options_count_forever_and_bad_ones() {
    let (text, _) = run(&mut pc(), "ping /n 6 8.8.8.8");
    assert!(text.contains("Sent = 6, Received = 6"), "{text}");
    let (text, code) = run(&mut pc(), "ping -t 8.8.8.8");
    assert!(
        text.contains("Sent = 4") && text.contains("Ctrl+C"),
        "{text}"
    );
    assert_eq!(code, 0);
    let (text, _) = run(&mut pc(), "ping -n 5000 127.0.0.1");
    assert!(
        text.contains("Sent = 1000") && text.contains("at most 1000"),
        "{text}"
    );
    for line in [
        "ping",
        "ping -n",
        "ping -n 0 8.8.8.8",
        "ping -n x 8.8.8.8",
        "ping -q 8.8.8.8",
    ] {
        let (text, code) = run(&mut pc(), line);
        assert!(text.starts_with("(wusim: "), "{line}: {text}");
        assert_eq!(code, 1, "{line}");
    }
}

#[test]
fn tracert_lists_the_hops() {
    let (text, code) = run(&mut pc(), "tracert download.windowsupdate.com");
    assert_eq!(
        text,
        "
Tracing route to download.windowsupdate.com [23.216.81.152]
over a maximum of 30 hops:

  1    <1 ms    <1 ms    <1 ms  192.168.1.1
  2     6 ms     7 ms     6 ms  10.64.0.1
  3     7 ms     8 ms     7 ms  100.72.14.1
  4     *        *        *     Request timed out.
  5     7 ms     8 ms     7 ms  4.69.152.9
  6     9 ms    10 ms     9 ms  23.216.81.152

Trace complete.
"
    );
    assert_eq!(code, 0);
    let (text, _) = run(&mut pc(), "tracert 8.8.8.8");
    assert!(
        text.contains("Tracing route to dns.google [8.8.8.8]"),
        "{text}"
    );
    assert!(text.contains("  dns.google [8.8.8.8]\n"), "{text}");
    let (text, _) = run(&mut pc(), "tracert -d 8.8.8.8");
    assert!(
        text.contains("Tracing route to 8.8.8.8 over a maximum of 30 hops\n"),
        "{text}"
    );
    let (text, _) = run(&mut pc(), "tracert 127.0.0.1");
    assert!(
        text.contains("  1    <1 ms    <1 ms    <1 ms  localhost [127.0.0.1]\n\nTrace"),
        "{text}"
    );
}

#[test]
fn tracert_offline_and_unknown() {
    let (text, code) = run(&mut offline(), "tracert www.microsoft.com");
    assert_eq!(
        text,
        "Unable to resolve target system name www.microsoft.com.\n"
    );
    assert_eq!(code, 1);
    let (text, _) = run(&mut offline(), "tracert -h 3 8.8.8.8");
    assert_eq!(text.matches("Request timed out.").count(), 3, "{text}");
    let (text, _) = run(&mut pc(), "tracert 10.9.9.9");
    assert_eq!(text.matches("Request timed out.").count(), 27, "{text}");
    assert!(text.contains("  1    <1 ms"), "{text}");
}

#[test]
fn nslookup_answers_and_fails_as_windows_does() {
    let (text, code) = run(&mut pc(), "nslookup www.microsoft.com");
    assert_eq!(
        text,
        "Server:  UnKnown\nAddress:  192.168.1.1\n\nNon-authoritative answer:\nName:    www.microsoft.com\nAddress:  23.55.161.123\n\n"
    );
    assert_eq!(code, 0);
    let (text, code) = run(&mut pc(), "nslookup nosuch.example");
    assert!(
        text.ends_with("*** UnKnown can't find nosuch.example: Non-existent domain\n"),
        "{text}"
    );
    assert_eq!(code, 1);
    let (text, _) = run(&mut pc(), "nslookup 8.8.8.8");
    assert!(
        text.ends_with("\n\nName:    dns.google\nAddress:  8.8.8.8\n\n"),
        "{text}"
    );
    let (text, _) = run(&mut pc(), "nslookup time.windows.com 8.8.8.8");
    assert!(
        text.starts_with("Server:  dns.google\nAddress:  8.8.8.8\n"),
        "{text}"
    );
    let (text, code) = run(&mut offline(), "nslookup time.windows.com");
    assert!(
        text.ends_with("*** UnKnown can't find time.windows.com: No response from server\n"),
        "{text}"
    );
    assert_eq!(code, 1);
    let (text, code) = run(&mut pc(), "nslookup");
    assert!(text.starts_with("(wusim: "), "{text}");
    assert_eq!(code, 1);
}

#[test]
fn odd_arguments_never_panic() {
    let long = "a".repeat(5000);
    let lines = [
        "ping é".to_string(),
        "ping 999.1.1.1".to_string(),
        "ping 1.2.3".to_string(),
        "ping -n 4294967295 -w 4294967295 -t 1.2.3.4".to_string(),
        format!("ping {long}"),
        format!("tracert {long}"),
        format!("nslookup {long} {long}"),
        "tracert -h 0 8.8.8.8".to_string(),
        "tracert".to_string(),
        "nslookup -type=mx".to_string(),
        "ping .windowsupdate.com".to_string(),
        "ping \u{0}".to_string(),
    ];
    for line in lines {
        let mut pc = pc();
        let _ = run(&mut pc, &line);
    }
}
