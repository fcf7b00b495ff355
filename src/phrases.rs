//! Phrase lists compiled into word-indexed sets.
//!
//! Rule data writes phrases as literal words with brace alternation (`suffer{,s,ed,ing} from`).
//!
//! Whole-word matches (what every lexicon wants) start at a word start, so the text is read once,
//! word by word: each word is looked up in a hash index of the phrases' first words and only the
//! phrases that begin with it are compared. This costs one lookup per word whatever the size of
//! the list; an Aho–Corasick automaton over the 2,700 expanded lexicon forms runs at about
//! 40 MB/s here (no prefilter applies to that many patterns, and its DFA takes 40 ms to build).
//! Loose matches (names glued to a neighbouring word by conversion: "Lifelineat988") are found
//! where a word starts or ends, by the pattern's first or last four bytes (see [`Glued`]); only
//! loose patterns that start or end with punctuation still need an automaton. Lists of names
//! may also take a case change inside a word ("theNational", "asSamaritansor") for the word
//! edge that conversion dropped ([`PhraseSet::at_case_edges`]); the edges are found with the
//! words, and a text without any costs one vectorised pass.
//!
//! Several phrase lists read the same block, so the words of a block are found once
//! ([`Words`], kept in the block's analysis facts) and each list then only probes its index
//! with each word's precomputed hash.
//!
//! Why one file of ~1,320 lines (about 300 are tests): the word index, loose matching of glued
//! names and brace expansion share one representation of words and their hashes; split, each
//! part would have to expose it.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;

/// A phrase hit: which entry it belongs to and its byte range in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub entry: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct PhraseSet {
    /// For each pattern: (entry index, case-sensitive, the pattern text as written when it is
    /// case-sensitive, else empty).
    patterns: Vec<(usize, bool, String)>,
    /// The patterns, ASCII-lower-cased (the text is lower-cased the same way before a search).
    lowered: Vec<String>,
    /// Hash of the lower-cased leading word of each pattern ([`word_hash`]) → the patterns
    /// that start with it. A hash collision only adds candidates, which are compared in full.
    by_first_word: FxHashMap<u64, FirstWord>,
    /// The keys of `by_first_word`, for a cheap "certainly not" before the map lookup: most
    /// words of a text start no phrase.
    first_words: HashFilter,
    /// Patterns that do not start with a word character, so need not start at a word start.
    unanchored: Vec<u32>,
    /// The first bytes of the `unanchored` patterns, one bit each: most spaces and punctuation
    /// start none of them.
    unanchored_first: [u64; 4],
    /// The patterns [`PhraseSet::candidates_loose`] also finds glued to a neighbouring word;
    /// `None`: all.
    anywhere: Option<Vec<u32>>,
    /// The index of the `anywhere` patterns, built on first use.
    glued: OnceLock<Glued>,
    /// Whether a case change inside a word ([`is_case_edge`]) counts as a word edge: for lists
    /// of names, which conversion glues to the word before them ("theNational Institute").
    case_edges: bool,
    /// The longest pattern, in bytes.
    max_len: usize,
}

/// Most forms one phrase may expand to: `{a,b}` written 30 times would otherwise ask for a
/// billion strings.
pub const MAX_FORMS: usize = 4096;

/// Most forms one automaton holds, all phrases together: about 100 times the built-in lexicons,
/// and still built in well under a second and a few hundred MB.
pub const MAX_PATTERNS: usize = 200_000;

/// Deserializes a phrase list (`match:`), rejecting a phrase that does not expand where it is
/// written, so the configuration error points at its YAML line.
pub fn checked_phrases<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::Deserialize;
    /// One phrase, checked as it is read, so the error has the phrase's own position.
    struct Checked(String);
    impl<'de> Deserialize<'de> for Checked {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let phrase = String::deserialize(d)?;
            syntax(&phrase).map_err(serde::de::Error::custom)?;
            Ok(Checked(phrase))
        }
    }
    let phrases = Vec::<Checked>::deserialize(d)?;
    Ok(phrases.into_iter().map(|Checked(p)| p).collect())
}

