//! `carelint check-claims FILES...`: the cross-article figure check over claims that shards of a
//! CI matrix printed (`carelint claims --shard K/N > claims-K.jsonl`).
//!
//! The claims carry everything the comparison needs (key, interval, and the severity
//! `figures/cross-article` has for their file), so the findings are those one `carelint check`
//! over every file would report: the files' records go through the same [`Comparisons`]. Reports need the articles' text for snippets and positions:
//! an article is read from disk when it exists and still has each claim's text at the claim's
//! span; otherwise its findings are placed by the lines and columns the claims recorded, without
//! a snippet.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analyse::figures::ClaimRecord;
use crate::lint::across::{ArticleRecords, Comparisons, RuleRecords};
use crate::model::diagnostic::Category;
use crate::model::outcome::{FileReport, Outcome};
use crate::model::source::SourceFile;
use crate::report::{OutputFormat, RenderOptions, Totals, render, summary_line};
use crate::rules::figures::cross_article;

/// The comparison's findings, and where to place those in articles that are not at hand.
pub struct ClaimsCheck {
    pub outcome: Outcome,
    /// (path, span start) → (line, column, end line, end column), for articles whose text on
    /// disk is missing or no longer matches the claims.
    fallback: HashMap<(String, usize), (usize, usize, usize, usize)>,
}

/// Reads the claims files and compares the claims of different articles. `cwd` is where
/// article paths in the claims are relative to.
pub fn check_claims(files: &[PathBuf], cwd: &Path) -> ClaimsCheck {
    let mut problems: Vec<FileReport> = Vec::new();
    // Claims by article path; an article's claims come from the first claims file that has it
    // (shards are disjoint, so a second copy is a repeated file).
    let mut by_path: BTreeMap<String, Vec<ClaimRecord>> = BTreeMap::new();
    for file in files {
        let shown = crate::workspace::config::display_path(file);
        let text = match std::fs::read_to_string(cwd.join(file)) {
            Ok(text) => text,
            Err(e) => {
                problems.push(FileReport::problem(
                    shown,
                    Category::Input,
                    format!("cannot read claims: {e}"),
                ));
                continue;
            }
        };
        let mut here: BTreeMap<String, Vec<ClaimRecord>> = BTreeMap::new();
        let mut errors = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<ClaimRecord>(line) {
                Ok(record) => here.entry(record.path.clone()).or_default().push(record),
                Err(e) => errors.push(format!("line {}: not a claim record: {e}", n + 1)),
            }
        }
        if !errors.is_empty() {
            problems.push(FileReport::problem(
                shown,
                Category::Input,
                errors.join("; "),
            ));
        }
        for (path, records) in here {
            by_path.entry(path).or_insert(records);
        }
    }

    let mut reports: Vec<FileReport> = Vec::new();
    let mut fallback = HashMap::new();
    // (report index, the records `figures/cross-article` keeps from it), in path order.
    let mut compared: Vec<(usize, ArticleRecords)> = Vec::new();
    for (path, records) in by_path {
        let source = verified_source(&path, &records, cwd);
        if source.is_none() {
            for r in &records {
                fallback.insert(
                    (path.clone(), r.span.start),
                    (r.line, r.column, r.end_line, r.end_column),
                );
            }
        }
        // What `check` keeps for the comparison: keyed shares, in files where the rule is on.
        let severity = records.iter().find_map(|r| r.cross_article);
        // Related locations in an article at hand show its lines.
        let keyed: Vec<ClaimRecord> = records
            .into_iter()
            .filter(ClaimRecord::comparable)
            .map(|c| match &source {
                Some(s) => c.with_excerpt(s),
                None => c,
            })
            .collect();
        if let Some(severity) = severity {
            let kept = RuleRecords {
                rule: cross_article::META.id,
                severity,
                records: keyed,
            };
            compared.push((reports.len(), ArticleRecords(vec![kept])));
        }
        reports.push(FileReport {
            path,
            source,
            checked: true,
            diagnostics: Vec::new(),
        });
    }
    let files_checked = reports.len();
    if compared.len() > 1 {
        let mut comparisons = Comparisons::default();
        for (index, records) in compared {
            let found = comparisons.next(records);
            if let Some(report) = reports.get_mut(index) {
                report.diagnostics.extend(found);
            }
        }
    }
    for report in &mut reports {
        report
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    reports.extend(problems);
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    ClaimsCheck {
        outcome: Outcome {
            reports,
            files_checked,
            ..Outcome::default()
        },
        fallback,
    }
}

