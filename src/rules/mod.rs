//! Rules: the [`Rule`] trait, rule metadata, [`CheckContext::report`], the registry, rule
//! options ([`options`]), the lexicon engine ([`lexicon`]) and the rule files.
//!
//! Each rule is one file whose module doc comment is its documentation (`carelint explain`
//! prints it). It declares `META` (a stable namespaced id, a category, a default level),
//! `OPTIONS` (the type of its options and where they live) and `build`, and takes one line in
//! [`registry!`]. Its data lives in `rules/*.yml`.

pub mod figures;
pub mod language;
pub mod lexicon;
pub mod options;
pub mod safety;
pub mod statistics;

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer};

use crate::analyse::Analysis;
use crate::analyse::figures::ClaimRecord;
use crate::model::diagnostic::{Category, Diagnostic, Level, Severity};
use crate::model::source::Span;
use crate::parse::Document;
pub use options::{NO_OPTIONS, NoOptions, OptionsByRule, OptionsKey, RuleOptions, replace_if_set};

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable, namespaced id, e.g. `language/stigmatising`. Never reused.
    pub id: &'static str,
    pub category: Category,
    pub default_level: Level,
    /// One line for `carelint rules`.
    pub summary: &'static str,
    /// The rule's source file; its `//!` comment is the documentation.
    pub source: &'static str,
    /// The phase over all articles, for a rule that compares articles with each other: a fresh
    /// [`Comparison`] for a run, fed each article's records ([`Rule::across_articles`]) in
    /// path order. Such a rule finds nothing in a run of one article or one shard.
    pub across_articles: Option<fn() -> Box<dyn Comparison>>,
    /// Its finding is about the whole article (help an article lacks has no line of its own):
    /// `--changed-since` reports it whenever the file changed at all.
    pub whole_article: bool,
    /// The built-in lexicon of a rule built on the lexicon engine: `carelint explain ENTRY`,
    /// `carelint rules --entries` and suppression comments find its entries here.
    pub lexicon: Option<&'static lexicon::Builtin>,
}

impl RuleMeta {
    /// The rule's documentation: its module doc comment, as Markdown.
    pub fn doc(&self) -> String {
        doc_comment(self.source)
    }

    /// Whether the rule compares articles with each other (it has the phase over all articles).
    pub fn compares_articles(&self) -> bool {
        self.across_articles.is_some()
    }
}

/// Extracts the leading `//!` comment of a Rust source file.
pub fn doc_comment(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let Some(rest) = line.trim_start().strip_prefix("//!") else {
            if line.trim().is_empty() && out.is_empty() {
                continue;
            }
            break;
        };
        out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// What a rule sees of one article.
pub struct CheckContext<'a> {
    pub doc: &'a Document,
    pub analysis: &'a Analysis,
    /// The configured severity for this rule's findings.
    pub severity: Severity,
    /// The rule being run, whose id and category its findings carry.
    pub meta: &'static RuleMeta,
}

impl CheckContext<'_> {
    /// A finding of the running rule at its configured severity.
    pub fn report(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(
            self.meta.id,
            self.meta.category,
            self.severity,
            span,
            message,
        )
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// The phase over one article.
    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>);
    /// The per-article half of the phase over all articles, for a rule whose meta has
    /// `across_articles`: the claim records one article leaves for the comparison, collected
    /// on the worker that linted it. The run feeds them, in path order, to the rule's
    /// [`Comparison`] ([`crate::lint::across`]).
    fn across_articles(&self, _ctx: &CheckContext) -> Option<Vec<ClaimRecord>> {
        None
    }
}

/// The run-wide half of the phase over all articles: each article's records are compared with
/// those of the articles before it in path order, so a run can report (and drop) an article as
/// soon as it and the ones before it are linted. Findings are on the later article.
pub trait Comparison: Send {
    /// The findings on the next article, whose records `records` are and whose findings of
    /// this rule report at `severity`; then its records join the comparison.
    fn next(&mut self, records: Vec<ClaimRecord>, severity: Severity) -> Vec<Diagnostic>;
    /// [`Comparison::next`]'s findings without the article joining: the language server
    /// compares an open document with the other articles of its folder, never with itself.
    fn findings(&self, records: &[ClaimRecord], severity: Severity) -> Vec<Diagnostic>;
    /// Adds an article's records without looking for findings on it (shared, so an index that
    /// keeps them adds them to many comparisons without copying).
    fn add(&mut self, records: Vec<std::sync::Arc<ClaimRecord>>);
}

/// How to build a rule from the effective options.
pub struct RuleSpec {
    pub meta: &'static RuleMeta,
    pub build: fn(&mut Shared) -> Result<Box<dyn Rule>, String>,
}

