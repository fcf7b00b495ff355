//! HTML articles: what is prose and what is not, how sources and quotations are read, and the
//! span property the Markdown reader has (every word of prose and every reported span slices
//! the original file to the text it names) for generated pages with entities, CRLF, implied
//! end tags, scripts, comments and multi-byte text.

mod common;

use std::sync::Arc;

use carelint::model::source::SourceFile;
use carelint::parse::{BlockKind, Format, ParseOptions, parse};
use proptest::prelude::*;

use common::{assert_span_names_its_text, assert_span_slices, line_of, lint_text};

fn html_doc(text: &str) -> carelint::parse::Document {
    parse(
        Arc::new(SourceFile::new("page.html", text)),
        ParseOptions {
            format: Format::Html,
            plain_shapes: false,
        },
    )
}

fn rules_at<'a>(
    text: &'a str,
    diagnostics: &'a [carelint::model::diagnostic::Diagnostic],
) -> Vec<(&'a str, &'a str)> {
    diagnostics
        .iter()
        .map(|d| (d.rule.as_ref(), &text[d.span.range()]))
        .collect()
}

/// Lints `text` as the file `name`, asserting that every span names its text.
fn lint_named(name: &str, text: &str) -> Vec<carelint::model::diagnostic::Diagnostic> {
    let (source, diagnostics) = lint_text(name, text);
    for d in &diagnostics {
        assert_span_names_its_text(&source, d);
    }
    diagnostics
}

/// Asserts `text` was reported under `rule`.
fn assert_found(found: &[(&str, &str)], rule: &str, text: &str) {
    assert!(found.contains(&(rule, text)), "{found:?}");
}

const PAGE: &str = "<!DOCTYPE html>\r\n<html><head>\r\n<title>Why people commit suicide &amp; how to help</title>\r\n\
<meta name=\"description\" content=\"Addicts and the mentally ill, explained\">\r\n\
<style>p { content: \"committed suicide\" }</style>\r\n<script>var s = \"46% of women\";</script>\r\n\
</head><body>\r\n<nav><a href=\"/\">Home</a> <a href=\"/x\">Addicts</a></nav>\r\n\
<h2>What the figures say</h2>\r\n\
<p>Her brother committed suicide in 2019.\r\nAround 46% of women reported it.\r\n\
<p>Caf&eacute; staff said 32% of men felt the same.<sup><a href=\"#r1\">1</a></sup></p>\r\n\
<p>A <a href=\"https://example.org/study\">national survey</a> found 27% of teenagers did.</p>\r\n\
<ul><li>First item: 12% of nurses <em>suffer from</em> it<li>Second item</ul>\r\n\
<blockquote><p>He committed suicide, his mother said.</p></blockquote>\r\n\
<p>In <q>the addicts</q> and in <cite>Addicts Anonymous</cite> the word is a title.</p>\r\n\
<pre>committed suicide in a code block</pre><p>Run <code>committed suicide</code> now.</p>\r\n\
<!-- committed suicide in a comment -->\r\n<template><p>committed suicide</p></template>\r\n\
<table><tr><th>Group<td>Share</tr><tr><td>Adults<td>31% of adults</table>\r\n\
</body></html>\r\n";

