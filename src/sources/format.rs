//! Is a sources file a plain list or another tool's export? Decided from its
//! first non-blank line, as docs/reference.md (Sources) says.

use super::columns::{self, Aggregate, SourceColumn};

/// Delimiters an export may use, in order of preference: a tab never occurs in a
/// URL, and some Search Console locales write `;`.
const DELIMITERS: [u8; 3] = [b'\t', b';', b','];

/// How to read a sources file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One entry per line.
    PlainList,
    /// A CSV/TSV export whose header record starts at byte `header_start`.
    Export {
        delimiter: u8,
        column: SourceColumn,
        header_start: usize,
    },
}

/// Chooses the layout, or explains why the file is not a list of links.
pub(crate) fn detect(text: &str) -> Result<Layout, String> {
    let Some(mut header_start) = first_non_blank_line(text, 0) else {
        return Ok(Layout::PlainList);
    };
    // Spreadsheets write a `sep=;` line before the header to name the delimiter.
    if is_excel_separator_line(&text[header_start..]) {
        let next_line = text[header_start..]
            .find('\n')
            .map_or(text.len(), |at| header_start + at + 1);
        match first_non_blank_line(text, next_line) {
            Some(start) => header_start = start,
            None => return Ok(Layout::PlainList),
        }
    }
    let from_header = &text[header_start..];
    let first_line = from_header.lines().next().unwrap_or_default();
    if first_line.trim_start().starts_with('#') {
        return Ok(Layout::PlainList);
    }
    let delimiters: Vec<u8> = DELIMITERS
        .into_iter()
        .filter(|&d| first_line.as_bytes().contains(&d))
        .collect();
    // Without a delimiter the line is one cell: a header only if it is a known name.
    let candidates = if delimiters.is_empty() {
        vec![b',']
    } else {
        delimiters
    };
    let headers: Vec<(u8, Vec<String>)> = candidates
        .into_iter()
        .map(|d| (d, first_record(from_header, d)))
        .collect();

    let best_column = headers
        .iter()
        .filter_map(|(d, cells)| columns::find_source_column(cells).map(|c| (*d, c)))
        .min_by_key(|(_, column)| column.rank);
    let aggregate = headers.iter().find_map(|(_, cells)| Aggregate::detect(cells));
    if let Some((delimiter, column)) = best_column {
        // A `Linking page` column makes a link list even beside count columns;
        // a bare `URL` column does not.
        if aggregate.is_none() || column.rank == columns::Rank::Specific {
            return Ok(Layout::Export {
                delimiter,
                column,
                header_start,
            });
        }
    }
    match aggregate {
        Some(aggregate) => Err(aggregate.refusal()),
        None => refuse_unknown_header(&headers),
    }
}

/// A delimited first line that names no source column is refused when it reads as
/// a header (no cell looks like a link); otherwise the file is a plain list whose
/// first URL happens to hold a `,` or `;`.
fn refuse_unknown_header(headers: &[(u8, Vec<String>)]) -> Result<Layout, String> {
    let widest = headers.iter().max_by_key(|(_, cells)| cells.len());
    match widest {
        Some((_, cells)) if cells.len() >= 2 && !cells.iter().any(|c| looks_like_location(c)) => {
            let seen = cells.iter().map(|cell| super::shorten(cell.trim(), 60));
            Err(format!(
                "its header names no column of linking pages (columns seen: {}; \
                 names recognised: {}): rename the column that holds the linking pages \
                 to `URL`, or give a plain list with one URL per line",
                columns::quote_list(seen),
                columns::known_names(),
            ))
        }
        _ => Ok(Layout::PlainList),
    }
}

fn is_excel_separator_line(text: &str) -> bool {
    let line = text.lines().next().unwrap_or_default().trim();
    line.len() == 5 && line.is_char_boundary(4) && line[..4].eq_ignore_ascii_case("sep=")
}

