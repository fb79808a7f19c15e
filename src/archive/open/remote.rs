//! A remote archive read over HTTP(S), resumed where it broke off.
//!
//! The reader owns a current-thread tokio runtime and drives reqwest's async
//! client from `fill_buf`, rather than using reqwest's `blocking` feature:
//! that one runs a background thread per client, while this adds no thread
//! and no crate feature, and bounds each wait (headers, next chunk) with
//! `tokio::time::timeout` exactly where the resume logic needs it. Chunks are
//! lent to the caller as they arrive (`Bytes`), with no second buffer.
//!
//! When the connection drops, a read fails, or no byte comes for `timeout`,
//! the reader asks again with `Range: bytes=N-` (N: bytes delivered so far)
//! and expects a 206 whose `Content-Range` starts at N. A server that ignores
//! Range answers 200: the reader then drops the first N bytes of the new body,
//! so the file is downloaded again up to where it broke. An answer whose
//! length, `ETag` or `Last-Modified` differs from the first is a changed file:
//! the read fails rather than splice two files.

use super::identity::{ContentRange, Identity};
use super::RemoteOptions;
use crate::fetch::retry;
use bytes::{Buf, Bytes};
use reqwest::header::RANGE;
use std::io::{self, BufRead, Read};
use std::time::Duration;
use tokio::runtime::Runtime;
use url::Url;

/// Statuses worth another try: the fetcher's (rate limiting, gateways), and
/// 500, which S3 asks its clients to retry.
fn is_retryable_status(status: u16) -> bool {
    status == 500 || retry::is_retryable_status(status)
}

/// Why an attempt failed.
enum Problem {
    /// Worth another attempt: a time-out, a lost connection, a 503 (with
    /// the server's `Retry-After`, if it gave one).
    Transient {
        kind: io::ErrorKind,
        reason: String,
        retry_after: Option<Duration>,
    },
    /// No attempt will help: a 404, a changed file.
    Final(io::Error),
}

pub(super) struct RemoteReader {
    url: Url,
    options: RemoteOptions,
    client: reqwest::Client,
    /// The first answer's account of the file; later answers must agree.
    identity: Option<Identity>,
    /// The body being read; `None` between a failure and the next answer.
    body: Option<reqwest::Response>,
    chunk: Bytes,
    /// Bytes of the file received so far (lent or to lend): where a resumed
    /// request starts.
    delivered: u64,
    /// Bytes still to drop from the current body: a server that ignored
    /// Range sends the file from its start again.
    skip: u64,
    /// Failed attempts in a row.
    failures: u32,
    finished: bool,
    // Last, so the body and the client's connections drop before it.
    runtime: Runtime,
}

