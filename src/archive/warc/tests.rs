use super::*;
use crate::archive::RecordKind;
use flate2::write::GzEncoder;
use flate2::Compression;
use proptest::prelude::*;
use std::io::Write;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/archives/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn gzip(text: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(text).unwrap();
    encoder.finish().unwrap()
}

fn record(kind: &str, uri: &str, block: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-18T01:58:10Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

fn items(input: &[u8], max_block: usize) -> Vec<Item> {
    let mut reader = Reader::new(input, max_block);
    let mut items = Vec::new();
    while let Some(item) = reader.next_item(|_| true) {
        items.push(item);
        assert!(items.len() < 10_000, "the reader never ended");
    }
    items
}

/// Each item in short: `response@0`, `bad-record@55`…
fn summary(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|item| match item {
            Item::Record(r) => format!(
                "{}@{}",
                format!("{:?}", r.head.kind).to_lowercase(),
                r.head.offset
            ),
            Item::Passed(h) => format!("passed {:?}@{}", h.kind, h.offset),
            Item::Damage(d) => format!("{}@{}", d.reason.as_str(), d.offset),
        })
        .collect()
}

fn records(items: &[Item]) -> Vec<&Record> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Record(r) => Some(r),
            _ => None,
        })
        .collect()
}

#[test]
fn warcio_example_member_per_record_with_the_offsets_dd_finds() {
    let items = items(&fixture("warcio-example.warc.gz"), 1 << 20);
    assert_eq!(
        summary(&items),
        [
            "warcinfo@0",
            "warcinfo@353",
            "response@784",
            "request@2012",
            "revisit@2621",
            "request@3207"
        ]
    );
    let response = records(&items)[2];
    assert_eq!(response.head.target_uri.as_deref(), Some("http://example.com/"));
    assert_eq!(response.head.date.as_deref(), Some("2017-03-06T04:02:06Z"));
    assert_eq!(response.head.length, 975);
    assert_eq!(response.block.len(), 975);
    assert!(response
        .block
        .starts_with(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"));
    assert!(!response.cut);
}

#[test]
fn a_real_gzip_archive_cut_inside_its_response_member_is_truncated_after_the_good_records() {
    let whole = fixture("warcio-example.warc.gz");
    // The response's member runs from 784 to 2012.
    let cut = &whole[..1500];
    assert_eq!(
        summary(&items(cut, 1 << 20)),
        ["warcinfo@0", "warcinfo@353", "truncated-record@784"]
    );
    let mut reader = Reader::new(&whole[..], 1 << 20);
    while reader.next_item(|_| true).is_some() {}
    assert_eq!(
        reader.position(),
        whole.len() as u64,
        "the progress ends at the file's size"
    );
}

#[test]
fn common_crawl_2014_plain_warc_counts_and_offsets() {
    let items = items(&fixture("cc-2014-sample.warc"), 1 << 20);
    let offsets: Vec<u64> = records(&items).iter().map(|r| r.head.offset).collect();
    // `grep -a -b '^WARC/1.0' cc-2014-sample.warc`
    assert_eq!(
        offsets,
        [0, 648, 1581, 2455, 3014, 3675, 11628, 12051, 12786, 236357, 236818, 237506, 255869]
    );
    let count = |kind| records(&items).iter().filter(|r| r.head.kind == kind).count();
    assert_eq!(count(RecordKind::Warcinfo), 1);
    assert_eq!(count(RecordKind::Request), 4);
    assert_eq!(count(RecordKind::Response), 4);
    assert_eq!(count(RecordKind::Metadata), 4);
    let last_response = records(&items)[11];
    assert_eq!(
        last_response.head.target_uri.as_deref(),
        Some("http://0x20.be/Special:WhatLinksHere/Thread:Talk:Gentse_feesten/foo")
    );
}

#[test]
fn common_crawl_2024_whirlwind_warc_and_wat() {
    let warc = items(&fixture("cc-2024-whirlwind.warc.gz"), 1 << 20);
    assert_eq!(
        summary(&warc),
        ["warcinfo@0", "request@516", "response@1023", "metadata@18374"]
    );
    let response = records(&warc)[2];
    assert_eq!(
        response.head.target_uri.as_deref(),
        Some("https://an.wikipedia.org/wiki/Escopete")
    );
    let wat = items(&fixture("cc-2024-whirlwind.warc.wat.gz"), 1 << 20);
    assert_eq!(summary(&wat), ["warcinfo@0", "metadata@443"]);
    assert_eq!(
        records(&wat)[1].head.content_type.as_deref(),
        Some("application/json")
    );
}

#[test]
fn common_crawl_2019_one_response() {
    let items = items(&fixture("cc-2019-one-response.warc.gz"), 1 << 20);
    assert_eq!(summary(&items), ["response@0"]);
}

#[test]
fn a_cap_keeps_the_start_of_a_block_and_reads_past_the_rest() {
    let items = items(&fixture("cc-2019-one-response.warc.gz"), 1000);
    let response = records(&items)[0];
    assert_eq!(response.block.len(), 1000);
    assert!(response.cut);
    assert!(response.head.length > 20_000);
}

#[test]
fn warcio_truncated_is_a_content_length_two_bytes_short() {
    // Its response record says 973 bytes where 975 follow (`00 00`, then the
    // blank lines): the record is bad, the request after it is read.
    let items = items(&fixture("warcio-truncated.warc"), 1 << 20);
    assert_eq!(
        summary(&items),
        ["warcinfo@0", "warcinfo@488", "bad-record@1197", "request@2566"]
    );
    let Item::Damage(damage) = &items[2] else {
        unreachable!()
    };
    assert!(
        damage
            .detail
            .contains("Content-Length 973 does not end the block"),
        "{}",
        damage.detail
    );
}

#[test]
fn warcio_bad_non_chunked_is_one_gzip_stream_read_whole() {
    // Not chunked transfer encoding: a gzip file that is one stream, not a
    // member per record (warcio stops after its first record). Every record
    // has the one member's offset.
    let items = items(&fixture("warcio-bad-non-chunked.warc.gz"), 1 << 20);
    assert_eq!(
        summary(&items),
        [
            "warcinfo@0",
            "warcinfo@0",
            "response@0",
            "request@0",
            "revisit@0",
            "request@0"
        ]
    );
}

#[test]
fn warcio_iana_chunked_plain() {
    let items = items(&fixture("warcio-iana-chunked.warc"), 1 << 20);
    let kinds: Vec<RecordKind> = records(&items).iter().map(|r| r.head.kind).collect();
    assert_eq!(
        kinds,
        [RecordKind::Warcinfo, RecordKind::Response, RecordKind::Request]
    );
}

#[test]
fn every_type_is_read_and_want_decides_what_is_kept() {
    let kinds = [
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
        "x-custom",
    ];
    let input: String = kinds
        .iter()
        .map(|k| record(k, "http://a.example/", "body"))
        .collect();
    let mut reader = Reader::new(input.as_bytes(), 100);
    let mut seen = Vec::new();
    while let Some(item) = reader.next_item(|head| head.kind == RecordKind::Response) {
        seen.push(match item {
            Item::Record(r) => format!("kept {:?} {:?}", r.head.kind, String::from_utf8_lossy(&r.block)),
            Item::Passed(h) => format!("passed {:?}", h.kind),
            Item::Damage(d) => panic!("{d:?}"),
        });
    }
    assert_eq!(
        seen,
        [
            "passed Warcinfo",
            "kept Response \"body\"",
            "passed Resource",
            "passed Request",
            "passed Metadata",
            "passed Revisit",
            "passed Conversion",
            "passed Continuation",
            "passed Other"
        ]
    );
    assert_eq!(reader.position(), input.len() as u64);
}

#[test]
fn warc_1_1_fields_in_any_case_folded_brackets_and_bare_line_feeds() {
    let input = "WARC/1.1\nwarc-type: response\nwarc-target-uri: <http://a.example/x>\nCONTENT-TYPE: application/http;\n  msgtype=response\ncontent-length: 2\n\nhi\n\n";
    let items = items(input.as_bytes(), 100);
    let record = records(&items)[0];
    assert_eq!(record.head.target_uri.as_deref(), Some("http://a.example/x"));
    assert_eq!(
        record.head.content_type.as_deref(),
        Some("application/http; msgtype=response")
    );
    assert_eq!(record.block, b"hi");
}

#[test]
fn a_content_length_too_short_is_a_bad_record_and_the_next_one_comes() {
    let good = record("response", "http://b.example/", "<p>after</p>");
    let bad = record("response", "http://a.example/", "<p>twenty-three bytes</p>")
        .replace("Content-Length: 25", "Content-Length: 4");
    assert!(bad.contains("Content-Length: 4\r\n"));
    let input = format!("{bad}{good}");
    assert_eq!(
        summary(&items(input.as_bytes(), 100)),
        ["bad-record@0".to_string(), format!("response@{}", bad.len())]
    );
}

#[test]
fn a_content_length_too_long_swallows_the_start_of_the_next_record_only() {
    let bad = record("response", "http://a.example/", "<p>twenty-three bytes</p>")
        .replace("Content-Length: 25", "Content-Length: 40");
    assert!(bad.contains("Content-Length: 40\r\n"));
    let swallowed = record("response", "http://b.example/", "<p>b</p>");
    let after = record("response", "http://c.example/", "<p>c</p>");
    let input = format!("{bad}{swallowed}{after}");
    let items = items(input.as_bytes(), 100);
    let third = bad.len() + swallowed.len();
    assert_eq!(
        summary(&items),
        ["bad-record@0".to_string(), format!("response@{third}")]
    );
    let Item::Damage(damage) = &items[0] else {
        unreachable!()
    };
    assert!(
        damage
            .detail
            .starts_with("Content-Length 40 does not end the block"),
        "{}",
        damage.detail
    );
}

#[test]
fn a_record_without_its_blank_lines_is_bad_but_the_next_one_right_after_it_is_read() {
    let first = record("request", "http://a.example/", "GET").replace("GET\r\n\r\n", "GET");
    let input = format!("{first}{}", record("response", "http://b.example/", "x"));
    assert_eq!(
        summary(&items(input.as_bytes(), 100)),
        ["bad-record@0".to_string(), format!("response@{}", first.len())]
    );
}

#[test]
fn headers_that_do_not_parse_are_bad_records() {
    let next = record("response", "http://b.example/", "x");
    for (head, why) in [
        (
            "WARC/1.0\r\nWARC-Type: response\r\nno colon here\r\nContent-Length: 1\r\n\r\nx\r\n\r\n",
            "without a colon",
        ),
        (
            "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nx\r\n\r\n",
            "not a number",
        ),
        (
            "WARC/1.0\r\nWARC-Type: response\r\n\r\nx\r\n\r\n",
            "no Content-Length",
        ),
        (
            "WARC/2.0\r\nWARC-Type: response\r\nContent-Length: 1\r\n\r\nx\r\n\r\n",
            "expected a WARC/1.0",
        ),
        ("garbage\r\n", "expected a WARC/1.0"),
    ] {
        let input = format!("{head}{next}");
        let items = items(input.as_bytes(), 100);
        let Item::Damage(damage) = &items[0] else {
            panic!("{head:?}: {items:?}")
        };
        assert_eq!(damage.reason, SkipReason::BadRecord);
        assert!(damage.detail.contains(why), "{head:?}: {}", damage.detail);
        assert_eq!(
            summary(&items[1..]),
            [format!("response@{}", head.len())],
            "{head:?}"
        );
    }
}

#[test]
fn a_header_past_64_kib_is_a_bad_record() {
    let long = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nX-Long: {}\r\nContent-Length: 1\r\n\r\nx\r\n\r\n",
        "a".repeat(70_000)
    );
    let items = items(long.as_bytes(), 100);
    let Item::Damage(damage) = &items[0] else {
        panic!("{items:?}")
    };
    assert_eq!(
        (damage.reason, damage.detail.as_str()),
        (SkipReason::BadRecord, "a record header longer than 64 KiB")
    );
}

#[test]
fn a_declined_record_is_checked_like_a_kept_one() {
    let bad = record("request", "http://a.example/", "GET / HTTP/1.1")
        .replace("Content-Length: 14", "Content-Length: 10");
    assert!(bad.contains("Content-Length: 10\r\n"));
    let input = format!("{bad}{}", record("response", "http://a.example/", "x"));
    let mut reader = Reader::new(input.as_bytes(), 100);
    let first = reader.next_item(|_| false).unwrap();
    assert!(
        matches!(
            first,
            Item::Damage(Damage {
                reason: SkipReason::BadRecord,
                offset: 0,
                ..
            })
        ),
        "{first:?}"
    );
    assert!(matches!(reader.next_item(|_| false), Some(Item::Passed(_))));
    assert!(reader.next_item(|_| false).is_none());
}

#[test]
fn a_record_cut_short_is_truncated_and_last() {
    let whole = format!(
        "{}{}",
        record("warcinfo", "", "info"),
        record("response", "http://a.example/", "<html>long page</html>")
    );
    for cut in [
        whole.len() - 10,
        whole.len() - 30,
        60 + record("warcinfo", "", "info").len(),
    ] {
        let items = items(&whole.as_bytes()[..cut], 100);
        let second = record("warcinfo", "", "info").len();
        assert_eq!(
            summary(&items),
            ["warcinfo@0".to_string(), format!("truncated-record@{second}")],
            "cut at {cut}"
        );
    }
}

#[test]
fn a_corrupt_member_in_the_middle_is_stepped_over() {
    let texts = [
        record("warcinfo", "", "info"),
        record("response", "http://a.example/", &"<p>a</p>".repeat(300)),
        record("response", "http://b.example/", "<p>b</p>"),
    ];
    let mut members: Vec<Vec<u8>> = texts.iter().map(|t| gzip(t.as_bytes())).collect();
    members[1][40] ^= 0x55;
    members[1][41] ^= 0xaa;
    let at = [0, members[0].len(), members[0].len() + members[1].len()];
    let items = items(&members.concat(), 1 << 16);
    assert_eq!(
        summary(&items),
        [
            format!("warcinfo@{}", at[0]),
            format!("corrupt-gzip@{}", at[1]),
            format!("response@{}", at[2])
        ]
    );
}

#[test]
fn a_lying_content_length_in_gzip_input_resumes_at_the_next_member() {
    let block = "<p>a</p>";
    for lie in ["Content-Length: 3", "Content-Length: 400"] {
        let bad = record("response", "http://a.example/", block).replace("Content-Length: 8", lie);
        assert!(bad.contains(&format!("{lie}\r\n")));
        let members = [
            gzip(bad.as_bytes()),
            gzip(record("response", "http://b.example/", "b").as_bytes()),
            gzip(record("response", "http://c.example/", "c").as_bytes()),
        ];
        let items = items(&members.concat(), 100);
        let (second, third) = (members[0].len(), members[0].len() + members[1].len());
        assert_eq!(
            summary(&items),
            [
                "bad-record@0".to_string(),
                format!("response@{second}"),
                format!("response@{third}")
            ],
            "{lie}"
        );
    }
}

#[test]
fn a_record_whose_head_and_block_are_members_of_their_own_is_read() {
    let text = record("response", "http://a.example/", "<p>a</p>");
    let split = text.find("<p>").unwrap();
    let input = [gzip(&text.as_bytes()[..split]), gzip(&text.as_bytes()[split..])].concat();
    let items = items(&input, 100);
    assert_eq!(summary(&items), ["response@0"]);
    assert_eq!(records(&items)[0].block, b"<p>a</p>");
}

/// A source that hands out some bytes, then fails.
struct Failing(Vec<u8>);

impl std::io::Read for Failing {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.0.is_empty() {
            return Err(std::io::Error::other("disk on fire"));
        }
        let n = self.0.len().min(out.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0.drain(..n);
        Ok(n)
    }
}

#[test]
fn a_failing_source_is_unreadable_and_last() {
    let first = record("response", "http://a.example/", "x");
    let mut reader = Reader::new(std::io::BufReader::new(Failing(first.clone().into_bytes())), 100);
    let mut seen = Vec::new();
    while let Some(item) = reader.next_item(|_| true) {
        seen.push(item);
    }
    assert_eq!(
        summary(&seen),
        [
            "response@0".to_string(),
            format!("archive-unreadable@{}", first.len())
        ]
    );
    let Item::Damage(damage) = &seen[1] else {
        unreachable!()
    };
    assert!(damage.detail.contains("disk on fire"), "{}", damage.detail);
}

fn small_archive() -> Vec<u8> {
    [
        record("warcinfo", "", "info"),
        record(
            "response",
            "http://a.example/",
            "HTTP/1.1 200 OK\r\n\r\n<a href=x>x</a>",
        ),
        record("request", "http://a.example/", "GET / HTTP/1.1\r\n\r\n"),
    ]
    .concat()
    .into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any change of bytes, in plain or gzip input, ends in a bounded number
    /// of items, without a panic.
    #[test]
    fn mutated_archives_never_panic_nor_loop(
        gz in any::<bool>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
        do_cut in any::<bool>(),
    ) {
        let mut input = small_archive();
        if gz {
            let text = input.clone();
            let third = text.len() / 3;
            input = [gzip(&text[..third]), gzip(&text[third..])].concat();
        }
        for (at, byte) in edits {
            let at = at.index(input.len());
            input[at] = byte;
        }
        if do_cut {
            input.truncate(cut.index(input.len() + 1));
        }
        let mut reader = Reader::new(&input[..], 64);
        let mut n = 0;
        while reader.next_item(|_| true).is_some() {
            n += 1;
            prop_assert!(n <= input.len() + 2, "more items than bytes");
        }
    }
}
