//! The `carelint` binary: a thin shell over the library.

fn main() -> std::process::ExitCode {
    carelint::cli::main()
}
