//! Plain text: paragraphs at blank lines, `•`-style bullets as list items, bare-line headings.

use std::sync::Arc;

use super::shape::{bullet_prefix, looks_like_bare_heading};
use super::{Block, BlockKind, Document, Format};
use crate::model::source::{SourceFile, Span};

pub fn parse(source: Arc<SourceFile>) -> Document {
    let src = &source;
    let mut blocks = Vec::new();
    let mut group = 0;
    // Lines of the paragraph being collected, as (start, end) byte ranges without line endings.
    let mut para: Vec<(usize, usize)> = Vec::new();
    for line in 1..=src.line_count() {
        crate::work::tick(1);
        let mut start = src.line_start(line);
        let end = src.line_end(line);
        if line == 1 && src.text.starts_with('\u{FEFF}') {
            start += '\u{FEFF}'.len_utf8();
        }
        let text = &src.text[start..end.max(start)];
        if text.trim().is_empty() {
            flush(src, &mut para, &mut blocks, &mut group);
        } else {
            para.push((start, end.max(start)));
        }
    }
    flush(src, &mut para, &mut blocks, &mut group);
    Document {
        source: Arc::clone(&source),
        format: Format::Plain,
        front_matter: None,
        blocks,
        code: Vec::new(),
        read_as_plain: None,
    }
}

fn flush(
    src: &SourceFile,
    para: &mut Vec<(usize, usize)>,
    blocks: &mut Vec<Block>,
    group: &mut usize,
) {
    if para.is_empty() {
        return;
    }
    *group += 1;
    let lines = std::mem::take(para);
    let mut current: Option<Block> = None;
    let single = lines.len() == 1;
    for (start, end) in lines {
        let text = &src.text[start..end];
        if let Some(prefix) = bullet_prefix(text) {
            if let Some(done) = current.take() {
                finish(done, blocks);
            }
            let mut item = Block::new(BlockKind::ListItem, Span::new(start, end));
            item.list_depth = 1;
            item.group = *group;
            item.prose.push_verbatim(&text[prefix..], start + prefix);
            current = Some(item);
            continue;
        }
        let block = current.get_or_insert_with(|| {
            let mut b = Block::new(BlockKind::Paragraph, Span::new(start, end));
            b.group = *group;
            b
        });
        if !block.prose.text.is_empty() {
            block.prose.push_space(Span::new(block.span.end, start));
        }
        let trimmed = text.trim_start();
        block.prose.push_verbatim(trimmed, end - trimmed.len());
        block.span.end = end;
    }
    if let Some(mut last) = current {
        if single && last.kind == BlockKind::Paragraph && looks_like_bare_heading(last.text()) {
            last.kind = BlockKind::Heading(2);
        }
        finish(last, blocks);
    }
}

fn finish(mut block: Block, blocks: &mut Vec<Block>) {
    block.prose.trim_end();
    if !block.prose.text.is_empty() {
        block.span = Span::new(
            block.span.start,
            block.span.end.max(block.prose.full_span().end),
        );
        blocks.push(block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_bullets_and_headings() {
        let text = "\u{FEFF}Is It Normal?\n\nYes. It is common\nand harmless.\n\n  • One:\u{a0}first\n  • Two: second\r\n";
        let d = parse(Arc::new(SourceFile::new("a.txt", text)));
        let got: Vec<_> = d.blocks.iter().map(|b| (b.kind, b.text())).collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading(2), "Is It Normal?"),
                (BlockKind::Paragraph, "Yes. It is common and harmless."),
                (BlockKind::ListItem, "One: first"),
                (BlockKind::ListItem, "Two: second"),
            ]
        );
        let b = &d.blocks[1];
        let at = b.text().find("and").unwrap();
        assert_eq!(&text[b.prose.source_span(at, at + 3).range()], "and");
        assert_eq!(d.blocks[2].group, d.blocks[3].group);
    }
}
