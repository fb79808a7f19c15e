mod server;

use super::identity::{ContentRange, Identity};
use super::*;
use server::{Answer, ArchiveServer};
use std::io::Read;

/// Bytes no shifted copy of which equals them: a splice at the wrong offset
/// shows.
fn archive_bytes() -> Vec<u8> {
    let mut state: u32 = 0x9e37_79b9;
    (0..300_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}

fn options(timeout_ms: u64, retries: u32) -> RemoteOptions {
    RemoteOptions {
        timeout: Duration::from_millis(timeout_ms),
        retries,
        backoff: Duration::from_millis(10),
        user_agent: "backlinks-test/1".to_string(),
    }
}

/// Everything `open` then reading give: the bytes read, and the error that
/// stopped the reading, if any.
fn read_remote(server: &ArchiveServer, options: &RemoteOptions) -> io::Result<(Vec<u8>, Option<io::Error>)> {
    let mut reader = open(&Location::Url(server.url()), options)?;
    let mut bytes = Vec::new();
    // `read_to_end` keeps what it read before an error.
    let error = reader.read_to_end(&mut bytes).err();
    Ok((bytes, error))
}

/// The `N` of the `Range: bytes=N-` of request `index`.
fn resumed_from(server: &ArchiveServer, index: usize) -> usize {
    let range = server.seen()[index].range.clone().expect("a Range header");
    range
        .strip_prefix("bytes=")
        .and_then(|range| range.strip_suffix('-'))
        .and_then(|start| start.parse().ok())
        .unwrap_or_else(|| panic!("`Range: {range}` is not bytes=N-"))
}

#[test]
fn a_remote_archive_reads_byte_for_byte_without_compression_asked() {
    let file = archive_bytes();
    let server = ArchiveServer::start(file.clone(), vec![Answer::Whole]);
    let (bytes, error) = read_remote(&server, &options(5_000, 3)).unwrap();
    assert!(error.is_none(), "{error:?}");
    assert!(bytes == file, "{} bytes read of {}", bytes.len(), file.len());
    let (_, length) = open_sized(&Location::Url(server.url()), &options(5_000, 3)).unwrap();
    assert_eq!(length, Some(file.len() as u64));
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].range, None);
    assert_eq!(seen[0].accept_encoding, None, "offsets must be file offsets");
    assert_eq!(seen[0].user_agent.as_deref(), Some("backlinks-test/1"));
}

#[test]
fn a_dropped_connection_resumes_with_a_range_request() {
    let file = archive_bytes();
    let server = ArchiveServer::start(file.clone(), vec![Answer::BreakAfter(100_000), Answer::Whole]);
    let (bytes, error) = read_remote(&server, &options(5_000, 3)).unwrap();
    assert!(error.is_none(), "{error:?}");
    assert!(bytes == file, "{} bytes read of {}", bytes.len(), file.len());
    assert_eq!(server.seen().len(), 2);
    let from = resumed_from(&server, 1);
    assert!(from > 0 && from <= 100_000, "resumed from byte {from}");
}

#[test]
fn a_server_without_range_support_is_read_again_up_to_the_break() {
    let file = archive_bytes();
    let plan = vec![Answer::NoRange(Some(100_000)), Answer::NoRange(None)];
    let server = ArchiveServer::start(file.clone(), plan);
    let (bytes, error) = read_remote(&server, &options(5_000, 3)).unwrap();
    assert!(error.is_none(), "{error:?}");
    assert!(bytes == file, "{} bytes read of {}", bytes.len(), file.len());
    assert_eq!(server.seen().len(), 2);
    assert!(resumed_from(&server, 1) > 0, "the Range was asked, and ignored");
}

