//! The main loop: initialization, documents, debounced linting, requests, shutdown and exit.
//!
//! Changes are debounced (150 ms by default): each change moves the document's lint time on,
//! and only the version the client has when a lint finishes is published, so a stale result is
//! never shown. Requests that need findings (pull diagnostics, code actions, hover) wait for the
//! current version's lint instead of answering from an old one.
//!
//! Each workspace folder is indexed once in the background for `figures/cross-article`; saved
//! articles (and article files changed on disk) update the index, and each new snapshot
//! re-lints the folder's open documents.
//!
//! Why one file of ~930 lines: every request and notification reads and changes the one
//! [`Server`] state (open documents, pending lints, waiting requests, folder indexes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DiagnosticOptions, DiagnosticServerCapabilities, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport, Hover,
    HoverContents, HoverParams, HoverProviderCapability, InitializeResult, MarkupContent,
    MarkupKind, MessageType, PositionEncodingKind, PublishDiagnosticsParams, Range,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, UnchangedDocumentDiagnosticReport, Uri,
};
use serde::de::DeserializeOwned;

use crate::server::actions::{Ask, actions, fix_all_kind};
use crate::server::convert::Converter;
use crate::server::documents::{Document, Findings};
use crate::server::index::{Folder, IndexWork, Indexed, indexer};
use crate::server::lint::{Job, Linted, Work, worker};
use crate::server::position::{Encoding, LineIndex};
use crate::server::transport::{Incoming, malformed_reply};

/// How the server behaves; clients can change these in `initializationOptions`.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Quiet time after a change before linting (`debounceMs`).
    pub debounce: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            debounce: Duration::from_millis(150),
        }
    }
}

/// A request that waits for the current version's findings.
enum Wait {
    Diagnostic(Option<String>),
    CodeAction(CodeActionParams),
    Hover(HoverParams),
}

struct Waiting {
    id: RequestId,
    uri: Uri,
    wait: Wait,
}

pub struct Server {
    out: Sender<Message>,
    /// The client stopped reading: nothing more can be said.
    gone: bool,
    encoding: Encoding,
    /// Workspace folders, longest first (a document belongs to the longest that holds it).
    roots: Vec<PathBuf>,
    docs: HashMap<Uri, Document>,
    /// When each document with unlinted changes is to be linted.
    due: HashMap<Uri, Instant>,
    /// The version, configuration generation and folder index version last handed to the
    /// worker per document.
    sent: HashMap<Uri, (i32, u64, u64)>,
    waiting: Vec<Waiting>,
    /// Bumped when configuration changes; findings of older generations are stale.
    generation: u64,
    /// Configuration files with problems shown on them.
    config_diagnostics: HashMap<Uri, Vec<lsp_types::Diagnostic>>,
    /// Push diagnostics (`publishDiagnostics`): unless the client pulls them itself.
    push: bool,
    /// The client can be asked to pull again after a configuration change.
    refresh: bool,
    /// The client registers file watchers for us (`.carelint.yml` changes).
    watch: bool,
    debounce: Duration,
    shut_down: bool,
    work: Sender<Work>,
    /// The indexer's queue, and each workspace folder's latest index.
    index: Sender<IndexWork>,
    folders: HashMap<PathBuf, Arc<Folder>>,
    next_id: i32,
}

fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(value).map_err(|e| format!("invalid params: {e}"))
}

