//! `cargo fuzz run lint`: parse + analyse + every rule (the `strict` pack) over arbitrary bytes,
//! asserting no panic and that every span lies within the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
#[allow(dead_code)] // the article generator is for the `articles` target
mod common;

fuzz_target!(|data: &[u8]| {
    common::check_input(data);
});
