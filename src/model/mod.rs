//! The data every stage shares: the source text and its positions ([`source`]), findings and
//! the levels rules report at ([`diagnostic`]), what a run produces ([`outcome`]), which findings a run shows ([`selection`]), and cuts of
//! text by byte counts that cannot split a character ([`text`]). It
//! depends on nothing else in the crate, so reports, the baseline and fixes can read results
//! without depending on how they were made.

pub mod diagnostic;
pub mod outcome;
pub mod selection;
pub mod source;
pub mod text;
