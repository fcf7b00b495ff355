//! The built-in rule data: `rules/*.yml`, converted to JSON by `build.rs` and embedded.

use serde::de::DeserializeOwned;

include!(concat!(env!("OUT_DIR"), "/rule_data.rs"));

/// A published guideline that rule data cites (`sources:` in `rules/*.yml`), by key.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guideline {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// Parses the built-in data file `file` (`rules/topics.yml`) from its embedded JSON; `yaml` is
/// its text, parsed only for a file the build did not convert.
pub fn parse<T: DeserializeOwned>(file: &str, yaml: &str) -> Result<T, String> {
    match JSON.iter().find(|(name, _)| *name == file) {
        Some((_, json)) => serde_json::from_str(json).map_err(|e| format!("{file}: {e}")),
        None => serde_yaml::from_str(yaml).map_err(|e| format!("{file}: {e}")),
    }
}

/// [`parse`] for data that borrows its strings from the embedded JSON, so a long word list
/// costs no allocation per word at start-up (the YAML fallback copies them).
pub fn parse_static<T: serde::Deserialize<'static>>(
    file: &str,
    yaml: &'static str,
) -> Result<T, String> {
    match JSON.iter().find(|(name, _)| *name == file) {
        Some((_, json)) => serde_json::from_str(json).map_err(|e| format!("{file}: {e}")),
        None => serde_yaml::from_str(yaml).map_err(|e| format!("{file}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON the build embeds says what the YAML says.
    #[test]
    fn embedded_json_is_the_yaml() {
        let yaml = [
            ("rules/topics.yml", crate::analyse::topics::DATA),
            ("rules/help.yml", crate::analyse::help::DATA),
            ("rules/quantities.yml", crate::analyse::quantities::DATA),
            (
                "rules/stigmatising.yml",
                crate::rules::language::stigmatising::LEXICON,
            ),
        ];
        for (file, text) in yaml {
            let from_yaml: serde_json::Value = serde_yaml::from_str(text).expect("YAML");
            let from_json: serde_json::Value = parse(file, "").expect("embedded");
            assert_eq!(from_yaml, from_json, "{file}");
        }
        assert!(JSON.len() >= 8, "every rules/*.yml is embedded");
    }
}