/// What the rules of one set share while they are built: the merged options, and the engines
/// compiled from them, each built at most once per rule set and only if a rule asks for it.
pub struct Shared<'a> {
    pub options: &'a OptionsByRule,
    citations: Option<std::sync::Arc<crate::analyse::citations::Finder>>,
}

impl<'a> Shared<'a> {
    pub fn new(options: &'a OptionsByRule) -> Self {
        Shared {
            options,
            citations: None,
        }
    }

    /// The citation finder for the statistics options, built on the first request: the
    /// statistics rules, the contradiction check and the claim records share it, and with it
    /// the analysis' lazy classification of figures.
    pub fn citations(
        &mut self,
    ) -> Result<std::sync::Arc<crate::analyse::citations::Finder>, String> {
        if let Some(finder) = &self.citations {
            return Ok(std::sync::Arc::clone(finder));
        }
        let finder = std::sync::Arc::new(self.options.get(&statistics::OPTIONS).finder()?);
        self.citations = Some(std::sync::Arc::clone(&finder));
        Ok(finder)
    }
}

/// The registry: every rule carelint knows, one line each, in a stable order. From each
/// rule's `META`, `build` and `OPTIONS` it makes [`REGISTRY`], the reading of the rule's
/// options from configuration ([`OptionsSeed`]) and their JSON Schema ([`options_schema`]).
macro_rules! registry {
    ($($rule:path),* $(,)?) => {
        /// Every rule carelint knows, in a stable order.
        pub static REGISTRY: &[RuleSpec] = &[$({
            use $rule as rule;
            RuleSpec {
                meta: &rule::META,
                build: rule::build,
            }
        }),*];

        impl<'de> DeserializeSeed<'de> for OptionsSeed<'_> {
            type Value = Option<Level>;

            fn deserialize<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Self::Value, D::Error> {
                $({
                    use $rule as rule;
                    if self.id == rule::META.id {
                        return rule::OPTIONS.seed(deserializer, self.into);
                    }
                })*
                NO_OPTIONS.seed(deserializer, self.into)
            }
        }

        /// The JSON Schema of a rule's options map.
        pub fn options_schema(
            id: &str,
            generator: &mut schemars::SchemaGenerator,
        ) -> schemars::Schema {
            $({
                use $rule as rule;
                if id == rule::META.id {
                    return rule::OPTIONS.schema(generator);
                }
            })*
            NO_OPTIONS.schema(generator)
        }
    };
}

registry![
    language::stigmatising,
    safety::help_seeking,
    safety::suicide_language,
    safety::method_detail,
    safety::stale_helpline,
    statistics::unsourced,
    statistics::weak_attribution,
    figures::broken_number,
    figures::impossible,
    figures::contradiction,
    figures::cross_article,
];

/// Deserialises one rule's config value in place, so errors keep their YAML location.
pub struct OptionsSeed<'a> {
    pub id: &'static str,
    pub into: &'a mut OptionsByRule,
}

pub fn find(id: &str) -> Option<&'static RuleSpec> {
    REGISTRY.iter().find(|spec| spec.meta.id == id)
}

/// The rules a group name covers: a family (`statistics`, or `statistics/*`: the part of the
/// ids before `/`) or a category (`unsourced-statistic`). Empty for any other name.
pub fn group(name: &str) -> Vec<&'static str> {
    let name = name.strip_suffix("/*").unwrap_or(name);
    REGISTRY
        .iter()
        .filter(|spec| {
            spec.meta.id.split('/').next() == Some(name) || spec.meta.category.as_str() == name
        })
        .map(|spec| spec.meta.id)
        .collect()
}

/// Group names `rules:` takes besides rule ids: families, `family/*`, and categories.
pub fn group_names() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for spec in REGISTRY {
        if let Some(family) = spec.meta.id.split('/').next() {
            names.push(family.to_string());
            names.push(format!("{family}/*"));
        }
        names.push(spec.meta.category.as_str().to_string());
    }
    names.sort();
    names.dedup();
    names
}

/// Known rule ids, for "did you mean" suggestions.
pub fn ids() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|spec| spec.meta.id)
}

impl fmt::Debug for dyn Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.meta().id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comment_is_leading_inner_comment() {
        assert_eq!(
            doc_comment("//! Title\n//!\n//! Body.\nuse x;\n//! not this"),
            "Title\n\nBody."
        );
    }

    #[test]
    fn every_rule_has_docs_with_examples() {
        for spec in REGISTRY {
            let doc = spec.meta.doc();
            assert!(
                doc.len() > 200,
                "{} has no real documentation",
                spec.meta.id
            );
            assert!(
                doc.contains("## Bad") && doc.contains("## Good"),
                "{} lacks examples",
                spec.meta.id
            );
            assert!(spec.meta.id.contains('/'));
        }
    }
}
