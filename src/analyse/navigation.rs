//! Lists that link to a site's other pages: menus, "related posts", "More Information". Pages
//! converted to text keep these lists without their links, so their items read as short lines of
//! the article; they are other pages' titles, which the article cannot reword (a title is a
//! name, like the title of a book), and they announce neither facts nor advice.

use std::collections::HashMap;

use crate::parse::{Block, BlockKind, Document};
use crate::phrases::PhraseSet;

/// Per list (paragraph group), how many items it has and how many of them are page names: a
/// list whose items mostly name pages in title case is a site's navigation ("Eating Disorders
/// News", "Find a Psychiatrist", "Bulimia Nervosa"). One pass over the blocks.
pub fn navigation_lists(blocks: &[Block]) -> HashMap<usize, (usize, usize)> {
    list_counts(blocks, is_page_name)
}

/// Per list (paragraph group), how many items it has and how many of them `counts` accepts.
fn list_counts(blocks: &[Block], counts: impl Fn(&str) -> bool) -> HashMap<usize, (usize, usize)> {
    let mut lists: HashMap<usize, (usize, usize)> = HashMap::new();
    for b in blocks.iter().filter(|b| b.kind == BlockKind::ListItem) {
        let entry = lists.entry(b.group).or_default();
        entry.0 += 1;
        if counts(b.text()) {
            entry.1 += 1;
        }
    }
    lists
}

/// Whether block `block` is an entry of a site's navigation: a list item that names a page,
/// with no sentence of its own, in a list whose items mostly do the same.
pub fn is_navigation(block: &Block, lists: &HashMap<usize, (usize, usize)>) -> bool {
    block.kind == BlockKind::ListItem
        && is_page_name(block.text())
        && lists
            .get(&block.group)
            .is_some_and(|&(items, names)| items >= 3 && names * 3 >= items * 2)
}

/// Whether `text` is a page's name: at most eight words, every one capitalised but the small
/// words of titles, and no sentence mark at its end.
fn is_page_name(text: &str) -> bool {
    page_name(text, false)
}

/// [`is_page_name`], also taking a title that asks a question ("Is My Child Depressed?") when
/// `questions`.
fn page_name(text: &str, questions: bool) -> bool {
    let text = text.trim();
    // Words counted up to the most a title has: a long item is no title, however long.
    let count = text.split_whitespace().take(13).count();
    let ends = text.ends_with(['.', '!', ':', ';', ','])
        || (!questions && text.ends_with('?'))
        || (questions && count > 12);
    count > 0
        && (count <= 8 || questions)
        && !ends
        && text.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || matches!(
                    w,
                    "a" | "an"
                        | "the"
                        | "of"
                        | "and"
                        | "or"
                        | "to"
                        | "for"
                        | "in"
                        | "on"
                        | "with"
                        | "&"
                )
        })
}

/// Per block, whether it is another page's title in a list of links: an item of a list of three
/// or more whose items are mostly titles (questions included: "How Do You Talk to a Loved One
/// With Depression?"), or an item of a list of short lines without a sentence mark under a
/// heading that introduces links ("More Information", "Related Articles": `headings`, matched
/// whole).
fn other_page_titles(doc: &Document, headings: &PhraseSet) -> Vec<bool> {
    let blocks = &doc.blocks;
    // Per list: items and short lines, and items and titles (a title is a short line).
    let short_lines = list_counts(blocks, is_short_line);
    let titles = list_counts(blocks, |t| is_short_line(t) && page_name(t, true));
    // Asked once a heading.
    let mut links_under: HashMap<usize, bool> = HashMap::new();
    let mut introduces_links = |heading: usize| {
        *links_under.entry(heading).or_insert_with(|| {
            blocks.get(heading).is_some_and(|h| {
                let text = h.text().trim();
                headings
                    .prefix_of(text)
                    .is_some_and(|m| m.end == text.len())
            })
        })
    };
    blocks
        .iter()
        .map(|b| {
            let (Some(&(items, short)), Some(&(_, titles))) = (
                short_lines
                    .get(&b.group)
                    .filter(|_| b.kind == BlockKind::ListItem),
                titles.get(&b.group),
            ) else {
                return false;
            };
            let short = short == items;
            // In a menu of titles, a short line is a title too ("Prescription drug abuse" among
            // "The Essential Diabetes Book" and "Diseases & Conditions").
            let titled = items >= 3 && titles * 3 >= items * 2 && is_short_line(b.text());
            titled || (short && b.section.is_some_and(&mut introduces_links))
        })
        .collect()
}

