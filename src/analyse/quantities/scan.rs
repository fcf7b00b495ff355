//! Figures at a candidate: each number and number word of the scan is tried against the
//! statistical shapes (percentages, ranges, points, multiples, frequencies, rates, counts,
//! proportions) once it is neither a label nor excluded.
//!
//! Why one file of ~860 lines: the shapes are tried in one order at a candidate, and a shape
//! is read only after the ones before it failed; spread over files, that order would be hidden.

use super::cursor::{
    Cx, first_phrase, is_integer, is_yearlike, next_word, next_word_in, opt_space, opt_space_back,
    prev_word, prev_word_in, space, word_at, word_before,
};
use super::exclude::{excluded_left, excluded_right};
use super::labels::{confidence_after_percent, stat_label};
use super::lists::{is_in, lists};
use super::populations::{attach_of_population, noun_phrase, subject_before};
use super::{Outcome, Qualifier, Quantity, QuantityKind, found, new_quantity, qualify, single};
use crate::analyse::numbers::{
    Number, Word, WordHit, char_at, char_before, is_word_char, phrase_at, phrase_before,
};

pub(super) fn at_number(cx: &Cx, n: &Number, floor: usize) -> Outcome {
    let t = cx.text;
    if let Some(o) = stat_label(cx, n, floor) {
        return o;
    }
    if let Some(o) = money(cx, n, floor) {
        return o;
    }
    if let Some(end) = excluded_left(cx, n) {
        return Outcome::Skip(end);
    }
    let qual = qualifier_before(t, n.range.start, floor);
    if let Some(pe) = percent_after(t, n.range.end) {
        if let Some(o) = confidence_after_percent(cx, n, pe) {
            return o;
        }
        return percentage(cx, n, pe, qual, floor);
    }
    if let Some(e) = points_after(t, n.range.end) {
        return points(&[n], e, qual);
    }
    let between = matches!(
        qual,
        Some((Qualifier::Between | Qualifier::AnywhereFrom, _))
    );
    // "from 8% in Smith 1997 to 76.9% in Jones 2000": a year does not open a range of shares.
    if let Some(m) = range_partner(cx, n.range.end, between).filter(|_| !is_yearlike(n)) {
        if let Some(pe) = percent_after(t, m.range.end) {
            return percentage_range(cx, n, m, pe, qual);
        }
        if let Some(e) = points_after(t, m.range.end) {
            return points(&[n, m], e, qual);
        }
    }
    if is_yearlike(n) {
        if !prev_word_in(t, n.range.start, &lists().year_preps)
            && let Some(o) = count(cx, n, qual)
        {
            return o;
        }
        return Outcome::Skip(partner_end(cx, n));
    }
    if let Some(o) = multiple_at_number(cx, n, qual, floor) {
        return o;
    }
    if let Some(o) = every_rate(cx, n) {
        return o;
    }
    if let Some(o) = average(cx, n, qual) {
        return o;
    }
    if let Some(end) = excluded_right(cx, n) {
        return Outcome::Skip(end);
    }
    if let Some(o) = frequency(cx, n, qual) {
        return o;
    }
    if let Some(o) = rate(cx, n, qual) {
        return o;
    }
    if let Some(o) = count(cx, n, qual) {
        return o;
    }
    Outcome::Nothing
}

pub(super) fn percent_after(t: &str, pos: usize) -> Option<usize> {
    let p = opt_space(t, pos);
    if let Some(c @ ('%' | '％')) = char_at(t, p) {
        return Some(p + c.len_utf8());
    }
    // The spellings of the percent sign: notation, not vocabulary.
    first_phrase(t, p, &["percent", "per cent", "per-cent"])
}

pub(super) fn points_after(t: &str, pos: usize) -> Option<usize> {
    let p = match char_at(t, pos) {
        Some(' ' | '-') => pos + 1,
        _ => return None,
    };
    first_phrase(
        t,
        p,
        &[
            "percentage points",
            "percentage point",
            "percentage-points",
            "percentage-point",
        ],
    )
}

