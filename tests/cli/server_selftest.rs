//! The test server checked on its own, with reqwest, so a failing end-to-end test
//! points at the binary and not at the fixture.

use crate::server::{Robots, TestServer};
use std::io::Read;

fn get(url: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .no_gzip()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let response = client.get(url).send().await.expect("response");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("body").to_vec();
        (status, headers, body)
    })
}

#[test]
fn the_gzip_bomb_is_valid_gzip_of_one_gib() {
    let server = TestServer::start();
    let (status, headers, body) = get(&server.url("/gzip-bomb"));
    assert_eq!(status, 200);
    assert_eq!(headers["content-encoding"], "gzip");
    assert!(body.len() < 4_000_000, "{} compressed bytes", body.len());
    let mut decoder = flate2::read::GzDecoder::new(&body[..]);
    let mut buffer = vec![0u8; 1 << 20];
    let mut total = 0usize;
    loop {
        let n = decoder.read(&mut buffer).expect("valid gzip, CRC included");
        if n == 0 {
            break;
        }
        total += n;
    }
    assert!(total > 1 << 30, "{total} bytes inflated");
}

#[test]
fn routes_answer_as_the_tests_expect() {
    let server = TestServer::with_robots(Robots::Text("User-agent: *\nDisallow: /x/\n".into()));
    let (status, _, body) = get(&server.url("/robots.txt"));
    assert_eq!(
        (status, body.as_slice()),
        (200, &b"User-agent: *\nDisallow: /x/\n"[..])
    );

    let (status, headers, _) = get(&server.url("/redirect/2"));
    assert_eq!(status, 307);
    assert_eq!(headers["location"], "/redirect/1");

    let (status, headers, _) = get(&server.url("/retry-after"));
    assert_eq!(
        (status, &headers["retry-after"]),
        (429, &"1".parse().expect("value"))
    );
    assert_eq!(get(&server.url("/retry-after")).0, 200);

    assert_eq!(get(&server.url("/flaky")).0, 503);
    assert_eq!(get(&server.url("/flaky")).0, 503);
    assert_eq!(get(&server.url("/flaky")).0, 200);
    assert_eq!(server.hits("/flaky"), 3);

    let (status, headers, _) = get(&server.url("/ctype/none-html"));
    assert_eq!(status, 200);
    assert!(headers.get("content-type").is_none());

    let (_, headers, body) = get(&server.url("/charset/cp1251-header"));
    assert_eq!(headers["content-type"], "text/html; charset=windows-1251");
    assert!(
        !body.is_empty() && std::str::from_utf8(&body).is_err(),
        "not UTF-8"
    );

    let (_, headers, _) = get(&server.url("/xrobots/two-headers"));
    assert_eq!(headers.get_all("x-robots-tag").iter().count(), 2);

    let (status, headers, _) = get(&server.url("/challenge"));
    assert_eq!(
        (status, &headers["cf-mitigated"]),
        (403, &"challenge".parse().expect("value"))
    );

    assert!(get(&server.url("/big")).2.len() > 20_000_000);
    let late = get(&server.url("/big-late")).2;
    let at = late
        .windows(20)
        .position(|w| w == b"https://example.com/")
        .expect("link");
    assert!(at > 6_000_000, "{at}");
    assert_eq!(get(&server.url("/site/link.html")).0, 200);
    assert_eq!(get(&server.url("/site/nothing.html")).0, 404);
}
