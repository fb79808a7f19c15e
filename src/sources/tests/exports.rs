//! Each tool's export, as people bring it, read end to end.

use super::*;

/// Loads one sources file with these bytes; the path in messages is `name`.
fn load_export(name: &str, bytes: &[u8]) -> Result<Vec<SourceEntry>, SourcesError> {
    let dir = dir_with(&[(name, bytes)]);
    load(&[], &args(&[&path_in(&dir, name)]), &mut "".as_bytes()).map_err(|error| match error {
        SourcesError::Refused { reason, .. } => SourcesError::Refused {
            path: name.to_string(),
            reason,
        },
        other => other,
    })
}

/// (line, URL or the reason without its path) of each entry.
fn lines_and_urls(entries: &[SourceEntry]) -> Vec<(usize, String)> {
    entries
        .iter()
        .map(|entry| {
            let Origin::File { line, .. } = entry.origin else {
                panic!("not from a file: {entry:?}");
            };
            let shown = match &entry.location {
                Ok(location) => location.url().to_string(),
                Err(reason) => format!("invalid: {}", reason.split_once(": ").unwrap().1),
            };
            (line, shown)
        })
        .collect()
}

fn owned(rows: &[(usize, &str)]) -> Vec<(usize, String)> {
    rows.iter().map(|(line, url)| (*line, url.to_string())).collect()
}

fn refusal(name: &str, bytes: &[u8]) -> String {
    match load_export(name, bytes) {
        Err(SourcesError::Refused { reason, .. }) => reason,
        other => panic!("{name} was not refused: {other:?}"),
    }
}