impl RemoteReader {
    /// Connects and checks the first answer (retried like a dropped connection).
    pub fn open(url: Url, options: &RemoteOptions) -> io::Result<RemoteReader> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        // Without the gzip/brotli/deflate layers reqwest sends no
        // Accept-Encoding and hands over the bytes as stored.
        let client = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .connect_timeout(options.timeout)
            .no_gzip()
            .no_brotli()
            .no_deflate()
            .use_rustls_tls()
            .build()
            .map_err(|error| io::Error::other(format!("cannot set up an HTTP client: {error}")))?;
        let mut reader = RemoteReader {
            url,
            options: options.clone(),
            client,
            identity: None,
            body: None,
            chunk: Bytes::new(),
            delivered: 0,
            skip: 0,
            failures: 0,
            finished: false,
            runtime,
        };
        reader.connect()?;
        Ok(reader)
    }

    /// The file's length, when the first answer gave it.
    pub fn length(&self) -> Option<u64> {
        self.identity.as_ref().and_then(|identity| identity.length)
    }

    /// Requests the file from `delivered` on until an answer fits, waiting
    /// between attempts, or fails for good.
    fn connect(&mut self) -> io::Result<()> {
        loop {
            match self.request() {
                Ok(()) => return Ok(()),
                Err(Problem::Final(error)) => return Err(error),
                Err(Problem::Transient {
                    kind,
                    reason,
                    retry_after,
                }) => self.wait_or_give_up(kind, &reason, retry_after)?,
            }
        }
    }

    /// One attempt: the request, its status, and whether the answer is the
    /// same file from the right byte.
    fn request(&mut self) -> Result<(), Problem> {
        let mut request = self.client.get(self.url.clone());
        if self.delivered > 0 {
            request = request.header(RANGE, format!("bytes={}-", self.delivered));
        }
        let response = match self
            .runtime
            .block_on(within(self.options.timeout, request.send()))
        {
            Err(_) => return Err(Problem::transient(self.no_progress_within("no answer"))),
            Ok(Err(error)) => return Err(Problem::transient(describe(&error))),
            Ok(Ok(response)) => response,
        };
        let status = response.status().as_u16();
        let (identity, skip) = match status {
            200 => (Identity::of_whole(response.headers()), self.delivered),
            206 if self.delivered > 0 => {
                let range = ContentRange::of(response.headers()).map_err(|found| self.bad_range(&found))?;
                if range.first != self.delivered {
                    return Err(
                        self.bad_range(&format!("`Content-Range: bytes {}-{}`", range.first, range.last))
                    );
                }
                (Identity::of_part(response.headers(), range.total), 0)
            }
            404 => {
                return Err(Problem::Final(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!(
                        "no such archive: {} answered 404 Not Found (check the path and the crawl name)",
                        self.url
                    ),
                )))
            }
            status if is_retryable_status(status) => {
                return Err(Problem::Transient {
                    kind: io::ErrorKind::Other,
                    reason: format!("answered {}", response.status()),
                    retry_after: retry::retry_after(response.headers()),
                })
            }
            _ => {
                return Err(Problem::Final(io::Error::other(format!(
                    "{} answered {}, not the archive",
                    self.url,
                    response.status()
                ))))
            }
        };
        match &self.identity {
            None => self.identity = Some(identity),
            Some(first) => {
                if let Some(change) = first.change(&identity) {
                    return Err(Problem::Final(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!(
                            "{} changed while it was read ({change}), {}: its records would be spliced from two files; read it again",
                            self.url,
                            self.progress()
                        ),
                    )));
                }
            }
        }
        self.skip = skip;
        self.body = Some(response);
        Ok(())
    }

    /// Counts a failed attempt, then sleeps before the next one (`backoff`
    /// doubled, or the server's `Retry-After`, never over `timeout`), or
    /// returns the error that ends the reading.
    fn wait_or_give_up(
        &mut self,
        kind: io::ErrorKind,
        reason: &str,
        retry_after: Option<Duration>,
    ) -> io::Result<()> {
        if self.failures >= self.options.retries {
            let attempts = self.failures + 1;
            return Err(io::Error::new(
                kind,
                format!(
                    "cannot read {}: {reason} ({attempts} attempt{} in a row; {})",
                    self.url,
                    crate::words::s(attempts as usize),
                    self.progress()
                ),
            ));
        }
        let options = &self.options;
        std::thread::sleep(retry::wait_before_retry(
            self.failures,
            options.backoff,
            options.timeout,
            retry_after,
        ));
        self.failures += 1;
        Ok(())
    }

    /// How far the reading got, for messages.
    fn progress(&self) -> String {
        match (self.delivered, self.length()) {
            (0, _) => "nothing read".to_string(),
            (delivered, Some(length)) => format!("stopped at byte {delivered} of {length}"),
            (delivered, None) => format!("stopped at byte {delivered}"),
        }
    }

    fn no_progress_within(&self, what: &str) -> (io::ErrorKind, String) {
        (
            io::ErrorKind::TimedOut,
            format!("{what} within {} s", self.options.timeout.as_secs_f64()),
        )
    }

    fn bad_range(&self, found: &str) -> Problem {
        Problem::Final(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} answered the request for its bytes from {} on with {found}, not that part of the file",
                self.url, self.delivered
            ),
        ))
    }

    /// The next chunk of the body into `self.chunk`, reconnecting after a
    /// failure; sets `finished` at the end of the file.
    fn next_chunk(&mut self) -> io::Result<()> {
        let Some(body) = self.body.as_mut() else {
            return self.connect();
        };
        let (kind, reason) = match self.runtime.block_on(within(self.options.timeout, body.chunk())) {
            Ok(Ok(Some(bytes))) => {
                self.accept(bytes);
                return Ok(());
            }
            Ok(Ok(None)) => match self.length() {
                Some(length) if self.delivered < length => (
                    io::ErrorKind::UnexpectedEof,
                    "the connection closed before the end of the file".to_string(),
                ),
                _ => {
                    self.finished = true;
                    self.body = None;
                    return Ok(());
                }
            },
            Ok(Err(error)) => describe(&error),
            Err(_) => self.no_progress_within("no byte"),
        };
        self.body = None;
        self.wait_or_give_up(kind, &reason, None)
    }

    /// Takes a received chunk, minus what a server without Range support
    /// sent again.
    fn accept(&mut self, mut bytes: Bytes) {
        let dropped = self.skip.min(bytes.len() as u64);
        self.skip -= dropped;
        bytes = bytes.slice(dropped as usize..);
        if !bytes.is_empty() {
            self.delivered += bytes.len() as u64;
            // New bytes: the connection works again.
            self.failures = 0;
        }
        self.chunk = bytes;
    }
}

impl Problem {
    fn transient((kind, reason): (io::ErrorKind, String)) -> Problem {
        Problem::Transient {
            kind,
            reason,
            retry_after: None,
        }
    }
}

/// `future`, given up after `limit`. The timer is made inside the runtime
/// (`tokio::time::timeout` needs one when it is called), not before `block_on`.
async fn within<F: std::future::Future>(
    limit: std::time::Duration,
    future: F,
) -> Result<F::Output, tokio::time::error::Elapsed> {
    tokio::time::timeout(limit, future).await
}

/// A request error as one phrase with its causes (the URL is said elsewhere).
fn describe(error: &reqwest::Error) -> (io::ErrorKind, String) {
    let mut reason = String::new();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if !reason.is_empty() {
            reason.push_str(": ");
        }
        reason.push_str(&cause.to_string());
        source = cause.source();
    }
    let kind = if error.is_timeout() {
        io::ErrorKind::TimedOut
    } else if error.is_connect() {
        io::ErrorKind::ConnectionRefused
    } else {
        io::ErrorKind::ConnectionAborted
    };
    if reason.is_empty() {
        reason = error.to_string();
    }
    let during = if error.is_connect() {
        "could not connect"
    } else if error.is_body() {
        "the connection broke off mid-body"
    } else {
        "the request failed"
    };
    (kind, format!("{during} ({reason})"))
}

impl BufRead for RemoteReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.chunk.is_empty() && !self.finished {
            self.next_chunk()?;
        }
        Ok(&self.chunk)
    }

    fn consume(&mut self, amount: usize) {
        self.chunk.advance(amount.min(self.chunk.len()));
    }
}

impl Read for RemoteReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let amount = available.len().min(out.len());
        out[..amount].copy_from_slice(&available[..amount]);
        self.consume(amount);
        Ok(amount)
    }
}

impl std::fmt::Debug for RemoteReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteReader")
            .field("url", &self.url.as_str())
            .field("delivered", &self.delivered)
            .finish_non_exhaustive()
    }
}
