//! `--format compact`: `path:line:col: severity rule message`, one line per finding.

use crate::pipeline::Outcome;

use super::summary_line;

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for report in &outcome.reports {
        for d in &report.diagnostics {
            let (line, column) = report.source.as_ref().map_or((1, 1), |s| {
                let p = s.position(d.span.start);
                (p.line, p.column)
            });
            let message = d.message.replace(['\n', '\r'], " ");
            out.push_str(&format!(
                "{}:{}:{}: {} {} {}\n",
                report.path, line, column, d.severity, d.rule, message
            ));
        }
    }
    out.push_str(&summary_line(outcome));
    out.push('\n');
    out
}
