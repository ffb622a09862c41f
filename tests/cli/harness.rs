//! `wusim test <script>`: a script's properties on drawn broken PCs and on the built-in
//! tickets, its shrunk counterexamples, JUnit for CI, exit codes, and nothing written but
//! the files asked for.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn wusim_in(home: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("wusim"));
    cmd.env("NO_COLOR", "1").env("WUSIM_HOME", home);
    cmd
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("book/src/examples")
        .join(name)
}

fn json_report(home: &Path, args: &[&str], script: &Path) -> (Option<i32>, serde_json::Value) {
    let output = wusim_in(home)
        .arg("test")
        .args(args)
        .arg("--json")
        .arg(script)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code(), report)
}

fn failed(report: &serde_json::Value, property: &str) -> u64 {
    report["properties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["property"] == property)
        .unwrap()["failed"]
        .as_u64()
        .unwrap()
}

#[test]
fn the_good_example_holds_every_property_on_drawn_pcs() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args(["test", "--cases", "300"])
        .arg(example("good-fix.bat"))
        .assert()
        .success()
        .stdout(predicate::str::contains("PASS: 300 case(s)"))
        .stdout(predicate::str::contains("corrupt-catroot2"));
    assert_eq!(
        std::fs::read_dir(home.path()).unwrap().count(),
        0,
        "test writes no progress and no session file"
    );
}

#[test]
fn the_web_script_does_harm_and_shrinks_to_a_pc_that_plays() {
    let home = tempfile::tempdir().unwrap();
    let (code, report) = json_report(home.path(), &["--cases", "200"], &example("web-fix.bat"));
    assert_eq!(code, Some(1));
    assert!(failed(&report, "does-no-harm") > 0);
    let harm = report["properties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["property"] == "does-no-harm")
        .unwrap()["counterexample"]
        .clone();
    assert!(harm["faults"].as_array().unwrap().len() <= 2, "{harm}");
    let reason = harm["reason"].as_str().unwrap();
    assert!(reason.contains("deleted SoftwareDistribution"), "{reason}");
    assert!(reason.contains("left on Automatic"), "{reason}");
    // The counterexample is a scenario file that validate accepts and that plays.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("counterexample.toml");
    std::fs::write(&file, harm["scenario_file"].as_str().unwrap()).unwrap();
    wusim_in(home.path())
        .arg("validate")
        .arg(&file)
        .assert()
        .success();
    wusim_in(home.path())
        .arg("run")
        .arg(&file)
        .args([
            "-c",
            "\"%USERPROFILE%\\Desktop\\web-fix.bat\"",
            "-c",
            "sc qc wuauserv",
        ])
        .assert()
        .stdout(predicate::str::contains("AUTO_START"));
}

#[test]
fn doing_nothing_fails_fixes() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let nothing = dir.path().join("nothing.bat");
    std::fs::write(&nothing, "@echo off\r\nrem nothing to do\r\n").unwrap();
    let (code, report) = json_report(
        home.path(),
        &[
            "--cases",
            "60",
            "--faults",
            "service-disabled,corrupt-catroot2",
        ],
        &nothing,
    );
    assert_eq!(code, Some(1));
    assert!(failed(&report, "fixes") > 0);
    assert_eq!(failed(&report, "does-no-harm"), 0);
}

#[test]
fn the_same_seed_gives_the_same_report_whatever_the_threads() {
    let home = tempfile::tempdir().unwrap();
    let run = |threads: &str, seed: &str| {
        wusim_in(home.path())
            .args([
                "--seed",
                seed,
                "test",
                "--cases",
                "80",
                "--threads",
                threads,
            ])
            .arg(example("web-fix.bat"))
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1", "5");
    assert_eq!(one, run("2", "5"));
    assert_eq!(one, run("1", "5"));
    assert_ne!(one, run("1", "6"), "another seed draws other PCs");
}

#[test]
fn junit_output_follows_the_schema_kept_in_the_repository() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("report.xml");
    wusim_in(home.path())
        .args(["test", "--cases", "60", "--junit"])
        .arg(&xml)
        .arg(example("web-fix.bat"))
        .assert()
        .code(1);
    let text = std::fs::read_to_string(&xml).unwrap();
    let schema = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/junit/junit.xsd"),
    )
    .unwrap();
    schema::check(&schema, &text);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let failures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert!(
        failures
            .iter()
            .any(|f| f.attribute("type") == Some("does-no-harm")
                && f.text().unwrap_or_default().contains("format-version = 2")),
        "a failure carries the shrunk case"
    );
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert!(cases >= 4, "one test case per property and fault class");
}

