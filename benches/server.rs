//! `carelint server` latency: from a `didChange` to the `publishDiagnostics` of that version,
//! on a 5,000-word article of our own generation (benches/support/corpus.rs), with the debounce
//! set to 0 (`initializationOptions.debounceMs`) so the figure is what follows the debounce:
//! alone in its workspace folder, and in a folder of 200 more generated articles, which the
//! server indexes so `figures/cross-article` compares the open article with them.
//! The server runs in-process on channels, as over stdio but without the pipes.
//!
//! cargo bench --bench server            # the figure in BENCHMARKS.md
//! cargo bench --bench server -- --test  # once (CI)

use std::time::Duration;

use carelint::server::transport::Incoming;
use carelint::server::{Server, ServerOptions};
use criterion::{Criterion, criterion_group, criterion_main};
use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::json;

#[path = "support/corpus.rs"]
mod corpus;

struct Session {
    to_server: Sender<Incoming>,
    from_server: Receiver<Message>,
    uri: String,
    text: String,
    version: i32,
}

impl Session {
    fn send(&self, message: Message) {
        self.to_server
            .send(Incoming::Message(message))
            .expect("the server is running");
    }

    fn notify(&self, method: &str, params: serde_json::Value) {
        self.send(Notification::new(method.into(), params).into());
    }

    /// Waits for the diagnostics of `version`.
    fn published(&self, version: i32) -> usize {
        loop {
            let message = self
                .from_server
                .recv_timeout(Duration::from_secs(60))
                .expect("diagnostics within a minute");
            if let Message::Notification(n) = message
                && n.method == "textDocument/publishDiagnostics"
                && n.params["version"] == version
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
        }
    }

    /// One edit (a word changed in the middle, so every version differs) and its diagnostics.
    fn change(&mut self) -> usize {
        self.version += 1;
        let at = self.text.len() / 2;
        let at = self.text.floor_char_boundary(at);
        let word = if self.version % 2 == 0 {
            "often "
        } else {
            "rarely "
        };
        let mut text = self.text.clone();
        text.insert_str(at, word);
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": self.uri, "version": self.version},
                "contentChanges": [{"text": text}],
            }),
        );
        self.published(self.version)
    }
}

impl Session {
    /// Waits for the server's log line saying the folder is indexed (after it, nothing re-lints
    /// the document unasked, so each iteration is one lint).
    fn indexed(&self) {
        loop {
            let message = self
                .from_server
                .recv_timeout(Duration::from_secs(600))
                .expect("the folder indexed within ten minutes");
            if let Message::Notification(n) = message
                && n.method == "window/logMessage"
                && let Some(line) = n.params["message"].as_str()
                && line.contains("figures/cross-article: indexed")
            {
                // What the comparison holds, beside the figure.
                eprintln!("{line}");
                return;
            }
        }
    }
}

/// A server on a folder holding the 5,000-word article and `others` more articles of the
/// generated corpus, with the article open and the folder indexed.
fn start(others: usize) -> (tempfile::TempDir, Session, std::thread::JoinHandle<u8>) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
    for other in corpus::corpus(11, others, None) {
        let path = dir.path().join(&other.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, &other.text).expect("write");
    }
    let article = corpus::article(7, 0, Some(5000));
    let path = dir.path().join("article.md");
    std::fs::write(&path, &article.text).expect("write");
    let uri = format!("file://{}", path.display());

    let (to_server, incoming) = crossbeam_channel::unbounded();
    let (outgoing, from_server) = crossbeam_channel::unbounded();
    let server =
        std::thread::spawn(move || Server::run(incoming, outgoing, ServerOptions::default()));
    let session = Session {
        to_server,
        from_server,
        uri: uri.clone(),
        text: article.text.clone(),
        version: 1,
    };
    session.send(
        Request::new(
            RequestId::from(1),
            "initialize".into(),
            json!({
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                "rootUri": format!("file://{}", dir.path().display()),
                "initializationOptions": {"debounceMs": 0},
            }),
        )
        .into(),
    );
    session.notify("initialized", json!({}));
    session.indexed();
    session.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": article.text}}),
    );
    session.published(1);
    (dir, session, server)
}

fn stop(session: &Session, server: std::thread::JoinHandle<u8>) {
    session.send(Request::new(RequestId::from(2), "shutdown".into(), json!(null)).into());
    session.notify("exit", json!(null));
    let _ = server.join();
}

fn server_latency(c: &mut Criterion) {
    let mut group = c.benchmark_group("server");
    group.sample_size(30);
    // Alone in its folder; then with 200 more articles, compared by figures/cross-article.
    for (others, name) in [
        (0, "didChange→publishDiagnostics, 5,000 words"),
        (
            200,
            "didChange→publishDiagnostics, 5,000 words, folder of 200 more articles",
        ),
    ] {
        let (_dir, mut session, server) = start(others);
        group.bench_function(name, |b| b.iter(|| session.change()));
        stop(&session, server);
    }
    group.finish();
}

criterion_group!(benches, server_latency);
criterion_main!(benches);