impl Server {
    /// Serves `incoming` until `exit` or until the client goes away; returns the exit code.
    pub fn run(incoming: Receiver<Incoming>, out: Sender<Message>, options: ServerOptions) -> u8 {
        let Some((id, init)) = wait_for_initialize(&incoming, &out) else {
            return 1;
        };
        let (work, jobs) = crossbeam_channel::unbounded();
        let (done_tx, done) = crossbeam_channel::unbounded();
        let (index, index_work) = crossbeam_channel::unbounded();
        let (indexed_tx, indexed) = crossbeam_channel::unbounded();
        let spawned = std::thread::Builder::new()
            .name("carelint-lsp-lint".into())
            .spawn(move || worker(jobs, done_tx))
            .and_then(|_| {
                std::thread::Builder::new()
                    .name("carelint-lsp-index".into())
                    .spawn(move || indexer(index_work, indexed_tx))
            });
        if spawned.is_err() {
            let _ = out.send(
                Response::new_err(
                    id,
                    ErrorCode::InternalError as i32,
                    "cannot start the lint and index threads".into(),
                )
                .into(),
            );
            return 1;
        }
        let mut server = Server::new(out, work, index, &init, options);
        let result = InitializeResult {
            capabilities: server.capabilities(),
            server_info: Some(ServerInfo {
                name: "carelint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        server.send(Response::new_ok(id, result).into());
        for root in server.roots.clone() {
            let _ = server.index.send(IndexWork::Build(root));
        }
        server.main_loop(&incoming, &done, &indexed)
    }

    /// Reads what the server needs from `initialize`'s params field by field, so a client
    /// whose capabilities lsp-types would refuse somewhere else still gets served.
    fn new(
        out: Sender<Message>,
        work: Sender<Work>,
        index: Sender<IndexWork>,
        init: &serde_json::Value,
        options: ServerOptions,
    ) -> Server {
        let caps = &init["capabilities"];
        let offered: Option<Vec<PositionEncodingKind>> =
            serde_json::from_value(caps["general"]["positionEncodings"].clone()).ok();
        let encoding = Encoding::negotiate(offered.as_deref());
        let pulls = caps["textDocument"]["diagnostic"].is_object();
        let refresh = caps["workspace"]["diagnostics"]["refreshSupport"] == true;
        let watch = caps["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"] == true;
        let debounce = init["initializationOptions"]["debounceMs"]
            .as_u64()
            .map_or(options.debounce, Duration::from_millis);
        Server {
            out,
            gone: false,
            encoding,
            roots: roots(init),
            docs: HashMap::new(),
            due: HashMap::new(),
            sent: HashMap::new(),
            waiting: Vec::new(),
            generation: 0,
            config_diagnostics: HashMap::new(),
            push: !pulls,
            refresh,
            watch,
            debounce,
            shut_down: false,
            work,
            index,
            folders: HashMap::new(),
            next_id: 0,
        }
    }

    fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, fix_all_kind()]),
                resolve_provider: Some(false),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("carelint".into()),
                // `figures/cross-article` compares a document with its folder's articles.
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                ..DiagnosticOptions::default()
            })),
            ..ServerCapabilities::default()
        }
    }

    fn main_loop(
        &mut self,
        incoming: &Receiver<Incoming>,
        done: &Receiver<Linted>,
        indexed: &Receiver<Indexed>,
    ) -> u8 {
        loop {
            if self.gone {
                return 1;
            }
            let wait = self
                .due
                .values()
                .min()
                .map_or(Duration::from_secs(3600), |at| {
                    at.saturating_duration_since(Instant::now())
                });
            select! {
                recv(incoming) -> message => {
                    let Ok(message) = message else {
                        // The client vanished without `exit`.
                        return 1;
                    };
                    let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        self.handle(message)
                    }));
                    match handled {
                        Ok(Some(code)) => return code,
                        Ok(None) => {}
                        Err(_) => self.log(MessageType::ERROR, "carelint: internal error while handling a message; please report it".into()),
                    }
                }
                recv(done) -> linted => {
                    if let Ok(linted) = linted {
                        self.finished(linted);
                    }
                }
                recv(indexed) -> folder => {
                    if let Ok(folder) = folder {
                        self.indexed(folder);
                    }
                }
                default(wait) => {}
            }
            self.dispatch_due();
        }
    }

    fn send(&mut self, message: Message) {
        if self.out.send(message).is_err() {
            self.gone = true;
        }
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.into(), params).into());
    }

    fn log(&mut self, typ: MessageType, message: String) {
        self.notify(
            "window/logMessage",
            lsp_types::LogMessageParams { typ, message },
        );
    }

    fn reply_err(&mut self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Response::new_err(id, code as i32, message).into());
    }

    /// Handles one message; `Some(code)` when the server is to exit.
    fn handle(&mut self, incoming: Incoming) -> Option<u8> {
        let message = match incoming {
            Incoming::Message(m) => m,
            Incoming::Malformed { id, code, why } => {
                let reply = malformed_reply(id, code, why);
                self.send(reply);
                return None;
            }
        };
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(n) => return self.notification(n),
            // Answers to our own requests (registration, refresh): nothing to do.
            Message::Response(_) => {}
        }
        None
    }

    fn request(&mut self, request: Request) {
        let Request {
            id,
            method,
            params: p,
        } = request;
        if self.shut_down {
            self.reply_err(
                id,
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            );
            return;
        }
        let result: Result<(), String> = match method.as_str() {
            "shutdown" => {
                self.shut_down = true;
                self.send(Response::new_ok(id.clone(), ()).into());
                Ok(())
            }
            "textDocument/diagnostic" => params::<DocumentDiagnosticParams>(p).map(|p| {
                let uri = p.text_document.uri;
                self.wait_or_answer(id.clone(), uri, Wait::Diagnostic(p.previous_result_id));
            }),
            "textDocument/codeAction" => params::<CodeActionParams>(p).map(|p| {
                let uri = p.text_document.uri.clone();
                self.wait_or_answer(id.clone(), uri, Wait::CodeAction(p));
            }),
            "textDocument/hover" => params::<HoverParams>(p).map(|p| {
                let uri = p.text_document_position_params.text_document.uri.clone();
                self.wait_or_answer(id.clone(), uri, Wait::Hover(p));
            }),
            "initialize" => {
                self.reply_err(id, ErrorCode::InvalidRequest, "already initialized".into());
                return;
            }
            other => {
                self.reply_err(
                    id,
                    ErrorCode::MethodNotFound,
                    format!("unknown method `{other}`"),
                );
                return;
            }
        };
        if let Err(why) = result {
            self.reply_err(id, ErrorCode::InvalidParams, why);
        }
    }

    fn notification(&mut self, n: Notification) -> Option<u8> {
        let Notification { method, params: p } = n;
        if method == "exit" {
            return Some(if self.shut_down { 0 } else { 1 });
        }
        if self.shut_down {
            return None;
        }
        let result: Result<(), String> = match method.as_str() {
            "initialized" => {
                self.register_watchers();
                Ok(())
            }
            "textDocument/didOpen" => {
                params::<lsp_types::DidOpenTextDocumentParams>(p).map(|p| {
                    let d = p.text_document;
                    let uri = d.uri.clone();
                    let doc = Document::new(d.uri, d.language_id, d.version, d.text);
                    self.docs.insert(uri.clone(), doc);
                    // Open is linted at once; changes wait for the debounce.
                    self.due.insert(uri, Instant::now());
                })
            }
            "textDocument/didChange" => {
                params::<lsp_types::DidChangeTextDocumentParams>(p).map(|p| {
                    let uri = p.text_document.uri;
                    let encoding = self.encoding;
                    match self.docs.get_mut(&uri) {
                        Some(doc) => {
                            doc.change(p.text_document.version, p.content_changes, encoding);
                            self.due.insert(uri, Instant::now() + self.debounce);
                        }
                        None => self.log(
                            MessageType::WARNING,
                            format!("carelint: a change to {} which is not open", uri.as_str()),
                        ),
                    }
                })
            }
            "textDocument/didSave" => params::<lsp_types::DidSaveTextDocumentParams>(p).map(|p| {
                if is_config(&p.text_document.uri) {
                    self.config_changed();
                } else {
                    self.saved(&[p.text_document.uri]);
                }
            }),
            "textDocument/didClose" => {
                params::<lsp_types::DidCloseTextDocumentParams>(p).map(|p| {
                    let uri = p.text_document.uri;
                    self.docs.remove(&uri);
                    self.due.remove(&uri);
                    self.sent.remove(&uri);
                    if self.push {
                        self.publish(uri.clone(), Vec::new(), None);
                    }
                    self.answer_waiting(&uri);
                })
            }
            "workspace/didChangeWatchedFiles" => {
                params::<lsp_types::DidChangeWatchedFilesParams>(p).map(|p| {
                    if p.changes.iter().any(|c| is_config(&c.uri)) {
                        // Rebuilds every folder's index too.
                        self.config_changed();
                    } else {
                        let uris: Vec<Uri> = p.changes.into_iter().map(|c| c.uri).collect();
                        self.saved(&uris);
                    }
                })
            }
            "$/cancelRequest" => params::<lsp_types::CancelParams>(p).map(|p| {
                let id = match p.id {
                    lsp_types::NumberOrString::Number(n) => RequestId::from(n),
                    lsp_types::NumberOrString::String(s) => RequestId::from(s),
                };
                if let Some(at) = self.waiting.iter().position(|w| w.id == id) {
                    self.waiting.remove(at);
                    self.reply_err(id, ErrorCode::RequestCanceled, "cancelled".into());
                }
            }),
            // Optional notifications (`$/setTrace`, `$/progress`, …) may be ignored.
            m if m.starts_with("$/") => Ok(()),
            "workspace/didChangeConfiguration" | "workspace/didChangeWorkspaceFolders" => Ok(()),
            other => {
                self.log(
                    MessageType::LOG,
                    format!("carelint: ignored notification `{other}`"),
                );
                Ok(())
            }
        };
        if let Err(why) = result {
            self.log(MessageType::ERROR, format!("carelint: {method}: {why}"));
        }
        None
    }

    /// Asks the client to tell us when a `.carelint.yml` changes anywhere in the workspace, and
    /// when an article changes on disk outside the editor (for the folder's index).
    fn register_watchers(&mut self) {
        if !self.watch {
            return;
        }
        let articles = format!(
            "**/*.{{{}}}",
            crate::workspace::discover::ARTICLE_EXTENSIONS.join(",")
        );
        let registration = lsp_types::Registration {
            id: "carelint-config-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: Some(serde_json::json!({
                "watchers": [
                    { "globPattern": "**/.carelint.{yml,yaml}" },
                    { "globPattern": articles },
                ]
            })),
        };
        self.next_id += 1;
        let id = RequestId::from(format!("carelint-{}", self.next_id));
        self.send(
            Request::new(
                id,
                "client/registerCapability".into(),
                lsp_types::RegistrationParams {
                    registrations: vec![registration],
                },
            )
            .into(),
        );
    }

    /// Configuration changed: rule sets are rebuilt, problems shown on configuration files are
    /// cleared (the next lint finds them again if they remain) and every open document is
    /// linted again.
    fn config_changed(&mut self) {
        self.generation += 1;
        let _ = self.work.send(Work::Reset);
        // Which articles are read, and the rule's level for each, may have changed.
        for root in self.roots.clone() {
            let _ = self.index.send(IndexWork::Build(root));
        }
        for (uri, _) in std::mem::take(&mut self.config_diagnostics) {
            self.publish(uri, Vec::new(), None);
        }
        let now = Instant::now();
        let open: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in open {
            self.due.insert(uri, now);
        }
        if !self.push && self.refresh {
            self.next_id += 1;
            let id = RequestId::from(format!("carelint-{}", self.next_id));
            self.send(Request::new(id, "workspace/diagnostic/refresh".into(), ()).into());
        }
    }

    /// Files saved, or changed on disk: the indexer reads them again (each in the folder that
    /// holds it; a file outside every workspace folder is in no index).
    fn saved(&mut self, uris: &[Uri]) {
        let mut by_root: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
        for path in uris.iter().filter_map(crate::server::uri::to_path) {
            if let Some(root) = self.roots.iter().find(|r| path.starts_with(r)) {
                by_root.entry(root.clone()).or_default().push(path);
            }
        }
        for (root, paths) in by_root {
            let _ = self.index.send(IndexWork::Update(root, paths));
        }
    }

    /// A folder's index was built or updated: its open documents are compared again.
    fn indexed(&mut self, indexed: Indexed) {
        let Indexed {
            folder,
            built,
            problems,
        } = indexed;
        let root = folder.root.clone();
        let figures: usize = folder.articles.values().map(|a| a.figures).sum();
        let mut message = format!(
            "carelint: figures/cross-article: {} {} ({} articles, {figures} figures to compare)",
            if built { "indexed" } else { "updated" },
            root.display(),
            folder.articles.len()
        );
        if problems > 0 {
            message.push_str(&format!("; {problems} file(s) could not be read"));
        }
        self.log(MessageType::LOG, message);
        self.folders.insert(root.clone(), folder);
        let now = Instant::now();
        let open: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| d.is_article() && self.cwd_for(d.path.as_deref()) == root)
            .map(|(uri, _)| uri.clone())
            .collect();
        let any = !open.is_empty();
        for uri in open {
            // A change already waiting for its debounce keeps its time.
            self.due.entry(uri).or_insert(now);
        }
        if any && !self.push && self.refresh {
            self.next_id += 1;
            let id = RequestId::from(format!("carelint-{}", self.next_id));
            self.send(Request::new(id, "workspace/diagnostic/refresh".into(), ()).into());
        }
    }

    /// The version of the index of the folder an open document belongs to (0: not indexed).
    fn folder_version(&self, uri: &Uri) -> u64 {
        self.docs
            .get(uri)
            .and_then(|d| self.folders.get(&self.cwd_for(d.path.as_deref())))
            .map_or(0, |f| f.version)
    }

    /// The workspace folder `path` belongs to (its run's working directory).
    fn cwd_for(&self, path: Option<&Path>) -> PathBuf {
        if let Some(path) = path {
            if let Some(root) = self.roots.iter().find(|r| path.starts_with(r)) {
                return root.clone();
            }
            if let Some(parent) = path.parent() {
                return parent.to_path_buf();
            }
        }
        self.roots
            .last()
            .cloned()
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")))
    }

    fn dispatch_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<Uri> = self
            .due
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in ready {
            self.due.remove(&uri);
            let Some(doc) = self.docs.get(&uri) else {
                continue;
            };
            if !doc.is_article() {
                continue;
            }
            let cwd = self.cwd_for(doc.path.as_deref());
            // An unsaved, unnamed buffer is linted as a file in the workspace root, with its
            // configuration.
            let path = doc.path.clone().unwrap_or_else(|| {
                cwd.join(if doc.language == "plaintext" || doc.language == "text" {
                    "untitled.txt"
                } else {
                    "untitled.md"
                })
            });
            let job = Job {
                uri: uri.clone(),
                version: doc.version,
                generation: self.generation,
                text: doc.text.clone(),
                path,
                own: doc.path.clone(),
                folder: self.folders.get(&cwd).cloned(),
                cwd,
            };
            let folder = job.folder.as_ref().map_or(0, |f| f.version);
            self.sent.insert(uri, (job.version, job.generation, folder));
            if self.work.send(Work::Lint(job)).is_err() {
                self.log(
                    MessageType::ERROR,
                    "carelint: the lint thread stopped".into(),
                );
            }
        }
    }

    fn finished(&mut self, linted: Linted) {
        if let Some(log) = linted.log {
            self.log(MessageType::ERROR, log);
        }
        if linted.generation != self.generation {
            return;
        }
        let folder = self.folder_version(&linted.uri);
        for problem in linted.config {
            let Some(uri) = crate::server::uri::from_path(&problem.path) else {
                continue;
            };
            let lines = LineIndex::new(&problem.source.text);
            let cwd = self.cwd_for(Some(&problem.path));
            let converter = Converter {
                uri: &uri,
                text: &problem.source.text,
                lines: &lines,
                encoding: self.encoding,
                cwd: &cwd,
            };
            let diagnostics = converter.diagnostics(&problem.diagnostics);
            self.config_diagnostics
                .insert(uri.clone(), diagnostics.clone());
            self.publish(uri, diagnostics, None);
        }
        let Some(doc) = self.docs.get_mut(&linted.uri) else {
            return;
        };
        if doc.version != linted.version || linted.folder != folder {
            // A newer version (or a lint with the folder's newer index) is on its way: this
            // result is never shown.
            return;
        }
        let lines = LineIndex::new(&linted.source.text);
        doc.findings = Some(Findings {
            version: linted.version,
            generation: linted.generation,
            folder: linted.folder,
            source: linted.source,
            lines,
            diagnostics: linted.diagnostics,
        });
        if self.push {
            let diagnostics = self.lsp_diagnostics(&linted.uri);
            self.publish(linted.uri.clone(), diagnostics, Some(linted.version));
        }
        self.answer_waiting(&linted.uri);
    }

    fn publish(&mut self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        );
    }

    /// The current findings of an open document as LSP diagnostics (empty when there are none
    /// yet or it is not an article; a configuration file shows its own problems).
    fn lsp_diagnostics(&self, uri: &Uri) -> Vec<lsp_types::Diagnostic> {
        let Some(doc) = self.docs.get(uri) else {
            return self
                .config_diagnostics
                .get(uri)
                .cloned()
                .unwrap_or_default();
        };
        let Some(findings) = doc.current(self.generation, self.folder_version(uri)) else {
            return self
                .config_diagnostics
                .get(uri)
                .cloned()
                .unwrap_or_default();
        };
        let cwd = self.cwd_for(doc.path.as_deref());
        Converter {
            uri,
            text: &findings.source.text,
            lines: &findings.lines,
            encoding: self.encoding,
            cwd: &cwd,
        }
        .diagnostics(&findings.diagnostics)
    }

    /// Answers now when the document's findings are current (or it has none to wait for);
    /// otherwise waits for its lint, starting one if none is coming.
    fn wait_or_answer(&mut self, id: RequestId, uri: Uri, wait: Wait) {
        let pending = match self.docs.get(&uri) {
            Some(doc) => {
                doc.is_article()
                    && doc
                        .current(self.generation, self.folder_version(&uri))
                        .is_none()
            }
            None => false,
        };
        let waiting = Waiting { id, uri, wait };
        if !pending {
            self.answer(waiting);
            return;
        }
        let coming = self.due.contains_key(&waiting.uri)
            || self.docs.get(&waiting.uri).is_some_and(|doc| {
                let folder = self.folder_version(&waiting.uri);
                self.sent.get(&waiting.uri) == Some(&(doc.version, self.generation, folder))
            });
        if !coming {
            self.due.insert(waiting.uri.clone(), Instant::now());
        }
        self.waiting.push(waiting);
    }

    fn answer_waiting(&mut self, uri: &Uri) {
        let (ready, rest): (Vec<Waiting>, Vec<Waiting>) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|w| &w.uri == uri);
        self.waiting = rest;
        for waiting in ready {
            self.answer(waiting);
        }
    }

    fn answer(&mut self, waiting: Waiting) {
        let Waiting { id, uri, wait } = waiting;
        let response = match wait {
            Wait::Diagnostic(previous) => {
                let result_id = format!(
                    "{}:{}:{}",
                    self.generation,
                    self.docs.get(&uri).map_or(0, |d| d.version),
                    self.folder_version(&uri)
                );
                let report = if previous.as_deref() == Some(result_id.as_str()) {
                    DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                            result_id,
                        },
                    })
                } else {
                    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                        related_documents: None,
                        full_document_diagnostic_report: FullDocumentDiagnosticReport {
                            result_id: Some(result_id),
                            items: self.lsp_diagnostics(&uri),
                        },
                    })
                };
                Response::new_ok(id, DocumentDiagnosticReportResult::Report(report))
            }
            Wait::CodeAction(p) => Response::new_ok(id, self.code_actions(&uri, &p)),
            Wait::Hover(p) => Response::new_ok(id, self.hover(&uri, &p)),
        };
        self.send(response.into());
    }

    fn current(&self, uri: &Uri) -> Option<(&Document, &Findings)> {
        let doc = self.docs.get(uri)?;
        Some((doc, doc.current(self.generation, self.folder_version(uri))?))
    }

    fn code_actions(&self, uri: &Uri, p: &CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let Some((doc, findings)) = self.current(uri) else {
            return Vec::new();
        };
        let text: &str = &findings.source.text;
        let start = findings.lines.offset(text, p.range.start, self.encoding);
        let end = findings
            .lines
            .offset(text, p.range.end, self.encoding)
            .max(start);
        let cwd = self.cwd_for(doc.path.as_deref());
        let converter = Converter {
            uri,
            text,
            lines: &findings.lines,
            encoding: self.encoding,
            cwd: &cwd,
        };
        let ask = Ask {
            start,
            end,
            only: p.context.only.as_deref(),
        };
        actions(&findings.diagnostics, &converter, &ask)
    }

    fn hover(&self, uri: &Uri, p: &HoverParams) -> Option<Hover> {
        let (_, findings) = self.current(uri)?;
        let text: &str = &findings.source.text;
        let at = findings.lines.offset(
            text,
            p.text_document_position_params.position,
            self.encoding,
        );
        let under: Vec<_> = findings
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= at && (at < d.span.end || at == d.span.start))
            .collect();
        let value = crate::server::hover::hover_text(&under)?;
        let first = under.first()?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(Range::new(
                findings
                    .lines
                    .position(text, first.span.start, self.encoding),
                findings.lines.position(text, first.span.end, self.encoding),
            )),
        })
    }
}

