//! Writes the `lint` fuzz target's dictionary to standard output: the figure shapes, Markdown,
//! MDX and HTML syntax and multi-byte punctuation of `fuzz/common/vocabulary.rs`, and every
//! phrase of `rules/*.yml` in its first form, read from the rule data the crate embeds.
//!
//! Generated when fuzzing starts rather than committed, so it follows the rule data and no
//! change to a phrase list needs a regeneration step:
//!
//! ```sh
//! mkdir -p fuzz/dict && cargo run --example fuzz-dict > fuzz/dict/carelint.dict
//! ```

#[path = "../fuzz/common/vocabulary.rs"]
#[allow(dead_code)] // the phrase forms are for the `articles` generator
mod vocabulary;

fn main() {
    print!("{}", vocabulary::dictionary());
}
