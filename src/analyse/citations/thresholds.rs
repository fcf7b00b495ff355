//! Figures that draw a line rather than report a finding: thresholds, definitions and response
//! criteria ("considered rare, meaning they affect fewer than 200,000 people", "a 30 percent or
//! greater reduction in symptoms"). The statistics rules do not ask them for a source.

use crate::analyse::quantities::Quantity;

/// Whether a bounded figure is the line a definition draws ("considered rare, meaning they
/// affect fewer than 200,000 people"): a definition cue in its clause, or a condition word in
/// its clause after a classifying verb earlier in its sentence. Thresholds are not claims.
pub(super) fn is_threshold(
    text: &str,
    sentence_start: usize,
    q: &Quantity,
    d: &super::Definitions,
) -> bool {
    use crate::analyse::quantities::Qualifier;
    // "14 drinks or more": the bound after the figure (grammar, not house style).
    let after = text.get(q.range.end..).unwrap_or_default();
    let next: Vec<&str> = after.split_whitespace().take(3).collect();
    let bound_after = next.first() == Some(&"or")
        && next.get(1).is_some_and(|w| {
            matches!(
                w.trim_end_matches([',', '.', ';']),
                "more" | "fewer" | "less" | "over" | "above" | "higher" | "greater"
            )
        });
    // "a 30 percent or greater reduction in symptoms": the size of change that counts as a
    // response, not a finding.
    if bound_after
        && next.get(2).is_some_and(|w| {
            let w = w.trim_end_matches([',', '.', ';']).to_lowercase();
            d.outcome_nouns.contains(&w)
        })
    {
        return true;
    }
    let bounded = bound_after
        || matches!(
            q.qualifier,
            Some(Qualifier::AtLeast | Qualifier::MoreThan | Qualifier::LessThan | Qualifier::UpTo)
        );
    if !bounded {
        return false;
    }
    let Some(before) = text.get(sentence_start.min(q.range.start)..q.range.start) else {
        return false;
    };
    let before = before.to_lowercase();
    // The figure's clause: after the last clause mark before it.
    let clause_at = before.rfind([',', ';', ':', '(', '—', '–']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = &before[clause_at..];
    let words_of = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
            .map(|w| w.trim_end_matches('.').to_string())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let has = |words: &[String], phrase: &str| {
        let p: Vec<&str> = phrase.split(' ').map(|w| w.trim_end_matches('.')).collect();
        words
            .windows(p.len())
            .position(|win| win.iter().zip(&p).all(|(a, b)| a == b))
    };
    let clause_words = words_of(clause);
    if d.cues.iter().any(|c| has(&clause_words, c).is_some()) {
        return true;
    }
    // The predicate after the figure, up to its clause's end.
    let after = text.get(q.range.end..).unwrap_or_default();
    let after = after
        .find(['.', ';', ':', '!', '?', '(', ','])
        .map_or(after, |end| &after[..end])
        .to_lowercase();
    let after_words = words_of(&after);
    if d.predicates.iter().any(|p| has(&after_words, p).is_some()) {
        return true;
    }
    let Some(condition) = d.conditions.iter().find_map(|c| has(&clause_words, c)) else {
        return false;
    };
    // The classifier comes before the condition: in an earlier clause or earlier in this one.
    let earlier = words_of(&before[..clause_at]);
    d.classifiers
        .iter()
        .any(|c| has(&earlier, c).is_some() || has(&clause_words[..condition], c).is_some())
}
