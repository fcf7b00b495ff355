//! The JSON Schema of `.carelint.yml`: shipped up to date, and in agreement with the loader.

use std::path::Path;

use assert_cmd::Command;
use carelint::rules::REGISTRY;
use carelint::workspace::config::ConfigFile;
use carelint::workspace::config::json_schema::{MODELINE, text};
use serde_json::Value;

const SHIPPED: &str = "schema/carelint.schema.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&text()).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema is a valid JSON Schema")
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("YAML")
}

/// Errors the schema finds in `config`, as text.
fn errors(validator: &jsonschema::Validator, config: &Value) -> Vec<String> {
    validator
        .iter_errors(config)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_shipped_schema_is_up_to_date() {
    let fresh = format!("{}\n", text());
    let path = root().join(SHIPPED);
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    // Blessing writes the schema and still fails, so a run with CARELINT_BLESS set never passes
    // over a stale file; the next run checks what was written.
    if shipped != fresh && std::env::var_os("CARELINT_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write schema");
        panic!("{SHIPPED} was stale and is rewritten: run the test again without CARELINT_BLESS");
    }
    assert!(
        shipped == fresh,
        "{SHIPPED} is stale: regenerate it with `CARELINT_BLESS=1 cargo test --test config_schema`"
    );
    let printed = Command::cargo_bin("carelint")
        .expect("binary")
        .arg("schema")
        .output()
        .expect("runs");
    assert!(printed.status.success());
    assert_eq!(String::from_utf8_lossy(&printed.stdout), fresh);
}

#[test]
fn every_rule_is_a_known_property_with_its_level_or_options() {
    let schema: Value = serde_json::from_str(&text()).expect("JSON");
    let rules = &schema["definitions"]["Rules"]["properties"];
    // Every rule, and every family and category (which take a level only).
    let groups = carelint::rules::group_names();
    assert_eq!(
        rules.as_object().map(|o| o.len()),
        Some(REGISTRY.len() + groups.len()),
        "{rules}"
    );
    let validator = validator();
    for group in &groups {
        let config = serde_json::json!({ "rules": { group: "off" } });
        assert!(validator.is_valid(&config), "{config}");
        let config = serde_json::json!({ "rules": { group: { "level": "off" } } });
        assert!(!validator.is_valid(&config), "{config}");
    }
    for spec in REGISTRY {
        assert!(rules.get(spec.meta.id).is_some(), "{}", spec.meta.id);
        for value in ["off", "info", "warning", "error"] {
            let config = serde_json::json!({ "rules": { spec.meta.id: value } });
            assert!(validator.is_valid(&config), "{config}");
        }
        let config = serde_json::json!({ "rules": { spec.meta.id: { "level": "error" } } });
        assert!(validator.is_valid(&config), "{config}");
        let config = serde_json::json!({ "rules": { spec.meta.id: "loud" } });
        assert!(!validator.is_valid(&config), "{config}");
    }
}

#[test]
fn shipped_configs_and_packs_validate() {
    let validator = validator();
    let mut configs: Vec<(String, String)> = [
        "src/workspace/config/starter.yml",
        "rules/recommended.yml",
        "rules/strict.yml",
    ]
    .iter()
    .map(|p| {
        (
            p.to_string(),
            std::fs::read_to_string(root().join(p)).expect("read"),
        )
    })
    .collect();
    // The rule settings the fixture tests use (tests/fixtures.rs reads them as `rules:`).
    let fixtures = root().join("fixtures");
    for entry in walk(&fixtures) {
        if entry.extension().is_some_and(|e| e == "yml") {
            let body = std::fs::read_to_string(&entry).expect("read");
            let indented: String = body.lines().map(|l| format!("  {l}\n")).collect();
            configs.push((entry.display().to_string(), format!("rules:\n{indented}")));
        }
    }
    // The configuration examples in the README.
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    for (i, block) in readme.split("```yaml\n").skip(1).enumerate() {
        let block = block.split("```").next().unwrap_or_default();
        if !block.contains("carelint.schema.json") && !block.contains("rules:") {
            continue;
        }
        configs.push((format!("README yaml block {i}"), block.to_string()));
    }
    assert!(configs.len() > 10, "{}", configs.len());
    for (name, config) in &configs {
        let value = yaml(config);
        let found = errors(&validator, &value);
        assert!(found.is_empty(), "{name}: {found:?}");
        serde_yaml::from_str::<ConfigFile>(config)
            .unwrap_or_else(|e| panic!("{name}: the loader rejects what the schema accepts: {e}"));
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn typos_and_bad_values_do_not_validate_and_the_loader_agrees() {
    let validator = validator();
    for config in [
        "root: true\nrulez: {}\n",
        "fail_on: sometimes\n",
        "extends: [recommended]\nexlude: [\"drafts/**\"]\n",
        "rules:\n  language/stigmatizing: off\n",
        "rules:\n  language/stigmatising:\n    levle: warning\n",
        "rules:\n  language/stigmatising:\n    quoted: always\n",
        "rules:\n  statistics/unsourced:\n    require: links\n",
        "rules:\n  safety/help-seeking:\n    require:\n      suicide: total\n",
        "rules:\n  figures/cross-article:\n    level: warning\n    threshold: 3\n",
        "overrides:\n  - file: [\"a/**\"]\n",
        "parse:\n  \"*.txt\": asciidoc\n",
        "max_warnings: -1\n",
    ] {
        let value = yaml(config);
        assert!(!validator.is_valid(&value), "schema accepts {config:?}");
        assert!(
            serde_yaml::from_str::<ConfigFile>(config).is_err(),
            "loader accepts {config:?}"
        );
    }
    // Forms the loader accepts that a naive schema would not.
    for config in [
        "exclude: \"drafts/**\"\n",
        "extends: recommended\n",
        "rules:\n  language/stigmatising: false\n",
        "overrides:\n  - files: \"fiction/**\"\n    rules:\n      language/stigmatising: off\n",
    ] {
        let value = yaml(config);
        assert!(
            validator.is_valid(&value),
            "{config:?}: {:?}",
            errors(&validator, &value)
        );
        assert!(
            serde_yaml::from_str::<ConfigFile>(config).is_ok(),
            "{config:?}"
        );
    }
}

#[test]
fn init_writes_the_editor_modeline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = Command::cargo_bin("carelint")
        .expect("binary")
        .arg("init")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(output.status.success());
    let written = std::fs::read_to_string(dir.path().join(".carelint.yml")).expect("written");
    assert_eq!(written.lines().next(), Some(MODELINE));
    let schema: Value = serde_json::from_str(&text()).expect("JSON");
    assert!(MODELINE.ends_with(schema["$id"].as_str().unwrap_or("none")));
}