#[test]
fn a_stalled_body_times_out_and_resumes() {
    let file = archive_bytes();
    let server = ArchiveServer::start(file.clone(), vec![Answer::StallAfter(100_000), Answer::Whole]);
    let (bytes, error) = read_remote(&server, &options(500, 3)).unwrap();
    assert!(error.is_none(), "{error:?}");
    assert!(bytes == file, "{} bytes read of {}", bytes.len(), file.len());
    assert_eq!(server.seen().len(), 2);
    assert!(resumed_from(&server, 1) > 0);
}

#[test]
fn a_missing_archive_is_named_and_not_retried() {
    let server = ArchiveServer::start(archive_bytes(), vec![Answer::Status(404)]);
    let error = read_remote(&server, &options(5_000, 3)).unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::NotFound);
    let message = error.to_string();
    assert!(message.contains("no such archive"), "{message}");
    assert!(
        message.contains("404") && message.contains(server.url().as_str()),
        "{message}"
    );
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn another_status_is_named_with_the_url() {
    let server = ArchiveServer::start(archive_bytes(), vec![Answer::Status(403)]);
    let message = read_remote(&server, &options(5_000, 3)).unwrap_err().to_string();
    assert!(
        message.contains("403 Forbidden") && message.contains(server.url().as_str()),
        "{message}"
    );
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn a_busy_server_is_asked_again() {
    let file = archive_bytes();
    let plan = vec![Answer::Status(503), Answer::Status(500), Answer::Whole];
    let server = ArchiveServer::start(file.clone(), plan);
    let (bytes, error) = read_remote(&server, &options(5_000, 2)).unwrap();
    assert!(error.is_none(), "{error:?}");
    assert!(bytes == file);
    assert_eq!(server.seen().len(), 3);
    assert_eq!(server.seen()[2].range, None, "nothing was delivered before");
}

#[test]
fn a_retry_after_is_honoured_up_to_the_timeout() {
    let file = archive_bytes();
    let server = ArchiveServer::start(file.clone(), vec![Answer::Busy(1), Answer::Whole]);
    let started = std::time::Instant::now();
    let (bytes, error) = read_remote(&server, &options(5_000, 1)).unwrap();
    assert!(error.is_none() && bytes == file, "{error:?}");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );

    // A wait longer than the timeout is cut to it (the test would take an
    // hour otherwise).
    let server = ArchiveServer::start(file.clone(), vec![Answer::Busy(3600), Answer::Whole]);
    let (bytes, error) = read_remote(&server, &options(200, 1)).unwrap();
    assert!(error.is_none() && bytes == file, "{error:?}");
}