/// UTF-16LE with a BOM, as Ahrefs writes its exports.
fn utf16le_with_bom(text: &str) -> Vec<u8> {
    std::iter::once(0xFEFF)
        .chain(text.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect()
}

#[test]
fn search_console_latest_links_with_bom_and_semicolons() {
    let csv = "\u{feff}Linking page;Last crawled\r\n\
               https://example.com/blog/post;2024-05-01\r\n\
               https://www.example.org/;2024-04-30\r\n";
    let entries = load_export("gsc.csv", csv.as_bytes()).unwrap();
    assert_eq!(
        lines_and_urls(&entries),
        owned(&[
            (2, "https://example.com/blog/post"),
            (3, "https://www.example.org/")
        ])
    );
}

#[test]
fn bing_and_search_console_drill_down_take_the_linking_page() {
    let csv = "Linking page,Target page\nhttps://example.org/a,https://example.com/\n";
    let entries = load_export("drill.csv", csv.as_bytes()).unwrap();
    assert_eq!(lines_and_urls(&entries), owned(&[(2, "https://example.org/a")]));
}

#[test]
fn ahrefs_utf16_tab_separated_takes_the_referring_page_not_the_target() {
    let tsv = "\"Referring page title\"\t\"Referring page URL\"\t\"Language\"\t\"Target URL\"\t\"Anchor\"\n\
               \"Über uns\"\t\"https://bücher.example/ueber\"\t\"de\"\t\"https://example.com/\"\t\"Example\"\n\
               \"Blog\"\t\"https://example.org/blog\"\t\"en\"\t\"https://example.com/a\"\t\"a, b\"\n";
    let entries = load_export("ahrefs.tsv", &utf16le_with_bom(tsv)).unwrap();
    assert_eq!(
        lines_and_urls(&entries),
        owned(&[
            (2, "https://xn--bcher-kva.example/ueber"),
            (3, "https://example.org/blog")
        ])
    );
    assert_eq!(entries[0].input, "https://bücher.example/ueber");
}

#[test]
fn semrush_lower_case_source_url() {
    let csv = "Page ascore,Source title,Source url,Target url,Anchor,External links,Nofollow\n\
               12,Home,https://example.org/,https://example.com/,Example,3,false\n\
               5,\"Post, with comma\",https://example.net/p?id=1,https://example.com/x,,10,true\n";
    let entries = load_export("semrush.csv", csv.as_bytes()).unwrap();
    assert_eq!(
        lines_and_urls(&entries),
        owned(&[(2, "https://example.org/"), (3, "https://example.net/p?id=1")])
    );
}

#[test]
fn majestic_malformed_rows_become_invalid_entries_not_aborts() {
    let csv = "Source URL,Target URL,Anchor Text,Source Crawl Date,Flag No Follow\n\
               https://example.org/1,https://example.com/,\"5\" screen\",2024-01-01,-\n\
               https://example.org/2,https://example.com/,\"two\nlines\",2024-01-02,-\n\
               https://example.org/3,https://example.com/,\"unterminated,2024-01-03,+\n\
               https://example.org/4,https://example.com/,fine,2024-01-04,-\n\
               not a url at all,https://example.com/,x,2024-01-05,-\n\
               truncated row\n\
               https://example.org/5,https://example.com/,ok,2024-01-06,-\n";
    let entries = load_export("majestic.csv", csv.as_bytes()).unwrap();
    let got = lines_and_urls(&entries);
    assert_eq!(got.len(), 7, "{got:#?}");
    let valid: Vec<_> = got
        .iter()
        .filter(|(_, s)| !s.starts_with("invalid"))
        .cloned()
        .collect();
    assert_eq!(
        valid,
        owned(&[
            (2, "https://example.org/1"),
            (3, "https://example.org/2"),
            (5, "https://example.org/3"),
            (6, "https://example.org/4"),
            (9, "https://example.org/5"),
        ])
    );
    assert_eq!(got[4].0, 7);
    assert!(
        got[4].1.contains("`not a url at all` is not a usable URL"),
        "{got:#?}"
    );
    assert_eq!(got[5].0, 8);
    assert!(
        got[5].1.contains("`truncated row` is not a usable URL"),
        "{got:#?}"
    );
}

#[test]
fn moz_source_page_and_sourceurl_variants() {
    let page = "Source Page Title,Source Page,Target URL,Anchor Text,Spam Score\n\
                Home,example.org/,https://example.com/,Example,1%\n";
    let entries = load_export("moz.csv", page.as_bytes()).unwrap();
    assert_eq!(lines_and_urls(&entries), owned(&[(2, "https://example.org/")]));
    let joined = "Target URL,SourceURL\nhttps://example.com/,http://example.net/m\n";
    let entries = load_export("moz2.csv", joined.as_bytes()).unwrap();
    assert_eq!(lines_and_urls(&entries), owned(&[(2, "http://example.net/m")]));
}

#[test]
fn linkody_url_from() {
    let csv = "URL FROM,EXPECTED LANDING PAGE URL,EXPECTED ANCHOR,STATUS\n\
               https://example.org/links,https://example.com/,Example,OK\n";
    let entries = load_export("linkody.csv", csv.as_bytes()).unwrap();
    assert_eq!(
        lines_and_urls(&entries),
        owned(&[(2, "https://example.org/links")])
    );
}

#[test]
fn a_generic_url_column_is_used_when_nothing_more_specific_exists() {
    let csv = "Title,URL\nHome,https://example.org/\n";
    let entries = load_export("generic.csv", csv.as_bytes()).unwrap();
    assert_eq!(lines_and_urls(&entries), owned(&[(2, "https://example.org/")]));
}

#[test]
fn search_console_aggregates_are_refused_with_what_to_export() {
    let sites = refusal(
        "sites.csv",
        b"Site,Linking pages,Target pages\nexample.org,12,3\n",
    );
    assert!(
        sites.contains("\"Top linking sites\" export (counts per site, not links)"),
        "{sites}"
    );
    assert!(sites.contains("export \"Latest links\" instead"), "{sites}");
    let pages = refusal(
        "pages.csv",
        b"\xEF\xBB\xBFTarget page;Incoming links;Linking sites\nhttps://example.com/;4;2\n",
    );
    assert!(pages.contains("\"Top linked pages\""), "{pages}");
    let message = load_export("sites.csv", b"Linking site,Linking pages\n")
        .unwrap_err()
        .to_string();
    assert!(message.starts_with("`sites.csv` is not a list of links: this is Search Console's"));
}

#[test]
fn an_unknown_header_is_refused_listing_its_columns() {
    let reason = refusal("other.csv", b"Page,Anchor,Found on\nhttps://example.com/,x,y\n");
    assert!(
        reason.contains("columns seen: `Page`, `Anchor`, `Found on`"),
        "{reason}"
    );
    assert!(
        reason.contains("`Source url`") && reason.contains("`URL FROM`"),
        "{reason}"
    );
}

#[test]
fn a_headerless_list_whose_urls_hold_commas_is_still_a_list() {
    let list = "https://example.org/a,b\nhttps://example.org/c;d\n";
    let entries = load_export("list.txt", list.as_bytes()).unwrap();
    assert_eq!(
        lines_and_urls(&entries),
        owned(&[(1, "https://example.org/a,b"), (2, "https://example.org/c;d")])
    );
}

#[test]
fn invalid_utf8_in_a_cell_makes_only_that_entry_invalid() {
    let csv = b"Source url,Anchor\nhttps://example.org/\xFF,x\nhttps://example.org/ok,\xFE\n";
    let entries = load_export("bad.csv", csv).unwrap();
    let got = lines_and_urls(&entries);
    assert_eq!(got.len(), 2);
    assert!(got[0].1.contains("not valid UTF-8"), "{got:?}");
    assert_eq!(got[1], (3, "https://example.org/ok".to_string()));
}