/// Per block, whether it belongs to a grid of teasers for other posts that the page prints
/// twice (once for each screen layout): a run of at least two different cards, each printed
/// twice. A card is a paragraph followed by its own copy, or a list item that glues a post's
/// title to its teaser followed by the same teaser (under the title as a heading, or alone):
/// "What Is X?X is when ..." then "### What Is X?" and "X is when ...". One paragraph repeated
/// alone may be the article's own (a caption and its text); a run of them is the page around
/// the article, written by other authors.
fn teaser_grid(doc: &Document) -> Vec<bool> {
    let blocks = &doc.blocks;
    let mut out = vec![false; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        // Each card a different teaser: one paragraph printed over and over is no grid.
        let mut end = i;
        let mut cards = 0;
        let mut last: Option<&str> = None;
        while let Some(len) = card_at(blocks, end) {
            let text = blocks[end].text();
            if last == Some(text) {
                break;
            }
            last = Some(text);
            cards += 1;
            end += len;
        }
        if cards >= 2 {
            for slot in out.iter_mut().take(end).skip(i) {
                *slot = true;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The number of blocks of the card printed twice that starts at `i`, if one does.
fn card_at(blocks: &[Block], i: usize) -> Option<usize> {
    let first = blocks.get(i)?;
    let text = first.text().trim();
    if text.is_empty() {
        return None;
    }
    let next = blocks.get(i + 1)?;
    match first.kind {
        BlockKind::Paragraph => {
            (next.kind == BlockKind::Paragraph && next.text().trim() == text).then_some(2)
        }
        BlockKind::ListItem => {
            // The title as a heading between the glued item and its teaser, or no heading.
            let (title, teaser, len) = match next.kind {
                BlockKind::Heading(_) => (Some(next.text()), blocks.get(i + 2)?, 3),
                _ => (None, next, 2),
            };
            if teaser.kind != BlockKind::Paragraph {
                return None;
            }
            // Compared from the end, spaces aside: the item must end with the teaser, and what
            // is left before it is the glued title.
            let teaser = teaser.text();
            let mut item_chars = text
                .char_indices()
                .rev()
                .filter(|(_, c)| !c.is_whitespace());
            let mut matched = 0;
            for t in teaser.chars().rev().filter(|c| !c.is_whitespace()) {
                match item_chars.next() {
                    Some((_, c)) if c == t => matched += 1,
                    _ => return None,
                }
            }
            let prefix_end = item_chars.next().map(|(at, c)| at + c.len_utf8())?;
            let prefix = &text[..prefix_end];
            // The glued title is a title's length, and it is the heading when there is one.
            let titled = matched > 0
                && prefix.len() <= 120
                && title.is_none_or(|t| {
                    t.chars()
                        .filter(|c| !c.is_whitespace())
                        .eq(prefix.chars().filter(|c| !c.is_whitespace()))
                });
            titled.then_some(len)
        }
        _ => None,
    }
}

/// Whether blocks are the page around the article rather than the article: other pages' titles
/// in lists of links ([`other_page_titles`]), grids of teasers ([`teaser_grid`]), a short line
/// that repeats a title of such a list (a menu's label printed beside it), a heading whose section
/// holds nothing else (a carousel's "5 of 7 / Prescription Drug Abuse"), and a later heading that
/// repeats the page's title over its sub-menu ("Diagnosis & treatment", "Doctors &
/// departments"): the title is read where it stands first. Each part is found once an article,
/// when a block of a kind that needs it first asks (most pages never ask about a heading).
pub struct PageFurniture<'a> {
    doc: &'a Document,
    headings: &'a PhraseSet,
    titles: Option<Vec<bool>>,
    teasers: Option<Vec<bool>>,
    /// The titles of the lists of links, for a short line that repeats one.
    listed: Option<std::collections::HashSet<&'a str>>,
    all: Option<Vec<bool>>,
}

impl<'a> PageFurniture<'a> {
    pub fn new(doc: &'a Document, headings: &'a PhraseSet) -> Self {
        PageFurniture {
            doc,
            headings,
            titles: None,
            teasers: None,
            listed: None,
            all: None,
        }
    }

    /// Whether block `index` is furniture.
    pub fn contains(&mut self, index: usize) -> bool {
        let Some(block) = self.doc.blocks.get(index) else {
            return false;
        };
        match block.kind {
            BlockKind::ListItem => self.titles()[index] || self.teasers()[index],
            BlockKind::Paragraph => {
                self.teasers()[index] || {
                    let text = block.text().trim();
                    is_short_line(text) && self.listed().contains(text)
                }
            }
            BlockKind::Heading(_) => self.all()[index],
            _ => false,
        }
    }

    fn titles(&mut self) -> &[bool] {
        let (doc, headings) = (self.doc, self.headings);
        self.titles
            .get_or_insert_with(|| other_page_titles(doc, headings))
    }

    fn teasers(&mut self) -> &[bool] {
        let doc = self.doc;
        self.teasers.get_or_insert_with(|| teaser_grid(doc))
    }

    fn listed(&mut self) -> &std::collections::HashSet<&'a str> {
        if self.listed.is_none() {
            self.titles();
            self.teasers();
            let blocks: &'a [Block] = &self.doc.blocks;
            let titles = self.titles.as_deref().unwrap_or_default();
            let teasers = self.teasers.as_deref().unwrap_or_default();
            let listed = blocks
                .iter()
                .zip(titles.iter().zip(teasers))
                .filter(|&(b, (&title, &teaser))| {
                    b.kind == BlockKind::ListItem && (title || teaser)
                })
                .map(|(b, _)| b.text().trim())
                .collect();
            self.listed = Some(listed);
        }
        self.listed.get_or_insert_with(Default::default)
    }

    /// Every block's answer, headings included: a heading's depends on the blocks under it.
    fn all(&mut self) -> &[bool] {
        if self.all.is_none() {
            let blocks = &self.doc.blocks;
            let mut out: Vec<bool> = (0..blocks.len())
                .map(|i| !blocks[i].kind.is_heading() && self.contains(i))
                .collect();
            let page_title = blocks
                .iter()
                .position(|b| b.kind.is_heading())
                .filter(|&i| matches!(blocks[i].kind, BlockKind::Title | BlockKind::Heading(1)));
            // Headings are read in order: a sub-heading inside a section counts as furniture when
            // it is a card's title (a later heading's own answer is not known yet).
            self.teasers();
            let cards = self.teasers.as_deref().unwrap_or_default();
            for (i, b) in blocks.iter().enumerate() {
                let BlockKind::Heading(level) = b.kind else {
                    continue;
                };
                let text = b.text().trim();
                let repeats_title =
                    page_title.is_some_and(|t| t < i && blocks[t].text().trim() == text);
                // The section: up to the next heading of the same or a higher level.
                let body = blocks[i + 1..]
                    .iter()
                    .take_while(|s| !matches!(s.kind, BlockKind::Heading(l) if l <= level))
                    .count();
                let only_furniture = body > 0 && (i + 1..=i + body).all(|k| out[k] || cards[k]);
                out[i] = cards[i]
                    || (repeats_title && out.get(i + 1).copied().unwrap_or(false))
                    || only_furniture;
            }
            self.all = Some(out);
        }
        self.all.get_or_insert_with(Vec::new)
    }
}

/// A line of at most twelve words that ends without a sentence mark: a title or a label.
fn is_short_line(text: &str) -> bool {
    let text = text.trim();
    // Twelve words of a title fit in 200 bytes; a longer item is read no further.
    !text.is_empty()
        && text.len() <= 200
        && text.split_whitespace().take(13).count() <= 12
        && !text.ends_with(['.', '!', ':', ';', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::parse::parse(
            std::sync::Arc::new(crate::model::source::SourceFile::new("t.md", text)),
            crate::parse::ParseOptions::default(),
        )
    }

    #[test]
    fn a_run_of_paragraphs_each_printed_twice_is_a_teaser_grid() {
        let page = doc(
            "Our own first paragraph.\n\nA caption.\n\nA caption.\n\nOur own text.\n\nTeaser one.\n\nTeaser one.\n\nTeaser two.\n\nTeaser two.\n",
        );
        assert_eq!(
            teaser_grid(&page),
            [false, false, false, false, true, true, true, true]
        );
    }

    #[test]
    fn dont_flag_one_paragraph_printed_over_and_over_as_a_teaser_grid() {
        let page = doc("Same words.\n\nSame words.\n\nSame words.\n\nSame words.\n");
        assert_eq!(teaser_grid(&page), [false; 4]);
    }

    fn furniture(text: &str) -> Vec<bool> {
        let page = doc(text);
        let headings = PhraseSet::new([(0, "see also", false)]).unwrap_or_else(|e| panic!("{e}"));
        let mut furniture = PageFurniture::new(&page, &headings);
        (0..page.blocks.len())
            .map(|i| furniture.contains(i))
            .collect()
    }

    #[test]
    fn a_later_heading_repeating_the_page_title_over_a_menu_is_furniture() {
        let page = "# Night terrors

Our own text.

## Night terrors

- Diagnosis & Treatment
- Doctors & Departments
- Care at Our Clinic
";
        assert_eq!(furniture(page), [false, false, true, true, true, true]);
    }

    #[test]
    fn dont_flag_a_heading_repeating_the_page_title_over_prose() {
        let page = "# Night terrors

Our own text.

## Night terrors

More of our own text.
";
        assert_eq!(furniture(page), [false; 4]);
    }

    #[test]
    fn cards_glued_to_their_titles_and_printed_twice_are_a_teaser_grid() {
        let page = "- Title OneTeaser one.

### Title One

Teaser one.

- Title TwoTeaser two.

Teaser two.

Our own text.
";
        assert_eq!(
            teaser_grid(&doc(page)),
            [true, true, true, true, true, false]
        );
    }

    #[test]
    fn dont_flag_an_item_whose_heading_is_not_its_glued_title() {
        let page = "- Title OneTeaser one.

### Another Title

Teaser one.

- Title TwoTeaser two.

Teaser two.
";
        assert_eq!(teaser_grid(&doc(page)), [false; 5]);
    }

    #[test]
    fn a_title_is_capitalised_and_ends_without_a_sentence_mark() {
        assert!(is_page_name("Find a Psychiatrist"));
        assert!(is_page_name("Eating Disorders & You"));
        assert!(!is_page_name("Is My Child Depressed?"));
        assert!(page_name("Is My Child Depressed?", true));
        assert!(!page_name("Talk to your doctor about it.", true));
        assert!(!page_name("Feeling sad most days", true));
    }
}
