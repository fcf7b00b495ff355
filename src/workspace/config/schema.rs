//! The shape of `.carelint.yml` and of rule packs (the same schema).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::model::diagnostic::Level;
use crate::model::outcome::FailOn;
use crate::parse::Format;
use crate::rules;

/// One configuration file or rule pack as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "carelint configuration (.carelint.yml) or rule pack")]
pub struct ConfigFile {
    /// Stop looking for `.carelint.yml` in parent folders.
    #[serde(default)]
    pub root: bool,
    /// Built-in packs (`recommended`, `strict`) and paths to rule-pack YAML, applied in order
    /// before this file. Absent means `[recommended]`.
    #[serde(default, deserialize_with = "one_or_many_opt")]
    #[schemars(with = "Option<OneOrMany>")]
    pub extends: Option<Vec<String>>,
    /// Globs of articles to lint (relative to this file's folder; in a rule pack, to the folder
    /// of the configuration that extends it); default: all articles.
    #[serde(default, deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany")]
    pub include: Vec<String>,
    /// Globs to skip (relative to this file's folder; in a rule pack, to the folder of the
    /// configuration that extends it).
    #[serde(default, deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany")]
    pub exclude: Vec<String>,
    pub fail_on: Option<FailOn>,
    pub max_warnings: Option<usize>,
    /// Report inline suppressions that suppressed nothing (as `--report-unused-disables`).
    pub report_unused_disables: Option<bool>,
    /// Files larger than this many bytes are reported and skipped.
    pub max_file_size: Option<u64>,
    /// How to read files by glob, e.g. `"archive/**/*.txt": plain`.
    #[serde(default)]
    pub parse: BTreeMap<String, Format>,
    /// More file extensions to lint in folders, and how each is read, e.g. `{rst: plain, njk:
    /// html}`. Built in: md, markdown, txt (markdown); mdx; html, htm, xhtml (html).
    #[serde(default)]
    pub extensions: BTreeMap<String, Format>,
    #[serde(default)]
    pub rules: RulesConfig,
    #[serde(default)]
    pub overrides: Vec<Override>,
}

/// Settings that apply only to files matching `files`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    #[serde(deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany")]
    pub files: Vec<String>,
    pub parse: Option<Format>,
    #[serde(default)]
    pub rules: RulesConfig,
}

/// `rules:` — per-rule level and options, keyed by rule id. A value is either a level
/// (`language/stigmatising: off`) or a map with `level` and the rule's own options. A family
/// (`statistics`, `figures/*`) or a category (`unsourced-statistic`) takes a level for all
/// its rules.
#[derive(Debug, Clone, Default)]
pub struct RulesConfig {
    pub levels: BTreeMap<String, Level>,
    pub options: rules::OptionsByRule,
}

impl RulesConfig {
    /// Applies `later` on top of `self`: levels replace, options merge.
    pub fn merge(&mut self, later: &RulesConfig) {
        for (id, level) in &later.levels {
            self.levels.insert(id.clone(), *level);
        }
        self.options.merge(&later.options);
    }
}

pub const UNKNOWN_RULE: &str = "unknown rule";

impl<'de> Deserialize<'de> for RulesConfig {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RulesVisitor;
        impl<'de> Visitor<'de> for RulesVisitor {
            type Value = RulesConfig;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from rule id to a level or to the rule's options")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RulesConfig, A::Error> {
                let mut out = RulesConfig::default();
                // Families and categories (`statistics: off`) set every rule they cover that
                // this map does not name itself: the more specific entry wins, in any order.
                let mut groups: Vec<(Vec<&'static str>, Level)> = Vec::new();
                while let Some(id) = map.next_key::<String>()? {
                    let Some(spec) = rules::find(&id) else {
                        let members = rules::group(&id);
                        if members.is_empty() {
                            return Err(de::Error::custom(format!("{UNKNOWN_RULE} `{id}`")));
                        }
                        groups.push((members, map.next_value::<Level>()?));
                        continue;
                    };
                    let level = map.next_value_seed(rules::OptionsSeed {
                        id: spec.meta.id,
                        into: &mut out.options,
                    })?;
                    if let Some(level) = level {
                        out.levels.insert(spec.meta.id.to_string(), level);
                    }
                }
                for (members, level) in groups {
                    for id in members {
                        out.levels.entry(id.to_string()).or_insert(level);
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(RulesVisitor)
    }
}

/// The schema of a string-or-list value (`exclude: "drafts/**"` or `exclude: [a, b]`).
pub struct OneOrMany;

impl schemars::JsonSchema for OneOrMany {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OneOrMany".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A string or a list of strings.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

fn one_or_many_opt<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<String>>, D::Error> {
    one_or_many(deserializer).map(Some)
}
