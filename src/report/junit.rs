//! `--format junit`: JUnit XML for CI systems that only read test reports.
//!
//! One `<testsuite>` per file, one `<testcase>` per finding with a `<failure>` (an `<error>`
//! for a file or configuration that could not be read), and one passing `<testcase>` for a file
//! without findings, so the count of passing files shows too. Text is escaped for XML 1.0:
//! characters it forbids even as references (most control characters, U+FFFE, U+FFFF) become
//! U+FFFD.

use std::fmt::Write as _;
use std::io::{self, Seek};

use crate::model::diagnostic::Diagnostic;
use crate::model::outcome::FileReport;

use super::{Renderer, Totals};

/// Whether XML 1.0 allows `c` in a document at all.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text content.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // A bare CR would be read back as LF.
            '\r' => out.push_str("&#13;"),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Escapes an attribute value (double-quoted); whitespace is kept through attribute-value
/// normalisation by writing it as references.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

fn testcase(out: &mut String, report: &FileReport, d: &Diagnostic) {
    let (line, column) = report.source.as_ref().map_or((1, 1), |s| {
        let p = s.position(d.span.start);
        (p.line, p.column)
    });
    let path = escape_attr(&report.path);
    let element = if d.category.is_pipeline() {
        "error"
    } else {
        "failure"
    };
    let mut body = format!(
        "{} {} at {}:{line}:{column}\n{}",
        d.severity, d.rule, report.path, d.message
    );
    if let Some(help) = &d.help {
        body.push('\n');
        body.push_str(help);
    }
    let _ = writeln!(
        out,
        "    <testcase name=\"{} ({line}:{column})\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">\n      \
         <{element} message=\"{}\" type=\"{}\">{}</{element}>\n    </testcase>",
        escape_attr(&d.rule),
        escape_attr(&d.message),
        d.severity,
        escape_text(&body),
    );
}

/// `--format junit`, written file by file. The root element carries the run's totals, so
/// the test suites wait in a spool (in memory up to a few MB, then in a temporary file) until
/// the end.
pub struct Junit {
    suites: tempfile::SpooledTempFile,
    tests: usize,
    failures: usize,
    errors: usize,
}

/// Bytes of test suites kept in memory before the spool moves to a temporary file.
const IN_MEMORY: usize = 8 << 20;

impl Default for Junit {
    fn default() -> Self {
        Junit {
            suites: tempfile::SpooledTempFile::new(IN_MEMORY),
            tests: 0,
            failures: 0,
            errors: 0,
        }
    }
}

impl Renderer for Junit {
    fn file(&mut self, report: &FileReport, _out: &mut dyn io::Write) -> io::Result<()> {
        let count = |pipeline: bool| {
            report
                .diagnostics
                .iter()
                .filter(|d| d.category.is_pipeline() == pipeline)
                .count()
        };
        let (f, e) = (count(false), count(true));
        let t = (f + e).max(1);
        self.tests += t;
        self.failures += f;
        self.errors += e;
        let path = escape_attr(&report.path);
        let mut suite = String::new();
        let _ = writeln!(
            suite,
            "  <testsuite name=\"{path}\" tests=\"{t}\" failures=\"{f}\" errors=\"{e}\">"
        );
        if report.diagnostics.is_empty() {
            let _ = writeln!(
                suite,
                "    <testcase name=\"carelint\" classname=\"{path}\" file=\"{path}\"/>"
            );
        }
        for d in &report.diagnostics {
            testcase(&mut suite, report, d);
        }
        suite.push_str("  </testsuite>\n");
        io::Write::write_all(&mut self.suites, suite.as_bytes())
    }

    fn finish(&mut self, _: &Totals, out: &mut dyn io::Write) -> io::Result<()> {
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"carelint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
            self.tests, self.failures, self.errors
        )?;
        self.suites.seek(io::SeekFrom::Start(0))?;
        io::copy(&mut self.suites, out)?;
        out.write_all(b"</testsuites>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_replaced_and_markup_escaped() {
        assert_eq!(
            escape_text("a<b>&\u{1}\u{FFFE}"),
            "a&lt;b&gt;&amp;\u{FFFD}\u{FFFD}"
        );
        assert_eq!(escape_attr("\"x'\n\t"), "&quot;x&apos;&#10;&#9;");
        assert_eq!(escape_text("é😀\t"), "é😀\t");
    }
}
