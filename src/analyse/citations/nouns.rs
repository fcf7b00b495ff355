//! Every occurrence of a few nouns in a block, found in one pass instead of one search a noun.
//!
//! The citation finder looks for study nouns ("study", "survey", "meta-analysis" ...) twice a
//! block; searching the text once per noun cost a searcher and a scan each. One automaton finds
//! them all; the occurrences come back in the order a loop over the nouns, each searched left
//! to right, would give, so callers behave exactly as that loop did.

use aho_corasick::AhoCorasick;

pub struct NounFinder {
    nouns: Vec<String>,
    /// `None` when one search cannot stand in for a loop: a noun repeated, empty, or overlapping
    /// itself ("aa" in "aaa" is found twice by one, once by the other). The loop is used then.
    automaton: Option<AhoCorasick>,
}

impl NounFinder {
    pub fn new(nouns: &[String]) -> Self {
        let distinct = nouns
            .iter()
            .enumerate()
            .all(|(i, n)| !nouns[..i].contains(n));
        let usable = distinct && nouns.iter().all(|n| !n.is_empty() && !overlaps_itself(n));
        NounFinder {
            nouns: nouns.to_vec(),
            automaton: usable.then(|| AhoCorasick::new(nouns).ok()).flatten(),
        }
    }

    /// (noun index, start) of every occurrence in `text`, noun by noun, left to right.
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = match &self.automaton {
            Some(automaton) => automaton
                .find_overlapping_iter(text)
                .map(|m| (m.pattern().as_usize(), m.start()))
                .collect(),
            None => self
                .nouns
                .iter()
                .enumerate()
                .flat_map(|(k, noun)| {
                    text.match_indices(noun.as_str())
                        .map(move |(at, _)| (k, at))
                })
                .collect(),
        };
        found.sort_unstable();
        found
    }
}

/// Whether a proper suffix of `word` is also its prefix, so that two occurrences can overlap.
fn overlaps_itself(word: &str) -> bool {
    let b = word.as_bytes();
    (1..b.len()).any(|k| b[k..] == b[..b.len() - k])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(nouns: &[&str], text: &str) -> Vec<(usize, usize)> {
        nouns
            .iter()
            .enumerate()
            .flat_map(|(k, n)| text.match_indices(n).map(move |(at, _)| (k, at)))
            .collect()
    }

    #[test]
    fn one_pass_gives_what_the_loop_over_nouns_gives() {
        let nouns = ["study", "survey", "meta-analysis", "analysis", "review"];
        let owned: Vec<String> = nouns.iter().map(|n| n.to_string()).collect();
        let finder = NounFinder::new(&owned);
        assert!(finder.automaton.is_some());
        for text in [
            "a meta-analysis and a review of one study, then another study and a survey",
            "studystudy surveys; analysis—review",
            "",
            "no nouns here at all",
        ] {
            assert_eq!(finder.occurrences(text), nested(&nouns, text), "{text}");
        }
    }

    #[test]
    fn nouns_that_overlap_themselves_or_repeat_use_the_loop() {
        for nouns in [vec!["aa", "b"], vec!["study", "study"], vec!["abab"]] {
            let owned: Vec<String> = nouns.iter().map(|n| n.to_string()).collect();
            let finder = NounFinder::new(&owned);
            assert!(finder.automaton.is_none(), "{nouns:?}");
            assert_eq!(
                finder.occurrences("aaab abab study"),
                nested(&nouns, "aaab abab study")
            );
        }
    }
}
