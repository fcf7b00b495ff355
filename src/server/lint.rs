//! The lint worker: one thread that lints documents with the library's pipeline
//! ([`crate::run::run_text_with`]), keeping a [`Resolver`] per workspace folder so configuration
//! is read and rules are compiled once per configuration change, not per keystroke.
//!
//! Jobs queue on a channel; before each lint the worker drains it and keeps only the newest
//! version of each document, so a burst of changes costs one lint (the latest version wins).
//!
//! A job whose workspace folder is indexed ([`crate::server::index`]) is compared with the
//! folder's other articles (`figures/cross-article`); the comparison of "every article but this
//! one" is built once per document and folder snapshot, not per keystroke.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};
use lsp_types::Uri;

use crate::lint::across::Comparisons;
use crate::model::diagnostic::{Category, Diagnostic, Severity};
use crate::model::source::{SourceFile, Span};
use crate::run::RunOptions;
use crate::run::resolve::Resolver;
use crate::server::index::Folder;

/// One document to lint, as the client had it at `version`.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub generation: u64,
    pub text: String,
    /// The path its configuration is resolved for (an unnamed buffer gets a name in the
    /// workspace root, so the root's configuration applies).
    pub path: PathBuf,
    /// The workspace folder it belongs to: the run's working directory.
    pub cwd: PathBuf,
    /// Where the document is saved (`None` for an unnamed buffer): its saved copy in the
    /// folder's index is not compared with it.
    pub own: Option<PathBuf>,
    /// The folder's index, once it is built: the other articles to compare the document with.
    pub folder: Option<Arc<Folder>>,
}

pub enum Work {
    Lint(Job),
    /// Configuration changed: forget every resolver (and the rule sets they compiled).
    Reset,
}

/// A configuration file that could not be read, with the findings to show on it.
pub struct ConfigProblem {
    pub path: PathBuf,
    pub source: Arc<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Linted {
    pub uri: Uri,
    pub version: i32,
    pub generation: u64,
    /// The version of the folder index it was compared with (0: none).
    pub folder: u64,
    pub source: Arc<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub config: Vec<ConfigProblem>,
    /// Something to tell the client in its log (an internal error).
    pub log: Option<String>,
    pub elapsed: std::time::Duration,
}

/// The other articles of a document's folder, as compared for one snapshot of the index.
struct Others {
    root: PathBuf,
    version: u64,
    comparisons: Option<Comparisons>,
}

/// The other articles' comparisons by document (its saved path; `None` for unnamed buffers).
#[derive(Default)]
pub struct ByDocument(HashMap<Option<PathBuf>, Others>);

impl ByDocument {
    /// The comparisons of the folder's articles other than `own`, rebuilt when the folder's
    /// snapshot changed.
    fn get(&mut self, folder: &Folder, own: Option<&PathBuf>) -> Option<&Comparisons> {
        let fresh = |o: &Others| o.root == folder.root && o.version == folder.version;
        if self.0.get(&own.cloned()).is_none_or(|o| !fresh(o)) {
            // Entries of closed documents or older snapshots are dropped on the way.
            self.0.retain(|_, o| fresh(o));
            let comparisons = folder.others(own.map(PathBuf::as_path));
            self.0.insert(
                own.cloned(),
                Others {
                    root: folder.root.clone(),
                    version: folder.version,
                    comparisons,
                },
            );
        }
        self.0.get(&own.cloned())?.comparisons.as_ref()
    }
}

/// Runs until the job channel closes.
pub fn worker(jobs: Receiver<Work>, done: Sender<Linted>) {
    let mut resolvers: HashMap<PathBuf, Resolver> = HashMap::new();
    let mut comparisons = ByDocument::default();
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        batch.extend(jobs.try_iter());
        let mut latest: Vec<Job> = Vec::new();
        for work in batch {
            match work {
                Work::Reset => {
                    resolvers.clear();
                    latest.clear();
                }
                Work::Lint(job) => {
                    latest.retain(|j| j.uri != job.uri);
                    latest.push(job);
                }
            }
        }
        for job in latest {
            let linted = lint(&mut resolvers, &mut comparisons, job);
            if done.send(linted).is_err() {
                return;
            }
        }
    }
}

