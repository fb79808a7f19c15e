//! A real HTTP server on 127.0.0.1 with a random port, started inside the test
//! process on its own tokio runtime and shut down when dropped. It serves the
//! fixture pages and every awkward case the fetcher must survive, and logs each
//! request so tests can assert what the binary sent.

mod bodies;
mod routes;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;
use tokio::runtime::Runtime;

/// What `/robots.txt` answers.
#[derive(Debug, Clone)]
pub enum Robots {
    /// 200 with this text.
    Text(String),
    /// An empty answer with this status (404: allow all; 500: disallow all).
    Status(u16),
    /// A 301 to `/moved/robots.txt`, which has this text.
    Moved(String),
    /// A 301 to `/moved/robots.txt` on this host (an address, such as
    /// `0.0.0.0`, or a name) and the server's port; `/moved/robots.txt` has the text.
    MovedToHost(&'static str, String),
    /// No answer for a minute: longer than any time-out the tests use.
    Stall,
}

/// A page registered by one test, served at its path.
#[derive(Debug, Clone)]
pub struct Page {
    pub status: u16,
    pub content_type: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Page {
    pub fn html(body: impl Into<Vec<u8>>) -> Page {
        Page {
            status: 200,
            content_type: Some("text/html; charset=utf-8".to_string()),
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// The same page answered with another status (a 503 during an outage).
    pub fn with_status(self, status: u16) -> Page {
        Page { status, ..self }
    }
}

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct LoggedRequest {
    pub path: String,
    pub user_agent: Option<String>,
    pub accept_encoding: Option<String>,
    pub arrived: Instant,
}

/// Requests of one slow route in flight, and the most seen at once.
#[derive(Debug, Default)]
pub struct InFlight {
    pub now: usize,
    pub max: usize,
}

/// State the routes share with the test.
pub struct Shared {
    robots: Robots,
    /// Behind a lock so a test can change a page between two runs.
    pages: Mutex<HashMap<String, Page>>,
    log: Mutex<Vec<LoggedRequest>>,
    in_flight: Mutex<InFlight>,
    slow_bodies_closed: AtomicUsize,
}

impl Shared {
    /// Requests so far for `path`, the current one included (it is logged first).
    fn hits(&self, path: &str) -> usize {
        lock(&self.log).iter().filter(|r| r.path == path).count()
    }
}

/// A poisoned lock only means another test thread panicked; the data are fine.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    runtime: Option<Runtime>,
}

impl TestServer {
    /// A server whose robots.txt is a 404 (everything allowed).
    pub fn start() -> TestServer {
        TestServer::with(Robots::Status(404), Vec::new())
    }

    pub fn with_robots(robots: Robots) -> TestServer {
        TestServer::with(robots, Vec::new())
    }

    pub fn with_pages(pages: Vec<(&str, Page)>) -> TestServer {
        TestServer::with(Robots::Status(404), pages)
    }

    pub fn with(robots: Robots, pages: Vec<(&str, Page)>) -> TestServer {
        let shared = Arc::new(Shared {
            robots,
            pages: Mutex::new(
                pages
                    .into_iter()
                    .map(|(path, page)| (path.to_string(), page))
                    .collect(),
            ),
            log: Mutex::new(Vec::new()),
            in_flight: Mutex::new(InFlight::default()),
            slow_bodies_closed: AtomicUsize::new(0),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let app = routes::router(shared.clone());
        runtime.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        TestServer {
            addr,
            shared,
            runtime: Some(runtime),
        }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `127.0.0.1:PORT`.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.log).clone()
    }

    /// Serves `page` at `path` from now on, in place of what was there.
    pub fn set_page(&self, path: &str, page: Page) {
        lock(&self.shared.pages).insert(path.to_string(), page);
    }

    /// How many requests arrived for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.shared.hits(path)
    }

    /// How many `/slow-body` responses ended because the client went away.
    pub fn slow_bodies_closed(&self) -> usize {
        self.shared.slow_bodies_closed.load(Ordering::SeqCst)
    }

    /// The most `/inflight/...` requests that were in flight at once.
    pub fn max_in_flight(&self) -> usize {
        lock(&self.shared.in_flight).max
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Stalled bodies (slow-body) would keep a graceful shutdown waiting.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// A port on 127.0.0.1 where nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("local address").port()
}
