//! `carelint server`: a Language Server Protocol server over stdio, so findings appear in the
//! editor while an article is written.
//!
//! Threads: a reader ([`transport`]) that turns stdin into messages (and malformed input into
//! errors, never a crash), a writer to stdout, the main loop here (documents, debouncing,
//! requests), one lint worker ([`lint`]) that runs the library's pipeline, and one indexer
//! ([`index`]) that keeps the figures of each workspace folder's articles for
//! `figures/cross-article`. Modules:
//! [`position`] (encodings), [`documents`], [`convert`] (findings → diagnostics), [`actions`]
//! (code actions), [`hover`], [`uri`].

pub mod actions;
pub mod convert;
pub mod documents;
pub mod hover;
pub mod index;
pub mod lint;
pub mod position;
pub mod protocol;
pub mod transport;
pub mod uri;

use std::io::BufReader;

pub use protocol::{Server, ServerOptions};

/// Serves on stdin and stdout until `exit` (or the client goes away); the exit code is 0 after
/// a `shutdown`, 1 otherwise, as the protocol asks.
pub fn serve_stdio() -> u8 {
    let (to_main, incoming) = crossbeam_channel::unbounded();
    let (outgoing, to_writer) = crossbeam_channel::unbounded();
    let reader = std::thread::Builder::new()
        .name("carelint-lsp-reader".into())
        .spawn(move || transport::read_loop(BufReader::new(std::io::stdin().lock()), to_main));
    let writer = std::thread::Builder::new()
        .name("carelint-lsp-writer".into())
        .spawn(move || transport::write_loop(std::io::stdout().lock(), to_writer));
    let (Ok(reader), Ok(writer)) = (reader, writer) else {
        eprintln!("carelint server: cannot start its threads");
        return 1;
    };
    let code = Server::run(incoming, outgoing, ServerOptions::default());
    // The writer ends when the main loop's sender is dropped (everything written); the reader
    // may still be blocked on stdin, and the process exit ends it.
    let _ = writer.join();
    drop(reader);
    code
}
