//! Report: render an [`Outcome`] for people (human, html), programs (json) or logs (compact),
//! and for CI (sarif, github, rdjson, junit).

mod compact;
pub mod github;
pub mod html;
mod human;
mod json;
pub mod junit;
pub mod rdjson;
pub mod sarif;

use std::io::{self, Write};

use crate::model::diagnostic::Severity;
use crate::model::outcome::{FileReport, Outcome};

pub use json::{JsonDiagnostic, JsonReport, to_report as json_report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Source snippets with labels and help, for people.
    Human,
    /// One JSON document (the contract in the README).
    Json,
    /// One `path:line:col: severity rule message` line per finding.
    Compact,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations (plus a summary in `$GITHUB_STEP_SUMMARY` when set).
    Github,
    /// reviewdog's Diagnostic Format (`reviewdog -f=rdjson`).
    Rdjson,
    /// JUnit XML, one test suite per file.
    Junit,
    /// One self-contained HTML page for editors: each article with its findings marked.
    Html,
}

#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub color: bool,
    pub ascii: bool,
    pub width: usize,
    /// `--sarif-category`: distinguishes several carelint runs uploaded for one commit.
    pub sarif_category: Option<String>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            ascii: false,
            width: 100,
            sarif_category: None,
        }
    }
}

/// Totals a report ends with, counted as reports stream past.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Articles read and checked.
    pub files_checked: usize,
    /// Findings hidden by `--baseline` (`None` without one).
    pub baselined: Option<usize>,
    /// An input or configuration error: the run could not do all it was asked.
    pub pipeline_errors: bool,
    /// The most severe finding about content (not about the run).
    pub worst_finding: Option<Severity>,
}

impl Totals {
    pub fn of(outcome: &Outcome) -> Totals {
        let mut totals = Totals::default();
        for report in &outcome.reports {
            totals.add(report);
        }
        totals.files_checked = outcome.files_checked;
        totals.baselined = outcome.baselined;
        totals
    }

    /// Counts one file's findings (not whether it was checked: the run knows that).
    pub fn add(&mut self, report: &FileReport) {
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            self.pipeline_errors |= d.category.is_pipeline() && d.severity == Severity::Error;
            if !d.category.is_pipeline() {
                self.worst_finding = self.worst_finding.max(Some(d.severity));
            }
        }
        self.files_with_findings += usize::from(!report.diagnostics.is_empty());
    }

    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => self.infos,
        }
    }
}

/// Writes a report file by file, so a run over a whole archive never holds more than a few
/// files' text and findings: `begin`, then `file` for each file in path order, then `finish`.
pub trait Renderer {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()>;

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()>;

    /// The table `--format github` appends to `$GITHUB_STEP_SUMMARY`.
    fn step_summary(&self, _totals: &Totals) -> Option<String> {
        None
    }
}

pub fn renderer(format: OutputFormat, options: &RenderOptions) -> Box<dyn Renderer> {
    match format {
        OutputFormat::Human => Box::new(human::Human::new(options)),
        OutputFormat::Json => Box::new(json::Json::default()),
        OutputFormat::Compact => Box::new(compact::Compact),
        OutputFormat::Sarif => Box::new(sarif::Sarif::new(options)),
        OutputFormat::Github => Box::new(github::Github::default()),
        OutputFormat::Rdjson => Box::new(rdjson::Rdjson::default()),
        OutputFormat::Junit => Box::new(junit::Junit::default()),
        OutputFormat::Html => Box::new(html::Html::new()),
    }
}

