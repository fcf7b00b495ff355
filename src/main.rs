//! The `carelint` binary: a thin shell over the library.

/// mimalloc: linting allocates many small strings and vectors per block, and reports made on
/// worker threads are freed on the thread that writes them, which glibc's allocator serialises.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    carelint::cli::main()
}
