//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use carelint::lint::article::lint_source;
use carelint::lint::rule_set::RuleSet;
use carelint::model::diagnostic::Diagnostic;
use carelint::model::source::SourceFile;
use carelint::parse::ParseOptions;
use carelint::workspace::config::RulesConfig;

/// Lints `text` as the file `name` with every rule at its default level.
pub fn lint_text(name: &str, text: &str) -> (Arc<SourceFile>, Vec<Diagnostic>) {
    let source = Arc::new(SourceFile::new(name, text));
    let rules = RuleSet::build(&RulesConfig::default()).expect("default rules build");
    let options = ParseOptions::for_path(Path::new(name));
    let diagnostics = lint_source(Arc::clone(&source), options, &rules);
    (source, diagnostics)
}

pub fn lint_path(path: &Path) -> (Arc<SourceFile>, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    lint_text(&path.to_string_lossy(), &text)
}

pub fn fixture(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// Whitespace folded to single spaces.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a stigmatising finding names: between the first “ and the next ”.
pub fn named(message: &str) -> Option<&str> {
    let start = message.find('“')? + '“'.len_utf8();
    let len = message[start..].find('”')?;
    Some(&message[start..start + len])
}

/// Asserts the span is valid and slices to exactly the text the message names.
pub fn assert_span_names_its_text(source: &SourceFile, d: &Diagnostic) {
    let slice = source
        .slice(d.span)
        .unwrap_or_else(|| panic!("span {:?} of {} is not on char boundaries", d.span, d.rule));
    if let Some(name) = named(&d.message) {
        assert_eq!(
            fold(slice),
            name,
            "span of `{}` does not slice to the text it names",
            d.message
        );
    }
}

/// Lints `text` as the file `name` with a publication's `rules:` map (YAML) on top of the
/// defaults.
pub fn lint_text_with(
    name: &str,
    text: &str,
    rules_yaml: &str,
) -> (Arc<SourceFile>, Vec<Diagnostic>) {
    let source = Arc::new(SourceFile::new(name, text));
    let config: RulesConfig = serde_yaml::from_str(rules_yaml).expect("fixture config parses");
    let rules = RuleSet::build(&config).expect("fixture config builds");
    let options = ParseOptions::for_path(Path::new(name));
    let diagnostics = lint_source(Arc::clone(&source), options, &rules);
    (source, diagnostics)
}