#[test]
fn a_detection_script_decides_where_the_remediation_runs() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fix = dir.path().join("fix.ps1");
    std::fs::write(
        &fix,
        "Set-Service -Name wuauserv -StartupType Manual\r\nStart-Service wuauserv\r\n",
    )
    .unwrap();
    let always_fine = dir.path().join("detect.ps1");
    std::fs::write(&always_fine, "exit 0\r\n").unwrap();
    let detect_disabled = dir.path().join("detect-disabled.ps1");
    std::fs::write(
        &detect_disabled,
        "if ((Get-Service wuauserv).StartType -eq 'Disabled') { exit 1 }\r\nexit 0\r\n",
    )
    .unwrap();
    let args = ["--scenario", "windows-update-disabled", "--detect"];
    let (code, report) = json_report(
        home.path(),
        &[args[0], args[1], args[2], always_fine.to_str().unwrap()],
        &fix,
    );
    assert_eq!(code, Some(1));
    assert_eq!(report["failing"][0]["remediated"], false);
    assert!(
        report["failing"][0]["failures"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("the detection script said the PC was fine")
    );
    let (code, report) = json_report(
        home.path(),
        &[args[0], args[1], args[2], detect_disabled.to_str().unwrap()],
        &fix,
    );
    assert_eq!(code, Some(0), "{report}");
}

#[test]
fn a_looping_script_is_cut_off_with_a_named_failure() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let looping = dir.path().join("loop.bat");
    std::fs::write(&looping, "@echo off\r\n:again\r\ngoto again\r\n").unwrap();
    let (code, report) = json_report(
        home.path(),
        &["--cases", "3", "--faults", "corrupt-catroot2"],
        &looping,
    );
    assert_eq!(code, Some(1));
    assert!(
        report["failing"][0]["unclean"][0]
            .as_str()
            .unwrap()
            .starts_with("did not finish in"),
        "{report}"
    );
}

