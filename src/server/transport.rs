//! Reading and writing LSP messages on stdio.
//!
//! lsp-server's own stdio transport ends its reader thread at the first message that is not
//! valid JSON-RPC, which would take the server down with it; this reader answers such a message
//! with a JSON-RPC error (or logs it, when there is no id to answer) and reads on.

use std::io::{self, BufRead, Read, Write};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, Notification, RequestId, Response};

/// What the reader hands the main loop.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Something that could not be read as a message, with what to tell the client.
    Malformed {
        id: Option<RequestId>,
        code: ErrorCode,
        why: String,
    },
}

/// The largest message body read (a 10 MB document JSON-escaped is well under it).
const MAX_BODY: usize = 256 << 20;

/// Reads one framed body: `None` at the end of input; `Some(Err)` for a frame that could not be
/// read (the reader skips it and goes on).
fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length: Option<usize> = None;
    let mut bad_header = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        if r.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between messages are skipped.
            continue;
        }
        saw_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("malformed header line `{text}`")),
        }
    }
    let Some(length) = length else {
        return Ok(Some(Err(
            bad_header.unwrap_or_else(|| "a message without Content-Length".into())
        )));
    };
    if length > MAX_BODY {
        // Read past it so the next message can be found.
        io::copy(&mut Read::take(&mut *r, length as u64), &mut io::sink())?;
        return Ok(Some(Err(format!(
            "a message of {length} bytes (more than {MAX_BODY})"
        ))));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body)?;
    Ok(Some(Ok(body)))
}

/// Parses one body into a message, or says why it is not one.
pub fn parse(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                why: format!("the message is not JSON: {e}"),
            };
        }
    };
    let id = value.get("id").and_then(|id| match id {
        serde_json::Value::Number(n) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(RequestId::from),
        serde_json::Value::String(s) => Some(RequestId::from(s.clone())),
        _ => None,
    });
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            why: format!("the message is not a JSON-RPC request, response or notification: {e}"),
        },
    }
}

/// Reads messages until the input ends or `exit` arrives.
pub fn read_loop(mut r: impl BufRead, to_main: Sender<Incoming>) {
    loop {
        let incoming = match read_frame(&mut r) {
            Ok(None) | Err(_) => return,
            Ok(Some(Err(why))) => Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                why,
            },
            Ok(Some(Ok(body))) => parse(&body),
        };
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if to_main.send(incoming).is_err() || exit {
            return;
        }
    }
}

/// Writes messages until the channel closes or the client stops reading.
pub fn write_loop(mut w: impl Write, from_main: Receiver<Message>) {
    for message in from_main {
        if message.write(&mut w).and_then(|()| w.flush()).is_err() {
            return;
        }
    }
}

/// The reply to something that was not a message: an error response when it had an id, else
/// a log line (JSON-RPC's null-id parse error would need a response lsp-server cannot spell).
pub fn malformed_reply(id: Option<RequestId>, code: ErrorCode, why: String) -> Message {
    match id {
        Some(id) => Response::new_err(id, code as i32, why).into(),
        None => Notification::new(
            "window/logMessage".into(),
            lsp_types::LogMessageParams {
                typ: lsp_types::MessageType::ERROR,
                message: format!("carelint: ignored input: {why}"),
            },
        )
        .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Incoming> {
        let (tx, rx) = crossbeam_channel::unbounded();
        read_loop(io::Cursor::new(input.as_bytes().to_vec()), tx);
        rx.into_iter().collect()
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_malformed_message_is_reported_and_reading_goes_on() {
        let input = [
            framed("{not json"),
            "X-Nothing\r\n\r\n".to_string(),
            framed(r#"{"jsonrpc":"2.0","id":4,"params":{}}"#),
            framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        ]
        .concat();
        let got = frames(&input);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(matches!(
            &got[0],
            Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(&got[1], Incoming::Malformed { id: None, .. }));
        assert!(
            matches!(&got[2], Incoming::Malformed { id: Some(id), code: ErrorCode::InvalidRequest, .. } if *id == RequestId::from(4))
        );
        assert!(
            matches!(&got[3], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
    }

    #[test]
    fn a_body_in_multibyte_text_is_read_by_its_byte_length() {
        let body = r#"{"jsonrpc":"2.0","method":"x","params":{"t":"é😀"}}"#;
        let got = frames(&framed(body));
        assert!(
            matches!(&got[0], Incoming::Message(Message::Notification(n)) if n.params["t"] == "é😀")
        );
    }
}
