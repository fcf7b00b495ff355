//! Fix: apply the fixes rules offer, to a fixed point, and write files atomically.
//!
//! `carelint fix` runs the normal pipeline, then for each article applies the fixes its findings
//! carry: safe ones always, suggested ones only when asked (`unsafe_fixes`). Fixes that overlap
//! are left for the next pass; after each pass the new text is linted again in memory, with the
//! same rules, until no applicable fix remains (or [`MAX_PASSES`]), so running `fix` twice
//! changes nothing the second time. Fixes are byte replacements, so a BOM and CRLF line endings
//! outside a replaced span are kept as they were.
//!
//! A file is written to a temporary file in its own folder, given the original's permissions and
//! renamed over it, so readers see the old article or the new one, never half of one. Just
//! before the rename the file on disk is compared with the text that was linted (bytes, length
//! and modification time); a file that changed meanwhile (an editor saved it) is left alone.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::run::pool::{ordered_map, threads};

use crate::lint::rule_set::RuleSet;

use crate::lint::article::lint_source;
use crate::model::diagnostic::Diagnostic;
use crate::model::outcome::{FileReport, Outcome};
use crate::model::selection::Selection;
use crate::model::source::{SourceFile, Span};
use crate::parse::ParseOptions;
use crate::run::resolve::Resolver;
use crate::run::{RunOptions, run, run_text};

/// Passes over one file before giving up on reaching a fixed point (fixes whose results are
/// flagged again, in a loop, would otherwise never end).
pub const MAX_PASSES: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct FixOptions {
    pub run: RunOptions,
    /// Apply suggested fixes (`safe: false`) as well as safe ones.
    pub unsafe_fixes: bool,
    /// Work everything out, write nothing.
    pub dry_run: bool,
    /// Only the fixes of findings this keeps are applied (`--select`, `--ignore`,
    /// `--min-severity`).
    pub selection: Selection,
}

/// What became of a file that had fixes to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// The fixed text replaced the file.
    Written,
    /// `dry_run`: the fixed text was not written.
    DryRun,
    /// The file changed on disk after it was read; it was left alone.
    Changed,
    /// Writing failed (the message says why); the file is as it was.
    Failed(String),
}

/// One file with at least one fix applied in memory.
#[derive(Debug)]
pub struct FixedFile {
    /// As shown in reports.
    pub path: String,
    pub original: Arc<SourceFile>,
    pub fixed: Arc<SourceFile>,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// `false` when fixes were still applicable after [`MAX_PASSES`] or the text cycled.
    pub converged: bool,
    pub status: FileStatus,
}

impl FixedFile {
    /// The fixed text is what is on disk now (or would be, in a dry run).
    pub fn took_effect(&self) -> bool {
        matches!(self.status, FileStatus::Written | FileStatus::DryRun)
    }

    /// A unified diff from the original to the fixed text, with `a/` and `b/` headers.
    pub fn diff(&self) -> String {
        unified_diff(&self.path, &self.original.text, &self.fixed.text)
    }
}

#[derive(Debug, Default)]
pub struct FixOutcome {
    /// Files whose text the fixes changed, in path order.
    pub files: Vec<FixedFile>,
    /// What `check` would report after the fixes (for files that could not be written, what it
    /// reports now).
    pub remaining: Outcome,
}

impl FixOutcome {
    pub fn applied(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.took_effect())
            .map(|f| f.applied)
            .sum()
    }

    pub fn files_fixed(&self) -> usize {
        self.files.iter().filter(|f| f.took_effect()).count()
    }

    /// Remaining findings about the articles (not input or configuration problems).
    pub fn findings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.remaining
            .diagnostics()
            .filter(|d| !d.category.is_pipeline())
    }

    /// Remaining findings whose fix `--unsafe` would apply.
    pub fn suggested(&self) -> usize {
        self.findings()
            .filter(|d| d.fix.as_ref().is_some_and(|f| !f.safe))
            .count()
    }

    /// "Applied 3 fixes in 2 files; 1 finding remains (suggested fixes for 1: --unsafe applies them)."
    pub fn summary(&self, options: &FixOptions) -> String {
        let noun =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let remaining = self.findings().count();
        let mut line = format!(
            "{} {} in {}; {} {}",
            if options.dry_run {
                "Would apply"
            } else {
                "Applied"
            },
            noun(self.applied(), "fix", "fixes"),
            noun(self.files_fixed(), "file", "files"),
            noun(remaining, "finding", "findings"),
            match (options.dry_run, remaining == 1) {
                (true, _) => "would remain",
                (false, true) => "remains",
                (false, false) => "remain",
            }
        );
        let suggested = self.suggested();
        if suggested > 0 && !options.unsafe_fixes {
            line.push_str(&format!(
                " (suggested fixes available with --unsafe: {suggested})"
            ));
        }
        line.push('.');
        line
    }
}