/// Lints one job; a panic inside the pipeline becomes an error finding and a log line, and the
/// resolvers are rebuilt, so the server goes on.
pub fn lint(
    resolvers: &mut HashMap<PathBuf, Resolver>,
    comparisons: &mut ByDocument,
    job: Job,
) -> Linted {
    let started = std::time::Instant::now();
    let Job {
        uri,
        version,
        generation,
        text,
        path,
        cwd,
        own,
        folder,
    } = job;
    let shown = crate::workspace::config::display_path(&path);
    let fallback = Arc::new(SourceFile::new(shown.clone(), text.clone()));
    let resolver = resolvers
        .entry(cwd.clone())
        .or_insert_with(|| Resolver::new(cwd.clone(), None));
    let folder_version = folder.as_ref().map_or(0, |f| f.version);
    let others = folder
        .as_deref()
        .and_then(|f| comparisons.get(f, own.as_ref()));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        lint_text(resolver, text, &path, &cwd, others)
    }));
    let (source, diagnostics, config, log) = match result {
        Ok((source, diagnostics, config)) => {
            (source.unwrap_or(fallback), diagnostics, config, None)
        }
        Err(panic) => {
            resolvers.remove(&cwd);
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let message =
                format!("carelint failed on this file (internal error: {why}); please report it");
            let finding = Diagnostic::new(
                "input",
                Category::Input,
                Severity::Error,
                Span::default(),
                message.clone(),
            );
            (fallback, vec![finding], Vec::new(), Some(message))
        }
    };
    Linted {
        uri,
        version,
        generation,
        folder: folder_version,
        source,
        diagnostics,
        config,
        log,
        elapsed: started.elapsed(),
    }
}

type LintResult = (Option<Arc<SourceFile>>, Vec<Diagnostic>, Vec<ConfigProblem>);

/// The document's findings as `carelint check` on the saved file would report them, and the
/// configuration files that could not be read on the way.
fn lint_text(
    resolver: &mut Resolver,
    text: String,
    path: &Path,
    cwd: &Path,
    others: Option<&Comparisons>,
) -> LintResult {
    let shown = crate::workspace::config::display_path(path);
    // `check` skips files larger than the configured limit; so does the editor.
    if let Some(resolved) = resolver.resolve(path)
        && text.len() as u64 > resolved.max_size()
    {
        let finding = Diagnostic::new(
            "input",
            Category::Input,
            Severity::Warning,
            Span::default(),
            format!(
                "skipped: the document is {} bytes and the limit is {} bytes",
                text.len(),
                resolved.max_size()
            ),
        )
        .with_help("raise `max_file_size` in .carelint.yml (bytes) to lint it");
        return (None, vec![finding], Vec::new());
    }
    let options = RunOptions {
        cwd: cwd.to_path_buf(),
        ..RunOptions::default()
    };
    let outcome = crate::run::run_text_compared(resolver, text, path, &options, others);
    let mut source = None;
    let mut diagnostics = Vec::new();
    let mut config = Vec::new();
    for report in outcome.reports {
        if report.path == shown {
            source = report.source.or(source);
            diagnostics.extend(report.diagnostics.into_iter().map(|mut d| {
                if d.message.is_empty() && d.category == Category::Config {
                    // The resolver reports a rule set that failed to build once; later lints
                    // of the same configuration get an empty message.
                    d.message = "this document's configuration could not be compiled".into();
                }
                d
            }));
        } else if let Some(config_source) = report.source {
            config.push(ConfigProblem {
                path: cwd.join(&report.path),
                source: config_source,
                diagnostics: report.diagnostics,
            });
        }
    }
    (source, diagnostics, config)
}
