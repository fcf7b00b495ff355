//! The `--format html` review page in a real browser: headless Chromium (Debian's `chromium`)
//! driven by `tests/browser/review.mjs` through playwright-core (`npm ci` in `tests/browser`).
//! Each highlight is checked against the JSON report of the same run, hostile articles must run
//! nothing, filters must hide exactly the findings they name, and screenshots of the samples and
//! seeds pages are written to the target folder (`review-samples.png`, `review-seeds.png`) as
//! CI artefacts.
//!
//! Without chromium, node or `tests/browser/node_modules` the tests say so and pass, except in
//! CI (`CI` set), where they fail. One test needs no browser: the page is deterministic.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The target folder, where CI collects artefacts.
fn target_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().map_or(tmp.clone(), Path::to_path_buf)
}

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Chromium, node and playwright-core, or `None` (a skip) outside CI.
fn browser() -> Option<PathBuf> {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let playwright = manifest().join("tests/browser/node_modules/playwright-core");
    let missing = match chromium() {
        None => "chromium (apt-get install chromium)".to_string(),
        Some(_) if !node => "node".to_string(),
        Some(_) if !playwright.is_dir() => {
            format!("{} (npm ci in tests/browser)", playwright.display())
        }
        Some(path) => return Some(path),
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "the browser tests need {missing}; .ci/run installs it"
    );
    eprintln!("skipping: {missing} not found");
    None
}

