//! Check: the rules, their registry and the context they run in.
//!
//! Each rule is one file whose module doc comment is its documentation (`carelint explain`
//! prints it). A rule declares a stable namespaced id, a category and a default level; its data
//! lives in `rules/*.yml` and its options come from configuration.

pub mod figures;
pub mod language;
pub mod lexicon;
pub mod safety;
pub mod statistics;

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use crate::analyse::Analysis;
use crate::analyse::figures::ClaimRecord;
use crate::model::diagnostic::Level;
use crate::model::diagnostic::{Category, Diagnostic, Severity};
use crate::model::source::Span;
use crate::parse::Document;

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
    /// The rule compares articles with each other ([`Rule::across_articles`]): it finds
    /// nothing in a run of one article or one shard.
    pub across_articles: bool,
}

impl RuleMeta {
    /// The rule's documentation: its module doc comment, as Markdown.
    pub fn doc(&self) -> String {
        doc_comment(self.source)
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
    /// The phase over all articles, for rules that compare articles with each other (their
    /// meta says `across_articles`): the claim records one article leaves for the comparison,
    /// collected on the worker that linted it. The run then compares the articles in path
    /// order, each with the ones before it ([`figures::cross_article::Comparison`]).
    fn across_articles(&self, _ctx: &CheckContext) -> Option<Vec<ClaimRecord>> {
        None
    }
}

/// How to build a rule from the effective options.
pub struct RuleSpec {
    pub meta: &'static RuleMeta,
    pub build: fn(&mut Shared) -> Result<Box<dyn Rule>, String>,
}

/// What the rules of one set share while they are built: the merged options, and the engines
/// compiled from them, each built at most once per rule set and only if a rule asks for it.
pub struct Shared<'a> {
    pub options: &'a Options,
    citations: Option<std::sync::Arc<crate::analyse::citations::Finder>>,
}

impl<'a> Shared<'a> {
    pub fn new(options: &'a Options) -> Self {
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
        let finder = std::sync::Arc::new(self.options.statistics.finder()?);
        self.citations = Some(std::sync::Arc::clone(&finder));
        Ok(finder)
    }
}

/// Every rule carelint knows, in a stable order.
pub static REGISTRY: &[RuleSpec] = &[
    RuleSpec {
        meta: &language::stigmatising::META,
        build: language::stigmatising::build,
    },
    RuleSpec {
        meta: &safety::help_seeking::META,
        build: safety::help_seeking::build,
    },
    RuleSpec {
        meta: &safety::suicide_language::META,
        build: safety::suicide_language::build,
    },
    RuleSpec {
        meta: &safety::method_detail::META,
        build: safety::method_detail::build,
    },
    RuleSpec {
        meta: &safety::stale_helpline::META,
        build: safety::stale_helpline::build,
    },
    RuleSpec {
        meta: &statistics::unsourced::META,
        build: statistics::unsourced::build,
    },
    RuleSpec {
        meta: &statistics::weak_attribution::META,
        build: statistics::weak_attribution::build,
    },
    RuleSpec {
        meta: &figures::broken_number::META,
        build: figures::broken_number::build,
    },
    RuleSpec {
        meta: &figures::impossible::META,
        build: figures::impossible::build,
    },
    RuleSpec {
        meta: &figures::contradiction::META,
        build: figures::contradiction::build,
    },
    RuleSpec {
        meta: &figures::cross_article::META,
        build: figures::cross_article::build,
    },
];

pub fn find(id: &str) -> Option<&'static RuleSpec> {
    REGISTRY.iter().find(|spec| spec.meta.id == id)
}

/// Known rule ids, for "did you mean" suggestions.
pub fn ids() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|spec| spec.meta.id)
}

/// A rule's options as written under its id in `rules:` (a map that may also hold `level`).
pub trait RuleOptions: Clone + Default {
    fn level(&self) -> Option<Level>;
    /// Applies a later layer: scalars replace, lists accumulate.
    fn merge(&mut self, later: &Self);
}

/// Merges a scalar option: a later layer's value replaces the earlier one when it is set.
pub fn replace_if_set<T: Clone>(slot: &mut Option<T>, later: &Option<T>) {
    if later.is_some() {
        slot.clone_from(later);
    }
}

