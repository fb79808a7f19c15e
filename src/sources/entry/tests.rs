use std::path::{Path, PathBuf};

use super::*;

fn http_url(text: &str) -> String {
    match locate(text, Path::new("")) {
        Ok(Location::Http { url, .. }) => url.to_string(),
        other => panic!("`{text}` gave {other:?}"),
    }
}

fn reason(text: &str) -> String {
    match locate(text, Path::new("")) {
        Err(reason) => reason,
        Ok(location) => panic!("`{text}` was accepted as {location:?}"),
    }
}

/// A directory holding `page.html` and `sub/other.htm`.
fn saved_pages() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), "<a href=x>x</a>").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/other.htm"), "").unwrap();
    let canonical = std::fs::canonicalize(dir.path()).unwrap();
    (dir, canonical)
}

fn file_location(text: &str, base: &Path) -> (PathBuf, String) {
    match locate(text, base) {
        Ok(Location::File { path, url }) => (path, url.to_string()),
        other => panic!("`{text}` gave {other:?}"),
    }
}

#[test]
fn entries_without_scheme_get_https() {
    assert_eq!(http_url("example.com"), "https://example.com/");
    assert_eq!(http_url("example.com/a?b=1"), "https://example.com/a?b=1");
    assert_eq!(http_url("127.0.0.1:8080/x"), "https://127.0.0.1:8080/x");
    assert_eq!(http_url("localhost:3000"), "https://localhost:3000/");
    assert_eq!(http_url("//example.com/a"), "https://example.com/a");
}

#[test]
fn entries_without_scheme_say_https_was_assumed() {
    let hint = |text: &str| locate(text, Path::new("")).unwrap().https_assumed_hint(text);
    assert_eq!(
        hint("example.org/page").as_deref(),
        Some("https:// was assumed for `example.org/page`: list it as `http://example.org/page` if the site has no HTTPS")
    );
    assert_eq!(
        hint("//example.org").as_deref(),
        Some("https:// was assumed for `//example.org`: list it as `http://example.org/` if the site has no HTTPS")
    );
    assert_eq!(hint("https://example.org/page"), None);
    assert_eq!(hint("http://example.org/page"), None);
}

#[test]
fn urls_are_normalised_and_lose_their_fragment() {
    assert_eq!(http_url("HTTP://Example.COM:80/a#top"), "http://example.com/a");
    assert_eq!(http_url("https://bücher.de/"), "https://xn--bcher-kva.de/");
    assert_eq!(http_url("http://127.0.0.1:9/p"), "http://127.0.0.1:9/p");
}

#[test]
fn only_http_urls_with_a_host_are_usable() {
    for (text, why) in [
        ("mailto:a@example.com", "not `mailto:`"),
        ("ftp://example.com/f", "not `ftp:`"),
        ("javascript:void(0)", "not `javascript:`"),
        ("htp:/x", "not `htp:`"),
        ("https://exa mple.com/", "invalid international domain name"),
        ("https://", "empty host"),
        ("example.com:99999", "invalid port"),
    ] {
        let reason = reason(text);
        assert!(
            reason.starts_with(&format!("`{text}` is not a usable URL: ")),
            "{reason}"
        );
        assert!(reason.contains(why), "{text}: {reason}");
    }
}

#[test]
fn mangled_text_is_refused_before_parsing() {
    assert!(reason("https://example.com/\u{fffd}").contains("not valid UTF-8"));
    // The URL parser would silently drop the line break.
    assert!(reason("https://exa\nmple.com/").contains("line break"));
}

#[test]
fn long_entries_are_shortened_in_reasons() {
    let text = format!("mailto:{}", "a".repeat(500));
    let reason = reason(&text);
    assert!(reason.len() < 300 && reason.contains('…'), "{reason}");
}

#[test]
fn explicit_paths_resolve_against_the_base_directory() {
    let (dir, canonical) = saved_pages();
    let expected = canonical.join("page.html");
    let (path, url) = file_location("./page.html", dir.path());
    assert_eq!(path, expected);
    assert_eq!(url, Url::from_file_path(&expected).unwrap().to_string());
    let (path, _) = file_location("../page.html", &dir.path().join("sub"));
    assert_eq!(path, expected);
    let absolute = dir.path().join("page.html");
    let (path, _) = file_location(absolute.to_str().unwrap(), Path::new("/elsewhere"));
    assert_eq!(path, expected);
}

#[test]
fn file_urls_are_read_from_disk() {
    let (_dir, canonical) = saved_pages();
    let url = Url::from_file_path(canonical.join("page.html")).unwrap();
    let (path, _) = file_location(&format!("{url}#frag"), Path::new(""));
    assert_eq!(path, canonical.join("page.html"));
    assert!(reason("file://example.com/page.html").contains("only files on this machine"));
}

#[test]
fn bare_html_names_are_files_only_when_they_exist() {
    let (dir, canonical) = saved_pages();
    let (path, _) = file_location("page.html", dir.path());
    assert_eq!(path, canonical.join("page.html"));
    let (path, _) = file_location("sub/other.htm", dir.path());
    assert_eq!(path, canonical.join("sub/other.htm"));
    std::fs::write(dir.path().join("UPPER.HTML"), "").unwrap();
    let (path, _) = file_location("UPPER.HTML", dir.path());
    assert_eq!(path, canonical.join("UPPER.HTML"));
    match locate("missing.html", dir.path()) {
        Ok(Location::Http { url, .. }) => assert_eq!(url.as_str(), "https://missing.html/"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_paths_and_directories_are_refused_with_the_resolved_path() {
    let (dir, canonical) = saved_pages();
    let reason = locate("./nope.html", dir.path()).unwrap_err();
    assert!(
        reason.starts_with("`./nope.html` is not a readable file: "),
        "{reason}"
    );
    let missing = format!("{} does not exist", dir.path().join("nope.html").display());
    assert!(reason.ends_with(&missing), "{reason}");
    let reason = locate("./sub", dir.path()).unwrap_err();
    assert!(reason.contains(&format!("{} is not a file", canonical.join("sub").display())));
}

#[test]
fn a_list_file_given_as_an_argument_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("links.csv");
    std::fs::write(&list, "URL\n").unwrap();
    let hint = list_file_argument(list.to_str().unwrap()).unwrap();
    assert!(hint.contains("pass it as `--sources "), "{hint}");
    assert_eq!(
        list_file_argument(dir.path().join("absent.csv").to_str().unwrap()),
        None
    );
    assert_eq!(list_file_argument("example.com"), None);
}

#[test]
fn scheme_detection_tells_ports_from_schemes() {
    assert!(has_scheme("mailto:x"));
    assert!(has_scheme("htp://x"));
    assert!(has_scheme("example.com:abc"));
    assert!(!has_scheme("example.com:8080"));
    assert!(!has_scheme("example.com:8080/a"));
    assert!(!has_scheme("example.com/a:b"));
    assert!(!has_scheme("1example:x"));
}
