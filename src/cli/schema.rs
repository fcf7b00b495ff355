//! `carelint schema`: the JSON Schema of `.carelint.yml`.

use std::io::Write;

use super::EXIT_CLEAN;

pub fn run() -> u8 {
    out!("{}", crate::workspace::config::json_schema::text());
    EXIT_CLEAN
}
