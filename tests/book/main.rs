//! The book never goes stale: every console transcript in it runs against the real binary
//! (`transcript.rs`), the error-code reference is exactly what the catalog generates, and every
//! internal link points at a page that exists.

#![allow(clippy::disallowed_methods)] // tests read the repository's files

mod transcript;

use std::path::{Path, PathBuf};

/// Every `console` block of the book, run and compared (see `transcript.rs` for the rules).
/// `WUSIM_BLESS=1 cargo test --test book` rewrites the outputs after a deliberate change.
#[test]
fn console_transcripts_match_the_binary() {
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("NO_COLOR", "1".to_string()),
        ("WUSIM_HOME", home.path().to_string_lossy().into_owned()),
    ];
    let bless = std::env::var_os("WUSIM_BLESS").is_some();
    let mut pages = Vec::new();
    markdown_files(Path::new("book/src"), &mut pages);
    pages.sort();
    let failures: Vec<String> = pages
        .iter()
        .flat_map(|page| transcript::check_file(page, env!("CARGO_BIN_EXE_wusim"), &env, bless))
        .collect();
    assert!(
        failures.is_empty(),
        "{} transcript step(s) failed (WUSIM_BLESS=1 rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The error-code page is generated from the catalog. Regenerate it with
/// `cargo run -- codes --markdown > book/src/reference/error-codes.md`.
#[test]
fn the_error_code_reference_is_generated_from_the_catalog() {
    let committed = std::fs::read_to_string("book/src/reference/error-codes.md").unwrap();
    assert!(
        committed == wusim::codes::markdown(),
        "book/src/reference/error-codes.md is out of date: run `cargo run -- codes --markdown > book/src/reference/error-codes.md`"
    );
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// Relative links (`[text](page.md)`, `[text](../page.md#anchor)`) lead to files that exist,
/// and every page is in SUMMARY.md.
#[test]
fn internal_links_resolve_and_every_page_is_in_the_summary() {
    let root = Path::new("book/src");
    let mut pages = Vec::new();
    markdown_files(root, &mut pages);
    let summary = std::fs::read_to_string(root.join("SUMMARY.md")).unwrap();
    let mut broken = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = &rest[..end];
            rest = &rest[end..];
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let file = target.split('#').next().unwrap_or(target);
            if file.is_empty() {
                continue;
            }
            let resolved = page.parent().unwrap().join(file);
            if !resolved.exists() {
                broken.push(format!("{} -> {target}", page.display()));
            }
        }
        let relative = page
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative != "SUMMARY.md" && !summary.contains(&format!("({relative})")) {
            broken.push(format!("{relative} is not in SUMMARY.md"));
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The GitHub Actions workflow the CI chapter ships is valid YAML, and a workflow: it runs
/// on pushes, installs wusim, runs `wusim test` with a JUnit report, and keeps the report.
#[test]
fn the_ci_workflow_is_valid_yaml_that_runs_wusim_test() {
    use yaml_rust2::{Yaml, YamlLoader};
    let text = std::fs::read_to_string("book/src/examples/wusim-test.yml").unwrap();
    let docs = YamlLoader::load_from_str(&text).expect("the workflow is valid YAML");
    let workflow = &docs[0];
    assert!(!workflow["on"]["push"].is_badvalue(), "it runs on push");
    let Yaml::Hash(jobs) = &workflow["jobs"] else {
        panic!("a workflow has jobs")
    };
    let steps: Vec<&Yaml> = jobs
        .values()
        .flat_map(|job| job["steps"].as_vec().expect("a job has steps"))
        .collect();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(|r| r.contains("cargo install")), "{runs:?}");
    assert!(
        runs.iter()
            .any(|r| r.contains("wusim test") && r.contains("--junit wusim-report.xml")),
        "{runs:?}"
    );
    assert!(
        steps
            .iter()
            .any(|s| s["with"]["path"].as_str() == Some("wusim-report.xml")),
        "the report is kept"
    );
}
