use super::*;
use crate::archive::warc::{Item, Reader};
use crate::archive::RecordKind;

/// Every WAT record of a fixture, parsed.
fn wat_file(name: &str) -> Vec<Result<Option<WatPage>, String>> {
    let path = format!("{}/fixtures/archives/{name}", env!("CARGO_MANIFEST_DIR"));
    let input = std::fs::read(&path).unwrap();
    let mut reader = Reader::new(&input[..], 1 << 20);
    let mut parsed = Vec::new();
    while let Some(item) = reader.next_item(|h| h.kind == RecordKind::Metadata) {
        match item {
            Item::Record(record) => parsed.push(parse_wat(&record.block)),
            Item::Passed(head) => assert_eq!(head.kind, RecordKind::Warcinfo),
            Item::Damage(damage) => panic!("{damage:?}"),
        }
    }
    parsed
}

#[test]
fn common_crawl_2014_wat_two_pages_among_eight_records() {
    let parsed = wat_file("cc-2014-sample.warc.wat");
    assert_eq!(
        parsed.len(),
        8,
        "warcinfo, then request, response, metadata twice, and a request"
    );
    let pages: Vec<WatPage> = parsed.into_iter().filter_map(|p| p.unwrap()).collect();
    assert_eq!(pages.len(), 2);
    assert!(pages[0].url.starts_with("http://0.r.msn.com/?ld="));
    assert_eq!(pages[0].links, []);
    let page = &pages[1];
    assert_eq!(page.url, "http://0pointer.de/photos/?gallery=Australia&photo=496");
    assert_eq!(page.date.as_deref(), Some("2014-08-21T05:52:58Z"));
    assert_eq!(page.status, Some(200));
    assert_eq!(page.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(
        (
            page.base.as_deref(),
            page.meta_robots.len(),
            page.x_robots_tag.len()
        ),
        (None, 0, 0)
    );
    // 26 anchors, 4 images and a form: 31 links.
    assert_eq!(page.links.len(), 31);
    assert_eq!(page.anchors().count(), 26);
    let gallery = page.anchors().nth(3).unwrap();
    assert_eq!(
        gallery,
        &WatLink {
            path: "A@/href".into(),
            url: "http://0pointer.de/photos/".into(),
            text: Some("Photo Gallery".into()),
            rel: None,
        }
    );
    assert_eq!(
        page.anchors().nth(4).unwrap().url,
        "/photos/",
        "URLs stay as written"
    );
}

#[test]
fn common_crawl_2024_wat_describes_a_request_only() {
    let parsed = wat_file("cc-2024-whirlwind.warc.wat.gz");
    assert_eq!(parsed, [Ok(None)]);
}

/// The 2024 layout (a repeated header as a list) with what the samples lack:
/// rel, base, robots metas, X-Robots-Tag, AREA links.
const PAGE_2025: &str = r#"{"Container":{"Offset":"123"},"Envelope":{
  "WARC-Header-Metadata":{"WARC-Type":"response","WARC-Date":"2025-01-20T10:00:00Z","WARC-Target-URI":"https://blog.example/post"},
  "Payload-Metadata":{"HTTP-Response-Metadata":{
    "Response-Message":{"Status":"200","Version":"HTTP/1.1","Reason":"OK"},
    "Headers":{"content-type":"text/html","X-Robots-Tag":["noarchive","nofollow"],"Set-Cookie":["a=1","b=2"]},
    "HTML-Metadata":{
      "Head":{"Title":"Post","Base":"https://cdn.example/","Metas":[{"name":"ROBOTS","content":"noindex"},{"name":"googlebot","content":"nofollow"},{"property":"og:title","content":"Post"},{"name":"viewport","content":"width=device-width"}],
        "Link":[{"path":"LINK@/href","url":"/style.css","rel":"stylesheet"}]},
      "Links":[
        {"path":"A@/href","url":"https://target.example/","text":"our partner","rel":"nofollow sponsored"},
        {"path":"AREA@/href","url":"/map"},
        {"path":"IMG@/src","url":"/i.png"},
        {"path":"A@/href","url":"relative/page","text":"more"}]}}}}}"#;

#[test]
fn the_2024_layout_with_lists_rel_base_and_robots() {
    let page = parse_wat(PAGE_2025.as_bytes()).unwrap().unwrap();
    assert_eq!(page.url, "https://blog.example/post");
    assert_eq!(page.status, Some(200));
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html"),
        "header names in any case"
    );
    assert_eq!(page.base.as_deref(), Some("https://cdn.example/"));
    assert_eq!(page.meta_robots, ["noindex", "nofollow"]);
    assert_eq!(page.x_robots_tag, ["noarchive", "nofollow"]);
    let anchors: Vec<(&str, Option<&str>)> = page
        .anchors()
        .map(|l| (l.url.as_str(), l.rel.as_deref()))
        .collect();
    assert_eq!(
        anchors,
        [
            ("https://target.example/", Some("nofollow sponsored")),
            ("/map", None),
            ("relative/page", None)
        ]
    );
}

#[test]
fn before_december_2024_a_header_is_a_string() {
    let old = PAGE_2025.replace(r#"["noarchive","nofollow"]"#, r#""noarchive, nofollow""#);
    let page = parse_wat(old.as_bytes()).unwrap().unwrap();
    assert_eq!(page.x_robots_tag, ["noarchive, nofollow"]);
}

#[test]
fn missing_keys_are_tolerated_and_broken_json_is_an_error() {
    let bare = r#"{"Envelope":{"WARC-Header-Metadata":{"WARC-Type":"response","WARC-Target-URI":"<http://a.example/>"},"Payload-Metadata":{"HTTP-Response-Metadata":{}}}}"#;
    let page = parse_wat(bare.as_bytes()).unwrap().unwrap();
    assert_eq!(
        (page.url.as_str(), page.status, page.links.len()),
        ("http://a.example/", None, 0)
    );
    let no_http =
        r#"{"Envelope":{"WARC-Header-Metadata":{"WARC-Type":"response","WARC-Target-URI":"dns:a.example"}}}"#;
    assert_eq!(parse_wat(no_http.as_bytes()), Ok(None));
    let no_uri = r#"{"Envelope":{"WARC-Header-Metadata":{"WARC-Type":"response"},"Payload-Metadata":{"HTTP-Response-Metadata":{}}}}"#;
    assert!(parse_wat(no_uri.as_bytes())
        .unwrap_err()
        .contains("WARC-Target-URI"));
    let err = parse_wat(&PAGE_2025.as_bytes()[..200]).unwrap_err();
    assert!(err.starts_with("WAT JSON does not parse"), "{err}");
    assert!(parse_wat(b"{}").is_err(), "no Envelope");
}