/// Expands `{a,b,}` groups (any number, not nested) and lets `'` stand for both `'` and `’`.
pub fn expand(phrase: &str) -> Result<Vec<String>, String> {
    let groups = syntax(phrase)?;
    let rest = phrase.trim();
    // The literal text around the groups, and each group's alternatives.
    let mut literals = Vec::with_capacity(groups.len() + 1);
    let mut alternatives: Vec<Vec<&str>> = Vec::with_capacity(groups.len());
    let mut at = 0;
    for (open, close) in groups {
        literals.push(&rest[at..open]);
        alternatives.push(rest[open + 1..close].split(',').collect());
        at = close + 1;
    }
    literals.push(&rest[at..]);
    // Each form is written once, whole: the groups' choices count up like an odometer.
    let forms: usize = alternatives.iter().map(Vec::len).product();
    let mut out = Vec::with_capacity(forms);
    let mut choice = vec![0usize; alternatives.len()];
    loop {
        let mut form = String::with_capacity(rest.len());
        for (k, literal) in literals.iter().enumerate() {
            form.push_str(literal);
            if let (Some(alts), Some(&c)) = (alternatives.get(k), choice.get(k)) {
                form.push_str(alts.get(c).copied().unwrap_or(""));
            }
        }
        // Spaces around an empty alternative (`suffer{s,} from`) fold to one.
        let bytes = form.as_bytes();
        if bytes.windows(2).any(|w| w == b"  ")
            || bytes.iter().any(|b| matches!(b, b'\t' | b'\n' | b'\r'))
            || bytes.first() == Some(&b' ')
            || bytes.last() == Some(&b' ')
        {
            form = form.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        if !form.is_empty() {
            if form.contains('\'') {
                out.push(form.replace('\'', "’"));
            }
            out.push(form);
        }
        // The next choice: the last group turns fastest.
        let mut k = choice.len();
        loop {
            if k == 0 {
                out.sort_unstable();
                out.dedup();
                return Ok(out);
            }
            k -= 1;
            choice[k] += 1;
            if choice[k] < alternatives[k].len() {
                break;
            }
            choice[k] = 0;
        }
    }
}

/// Checks a phrase's brace groups without expanding it: the (open, close) byte offsets of each
/// group in the trimmed phrase, or why the phrase is malformed (including when it would expand
/// to more than [`MAX_FORMS`] forms).
pub fn syntax(phrase: &str) -> Result<Vec<(usize, usize)>, String> {
    let text = phrase.trim();
    if text.is_empty() {
        return Err("empty phrase".into());
    }
    let mut groups = Vec::new();
    let mut forms: usize = 1;
    let mut at = 0;
    while let Some(open) = text[at..].find('{').map(|o| at + o) {
        if text[at..open].contains('}') {
            return Err(format!("unmatched `}}` in phrase {}", shorten(phrase)));
        }
        let close = text[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| format!("unclosed `{{` in phrase {}", shorten(phrase)))?;
        let inner = &text[open + 1..close];
        if inner.contains('{') {
            return Err(format!("nested `{{` in phrase {}", shorten(phrase)));
        }
        forms = forms.saturating_mul(inner.matches(',').count() + 1);
        if forms > MAX_FORMS {
            return Err(format!(
                "phrase {} expands to more than {MAX_FORMS} forms",
                shorten(phrase)
            ));
        }
        groups.push((open, close));
        at = close + 1;
    }
    if text[at..].contains('}') {
        return Err(format!("unmatched `}}` in phrase {}", shorten(phrase)));
    }
    Ok(groups)
}

/// A phrase for an error message: long ones cut to their first 60 characters.
fn shorten(phrase: &str) -> String {
    match phrase.char_indices().nth(60) {
        Some((at, _)) => format!("{:?}…", &phrase[..at]),
        None => format!("{phrase:?}"),
    }
}

impl PhraseSet {
    /// Builds the automaton from `(entry index, phrase, case_sensitive)` triples.
    pub fn new<'a>(
        phrases: impl IntoIterator<Item = (usize, &'a str, bool)>,
    ) -> Result<Self, String> {
        // Patterns are lower-cased here and text is lower-cased (ASCII only, so byte offsets
        // stay put) before the search; case-sensitive patterns are then compared as written,
        // and only they keep their written form.
        let mut patterns = Vec::new();
        let mut lowered: Vec<String> = Vec::new();
        for (entry, phrase, case_sensitive) in phrases {
            for mut form in expand(phrase)? {
                if case_sensitive {
                    lowered.push(form.to_ascii_lowercase());
                    patterns.push((entry, true, form));
                } else {
                    form.make_ascii_lowercase();
                    lowered.push(form);
                    patterns.push((entry, false, String::new()));
                }
            }
            if patterns.len() > MAX_PATTERNS {
                return Err(format!(
                    "phrase lists expand to more than {MAX_PATTERNS} forms; split them or use fewer `{{…}}` groups"
                ));
            }
        }
        let mut by_first_word: FxHashMap<u64, FirstWord> = FxHashMap::default();
        let mut unanchored = Vec::new();
        for (i, pattern) in lowered.iter().enumerate() {
            let index = u32::try_from(i).map_err(|_| "too many phrases".to_string())?;
            let first = leading_word(pattern);
            if first.is_empty() {
                unanchored.push(index);
                continue;
            }
            let bucket = by_first_word
                .entry(word_hash(first.as_bytes()))
                .or_default();
            match second_word(pattern, first.len()) {
                Some(second) => bucket
                    .by_second
                    .entry(word_hash(second.as_bytes()))
                    .or_default()
                    .push(index),
                None => bucket.any_second.push(index),
            }
        }
        let mut unanchored_first = [0u64; 4];
        for &i in &unanchored {
            if let Some(&b) = lowered[i as usize].as_bytes().first() {
                unanchored_first[usize::from(b / 64)] |= 1 << (b % 64);
            }
        }
        Ok(PhraseSet {
            patterns,
            unanchored_first,
            first_words: HashFilter::new(by_first_word.keys().copied()),
            by_first_word,
            unanchored,
            anywhere: None,
            glued: OnceLock::new(),
            case_edges: false,
            max_len: lowered.iter().map(String::len).max().unwrap_or(0),
            lowered,
        })
    }

    /// Limits [`PhraseSet::candidates_loose`]'s search inside glued words to the entries `keep`
    /// accepts; other entries are still found as whole words. Callers that want only some
    /// entries loose (helpline names glued to the next word) keep the index small.
    pub fn anywhere_only(mut self, keep: impl Fn(usize) -> bool) -> Self {
        self.anywhere = Some(
            (0u32..)
                .zip(&self.patterns)
                .filter(|(_, (entry, _, _))| keep(*entry))
                .map(|(i, _)| i)
                .collect(),
        );
        self.glued = OnceLock::new();
        self
    }

    /// Lets a case change inside a word ([`is_case_edge`]) stand for a word edge, on either
    /// side of a match: "theNational Institute", "published inAmerican", "asSamaritansor". For
    /// lists of names and the cues before them, and for lexicons, whose glued forms conversion
    /// leaves behind ("anorexic patientsMost", a caption run into the next sentence). A set
    /// that does not ask keeps whole words, so "iPhone" never holds "Phone".
    pub fn at_case_edges(mut self) -> Self {
        self.case_edges = true;
        self
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every whole-word occurrence of every phrase in `text`, overlapping ones included,
    /// ordered by start and then longest first. Callers filter these by context and then keep
    /// non-overlapping ones with [`non_overlapping`], so a candidate rejected by a filter never
    /// hides a shorter or later one that would pass.
    pub fn candidates(&self, text: &str) -> Vec<PhraseMatch> {
        self.matches(text, None, true)
    }

    /// [`PhraseSet::candidates`] for a text whose words were found already (`words` must be
    /// [`Words::new`] of `text`): what rules use on whole blocks, which several lists read.
    pub fn candidates_in(&self, text: &str, words: &Words) -> Vec<PhraseMatch> {
        self.matches(text, Some(words), true)
    }

    /// Like [`PhraseSet::candidates`], but without the whole-word check, for text that lost its
    /// spaces in conversion ("call the988 Lifelineat988"), where callers check boundaries
    /// themselves: every pattern where it starts a word (as [`PhraseSet::candidates`] finds
    /// them, whatever follows), and the loose ones ([`PhraseSet::anywhere_only`]) also wherever
    /// they have a word boundary on at least one side. A loose pattern that starts or ends with
    /// a non-word character is found anywhere.
    pub fn candidates_loose(&self, text: &str) -> Vec<PhraseMatch> {
        self.matches(text, None, false)
    }

    /// [`PhraseSet::candidates_loose`] for a text whose words were found already.
    pub fn candidates_loose_in(&self, text: &str, words: &Words) -> Vec<PhraseMatch> {
        self.matches(text, Some(words), false)
    }

    fn matches(&self, text: &str, words: Option<&Words>, whole_words: bool) -> Vec<PhraseMatch> {
        // Words found for another text (a caller's mistake) are not trusted: found afresh.
        let owned;
        let words = match words {
            Some(words) if words.lower.len() == text.len() => words,
            _ => {
                owned = Words::new(text);
                &owned
            }
        };
        let mut out = Vec::new();
        let keep = |i: u32, start: usize, out: &mut Vec<PhraseMatch>| {
            let i = i as usize;
            let (entry, case_sensitive, pattern) = &self.patterns[i];
            let end = start + self.lowered[i].len();
            if *case_sensitive && text.get(start..end) != Some(pattern.as_str()) {
                return;
            }
            let whole = || {
                if self.case_edges {
                    is_whole_word_or_case_edge(text, start, end)
                } else {
                    is_whole_word(text, start, end)
                }
            };
            if !whole_words || whole() {
                out.push(PhraseMatch {
                    entry: *entry,
                    start,
                    end,
                });
            }
        };
        // Every pattern where it starts a word (or, not starting with a word character, at any
        // other character).
        self.word_start_matches(words, |i, start| keep(i, start, &mut out));
        if !whole_words {
            self.glued()
                .matches(&self.lowered, words, self.case_edges, |i, start| {
                    keep(i, start, &mut out)
                });
        }
        out.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.entry.cmp(&b.entry))
        });
        if !whole_words {
            out.dedup();
        }
        out
    }

    /// Calls `found(pattern, start)` for every pattern occurring in the lowered text at a word
    /// start (or anywhere outside a word, for patterns that do not start with a word
    /// character).
    fn word_start_matches(&self, words: &Words, mut found: impl FnMut(u32, usize)) {
        let lower = words.lower.as_str();
        let occurs_at = |i: u32, at: usize| {
            crate::work::tick(1);
            occurs_at(lower.as_bytes(), at, &self.lowered[i as usize])
        };
        let mut gap_start = 0;
        for (k, word) in words.words.iter().enumerate() {
            crate::work::tick(1);
            if !self.unanchored.is_empty() {
                self.unanchored_matches(lower, gap_start..word.start, &mut found);
            }
            if let Some(bucket) = self
                .first_words
                .may_contain(word.hash)
                .then(|| self.by_first_word.get(&word.hash))
                .flatten()
            {
                for &i in &bucket.any_second {
                    if occurs_at(i, word.start) {
                        found(i, word.start);
                    }
                }
                // Only the patterns whose second word is the text's next word can occur here.
                let next = words.words.get(k + 1);
                if let Some(candidates) = next.and_then(|n| bucket.by_second.get(&n.hash)) {
                    for &i in candidates {
                        if occurs_at(i, word.start) {
                            found(i, word.start);
                        }
                    }
                }
            }
            gap_start = word.end;
        }
        if !self.unanchored.is_empty() {
            self.unanchored_matches(lower, gap_start..lower.len(), &mut found);
        }
        // Case edges start a word for lists that allow them: the part from the edge is looked
        // up as a word, and the text's next word is the word after its word.
        if self.case_edges {
            for edge in &words.edges {
                crate::work::tick(1);
                let Some(bucket) = self
                    .first_words
                    .may_contain(edge.hash)
                    .then(|| self.by_first_word.get(&edge.hash))
                    .flatten()
                else {
                    continue;
                };
                for &i in &bucket.any_second {
                    if occurs_at(i, edge.at) {
                        found(i, edge.at);
                    }
                }
                let next = words.words.get(edge.word as usize + 1);
                if let Some(candidates) = next.and_then(|n| bucket.by_second.get(&n.hash)) {
                    for &i in candidates {
                        if occurs_at(i, edge.at) {
                            found(i, edge.at);
                        }
                    }
                }
            }
        }
    }

    /// The patterns that start with a non-word character, tried at each character of `gap`, a
    /// run of non-word characters.
    fn unanchored_matches(
        &self,
        lower: &str,
        gap: std::ops::Range<usize>,
        found: &mut impl FnMut(u32, usize),
    ) {
        let Some(text) = lower.get(gap.clone()) else {
            return;
        };
        for (offset, _) in text.char_indices() {
            crate::work::tick(1);
            let at = gap.start + offset;
            let b = lower.as_bytes()[at];
            if self.unanchored_first[usize::from(b / 64)] & (1 << (b % 64)) == 0 {
                continue;
            }
            for &i in &self.unanchored {
                if lower.as_bytes()[at..].starts_with(self.lowered[i as usize].as_bytes()) {
                    found(i, at);
                }
            }
        }
    }

    fn glued(&self) -> &Glued {
        self.glued.get_or_init(|| {
            let loose: Vec<u32> = match &self.anywhere {
                Some(subset) => subset.clone(),
                None => (0u32..).take(self.lowered.len()).collect(),
            };
            Glued::new(&self.lowered, loose)
        })
    }

    /// Leftmost-longest, non-overlapping whole-word matches.
    pub fn find_iter(&self, text: &str) -> impl Iterator<Item = PhraseMatch> {
        non_overlapping(self.candidates(text))
    }

    /// [`PhraseSet::find_iter`] for a text whose words were found already.
    pub fn find_iter_in(&self, text: &str, words: &Words) -> impl Iterator<Item = PhraseMatch> {
        non_overlapping(self.candidates_in(text, words))
    }

    /// Whether any phrase occurs in `text` as whole words.
    pub fn occurs_in(&self, text: &str) -> bool {
        self.find_iter(text).next().is_some()
    }

    /// [`PhraseSet::occurs_in`] for a text whose words were found already.
    pub fn occurs_in_words(&self, text: &str, words: &Words) -> bool {
        !self.candidates_in(text, words).is_empty()
    }

    /// The phrase (of this set) that `text` starts with, as whole words, if any.
    pub fn prefix_of(&self, text: &str) -> Option<PhraseMatch> {
        // Only the start matters: the longest pattern plus the character after it (for the
        // whole-word check), not the rest of a long block.
        let mut limit = text.len().min(self.max_len);
        while !text.is_char_boundary(limit) {
            limit += 1;
        }
        let limit = text[limit..]
            .chars()
            .next()
            .map_or(limit, |c| limit + c.len_utf8());
        self.find_iter(&text[..limit]).find(|m| m.start == 0)
    }
}

