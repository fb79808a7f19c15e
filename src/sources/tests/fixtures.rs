//! The sample exports under `fixtures/exports/`, read as a user would pass them.

use super::*;

fn fixture(name: &str) -> String {
    format!("{}/fixtures/exports/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// (line, URL or `invalid`) of each entry of a fixture.
fn read_fixture(name: &str) -> Vec<(usize, String)> {
    let path = fixture(name);
    load(&[], &args(&[&path]), &mut "".as_bytes())
        .unwrap_or_else(|error| panic!("{name}: {error}"))
        .into_iter()
        .map(|entry| {
            let Origin::File { line, .. } = entry.origin else {
                panic!("{name}: entry not from the file");
            };
            match entry.location {
                Ok(location) => (line, location.url().to_string()),
                Err(_) => (line, "invalid".to_string()),
            }
        })
        .collect()
}

fn expect(name: &str, expected: &[(usize, &str)]) {
    let expected: Vec<_> = expected.iter().map(|(l, u)| (*l, u.to_string())).collect();
    assert_eq!(read_fixture(name), expected, "{name}");
}

#[test]
fn search_console_latest_links() {
    expect(
        "gsc-latest-links.csv",
        &[
            (2, "https://blog.example.org/2024/05/garden-tools-review"),
            (3, "https://forum.example.net/t/best-spades/812"),
            (4, "http://www.example.org/links.html"),
            (6, "https://news.example.net/p?id=77&ref=feed"),
        ],
    );
}

#[test]
fn ahrefs_utf16() {
    let bytes = std::fs::read(fixture("ahrefs-backlinks-utf16.tsv")).unwrap();
    assert_eq!(
        &bytes[..4],
        b"\xFF\xFE\"\x00",
        "the fixture must be UTF-16LE with a BOM"
    );
    expect(
        "ahrefs-backlinks-utf16.tsv",
        &[
            (2, "https://xn--bcher-kva.example.org/garten/test"),
            (3, "https://blog.example.org/best-tools"),
            (4, "https://forum.example.net/t/812"),
        ],
    );
}

#[test]
fn semrush() {
    expect(
        "semrush-backlinks.csv",
        &[
            (2, "https://blog.example.org/2024/05/garden-tools-review"),
            (3, "https://directory.example.net/garden?page=2"),
            (4, "https://forum.example.net/t/812"),
        ],
    );
}

#[test]
fn majestic_with_an_unbalanced_quote() {
    expect(
        "majestic.csv",
        &[
            (2, "https://blog.example.org/best-tools"),
            (3, "https://forum.example.net/t/812"),
            (4, "https://news.example.net/p?id=77"),
            (5, "invalid"),
            (6, "https://directory.example.net/garden?page=2"),
        ],
    );
}

#[test]
fn moz() {
    expect(
        "moz.csv",
        &[
            (2, "https://blog.example.org/2024/05/garden-tools-review"),
            (3, "https://directory.example.net/garden?page=2"),
            (4, "https://127.0.0.1:8080/partners"),
        ],
    );
}

#[test]
fn linkody() {
    expect(
        "linkody.csv",
        &[
            (2, "https://blog.example.org/2024/05/garden-tools-review"),
            (3, "https://partner.example.net/sponsors"),
            (4, "https://old.example.org/links"),
        ],
    );
}

#[test]
fn search_console_top_linking_sites_is_refused() {
    let path = fixture("gsc-top-linking-sites.csv");
    match load(&[], &args(&[&path]), &mut "".as_bytes()) {
        Err(SourcesError::Refused { reason, .. }) => {
            assert!(reason.contains("\"Top linking sites\""), "{reason}")
        }
        other => panic!("not refused: {other:?}"),
    }
}
