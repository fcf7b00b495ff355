//! `--format github`: GitHub Actions workflow commands, one annotation per finding, and a
//! Markdown summary for `$GITHUB_STEP_SUMMARY`.
//!
//! GitHub shows only the first few annotations of each kind per step, so the summary table
//! (written by the command line when `GITHUB_STEP_SUMMARY` is set) lists the findings, the
//! first 1,000 of them (GitHub caps a summary at 1 MiB), and says how many of all it shows.
//! Escaping follows `@actions/core`: in data `%`, `\r` and `\n`; in properties also `:` and
//! `,`. Columns are given only when a finding starts and ends on one line, as GitHub ignores
//! them otherwise.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::outcome::FileReport;
use crate::model::source::SourceFile;

use super::{Renderer, Totals, summary_line};

/// Rows in the step summary; GitHub caps a step summary at 1 MiB.
pub const SUMMARY_ROWS: usize = 1000;

/// Escapes a workflow command's message (`@actions/core` `escapeData`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (`@actions/core` `escapeProperty`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The message of an annotation: the finding, then its help on a new line.
fn message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\n{help}", d.message),
        None => d.message.clone(),
    }
}

/// One `::error file=…,line=…::message` line.
pub fn annotation(path: &str, source: Option<&SourceFile>, d: &Diagnostic) -> String {
    let mut properties: Vec<(&str, String)> = Vec::new();
    if !path.is_empty() {
        properties.push(("file", path.to_string()));
    }
    if let Some(source) = source {
        let start = source.position(d.span.start);
        let end = source.position(d.span.end.max(d.span.start));
        properties.push(("line", start.line.to_string()));
        properties.push(("endLine", end.line.to_string()));
        if start.line == end.line {
            properties.push(("col", start.column.to_string()));
            properties.push(("endColumn", end.column.to_string()));
        }
    }
    properties.push(("title", format!("carelint {}", d.rule)));
    let properties: Vec<String> = properties
        .into_iter()
        .map(|(k, v)| format!("{k}={}", escape_property(&v)))
        .collect();
    format!(
        "::{} {}::{}",
        command(d.severity),
        properties.join(","),
        escape_data(&message(d))
    )
}

/// `--format github`: one workflow command per finding, and the first rows of the step
/// summary's table kept for the end.
#[derive(Default)]
pub struct Github {
    rows: Vec<String>,
}

impl Renderer for Github {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for d in &report.diagnostics {
            writeln!(
                out,
                "{}",
                annotation(&report.path, report.source.as_deref(), d)
            )?;
            if self.rows.len() < SUMMARY_ROWS {
                self.rows
                    .push(summary_row(&report.path, report.source.as_deref(), d));
            }
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", summary_line(totals))
    }

    fn step_summary(&self, totals: &Totals) -> Option<String> {
        Some(step_summary(totals, &self.rows))
    }
}

pub fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// One row of the step summary's table.
fn summary_row(path: &str, source: Option<&SourceFile>, d: &Diagnostic) -> String {
    let line = source.map_or_else(String::new, |s| {
        let p = s.position(d.span.start);
        format!("{}:{}", p.line, p.column)
    });
    format!(
        "| {} | {} | {} | {} | {} |",
        d.severity,
        markdown_cell(path),
        line,
        markdown_cell(&d.rule),
        markdown_cell(&d.message)
    )
}

/// The Markdown appended to `$GITHUB_STEP_SUMMARY`: totals and the first findings' rows.
pub fn step_summary(totals: &Totals, rows: &[String]) -> String {
    let mut out = String::from("## carelint\n\n");
    let (errors, warnings, infos) = (totals.errors, totals.warnings, totals.infos);
    let _ = writeln!(out, "{}\n", summary_line(totals));
    let total = errors + warnings + infos;
    if total == 0 {
        return out;
    }
    let _ = writeln!(
        out,
        "| Errors | Warnings | Infos |\n|---:|---:|---:|\n| {errors} | {warnings} | {infos} |\n"
    );
    out.push_str("| Severity | File | Line | Rule | Message |\n|---|---|---:|---|---|\n");
    for row in rows.iter().take(SUMMARY_ROWS) {
        let _ = writeln!(out, "{row}");
    }
    if total > SUMMARY_ROWS {
        let _ = writeln!(
            out,
            "\n{} of {} findings shown; run carelint locally or see the uploaded SARIF for the rest.",
            super::thousands(SUMMARY_ROWS),
            super::thousands(total)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_actions_core() {
        assert_eq!(escape_data("50%\r\nnext: a,b"), "50%25%0D%0Anext: a,b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(markdown_cell("a|b\r\nc_d"), "a\\|b<br>c\\_d");
    }
}
