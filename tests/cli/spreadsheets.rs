//! The CSV as a spreadsheet opens it: converted by LibreOffice (headless),
//! non-ASCII anchors and guarded formula cells must come through as written.
//! Skipped, saying why, when LibreOffice is not installed; never skipped when
//! `CI=true` (`.ci/run` installs it).

use crate::run::{required_program, Audit};
use crate::server::{Page, TestServer};
use std::path::Path;
use std::process::Command;

const ANCHOR: &str = "Gartengeräte für Ölbäume – 東京";
const FORMULA: &str = "=1+1";

/// LibreOffice's CSV filter: comma, double quote, UTF-8 (76), from line 1,
/// formulas evaluated (the 13th token), as a careless import would.
const IMPORT: &str = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true";
/// Written back as UTF-8 CSV.
const EXPORT: &str = "csv:Text - txt - csv (StarCalc):44,34,76,1";

fn convert(soffice: &Path, csv: &Path, dir: &Path) -> String {
    let out = dir.join("converted");
    let profile = url::Url::from_directory_path(dir.join("profile")).expect("a profile URL");
    let status = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--norestore"])
        .arg(format!("--infilter={IMPORT}"))
        .args(["--convert-to", EXPORT, "--outdir"])
        .arg(&out)
        .arg(csv)
        .env("HOME", dir)
        .status()
        .expect("run soffice");
    assert!(status.success(), "soffice failed: {status}");
    let name = csv.file_name().expect("a file name");
    std::fs::read_to_string(out.join(name)).expect("LibreOffice wrote UTF-8 CSV")
}

#[test]
fn libreoffice_reads_non_ascii_anchors_and_guarded_cells_as_written() {
    let Some(soffice) = required_program(
        &["soffice"],
        "libreoffice_reads_non_ascii_anchors_and_guarded_cells_as_written",
        "apt-get install libreoffice-calc-nogui",
    ) else {
        return;
    };
    let page = format!(
        "<html><body><p><a href=\"https://example.com/tools\">{ANCHOR}</a> and \
         <a href=\"https://example.com/sum\">{FORMULA}</a></p></body></html>"
    );
    let server = TestServer::with_pages(vec![("/page", Page::html(page))]);
    let audit = Audit::new("example.com").source(server.url("/page")).args([
        "--no-save",
        "-q",
        "--csv-bom",
        "-o",
        "report.csv",
    ]);
    audit.run().expect_code(0);
    let written = audit.dir().join("report.csv");
    assert!(std::fs::read(&written).unwrap().starts_with(b"\xEF\xBB\xBF"));

    let text = convert(&soffice, &written, audit.dir());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header").clone();
    assert_eq!(&header[0], "source_url", "the byte order mark is not in the name");
    let anchors: Vec<String> = reader
        .records()
        .map(|r| r.expect("a record")[4].to_string())
        .collect();
    assert!(anchors.iter().any(|a| a == ANCHOR), "{anchors:?}\n{text}");
    let formula = anchors
        .iter()
        .find(|a| a.contains("1+1"))
        .unwrap_or_else(|| panic!("the guarded cell is gone: {anchors:?}\n{text}"));
    assert!(
        formula == "'=1+1" || formula == "=1+1",
        "evaluated rather than kept as text: {formula:?}"
    );
}
