//! The fuzz corpus and every crasher the fuzzers ever found (`fuzz/corpus/<target>/seed-*`,
//! `fuzz/regressions/<target>/*`), replayed by plain `cargo test` through the same entry
//! points the fuzz targets call, so a regression shows without the fuzzer. Run the fuzzers
//! themselves with `cargo fuzz run -s none <target>` in `fuzz/` (see the book's developer
//! chapter).
#![allow(clippy::disallowed_methods)] // reads the repository's corpus files

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    // The corpus's seeds (what the fuzzer adds there locally is not kept), and every crasher.
    for (dir, prefix) in [
        (root.join("corpus").join(target), "seed-"),
        (root.join("regressions").join(target), ""),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !name.starts_with(prefix) {
                continue;
            }
            out.push((name, std::fs::read(entry.path()).expect("a corpus file")));
        }
    }
    out.sort();
    out
}

#[test]
fn the_scenario_corpus_and_crashers_load_without_panicking() {
    let inputs = inputs("scenario");
    assert!(inputs.len() >= 5, "the scenario corpus has its seeds");
    for (name, data) in inputs {
        let result = std::panic::catch_unwind(|| wusim::fuzzing::scenario_file(&data));
        assert!(result.is_ok(), "scenario input {name} panics");
    }
}

#[test]
fn the_shell_corpus_and_crashers_run_without_panicking() {
    let inputs = inputs("shell");
    assert!(inputs.len() >= 5, "the shell corpus has its seeds");
    for (name, data) in inputs {
        let result = std::panic::catch_unwind(|| wusim::fuzzing::shell_lines(&data));
        assert!(result.is_ok(), "shell input {name} panics");
    }
}
