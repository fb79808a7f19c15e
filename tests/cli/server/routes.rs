//! The test server's routes: fixture pages and one route per awkward case.

use super::bodies::{self, link_page};
use super::{lock, LoggedRequest, Robots, Shared};
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

type AppState = State<Arc<Shared>>;

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/moved/robots.txt", get(moved_robots))
        .route("/site/{name}", get(site_page))
        .route("/page/{id}", get(page_with_link))
        .route("/private/{id}", get(page_with_link))
        .route("/nolink/{id}", get(page_without_link))
        .route("/many/{id}", get(page_with_many_links))
        .route("/status/{code}", get(status))
        .route("/challenge", get(challenge))
        .route("/redirect/{n}", get(redirect_chain))
        .route("/loop/{side}", get(redirect_loop))
        .route("/retry-after", get(retry_after))
        .route("/retry-after-long", get(retry_after_long))
        .route("/retry-after-date", get(retry_after_date))
        .route("/flaky", get(flaky))
        .route("/slow-body", get(slow_body))
        .route("/drip", get(drip))
        .route("/delay/{ms}", get(delayed))
        .route("/inflight/{id}", get(in_flight))
        .route("/gzip-bomb", get(gzip_bomb))
        .route("/gzip-page", get(gzip_page))
        .route("/big", get(|| async { html(bodies::big_link_first()) }))
        .route("/big-late", get(|| async { html(bodies::big_link_late()) }))
        .route("/padded/{bytes}", get(padded))
        .route("/ctype/{kind}", get(content_type_case))
        .route("/charset/{kind}", get(charset_case))
        .route("/xrobots/{kind}", get(x_robots_case))
        .fallback(registered_page)
        .layer(middleware::from_fn_with_state(shared.clone(), log_request))
        .with_state(shared)
}

async fn log_request(State(shared): AppState, request: Request, next: Next) -> Response {
    let entry = logged(&request);
    lock(&shared.log).push(entry);
    next.run(request).await
}

/// Kept out of `log_request`: a borrow of the (non-`Sync`) request held across
/// its `await` would make the middleware future not `Send`.
fn logged(request: &Request) -> LoggedRequest {
    let header_text = |name: header::HeaderName| {
        request
            .headers()
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    LoggedRequest {
        path: request.uri().path().to_string(),
        user_agent: header_text(header::USER_AGENT),
        accept_encoding: header_text(header::ACCEPT_ENCODING),
        arrived: Instant::now(),
    }
}

fn html(body: impl Into<Body>) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body.into()).into_response()
}

