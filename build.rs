//! Converts the built-in rule data (`rules/*.yml`) to JSON for the binary to embed.
//!
//! The YAML files stay the source of truth (they are what publications read and override), but
//! parsing 140 KB of YAML took 150 million instructions at every start, more than linting a
//! typical article; the same data as JSON parses in a few million. A built-in file that is not
//! valid YAML now fails the build instead of every run.
//!
//! The built-in configuration packs (a file with a top-level `extends:`, such as
//! `rules/recommended.yml`) are embedded as YAML instead: the configuration loader reads them
//! like any `.carelint.yml`, with YAML locations for its errors. Each file is embedded once.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir("rules")
        .expect("rules/ is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    files.sort();
    let mut table = String::from(
        "/// (`rules/NAME.yml`, its data as JSON).\npub static JSON: &[(&str, &str)] = &[\n",
    );
    let mut packs = String::from(
        "/// (`NAME`, the YAML of the built-in pack `rules/NAME.yml`).\npub static PACKS: &[(&str, &str)] = &[\n",
    );
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name");
        let text = std::fs::read_to_string(&path).expect("rule data is UTF-8");
        let value: serde_json::Value = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("rules/{name} is not valid YAML: {e}"));
        if value.get("extends").is_some() {
            let _ = writeln!(
                packs,
                "    (\"{}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{name}\"))),",
                name.trim_end_matches(".yml")
            );
            continue;
        }
        let json = serde_json::to_string(&value).expect("JSON");
        let target = Path::new(&out).join(format!("{name}.json"));
        std::fs::write(&target, json).expect("OUT_DIR is writable");
        let _ = writeln!(
            table,
            "    (\"rules/{name}\", include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}.json\"))),"
        );
    }
    table.push_str("];\n");
    packs.push_str("];\n");
    table.push_str(&packs);
    std::fs::write(Path::new(&out).join("rule_data.rs"), table).expect("OUT_DIR is writable");
}