/// The patterns that start with one word, split by their second word: "the" starts hundreds of
/// patterns in some lists, and the next word of the text rules out nearly all of them.
#[derive(Debug, Clone, Default)]
struct FirstWord {
    /// Patterns without a [`second_word`]: tried wherever the first word occurs.
    any_second: Vec<u32>,
    /// [`word_hash`] of the second word → the patterns with it. A hash collision only adds
    /// candidates.
    by_second: FxHashMap<u64, Vec<u32>>,
}

/// The second word of a lowered pattern whose first word ends at `first_end`, when the pattern
/// goes on past it. Then wherever the pattern occurs in a text, the text's next word (as
/// [`Words`] splits it) is exactly this word: the bytes are the pattern's, and a non-word
/// character ends the word on both sides. A second word that ends the pattern may be the start
/// of a longer word of the text, so such patterns are not split.
fn second_word(pattern: &str, first_end: usize) -> Option<&str> {
    let mut at = first_end;
    while at < pattern.len() {
        let (is_word, len) = char_at(pattern, at);
        if is_word {
            break;
        }
        at += len;
    }
    let end = word_end(pattern, at);
    (end > at && end < pattern.len()).then(|| &pattern[at..end])
}

/// Whether `pattern` occurs in `bytes` at `at`. The pattern's last byte is compared first: the
/// candidates of one first word share their opening, so it is their ends that differ, and a
/// full comparison is a library call.
fn occurs_at(bytes: &[u8], at: usize, pattern: &str) -> bool {
    let pattern = pattern.as_bytes();
    let Some(end) = at.checked_add(pattern.len()) else {
        return false;
    };
    end <= bytes.len()
        && pattern.last() == bytes.get(end.wrapping_sub(1))
        && bytes[at..end] == *pattern
}

