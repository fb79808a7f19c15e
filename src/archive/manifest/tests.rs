use super::*;
use flate2::write::GzEncoder;
use flate2::Compression;
use proptest::prelude::*;
use std::io::Write;

const CC_ENTRY: &str =
    "crawl-data/CC-MAIN-2024-10/segments/1707947473347.0/warc/CC-MAIN-20240220211055-20240221001055-00000.warc.gz";

fn base() -> Url {
    Url::parse(COMMON_CRAWL_BASE).unwrap()
}

fn parse(text: &[u8], base: Option<&Url>) -> Result<Vec<Location>, ManifestError> {
    parse_manifest("paths.txt", &mut &text[..], base)
}

fn gzip(text: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(text).unwrap();
    encoder.finish().unwrap()
}

fn url(text: &str) -> Location {
    Location::Url(Url::parse(text).unwrap())
}

#[test]
fn entries_name_paths_stdin_and_urls() {
    assert_eq!(Location::parse("-", None), Ok(Location::Stdin));
    assert_eq!(
        Location::parse("data/a.warc.gz", None),
        Ok(Location::Path(PathBuf::from("data/a.warc.gz")))
    );
    assert_eq!(
        Location::parse(" https://example.org/a.warc ", None),
        Ok(url("https://example.org/a.warc"))
    );
    assert_eq!(
        Location::parse("HTTP://example.org/a.warc", None),
        Ok(url("http://example.org/a.warc"))
    );
    assert_eq!(
        Location::parse("file:///tmp/a.warc", None),
        Ok(Location::Path(PathBuf::from("/tmp/a.warc")))
    );
}

#[test]
fn common_crawl_s3_urls_are_read_over_https() {
    let location = Location::parse(&format!("s3://commoncrawl/{CC_ENTRY}"), None).unwrap();
    assert_eq!(location, url(&format!("https://data.commoncrawl.org/{CC_ENTRY}")));
    assert_eq!(
        location.name(),
        format!("https://data.commoncrawl.org/{CC_ENTRY}")
    );
}

#[test]
fn other_schemes_and_buckets_are_refused_with_the_way_out() {
    let other_bucket = Location::parse("s3://my-bucket/a.warc.gz", None).unwrap_err();
    assert!(
        other_bucket.contains("only Common Crawl's bucket"),
        "{other_bucket}"
    );
    let ftp = Location::parse("ftp://example.org/a.warc", None).unwrap_err();
    assert!(ftp.contains("not ftp://"), "{ftp}");
    let hostless = Location::parse("https://", None).unwrap_err();
    assert!(hostless.contains("not a valid URL"), "{hostless}");
    assert!(Location::parse("  ", None).is_err());
}

#[test]
fn a_relative_entry_is_joined_to_the_base_but_an_absolute_path_is_not() {
    let base = base();
    assert_eq!(
        Location::parse(CC_ENTRY, Some(&base)),
        Ok(url(&format!("https://data.commoncrawl.org/{CC_ENTRY}")))
    );
    assert_eq!(
        Location::parse("/data/a.warc.gz", Some(&base)),
        Ok(Location::Path(PathBuf::from("/data/a.warc.gz")))
    );
}

#[test]
fn names_are_what_reports_show() {
    assert_eq!(Location::Stdin.name(), "-");
    assert_eq!(Location::Path(PathBuf::from("x/a.warc")).name(), "x/a.warc");
    assert_eq!(
        url("https://example.org/a%20b.warc").name(),
        "https://example.org/a%20b.warc"
    );
}

#[test]
fn a_base_url_keeps_its_last_segment() {
    let base = parse_base_url("https://mirror.example/cc").unwrap();
    assert_eq!(base.as_str(), "https://mirror.example/cc/");
    assert_eq!(
        Location::parse("crawl-data/x.warc.gz", Some(&base)),
        Ok(url("https://mirror.example/cc/crawl-data/x.warc.gz"))
    );
    assert_eq!(
        parse_base_url(COMMON_CRAWL_BASE).unwrap().as_str(),
        COMMON_CRAWL_BASE
    );
    assert!(parse_base_url("ftp://example.org/")
        .unwrap_err()
        .contains("not an http(s) URL"));
    assert!(parse_base_url("data.commoncrawl.org").is_err());
}

#[test]
fn a_plain_manifest_skips_blank_lines_and_tolerates_crlf() {
    let text = format!("{CC_ENTRY}\r\n\r\n  \nhttps://example.org/b.warc\r\n/data/c.warc.gz\n");
    let locations = parse(text.as_bytes(), Some(&base())).unwrap();
    assert_eq!(
        locations,
        vec![
            url(&format!("https://data.commoncrawl.org/{CC_ENTRY}")),
            url("https://example.org/b.warc"),
            Location::Path(PathBuf::from("/data/c.warc.gz")),
        ]
    );
}

#[test]
fn a_gzip_manifest_is_recognised_by_its_bytes_not_its_name() {
    let text = format!("{CC_ENTRY}\n{}\n", CC_ENTRY.replace("00000", "00001"));
    let locations = parse(&gzip(text.as_bytes()), Some(&base())).unwrap();
    assert_eq!(locations.len(), 2);
    assert_eq!(
        locations[1],
        url(&format!(
            "https://data.commoncrawl.org/{}",
            CC_ENTRY.replace("00000", "00001")
        ))
    );
}