/// A dash, "to", or (after "between") "and", then a number: the range's other end.
pub(super) fn range_partner<'a>(cx: &Cx<'a>, pos: usize, between: bool) -> Option<&'a Number> {
    let t = cx.text;
    let p = opt_space(t, pos);
    if let Some(c @ ('-' | '–' | '—' | '‒')) = char_at(t, p) {
        return cx.num_at(opt_space(t, p + c.len_utf8()));
    }
    if let Some(e) = phrase_at(t, pos, " to ") {
        return cx.num_at(e);
    }
    if between && let Some(e) = phrase_at(t, pos, " and ") {
        return cx.num_at(e);
    }
    None
}

/// The end of `n` or of its range partner: "10–15" in "10–15 minutes", "2015 to 2019".
pub(super) fn partner_end(cx: &Cx, n: &Number) -> usize {
    let t = cx.text;
    range_partner(cx, n.range.end, true)
        .or_else(|| phrase_at(t, n.range.end, " or ").and_then(|e| cx.num_at(e)))
        .map_or(n.range.end, |m| m.range.end)
}

fn percentage(
    cx: &Cx,
    n: &Number,
    pe: usize,
    qual: Option<(Qualifier, usize)>,
    floor: usize,
) -> Outcome {
    let t = cx.text;
    // "7% to 46%": a range whose first end has its own percent sign, unless it is a change
    // ("rose from 10% to 13%").
    let change = matches!(qual, Some((Qualifier::Between, s)) if phrase_at(t, s, "from").is_some()
        && prev_word_in(t, s, &lists().change_verbs));
    if !change {
        let between = matches!(
            qual,
            Some((Qualifier::Between | Qualifier::AnywhereFrom, _))
        );
        if let Some(m) = range_partner(cx, pe, between)
            && let Some(pe2) = percent_after(t, m.range.end)
        {
            return percentage_range(cx, n, m, pe2, qual);
        }
    }
    let qual = single(qual);
    if (n.value >= 100.0 && figurative(t, n.range.start, pe))
        || personal_share_of_time(t, n.range.start, pe)
    {
        return Outcome::Skip(pe);
    }
    // "beer (5% alcohol content)", "a 1% solution": what a substance is made of.
    if let Some(e) = next_word_in(t, pe, &lists().strengths)
        && !t[e..].starts_with('-')
    {
        return Outcome::Skip(pe);
    }
    let mut q = new_quantity(
        QuantityKind::Percentage,
        n.range.start..pe,
        vec![n.value],
        &[n],
    );
    qualify(&mut q, qual);
    if let Some(e) = relative_after(t, q.range.start, pe) {
        q.kind = QuantityKind::RelativeChange;
        q.range.end = e;
        q.population = subject_before(cx, q.range.start, floor);
        return found(q, e);
    }
    if phrase_before(t, opt_space_back(t, q.range.start), "by")
        .is_some_and(|s| prev_word_in(t, s, &lists().by_verbs))
    {
        q.kind = QuantityKind::RelativeChange;
        return found(q, pe);
    }
    let consumed = attach_of_population(cx, &mut q, pe);
    found(q, consumed)
}

fn percentage_range(
    cx: &Cx,
    n: &Number,
    m: &Number,
    pe: usize,
    qual: Option<(Qualifier, usize)>,
) -> Outcome {
    let t = cx.text;
    let mut q = new_quantity(
        QuantityKind::PercentageRange,
        n.range.start..pe,
        vec![n.value, m.value],
        &[n, m],
    );
    qualify(&mut q, qual);
    if let Some(e) = relative_after(t, q.range.start, pe) {
        q.kind = QuantityKind::RelativeChange;
        q.range.end = e;
        return found(q, e);
    }
    let consumed = attach_of_population(cx, &mut q, pe);
    found(q, consumed)
}

fn points(nums: &[&Number], end: usize, qual: Option<(Qualifier, usize)>) -> Outcome {
    let Some(first) = nums.first() else {
        return Outcome::Nothing;
    };
    let values = nums.iter().map(|n| n.value).collect();
    let mut q = new_quantity(
        QuantityKind::PercentagePoints,
        first.range.start..end,
        values,
        nums,
    );
    qualify(&mut q, if nums.len() > 1 { qual } else { single(qual) });
    found(q, end)
}

