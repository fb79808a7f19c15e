//! Reading existing disavow files (`existing.rs`): coverage, counts, mistakes.

use super::*;

fn read(text: &str) -> Existing {
    Existing::read(text.as_bytes())
}

/// The warnings of `text`, joined for `contains` checks.
fn warnings(text: &str) -> String {
    read(text).warnings.join("\n")
}

#[test]
fn domain_lines_cover_the_domain_and_its_subdomains() {
    let file = read("domain:spam.net\ndomain:Blog.Other.ORG\n");
    assert_eq!(file.covering("spam.net"), Some(("spam.net", 1)));
    assert_eq!(file.covering("www.spam.net"), Some(("spam.net", 1)));
    assert_eq!(
        file.covering("other.org"),
        None,
        "a subdomain line does not cover its parent"
    );
    assert_eq!(
        file.covering("blog.other.org"),
        Some(("blog.other.org", 2)),
        "compared case-insensitively"
    );
    assert_eq!(file.covering("notspam.net"), None);
    assert_eq!(file.covering("spam.net.evil.com"), None);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
}

#[test]
fn counts_lines_and_bytes_as_google_does() {
    let text = "# header\n\ndomain:a.net\nhttps://b.net/x";
    let file = read(text);
    assert_eq!(
        file.lines, 4,
        "blank and comment lines count, and a last line without a break"
    );
    assert_eq!(file.bytes, text.len());
    assert!(!file.ends_with_newline);
    assert_eq!(file.newline, "\n");
    let file = read("domain:a.net\r\ndomain:b.net\r\n");
    assert_eq!(file.lines, 2);
    assert!(file.ends_with_newline);
    assert_eq!(file.newline, "\r\n");
    assert!(file.covering("b.net").is_some(), "CR is not part of the domain");
    assert_eq!(read("").lines, 0);
}

#[test]
fn a_capitalised_domain_prefix_is_a_warning_and_covers_nothing() {
    let file = read("# mine\nDomain:spam.net\nDOMAIN:other.net\n");
    let all = file.warnings.join("\n");
    assert!(all.contains("line 2: starts with `Domain:`"), "{all}");
    assert!(all.contains("line 3: starts with `DOMAIN:`"), "{all}");
    assert!(file.covering("spam.net").is_none());
    assert!(
        warnings("domain:spam.net\n").is_empty(),
        "near miss: lowercase is right"
    );
}

#[test]
fn a_domain_line_with_a_scheme_path_or_leading_dot_is_a_warning() {
    let all = warnings("domain:https://spam.net\ndomain:spam.net/blog/\ndomain:.spam.net\ndomain:\n");
    assert!(
        all.contains("line 1: has a scheme after `domain:` (write `domain:spam.net`)"),
        "{all}"
    );
    assert!(all.contains("line 2: has a path after `domain:`"), "{all}");
    assert!(
        all.contains("line 3: has a leading dot after `domain:` (write `domain:spam.net`)"),
        "{all}"
    );
    assert!(all.contains("line 4: is `domain:` with no domain"), "{all}");
    let file = read("domain:spam.net/blog/\n");
    assert!(
        file.covering("spam.net").is_none(),
        "Google ignores a malformed line, so it covers nothing"
    );
}

#[test]
fn a_domain_line_with_a_port_or_spaces_is_not_a_domain() {
    let all = warnings("domain:spam.net:8080\ndomain:spam .net\n");
    assert!(
        all.contains("line 1: is not a domain after `domain:` (write `domain:spam.net`)"),
        "{all}"
    );
    assert!(all.contains("line 2: is not a domain"), "{all}");
}

#[test]
fn a_unicode_domain_line_is_compared_in_punycode() {
    let file = read("domain:bücher.de\n");
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
    assert!(file.covering("xn--bcher-kva.de").is_some());
}

#[test]
fn duplicates_are_warnings_naming_the_first_line() {
    let all = warnings(
        "domain:spam.net\nhttps://x.org/a\n# again\ndomain:SPAM.net\nhttps://x.org/a\nhttps://x.org/b\n",
    );
    assert!(
        all.contains("line 4: repeats `domain:spam.net` of line 1"),
        "{all}"
    );
    assert!(all.contains("line 5: repeats the URL of line 2"), "{all}");
    assert!(
        !all.contains("line 6"),
        "a different URL on the same site is no duplicate: {all}"
    );
}

#[test]
fn urls_already_covered_by_a_domain_line_are_warnings() {
    let all = warnings("https://www.spam.net/page\nhttps://ham.org/\ndomain:spam.net\n");
    assert!(
        all.contains("line 1: lists a URL that `domain:spam.net` on line 3 already covers"),
        "{all}"
    );
    assert!(!all.contains("line 2"), "{all}");
}

#[test]
fn overlong_lines_are_warnings() {
    let long = format!("https://spam.net/{}\n", "a".repeat(2040));
    let all = warnings(&long);
    assert!(all.contains("line 1: is 2057 characters long"), "{all}");
    let fits = format!("https://spam.net/{}\n", "a".repeat(2048 - 17));
    assert!(warnings(&fits).is_empty(), "exactly 2,048 is fine");
    assert!(
        warnings(&format!("# {}\n", "a".repeat(3000))).is_empty(),
        "comments are not URLs"
    );
}

#[test]
fn non_utf8_lines_are_warnings_and_the_rest_is_read() {
    let file = Existing::read(b"# caf\xe9\ndomain:spam.net\n");
    assert_eq!(
        file.warnings,
        ["line 1: is not valid UTF-8: Google reads UTF-8 or 7-bit ASCII"]
    );
    assert!(file.covering("spam.net").is_some());
    assert!(
        Existing::read("\u{feff}domain:spam.net\n".as_bytes())
            .warnings
            .is_empty(),
        "a BOM is fine"
    );
}

#[test]
fn lines_that_are_no_entry_are_warnings() {
    let all = warnings("spam.net\nftp://spam.net/file\njust words here\n");
    assert!(
        all.contains("line 1: `spam.net` is neither a URL nor a `domain:` line"),
        "{all}"
    );
    assert!(
        all.contains("(write `domain:spam.net` for the whole domain)"),
        "{all}"
    );
    assert!(all.contains("line 2:"), "only http(s) URLs: {all}");
    assert!(all.contains("line 3: `just words here` is neither"), "{all}");
}

#[test]
fn warnings_are_in_file_order() {
    let file = read("https://a.net/x\nDomain:b.net\ndomain:a.net\n");
    assert_eq!(file.warnings.len(), 2);
    assert!(file.warnings[0].starts_with("line 1:"), "{:?}", file.warnings);
    assert!(file.warnings[1].starts_with("line 2:"), "{:?}", file.warnings);
}

#[test]
fn hostile_input_never_panics() {
    for text in [
        "domain",
        "domainé:x",
        "dömain:x",
        "\r",
        "\n\n\n",
        "domain:\u{0}",
        "domain:[::1]",
        "é",
    ] {
        let _ = read(text);
    }
}