#[test]
fn an_exercise_grades_the_properties_it_names() {
    let home = tempfile::tempdir().unwrap();
    let exercise =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/exercises/01-catroot2-reset.toml");
    wusim_in(home.path())
        .args(["test", "--config"])
        .arg(&exercise)
        .arg(example("good-fix.bat"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Exercise: "))
        .stdout(predicate::str::contains("PASS"));
    wusim_in(home.path())
        .args(["test", "--config"])
        .arg(&exercise)
        .arg(example("web-fix.bat"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL"));
}

#[test]
fn the_built_in_tickets_are_cases_too() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("enable.bat");
    std::fs::write(
        &good,
        "@echo off\r\nsc config wuauserv start= demand >nul\r\nnet start wuauserv >nul\r\n",
    )
    .unwrap();
    wusim_in(home.path())
        .args(["test", "--scenario", "windows-update-disabled"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains("windows-update-disabled"))
        .stdout(predicate::str::contains("PASS: 1 case(s)"));
}

#[test]
fn usage_and_script_errors_exit_two_with_one_reason() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("s.txt");
    std::fs::write(&script, "sc query wuauserv\n").unwrap();
    wusim_in(home.path())
        .args(["test", "--scenario", "no-such-ticket"])
        .arg(&script)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no built-in ticket called 'no-such-ticket'",
        ));
    wusim_in(home.path())
        .args(["test", "--faults", "dsik-full"])
        .arg(&script)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown fault kind 'dsik-full'"))
        .stderr(predicate::str::contains("disk-full"));
    let utf16 = dir.path().join("fix.bat");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "net start wuauserv\r\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).unwrap();
    wusim_in(home.path())
        .arg("test")
        .arg(&utf16)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("UTF-16"));
    let binary = dir.path().join("tool.bat");
    std::fs::write(&binary, b"MZ\x90\x00\x03\x00\x00\x00").unwrap();
    wusim_in(home.path())
        .arg("test")
        .arg(&binary)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a text file"));
    wusim_in(home.path())
        .args(["test", "missing.bat"])
        .assert()
        .code(2);
    wusim_in(home.path())
        .args(["test", "--scenario", "all", "--cases", "5"])
        .arg(&script)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

/// A check of an XML document against the subset of XML Schema the JUnit schema uses:
/// global elements with complex types (sequences and choices of element references, with
/// their counts left to the schema's author) and attributes (required ones must be there,
/// numeric ones must be numbers, undeclared ones are refused).
mod schema {
    use std::collections::BTreeMap;

    struct Declared {
        children: Vec<String>,
        attributes: BTreeMap<String, (bool, String)>,
        text: bool,
    }

    pub(super) fn check(xsd: &str, xml: &str) {
        let schema = roxmltree::Document::parse(xsd).expect("the schema is XML");
        let mut declared = BTreeMap::new();
        for element in schema
            .root_element()
            .children()
            .filter(|n| n.has_tag_name(("http://www.w3.org/2001/XMLSchema", "element")))
        {
            let name = element.attribute("name").unwrap().to_string();
            let children = element
                .descendants()
                .filter(|n| n.tag_name().name() == "element")
                .filter_map(|n| n.attribute("ref"))
                .map(str::to_string)
                .collect();
            let attributes = element
                .descendants()
                .filter(|n| n.tag_name().name() == "attribute")
                .map(|n| {
                    (
                        n.attribute("name").unwrap().to_string(),
                        (
                            n.attribute("use") == Some("required"),
                            n.attribute("type").unwrap_or("xs:string").to_string(),
                        ),
                    )
                })
                .collect();
            let text = element.attribute("type") == Some("xs:string")
                || element
                    .descendants()
                    .any(|n| n.attribute("mixed") == Some("true"));
            declared.insert(
                name,
                Declared {
                    children,
                    attributes,
                    text,
                },
            );
        }
        let doc = roxmltree::Document::parse(xml).expect("the report is well-formed XML");
        let root = doc.root_element();
        assert!(
            declared.contains_key(root.tag_name().name()),
            "root {:?}",
            root.tag_name()
        );
        for node in root.descendants().filter(roxmltree::Node::is_element) {
            let name = node.tag_name().name();
            let rules = declared
                .get(name)
                .unwrap_or_else(|| panic!("<{name}> is not in the schema"));
            for attribute in node.attributes() {
                let (_, kind) = rules.attributes.get(attribute.name()).unwrap_or_else(|| {
                    panic!("<{name} {}> is not in the schema", attribute.name())
                });
                match kind.as_str() {
                    "xs:nonNegativeInteger" => {
                        attribute.value().parse::<u64>().unwrap();
                    }
                    "xs:decimal" => {
                        attribute.value().parse::<f64>().unwrap();
                    }
                    _ => {}
                }
            }
            for (attribute, (required, _)) in &rules.attributes {
                assert!(
                    !required || node.attribute(attribute.as_str()).is_some(),
                    "<{name}> needs {attribute}"
                );
            }
            for child in node.children() {
                if child.is_element() {
                    let child_name = child.tag_name().name().to_string();
                    assert!(
                        rules.children.contains(&child_name),
                        "<{child_name}> cannot be in <{name}>"
                    );
                } else if child.is_text() {
                    assert!(
                        rules.text || child.text().unwrap_or_default().trim().is_empty(),
                        "<{name}> holds no text"
                    );
                }
            }
        }
    }
}