/// Lints, fixes and (unless `dry_run`) writes every article under `options.run.paths`.
pub fn fix(options: &FixOptions) -> FixOutcome {
    fix_with_hook(options, &|_| {})
}

/// [`fix`], calling `before_commit` with each file's path after its fixed text is in a temporary
/// file and before the final comparison and rename: tests use it to change a file at the worst
/// moment.
pub fn fix_with_hook(options: &FixOptions, before_commit: &(dyn Fn(&Path) + Sync)) -> FixOutcome {
    let mut outcome = run(&options.run);
    let mut rules = Rules::new(&options.run);
    let mut work = Vec::new();
    for (index, report) in outcome.reports.iter().enumerate() {
        let Some(source) = &report.source else {
            continue;
        };
        if !report.checked
            || applicable(&report.diagnostics, source, options, &[], false).is_empty()
        {
            continue;
        }
        let path = rules.0.loader.absolute(Path::new(&report.path));
        if let Some((parse, set)) = rules.for_path(&path) {
            work.push((index, path, parse, set));
        }
    }
    let fixed: Vec<(usize, FixedFile, Vec<Diagnostic>, Remap)> = ordered_map(
        threads(options.run.jobs),
        &work,
        |(index, path, parse, set)| {
            let report = &outcome.reports[*index];
            let source = report.source.as_ref()?;
            let result = fix_source(source, &report.diagnostics, *parse, set, options);
            if result.applied == 0 {
                return None;
            }
            let status = if options.dry_run {
                FileStatus::DryRun
            } else {
                match commit(
                    path,
                    source.text.as_bytes(),
                    result.text.text.as_bytes(),
                    before_commit,
                ) {
                    Ok(()) => FileStatus::Written,
                    Err(CommitError::Changed) => FileStatus::Changed,
                    Err(CommitError::Io(e)) => FileStatus::Failed(e),
                }
            };
            let file = FixedFile {
                path: report.path.clone(),
                original: Arc::clone(source),
                fixed: result.text,
                applied: result.applied,
                converged: result.converged,
                status,
            };
            Some((*index, file, result.diagnostics, result.remap))
        },
    )
    .into_iter()
    .flatten()
    .collect();
    let mut files = Vec::with_capacity(fixed.len());
    let mut remaps: HashMap<String, Remap> = HashMap::new();
    for (index, file, diagnostics, remap) in fixed {
        if file.took_effect()
            && let Some(report) = outcome.reports.get_mut(index)
        {
            replace_report(report, &file, diagnostics, &remap);
            remaps.insert(file.path.clone(), remap);
        }
        files.push(file);
    }
    // Other files' findings may point into a fixed file (`figures/cross-article`).
    if !remaps.is_empty() {
        for d in outcome
            .reports
            .iter_mut()
            .flat_map(|r| r.diagnostics.iter_mut())
        {
            for related in &mut d.related {
                if let Some(remap) = remaps.get(&related.path) {
                    related.span = remap.span(related.span);
                }
            }
        }
    }
    FixOutcome {
        files,
        remaining: outcome,
    }
}

/// Fixes text given directly (an editor's buffer) as if it were the file at `path`; nothing is
/// written. The fixed text is `files[0].fixed` when any fix applied.
pub fn fix_text(text: String, path: &Path, options: &FixOptions) -> FixOutcome {
    let mut outcome = run_text(text, path, &options.run);
    let mut files = Vec::new();
    if let Some((parse, set)) = Rules::new(&options.run).for_path(path)
        && let Some(report) = outcome.reports.iter_mut().find(|r| r.checked)
        && let Some(source) = report.source.clone()
    {
        let result = fix_source(&source, &report.diagnostics, parse, &set, options);
        if result.applied > 0 {
            let file = FixedFile {
                path: report.path.clone(),
                original: source,
                fixed: result.text,
                applied: result.applied,
                converged: result.converged,
                status: FileStatus::DryRun,
            };
            replace_report(report, &file, result.diagnostics, &result.remap);
            files.push(file);
        }
    }
    FixOutcome {
        files,
        remaining: outcome,
    }
}

