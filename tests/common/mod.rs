//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use carelint::lint::article::lint_source;
use carelint::lint::rule_set::RuleSet;
use carelint::model::diagnostic::Diagnostic;
use carelint::model::source::SourceFile;
use carelint::parse::ParseOptions;
use carelint::workspace::config::{ConfigFile, RulesConfig, builtin_pack};

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

/// Lints the fixture at `path` with built-in packs applied in order (`["recommended",
/// "strict"]`), as a publication that `extends:` them would.
pub fn lint_path_with_packs(path: &Path, packs: &[&str]) -> (Arc<SourceFile>, Vec<Diagnostic>) {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let source = Arc::new(SourceFile::new(path.to_string_lossy(), text));
    let mut config = RulesConfig::default();
    for pack in packs {
        let yaml = builtin_pack(pack).expect("built-in pack");
        let file: ConfigFile = serde_yaml::from_str(yaml).expect("built-in pack parses");
        config.merge(&file.rules);
    }
    let rules = RuleSet::build(&config).expect("pack rules build");
    let options = ParseOptions::for_path(path);
    let diagnostics = lint_source(Arc::clone(&source), options, &rules);
    (source, diagnostics)
}

/// Whether this process runs as root (which reads and writes files whatever their mode).
pub fn is_root() -> bool {
    // /proc/self/status has `Uid: real effective saved fs`; no libc needed.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

/// The user the root-only halves of tests run as: `CARELINT_UNPRIVILEGED_USER` (`.ci/run` makes
/// one), else `nobody`.
pub fn unprivileged_user() -> String {
    std::env::var("CARELINT_UNPRIVILEGED_USER").unwrap_or_else(|_| "nobody".into())
}

/// Runs test `name` of this binary as an unprivileged user (with `runuser`) and fails unless it
/// passes there. Without `runuser` or the user, the test fails in CI (`CI` set) and says it
/// skipped elsewhere.
pub fn rerun_unprivileged(name: &str) {
    let user = unprivileged_user();
    let exe = std::env::current_exe().expect("test binary path");
    let known = std::process::Command::new("id")
        .arg(&user)
        .output()
        .is_ok_and(|o| o.status.success());
    let output = known
        .then(|| {
            std::process::Command::new("runuser")
                .args(["-u", &user, "--"])
                .arg(&exe)
                .args(["--exact", name, "--test-threads=1", "--nocapture"])
                .env("TMPDIR", std::env::temp_dir())
                .current_dir(std::env::temp_dir())
                .output()
                .ok()
        })
        .flatten();
    let Some(output) = output else {
        let why =
            format!("cannot run as user {user:?} with runuser (set CARELINT_UNPRIVILEGED_USER)");
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("skipped the unprivileged half of {name}: {why}");
        return;
    };
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "as {user}:\n{out}");
    // `--exact` with a wrong name would run nothing and still succeed.
    assert!(
        out.contains("test result: ok. 1 passed;"),
        "as {user}:\n{out}"
    );
}
