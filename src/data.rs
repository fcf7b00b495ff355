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

    /// The JSON the build embeds says what each `rules/*.yml` on disk says, for every file.
    #[test]
    fn embedded_json_is_the_yaml() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .expect("rules/")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yml"))
            .map(|n| format!("rules/{n}"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = JSON.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "every rules/*.yml is embedded");
        for file in &on_disk {
            let text = std::fs::read_to_string(dir.join(&file["rules/".len()..])).expect("YAML");
            let from_yaml: serde_json::Value = serde_yaml::from_str(&text).expect("YAML");
            let from_json: serde_json::Value = parse(file, "").expect("embedded");
            assert_eq!(from_yaml, from_json, "{file}");
        }
    }
}
