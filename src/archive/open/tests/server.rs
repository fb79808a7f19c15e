//! An archive served over loopback HTTP by axum, answering each request as a
//! plan says: whole, broken off, stalled, without Range support, changed.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the server answers one request. Those that "honour Range" answer a
/// `Range: bytes=N-` with a 206 from byte N.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// Honours Range; the whole body.
    Whole,
    /// Honours Range; the connection breaks after `n` bytes of the body.
    BreakAfter(usize),
    /// Honours Range; silence after `n` bytes of the body.
    StallAfter(usize),
    /// 200 and the whole file whatever the Range; breaks after `n` bytes
    /// when given.
    NoRange(Option<usize>),
    /// Honours Range, but the file has changed: other bytes, another ETag.
    Changed,
    /// A 206 that starts at byte 0 whatever was asked.
    WrongRange,
    Status(u16),
    /// 503 with `Retry-After: SECONDS`.
    Busy(u32),
}

/// What the server saw of one request.
#[derive(Debug, Clone)]
pub struct Seen {
    pub range: Option<String>,
    pub accept_encoding: Option<String>,
    pub user_agent: Option<String>,
}

struct Shared {
    file: Vec<u8>,
    changed: Vec<u8>,
    plan: Vec<Answer>,
    seen: Mutex<Vec<Seen>>,
}

pub struct ArchiveServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl ArchiveServer {
    /// Serves `file` at `/archive.warc.gz`, answering request i with
    /// `plan[i]` (the last answer repeats).
    pub fn start(file: Vec<u8>, plan: Vec<Answer>) -> ArchiveServer {
        assert!(!plan.is_empty());
        let mut changed = file.clone();
        changed.iter_mut().for_each(|byte| *byte = byte.wrapping_add(1));
        changed.extend_from_slice(b"appended");
        let shared = Arc::new(Shared {
            file,
            changed,
            plan,
            seen: Mutex::new(Vec::new()),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("test runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let app = axum::Router::new()
            .route("/archive.warc.gz", axum::routing::get(archive))
            .with_state(shared.clone());
        runtime.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        ArchiveServer {
            addr,
            shared,
            runtime: Some(runtime),
        }
    }

    pub fn url(&self) -> url::Url {
        url::Url::parse(&format!("http://{}/archive.warc.gz", self.addr)).unwrap()
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().unwrap().clone()
    }
}

impl Drop for ArchiveServer {
    fn drop(&mut self) {
        // A stalled body would keep a graceful shutdown waiting.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

async fn archive(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let text = |name| {
        headers
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
            .map(str::to_string)
    };
    let range = text(header::RANGE);
    let answer = {
        let mut seen = shared.seen.lock().unwrap();
        seen.push(Seen {
            range: range.clone(),
            accept_encoding: text(header::ACCEPT_ENCODING),
            user_agent: text(header::USER_AGENT),
        });
        shared.plan[(seen.len() - 1).min(shared.plan.len() - 1)]
    };
    let asked_from = range
        .as_deref()
        .and_then(|range| range.strip_prefix("bytes="))
        .and_then(|range| range.strip_suffix('-'))
        .map(|start| start.parse::<usize>().expect("the reader asks for bytes=N-"));
    let (file, etag) = match answer {
        Answer::Changed => (&shared.changed, "\"v2\""),
        _ => (&shared.file, "\"v1\""),
    };
    let (start, cut, stall) = match answer {
        Answer::Status(code) => return StatusCode::from_u16(code).unwrap().into_response(),
        Answer::Busy(seconds) => {
            let retry_after = [(header::RETRY_AFTER, seconds.to_string())];
            return (StatusCode::SERVICE_UNAVAILABLE, retry_after).into_response();
        }
        Answer::Whole | Answer::Changed => (asked_from, None, false),
        Answer::BreakAfter(n) => (asked_from, Some(n), false),
        Answer::StallAfter(n) => (asked_from, Some(n), true),
        Answer::NoRange(cut) => (None, cut, false),
        Answer::WrongRange => (Some(0), None, false),
    };
    let first = start.unwrap_or(0);
    let mut response = Response::new(body(file[first..].to_vec(), cut, stall));
    let out = response.headers_mut();
    let value = |text: String| HeaderValue::from_str(&text).unwrap();
    out.insert(header::CONTENT_LENGTH, value((file.len() - first).to_string()));
    out.insert(header::ETAG, HeaderValue::from_static(etag));
    out.insert(
        header::LAST_MODIFIED,
        HeaderValue::from_static("Tue, 20 Feb 2024 21:10:55 GMT"),
    );
    if start.is_some() {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        let range = format!("bytes {first}-{}/{}", file.len() - 1, file.len());
        response.headers_mut().insert(header::CONTENT_RANGE, value(range));
    }
    response
}

/// `data` in 16 KiB chunks; with `cut`, only its first `cut` bytes, then a
/// broken connection (or silence, with `stall`).
fn body(data: Vec<u8>, cut: Option<usize>, stall: bool) -> Body {
    let sent = cut.map_or(data.len(), |cut| cut.min(data.len()));
    let chunks: Vec<Result<Bytes, io::Error>> = data[..sent]
        .chunks(16 * 1024)
        .map(|chunk| Ok(Bytes::copy_from_slice(chunk)))
        .collect();
    let head = stream::iter(chunks);
    match (cut, stall) {
        (None, _) => Body::from_stream(head),
        (Some(_), true) => Body::from_stream(head.chain(stream::pending())),
        (Some(_), false) => Body::from_stream(head.chain(stream::once(async {
            // Let the bytes sent reach the client before the connection breaks.
            tokio::time::sleep(Duration::from_millis(50)).await;
            Err(io::Error::other("connection broken by the test"))
        }))),
    }
}
