//! Rules about wording: how an article talks about people and conditions.

pub mod stigmatising;
