//! Property: every span carelint reports (and every word of prose it reads) slices the original
//! file to exactly the text it names, on character boundaries, with lines and columns that agree
//! with the byte offset — for generated Markdown with CRLF, tabs, entities, escapes, multi-byte
//! characters, containers, tables, link definitions and front matter.
//!
//! This guards the comrak verify-and-repair ladder: a comrak upgrade that moves positions fails
//! here rather than in users' reports.

mod common;

use std::sync::Arc;

use carelint::model::source::SourceFile;
use carelint::parse::align::align;
use carelint::parse::{Format, ParseOptions, parse};
use proptest::prelude::*;

use common::{assert_span_slices, line_of, lint_text};

/// Inline fragments: plain words, lexicon phrases, entities, escapes, markup, multi-byte text.
fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("people".to_string()),
        Just("who".to_string()),
        Just("suffers from".to_string()),
        Just("committed suicide".to_string()),
        Just("addicts".to_string()),
        Just("men don’t cry".to_string()),
        Just("men don't cry".to_string()),
        Just("wheelchair-bound".to_string()),
        Just("the mentally ill".to_string()),
        Just("prostitutes".to_string()),
        Just("café".to_string()),
        Just("naïve 😀 中文".to_string()),
        Just("&amp;".to_string()),
        Just("&eacute;".to_string()),
        Just("&#x1F600;".to_string()),
        Just("&nbsp;".to_string()),
        Just("&ngE;".to_string()),
        Just("\\*".to_string()),
        Just("\\_".to_string()),
        Just("\\|".to_string()),
        Just("*suffers from*".to_string()),
        Just("_addicts_".to_string()),
        Just("**strong**".to_string()),
        Just("`committed suicide`".to_string()),
        Just("[link text](http://example.com/addicts)".to_string()),
        Just("<https://example.com/suffers-from>".to_string()),
        Just("“men don’t cry”".to_string()),
        Just("\"suffers from\"".to_string()),
        Just("46%".to_string()),
        Just("<sup>1</sup>".to_string()),
        Just("[^1]".to_string()),
        Just("\t".to_string()),
        Just("  ".to_string()),
    ]
}

/// Block-level wrappers around a line.
fn block() -> impl Strategy<Value = String> {
    (line_of(inline()), line_of(inline()), 0..11usize).prop_map(|(a, b, kind)| match kind {
        0 => a,
        1 => format!("{a}\n{b}"),
        2 => format!("# {a}"),
        3 => format!("- {a}\n  - {b}"),
        4 => format!("> {a}\n> {b}"),
        5 => format!("1. {a}\n2. {b}"),
        6 => format!("| h | {} |\n|---|---|\n| {a} | x |", b.replace('|', "/")),
        7 => format!("[r]: /url\n{a}"),
        8 => format!("```\n{a}\n```"),
        9 => format!("  • {a}\n  • {b}"),
        _ => format!("[^1]: {a}"),
    })
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(block(), 1..6),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(blocks, crlf, front_matter, bom)| {
            let mut text = blocks.join("\n\n");
            if front_matter {
                text = format!("---\ntitle: On suffers from\n---\n\n{text}");
            }
            if bom {
                text = format!("\u{FEFF}{text}");
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text
        })
}

/// `cases` runs, with failing inputs kept in `tests/spans.proptest-regressions`.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/spans.proptest-regressions",
            ),
        )),
        ..ProptestConfig::default()
    }
}

/// 1-based line and char column of `offset`, counted from scratch (a byte-order mark is not a
/// column).
fn naive_position(text: &str, offset: usize) -> (usize, usize) {
    let (line, col, _) = naive_columns(text, offset);
    (line, col)
}

/// 1-based line, char column and UTF-16 column of `offset`, counted from scratch.
fn naive_columns(text: &str, offset: usize) -> (usize, usize, usize) {
    let before = &text[..offset];
    let before = before.strip_prefix('\u{FEFF}').unwrap_or(before);
    let mut line = 1;
    let mut col = 1;
    let mut utf16 = 1;
    let mut chars = before.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            line += 1;
            (col, utf16) = (1, 1);
        } else if c == '\n' {
            line += 1;
            (col, utf16) = (1, 1);
        } else {
            col += 1;
            utf16 += c.len_utf16();
        }
    }
    (line, col, utf16)
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn reported_spans_slice_to_their_text(text in document(), as_txt in any::<bool>()) {
        let name = if as_txt { "gen.txt" } else { "gen.md" };
        let (source, diagnostics) = lint_text(name, &text);
        for d in &diagnostics {
            assert_span_slices(&source, d);
            let pos = source.position(d.span.start);
            prop_assert_eq!((pos.line, pos.column), naive_position(&text, d.span.start));
        }
    }

    #[test]
    fn every_prose_word_maps_to_its_source(text in document(), plain in any::<bool>()) {
        let source = Arc::new(SourceFile::new("gen.md", text.clone()));
        let format = if plain { Format::Plain } else { Format::Markdown };
        let doc = parse(source, ParseOptions { format, plain_shapes: true });
        common::assert_words_map(&doc, &text, |word, slice| {
            slice == word || align(word, slice).is_some_and(|(_, used)| used == slice.len())
        });
    }
}