#[test]
fn blocks_are_read_from_text_elements_and_nothing_else() {
    let d = html_doc(PAGE);
    let got: Vec<(BlockKind, &str)> = d
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Code)
        .map(|b| (b.kind, b.text()))
        .collect();
    assert_eq!(
        got,
        vec![
            (BlockKind::Title, "Why people commit suicide & how to help"),
            (BlockKind::Title, "Addicts and the mentally ill, explained"),
            (BlockKind::Heading(2), "What the figures say"),
            (
                BlockKind::Paragraph,
                "Her brother committed suicide in 2019. Around 46% of women reported it."
            ),
            (
                BlockKind::Paragraph,
                "Café staff said 32% of men felt the same.1"
            ),
            (
                BlockKind::Paragraph,
                "A national survey found 27% of teenagers did."
            ),
            (
                BlockKind::ListItem,
                "First item: 12% of nurses suffer from it"
            ),
            (BlockKind::ListItem, "Second item"),
            (
                BlockKind::Paragraph,
                "He committed suicide, his mother said."
            ),
            (
                BlockKind::Paragraph,
                "In \u{201C}the addicts\u{201D} and in Addicts Anonymous the word is a title."
            ),
            (BlockKind::Paragraph, "Run \u{FFFC} now."),
            (BlockKind::TableCell, "Group"),
            (BlockKind::TableCell, "Share"),
            (BlockKind::TableCell, "Adults"),
            (BlockKind::TableCell, "31% of adults"),
        ]
    );
    let quote = d
        .blocks
        .iter()
        .find(|b| b.text().starts_with("He committed"))
        .expect("quoted paragraph");
    assert_eq!(quote.quote_depth, 1);
    // Items of one list and cells of one table are one group, as in Markdown.
    let items: Vec<_> = d
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .collect();
    assert_eq!(items[0].group, items[1].group);
    // Code blocks, inline code, scripts, styles and templates are code: comments there are
    // examples, not directives.
    for hidden in ["<pre>", "<code>", "<style>", "<script>", "<template>"] {
        let at = PAGE.find(hidden).expect("in the page");
        assert!(
            d.code.iter().any(|s| s.start == at),
            "{hidden} is not recorded as code"
        );
    }
}

#[test]
fn an_html_article_is_linted_with_exact_spans() {
    let diagnostics = lint_named("page.html", PAGE);
    let found = rules_at(PAGE, &diagnostics);
    assert_found(&found, "safety/suicide-language", "committed suicide");
    assert_found(&found, "statistics/unsourced", "Around 46%");
    // The title and the description are linted as the title is.
    let title_at = PAGE.find("commit suicide").expect("in title");
    assert!(
        diagnostics.iter().any(|d| d.span.start == title_at),
        "title not linted: {found:?}"
    );
    let addicts_at = PAGE.find("Addicts and").expect("in description");
    assert!(
        diagnostics.iter().any(|d| d.span.start == addicts_at),
        "description not linted: {found:?}"
    );
    // Sourced by a link, by a superscript reference, not flagged.
    for sourced in ["32% of men", "27% of teenagers"] {
        assert!(
            !found.contains(&("statistics/unsourced", sourced)),
            "{sourced} has a source: {found:?}"
        );
    }
    // Nothing from the menu, the style, the script, code, comments or templates.
    let outside = |needle: &str| {
        let mut at = 0;
        let mut spans = Vec::new();
        while let Some(i) = PAGE[at..].find(needle) {
            spans.push(at + i);
            at += i + needle.len();
        }
        spans
    };
    let hidden: Vec<usize> = [
        "committed suicide\" }",
        "46% of women\";",
        "Addicts</a></nav>",
        "committed suicide in a code",
        "committed suicide</code>",
        "committed suicide in a comment",
        "committed suicide</p></template>",
    ]
    .iter()
    .flat_map(|n| outside(n))
    .collect();
    for d in &diagnostics {
        assert!(
            !hidden.contains(&d.span.start),
            "{} reported inside non-prose at {}: {:?}",
            d.rule,
            d.span.start,
            &PAGE[d.span.range()]
        );
    }
}

/// What the rules make of each finding, without positions.
fn verdicts(
    name: &str,
    text: &str,
) -> Vec<(String, carelint::model::diagnostic::Severity, String)> {
    lint_text(name, text)
        .1
        .into_iter()
        .map(|d| (d.rule.to_string(), d.severity, d.message))
        .collect()
}

#[test]
fn quotations_citations_and_references_read_as_their_markdown_twins() {
    let pairs = [
        (
            "<blockquote><p>He committed suicide, his mother said.</p></blockquote>",
            "> He committed suicide, his mother said.\n",
        ),
        (
            "<p>Fans still sing <q>men don't cry</q> at games.</p>",
            "Fans still sing \u{201C}men don't cry\u{201D} at games.\n",
        ),
        (
            "<p>In <cite>The Addicts</cite>, a novel, nobody recovers.</p>",
            "In *The Addicts*, a novel, nobody recovers.\n",
        ),
        (
            "<p>About 46% of women said so.<sup>3</sup></p>",
            "About 46% of women said so.<sup>3</sup>\n",
        ),
        ("<h2>Addicts</h2><p>Text.</p>", "## Addicts\n\nText.\n"),
    ];
    for (html, markdown) in pairs {
        assert_eq!(
            verdicts("a.html", html),
            verdicts("a.md", markdown),
            "{html}"
        );
    }
    // Without the markup, the same words are the publication's own.
    assert_ne!(
        verdicts("a.html", "<p>He committed suicide, his mother said.</p>"),
        verdicts("a.html", pairs[0].0)
    );
}

