//! Property: every span carelint reports (and every word of prose it reads) slices the original
//! file to exactly the text it names, on character boundaries, with lines and columns that agree
//! with the byte offset — for generated Markdown with CRLF, tabs, entities, escapes, multi-byte
//! characters, containers, tables, link definitions and front matter.
//!
//! This guards the comrak verify-and-repair ladder: a comrak upgrade that moves positions fails
//! here rather than in users' reports.

mod common;

use std::sync::Arc;

use carelint::parse::align::align;
use carelint::parse::{Format, ParseOptions, parse};
use carelint::source::SourceFile;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use common::{assert_span_names_its_text, lint_text};

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

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(inline(), 1..8).prop_map(|parts| parts.join(" "))
}

/// Block-level wrappers around a line.
fn block() -> impl Strategy<Value = String> {
    (line(), line(), 0..11usize).prop_map(|(a, b, kind)| match kind {
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

/// 1-based line and char column of `offset`, counted from scratch (a byte-order mark is not a
/// column).
fn naive_position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let before = before.strip_prefix('\u{FEFF}').unwrap_or(before);
    let mut line = 1;
    let mut col = 1;
    let mut chars = before.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            line += 1;
            col = 1;
        } else if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("tests/spans.proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn reported_spans_slice_to_their_text(text in document(), as_txt in any::<bool>()) {
        let name = if as_txt { "gen.txt" } else { "gen.md" };
        let (source, diagnostics) = lint_text(name, &text);
        for d in &diagnostics {
            prop_assert!(d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            assert_span_names_its_text(&source, d);
            let pos = source.position(d.span.start);
            prop_assert_eq!((pos.line, pos.column), naive_position(&text, d.span.start));
        }
    }

    #[test]
    fn every_prose_word_maps_to_its_source(text in document(), plain in any::<bool>()) {
        let source = Arc::new(SourceFile::new("gen.md", text.clone()));
        let format = if plain { Format::Plain } else { Format::Markdown };
        let doc = parse(source, ParseOptions { format, plain_shapes: true });
        for block in &doc.blocks {
            for (i, word) in block.text().unicode_word_indices() {
                let span = block.prose.source_span(i, i + word.len());
                let slice = text.get(span.range());
                prop_assert!(slice.is_some(), "{:?} mapped off char boundaries", word);
                let slice = slice.unwrap_or_default();
                prop_assert!(
                    slice == word || align(word, slice).is_some_and(|(_, used)| used == slice.len()),
                    "{:?} mapped to {:?} in {:?}", word, slice, text
                );
            }
        }
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