/// The article's text, if it is on disk and still has every claim's text at the claim's span.
fn verified_source(path: &str, records: &[ClaimRecord], cwd: &Path) -> Option<Arc<SourceFile>> {
    let text = std::fs::read_to_string(cwd.join(path)).ok()?;
    let same = records.iter().all(|r| {
        text.get(r.span.range())
            .is_some_and(|t| t.split_whitespace().collect::<Vec<_>>().join(" ") == r.text)
    });
    same.then(|| Arc::new(SourceFile::new(path.to_string(), text)))
}

impl ClaimsCheck {
    /// Renders the findings. With every article at hand this is exactly `check`'s reporter.
    pub fn render(&self, format: OutputFormat, options: &RenderOptions) -> String {
        if self.fallback.is_empty() {
            return render(&self.outcome, format, options);
        }
        if format == OutputFormat::Json {
            return self.render_json();
        }
        if format == OutputFormat::Compact {
            return self.render_compact();
        }
        if format == OutputFormat::Human {
            return self.render_human(options);
        }
        render(&self.outcome, format, options)
    }

    fn position(&self, path: &str, source: Option<&SourceFile>, offset: usize) -> (usize, usize) {
        match source {
            Some(s) => {
                let p = s.position(offset);
                (p.line, p.column)
            }
            None => self
                .fallback
                .get(&(path.to_string(), offset))
                .map_or((1, 1), |p| (p.0, p.1)),
        }
    }

    fn render_json(&self) -> String {
        let mut report = crate::report::json_report(&self.outcome);
        for d in &mut report.diagnostics {
            if let Some(&(line, column, end_line, end_column)) =
                self.fallback.get(&(d.path.clone(), d.span.start))
            {
                (d.line, d.column) = (line, column);
                if end_line > 0 {
                    (d.end_line, d.end_column) = (end_line, end_column);
                }
            }
            for r in &mut d.related {
                if let Some(&(line, column, _, _)) =
                    self.fallback.get(&(r.path.clone(), r.span.start))
                {
                    (r.line, r.column) = (line, column);
                }
            }
        }
        let mut out = serde_json::to_string_pretty(&report)
            .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialise report: {e}\"}}"));
        out.push('\n');
        out
    }

    fn render_compact(&self) -> String {
        let mut out = String::new();
        for report in &self.outcome.reports {
            for d in &report.diagnostics {
                let (line, column) =
                    self.position(&report.path, report.source.as_deref(), d.span.start);
                let message = d.message.replace(['\n', '\r'], " ");
                out.push_str(&format!(
                    "{}:{line}:{column}: {} {} {message}\n",
                    report.path, d.severity, d.rule
                ));
            }
        }
        out.push_str(&summary_line(&Totals::of(&self.outcome)));
        out.push('\n');
        out
    }

    /// `check`'s human reporter, one finding at a time; a finding in an article that is not at
    /// hand is headed by its recorded `path:line:column` instead of a snippet.
    fn render_human(&self, options: &RenderOptions) -> String {
        let reports = &self.outcome.reports;
        let unverified: HashSet<&str> = self.fallback.keys().map(|(p, _)| p.as_str()).collect();
        let mut out = String::new();
        for (i, report) in reports.iter().enumerate() {
            for d in &report.diagnostics {
                let shown = if unverified.contains(report.path.as_str()) {
                    let (line, column) = self.position(&report.path, None, d.span.start);
                    format!("{}:{line}:{column}", report.path)
                } else {
                    report.path.clone()
                };
                let view = Outcome {
                    reports: reports
                        .iter()
                        .enumerate()
                        .map(|(j, r)| FileReport {
                            path: if i == j {
                                shown.clone()
                            } else {
                                r.path.clone()
                            },
                            source: r.source.clone(),
                            checked: r.checked,
                            diagnostics: if i == j { vec![d.clone()] } else { Vec::new() },
                        })
                        .collect(),
                    files_checked: self.outcome.files_checked,
                    ..Outcome::default()
                };
                let text = render(&view, OutputFormat::Human, options);
                let tail = format!("{}\n", summary_line(&Totals::of(&view)));
                out.push_str(text.strip_suffix(&tail).unwrap_or(&text));
            }
        }
        out.push_str(&summary_line(&Totals::of(&self.outcome)));
        out.push('\n');
        out
    }
}
