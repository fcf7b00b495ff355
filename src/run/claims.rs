//! `carelint claims`: the claim records of every article, as `figures/cross-article` keeps
//! them, for `carelint check-claims` to compare across the shards of a split run, and for the
//! language server's index of a workspace folder. Only the citation finder is built for each
//! file, not its rule set.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::pool::{ordered_map, threads};
use super::resolve::Resolver;
use super::{RunOptions, discover_articles, unlinted};
use crate::analyse::analyse;
use crate::analyse::citations::Finder;
use crate::analyse::figures::{ClaimRecord, records};
use crate::lint::across::{ArticleRecords, RuleRecords};
use crate::model::diagnostic::{Category, Severity};
use crate::model::outcome::{FileReport, Outcome};
use crate::parse::{ParseOptions, parse};
use crate::rules::figures::cross_article;
use crate::workspace::read::read;

/// The figures of every article under `options.paths`, keyed for comparison (`carelint
/// claims`), in path and offset order, with the problems that kept files from being read.
pub fn collect_claims(options: &RunOptions) -> (Vec<ClaimRecord>, Outcome) {
    let (articles, outcome) = collect_article_claims(options, false, None);
    let claims = articles.into_iter().flat_map(|a| a.claims).collect();
    (claims, outcome)
}

/// One article's figures, as [`collect_article_claims`] gives them.
#[derive(Debug)]
pub struct ArticleClaims {
    /// The path as discovered.
    pub path: PathBuf,
    /// The severity `figures/cross-article` has for this article; `None` when it is off there,
    /// and then the article takes no part in the comparison.
    pub severity: Option<Severity>,
    pub claims: Vec<ClaimRecord>,
}

impl ArticleClaims {
    /// What the article leaves for the comparisons across articles ([`crate::lint::across`]),
    /// as `check` would keep it: nothing when the rule is off for it.
    pub fn into_records(self) -> ArticleRecords {
        ArticleRecords(
            self.severity
                .map(|severity| RuleRecords {
                    rule: cross_article::META.id,
                    severity,
                    records: self.claims,
                })
                .into_iter()
                .collect(),
        )
    }
}

/// The figures of every article under `options.paths` (the same discovery and configuration as
/// `check`), one entry per article read, in path order, with the problems that kept files from
/// being read. `only`, when given, narrows the discovered articles (an editor re-reads the ones
/// saved). With `for_comparison`, each article keeps only the figures `figures/cross-article`
/// compares, each with the lines around it, as `check` keeps them; otherwise every figure.
pub fn collect_article_claims(
    options: &RunOptions,
    for_comparison: bool,
    only: Option<&dyn Fn(&Path) -> bool>,
) -> (Vec<ArticleClaims>, Outcome) {
    let mut resolver = Resolver::new(options.cwd.clone(), options.config.as_deref());
    let mut discovered = discover_articles(options, &mut resolver.loader);
    if let Some(only) = only {
        discovered.files.retain(|f| only(f));
    }
    let mut jobs = Vec::new();
    let mut problems = Vec::new();
    for path in discovered.files {
        let Some(resolved) = resolver.resolve(&path) else {
            continue;
        };
        let settings = &resolved.settings;
        if !settings.included {
            continue;
        }
        // The severity `check` would give this file's cross-article findings, so that
        // `check-claims` over the printed claims finds what `check` finds.
        let cross = cross_article::META.id;
        let severity = settings
            .rules
            .levels
            .get(cross)
            .copied()
            .unwrap_or(cross_article::META.default_level)
            .severity();
        match resolver.finder(settings) {
            Ok(finder) => jobs.push((
                crate::workspace::config::display_path(&path),
                path,
                settings.parse,
                (finder, severity),
                resolved.max_size(),
            )),
            Err(message) => problems.push(FileReport::problem(
                crate::workspace::config::display_path(&path),
                Category::Config,
                message,
            )),
        }
    }
    type ClaimJob = (
        String,
        PathBuf,
        ParseOptions,
        (Arc<Finder>, Option<Severity>),
        u64,
    );
    let each = |(shown, path, parse_options, (finder, severity), max): &ClaimJob| {
        let read = read(path, shown, *max);
        let claims = read.source.as_ref().map(|source| {
            let doc = parse(Arc::clone(source), *parse_options);
            let analysis = analyse(&doc);
            let found = records(&doc, &analysis, finder);
            let mut found: Vec<ClaimRecord> = if for_comparison {
                found
                    .iter()
                    .filter(|c| c.comparable())
                    .map(|c| c.clone().with_excerpt(source))
                    .collect()
            } else {
                found.into_owned()
            };
            for claim in &mut found {
                claim.cross_article = *severity;
            }
            ArticleClaims {
                path: path.clone(),
                severity: *severity,
                claims: found,
            }
        });
        let report = FileReport {
            path: shown.clone(),
            checked: read.source.is_some(),
            source: read.source.or(read.shown),
            diagnostics: read.problems,
        };
        (claims, report)
    };
    let results = ordered_map(threads(options.jobs), &jobs, each);
    let mut articles = Vec::new();
    let mut reports = problems;
    for (article, report) in results {
        articles.extend(article);
        if !report.diagnostics.is_empty() {
            reports.push(report);
        }
    }
    reports.extend(unlinted(discovered.errors, resolver.loader.errors));
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let files_checked = jobs.len();
    (
        articles,
        Outcome {
            reports,
            files_checked,
            ..Outcome::default()
        },
    )
}
