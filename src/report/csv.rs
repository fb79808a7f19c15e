//! What every CSV report shares: records written through the `csv` crate with
//! I/O errors kept as they are, the words for booleans, and the guards every
//! cell passes: no control character or escape sequence, and nothing a
//! spreadsheet would run as a formula.

use super::sanitize::cell_safe;
use std::borrow::Cow;
use std::io::{self, Write};

/// The UTF-8 byte order mark `--csv-bom` starts a CSV report with.
pub(super) const BOM: &[u8] = "\u{feff}".as_bytes();

/// A CSV writer onto `out`, having written the byte order mark first when asked.
pub(super) fn start<W: Write>(mut out: W, bom: bool) -> io::Result<::csv::Writer<W>> {
    if bom {
        out.write_all(BOM)?;
    }
    Ok(::csv::Writer::from_writer(out))
}

pub(super) fn write_record<W: Write>(
    csv: &mut ::csv::Writer<W>,
    cells: &[impl AsRef<str>],
) -> io::Result<()> {
    csv.write_record(cells.iter().map(|cell| cell.as_ref().as_bytes()))
        .map_err(into_io_error)
}

pub(super) fn bool_word(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// A cell as every CSV report writes it: escape sequences, controls and bidi
/// overrides removed as in the table (a sequence would run in a terminal
/// that shows the file), but tabs and line feeds kept, since quoted CSV holds
/// them ([`cell_safe`]); then guarded by [`formula_safe`]. A cell that started
/// a formula before it was cleaned (a carriage return, then `=`) is guarded too.
pub(super) fn safe_cell(cell: Cow<'_, str>) -> Cow<'_, str> {
    let guard_raw = starts_formula(&cell);
    let clean = match cell_safe(&cell) {
        Cow::Borrowed(_) => cell,
        Cow::Owned(clean) => Cow::Owned(clean),
    };
    if guard_raw && !starts_formula(&clean) {
        Cow::Owned(format!("'{clean}"))
    } else {
        formula_safe(clean)
    }
}

/// A spreadsheet runs a cell starting with one of these as a formula; a
/// leading `'` makes it text.
fn formula_safe(cell: Cow<'_, str>) -> Cow<'_, str> {
    if starts_formula(&cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
}

fn starts_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The I/O error behind a csv error, so a broken pipe stays a broken pipe.
fn into_io_error(err: ::csv::Error) -> io::Error {
    match err.into_kind() {
        ::csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_start_a_formula_get_a_quote() {
        for cell in ["=1+1", "+1", "-5", "@SUM(A1)", "\tx", "\rx", "=", "-"] {
            assert_eq!(formula_safe(Cow::Borrowed(cell)), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn controls_and_escape_sequences_leave_every_cell() {
        let cases = [
            ("Click\u{1b}[31mRED\u{1b}[0m here\u{7}", "ClickRED here"),
            ("a\u{7f}b\u{85}c\u{202e}d\u{2066}e", "abcde"),
            ("line\nbreak\r\nand\ttab", "line\nbreak\nand\ttab"),
            ("\u{1b}]0;pwned\u{7}Evil", "Evil"),
            ("plain", "plain"),
        ];
        for (raw, clean) in cases {
            assert_eq!(safe_cell(Cow::Borrowed(raw)), clean, "{raw:?}");
        }
    }

    #[test]
    fn a_cell_that_starts_a_formula_once_cleaned_or_before_is_guarded() {
        assert_eq!(safe_cell(Cow::Borrowed("\u{7}=1+1")), "'=1+1");
        assert_eq!(safe_cell(Cow::Borrowed("\u{1b}[0m@SUM(A1)")), "'@SUM(A1)");
        assert_eq!(safe_cell(Cow::Borrowed("\t=1+1")), "'\t=1+1");
        assert_eq!(safe_cell(Cow::Borrowed("\r=1+1")), "'=1+1");
        assert_eq!(safe_cell(Cow::Borrowed("\rx")), "'x");
        assert_eq!(safe_cell(Cow::Borrowed("=1")), "'=1");
        assert_eq!(safe_cell(Cow::Borrowed("a=b")), "a=b");
    }

    #[test]
    fn other_cells_stay_as_they_are() {
        for cell in [
            "",
            "5",
            "a=b",
            " =1",
            "'quoted",
            "x-y",
            "https://a.example/-x",
            "\u{ff1d}1",
        ] {
            assert_eq!(formula_safe(Cow::Borrowed(cell)), cell, "{cell:?}");
        }
    }
}
