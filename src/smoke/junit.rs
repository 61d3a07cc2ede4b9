//! The smoke test as JUnit XML for CI dashboards: one `<testcase>` per step, failures with
//! their fix, skipped steps as `<skipped>`, the request-id in `<system-out>`.

use super::{Outcome, Report};

pub fn render(report: &Report, suite: &str) -> String {
    let count = |o: Outcome| report.steps.iter().filter(|s| s.outcome == o).count();
    let total_ms: u64 = report.steps.iter().map(|s| s.duration_ms).sum();
    let seconds = |ms: u64| format!("{:.3}", ms as f64 / 1000.0);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let attributes = format!(
        "name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\"",
        escape(suite),
        report.steps.len(),
        count(Outcome::Fail),
        count(Outcome::Skipped),
        seconds(total_ms)
    );
    xml.push_str(&format!("<testsuites {attributes}>\n"));
    xml.push_str(&format!(
        "  <testsuite {attributes} timestamp=\"{}\">\n",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S")
    ));
    xml.push_str(&format!(
        "    <properties>\n      <property name=\"mailbox\" value=\"{}\"/>\n      <property name=\"folder\" value=\"{}\"/>\n    </properties>\n",
        escape(&report.mailbox),
        escape(&report.folder)
    ));
    for step in &report.steps {
        xml.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"{}\" time=\"{}\"",
            escape(step.name),
            escape(suite),
            seconds(step.duration_ms)
        ));
        let mut inner = String::new();
        match step.outcome {
            Outcome::Pass => {}
            Outcome::Skipped => inner.push_str(&format!(
                "      <skipped message=\"{}\"/>\n",
                escape(&step.detail)
            )),
            Outcome::Fail => {
                let kind = step
                    .error_kind
                    .map(|k| format!("{k:?}").to_lowercase())
                    .unwrap_or_else(|| "failed".into());
                let fix = step.fix.as_deref().unwrap_or("");
                inner.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                    escape(&step.detail),
                    kind,
                    escape(&format!("{}\nfix: {fix}", step.detail))
                ));
            }
        }
        if let Some(id) = &step.request_id {
            inner.push_str(&format!(
                "      <system-out>request-id: {}</system-out>\n",
                escape(id)
            ));
        }
        if inner.is_empty() {
            xml.push_str("/>\n");
        } else {
            xml.push_str(&format!(">\n{inner}    </testcase>\n"));
        }
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

/// Escapes text for attributes and content; drops characters XML 1.0 cannot carry.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