/// A set of 64-bit hashes that answers "certainly not" or "maybe" with one bit test, where a
/// hash map lookup costs a few dozen instructions. About 32 bits per member keep "maybe" for a
/// non-member near 3%.
#[derive(Debug, Clone)]
struct HashFilter {
    bits: Vec<u64>,
    /// A hash's top bits pick its bit: `64 - shift` of them.
    shift: u32,
}

impl HashFilter {
    fn new(hashes: impl Iterator<Item = u64> + Clone) -> Self {
        let wanted = (hashes.clone().count() * 32).next_power_of_two().max(64);
        let mut filter = HashFilter {
            bits: vec![0; wanted / 64],
            shift: 64 - wanted.trailing_zeros(),
        };
        for hash in hashes {
            let bit = filter.bit(hash);
            filter.bits[bit / 64] |= 1 << (bit % 64);
        }
        filter
    }

    fn bit(&self, hash: u64) -> usize {
        // Mixed again so that hashes differing only in low bits still spread.
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn may_contain(&self, hash: u64) -> bool {
        let bit = self.bit(hash);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// Where loose patterns are found glued to a neighbouring word. Callers keep such a match only
/// with a word boundary on at least one side ("Lifelineat988", "the988Lifeline"), so a pattern
/// that starts and ends with a word character need only be tried where a text word starts (as
/// a prefix of it) and where one ends (as a suffix): two probes per word, where an automaton
/// run over every byte costs several times more. Four bytes key a pattern: fewer let common
/// openings ("na", "co") pull in dozens of names to compare at every such word.
#[derive(Debug, Clone, Default)]
struct Glued {
    /// First [`KEY`] lowered bytes → the patterns that start with them.
    by_prefix: FxHashMap<u32, Vec<u32>>,
    /// Last [`KEY`] lowered bytes → the patterns that end with them.
    by_suffix: FxHashMap<u32, Vec<u32>>,
    /// The keys of both maps, to skip most words with one bit test.
    keys: Option<HashFilter>,
    /// Patterns shorter than [`KEY`], tried at every word start and end.
    short: Vec<u32>,
    /// `short` by first byte, then by last byte: at a word only those that can match its first
    /// (or last) byte are compared.
    short_by_first: FxHashMap<u8, Vec<u32>>,
    short_by_last: FxHashMap<u8, Vec<u32>>,
    /// Loose patterns with a non-word character at either end, which a word start or end does
    /// not anchor: searched everywhere with `automaton` (whose pattern `k` is `other[k]`).
    other: Vec<u32>,
    /// `None` when `other` is empty; an automaton that cannot be built (a pattern set far too
    /// large) leaves those patterns found only at word starts, the best that can be done.
    automaton: Option<AhoCorasick>,
}

/// The patterns `map` lists for the byte at `at`.
fn by_byte<'m>(map: &'m FxHashMap<u8, Vec<u32>>, bytes: &[u8], at: usize) -> &'m [u32] {
    bytes
        .get(at)
        .and_then(|b| map.get(b))
        .map_or(&[][..], Vec::as_slice)
}

/// Bytes of a [`Glued`] index key.
const KEY: usize = 4;

/// The [`Glued`] key of the [`KEY`] bytes at `at`, if there are that many.
fn glued_key(bytes: &[u8], at: usize) -> Option<u32> {
    let four: [u8; KEY] = bytes.get(at..at.checked_add(KEY)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(four))
}

impl Glued {
    fn new(lowered: &[String], loose: Vec<u32>) -> Self {
        let mut glued = Glued::default();
        for i in loose {
            let text = lowered[i as usize].as_str();
            let pattern = text.as_bytes();
            let word_edged = text.chars().next().is_some_and(is_word_char)
                && text.chars().next_back().is_some_and(is_word_char);
            match pattern {
                _ if !word_edged => glued.other.push(i),
                _ if pattern.len() < KEY => {
                    glued.short.push(i);
                    if let (Some(&first), Some(&last)) = (pattern.first(), pattern.last()) {
                        glued.short_by_first.entry(first).or_default().push(i);
                        glued.short_by_last.entry(last).or_default().push(i);
                    }
                }
                _ => {
                    if let Some(first) = glued_key(pattern, 0) {
                        glued.by_prefix.entry(first).or_default().push(i);
                    }
                    if let Some(last) = glued_key(pattern, pattern.len() - KEY) {
                        glued.by_suffix.entry(last).or_default().push(i);
                    }
                }
            }
        }
        if !glued.by_prefix.is_empty() {
            let keys = glued.by_prefix.keys().chain(glued.by_suffix.keys());
            glued.keys = Some(HashFilter::new(keys.map(|&k| u64::from(k))));
        }
        if !glued.other.is_empty() {
            glued.automaton = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(glued.other.iter().map(|&i| lowered[i as usize].as_str()))
                .ok();
        }
        glued
    }