#[test]
fn naive_positions_agree_with_the_line_table_on_mixed_endings() {
    let text = "a\r\nb\rc\nd😀e";
    let src = SourceFile::new("x", text);
    for (offset, _) in text.char_indices() {
        // The `\n` of a `\r\n` is inside a line ending; no span starts there.
        if offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text.as_bytes()[offset] == b'\n' {
            continue;
        }
        let p = src.position(offset);
        assert_eq!(
            (p.line, p.column),
            naive_position(text, offset),
            "offset {offset}"
        );
    }
}

/// One article of a generated publication: folder, name, extension and text.
fn article() -> impl Strategy<Value = (usize, usize, bool, String)> {
    (0..3usize, 0..4usize, any::<bool>(), document())
}

/// Writes a generated publication into a fresh repository: articles in up to three folders, and
/// in `b/` a configuration that reads `.txt` as plain text and turns a rule down.
fn publication(articles: &[(usize, usize, bool, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    for folder in ["a", "b", "b/c"] {
        std::fs::create_dir_all(dir.path().join(folder)).expect("mkdir");
    }
    std::fs::write(
        dir.path().join("b/.carelint.yml"),
        "parse:\n  \"**/*.txt\": plain\nrules:\n  statistics/unsourced: info\n",
    )
    .expect("write config");
    for (folder, name, txt, text) in articles {
        let folder = ["a", "b", "b/c"][*folder];
        let ext = if *txt { "txt" } else { "md" };
        let path = dir.path().join(format!("{folder}/article-{name}.{ext}"));
        std::fs::write(path, text).expect("write article");
    }
    dir
}

fn run_with_jobs(dir: &std::path::Path, jobs: usize) -> carelint::model::outcome::Outcome {
    carelint::run::run(&carelint::run::RunOptions {
        paths: vec![dir.to_path_buf()],
        config: None,
        jobs: Some(jobs),
        cwd: dir.to_path_buf(),
        ..Default::default()
    })
}

/// Every span of `d` lies on character boundaries of `source`, and the lines and columns of its
/// ends agree with a count from the start of the file.
fn assert_positions(source: &SourceFile, d: &carelint::model::diagnostic::Diagnostic) {
    let text = &source.text;
    let mut spans = vec![d.span];
    spans.extend(d.labels.iter().map(|l| l.span));
    spans.extend(d.fix.iter().map(|f| f.span));
    for span in spans {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{}: {span:?}",
            d.rule
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{}: {span:?} off char boundaries",
            d.rule
        );
        for offset in [span.start, span.end] {
            let p = source.position(offset);
            assert_eq!(
                (p.line, p.column, p.utf16_column),
                naive_columns(text, offset),
                "{}: offset {offset} of {span:?} in {:?}",
                d.rule,
                source.path
            );
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// `--jobs 1` and `--jobs 4` give the same reports, in the same order, over a generated
    /// publication with a configuration cascade and cross-article comparison; and every
    /// diagnostic's byte offsets agree with its lines and columns.
    #[test]
    fn output_is_the_same_for_any_jobs_and_positions_agree(
        articles in prop::collection::vec(article(), 2..7),
    ) {
        let dir = publication(&articles);
        let one = run_with_jobs(dir.path(), 1);
        let four = run_with_jobs(dir.path(), 4);
        prop_assert!(one.files_checked > 0);
        prop_assert_eq!(one.files_checked, four.files_checked);
        prop_assert_eq!(one.reports.len(), four.reports.len());
        for (a, b) in one.reports.iter().zip(&four.reports) {
            prop_assert_eq!(&a.path, &b.path);
            prop_assert_eq!(a.checked, b.checked);
            prop_assert_eq!(&a.diagnostics, &b.diagnostics);
            if let Some(source) = &a.source {
                for d in &a.diagnostics {
                    assert_positions(source, d);
                }
            }
        }
    }
}
