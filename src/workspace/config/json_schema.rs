//! The JSON Schema of `.carelint.yml` (and rule packs), generated from the types the loader
//! deserialises, so editors validate exactly what carelint accepts. `rules:` is built from the
//! rule registry: every rule id is a known property whose value is a level or that rule's
//! options. Shipped as `schema/carelint.schema.json`; `carelint schema` prints it.

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};

use super::schema::{ConfigFile, RulesConfig};
use crate::model::diagnostic::Level;
use crate::rules::REGISTRY;

/// Where the shipped schema is published.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/carelint/carelint/main/schema/carelint.schema.json";

/// The comment that points the YAML language server (VS Code's YAML extension) at the schema.
pub const MODELINE: &str = "# yaml-language-server: $schema=https://raw.githubusercontent.com/carelint/carelint/main/schema/carelint.schema.json";

/// The schema as a JSON value. Draft 7, which every editor's YAML support understands.
pub fn schema() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<ConfigFile>();
    schema.insert("$id".into(), SCHEMA_URL.into());
    schema.to_value()
}

/// The schema as the pretty-printed JSON that is shipped.
pub fn text() -> String {
    serde_json::to_string_pretty(&schema()).unwrap_or_default()
}

impl JsonSchema for Level {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Level".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A rule's level: `off`, `info`, `warning` or `error` (`false` is `off`).",
            "anyOf": [
                { "type": "string", "enum": ["off", "info", "warning", "error"] },
                { "const": false }
            ]
        })
    }
}

impl JsonSchema for RulesConfig {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rules".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let level = generator.subschema_for::<Level>();
        let mut properties = serde_json::Map::new();
        for spec in REGISTRY {
            let options = crate::rules::options_schema(spec.meta.id, generator);
            let default = serde_json::to_value(spec.meta.default_level).unwrap_or_default();
            let description = format!(
                "{} (default: {}). A level, or a map with `level` and the rule's options. \
                 `carelint explain {}` documents it.",
                spec.meta.summary,
                default.as_str().unwrap_or("?"),
                spec.meta.id
            );
            properties.insert(
                spec.meta.id.to_string(),
                serde_json::json!({
                    "description": description,
                    "anyOf": [level.clone().to_value(), options.to_value()]
                }),
            );
        }
        for name in crate::rules::group_names() {
            let description = format!(
                "A level for every rule of `{name}` that this map does not set itself: {}.",
                crate::rules::group(&name).join(", ")
            );
            properties.insert(
                name,
                serde_json::json!({
                    "description": description,
                    "allOf": [level.clone().to_value()]
                }),
            );
        }
        json_schema!({
            "description": "Per-rule level and options, keyed by rule id (`carelint rules` lists them), rule family (`statistics`, `figures/*`) or category (`unsourced-statistic`).",
            "type": "object",
            "properties": properties,
            "additionalProperties": false
        })
    }
}
