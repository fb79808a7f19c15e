//! What every CSV report shares: records written through the `csv` crate with
//! I/O errors kept as they are, the words for booleans, and the guard against
//! cells a spreadsheet would run as formulas.

use std::borrow::Cow;
use std::io::{self, Write};

/// The UTF-8 byte order mark `--csv-bom` starts a CSV report with.
pub(super) const BOM: &[u8] = "\u{feff}".as_bytes();

/// A CSV writer onto `out`, having written the byte order mark first when asked.
pub(super) fn start(out: &mut dyn Write, bom: bool) -> io::Result<::csv::Writer<&mut dyn Write>> {
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

/// A spreadsheet runs a cell starting with one of these as a formula; a
/// leading `'` makes it text.
pub(super) fn formula_safe(cell: Cow<'_, str>) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
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
