//! Fleet files: good ones read as written, bad ones are refused with the place and what
//! would be right, before anything runs.

use super::*;

fn errors(text: &str) -> String {
    match parse("fleet.toml", text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(d) => d.to_string(),
    }
}

#[test]
fn the_example_reads_as_written() {
    let spec = parse("example.toml", crate::fleet::EXAMPLE).unwrap();
    assert_eq!(spec.pcs, 2_000);
    assert_eq!(spec.rings.len(), 3);
    assert_eq!(spec.rings[2].quality_deferral_days, 7);
    assert_eq!(spec.server.requests_per_hour, Some(600));
    assert_eq!(spec.faults.len(), 2);
}

#[test]
fn a_minimal_file_gets_one_ring_and_the_defaults() {
    let spec = parse("f.toml", "[fleet]\npcs = 10\n").unwrap();
    assert_eq!((spec.days, spec.sites, spec.do_mode), (30, 1, 1));
    assert_eq!(spec.rings.len(), 1);
    assert_eq!(spec.start, default_start());
    assert!(spec.server.requests_per_hour.is_none());
}

#[test]
fn the_autopatch_preset_is_its_standard_rings() {
    let spec = parse("f.toml", "[fleet]\npcs = 1000\nrings = \"autopatch\"\n").unwrap();
    let rings: Vec<_> = spec
        .rings
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.share,
                r.quality_deferral_days,
                r.deadline_days,
                r.grace_days,
            )
        })
        .collect();
    assert_eq!(
        rings,
        [
            ("First", 1.0, 1, Some(2), 2),
            ("Fast", 9.0, 6, Some(2), 2),
            ("Broad", 90.0, 9, Some(5), 2)
        ]
    );
    let small = parse("f.toml", "[fleet]\npcs = 200\nrings = \"autopatch\"\n").unwrap();
    let shares: Vec<f64> = small.rings.iter().map(|r| r.share).collect();
    assert_eq!(shares, [5.0, 15.0, 80.0], "200 devices or fewer");
}

#[test]
fn shares_must_add_up_to_100_with_the_place_named() {
    let text = "[fleet]\npcs = 100\n\n[[ring]]\nname = \"A\"\nshare = 30\n\n[[ring]]\nname = \"B\"\nshare = 60\n";
    let e = errors(text);
    assert!(e.contains("the ring shares add up to 90, not 100"), "{e}");
    assert!(
        e.contains("fleet.toml:8:"),
        "the place of the last ring: {e}"
    );
    let e = errors("[fleet]\npcs = 100\n[mix]\nos = { windows-11-23h2 = 50 }\n");
    assert!(e.contains("the os shares add up to 50, not 100"), "{e}");
}

#[test]
fn deferrals_beyond_the_policy_range_are_refused() {
    let e = errors(
        "[fleet]\npcs = 100\n[[ring]]\nname = \"A\"\nshare = 100\nquality-deferral-days = 31\n",
    );
    assert!(
        e.contains("quality-deferral-days = 31 is out of range"),
        "{e}"
    );
    assert!(
        e.contains("use 0 to 30 (DeferQualityUpdatesPeriodInDays)"),
        "{e}"
    );
    assert!(e.contains("fleet.toml:6:25"), "{e}");
    let e = errors("[fleet]\npcs = 100\n[[ring]]\nname = \"A\"\nshare = 100\ngrace-days = 8\n");
    assert!(e.contains("use 0 to 7"), "{e}");
}

#[test]
fn a_ring_with_no_pc_and_impossible_sizes_are_refused() {
    let e = errors(
        "[fleet]\npcs = 10\n[[ring]]\nname = \"Tiny\"\nshare = 1\n[[ring]]\nname = \"Rest\"\nshare = 99\n",
    );
    assert!(e.contains("ring `Tiny` gets no PC: 1 % of 10"), "{e}");
    assert!(errors("[fleet]\npcs = 0\n").contains("a fleet needs at least one PC"));
    let e = errors("[fleet]\npcs = 100000000\nsites = 100\n");
    assert!(e.contains("would need about 350 GB"), "{e}");
    assert!(!e.contains("sites"), "no follow-on error: {e}");
    assert!(e.contains("--shard"), "{e}");
}

#[test]
fn unknown_names_list_the_valid_ones() {
    let e = errors("[fleet]\npcs = 10\n[faults]\ncorrupt-everything = 1\n");
    assert!(
        e.contains("unknown fault kind `corrupt-everything`")
            && e.contains("corrupt-download-cache"),
        "{e}"
    );
    let e = errors("[fleet]\npcs = 10\n[faults]\nserver = 1\n");
    assert!(e.contains("not a per-PC fault"), "{e}");
    let e = errors("[fleet]\npcs = 10\n[delivery-optimization]\nmode = 4\n");
    assert!(e.contains("use 0 (HTTP only), 1 (LAN)"), "{e}");
    let e = errors("[fleet]\npcs = 10\n[[action]]\nday = 1\nring = \"Nope\"\npause = true\n");
    assert!(
        e.contains("no ring is named `Nope`") && e.contains("use one of: All"),
        "{e}"
    );
    let e = errors("[fleet]\npcs = 10\n[bad-update]\nshare = 5\ncode = \"0x12345678\"\n");
    assert!(e.contains("not an error code wusim knows"), "{e}");
    let e = errors("[fleet]\npcs = 10\nbogus = 1\n");
    assert!(e.contains("unknown field `bogus`"), "{e}");
}

#[test]
fn actions_are_checked_and_kept_in_time_order() {
    let text = "[fleet]\npcs = 10\ndays = 10\n[[action]]\nday = 5\nring = \"all\"\nresume = true\n[[action]]\nday = 2.5\nring = \"All\"\npause = true\n";
    let spec = parse("f.toml", text).unwrap();
    let hours: Vec<(u32, Change)> = spec.actions.iter().map(|a| (a.hour, a.change)).collect();
    assert_eq!(hours, [(60, Change::Pause), (120, Change::Resume)]);
    let e = errors(
        "[fleet]\npcs = 10\ndays = 10\n[[action]]\nday = 12\nring = \"All\"\npause = true\n",
    );
    assert!(e.contains("day = 12 is outside the run"), "{e}");
    let e = errors(
        "[fleet]\npcs = 10\n[[action]]\nday = 1\nring = \"All\"\npause = true\nresume = true\n",
    );
    assert!(e.contains("an action does one thing"), "{e}");
}