/// Options of every rule that has some, merged along the configuration cascade.
/// Adding a rule with options: a field here, a line in `merge`, an arm in `OptionsSeed`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub stigmatising: lexicon::Options,
    pub help_seeking: safety::help_seeking::Options,
    pub suicide_language: lexicon::Options,
    pub method_detail: lexicon::Options,
    pub stale_helpline: safety::stale_helpline::Options,
    /// Shared by both statistics rules.
    pub statistics: statistics::Options,
}

impl Options {
    pub fn merge(&mut self, later: &Options) {
        self.stigmatising.merge(&later.stigmatising);
        self.help_seeking.merge(&later.help_seeking);
        self.statistics.merge(&later.statistics);
        self.suicide_language.merge(&later.suicide_language);
        self.method_detail.merge(&later.method_detail);
        self.stale_helpline.merge(&later.stale_helpline);
    }
}

/// Rules without options accept a map with only `level`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {
    level: Option<Level>,
}

impl RuleOptions for NoOptions {
    fn level(&self) -> Option<Level> {
        self.level
    }
    fn merge(&mut self, _: &Self) {}
}

/// Deserialises one rule's config value in place, so errors keep their YAML location.
pub struct OptionsSeed<'a> {
    pub id: &'static str,
    pub into: &'a mut Options,
}

impl<'de> DeserializeSeed<'de> for OptionsSeed<'_> {
    type Value = Option<Level>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let into = self.into;
        match self.id {
            id if id == language::stigmatising::META.id => {
                seed(deserializer, &mut into.stigmatising)
            }
            id if id == safety::help_seeking::META.id => seed(deserializer, &mut into.help_seeking),
            id if id == safety::suicide_language::META.id => {
                seed(deserializer, &mut into.suicide_language)
            }
            id if id == safety::method_detail::META.id => {
                seed(deserializer, &mut into.method_detail)
            }
            id if id == safety::stale_helpline::META.id => {
                seed(deserializer, &mut into.stale_helpline)
            }
            id if id == statistics::unsourced::META.id
                || id == statistics::weak_attribution::META.id =>
            {
                seed(deserializer, &mut into.statistics)
            }
            _ => seed(deserializer, &mut NoOptions::default()),
        }
    }
}

/// The JSON Schema of a rule's options map: the same types as the arms of [`OptionsSeed`].
pub fn options_schema(id: &str, generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    match id {
        id if id == language::stigmatising::META.id
            || id == safety::suicide_language::META.id
            || id == safety::method_detail::META.id =>
        {
            generator.subschema_for::<lexicon::Options>()
        }
        id if id == safety::help_seeking::META.id => {
            generator.subschema_for::<safety::help_seeking::Options>()
        }
        id if id == safety::stale_helpline::META.id => {
            generator.subschema_for::<safety::stale_helpline::Options>()
        }
        id if id == statistics::unsourced::META.id
            || id == statistics::weak_attribution::META.id =>
        {
            generator.subschema_for::<statistics::Options>()
        }
        _ => generator.subschema_for::<NoOptions>(),
    }
}

/// The value of one rule's entry: a bare level, or a map whose `level` key is split off and
/// whose other keys are the rule's options.
pub enum LevelOr<O> {
    Level(Level),
    Options(O),
}

impl<'de, O: Deserialize<'de>> Deserialize<'de> for LevelOr<O> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<O>(std::marker::PhantomData<O>);
        impl<'de, O: Deserialize<'de>> Visitor<'de> for V<O> {
            type Value = LevelOr<O>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level (off, info, warning, error) or a map of options")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Level::deserialize(de::value::StrDeserializer::<E>::new(v)).map(LevelOr::Level)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                if v {
                    Err(E::custom(
                        "`true` is not a level; use off, info, warning or error",
                    ))
                } else {
                    Ok(LevelOr::Level(Level::Off))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                O::deserialize(de::value::MapAccessDeserializer::new(map)).map(LevelOr::Options)
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}

/// Reads a level or an options map, merging options into `into`; returns the level if set.
fn seed<'de, D: Deserializer<'de>, O: RuleOptions + Deserialize<'de>>(
    deserializer: D,
    into: &mut O,
) -> Result<Option<Level>, D::Error> {
    Ok(match LevelOr::<O>::deserialize(deserializer)? {
        LevelOr::Level(level) => Some(level),
        LevelOr::Options(options) => {
            into.merge(&options);
            options.level()
        }
    })
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
