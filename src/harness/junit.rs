//! The report as JUnit XML, as GitHub Actions, GitLab and Jenkins read it: one test suite
//! for the script, one test case per property × fault class, and on each failing one the
//! first failing case's reason and the property's shrunk counterexample. The schema it
//! follows is kept in the repository (`tests/junit/junit.xsd`) and checked by the tests.

use std::fmt::Write;

use super::campaign::Report;

/// The report as a JUnit XML document.
pub fn junit(report: &Report) -> String {
    let mut cases = String::new();
    let (mut tests, mut failures) = (0u64, 0u64);
    for row in &report.matrix {
        for class in &row.failures {
            tests += 1;
            let name = format!("{}: {}", class.property, row.class);
            let _ = writeln!(
                cases,
                "    <testcase name=\"{}\" classname=\"wusim.{}\" time=\"0\">",
                escape(&name),
                escape(&report.script)
            );
            if let Some((case, reason)) = class.first.as_ref().filter(|_| class.count > 0) {
                failures += 1;
                let mut body = format!(
                    "{} of {} case(s) with {} fail {}. First: {case}: {reason}\n",
                    class.count, row.cases, row.class, class.property
                );
                if let Some(example) = report
                    .properties
                    .iter()
                    .find(|p| p.property == class.property)
                    .and_then(|p| p.counterexample.as_ref())
                {
                    let _ = write!(
                        body,
                        "\nShrunk counterexample ({}): {}\n{}\n",
                        example.shrunk_from, example.pc, example.reason
                    );
                    if let Some(file) = &example.scenario_file {
                        body.push('\n');
                        body.push_str(file);
                    }
                }
                let _ = writeln!(
                    cases,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    escape(&format!("{case}: {reason}")),
                    class.property,
                    escape(&body)
                );
            }
            cases.push_str("    </testcase>\n");
        }
    }
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"wusim test\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    let _ = writeln!(
        xml,
        "  <testsuite name=\"wusim test {}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">",
        escape(&report.script)
    );
    xml.push_str("    <properties>\n");
    let _ = writeln!(
        xml,
        "      <property name=\"cases\" value=\"{}\"/>",
        report.cases
    );
    if let Some(seed) = report.seed {
        let _ = writeln!(xml, "      <property name=\"seed\" value=\"{seed}\"/>");
    }
    xml.push_str("    </properties>\n");
    xml.push_str(&cases);
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

/// Text as XML character data or an attribute value: markup characters as entities, and
/// characters XML 1.0 cannot hold (control characters) dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_cannot_break_the_document() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}\r\n"),
            "a&lt;b &amp; &quot;c&quot;&#13;\n"
        );
    }
}
