//! `--format rdjson`: reviewdog's Diagnostic Format (`DiagnosticResult`), for
//! `reviewdog -f=rdjson`.
//!
//! Unlike every other carelint output, reviewdog's columns are 1-based counts of UTF-8
//! *bytes* within the line (its proto: the column of `b` in `a𐐀b` is 6), and ends are
//! exclusive. A byte-order mark is part of line 1's bytes, so it counts here.

use serde_json::{Value, json};

use std::io::{self, Write};

use crate::model::diagnostic::{Diagnostic, Related, Severity};
use crate::model::outcome::FileReport;
use crate::model::source::{SourceFile, Span};
use crate::rules;

use super::sarif::{REPOSITORY, rule_doc_url};
use super::{HOLE, Renderer, StreamedArray, Totals};

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// A reviewdog position: 1-based line and 1-based UTF-8 byte column.
pub fn position(source: &SourceFile, offset: usize) -> Value {
    let offset = offset.min(source.text.len());
    let line = source.position(offset).line;
    json!({ "line": line, "column": offset - source.line_start(line) + 1 })
}

fn range(source: &SourceFile, span: Span) -> Value {
    json!({
        "start": position(source, span.start),
        "end": position(source, span.end.max(span.start)),
    })
}

fn location(path: &str, source: Option<&SourceFile>, span: Span) -> Value {
    let mut location = json!({ "path": path });
    if let Some(source) = source {
        location["range"] = range(source, span);
    }
    location
}

/// A location in another file, placed by the lines kept with it.
fn related_location(r: &Related) -> Value {
    let mut location = json!({ "path": r.path });
    if let Some(e) = &r.excerpt {
        let at = |offset: usize| json!({ "line": e.position(offset).line, "column": e.byte_column(offset) });
        location["range"] =
            json!({ "start": at(r.span.start), "end": at(r.span.end.max(r.span.start)) });
    }
    location
}

fn diagnostic(path: &str, source: Option<&SourceFile>, d: &Diagnostic) -> Value {
    let message = match &d.help {
        Some(help) => format!("{}\n\n{help}", d.message),
        None => d.message.clone(),
    };
    let mut code = json!({ "value": d.rule });
    if rules::find(&d.rule).is_some() {
        code["url"] = json!(rule_doc_url(&d.rule));
    }
    let mut out = json!({
        "message": message,
        "location": location(path, source, d.span),
        "severity": severity(d.severity),
        "code": code,
    });
    if let (Some(fix), Some(source)) = (&d.fix, source) {
        out["suggestions"] = json!([{ "range": range(source, fix.span), "text": fix.replacement }]);
    }
    let related: Vec<Value> = d
        .labels
        .iter()
        .map(|l| json!({ "message": l.message, "location": location(path, source, l.span) }))
        .chain(
            d.related
                .iter()
                .map(|r| json!({ "message": r.message, "location": related_location(r) })),
        )
        .collect();
    if !related.is_empty() {
        out["related_locations"] = Value::Array(related);
    }
    out
}

/// `--format rdjson`, written file by file; the worst severity comes after the diagnostics.
#[derive(Default)]
pub struct Rdjson {
    diagnostics: StreamedArray,
}

/// The `DiagnosticResult` around the diagnostics, which stream in between.
fn layout(worst: Option<Severity>) -> Value {
    let mut out = json!({
        "source": { "name": "carelint", "url": REPOSITORY },
        "diagnostics": HOLE,
    });
    if let Some(worst) = worst {
        out["severity"] = json!(severity(worst));
    }
    out
}

impl Renderer for Rdjson {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.diagnostics.begin(&layout(None), out)
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for d in &report.diagnostics {
            self.diagnostics
                .item(&diagnostic(&report.path, report.source.as_deref(), d), out)?;
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        let worst = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| totals.count(*s) > 0);
        self.diagnostics.finish(&layout(worst), out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf8_bytes_as_the_proto_example() {
        let source = SourceFile::new("a.md", "x\na\u{10400}b");
        let b = source.text.find('b').unwrap_or_default();
        assert_eq!(position(&source, b), json!({ "line": 2, "column": 6 }));
        assert_eq!(position(&source, 2), json!({ "line": 2, "column": 1 }));
    }
}