fn with_status(status: StatusCode, headers: &[(&'static str, &str)], body: String) -> Response {
    let mut response = html(body);
    *response.status_mut() = status;
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(value) {
            response.headers_mut().append(*name, value);
        }
    }
    response
}

async fn robots(State(shared): AppState, headers: HeaderMap) -> Response {
    match &shared.robots {
        Robots::Text(text) => ([(header::CONTENT_TYPE, "text/plain")], text.clone()).into_response(),
        Robots::Status(code) => StatusCode::from_u16(*code)
            .unwrap_or(StatusCode::NOT_FOUND)
            .into_response(),
        Robots::Moved(_) => with_status(
            StatusCode::MOVED_PERMANENTLY,
            &[("location", "/moved/robots.txt")],
            String::new(),
        ),
        Robots::MovedToHost(host, _) => {
            let asked = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            let port = asked
                .and_then(|h| h.rsplit_once(':'))
                .map_or("80", |(_, port)| port);
            let location = format!("http://{host}:{port}/moved/robots.txt");
            with_status(
                StatusCode::MOVED_PERMANENTLY,
                &[("location", &location)],
                String::new(),
            )
        }
        Robots::Stall => {
            tokio::time::sleep(Duration::from_secs(60)).await;
            StatusCode::NOT_FOUND.into_response()
        }
    }
}

async fn moved_robots(State(shared): AppState) -> Response {
    match &shared.robots {
        Robots::Moved(text) | Robots::MovedToHost(_, text) => {
            ([(header::CONTENT_TYPE, "text/plain")], text.clone()).into_response()
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn site_page(Path(name): Path<String>) -> Response {
    let safe = !name.contains('/') && !name.contains("..");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/site")
        .join(&name);
    match std::fs::read(path) {
        Ok(bytes) if safe => html(bytes),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn page_with_link(Path(id): Path<String>) -> Response {
    html(link_page(
        &format!("Page {id}"),
        &format!("https://example.com/{id}"),
        "Example",
    ))
}

async fn page_without_link(Path(id): Path<String>) -> Response {
    html(link_page(
        &format!("Page {id}"),
        "https://example.org/",
        "Another site",
    ))
}

/// Fifty links, so that many sources make a report far bigger than a pipe buffer.
async fn page_with_many_links(Path(id): Path<String>) -> Response {
    let links: String = (0..50)
        .map(|i| format!("<li><a href=\"https://example.com/{id}/{i}\">Example page {i}</a></li>"))
        .collect();
    html(format!(
        "<!DOCTYPE html><html><head><title>Many {id}</title></head><body><ul>{links}</ul></body></html>"
    ))
}

async fn status(Path(code): Path<u16>) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::IM_A_TEAPOT);
    // Error pages often carry links: they must not count as backlinks.
    let body = link_page("Error", "https://example.com/error", "Example");
    with_status(status, &[], body)
}

async fn challenge() -> Response {
    let body = "<!DOCTYPE html><html><head><title>Just a moment...</title></head>\
        <body><h1>Checking your browser before accessing the site.</h1>\
        <a href=\"https://example.com/\">Example</a></body></html>";
    with_status(
        StatusCode::FORBIDDEN,
        &[("cf-mitigated", "challenge")],
        body.to_string(),
    )
}

/// `/redirect/N` redirects to `/redirect/N-1` (301, 302, 307, 308 in turn);
/// `/redirect/0` is a page with a link.
async fn redirect_chain(Path(n): Path<u32>) -> Response {
    if n == 0 {
        return html(link_page("Landed", "https://example.com/landed", "Example"));
    }
    let code = match n % 4 {
        0 => StatusCode::MOVED_PERMANENTLY,
        1 => StatusCode::FOUND,
        2 => StatusCode::TEMPORARY_REDIRECT,
        _ => StatusCode::PERMANENT_REDIRECT,
    };
    let location = format!("/redirect/{}", n - 1);
    with_status(code, &[("location", &location)], String::new())
}

async fn redirect_loop(Path(side): Path<String>) -> Response {
    let other = if side == "a" { "/loop/b" } else { "/loop/a" };
    with_status(StatusCode::FOUND, &[("location", other)], String::new())
}

async fn retry_after(State(shared): AppState) -> Response {
    if shared.hits("/retry-after") == 1 {
        return with_status(
            StatusCode::TOO_MANY_REQUESTS,
            &[("retry-after", "1")],
            "slow down".into(),
        );
    }
    html(link_page("Retried", "https://example.com/retried", "Example"))
}

/// Asks for an hour's wait once: the client must not wait longer than its time-out.
async fn retry_after_long(State(shared): AppState) -> Response {
    if shared.hits("/retry-after-long") == 1 {
        return with_status(
            StatusCode::TOO_MANY_REQUESTS,
            &[("retry-after", "3600")],
            "slow down".into(),
        );
    }
    html(link_page("Retried", "https://example.com/retried", "Example"))
}

/// Retry-After as an HTTP date, a second or so ahead.
async fn retry_after_date(State(shared): AppState) -> Response {
    if shared.hits("/retry-after-date") == 1 {
        let when = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(1));
        return with_status(
            StatusCode::TOO_MANY_REQUESTS,
            &[("retry-after", &when)],
            "slow down".into(),
        );
    }
    html(link_page("Retried", "https://example.com/retried", "Example"))
}

async fn flaky(State(shared): AppState) -> Response {
    if shared.hits("/flaky") <= 2 {
        return with_status(StatusCode::SERVICE_UNAVAILABLE, &[], "busy".into());
    }
    html(link_page("Flaky", "https://example.com/flaky", "Example"))
}

/// Headers and the start of the page at once, then a stall longer than any
/// time-out the tests use. Counts the bodies that ended (client gave up).
async fn slow_body(State(shared): AppState) -> Response {
    let closed = ClosedOnDrop(shared);
    let stream = futures_util::stream::unfold((0u8, closed), |(step, closed)| async move {
        if step == 0 {
            let start = Bytes::from_static(
                b"<!DOCTYPE html><html><body><a href=\"https://example.com/slow\">Example</a>",
            );
            Some((Ok::<_, Infallible>(start), (1, closed)))
        } else {
            tokio::time::sleep(Duration::from_secs(60)).await;
            None
        }
    });
    html(Body::from_stream(stream))
}

/// A byte every 100 ms for 20 s, then the link: every read is quick, the whole
/// body is not. Only a time-out on the whole request stops it in time.
async fn drip() -> Response {
    let stream = futures_util::stream::unfold(0u32, |step| async move {
        let chunk: &'static [u8] = match step {
            0 => b"<!DOCTYPE html><html><body>",
            1..=200 => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                b" "
            }
            201 => b"<a href=\"https://example.com/drip\">Example</a></body></html>",
            _ => return None,
        };
        Some((Ok::<_, Infallible>(Bytes::from_static(chunk)), step + 1))
    });
    html(Body::from_stream(stream))
}

/// Dropped with the response stream, when the client closes the connection.
struct ClosedOnDrop(Arc<Shared>);

impl Drop for ClosedOnDrop {
    fn drop(&mut self) {
        self.0.slow_bodies_closed.fetch_add(1, Ordering::SeqCst);
    }
}

async fn delayed(Path(ms): Path<u64>) -> Response {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    html(link_page(
        &format!("Delayed {ms}"),
        &format!("https://example.com/delay/{ms}"),
        "Example",
    ))
}

/// Holds each request a while and records how many overlap.
async fn in_flight(State(shared): AppState, Path(id): Path<String>) -> Response {
    {
        let mut count = lock(&shared.in_flight);
        count.now += 1;
        count.max = count.max.max(count.now);
    }
    tokio::time::sleep(Duration::from_millis(150)).await;
    lock(&shared.in_flight).now -= 1;
    html(link_page(
        "In flight",
        &format!("https://example.com/{id}"),
        "Example",
    ))
}

async fn gzip_bomb() -> Response {
    gzip_response(Bytes::from_static(bodies::gzip_bomb()))
}

async fn gzip_page() -> Response {
    gzip_response(Bytes::from(bodies::gzip_page()))
}

fn gzip_response(body: Bytes) -> Response {
    let mut response = html(body);
    response
        .headers_mut()
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    response
}

async fn padded(Path(bytes): Path<usize>) -> Response {
    html(bodies::padded(bytes))
}

/// Responses whose content type is wrong, missing or unusual.
async fn content_type_case(Path(kind): Path<String>) -> Response {
    let page = link_page("Typed", "https://example.com/typed", "Example").into_bytes();
    let binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\x00\x00\x00\x01".to_vec();
    let (content_type, body): (Option<&str>, Vec<u8>) = match kind.as_str() {
        "text-plain" => (Some("text/plain; charset=utf-8"), page),
        "json" => (
            Some("application/json"),
            b"{\"href\":\"https://example.com/\"}".to_vec(),
        ),
        "pdf" => (
            Some("application/pdf"),
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec(),
        ),
        "octet-stream" => (Some("application/octet-stream"), binary),
        "xhtml" => (Some("application/xhtml+xml; charset=utf-8"), page),
        "upper-case" => (Some("TEXT/HTML; Charset=UTF-8"), page),
        "none-html" => (None, page),
        "none-binary" => (None, binary),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let mut response = Response::new(Body::from(body));
    if let Some(value) = content_type {
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(value));
    }
    response
}

async fn charset_case(Path(kind): Path<String>) -> Response {
    match bodies::charset_case(&kind) {
        Some((content_type, body)) => {
            let mut response = Response::new(Body::from(body));
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            response
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn x_robots_case(Path(kind): Path<String>) -> Response {
    let values: &[&str] = match kind.as_str() {
        "noindex" => &["noindex"],
        "nofollow" => &["nofollow"],
        "noindex-nofollow" => &["noindex, nofollow"],
        "none" => &["none"],
        "two-headers" => &["noarchive", "nofollow"],
        "googlebot-nofollow" => &["googlebot: nofollow"],
        "googlebot-capitalised" => &["Googlebot: noindex"],
        "bingbot-nofollow" => &["bingbot: nofollow"],
        "unavailable-after" => &["unavailable_after: 25 Jun 2010 15:00:00 PST"],
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let headers: Vec<(&'static str, &str)> = values.iter().map(|v| ("x-robots-tag", *v)).collect();
    let body = link_page("Tagged", "https://example.com/tagged", "Example");
    with_status(StatusCode::OK, &headers, body)
}

async fn registered_page(State(shared): AppState, request: Request) -> Response {
    let Some(page) = lock(&shared.pages).get(request.uri().path()).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Built by hand: axum would give a bare `Vec<u8>` an octet-stream type.
    let mut response = Response::new(Body::from(page.body.clone()));
    *response.status_mut() = StatusCode::from_u16(page.status).unwrap_or(StatusCode::OK);
    let headers: &mut HeaderMap = response.headers_mut();
    if let Some(content_type) = &page.content_type {
        if let Ok(value) = HeaderValue::from_str(content_type) {
            headers.insert(header::CONTENT_TYPE, value);
        }
    }
    for (name, value) in &page.headers {
        if let (Ok(name), Ok(value)) = (
            header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    response
}
