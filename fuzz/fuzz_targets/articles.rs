//! `cargo fuzz run articles`: articles built from paragraphs of figures, sources, rule-data
//! phrases, helplines, headings, lists and tables ([`common::article`]), in every format, one
//! or two of one publication, through the same checks as the `lint` target.
//!
//! `CARELINT_FUZZ_WRITE=PATH` writes each generated input to PATH in the `lint` layout before
//! checking it: run a crashing artifact with it set to keep the article in `fuzz/regressions/`.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
#[allow(dead_code)] // the dictionary is for the `lint` target
mod common;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(generated) = common::article::generate(&mut u) else {
        return;
    };
    let input = generated.to_input();
    static WRITE: OnceLock<Option<std::ffi::OsString>> = OnceLock::new();
    if let Some(path) = WRITE.get_or_init(|| std::env::var_os("CARELINT_FUZZ_WRITE")) {
        std::fs::write(path, &input).expect("write CARELINT_FUZZ_WRITE");
    }
    common::check_input(&input);
});
