//! `--format json`: the machine-readable contract (documented in the README).
//!
//! One object: `version`, `tool`, `diagnostics` sorted by path then start offset, and `summary`.
//! Spans are byte offsets into the file; lines and columns are 1-based, columns count Unicode
//! scalar values, and ends are exclusive.

use serde::{Deserialize, Serialize};

use std::io::{self, Write};

use crate::model::diagnostic::Diagnostic;
use crate::model::outcome::{FileReport, Outcome};
use crate::model::source::{SourceFile, Span};

use super::{HOLE, Renderer, StreamedArray, Totals};

pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct JsonReport {
    pub version: u32,
    pub tool: Tool,
    pub diagnostics: Vec<JsonDiagnostic>,
    /// Last, so a report streams: the totals are known only at the end.
    pub summary: Summary,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Summary {
    /// Articles checked.
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings hidden by `--baseline` (only when a baseline is used).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub baselined: Option<usize>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, Clone, Copy)]
pub struct JsonSpan {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct JsonDiagnostic {
    pub path: String,
    pub rule: String,
    /// The lexicon entry a lexicon rule matched (`suicide/committed`): what suppressions,
    /// `allow:` and `carelint explain` take.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub entry: Option<String>,
    pub category: String,
    pub severity: String,
    pub message: String,
    pub help: Option<String>,
    pub span: JsonSpan,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fix: Option<JsonFix>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub labels: Vec<JsonLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub related: Vec<JsonLocation>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct JsonFix {
    pub span: JsonSpan,
    pub replacement: String,
    /// Safe fixes can be applied without review.
    pub safe: bool,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct JsonLocation {
    pub path: String,
    pub span: JsonSpan,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

fn json_span(span: Span) -> JsonSpan {
    JsonSpan {
        start: span.start,
        end: span.end,
    }
}

fn line_col(source: Option<&SourceFile>, offset: usize) -> (usize, usize) {
    source.map_or((1, 1), |s| {
        let p = s.position(offset);
        (p.line, p.column)
    })
}

fn tool() -> Tool {
    Tool {
        name: "carelint".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }
}

fn summary(totals: &Totals) -> Summary {
    Summary {
        files: totals.files_checked,
        errors: totals.errors,
        warnings: totals.warnings,
        infos: totals.infos,
        baselined: totals.baselined,
    }
}

pub fn to_report(outcome: &Outcome) -> JsonReport {
    let mut diagnostics = Vec::new();
    for report in &outcome.reports {
        let source = report.source.as_deref();
        for d in &report.diagnostics {
            diagnostics.push(to_json(&report.path, source, d));
        }
    }
    JsonReport {
        version: VERSION,
        tool: tool(),
        diagnostics,
        summary: summary(&Totals::of(outcome)),
    }
}

/// The document around the diagnostics, which stream in between.
fn layout(totals: &Totals) -> serde_json::Value {
    serde_json::json!({
        "version": VERSION,
        "tool": tool(),
        "diagnostics": HOLE,
        "summary": summary(totals),
    })
}

/// `--format json`, written file by file.
#[derive(Default)]
pub struct Json(StreamedArray);

impl Renderer for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.0.begin(&layout(&Totals::default()), out)
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let source = report.source.as_deref();
        for d in &report.diagnostics {
            self.0.item(&to_json(&report.path, source, d), out)?;
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        self.0.finish(&layout(totals), out)
    }
}

fn to_json(path: &str, source: Option<&SourceFile>, d: &Diagnostic) -> JsonDiagnostic {
    let (line, column) = line_col(source, d.span.start);
    let (end_line, end_column) = line_col(source, d.span.end);
    JsonDiagnostic {
        path: path.to_string(),
        rule: d.rule.clone(),
        entry: d.entry.clone(),
        category: d.category.as_str().to_string(),
        severity: d.severity.as_str().to_string(),
        message: d.message.clone(),
        help: d.help.clone(),
        span: json_span(d.span),
        line,
        column,
        end_line,
        end_column,
        fix: d.fix.as_ref().map(|f| JsonFix {
            span: json_span(f.span),
            replacement: f.replacement.clone(),
            safe: f.safe,
        }),
        labels: d
            .labels
            .iter()
            .map(|l| {
                let (line, column) = line_col(source, l.span.start);
                JsonLocation {
                    path: path.to_string(),
                    span: json_span(l.span),
                    line,
                    column,
                    message: l.message.clone(),
                }
            })
            .collect(),
        related: d
            .related
            .iter()
            .map(|r| {
                let (line, column) = r.excerpt.as_ref().map_or((1, 1), |e| {
                    let p = e.position(r.span.start);
                    (p.line, p.column)
                });
                JsonLocation {
                    path: r.path.clone(),
                    span: json_span(r.span),
                    line,
                    column,
                    message: r.message.clone(),
                }
            })
            .collect(),
    }
}