#[test]
fn html_blocks_in_markdown_are_prose() {
    let text = "# Background\n\n<p class=\"lead\">Her brother committed suicide.</p>\n\n<div>\nAbout 46% of women said so.\n</div>\n\n<!-- carelint-disable-next-line safety/suicide-language -->\nA plain line.\n";
    let diagnostics = lint_named("note.md", text);
    let found = rules_at(text, &diagnostics);
    assert_found(&found, "safety/suicide-language", "committed suicide");
    assert_found(&found, "statistics/unsourced", "About 46%");
}

#[test]
fn entities_crlf_and_legacy_references_map_to_their_source() {
    let text = "<p>A&nbsp;caf&eacute; &copy 2024 &amp;&amp; caf\u{e9}\r\nline &#x1F600; &#169; &notit; &lt;b&gt; a & b</p>";
    let d = html_doc(text);
    assert_eq!(
        d.blocks[0].text(),
        "A café © 2024 && café line 😀 © ¬it; <b> a & b"
    );
    assert_words_map(&d, text);
}

fn assert_words_map(d: &carelint::parse::Document, text: &str) {
    common::assert_words_map(d, text, |word, slice| {
        if slice.starts_with('&') {
            assert!(slice.ends_with(';') || slice.len() <= 8, "{slice:?}");
        }
        slice == word || slice.contains('&') || slice.starts_with('<')
    });
}

/// Inline fragments of generated pages: words, lexicon phrases, figures, references, markup.
fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("people".to_string()),
        Just("committed suicide".to_string()),
        Just("addicts".to_string()),
        Just("suffers from".to_string()),
        Just("the mentally ill".to_string()),
        Just("46% of women".to_string()),
        Just("café".to_string()),
        Just("naïve 😀 中文".to_string()),
        Just("&amp;".to_string()),
        Just("&eacute;".to_string()),
        Just("&#x1F600;".to_string()),
        Just("&nbsp;".to_string()),
        Just("&copy".to_string()),
        Just("&notit;".to_string()),
        Just("a & b".to_string()),
        Just("<em>suffers from</em>".to_string()),
        Just("<strong>addicts</strong>".to_string()),
        Just("<a href=\"https://example.org/a?b=1&amp;c=2\">the study</a>".to_string()),
        Just("<sup>1</sup>".to_string()),
        Just("<q>committed suicide</q>".to_string()),
        Just("<cite>Addicts</cite>".to_string()),
        Just("<code>committed suicide</code>".to_string()),
        Just("<br>".to_string()),
        Just("<span class=x>people</span>".to_string()),
        Just("<!-- committed suicide -->".to_string()),
        Just("\t".to_string()),
        Just("\n  ".to_string()),
    ]
}

fn block() -> impl Strategy<Value = String> {
    (line_of(inline()), line_of(inline()), 0..10usize).prop_map(|(a, b, kind)| match kind {
        0 => format!("<p>{a}</p>"),
        1 => format!("<p>{a}<p>{b}"),
        2 => format!("<h2>{a}</h2>"),
        3 => format!("<ul><li>{a}<li>{b}</ul>"),
        4 => format!("<blockquote>{a}<p>{b}</p></blockquote>"),
        5 => format!("<table><tr><th>{a}<td>{b}</table>"),
        6 => format!("<pre>{a}</pre>"),
        7 => format!("<script>var x = \"{a}\";</script><style>/* {b} */</style>"),
        8 => format!("<dl><dt>{a}<dd>{b}</dl>"),
        _ => format!("<div>{a}<figure><figcaption>{b}</figcaption></figure></div>"),
    })
}