#[test]
fn a_file_that_changed_between_attempts_is_not_spliced() {
    let file = archive_bytes();
    let server = ArchiveServer::start(file.clone(), vec![Answer::BreakAfter(100_000), Answer::Changed]);
    let (bytes, error) = read_remote(&server, &options(5_000, 3)).unwrap();
    let error = error.expect("the reading fails");
    assert_eq!(error.kind(), io::ErrorKind::InvalidData);
    let message = error.to_string();
    assert!(message.contains("changed while it was read"), "{message}");
    assert!(message.contains(r#"ETag "v1" became "v2""#), "{message}");
    assert!(
        message.contains(&format!("stopped at byte {} of {}", bytes.len(), file.len())),
        "{message}"
    );
    assert!(
        !bytes.is_empty() && bytes[..] == file[..bytes.len()],
        "only the first file's bytes"
    );
    assert_eq!(server.seen().len(), 2);
}

#[test]
fn an_answer_from_the_wrong_byte_is_refused() {
    let file = archive_bytes();
    let server = ArchiveServer::start(
        file.clone(),
        vec![Answer::BreakAfter(100_000), Answer::WrongRange],
    );
    let (bytes, error) = read_remote(&server, &options(5_000, 3)).unwrap();
    let message = error.expect("the reading fails").to_string();
    assert!(
        message.contains(&format!("bytes from {} on", bytes.len())),
        "{message}"
    );
    assert!(message.contains("Content-Range: bytes 0-"), "{message}");
    assert!(bytes[..] == file[..bytes.len()]);
}

#[test]
fn past_the_retries_the_error_says_how_far_it_got() {
    let file = archive_bytes();
    let server = ArchiveServer::start(
        file.clone(),
        vec![Answer::BreakAfter(100_000), Answer::BreakAfter(0)],
    );
    let (bytes, error) = read_remote(&server, &options(5_000, 2)).unwrap();
    let message = error.expect("the reading fails").to_string();
    assert!(
        message.starts_with(&format!("cannot read {}", server.url())),
        "{message}"
    );
    assert!(message.contains("3 attempts in a row"), "{message}");
    assert!(
        message.contains(&format!("stopped at byte {} of {}", bytes.len(), file.len())),
        "{message}"
    );
    assert!(!bytes.is_empty() && bytes[..] == file[..bytes.len()]);
    // The first request, then two retries.
    assert_eq!(server.seen().len(), 3);
}

#[test]
fn an_unreachable_host_fails_at_open_after_its_retries() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = url::Url::parse(&format!("http://127.0.0.1:{port}/a.warc.gz")).unwrap();
    let error = open(&Location::Url(url), &options(2_000, 1))
        .err()
        .expect("nothing listens");
    let message = error.to_string();
    assert!(message.contains("could not connect"), "{message}");
    assert!(message.contains("2 attempts in a row; nothing read"), "{message}");
}

#[test]
fn a_local_file_reads_whole() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("a.warc.gz");
    let file = archive_bytes();
    std::fs::write(&path, &file).unwrap();
    let (mut reader, length) = open_sized(&Location::Path(path), &options(1_000, 0)).unwrap();
    assert_eq!(length, Some(file.len() as u64));
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).unwrap();
    assert!(bytes == file);
}

#[test]
fn folders_devices_and_missing_files_are_named() {
    let folder = tempfile::tempdir().unwrap();
    let error = |path: &Path| {
        open(&Location::Path(path.to_path_buf()), &options(1_000, 0))
            .err()
            .expect("refused")
    };
    let as_folder = error(folder.path()).to_string();
    assert!(as_folder.contains("is a folder, not a file"), "{as_folder}");
    let device = error(Path::new("/dev/zero")).to_string();
    assert!(device.contains("is a device, not a file"), "{device}");
    let missing = error(&folder.path().join("none.warc"));
    assert_eq!(missing.kind(), io::ErrorKind::NotFound);
    assert!(missing.to_string().contains("none.warc"), "{missing}");
}

#[test]
fn content_ranges_parse_and_reject_nonsense() {
    let parsed = ContentRange::parse("bytes 100-199/200");
    assert_eq!(
        parsed,
        Some(ContentRange {
            first: 100,
            last: 199,
            total: Some(200)
        })
    );
    assert_eq!(ContentRange::parse("bytes 5-9/*").unwrap().total, None);
    for bad in [
        "bytes 10-5/20",
        "bytes 0-20/20",
        "items 0-1/2",
        "bytes */20",
        "bytes 1-2",
    ] {
        assert_eq!(ContentRange::parse(bad), None, "{bad}");
    }
}

#[test]
fn identities_differ_only_on_what_both_answers_say() {
    let first = Identity {
        length: Some(10),
        etag: Some("\"a\"".to_string()),
        last_modified: None,
    };
    let unknown = Identity::default();
    assert_eq!(first.change(&unknown), None);
    let longer = Identity {
        length: Some(12),
        ..first.clone()
    };
    assert_eq!(
        first.change(&longer).as_deref(),
        Some("its length 10 bytes became 12")
    );
    let retagged = Identity {
        etag: Some("\"b\"".to_string()),
        last_modified: Some("x".to_string()),
        ..first.clone()
    };
    assert_eq!(first.change(&retagged).as_deref(), Some(r#"ETag "a" became "b""#));
}