/// The byte offset of the first line at or after `from` with more than white space.
fn first_non_blank_line(text: &str, from: usize) -> Option<usize> {
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        if !line.trim().is_empty() {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// A reader of an export's records: rows of any length, the header record
/// being one of them, so the header and the rows are read alike.
pub(crate) fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// The cells of the first record, read the way the rows will be read.
pub(crate) fn first_record(text: &str, delimiter: u8) -> Vec<String> {
    let mut reader = csv_reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// A cell that reads as a URL, a path or a host name (`example.com/a`), the kind
/// of text a header never holds.
pub(crate) fn looks_like_location(cell: &str) -> bool {
    let cell = cell.trim();
    if cell.contains("://") || ["/", "./", "../"].iter().any(|p| cell.starts_with(p)) {
        return true;
    }
    if cell.is_empty() || cell.chars().any(char::is_whitespace) {
        return false;
    }
    let host = cell.split(['/', '?', '#']).next().unwrap_or_default();
    let bytes = host.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes
            .windows(2)
            .any(|pair| pair[0] == b'.' && pair[1].is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column_of(text: &str) -> (char, String) {
        match detect(text) {
            Ok(Layout::Export {
                delimiter, column, ..
            }) => (delimiter as char, column.name),
            other => panic!("not an export: {other:?}"),
        }
    }

    #[test]
    fn plain_lists_and_empty_files_are_plain() {
        for text in [
            "",
            "\n  \n",
            "https://example.com/\nexample.org\n",
            "# my links, checked; weekly\nexample.com\n",
            "https://example.com/a,b;c\n",
            "example.com/page;jsessionid=1,2\n",
            "https://example.com/\tnote\n",
            "Links\n",
        ] {
            assert_eq!(detect(text), Ok(Layout::PlainList), "{text:?}");
        }
    }

    #[test]
    fn delimiter_follows_the_header() {
        assert_eq!(
            column_of("Linking page,Last crawled\n"),
            (',', "Linking page".into())
        );
        assert_eq!(
            column_of("Linking page;Last crawled\n"),
            (';', "Linking page".into())
        );
        assert_eq!(
            column_of("Referring page URL\tTarget URL\n"),
            ('\t', "Referring page URL".into())
        );
    }

    #[test]
    fn the_delimiter_that_yields_a_known_column_wins() {
        // Split on `,` the header has no known column; split on `;` it has.
        assert_eq!(
            column_of("\"Title, long\";Source url\n"),
            (';', "Source url".into())
        );
    }

    #[test]
    fn a_single_known_column_is_a_header() {
        assert_eq!(column_of("URL\nhttps://example.com/\n"), (',', "URL".into()));
        assert_eq!(
            column_of("\n\n  Linking page \nexample.com\n"),
            (',', "Linking page".into())
        );
    }

    #[test]
    fn header_starts_after_leading_blank_lines() {
        let Ok(Layout::Export { header_start, .. }) = detect("\n \nURL,Title\n") else {
            panic!("not an export");
        };
        assert_eq!(header_start, 3);
    }

    #[test]
    fn an_excel_separator_line_is_skipped() {
        let text = "sep=;\r\nLinking page;Last crawled\r\nhttps://example.com/;x\r\n";
        let Ok(Layout::Export { header_start, .. }) = detect(text) else {
            panic!("not an export");
        };
        assert_eq!(header_start, 7);
        assert_eq!(detect("sep=,\n"), Ok(Layout::PlainList));
        assert_eq!(detect("sep=,\nexample.com\n"), Ok(Layout::PlainList));
    }

    #[test]
    fn aggregates_are_refused_with_their_name() {
        let error = detect("Site,Linking pages,Target pages\nexample.com,3,1\n").unwrap_err();
        assert!(error.contains("Top linking sites"), "{error}");
        let error = detect("Top linked pages;Incoming links;Linking sites\n").unwrap_err();
        assert!(error.contains("Top linked pages"), "{error}");
    }

    #[test]
    fn unknown_headers_are_refused_listing_the_columns() {
        let error = detect("Verweisende Seite;Zuletzt gecrawlt\nhttps://example.com/;2024\n").unwrap_err();
        assert!(
            error.contains("`Verweisende Seite`, `Zuletzt gecrawlt`"),
            "{error}"
        );
        assert!(error.contains("`Linking page`"), "{error}");
        assert!(error.contains("`Referring page URL`"), "{error}");
    }

    #[test]
    fn a_delimited_line_with_a_link_is_not_a_header() {
        for line in [
            "https://example.com/,2024-01-01",
            "example.com;x",
            "/tmp/a.html,b",
        ] {
            assert_eq!(detect(line), Ok(Layout::PlainList), "{line}");
        }
    }

    #[test]
    fn location_heuristic() {
        for yes in [
            "https://x",
            "example.com",
            "www.example.com/a",
            "127.0.0.1:80",
            "/p",
        ] {
            assert!(looks_like_location(yes), "{yes}");
        }
        for no in ["Last crawled", "No.", "Domain rating", "", "U.R.L. of page"] {
            assert!(!looks_like_location(no), "{no}");
        }
    }
}