/// Renders a whole outcome at once.
pub fn render(outcome: &Outcome, format: OutputFormat, options: &RenderOptions) -> String {
    let _stage = crate::work::enter("report");
    let mut out: Vec<u8> = Vec::new();
    let mut r = renderer(format, options);
    let written = r.begin(&mut out).and_then(|()| {
        for report in &outcome.reports {
            let before = out.len();
            r.file(report, &mut out)?;
            crate::work::tick(report.diagnostics.len() + out.len() - before);
        }
        r.finish(&Totals::of(outcome), &mut out)
    });
    if let Err(e) = written {
        out.extend_from_slice(format!("carelint: cannot write the report: {e}\n").as_bytes());
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A pretty-printed JSON document with one (possibly huge) array written an item at a time.
/// The document is laid out with a placeholder where the array goes; what precedes the
/// placeholder is written first, then each item as it comes (indented as serde_json would),
/// then the rest of the document, laid out again with the run's totals. The output is exactly
/// `serde_json::to_string_pretty` of the whole document.
#[derive(Debug, Default)]
pub(crate) struct StreamedArray {
    indent: usize,
    items: usize,
}

/// Stands where the streamed array goes; no other string in a layout contains it.
pub(crate) const HOLE: &str = "\u{1}carelint-streamed-array\u{1}";

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The layout split around the placeholder, and the indent of the placeholder's line.
fn split_at_hole(layout: &serde_json::Value) -> (String, String, usize) {
    let text = pretty(layout);
    let hole = pretty(&serde_json::Value::String(HOLE.into()));
    match text.find(&hole) {
        Some(at) => {
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let indent = text[line_start..].chars().take_while(|c| *c == ' ').count();
            (
                text[..at].to_string(),
                text[at + hole.len()..].to_string(),
                indent,
            )
        }
        None => (text, String::new(), 0),
    }
}

impl StreamedArray {
    /// Writes the document up to the array.
    pub fn begin(&mut self, layout: &serde_json::Value, out: &mut dyn Write) -> io::Result<()> {
        let (head, _, indent) = split_at_hole(layout);
        self.indent = indent;
        out.write_all(head.as_bytes())
    }

    pub fn item(&mut self, value: &impl serde::Serialize, out: &mut dyn Write) -> io::Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        let pad = " ".repeat(self.indent + 2);
        out.write_all(if self.items == 0 { b"[\n" } else { b",\n" })?;
        self.items += 1;
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(pad.as_bytes())?;
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Closes the array and writes the rest of the document, laid out with the totals.
    pub fn finish(&mut self, layout: &serde_json::Value, out: &mut dyn Write) -> io::Result<()> {
        let (_, tail, _) = split_at_hole(layout);
        if self.items == 0 {
            out.write_all(b"[]")?;
        } else {
            write!(out, "\n{}]", " ".repeat(self.indent))?;
        }
        out.write_all(tail.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// `4210` as `4,210`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "2 errors, 5 warnings and 1 info in 3 files; 12 articles checked."
pub fn summary_line(totals: &Totals) -> String {
    let (errors, warnings, infos) = (totals.errors, totals.warnings, totals.infos);
    let with = totals.files_with_findings;
    let checked = totals.files_checked;
    let noun = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    // "; 12 findings hidden by the baseline" when a baseline hid some.
    let hidden = match totals.baselined {
        Some(n) if n > 0 => format!(
            "; {} hidden by the baseline",
            noun(n, "finding", "findings")
        ),
        _ => String::new(),
    };
    if errors + warnings + infos == 0 {
        return format!(
            "No problems found; {} checked{hidden}.",
            noun(checked, "article", "articles")
        );
    }
    format!(
        "{}, {} and {} in {}; {} checked{hidden}.",
        noun(errors, "error", "errors"),
        noun(warnings, "warning", "warnings"),
        noun(infos, "info", "infos"),
        noun(with, "file", "files"),
        noun(checked, "article", "articles"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A streamed document is byte for byte what serde_json prints for the whole document.
    #[test]
    fn streamed_arrays_print_as_serde_json_does() {
        let items = [
            json!({ "a": 1, "nested": { "list": [1, 2], "empty": [] }, "s": "line\nbreak" }),
            json!([]),
            json!("text"),
        ];
        for n in 0..=items.len() {
            let layout =
                |total: usize| json!({ "head": { "x": [1] }, "items": HOLE, "total": total });
            let mut out = Vec::new();
            let mut array = StreamedArray::default();
            array.begin(&layout(0), &mut out).expect("writes");
            for item in &items[..n] {
                array.item(item, &mut out).expect("writes");
            }
            array.finish(&layout(n), &mut out).expect("writes");
            let whole = json!({ "head": { "x": [1] }, "items": items[..n], "total": n });
            let expected = format!(
                "{}\n",
                serde_json::to_string_pretty(&whole).expect("prints")
            );
            assert_eq!(
                String::from_utf8(out).expect("utf-8"),
                expected,
                "{n} items"
            );
        }
    }

    #[test]
    fn totals_count_content_and_run_problems_apart() {
        use crate::model::diagnostic::{Category, Diagnostic};
        use crate::model::source::Span;
        let finding = |category: Category, severity: Severity| {
            Diagnostic::new("r", category, severity, Span::default(), "m")
        };
        let report = FileReport {
            path: "a.md".into(),
            source: None,
            checked: true,
            diagnostics: vec![
                finding(Category::Input, Severity::Warning),
                finding(Category::StigmatisingLanguage, Severity::Info),
            ],
        };
        let mut totals = Totals::default();
        totals.add(&report);
        assert_eq!((totals.warnings, totals.infos), (1, 1));
        assert_eq!(totals.worst_finding, Some(Severity::Info));
        assert!(!totals.pipeline_errors);
        assert_eq!(totals.files_with_findings, 1);
    }
}
