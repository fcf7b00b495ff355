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
use serde::de::{DeserializeSeed, Deserializer};

use crate::analyse::Analysis;
use crate::config::schema::{Level, LevelOr};
use crate::diagnostic::{Category, Diagnostic, Severity};
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
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>);
}

/// How to build a rule from the effective options.
pub struct RuleSpec {
    pub meta: &'static RuleMeta,
    pub build: fn(&Options) -> Result<Box<dyn Rule>, String>,
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
