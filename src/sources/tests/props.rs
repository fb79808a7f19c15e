//! Properties of source-list parsing: no input panics, plain lists map line to
//! entry one to one.

use proptest::prelude::*;

use super::*;

/// Lines that are URLs, near-URLs, paths, comments, blanks or anything at all.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ \t]*(https?://)?[a-z0-9.-]{1,12}(/[a-z0-9#?=&.;,]{0,10})?[ \t]*",
        "[ \t]*#[^\n]{0,20}",
        "[ \t]{0,3}",
        "(\\./|\\.\\./|/|file://)[a-z.]{0,10}",
        "[^\n]{0,30}",
    ]
}

/// Export rows with quotes, delimiters and line breaks in awkward places.
fn export_row() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z \"]{0,8},(https://)?[a-z]{1,6}\\.example(/[a-z,]{0,4})?",
        "\"[a-z ,\n]{0,10}\"?,[a-z:/.\"]{0,12}",
        "[a-z,;\"\n\r\t ]{0,20}",
    ]
}

proptest! {
    #[test]
    fn no_input_makes_load_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let result = load(&[], &args(&["-"]), &mut bytes.as_slice());
        let read_failed = matches!(result, Err(SourcesError::Read { .. }));
        prop_assert!(!read_failed, "reading a byte slice cannot fail");
    }

    #[test]
    fn every_reason_names_its_origin(text in "[^\u{0}]{0,300}") {
        if let Ok(entries) = load(&[], &args(&["-"]), &mut text.as_bytes()) {
            for entry in entries {
                if let Err(reason) = &entry.location {
                    let prefix = format!("{}: ", entry.origin);
                    prop_assert!(reason.starts_with(&prefix), "{}", reason);
                }
            }
        }
    }

    #[test]
    fn export_rows_keep_their_line_order(rows in proptest::collection::vec(export_row(), 0..20)) {
        let text = format!("Anchor,Source url\n{}", rows.join("\n"));
        let line_count = text.lines().count().max(1);
        let entries = parse("links.csv", &text, std::path::Path::new("")).unwrap();
        let lines: Vec<usize> = entries
            .iter()
            .map(|entry| match entry.origin {
                Origin::File { line, .. } => line,
                Origin::Argument => 0,
            })
            .collect();
        prop_assert!(lines.windows(2).all(|pair| pair[0] <= pair[1]), "{:?}", lines);
        prop_assert!(lines.iter().all(|&line| (2..=line_count).contains(&line)), "{:?}", lines);
        // A lone carriage return also ends a CSV record.
        prop_assert!(entries.len() <= rows.len() + text.matches(['\n', '\r']).count());
    }

    #[test]
    fn a_plain_list_gives_one_entry_per_entry_line(lines in proptest::collection::vec(line(), 0..30)) {
        // A leading comment makes the file a plain list whatever follows.
        let text = format!("# list\n{}", lines.join("\n"));
        let dir = tempfile::tempdir().unwrap();
        let entries = parse("links.txt", &text, dir.path()).unwrap();
        let expected: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .map(|(index, line)| (index + 1, trim_entry(line)))
            .filter(|(_, entry)| !entry.is_empty() && !entry.starts_with('#'))
            .collect();
        let got: Vec<(usize, &str)> = entries
            .iter()
            .map(|entry| match entry.origin {
                Origin::File { line, .. } => (line, entry.input.as_str()),
                Origin::Argument => (0, entry.input.as_str()),
            })
            .collect();
        prop_assert_eq!(&got, &expected);
        for entry in &entries {
            if let Err(reason) = &entry.location {
                let prefix = format!("{}: ", entry.origin);
                prop_assert!(reason.starts_with(&prefix), "{}", reason);
            }
        }
        let count = entries.len();
        let unique = dedupe(entries);
        prop_assert!(unique.len() <= count);
        let mut seen = HashSet::new();
        for entry in &unique {
            if let Ok(location) = &entry.location {
                prop_assert!(seen.insert(location.url().clone()), "duplicate {}", location.url());
                prop_assert!(location.url().fragment().is_none());
            }
        }
    }
}
