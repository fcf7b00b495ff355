//! `--format compact`: `path:line:col: severity rule message`, one line per finding.

use std::io::{self, Write};

use crate::model::outcome::FileReport;

use super::{Renderer, Totals, summary_line};

pub struct Compact;

impl Renderer for Compact {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        for d in &report.diagnostics {
            let (line, column) = report.source.as_ref().map_or((1, 1), |s| {
                let p = s.position(d.span.start);
                (p.line, p.column)
            });
            let message = d.message.replace(['\n', '\r'], " ");
            writeln!(
                out,
                "{}:{}:{}: {} {} {}",
                report.path, line, column, d.severity, d.rule, message
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", summary_line(totals))
    }
}