/// The report of a fixed file, as `check` would give it for the fixed text: the new findings,
/// plus the findings made across articles (not redone per file), moved with the text.
fn replace_report(
    report: &mut FileReport,
    file: &FixedFile,
    mut fresh: Vec<Diagnostic>,
    remap: &Remap,
) {
    let across = |d: &&Diagnostic| {
        crate::rules::find(&d.rule).is_some_and(|spec| spec.meta.compares_articles())
    };
    for d in report.diagnostics.iter().filter(across) {
        let mut d = d.clone();
        d.span = remap.span(d.span);
        for label in &mut d.labels {
            label.span = remap.span(label.span);
        }
        fresh.push(d);
    }
    fresh.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report.diagnostics = fresh;
    report.source = Some(Arc::clone(&file.fixed));
}

/// Compiled rules per configuration, so re-linting a fixed text uses exactly the rules `check`
/// used for that file.
struct Rules(Resolver);

impl Rules {
    fn new(options: &RunOptions) -> Self {
        Rules(Resolver::new(
            options.cwd.clone(),
            options.config.as_deref(),
        ))
    }

    fn for_path(&mut self, path: &Path) -> Option<(ParseOptions, Arc<RuleSet>)> {
        let resolved = self.0.resolve(path)?;
        let set = self.0.rule_set(&resolved.settings).ok()?;
        Some((resolved.settings.parse, set))
    }
}

/// One replacement chosen for a pass.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edit {
    span: Span,
    replacement: String,
    rule: String,
}

/// The fixes to apply to `source` in one pass: applicable (safe, or suggested with
/// `unsafe_fixes`), valid for the text, changing something, and not overlapping. An insertion
/// that an earlier pass already made (`inserted`) is not made again, so text appended for a
/// finding that it did not settle is not appended twice.
fn applicable(
    diagnostics: &[Diagnostic],
    source: &SourceFile,
    options: &FixOptions,
    inserted: &[(String, String)],
    html: bool,
) -> Vec<Edit> {
    let mut edits: Vec<Edit> = diagnostics
        .iter()
        .filter(|d| !d.category.is_pipeline() && options.selection.keeps(d))
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            if !(fix.safe || options.unsafe_fixes) {
                return None;
            }
            let (span, replacement) = if html {
                crate::parse::html_fix::adapt(&source.text, fix.span, &fix.replacement, &d.rule)?
            } else {
                (fix.span, fix.replacement.clone())
            };
            let current = source.slice(span)?;
            if current == replacement
                || span.is_empty()
                    && inserted
                        .iter()
                        .any(|(rule, text)| *rule == d.rule && *text == replacement)
            {
                return None;
            }
            Some(Edit {
                span,
                replacement,
                rule: d.rule.clone(),
            })
        })
        .collect();
    edits.sort();
    edits.dedup_by(|a, b| a.span == b.span && a.replacement == b.replacement);
    let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        let overlaps = kept.last().is_some_and(|last| {
            edit.span.start < last.span.end
                // Two insertions at one place: which goes first is not ours to guess.
                || edit.span.is_empty() && last.span == edit.span
        });
        if !overlaps {
            kept.push(edit);
        }
    }
    kept
}