    /// Calls `found(pattern, start)` for every loose pattern that starts where a word of
    /// `words` starts or ends where one ends (with `case_edges`, also where a case edge inside a
    /// word is: "asSamaritansor"), and for the unanchored ones anywhere. `lowered` are the
    /// phrase set's patterns this index was built from.
    fn matches(
        &self,
        lowered: &[String],
        words: &Words,
        case_edges: bool,
        mut found: impl FnMut(u32, usize),
    ) {
        let lower = words.lower.as_str();
        if !self.by_prefix.is_empty() || !self.short.is_empty() {
            let bytes = lower.as_bytes();
            for word in &words.words {
                self.probe(lowered, bytes, word.start, word.end, &mut found);
            }
            // A case edge is where a glued name may start, and where the word before it ends.
            if case_edges {
                for edge in &words.edges {
                    self.probe(lowered, bytes, edge.at, edge.at, &mut found);
                }
            }
        }
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(lower) {
                found(self.other[m.pattern().as_usize()], m.start());
            }
        }
    }

    /// Calls `found` for the loose patterns that start at `start` or end at `end` of the lowered
    /// text `bytes` (a word's bounds, or a case edge's offset twice).
    #[inline(always)]
    fn probe(
        &self,
        lowered: &[String],
        bytes: &[u8],
        start: usize,
        end: usize,
        found: &mut impl FnMut(u32, usize),
    ) {
        crate::work::tick(1);
        let pattern = |i: u32| lowered[i as usize].as_bytes();
        let key = |at: usize| {
            glued_key(bytes, at).filter(|&k| {
                self.keys
                    .as_ref()
                    .is_some_and(|f| f.may_contain(u64::from(k)))
            })
        };
        if let Some(key) = key(start)
            && let Some(list) = self.by_prefix.get(&key)
        {
            for &i in list {
                if occurs_at(bytes, start, &lowered[i as usize]) {
                    found(i, start);
                }
            }
        }
        if let Some(key) = end.checked_sub(KEY).and_then(key)
            && let Some(list) = self.by_suffix.get(&key)
        {
            for &i in list {
                if let Some(from) = end.checked_sub(pattern(i).len())
                    && bytes[from..end] == *pattern(i)
                {
                    found(i, from);
                }
            }
        }
        // Only the short patterns with the word's first (last) byte can start (end) here.
        for &i in by_byte(&self.short_by_first, bytes, start) {
            if bytes[start..].starts_with(pattern(i)) {
                found(i, start);
            }
        }
        if let Some(last) = end.checked_sub(1) {
            for &i in by_byte(&self.short_by_last, bytes, last) {
                let short = pattern(i);
                if let Some(from) = end.checked_sub(short.len())
                    && bytes[from..end] == *short
                {
                    found(i, from);
                }
            }
        }
    }
}

/// Keeps the leftmost-longest of overlapping matches (input sorted as [`PhraseSet::candidates`]).
pub fn non_overlapping(
    sorted: impl IntoIterator<Item = PhraseMatch>,
) -> impl Iterator<Item = PhraseMatch> {
    let mut end = 0;
    sorted.into_iter().filter(move |m| {
        if m.start < end {
            return false;
        }
        end = m.end;
        true
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The run of word characters `text` starts with.
fn leading_word(text: &str) -> &str {
    &text[..word_end(text, 0)]
}

/// A text's words, found once so that every phrase list reading the text looks them up
/// without lower-casing, splitting and hashing it again.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// The text, ASCII-lower-cased (so byte offsets are the text's own).
    lower: String,
    /// Every run of word characters, in order.
    words: Vec<Word>,
    /// Every [`is_case_edge`] inside a word, in order: where a name glued to the word before
    /// it by conversion starts ("theNational").
    edges: Vec<Edge>,
}

/// A case edge inside a word: its byte offset, the index of its word in [`Words::words`], and
/// the [`word_hash`] of the lowered bytes from it to the next edge or the word's end (the part
/// a phrase's first word must equal to start here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edge {
    at: usize,
    word: u32,
    hash: u64,
}

/// One run of word characters: its byte range and the [`word_hash`] of its lowered bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word {
    start: usize,
    end: usize,
    hash: u64,
}

