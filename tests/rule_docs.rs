//! `docs/rules/<id>.md` are generated from the rules' `//!` comments (what `carelint explain`
//! prints), because SARIF `helpUri` and reviewdog `code.url` link to them. This test fails when
//! a page is stale, missing or left over from a removed rule; regenerate with
//! `CARELINT_BLESS=1 cargo test --test rule_docs` (which rewrites the pages and still fails, so
//! that only a second run passes).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use carelint::report::sarif::{rule_doc_page, rule_doc_path};
use carelint::rules::REGISTRY;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every page that should exist, by path relative to the repository root.
fn expected() -> BTreeMap<String, String> {
    let mut pages: BTreeMap<String, String> = REGISTRY
        .iter()
        .map(|spec| (rule_doc_path(spec.meta.id), rule_doc_page(spec.meta)))
        .collect();
    let mut index = String::from(
        "<!-- Generated; do not edit. Regenerate with: CARELINT_BLESS=1 cargo test --test rule_docs -->\n\n\
         # carelint rules\n\n| rule | category | default level | summary |\n|---|---|---|---|\n",
    );
    for spec in REGISTRY {
        let level = serde_json::to_value(spec.meta.default_level)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let link = rule_doc_path(spec.meta.id);
        let link = link.trim_start_matches("docs/rules/");
        index.push_str(&format!(
            "| [`{}`]({link}) | `{}` | {level} | {} |\n",
            spec.meta.id,
            spec.meta.category.as_str(),
            spec.meta.summary.replace('|', "\\|")
        ));
    }
    pages.insert("docs/rules/README.md".into(), index);
    pages
}

#[test]
fn rule_docs_are_up_to_date() {
    let bless = std::env::var_os("CARELINT_BLESS").is_some_and(|v| v != "0" && !v.is_empty());
    let pages = expected();
    let mut problems = Vec::new();
    for (rel, text) in &pages {
        let path = root().join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if bless {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("create docs folder");
            }
            std::fs::write(&path, text).expect("write rule doc");
        }
        problems.push(format!("{rel} is missing or stale"));
    }
    let present = common::files_with_extension(&root().join("docs/rules"), "md");
    for path in present {
        let rel = path
            .strip_prefix(root())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        if !pages.contains_key(&rel) {
            if bless {
                std::fs::remove_file(&path).expect("remove stale rule doc");
            }
            problems.push(format!("{rel} documents no rule"));
        }
    }
    // Blessing fixes the pages and still fails, so a run with CARELINT_BLESS set never passes
    // over stale pages; the next run checks what was written.
    let advice = if bless {
        "rewritten: run the test again without CARELINT_BLESS"
    } else {
        "regenerate with: CARELINT_BLESS=1 cargo test --test rule_docs"
    };
    assert!(problems.is_empty(), "{}\n{advice}", problems.join("\n"));
}

#[test]
fn every_rule_has_a_page_with_its_title() {
    for spec in REGISTRY {
        let page = rule_doc_page(spec.meta);
        assert!(
            page.contains(&format!("# {}", spec.meta.id)),
            "{} page lacks its heading",
            spec.meta.id
        );
    }
}