/// One pass: `source` with the applicable fixes of `diagnostics` applied (where two overlap, the
/// first by position), and how many applied.
pub fn apply_fixes(
    source: &SourceFile,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> (String, usize) {
    let options = FixOptions {
        unsafe_fixes,
        ..FixOptions::default()
    };
    let edits = applicable(diagnostics, source, &options, &[], false);
    (apply(&source.text, &edits), edits.len())
}

/// `text` with `edits` (sorted, not overlapping) applied.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Where offsets of the original text are in the fixed one: the edits of each pass in turn.
#[derive(Debug, Default, Clone)]
pub struct Remap {
    passes: Vec<Vec<(Span, usize)>>,
}

impl Remap {
    /// The span `span` of the original text covers in the fixed text. A span that an edit cut
    /// into grows to cover the whole replacement.
    pub fn span(&self, span: Span) -> Span {
        let (mut start, mut end) = (span.start, span.end);
        for edits in &self.passes {
            start = map(edits, start, false);
            end = map(edits, end, true).max(start);
        }
        Span::new(start, end)
    }
}

/// An offset through one pass's edits: after every edit that ends at or before it; inside an
/// edit, to the replacement's start (or its end, for the end of a span).
fn map(edits: &[(Span, usize)], offset: usize, is_end: bool) -> usize {
    let mut shifted = offset as isize;
    for &(span, new_len) in edits {
        if span.start >= offset {
            break;
        }
        let delta = new_len as isize - span.len() as isize;
        if span.end <= offset {
            shifted += delta;
        } else {
            // Inside the edit.
            let start = span.start as isize + (shifted - offset as isize);
            return (if is_end {
                start + new_len as isize
            } else {
                start
            })
            .max(0) as usize;
        }
    }
    shifted.max(0) as usize
}

struct SourceFix {
    text: Arc<SourceFile>,
    applied: usize,
    converged: bool,
    /// Findings in the fixed text (only those of the per-file rules).
    diagnostics: Vec<Diagnostic>,
    remap: Remap,
}

/// Applies fixes to one text pass by pass, linting again between passes, until none applies.
fn fix_source(
    source: &Arc<SourceFile>,
    diagnostics: &[Diagnostic],
    parse: ParseOptions,
    rules: &RuleSet,
    options: &FixOptions,
) -> SourceFix {
    // HTML takes its fixes escaped and never across a tag (see `parse::html_fix`).
    let html = parse.format == crate::parse::Format::Html;
    let mut current = Arc::clone(source);
    let mut found: Vec<Diagnostic> = diagnostics.to_vec();
    let mut applied = 0;
    let mut converged = false;
    let mut inserted: Vec<(String, String)> = Vec::new();
    let mut seen: HashSet<u64> = HashSet::from([digest(&current.text)]);
    let mut remap = Remap::default();
    for _ in 0..MAX_PASSES {
        let edits = applicable(&found, &current, options, &inserted, html);
        if edits.is_empty() {
            converged = true;
            break;
        }
        let text = apply(&current.text, &edits);
        applied += edits.len();
        inserted.extend(
            edits
                .iter()
                .filter(|e| e.span.is_empty())
                .map(|e| (e.rule.clone(), e.replacement.clone())),
        );
        remap.passes.push(
            edits
                .iter()
                .map(|e| (e.span, e.replacement.len()))
                .collect(),
        );
        let cycled = !seen.insert(digest(&text));
        current = Arc::new(SourceFile::new(current.path.clone(), text));
        found = lint_source(Arc::clone(&current), parse, rules);
        if cycled {
            break;
        }
    }
    if !converged {
        converged = applicable(&found, &current, options, &inserted, html).is_empty();
    }
    SourceFix {
        text: current,
        applied,
        converged,
        diagnostics: found,
        remap,
    }
}

fn digest(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

enum CommitError {
    /// The file on disk is not the text that was fixed.
    Changed,
    Io(String),
}

impl From<std::io::Error> for CommitError {
    fn from(e: std::io::Error) -> Self {
        CommitError::Io(e.to_string())
    }
}

/// Replaces the file at `path`, whose content must still be `expected`, with `fixed`: through a
/// temporary file in the same folder (same file system, so the rename is atomic) that gets the
/// original's permissions. A symbolic link is followed, so the link stays a link.
fn commit(
    path: &Path,
    expected: &[u8],
    fixed: &[u8],
    before_commit: &(dyn Fn(&Path) + Sync),
) -> Result<(), CommitError> {
    let target = std::fs::canonicalize(path)?;
    let stamp = |meta: &std::fs::Metadata| (meta.len(), meta.modified().ok());
    let before = std::fs::metadata(&target)?;
    if std::fs::read(&target)? != expected {
        return Err(CommitError::Changed);
    }
    let dir = target
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut temp = tempfile::Builder::new()
        .prefix(".carelint-fix-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    temp.write_all(fixed)?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), before.permissions())?;
    before_commit(&target);
    // Last look before the rename: the same size, time and bytes as when it was read.
    let now = std::fs::metadata(&target)?;
    if stamp(&now) != stamp(&before) || std::fs::read(&target)? != expected {
        return Err(CommitError::Changed);
    }
    temp.persist(&target)
        .map_err(|e| CommitError::Io(e.error.to_string()))?;
    Ok(())
}

/// A unified diff with three lines of context, `a/PATH` and `b/PATH` headers, as `git apply`
/// and `patch -p1` read it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