fn page() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(block(), 1..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(blocks, crlf, head)| {
            let mut text = blocks.join("\n");
            if head {
                text = format!(
                    "<html><head><title>On addicts &amp; people</title>\
                     <meta name=description content='The mentally ill'></head><body>{text}"
                );
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn html_spans_slice_to_their_text(text in page()) {
        let (source, diagnostics) = lint_text("gen.html", &text);
        for d in &diagnostics {
            assert_span_slices(&source, d);
        }
    }

    #[test]
    fn every_html_prose_word_maps_to_its_source(text in page()) {
        let d = html_doc(&text);
        assert_words_map(&d, &text);
        for block in &d.blocks {
            prop_assert!(!block.text().contains("var x"), "script read as prose");
            prop_assert!(!block.text().contains("<!--"), "comment read as prose");
        }
    }
}

#[test]
fn a_cited_work_sources_the_figure_beside_it() {
    let cited = "<p>In <cite>Young Minds Matter</cite>, 46% of women said so.</p>";
    let bare = "<p>In Young Minds Matter, 46% of women said so.</p>";
    let unsourced = |text: &str| {
        verdicts("a.html", text)
            .iter()
            .filter(|v| v.0 == "statistics/unsourced")
            .count()
    };
    assert_eq!(unsourced(cited), 0);
    assert_eq!(unsourced(bare), 1);
}

fn carelint(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    assert_cmd::cargo::cargo_bin_cmd!("carelint")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("carelint runs")
}

#[test]
fn check_reads_html_files_named_or_found_in_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = "<html><body><p>Her brother committed suicide.</p><p>About 46% of women said so.</p></body></html>\n";
    std::fs::create_dir(dir.path().join("site")).expect("folder");
    std::fs::write(dir.path().join("site/page.html"), page).expect("write");
    std::fs::write(dir.path().join("site/old.htm"), page).expect("write");
    for args in [
        &["check", "--format", "json", "site/page.html"][..],
        &["check", "--format", "json", "site"][..],
    ] {
        let out = carelint(dir.path(), args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stdout}");
        assert!(stdout.contains("safety/suicide-language"), "{stdout}");
        assert!(stdout.contains("statistics/unsourced"), "{stdout}");
    }
    let out = carelint(dir.path(), &["check", "--format", "json", "site"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("site/old.htm"), "{stdout}");
}

#[test]
fn fix_replaces_words_in_html_and_keeps_the_markup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = "<html><body>\n<p class=\"x\">Her <a href=\"/b\">brother</a> committed suicide in <em>2019</em>.</p>\n<p>One friend committed <em>suicide</em> too.</p>\n</body></html>\n";
    let path = dir.path().join("page.html");
    std::fs::write(&path, page).expect("write");
    let out = carelint(dir.path(), &["fix", "--unsafe", "page.html"]);
    assert!(out.status.code().is_some(), "{out:?}");
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert!(
        fixed.contains(
            "<p class=\"x\">Her <a href=\"/b\">brother</a> died by suicide in <em>2019</em>.</p>"
        ),
        "{fixed}"
    );
    // Across a tag the words are left for an editor: the markup is never cut.
    assert!(fixed.contains("committed <em>suicide</em> too."), "{fixed}");
    assert!(
        fixed.starts_with("<html><body>\n") && fixed.ends_with("</html>\n"),
        "{fixed}"
    );
}

#[test]
fn suppression_comments_work_in_html_but_not_inside_code() {
    let suppressed = "<!-- carelint-disable-next-line safety/suicide-language -->\n<p>He committed suicide.</p>\n";
    assert!(
        !verdicts("a.html", suppressed)
            .iter()
            .any(|v| v.0 == "safety/suicide-language"),
    );
    // A directive shown as an example inside <pre> is not one.
    let example = "<pre>&lt;!-- x --&gt; <!-- carelint-disable-file --></pre>\n<p>He committed suicide.</p>\n";
    assert!(
        verdicts("a.html", example)
            .iter()
            .any(|v| v.0 == "safety/suicide-language"),
    );
}