impl Words {
    /// No words of no text; given for a non-empty text, phrase lists find its words afresh.
    pub const fn empty() -> Self {
        Words {
            lower: String::new(),
            words: Vec::new(),
            edges: Vec::new(),
        }
    }

    pub fn new(text: &str) -> Self {
        let original = text.as_bytes();
        // Most texts have no case edge: one branch-free pass, which the compiler vectorises,
        // rules them out, and their words are found by a loop that does not look for edges.
        let has_edges = original
            .get(..original.len().saturating_sub(1))
            .zip(original.get(1..))
            .is_some_and(|(before, after)| {
                before.iter().zip(after).fold(0u8, |any, (a, b)| {
                    any | (u8::from(a.is_ascii_lowercase()) & u8::from(b.is_ascii_uppercase()))
                }) != 0
            });
        if has_edges {
            Self::scan::<true>(text)
        } else {
            Self::scan::<false>(text)
        }
    }

    /// [`Words::new`], finding case edges when `EDGES`.
    fn scan<const EDGES: bool>(text: &str) -> Self {
        let lower = text.to_ascii_lowercase();
        // About one word per six bytes of English prose: one allocation for most blocks.
        let mut words = Vec::with_capacity(lower.len() / 5 + 1);
        let mut edges: Vec<Edge> = Vec::new();
        let bytes = lower.as_bytes();
        let original = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Spaces and punctuation skipped without decoding.
            if bytes[at].is_ascii() && !bytes[at].is_ascii_alphanumeric() {
                at += 1;
                continue;
            }
            let (is_word, len) = char_at(&lower, at);
            if !is_word {
                at += len;
                continue;
            }
            // The word's end and hash in one pass over its bytes, noting its case edges.
            let start = at;
            let mut hash = 0;
            let first_edge = edges.len();
            loop {
                match bytes.get(at) {
                    Some(&b) if b.is_ascii_alphanumeric() => {
                        hash = hash_step(hash, b);
                        // Lower-casing changed the byte: a capital, after a lower-case letter.
                        if EDGES
                            && original.get(at) != Some(&b)
                            && at > start
                            && original.get(at - 1).is_some_and(u8::is_ascii_lowercase)
                        {
                            edges.push(Edge {
                                at,
                                word: u32::try_from(words.len()).unwrap_or(u32::MAX),
                                hash: 0,
                            });
                        }
                        at += 1;
                    }
                    Some(b) if !b.is_ascii() => {
                        let (is_word, len) = char_at(&lower, at);
                        if !is_word {
                            break;
                        }
                        hash = bytes[at..at + len]
                            .iter()
                            .fold(hash, |h, &b| hash_step(h, b));
                        at += len;
                    }
                    _ => break,
                }
            }
            // Each edge's part, to the next edge or the word's end: the parts do not overlap,
            // so this reads each byte of the few words with edges once more.
            if EDGES {
                for k in first_edge..edges.len() {
                    let to = edges.get(k + 1).map_or(at, |next| next.at);
                    edges[k].hash = word_hash(&bytes[edges[k].at..to]);
                }
            }
            words.push(Word {
                start,
                end: at,
                hash,
            });
        }
        crate::work::tick(words.len() + edges.len());
        Words {
            lower,
            words,
            edges,
        }
    }

    /// Each word's byte range and its text, ASCII-lower-cased, in order.
    pub fn iter(&self) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> + '_ {
        self.iter_hashed().map(|(range, word, _)| (range, word))
    }

    /// Like [`Words::iter`], with each word's [`hash_word`], for tables of single words keyed
    /// the same way (no word hashed twice).
    pub fn iter_hashed(&self) -> impl Iterator<Item = (std::ops::Range<usize>, &str, u64)> + '_ {
        self.words
            .iter()
            .map(|w| (w.start..w.end, &self.lower[w.start..w.end], w.hash))
    }
}

/// The hash [`Words`] gives `lowered`, an ASCII-lower-cased word.
pub fn hash_word(lowered: &str) -> u64 {
    word_hash(lowered.as_bytes())
}

/// The hash phrase indexes are keyed by: the same function on the same lowered bytes, so a
/// text's word and a pattern's first word meet in the index.
/// A byte at a time: words are short, and this is cheaper for them than a general hasher.
fn word_hash(lowered: &[u8]) -> u64 {
    lowered.iter().fold(0, |hash, &b| hash_step(hash, b))
}

/// [`word_hash`] of a word with byte `b` appended to one that hashed to `hash`.
#[inline]
fn hash_step(hash: u64, b: u8) -> u64 {
    (hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Whether the character at byte `at` (a char boundary) is a word character, and its length;
/// ASCII without decoding, as nearly all article text is.
#[inline]
fn char_at(text: &str, at: usize) -> (bool, usize) {
    match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
        _ => text[at..]
            .chars()
            .next()
            .map_or((false, 1), |c| (is_word_char(c), c.len_utf8())),
    }
}

/// The end of the run of word characters starting at byte `at`.
fn word_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        // ASCII letters and digits in a tight loop; anything else decoded.
        if bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let (is_word, len) = char_at(text, at);
        if !is_word {
            break;
        }
        at += len;
    }
    at
}

/// Whether byte `at` of `text` is a case edge: an ASCII capital right after an ASCII lower-case
/// letter ("the|National", "as|Samaritans"), where conversion to text dropped the space
/// between two words (often a link and its neighbours).
pub fn is_case_edge(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    at > 0
        && b.get(at).is_some_and(u8::is_ascii_uppercase)
        && b.get(at - 1).is_some_and(u8::is_ascii_lowercase)
}

