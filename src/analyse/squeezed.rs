//! Phrases found with their spaces lost: pages converted from HTML drop the spaces around links
//! ("find atreatment center near you", "please see ourget helppage"). Help-seeking looks for
//! its advice phrases this way on a page that seems to give none.

use crate::phrases::{PhraseMatch, is_whole_word};

/// `form`'s letters and digits, lower-cased, without spaces or marks: byte by byte for ASCII
/// (nearly every phrase), by character otherwise.
pub fn letters(form: &str) -> String {
    if form.is_ascii() {
        let mut out = String::with_capacity(form.len());
        out.extend(
            form.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return out;
    }
    form.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Advice phrases with their spaces taken out. Pages converted from HTML lose the spaces
/// around links ("find atreatment center near you", "please see ourget helppage"), and the
/// advice in those links is the page's help.
#[derive(Debug)]
pub struct Squeezed {
    /// Squeezed phrase → its entry in the phrase set and its number of words.
    patterns: rustc_hash::FxHashMap<String, (usize, usize)>,
    /// The lengths of the squeezed phrases, longest first.
    lengths: Vec<usize>,
    /// A bit per pair of first bytes a phrase starts with: most word starts are ruled out
    /// before any look-up.
    openings: Vec<u64>,
}

impl Squeezed {
    /// A table of squeezed forms, not an automaton: it is looked up at the word starts of the
    /// few pages that need it, and an automaton of a few thousand forms cost more to build
    /// than those look-ups.
    pub fn new(phrases: &[(usize, String)]) -> Result<Squeezed, String> {
        let mut patterns = rustc_hash::FxHashMap::default();
        for (entry, phrase) in phrases {
            // Only phrases of several words lose a space; short ones would match by chance.
            if !phrase.trim().contains(char::is_whitespace) {
                continue;
            }
            for form in crate::phrases::expand(phrase)? {
                let words = form.split_whitespace().count();
                if words < 2 {
                    continue;
                }
                let letters = letters(&form);
                if letters.len() >= 8 {
                    patterns.entry(letters).or_insert((*entry, words));
                }
            }
        }
        let mut lengths: Vec<usize> = patterns.keys().map(String::len).collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths.dedup();
        let mut openings = vec![0u64; 1 << 10];
        for key in patterns.keys() {
            let pair = opening(key.as_bytes());
            openings[pair >> 6] |= 1 << (pair & 63);
        }
        Ok(Squeezed {
            patterns,
            lengths,
            openings,
        })
    }

    /// The phrases in `text` that are written with fewer spaces than they have words, as
    /// whole words with nothing but spaces, hyphens and apostrophes inside: at each word
    /// start, the longest that fits.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        let (letters, at) = squeeze(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < letters.len() {
            let start = at[i];
            let pair = opening(&letters.as_bytes()[i..]);
            let word_start = self.openings[pair >> 6] & (1 << (pair & 63)) != 0
                && letters.is_char_boundary(i)
                && (i == 0 || at[i - 1] != start)
                && !text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let found = word_start
                .then(|| {
                    self.lengths.iter().find_map(|&len| {
                        let &(entry, words) = self.patterns.get(letters.get(i..i + len)?)?;
                        let last = *at.get(i + len - 1)?;
                        let end = last + text.get(last..)?.chars().next()?.len_utf8();
                        let span = text.get(start..end)?;
                        let glued = span.split_whitespace().count() < words;
                        let inside_ok = span
                            .chars()
                            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '’'));
                        (glued && inside_ok && is_whole_word(text, start, end))
                            .then_some((len, PhraseMatch { entry, start, end }))
                    })
                })
                .flatten();
            match found {
                Some((len, m)) => {
                    out.push(m);
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The first two bytes of `bytes` as one number (0 for a missing byte).
fn opening(bytes: &[u8]) -> usize {
    let first = bytes.first().copied().unwrap_or(0) as usize;
    let second = bytes.get(1).copied().unwrap_or(0) as usize;
    first << 8 | second
}

/// The lower-cased letters and digits of `text`, with the byte offset in `text` of each byte.
fn squeeze(text: &str) -> (String, Vec<usize>) {
    let mut letters = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                letters.push(lower);
                at.extend(std::iter::repeat_n(i, lower.len_utf8()));
            }
        }
    }
    (letters, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let table = Squeezed::new(&[
            (0, "find a treatment center near you".to_string()),
            (1, "{seek,get} help".to_string()),
        ])
        .expect("phrases expand");
        table
            .find(text)
            .into_iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn finds_phrases_that_lost_their_spaces() {
        assert_eq!(
            found("Read more or find atreatment center near you."),
            vec!["find atreatment center near you"]
        );
        assert_eq!(found("Please seekhelp today."), vec!["seekhelp"]);
    }

    #[test]
    fn dont_find_phrases_written_whole_mid_word_or_across_sentences() {
        // Written with its spaces: the ordinary matcher's business.
        assert!(found("Please seek help today.").is_empty());
        // Inside a longer word, and across a full stop.
        assert!(found("Theyseekhelp late. Some did not seek. Help came later.").is_empty());
    }
}