/// Waits for `initialize`: other requests are refused as the protocol says, notifications
/// other than `exit` are dropped, and malformed input is answered.
fn wait_for_initialize(
    incoming: &Receiver<Incoming>,
    out: &Sender<Message>,
) -> Option<(RequestId, serde_json::Value)> {
    loop {
        let message = match incoming.recv().ok()? {
            Incoming::Message(m) => m,
            Incoming::Malformed { id, code, why } => {
                out.send(malformed_reply(id, code, why)).ok()?;
                continue;
            }
        };
        match message {
            Message::Request(r) if r.method == "initialize" => {
                if r.params.is_object() {
                    return Some((r.id, r.params));
                }
                let reply = Response::new_err(
                    r.id,
                    ErrorCode::InvalidParams as i32,
                    "initialize needs an object of params".into(),
                );
                out.send(reply.into()).ok()?;
            }
            Message::Request(r) => {
                let reply = Response::new_err(
                    r.id,
                    ErrorCode::ServerNotInitialized as i32,
                    format!("`{}` before `initialize`", r.method),
                );
                out.send(reply.into()).ok()?;
            }
            Message::Notification(n) if n.method == "exit" => return None,
            _ => {}
        }
    }
}

/// The workspace folders (or the root) the client opened, longest first. Older clients send
/// only `rootUri` or `rootPath`.
fn roots(init: &serde_json::Value) -> Vec<PathBuf> {
    let as_path = |v: &serde_json::Value| {
        v.as_str()
            .and_then(|s| s.parse::<Uri>().ok())
            .and_then(|u| crate::server::uri::to_path(&u))
    };
    let mut roots: Vec<PathBuf> = init["workspaceFolders"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| as_path(&f["uri"]))
        .collect();
    if roots.is_empty() {
        roots.extend(as_path(&init["rootUri"]));
    }
    if roots.is_empty() {
        roots.extend(init["rootPath"].as_str().map(PathBuf::from));
    }
    roots.sort_by_key(|r| std::cmp::Reverse(r.as_os_str().len()));
    roots
}

/// Whether a URI names a carelint configuration file.
fn is_config(uri: &Uri) -> bool {
    crate::server::uri::to_path(uri)
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .is_some_and(|name| crate::workspace::config::CONFIG_NAMES.contains(&name.as_str()))
}
