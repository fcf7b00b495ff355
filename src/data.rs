//! The built-in rule data: `rules/*.yml`, converted to JSON by `build.rs` and embedded, and the
//! built-in configuration packs, embedded as YAML. Each file is embedded once; nothing else in
//! the crate `include_str!`s a `rules/*.yml`.

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

/// Parses the built-in data file `file` (`rules/topics.yml`) from its embedded JSON.
pub fn parse<T: DeserializeOwned>(file: &str) -> Result<T, String> {
    serde_json::from_str(json(file)?).map_err(|e| format!("{file}: {e}"))
}

/// [`parse`] for data that borrows its strings from the embedded JSON, so a long word list
/// costs no allocation per word at start-up.
pub fn parse_static<T: serde::Deserialize<'static>>(file: &str) -> Result<T, String> {
    serde_json::from_str(json(file)?).map_err(|e| format!("{file}: {e}"))
}

fn json(file: &str) -> Result<&'static str, String> {
    JSON.iter()
        .find(|(name, _)| *name == file)
        .map(|(_, json)| *json)
        .ok_or_else(|| format!("{file}: not a built-in data file"))
}

/// The YAML of a built-in configuration pack (`recommended` is `rules/recommended.yml`).
pub fn pack(name: &str) -> Option<&'static str> {
    PACKS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, yaml)| *yaml)
}

/// The names of the built-in packs, in file-name order.
pub fn pack_names() -> impl Iterator<Item = &'static str> {
    PACKS.iter().map(|(name, _)| *name)
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
        let mut embedded: Vec<String> = JSON
            .iter()
            .map(|(n, _)| n.to_string())
            .chain(pack_names().map(|n| format!("rules/{n}.yml")))
            .collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "every rules/*.yml is embedded");
        for file in JSON.iter().map(|(n, _)| *n) {
            let text = std::fs::read_to_string(dir.join(&file["rules/".len()..])).expect("YAML");
            let from_yaml: serde_json::Value = serde_yaml::from_str(&text).expect("YAML");
            let from_json: serde_json::Value = parse(file).expect("embedded");
            assert_eq!(from_yaml, from_json, "{file}");
        }
        for name in pack_names() {
            let text = std::fs::read_to_string(dir.join(format!("{name}.yml"))).expect("YAML");
            assert_eq!(pack(name), Some(text.as_str()), "{name}");
        }
    }
}