/// "more likely", "lower risk", "increase" after a percentage starting at `start`. A change
/// noun counts only as a noun: "a 30% increase", "30% reduction in risk", not "20% drop out".
fn relative_after(t: &str, start: usize, pe: usize) -> Option<usize> {
    let w = next_word(t, pe)?;
    let word = &t[w.clone()];
    if is_in(&lists().comparatives, word) {
        return Some(next_word_in(t, w.end, &lists().compared).unwrap_or(w.end));
    }
    if !is_in(&lists().changes, word) {
        return None;
    }
    // Word sets written here are grammar (articles, prepositions, the nouns a change takes),
    // not vocabulary a publication would extend; the vocabulary is in `rules/quantities.yml`.
    let noun = prev_word_in(t, start, &["a", "an"])
        || next_word_in(
            t,
            w.end,
            &["in", "of", "risk", "odds", "chance", "likelihood"],
        )
        .is_some()
        || !char_at(t, opt_space(t, w.end)).is_some_and(char::is_alphanumeric);
    noun.then_some(w.end)
}

fn qualifier_before(t: &str, start: usize, floor: usize) -> Option<(Qualifier, usize)> {
    let j = opt_space_back(t, start);
    if let Some(c) = char_before(t, j) {
        let q = match c {
            '~' | '≈' => Some(Qualifier::About),
            '<' => Some(Qualifier::LessThan),
            '>' => Some(Qualifier::MoreThan),
            '≤' => Some(Qualifier::UpTo),
            '≥' => Some(Qualifier::AtLeast),
            _ => None,
        };
        if let Some(q) = q {
            let s = j - c.len_utf8();
            return (s >= floor && !char_before(t, s).is_some_and(is_word_char)).then_some((q, s));
        }
    }
    if j == start {
        return None;
    }
    let mut best: Option<(Qualifier, usize)> = None;
    for (phrase, q) in lists().qualifiers.ending_at(t, j) {
        if let Some(s) = phrase_before(t, j, phrase)
            && s >= floor
            && best.is_none_or(|(_, b)| s < b)
        {
            best = Some((*q, s));
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Multiples, frequencies, rates, counts.

/// "more likely", "as likely", "the risk", "higher" after "N times"/"twice"; with `loose`
/// (after "-fold") also "increase", "risk", "difference".
fn comparison_after(t: &str, pos: usize, loose: bool) -> Option<usize> {
    let w = next_word(t, pos)?;
    let word = &t[w.clone()];
    if is_in(&lists().comparatives, word) {
        return Some(next_word_in(t, w.end, &lists().compared).unwrap_or(w.end));
    }
    if word.eq_ignore_ascii_case("as") {
        return next_word_in(t, w.end, &lists().compared);
    }
    if word.eq_ignore_ascii_case("the") || word.eq_ignore_ascii_case("that") {
        return next_word_in(t, w.end, &lists().the_nouns);
    }
    // The nouns "-fold" takes besides a change ("a threefold risk"): its grammar, not a list.
    if loose
        && (is_in(&lists().changes, word) || is_in(&["risk", "difference", "odds", "rise"], word))
    {
        return Some(w.end);
    }
    None
}

/// "times", "-fold", "x", "×" after a number ending at `e`: (end, whether "-fold").
fn times_after(t: &str, e: usize) -> Option<(usize, bool)> {
    match char_at(t, e) {
        Some('x' | 'X') => return Some((e + 1, false)),
        Some('×') => return Some((e + '×'.len_utf8(), false)),
        _ => {}
    }
    let p = match char_at(t, e) {
        Some(' ' | '-') => e + 1,
        _ => e,
    };
    if let Some(a) = phrase_at(t, p, "times") {
        return Some((a, false));
    }
    if let Some(a) = phrase_at(t, p, "fold") {
        return Some((a, true));
    }
    first_phrase(t, p, &["x", "×"])
        .filter(|_| p > e)
        .map(|a| (a, false))
}

/// "2.87 times more likely", "3-fold increase", "10x more likely", "3 to 4 times higher".
fn multiple_at_number(
    cx: &Cx,
    n: &Number,
    qual: Option<(Qualifier, usize)>,
    floor: usize,
) -> Option<Outcome> {
    let t = cx.text;
    let between = matches!(qual, Some((Qualifier::Between, _)));
    let (nums, (after, loose)) = match times_after(t, n.range.end) {
        Some(x) => (vec![n], x),
        None => {
            let m = range_partner(cx, n.range.end, between)?;
            (vec![n, m], times_after(t, m.range.end)?)
        }
    };
    let end = comparison_after(t, after, loose)?;
    let values = nums.iter().map(|m| m.value).collect();
    let mut q = new_quantity(QuantityKind::Multiple, n.range.start..end, values, &nums);
    qualify(&mut q, if nums.len() > 1 { qual } else { single(qual) });
    q.population = subject_before(cx, q.range.start, floor);
    Some(found(q, end))
}

fn frequency(cx: &Cx, n: &Number, qual: Option<(Qualifier, usize)>) -> Option<Outcome> {
    let t = cx.text;
    let e = n.range.end;
    let of = phrase_at(t, e, " of ");
    let p = first_phrase(t, e, &[" in ", "-in-", " out of "]).or(of)?;
    let p = phrase_at(t, p, "every ").unwrap_or(p);
    let m = cx.num_at(p)?;
    if n.value <= 0.0 || m.value <= 0.0 || n.value > m.value {
        return None;
    }
    let np = space(t, m.range.end).and_then(|a| noun_phrase(cx, a, false));
    // "7 of 10 adults": "of" alone makes a frequency only between two small whole numbers
    // written as digits, the second a round base, with a group after it (not "3 of 5 stars",
    // "chapter 2 of 12").
    if of.is_some()
        && (m.spelled
            || !is_integer(n)
            || !is_integer(m)
            || n.value >= m.value
            || ![3.0, 4.0, 5.0, 10.0, 20.0, 100.0, 1000.0].contains(&m.value)
            || np.is_none() && !counted_things_of_ten(cx, m, qual.map_or(n.range.start, |q| q.1)))
    {
        return None;
    }
    if is_yearlike(m) && np.is_none() {
        return None;
    }
    // Ratings, not frequencies: "7 out of 10 stars", "scored 3 in 5" (a closed set of rating
    // words, kept beside the one check that reads it).
    if next_word_in(t, m.range.end, &["stars", "points", "marks", "score"]).is_some()
        || prev_word_in(
            t,
            n.range.start,
            &["scored", "rated", "rating", "score", "scores"],
        )
    {
        return None;
    }
    if excluded_right(cx, m).is_some() {
        return None;
    }
    let mut q = new_quantity(
        QuantityKind::Frequency,
        n.range.start..m.range.end,
        vec![100.0 * n.value / m.value],
        &[n, m],
    );
    q.frequency = Some((n.value, m.value));
    qualify(&mut q, single(qual));
    let consumed = match np {
        Some(np) => {
            q.population = Some(np.range);
            np.end
        }
        None => attach_of_population(cx, &mut q, m.range.end),
    };
    Some(found(q, consumed))
}

/// "7 of 10 rapes", "9 of 10 cases": over a base of ten, a hundred or a thousand, "of" makes a
/// frequency of events as well as of people when it opens its clause. Not a place in a
/// sequence ("step 3 of 10 steps") nor the object of an anecdote ("he finished 2 of 10 laps").
fn counted_things_of_ten(cx: &Cx, m: &Number, start: usize) -> bool {
    let t = cx.text;
    let before = t[..start].trim_end();
    let opens_clause = before.is_empty()
        || before.ends_with([',', ';', ':', '(', '-', '–', '—', '•', '*', '.'])
        || prev_word_in(
            t,
            start,
            &["that", "and", "but", "while", "whereas", "where"],
        );
    if ![10.0, 100.0, 1000.0].contains(&m.value) || !opens_clause {
        return false;
    }
    next_word(t, m.range.end).is_some_and(|w| {
        let word = &t[w];
        word.len() > 3
            && word.ends_with('s')
            && word.chars().all(|c| c.is_ascii_lowercase())
            && !is_in(&lists().units, word)
            && !is_in(&lists().stop, word)
            && !is_in(&lists().periods, word)
    })
}

fn rate(cx: &Cx, n: &Number, qual: Option<(Qualifier, usize)>) -> Option<Outcome> {
    let t = cx.text;
    let p = phrase_at(t, n.range.end, " per ")?;
    let (denominator, end, nums): (f64, usize, Vec<&Number>) = match cx.num_at(p) {
        Some(m)
            if m.value >= 10.0 && is_integer(m) && !m.spelled || m.spelled && m.value >= 100.0 =>
        {
            (m.value, m.range.end, vec![n, m])
        }
        Some(_) => return None,
        None => {
            let (d, e) = [
                ("hundred thousand", 1e5),
                ("thousand", 1e3),
                ("million", 1e6),
                ("billion", 1e9),
                ("hundred", 1e2),
            ]
            .iter()
            .find_map(|&(w, d)| phrase_at(t, p, w).map(|e| (d, e)))?;
            (d, e, vec![n])
        }
    };
    let mut q = new_quantity(QuantityKind::Rate, n.range.start..end, vec![n.value], &nums);
    q.frequency = Some((n.value, denominator));
    qualify(&mut q, single(qual));
    let consumed = match space(t, end).and_then(|a| noun_phrase(cx, a, false)) {
        Some(np) => {
            q.population = Some(np.range);
            np.end
        }
        None => end,
    };
    Some(found(q, consumed))
}

fn count(cx: &Cx, n: &Number, qual: Option<(Qualifier, usize)>) -> Option<Outcome> {
    let t = cx.text;
    if n.value < 1.0 || n.decimals > 0 && n.value < 1000.0 || n.spelled && n.value < 10.0 {
        return None;
    }
    let mut nums = vec![n];
    let mut end = n.range.end;
    let between = matches!(qual, Some((Qualifier::Between, _)));
    if let Some(m) = range_partner(cx, end, between) {
        nums.push(m);
        end = m.range.end;
    }
    let after = match char_at(t, end) {
        Some('+') => space(t, end + 1)?,
        _ => space(t, end)?,
    };
    let Some(np) = noun_phrase(cx, after, true) else {
        // "more than 7,000 each year": a count over a period, its group said before;
        // "roughly 460,000 suffer from it": a large count as the subject of a verb of people.
        let e = period_after(t, end)
            .filter(|_| n.value >= 100.0 && nums.len() == 1)
            .or_else(|| {
                // Not a base: "15 people out of 100,000 develop it".
                let base = prev_word_in(t, n.range.start, &["of", "per", "in"]);
                (n.value >= 1000.0 && nums.len() == 1 && !is_yearlike(n) && !base)
                    .then(|| next_word_in(t, end, &lists().count_verbs))
                    .flatten()
                    .map(|_| end)
            })?;
        let mut q = new_quantity(
            QuantityKind::Count,
            n.range.start..end,
            vec![n.value],
            &nums,
        );
        qualify(&mut q, single(qual));
        return Some(found(q, e));
    };
    let values = nums.iter().map(|m| m.value).collect();
    let mut q = new_quantity(QuantityKind::Count, n.range.start..end, values, &nums);
    qualify(&mut q, if nums.len() > 1 { qual } else { single(qual) });
    // A sample is counted, not estimated: "1,635 participants", not "12.8 million adults".
    let exact = !n.spelled && n.decimals == 0 && !t[n.range.clone()].contains(char::is_alphabetic);
    if nums.len() == 1
        && exact
        && is_integer(n)
        && !is_in(&lists().not_samples, &t[np.head.clone()])
    {
        q.sample_size = Some(n.value as u64);
    }
    q.population = Some(np.range);
    Some(found(q, np.end))
}

/// "the median age is 17 years old", "an average delay of 8 years", "the mean length of stay
/// was 12 days": an average of a population, which the labelling guidelines count as a
/// statistic (the age or the duration of one person or event is not). Its word (`averages`)
/// has a noun of `average_nouns` right after it; at most eight more words follow, with nothing
/// but spaces between them, and a word of `average_links` comes just before the figure (or its
/// qualifier). A duration unit after the figure, and "old", join its span. One person's average
/// (`average_owners`: "my average wait time was 20 minutes") is not read.
fn average(cx: &Cx, n: &Number, qual: Option<(Qualifier, usize)>) -> Option<Outcome> {
    /// The average's noun, the words after it and the link.
    const MOST_WORDS: usize = 11;
    let t = cx.text;
    let l = lists();
    if n.value <= 0.0 || is_yearlike(n) || n.spelled {
        return None;
    }
    let qual = single(qual);
    let start = qual.map_or(n.range.start, |(_, s)| s);
    // The words before the figure, nearest first, while only spaces part them.
    let mut words: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = start;
    while words.len() <= MOST_WORDS {
        let Some(w) = prev_word(t, at) else {
            break;
        };
        if !t
            .get(w.end..at)
            .is_some_and(|gap| gap.chars().all(|c| c == ' '))
        {
            break;
        }
        at = w.start;
        words.push(w);
    }
    let link = words.first()?;
    if !is_in(&l.average_links, &t[link.clone()]) {
        return None;
    }
    // One person's average ("my average wait") is an anecdote.
    let averaged = (2..words.len()).any(|k| {
        is_in(&l.averages, &t[words[k].clone()])
            && is_in(&l.average_nouns, &t[words[k - 1].clone()])
            && !words
                .get(k + 1)
                .is_some_and(|owner| is_in(&l.average_owners, &t[owner.clone()]))
    });
    if !averaged {
        return None;
    }
    let mut end = n.range.end;
    if let Some(unit) = next_word_in(t, end, &l.duration_units) {
        end = unit;
        if let Some(old) = next_word_in(t, end, &["old"]) {
            end = old;
        }
    }
    let mut q = new_quantity(
        QuantityKind::Average,
        n.range.start..end,
        vec![n.value],
        &[n],
    );
    qualify(&mut q, qual);
    Some(found(q, end))
}

/// "each year", "every day", "a week", "per month", "annually" after `pos`: the end.
pub(super) fn period_after(t: &str, pos: usize) -> Option<usize> {
    let w = next_word(t, pos)?;
    if is_in(&lists().periods, &t[w.clone()]) {
        return Some(w.end);
    }
    if is_in(&["each", "every", "per"], &t[w.clone()]) {
        return next_word_in(t, w.end, &lists().periods);
    }
    None
}

/// "99% of the time, I felt ...", "I was right 90% of the time": how often something happened
/// to the writer, in a sentence in the first person, is part of a story, not a statistic.
fn personal_share_of_time(t: &str, start: usize, pe: usize) -> bool {
    if phrase_at(t, pe, " of the time").is_none() {
        return false;
    }
    let from = t[..start].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let to = t[pe..]
        .find(['.', '!', '?', '\n'])
        .map_or(t.len(), |i| pe + i);
    t[from..to]
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’')))
        .any(|w| {
            matches!(w, "I" | "me" | "my" | "My") || w.starts_with("I'") || w.starts_with("I’")
        })
}

/// "100 percent certainty", "110 percent effort", "give 100%", "isn't operating at 100%":
/// a percentage of 100 or more as a figure of speech.
fn figurative(t: &str, start: usize, pe: usize) -> bool {
    if next_word_in(t, pe, &lists().figurative).is_some()
        || phrase_at(t, pe, " of the time").is_some()
    {
        return true;
    }
    let clause_ends = !char_at(t, opt_space(t, pe)).is_some_and(char::is_alphanumeric);
    if prev_word_in(t, start, &lists().figurative_verbs) && phrase_at(t, pe, " of").is_none() {
        return true;
    }
    clause_ends
        && prev_word(t, start)
            .filter(|r| t[r.clone()].eq_ignore_ascii_case("at"))
            .is_some_and(|at| prev_word_in(t, at.start, &lists().figurative_verbs))
}

/// "every 98 seconds", "one every 65 minutes": a rate of events, when a sentence opens with it
/// or a subject or event word stands before "every" (not advice: "stretch every 30 minutes").
fn every_rate(cx: &Cx, n: &Number) -> Option<Outcome> {
    let t = cx.text;
    let every =
        prev_word(t, n.range.start).filter(|r| t[r.clone()].eq_ignore_ascii_case("every"))?;
    let unit_end = next_word_in(t, n.range.end, &lists().rate_units)?;
    let before = t[..every.start].trim_end_matches([' ', '"', '“', '*', '_']);
    let opens = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n', '•', '-']);
    let subject =
        prev_word(t, every.start).filter(|r| is_in(&lists().rate_subjects, &t[r.clone()]));
    if !opens && subject.is_none() {
        return None;
    }
    let start = subject
        .filter(|r| t[r.clone()].eq_ignore_ascii_case("one"))
        .map_or(every.start, |r| r.start);
    let q = new_quantity(QuantityKind::Rate, start..unit_end, vec![n.value], &[n]);
    Some(found(q, unit_end))
}

/// "$127 billion", "an estimated $210 billion", "between $369 million and $1.7 billion": an
/// aggregate amount of money (a cost to society, total spending) is a claim about a population,
/// so a statistic; a price ("$20 a session") is not, and is left to the exclusions.
fn money(cx: &Cx, n: &Number, floor: usize) -> Option<Outcome> {
    let t = cx.text;
    let currency = |at: usize| matches!(char_before(t, at), Some('$' | '£' | '€'));
    if !currency(n.range.start) {
        return None;
    }
    let scaled = |m: &Number| {
        let e = m.range.end;
        (m.value >= 1e6).then_some(e).or_else(|| {
            word_at(t, e)
                .or_else(|| next_word(t, e).filter(|_| char_at(t, e) == Some(' ')))
                .filter(|r| is_in(&lists().money_scales, &t[r.clone()]))
                .map(|r| r.end)
        })
    };
    let mut end = scaled(n)?;
    // The sign's own width: "£" and "€" are more than one byte.
    let sign = n.range.start - char_before(t, n.range.start).map_or(1, char::len_utf8);
    let qual = qualifier_before(t, sign, floor);
    let mut values = vec![n.value];
    // The other end of a range, with its own currency sign.
    let between = matches!(qual, Some((Qualifier::Between, _)));
    let joint = [" to ", "–", "-", " – "]
        .iter()
        .chain(if between { [" and "].iter() } else { [].iter() })
        .find_map(|j| phrase_at(t, end, j));
    if let Some(p) = joint
        && let Some(m) = cx.num_at(
            p + char_at(t, p)
                .filter(|c| matches!(c, '$' | '£' | '€'))
                .map_or(0, char::len_utf8),
        )
        && let Some(e) = scaled(m)
    {
        values.push(m.value);
        end = e;
    }
    let range_of_two = values.len() > 1;
    let mut q = new_quantity(QuantityKind::Count, sign..end, values, &[n]);
    qualify(&mut q, if range_of_two { qual } else { single(qual) });
    Some(found(q, end))
}

// ---------------------------------------------------------------------------------------------
// Figures at a word.

pub(super) fn at_word(cx: &Cx, w: &WordHit, floor: usize) -> Outcome {
    let r = match w.word {
        Word::Fraction {
            denominator,
            plural,
        } => fraction(cx, w, denominator, plural, floor),
        Word::Twice => multiplier(cx, w, 2.0, floor, false),
        Word::Multiplier(f) => multiplier(cx, w, f64::from(f), floor, false),
        Word::Fold(f) => multiplier(cx, w, f64::from(f), floor, true),
        Word::Majority => majority(cx, w, floor),
        Word::Num(_) => None,
    };
    r.unwrap_or(Outcome::Nothing)
}

fn multiplier(cx: &Cx, w: &WordHit, factor: f64, floor: usize, fold: bool) -> Option<Outcome> {
    let t = cx.text;
    let end = if matches!(w.word, Word::Multiplier(_)) {
        // "double the risk", "tripled the odds"
        let the = next_word(t, w.range.end).filter(|r| t[r.clone()].eq_ignore_ascii_case("the"))?;
        next_word_in(t, the.end, &lists().the_nouns)?
    } else {
        comparison_after(t, w.range.end, fold)?
    };
    let mut q = Quantity {
        spelled: true,
        ..new_quantity(
            QuantityKind::Multiple,
            w.range.start..end,
            vec![factor],
            &[],
        )
    };
    qualify(&mut q, single(qualifier_before(t, w.range.start, floor)));
    q.population = subject_before(cx, q.range.start, floor);
    Some(found(q, end))
}

fn fraction(cx: &Cx, w: &WordHit, denominator: u8, plural: bool, floor: usize) -> Option<Outcome> {
    let t = cx.text;
    let s = w.range.start;
    // "a half-hour", "a quarter-mile", "half-dose": the fraction is part of a unit or a
    // compound, not a share of a group.
    let mut after_word = t[w.range.end..].chars();
    if after_word.next() == Some('-') && after_word.next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let half = denominator == 2 && !plural;
    // The numerator: "a third", "one third", "two-thirds", "three quarters", or none for "half".
    let sep_before = match char_before(t, s) {
        Some(c @ (' ' | '-')) => Some(s - c.len_utf8()),
        _ => None,
    };
    let mut numerator = None;
    if let Some(j) = sep_before {
        if let Some(n) = cx
            .num_ending_at(j)
            .filter(|n| is_integer(n) && n.value >= 1.0)
        {
            numerator = Some((n.value, n.range.start, n.spelled));
        } else if let Some(a) = word_before(t, j)
            .filter(|a| is_in(&["a", "an"], &t[a.clone()]) && char_before(t, s) == Some(' '))
        {
            numerator = Some((1.0, a.start, true));
        }
    }
    let (num, start, spelled) = match numerator {
        Some(x) => x,
        None if half => {
            if prev_word_in(t, s, &lists().half_block) {
                return None;
            }
            (1.0, s, true)
        }
        None => return None,
    };
    if start < floor || num >= f64::from(denominator) || plural != (num > 1.0) {
        return None;
    }
    // "half as likely": a multiple.
    if half
        && start == s
        && let Some(as_) =
            next_word(t, w.range.end).filter(|r| t[r.clone()].eq_ignore_ascii_case("as"))
        && let Some(end) = next_word_in(t, as_.end, &lists().compared)
    {
        let mut q = Quantity {
            spelled: true,
            ..new_quantity(QuantityKind::Multiple, s..end, vec![0.5], &[])
        };
        qualify(&mut q, single(qualifier_before(t, s, floor)));
        q.population = subject_before(cx, q.range.start, floor);
        return Some(found(q, end));
    }
    let qual = single(qualifier_before(t, start, floor));
    let mut q = Quantity {
        spelled,
        ..new_quantity(
            QuantityKind::Proportion,
            start..w.range.end,
            vec![100.0 * num / f64::from(denominator)],
            &[],
        )
    };
    qualify(&mut q, qual);
    let after = w.range.end;
    if let Some(i) = phrase_at(t, after, " of ") {
        let mut k = i;
        for det in ["all the ", "the ", "all ", "these ", "those "] {
            if let Some(e) = phrase_at(t, k, det) {
                k = e;
                break;
            }
        }
        if next_word(t, k).is_some_and(|r| is_in(&lists().not_groups, &t[r])) {
            return None;
        }
        // "at least half of the 2 years": a share of a stretch of time (a criterion), not of
        // a group.
        if let Some(n) = cx.num_at(k)
            && next_word(t, n.range.end).is_some_and(|r| is_in(&lists().not_groups, &t[r]))
        {
            return None;
        }
        let consumed = attach_of_population(cx, &mut q, after);
        return Some(found(q, consumed));
    }
    if half && let Some(k) = phrase_at(t, after, " the ") {
        // "half the women"
        let np = noun_phrase(cx, k, false)?;
        q.population = Some(np.range);
        return Some(found(q, np.end));
    }
    // "nearly half said": only with a qualifier, and not "nearly half an hour".
    q.qualifier?;
    if let Some(r) = next_word(t, after)
        && (is_in(&lists().not_groups, &t[r.clone()])
            || is_in(&["the", "as", "their", "his", "her"], &t[r]))
    {
        return None;
    }
    Some(found(q, after))
}

fn majority(cx: &Cx, w: &WordHit, floor: usize) -> Option<Outcome> {
    let t = cx.text;
    let mut s = w.range.start;
    if let Some(adj) = prev_word(t, s).filter(|r| is_in(&lists().majority_adj, &t[r.clone()])) {
        s = adj.start;
    }
    let art = prev_word(t, s).filter(|r| is_in(&["the", "a"], &t[r.clone()]))?;
    if art.start < floor {
        return None;
    }
    phrase_at(t, w.range.end, " of ")?;
    let mut q = new_quantity(
        QuantityKind::Proportion,
        art.start..w.range.end,
        vec![50.0],
        &[],
    );
    q.qualifier = Some(Qualifier::MoreThan);
    q.spelled = true;
    let consumed = attach_of_population(cx, &mut q, w.range.end);
    Some(found(q, consumed))
}
