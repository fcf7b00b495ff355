//! The README's 30-second example is real output: this test runs the command it shows and
//! compares, so the README cannot drift from what carelint prints.

use assert_cmd::Command;

#[test]
fn thirty_second_example_matches_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let marker =
        "## A 30-second example\n\n```console\n$ carelint check fixtures/samples/crlf-note.md\n";
    let start = readme.find(marker).expect("the example is in the README") + marker.len();
    let shown = &readme[start..start + readme[start..].find("```\n").expect("closing fence")];
    let output = Command::cargo_bin("carelint")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(["check", "fixtures/samples/crlf-note.md"])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout), shown);
}