/// [`is_whole_word`], with a case edge ([`is_case_edge`]) on either side standing for a word
/// edge: "National Institute" in "theNational Institute".
pub fn is_whole_word_or_case_edge(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let left_ok = !first.is_some_and(is_word_char)
        || !before.is_some_and(is_word_char)
        || is_case_edge(text, start);
    let right_ok = !last.is_some_and(is_word_char)
        || !after.is_some_and(is_word_char)
        || is_case_edge(text, end);
    left_ok && right_ok
}

pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    // A boundary is only needed where the phrase itself starts or ends with a word character.
    let left_ok = !first.is_some_and(is_word_char) || !before.is_some_and(is_word_char);
    let right_ok = !last.is_some_and(is_word_char) || !after.is_some_and(is_word_char);
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_braces_and_apostrophes() {
        assert_eq!(
            expand("suffer{,s,ed} from").unwrap(),
            vec!["suffer from", "suffered from", "suffers from"]
        );
        assert_eq!(
            expand("men don't cry").unwrap(),
            vec!["men don't cry", "men don’t cry"]
        );
        assert_eq!(expand("{a,b} {c,d}").unwrap().len(), 4);
        assert!(expand("bad {brace").is_err());
        assert!(expand("x}").is_err());
    }

    #[test]
    fn matches_whole_words_case_insensitively() {
        let set =
            PhraseSet::new([(0, "addict{,s}", false), (1, "suffer{s,ing} from", false)]).unwrap();
        let text = "Addicts and an addict; addicted people, suffers from it. Suffering from";
        let hits: Vec<_> = set.find_iter(text).map(|m| &text[m.start..m.end]).collect();
        assert_eq!(
            hits,
            vec!["Addicts", "addict", "suffers from", "Suffering from"]
        );
    }

    #[test]
    fn a_rejected_longer_match_does_not_hide_a_shorter_one() {
        // "an epileptic fit" must still find "epileptic fit" when "an epileptic" is not a word
        // boundary match or is filtered out.
        let set =
            PhraseSet::new([(0, "an epileptic", false), (1, "epileptic fit{,s}", false)]).unwrap();
        let all = set.candidates("had an epileptic fit");
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].entry, 0);
        assert_eq!(all[1].entry, 1);
        let kept: Vec<_> = non_overlapping(all.into_iter().filter(|m| m.entry == 1)).collect();
        assert_eq!(kept.len(), 1);
    }

    /// Every whole-word occurrence, found by brute force: what the word-start index must find.
    fn brute_force(set: &PhraseSet, text: &str) -> Vec<(usize, usize)> {
        brute_force_with(set, text, is_whole_word)
    }

    /// Every occurrence whose ends `edges` accepts, by brute force.
    fn brute_force_with(
        set: &PhraseSet,
        text: &str,
        edges: fn(&str, usize, usize) -> bool,
    ) -> Vec<(usize, usize)> {
        let lower = text.to_ascii_lowercase();
        let mut all = Vec::new();
        for (i, pattern) in set.lowered.iter().enumerate() {
            for (at, _) in lower.match_indices(pattern.as_str()) {
                let end = at + pattern.len();
                let (_, case_sensitive, written) = &set.patterns[i];
                if (!case_sensitive || &text[at..end] == written) && edges(text, at, end) {
                    all.push((at, end));
                }
            }
        }
        all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        all.dedup();
        all
    }

    /// The word-start index finds exactly the whole-word matches a brute-force search finds.
    #[test]
    fn word_start_index_agrees_with_brute_force() {
        let phrases = [
            "suffer{,s,ed,ing} from",
            "addict{,s}",
            "men don't cry",
            "-bound",
            "'tard",
            "a",
            "an addict",
            "crazy",
            "OAP",
            "café",
        ];
        let set = PhraseSet::new(
            phrases
                .iter()
                .enumerate()
                .map(|(i, p)| (i, *p, *p == "OAP")),
        )
        .unwrap();
        let texts = [
            "An addict, addicts and Addicts; she suffers from it — men don’t cry. OAP oap",
            "wheelchair-bound and re-bound 'tard a a-a crazy-crazy ÉAddict addictÉ",
            "suffering fromage; suffering from; unaddict; a\nan addict",
            "CAFÉ café cafés Café",
            "a",
            "addict",
        ];
        for text in texts {
            let mut found: Vec<(usize, usize)> = set
                .candidates(text)
                .iter()
                .map(|m| (m.start, m.end))
                .collect();
            found.dedup();
            assert_eq!(found, brute_force(&set, text), "{text}");
            assert!(!found.is_empty());
            // The same through words found beforehand.
            let words = Words::new(text);
            assert_eq!(set.candidates_in(text, &words), set.candidates(text));
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let text = "Don’t RE-read 3rd-year naïve café’s x";
        let words: Vec<&str> = Words::new(text).iter().map(|(r, _)| &text[r]).collect();
        assert_eq!(
            words,
            vec![
                "Don", "t", "RE", "read", "3rd", "year", "naïve", "café", "s", "x"
            ]
        );
        let upper = Words::new("ÉCOLE Ab");
        let lowered: Vec<&str> = upper.iter().map(|(_, w)| w).collect();
        // ASCII only is lower-cased, so byte offsets stay put.
        assert_eq!(lowered, vec!["École", "ab"]);
    }

    #[test]
    fn words_of_another_text_are_not_trusted() {
        let set = PhraseSet::new([(0, "addict", false)]).unwrap();
        let stale = Words::new("no match here at all");
        let text = "an addict";
        assert_eq!(set.candidates_in(text, &stale).len(), 1);
        assert_eq!(set.candidates_in(text, &Words::empty()).len(), 1);
    }

    #[test]
    fn only_loose_entries_are_found_glued_to_a_word() {
        let set = PhraseSet::new([(0, "lifeline", false), (1, "crisis", false)])
            .unwrap()
            .anywhere_only(|e| e == 0);
        let text = "the988Lifelineat988 Lifelineat988 the988Lifeline. midcrisis, crisis";
        let found: Vec<(usize, usize)> = set
            .candidates_loose(text)
            .iter()
            .map(|m| (m.entry, m.start))
            .collect();
        // "Lifeline" where it starts or ends a word; not inside one ("the988Lifelineat988");
        // "crisis" only as a whole word's start.
        assert_eq!(
            found,
            vec![
                (0, text.find(" Lifeline").unwrap() + 1),
                (0, text.find("Lifeline.").unwrap()),
                (1, text.rfind("crisis").unwrap()),
            ]
        );
    }

    /// Whole-word matches where a case edge may stand for a word edge, by brute force.
    fn brute_force_case_edges(set: &PhraseSet, text: &str) -> Vec<(usize, usize)> {
        brute_force_with(set, text, is_whole_word_or_case_edge)
    }

    /// A list of names that allows case edges finds a name glued to the words around it at a
    /// change of case, exactly where a brute-force search does, and nowhere else.
    #[test]
    fn names_are_found_at_case_edges() {
        let set = PhraseSet::new([
            (0, "national institute{,s} of health", false),
            (1, "CDC", true),
            (2, "according to", false),
            (3, "phone", false),
            (4, "samaritans", false),
        ])
        .unwrap()
        .at_case_edges();
        let texts = [
            "funded by theNational Institutes of Health and theCDC.",
            "according toNational Institute of Health data, WHOLE CDCs theCDCreport",
            "an iPhone, a smartphone, a Phone, theSamaritans, asSamaritansor",
            "McDonald's theNATIONAL institute of healthy eating",
        ];
        for text in texts {
            let found: Vec<(usize, usize)> = set
                .candidates(text)
                .iter()
                .map(|m| (m.start, m.end))
                .collect();
            assert_eq!(found, brute_force_case_edges(&set, text), "{text}");
        }
        let hits = |text: &str| -> Vec<String> {
            set.find_iter(text)
                .map(|m| text[m.start..m.end].to_string())
                .collect()
        };
        assert_eq!(
            hits("funded by theNational Institutes of Health and theCDC."),
            vec!["National Institutes of Health", "CDC"]
        );
        // "iPhone" holds "Phone" after a case edge, as a glued name would be: lists that allow
        // case edges are lists of names, where this does not occur. Glued on the right to a
        // lower-case letter ("Samaritansor", "CDCreport"), a name is not a whole word.
        assert_eq!(hits("an iPhone"), vec!["Phone"]);
        assert!(hits("asSamaritansor theCDCreport WHOLE").is_empty());
        // Without case edges, nothing glued is found.
        let plain = PhraseSet::new([(0, "national institutes of health", false)]).unwrap();
        assert!(
            plain
                .find_iter("theNational Institutes of Health")
                .next()
                .is_none()
        );
    }

    #[test]
    fn loose_names_are_found_after_a_case_edge() {
        let set = PhraseSet::new([(0, "samaritans", false), (1, "crisis", false)])
            .unwrap()
            .anywhere_only(|e| e == 0)
            .at_case_edges();
        let text = "a helpline such asSamaritansorSelf-Help, or midcrisisCentre";
        let found: Vec<(usize, &str)> = set
            .candidates_loose(text)
            .iter()
            .map(|m| (m.entry, &text[m.start..m.end]))
            .collect();
        assert_eq!(found, vec![(0, "Samaritans")]);
    }

    #[test]
    fn words_know_their_case_edges() {
        let text = "theNational asSamaritansorSelf McDonald iPhone ÉCOLE aÉb";
        let words = Words::new(text);
        let edges: Vec<(&str, u64)> = words
            .edges
            .iter()
            .map(|e| (&text[e.at..], e.hash))
            .map(|(rest, hash)| (&rest[..rest.find(' ').unwrap_or(rest.len())], hash))
            .collect();
        let parts = ["National", "SamaritansorSelf", "Self", "Donald", "Phone"];
        assert_eq!(edges.iter().map(|e| e.0).collect::<Vec<_>>(), parts);
        // Each edge's hash is that of its part up to the next edge, as a word's would be.
        let hashes: Vec<u64> = ["national", "samaritansor", "self", "donald", "phone"]
            .iter()
            .map(|w| hash_word(w))
            .collect();
        assert_eq!(edges.iter().map(|e| e.1).collect::<Vec<_>>(), hashes);
    }

    #[test]
    fn loose_patterns_short_and_unanchored_are_found() {
        let set = PhraseSet::new([
            (0, "988", false),
            (1, "@help", false),
            (2, "text 741741", false),
        ])
        .unwrap();
        let text = "call988 or 988now, mail x@help.org, Text 741741now, a9880";
        let found: Vec<(usize, &str)> = set
            .candidates_loose(text)
            .iter()
            .map(|m| (m.entry, &text[m.start..m.end]))
            .collect();
        assert_eq!(
            found,
            vec![(0, "988"), (0, "988"), (1, "@help"), (2, "Text 741741")]
        );
    }

    #[test]
    fn a_hash_filter_never_misses_a_member() {
        let members: Vec<u64> = (0..500u64)
            .map(|i| word_hash(format!("w{i}").as_bytes()))
            .collect();
        let filter = HashFilter::new(members.iter().copied());
        assert!(members.iter().all(|&h| filter.may_contain(h)));
        let strangers = (0..2000u64)
            .map(|i| word_hash(format!("x{i}").as_bytes()))
            .filter(|&h| filter.may_contain(h))
            .count();
        assert!(
            strangers < 200,
            "{strangers} of 2000 non-members let through"
        );
    }

    #[test]
    fn case_sensitive_entries_need_exact_case() {
        let set = PhraseSet::new([(0, "OAP", true)]).unwrap();
        assert!(set.occurs_in("an OAP bus pass"));
        assert!(!set.occurs_in("the oap"));
    }
}
