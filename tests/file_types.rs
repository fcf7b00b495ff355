//! Which files are articles and how each is read: built-in extensions (Markdown, plain text,
//! MDX, HTML), extensions a configuration adds with `extensions:`, files named by `include:`
//! or `parse:` globs, and MDX with its imports, exports and JSX left out.

use std::path::Path;

mod common;
use common::write;

fn carelint(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = assert_cmd::cargo::cargo_bin_cmd!("carelint")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("carelint runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const FLAGGED: &str = "Her brother committed suicide last year.\n";

#[test]
fn the_configuration_adds_extensions_and_says_how_each_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        ".carelint.yml",
        "extensions:\n  rst: plain\n  .NJK: html\n",
    );
    write(dir.path(), "docs/guide.rst", FLAGGED);
    write(
        dir.path(),
        "docs/page.njk",
        "<p>{{ title }}</p><p>He committed suicide.</p><script>committed suicide</script>\n",
    );
    write(dir.path(), "docs/photo.png", "not an article");
    let (code, out, err) = carelint(dir.path(), &["check", "--format", "json", "docs"]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("docs/guide.rst"), "{out}");
    assert!(out.contains("docs/page.njk"), "{out}");
    assert!(!out.contains("photo.png"), "{out}");
    // Read as HTML: the script is not prose, so one finding of the rule, not two.
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let suicide = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["path"] == "docs/page.njk" && d["rule"] == "safety/suicide-language")
        .count();
    assert_eq!(suicide, 1, "{out}");
}

#[test]
fn include_globs_name_articles_of_any_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), ".carelint.yml", "include: [\"*.rst\"]\n");
    write(dir.path(), "guide.rst", FLAGGED);
    write(dir.path(), "skipped.md", FLAGGED);
    let (code, out, err) = carelint(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("guide.rst"), "{out}");
    assert!(!out.contains("skipped.md"), "{out}");
}

#[test]
fn mdx_skips_imports_exports_and_jsx_but_lints_what_components_wrap() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "import Callout from './callout'\nexport const meta = { note: 'committed suicide' }\n\n# Grief\n\n<Callout tone=\"committed suicide\">\nHis cousin committed suicide in 2019.\n</Callout>\n\n<Chart data={[46]} label=\"46% of women\" />\n";
    write(dir.path(), "post.mdx", text);
    let (code, out, err) = carelint(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(code, Some(1), "{out}{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    let lines: Vec<u64> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "safety/suicide-language")
        .map(|d| d["line"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(lines, [7], "{out}");
    assert!(
        !diagnostics
            .iter()
            .any(|d| d["rule"] == "statistics/unsourced"),
        "{out}"
    );
}

#[test]
fn a_run_that_matches_no_article_fails_and_names_the_pattern() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.md", "Fine.\n");
    std::fs::create_dir(dir.path().join("emptydir")).expect("folder");
    for pattern in ["zzz*.md", "emptydir"] {
        let (code, out, err) = carelint(dir.path(), &["check", pattern]);
        assert_eq!(code, Some(2), "{pattern}: {out}{err}");
        assert!(err.contains("no articles matched"), "{err}");
        assert!(err.contains(&format!("`{pattern}`")), "{err}");
        assert!(err.contains("--allow-empty"), "{err}");
        let (code, out, err) = carelint(dir.path(), &["check", "--allow-empty", pattern]);
        assert_eq!(code, Some(0), "{pattern} with --allow-empty: {out}{err}");
    }
    // A pattern under a folder that does not exist says so, not an I/O error.
    let (code, out, err) = carelint(dir.path(), &["check", "nosuch/*.md"]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(out.contains("no such folder `nosuch`"), "{out}{err}");
    assert!(!format!("{out}{err}").contains("IO error"), "{out}{err}");
    // Something matched: no complaint.
    let (code, out, err) = carelint(dir.path(), &["check", "a.md"]);
    assert_eq!(code, Some(0), "{out}{err}");
}