#[test]
fn a_broken_gzip_manifest_says_so() {
    let mut bytes = gzip(format!("{CC_ENTRY}\n").repeat(50).as_bytes());
    let middle = bytes.len() / 2;
    bytes.truncate(middle);
    let error = parse(&bytes, Some(&base())).unwrap_err();
    assert!(matches!(error, ManifestError::Gzip { .. }), "{error:?}");
    assert!(error.to_string().contains("does not inflate"), "{error}");
}

#[test]
fn a_relative_entry_without_a_base_names_file_line_and_the_fix() {
    let text = format!("https://example.org/a.warc\n\n{CC_ENTRY}\n");
    let error = parse(text.as_bytes(), None).unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, ManifestError::Relative { line: 3, .. }),
        "{error:?}"
    );
    assert!(message.starts_with("`paths.txt`:3:"), "{message}");
    assert!(
        message.contains("--base-url https://data.commoncrawl.org/"),
        "{message}"
    );
}

#[test]
fn a_bad_entry_names_its_line() {
    let error = parse(b"https://example.org/a.warc\nftp://example.org/b\n", None).unwrap_err();
    assert!(matches!(error, ManifestError::Entry { line: 2, .. }), "{error:?}");
    assert!(error.to_string().starts_with("`paths.txt`:2: `ftp://"), "{error}");
}

#[test]
fn stdin_cannot_be_both_the_list_and_an_archive() {
    let error = parse_manifest("-", &mut &b"/a.warc\n-\n"[..], None).unwrap_err();
    assert!(
        matches!(error, ManifestError::StdinTwice { line: 2, .. }),
        "{error:?}"
    );
    assert_eq!(parse(b"-\n", None).unwrap(), vec![Location::Stdin]);
}

#[test]
fn what_is_not_a_manifest_is_refused() {
    assert!(matches!(
        parse(b"\n \r\n", None),
        Err(ManifestError::Empty { .. })
    ));
    assert!(matches!(
        parse(b"/a.warc\nWARC/1.0\0\n", None),
        Err(ManifestError::NotText { line: 2, .. })
    ));
    let long = format!("/{}\n", "a".repeat(MAX_LINE_BYTES + 1));
    assert!(matches!(
        parse(long.as_bytes(), None),
        Err(ManifestError::LongLine { line: 1, .. })
    ));
}

#[test]
fn files_folders_and_devices() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("warc.paths.gz");
    std::fs::write(&path, gzip(format!("{CC_ENTRY}\n").as_bytes())).unwrap();
    let path_text = path.to_str().unwrap();
    assert_eq!(read_manifest(path_text, Some(&base())).unwrap().len(), 1);

    let as_folder = read_manifest(folder.path().to_str().unwrap(), None).unwrap_err();
    assert!(
        matches!(as_folder, ManifestError::NotAFile { kind: "folder", .. }),
        "{as_folder:?}"
    );
    let device = read_manifest("/dev/zero", None).unwrap_err();
    assert!(
        matches!(device, ManifestError::NotAFile { kind: "device", .. }),
        "{device:?}"
    );
    let missing = read_manifest(folder.path().join("none").to_str().unwrap(), None).unwrap_err();
    assert!(matches!(missing, ManifestError::Read { .. }), "{missing:?}");
    assert!(missing.to_string().contains("--archives -"), "{missing}");
}

#[test]
fn shards_parse_with_clear_errors() {
    assert_eq!("0/1".parse(), Ok(Shard { index: 0, count: 1 }));
    assert_eq!(" 3/4 ".parse(), Ok(Shard { index: 3, count: 4 }));
    assert_eq!(Shard { index: 2, count: 5 }.to_string(), "2/5");
    for (text, problem) in [
        ("3", "there is no `/`"),
        ("1/0", "N must be at least 1"),
        ("4/4", "I must be below N (the last of 4 workers is 3)"),
        ("-1/4", "I `-1` is not a whole number"),
        ("a/b", "I `a` is not a whole number"),
        ("1/", "N `` is not a whole number"),
    ] {
        let error = text.parse::<Shard>().unwrap_err();
        assert!(error.contains(problem), "{text}: {error}");
        assert!(error.contains("it takes I/N"), "{text}: {error}");
    }
}

#[test]
fn a_shard_takes_every_nth_entry_from_its_index() {
    let items: Vec<u32> = (0..10).collect();
    assert_eq!(Shard { index: 1, count: 3 }.select(items.clone()), vec![1, 4, 7]);
    assert_eq!(Shard { index: 0, count: 1 }.select(items.clone()), items);
    assert_eq!(
        Shard { index: 4, count: 5 }.select(vec![0, 1, 2]),
        Vec::<i32>::new()
    );
}

proptest! {
    #[test]
    fn shards_cover_every_entry_exactly_once(length in 0usize..200, count in 1usize..=5) {
        let items: Vec<usize> = (0..length).collect();
        let mut seen: Vec<usize> = (0..count)
            .flat_map(|index| {
                let shard: Shard = format!("{index}/{count}").parse().unwrap();
                let selected = shard.select(items.clone());
                // Each shard keeps manifest order.
                assert!(selected.windows(2).all(|pair| pair[0] < pair[1]));
                selected
            })
            .collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, items);
    }

    #[test]
    fn shard_parsing_never_panics(text in "\\PC{0,12}") {
        if let Ok(shard) = text.parse::<Shard>() {
            prop_assert!(shard.count >= 1 && shard.index < shard.count);
        }
    }
}