/// `carelint check --format FORMAT ARGS` in the repository; stdout.
fn check(args: &[&str], format: &str) -> Vec<u8> {
    let output = assert_cmd::Command::cargo_bin("carelint")
        .expect("binary")
        .current_dir(manifest())
        .env("NO_COLOR", "1")
        .arg("check")
        .args(args)
        .args(["--format", format, "--no-progress"])
        .output()
        .expect("runs");
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "carelint failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Renders the page for ARGS into `dir`, loads it and returns what review.mjs saw.
fn observe(chromium: &Path, dir: &Path, args: &[&str], screenshot: Option<&Path>) -> Value {
    let page = dir.join("review.html");
    std::fs::write(&page, check(args, "html")).expect("write page");
    let mut node = Command::new("node");
    node.current_dir(manifest().join("tests/browser"))
        .arg("review.mjs")
        .arg(&page)
        .env("CHROMIUM", chromium);
    if let Some(png) = screenshot {
        node.arg(png);
    }
    let output = node.output().expect("node runs");
    assert!(
        output.status.success(),
        "review.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: Value = serde_json::from_slice(&output.stdout).expect("review.mjs prints JSON");
    // Nothing fetched, nothing refused by the CSP (that would mean the page's own script or
    // style was blocked), no script errors, with or without JavaScript.
    assert_eq!(seen["requests"], serde_json::json!([]), "network requests");
    assert_eq!(seen["console"], serde_json::json!([]), "console messages");
    assert_eq!(seen["errors"], serde_json::json!([]), "page errors");
    seen
}

fn array(v: &Value) -> &Vec<Value> {
    v.as_array().expect("array")
}

/// The page holds each article's text exactly, carriage returns and all.
fn assert_sources_are_the_articles(seen: &Value) {
    let sources = array(&seen["page"]["sources"]);
    assert!(!sources.is_empty());
    for source in sources {
        let path = source["path"].as_str().expect("path");
        let text = std::fs::read_to_string(manifest().join(path)).expect("article");
        assert_eq!(source["text"].as_str(), Some(text.as_str()), "{path}");
    }
}

/// Every finding of the JSON report has exactly one card, and its highlight's text is the
/// bytes its span covers in the file.
fn assert_highlights_match_json(seen: &Value, args: &[&str]) -> usize {
    let json: Value = serde_json::from_slice(&check(args, "json")).expect("JSON report");
    let findings = array(&json["diagnostics"]);
    let cards = array(&seen["cards"]);
    assert_eq!(cards.len(), findings.len(), "one card per finding");
    assert_eq!(
        seen["page"]["highlighted_findings"].as_u64(),
        Some(findings.len() as u64),
        "highlighted spans"
    );
    assert_sources_are_the_articles(seen);
    for (card, finding) in cards.iter().zip(findings) {
        let key = |v: &Value, start: &Value, end: &Value| {
            (
                v["path"].as_str().map(str::to_string),
                v["rule"].as_str().map(str::to_string),
                start.as_u64(),
                end.as_u64(),
            )
        };
        assert_eq!(
            key(card, &card["start"], &card["end"]),
            key(finding, &finding["span"]["start"], &finding["span"]["end"]),
            "cards follow the JSON report's order"
        );
        let path = finding["path"].as_str().expect("path");
        let bytes = std::fs::read(manifest().join(path)).expect("article");
        let (start, end) = (
            finding["span"]["start"].as_u64().expect("start") as usize,
            finding["span"]["end"].as_u64().expect("end") as usize,
        );
        let expected = String::from_utf8_lossy(&bytes[start..end]);
        assert_eq!(card["highlighted"], true, "{path} {start}..{end}");
        assert_eq!(
            card["text"].as_str(),
            Some(&*expected),
            "{path} {start}..{end}"
        );
    }
    findings.len()
}

#[test]
fn samples_page_highlights_every_finding_filters_and_navigates() {
    let Some(chromium) = browser() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let args = ["fixtures/samples"];
    let png = target_dir().join("review-samples.png");
    let seen = observe(&chromium, dir.path(), &args, Some(&png));
    let n = assert_highlights_match_json(&seen, &args);
    assert!(n > 20, "the samples have findings of every kind");
    assert!(std::fs::metadata(&png).is_ok_and(|m| m.len() > 10_000));

    assert_eq!(seen["page"]["summary_first"], true);
    assert_eq!(seen["page"]["low_contrast"], serde_json::json!([]));
    let landmarks = &seen["page"]["landmarks"];
    assert_eq!(
        (&landmarks["h1"], &landmarks["main"]),
        (&1.into(), &1.into())
    );
    assert_eq!(landmarks["nav"], 1);
    assert_eq!(landmarks["unnamed_sections"], 0);
    assert_eq!(landmarks["sections"].as_u64(), Some(5));
    assert_eq!(landmarks["file_headings"], landmarks["sections"]);
    assert_eq!(seen["page"]["filters_shown"], true);
    let cards = array(&seen["cards"]);
    let attr = |c: &Value, name: &str| -> String {
        let key = match name {
            "cat" => "category",
            "sev" => "severity",
            _ => "rule",
        };
        c[key].as_str().unwrap_or_default().to_string()
    };
    // Unticking one category, severity or rule hides exactly its findings, cards and marks.
    let filters = array(&seen["filters"]);
    assert!(
        filters.len() >= 10,
        "filters for categories, severities and rules"
    );
    for filter in filters {
        let (name, value) = (
            filter["name"].as_str().unwrap_or_default(),
            filter["value"].as_str().unwrap_or_default(),
        );
        let expected: Vec<Value> = cards
            .iter()
            .filter(|c| attr(c, name) != value)
            .map(|c| c["f"].clone())
            .collect();
        assert!(
            expected.len() < cards.len(),
            "{name}={value} names no finding"
        );
        assert_eq!(
            array(&filter["visible"]),
            &expected,
            "cards with {name}={value} off"
        );
        assert_eq!(
            array(&filter["lit"]),
            &expected,
            "marks with {name}={value} off"
        );
    }
    assert_eq!(seen["restored"].as_u64(), Some(cards.len() as u64));
    // j, j, k, k: first finding, second, first, and round to the last.
    let last = format!("c{}", cards.len());
    assert_eq!(
        seen["keyboard"],
        serde_json::json!(["c1", "c2", "c1", last])
    );
    assert_eq!(
        seen["clicked"],
        serde_json::json!(last),
        "a click on a mark"
    );
    // Without JavaScript every finding is shown and the filters are not offered.
    let off = &seen["no_script"];
    assert_eq!(off["cards"].as_u64(), Some(cards.len() as u64));
    assert_eq!(off["hidden_cards"], 0);
    assert_eq!(off["filters_hidden"], true);
}

/// The seed articles (third-party text beside the repository, never copied into it), in
/// `../shared/seeds` or `$CARELINT_SHARED/seeds`.
#[test]
fn seeds_page_highlights_every_finding() {
    let Some(chromium) = browser() else { return };
    let shared = std::env::var_os("CARELINT_SHARED")
        .map_or_else(|| manifest().join("../shared"), PathBuf::from);
    let seeds = shared.join("seeds");
    if !seeds.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing in CI",
            seeds.display()
        );
        eprintln!("skipping: {} not found", seeds.display());
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let seeds = seeds.to_string_lossy().into_owned();
    let args = [seeds.as_str()];
    let png = target_dir().join("review-seeds.png");
    let seen = observe(&chromium, dir.path(), &args, Some(&png));
    assert!(assert_highlights_match_json(&seen, &args) > 0);
    assert!(std::fs::metadata(&png).is_ok_and(|m| m.len() > 10_000));
}

/// An article written to break out of the page: tags, a closing `</textarea>`, a comment, a
/// `javascript:` link, attribute-breaking quotes, in its text and in its file name.
#[test]
fn hostile_article_runs_nothing() {
    let Some(chromium) = browser() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).expect("mkdir");
    std::fs::write(articles.join(".carelint.yml"), "root: true\n").expect("write");
    let hostile = "# Living with it <script>window.pwned = 1</script>\n\n\
        He suffers from depression.<script>window.__pwned = true;</script>\n\n\
        </textarea><img src=x onerror=\"window.pwned = 2\"> <!-- a comment --> --> \
        <svg onload=\"window.pwned = 3\"></svg>\n\n\
        [Read more](javascript:window.pwned=4) and <a href=\"javascript:window.pwned=5\">here</a>.\n\n\
        She said \" onmouseover=\"window.pwned=6\" ' onfocus='window.pwned=7' that she was a crazy \
        </style><style>body{display:none}</style> mess.\n";
    let name = "\"><img src=x onerror=window.pwned=8>'.md";
    std::fs::write(articles.join(name), hostile).expect("write");
    let path = articles.to_string_lossy().into_owned();
    let seen = observe(&chromium, dir.path(), &[&path], None);
    let page = &seen["page"];
    assert_eq!(page["pwned"], false, "an article's script ran");
    assert_eq!(page["scripts"], 1, "only the page's own script");
    assert_eq!(page["foreign_elements"], 0);
    assert_eq!(page["event_attributes"], 0);
    assert_eq!(page["javascript_links"], 0);
    // The article is shown as text, markup and all.
    let text = page["text"].as_str().unwrap_or_default();
    for shown in [
        "<script>window.pwned = 1</script>",
        "</textarea><img src=x onerror=\"window.pwned = 2\">",
        "<!-- a comment -->",
        "javascript:window.pwned=4",
        "\" onmouseover=\"window.pwned=6\" ' onfocus='window.pwned=7'",
        name,
    ] {
        assert!(text.contains(shown), "{shown:?} is not shown as text");
    }
    assert_sources_are_the_articles(&seen);
    let cards = array(&seen["cards"]);
    assert!(
        cards.iter().any(|c| c["text"] == "suffers from"),
        "its findings are still marked"
    );
}

/// No browser needed: the page is the same whatever the number of threads, as every format is.
#[test]
fn page_is_identical_for_any_number_of_jobs() {
    let args = ["fixtures/samples", "fixtures/figures"];
    let with_jobs = |n: &str| {
        let mut all = args.to_vec();
        all.extend(["--jobs", n]);
        check(&all, "html")
    };
    let one = with_jobs("1");
    assert!(one.starts_with(b"<!DOCTYPE html>") && one.ends_with(b"</html>\n"));
    for n in ["2", "4"] {
        assert!(one == with_jobs(n), "the page differs with --jobs {n}");
    }
}
