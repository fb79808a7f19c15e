//! Rows of a CSV/TSV export → entries from its source column. Exports are often
//! malformed (Majestic writes stray quotes), so no row ever stops the reading: a
//! row without a usable cell becomes an entry with a problem.

use super::columns::SourceColumn;
use super::format::{csv_reader, first_record};
use super::RawEntry;

/// The entries of an export whose header record starts at byte `header_start`.
pub(crate) fn read(text: &str, delimiter: u8, column: &SourceColumn, header_start: usize) -> Vec<RawEntry> {
    let lines = LineIndex::new(text);
    let body = &text[header_start..];
    let mut reader = csv_reader(body, delimiter);
    let mut record = csv::StringRecord::new();
    let mut entries = Vec::new();
    let mut is_header = true;
    loop {
        let before = reader.position().byte();
        let read = reader.read_record(&mut record);
        let start = header_start + skip_line_ends(body, before as usize);
        let end = header_start + reader.position().byte() as usize;
        match read {
            Ok(false) => break,
            Ok(true) if std::mem::take(&mut is_header) => {}
            Ok(true) => {
                let cells: Vec<&str> = record.iter().collect();
                let span = &text[start..end];
                match swallowed_lines(span, start, delimiter, column) {
                    Some(rows) => {
                        for (offset, line) in rows {
                            let cells = first_record(line, delimiter);
                            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                            entries.extend(entry_of(&cells, column, lines.line_of(offset)));
                        }
                    }
                    None => entries.extend(entry_of(&cells, column, lines.line_of(start))),
                }
            }
            Err(error) => {
                let problem = format!("the row cannot be read as CSV: {error}");
                entries.push(RawEntry::invalid(lines.line_of(start), problem));
                // An error that consumes nothing would repeat for ever.
                if reader.position().byte() == before {
                    break;
                }
            }
        }
    }
    entries
}

/// The entry of one row, or `None` for a row with nothing in it.
fn entry_of(cells: &[&str], column: &SourceColumn, line: usize) -> Option<RawEntry> {
    if cells.iter().all(|cell| super::trim_entry(cell).is_empty()) {
        return None;
    }
    let name = &column.name;
    Some(match cells.get(column.index) {
        None => RawEntry::invalid(
            line,
            format!("the row has no `{name}` cell (it has {} cells)", cells.len()),
        ),
        Some(cell) if super::trim_entry(cell).is_empty() => {
            RawEntry::invalid(line, format!("the `{name}` cell is empty"))
        }
        Some(cell) => RawEntry::new(line, super::trim_entry(cell)),
    })
}

/// An unbalanced quote makes the CSV reader swallow the rows after it into one
/// cell. A record spanning several lines of which a later one, read alone, has a
/// URL in the source column is such a case: its lines are then read one by one.
/// A quoted cell that really holds line breaks (an anchor text) is left whole.
fn swallowed_lines<'a>(
    span: &'a str,
    start: usize,
    delimiter: u8,
    column: &SourceColumn,
) -> Option<Vec<(usize, &'a str)>> {
    let span = span.trim_end_matches(['\r', '\n']);
    if !span.contains('\n') {
        return None;
    }
    let mut offset = start;
    let mut lines = Vec::new();
    for line in span.split_inclusive('\n') {
        if !line.trim().is_empty() {
            lines.push((offset, line));
        }
        offset += line.len();
    }
    let later_row_has_url = lines.iter().skip(1).any(|(_, line)| {
        first_record(line, delimiter)
            .get(column.index)
            .is_some_and(|cell| starts_like_http(cell.trim()))
    });
    later_row_has_url.then_some(lines)
}

fn starts_like_http(cell: &str) -> bool {
    let lower = cell.get(..8).unwrap_or(cell).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The CSV reader reports where the previous record ended; the next one starts
/// after any line ends (it skips empty lines).
fn skip_line_ends(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or_default();
    from + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
}

/// Byte offset → 1-based physical line number.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let breaks = text.match_indices('\n').map(|(at, _)| at + 1);
        LineIndex {
            starts: std::iter::once(0).chain(breaks).collect(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::super::format::{detect, Layout};
    use super::*;

    /// (line, text, problem) of each entry of an export.
    fn rows(text: &str) -> Vec<(usize, String, Option<String>)> {
        let Ok(Layout::Export {
            delimiter,
            column,
            header_start,
        }) = detect(text)
        else {
            panic!("not an export: {text:?}");
        };
        read(text, delimiter, &column, header_start)
            .into_iter()
            .map(|e| (e.line, e.text, e.problem))
            .collect()
    }

    fn ok(line: usize, text: &str) -> (usize, String, Option<String>) {
        (line, text.to_string(), None)
    }

    #[test]
    fn the_source_column_is_read_with_physical_line_numbers() {
        let text = "\n\nTarget URL,Source URL,Anchor\nhttps://t/,https://example.com/a,x\n\n\
                    https://t/, example.com/b ,y\r\n";
        assert_eq!(
            rows(text),
            vec![ok(4, "https://example.com/a"), ok(6, "example.com/b")]
        );
    }

    #[test]
    fn quoted_line_breaks_keep_later_line_numbers_right() {
        let text = "Source url,Anchor\n\
                    https://example.com/a,\"two\nlines\"\n\
                    https://example.com/b,plain\n";
        assert_eq!(
            rows(text),
            vec![ok(2, "https://example.com/a"), ok(4, "https://example.com/b")]
        );
    }

    #[test]
    fn short_rows_and_empty_cells_become_problems_not_aborts() {
        let text = "Anchor,Source URL\nonly one cell\n,\n\"a\",\"\"\nx,https://example.com/\n";
        let got = rows(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, 2);
        assert!(
            got[0].2.as_deref().unwrap().contains("no `Source URL` cell"),
            "{got:?}"
        );
        assert_eq!(got[1].0, 4);
        assert!(got[1].2.as_deref().unwrap().contains("cell is empty"), "{got:?}");
        assert_eq!(got[2], ok(5, "https://example.com/"));
    }

    #[test]
    fn an_unbalanced_quote_does_not_swallow_the_rows_after_it() {
        let text = "Source URL,Anchor Text,Flag\n\
                    https://example.com/1,\"broken anchor,0\n\
                    https://example.com/2,fine,0\n\
                    https://example.com/3,\"quoted\",0\n\
                    https://example.com/4,fine,0\n";
        let got: Vec<_> = rows(text)
            .into_iter()
            .map(|(line, text, _)| (line, text))
            .collect();
        let expected: Vec<_> = (1..=4)
            .map(|n| (n + 1, format!("https://example.com/{n}")))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn line_index_counts_physical_lines() {
        let index = LineIndex::new("a\nbb\n\nc");
        assert_eq!([0, 1, 2, 4, 5, 6].map(|at| index.line_of(at)), [1, 1, 2, 2, 3, 4]);
    }
}
