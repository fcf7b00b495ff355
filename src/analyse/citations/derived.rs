//! Figures worked out from others that the text gives: a percentage change between two
//! counts ("In 2020, the Helpline received 833,598 calls. This is a 27 percent increase from
//! 2019, when it received 656,953"). The arithmetic is not a claim of its own: the counts'
//! sources, or their lack, are theirs.

use crate::analyse::BlockFacts;
use crate::analyse::quantities::Quantity;

/// Whether a percentage change is the change between two counts (100 or more, not years) given
/// in its sentence or the one before, to the precision it is written with.
pub(super) fn is_change_between_counts(facts: &BlockFacts, quantity: &Quantity) -> bool {
    let r = &quantity.range;
    let Some(figure) = facts
        .numbers
        .iter()
        .find(|n| r.start <= n.range.start && n.range.end <= r.end)
    else {
        return false;
    };
    let sentence = facts.sentences.partition_point(|s| s.end <= r.start);
    let from = facts
        .sentences
        .get(sentence.saturating_sub(1))
        .map_or(0, |s| s.start);
    let to = facts.sentences.get(sentence).map_or(r.end, |s| s.end);
    let counts: Vec<f64> = facts
        .numbers
        .iter()
        .filter(|n| {
            from <= n.range.start
                && n.range.end <= to
                && n.value >= 100.0
                && n.decimals == 0
                && (n.grouped || !(1900.0..=2100.0).contains(&n.value))
        })
        .map(|n| n.value)
        .collect();
    if counts.len() > MAX_CHANGE_COUNTS {
        return false;
    }
    let tolerance = 0.5 / 10f64.powi(i32::from(figure.decimals)) + 1e-9;
    counts.iter().any(|&base| {
        counts.iter().any(|&other| {
            other != base && ((other - base).abs() / base * 100.0 - figure.value).abs() <= tolerance
        })
    })
}

/// Most counts around a percentage change for it to be read as their difference: two sentences
/// of prose hold a few; a flattened table row holds dozens, whose pairs would match by chance.
const MAX_CHANGE_COUNTS: usize = 8;
