//! Tests of `load` as a whole: order, origins, relative paths, de-duplication.

mod discover;
mod exports;
mod fixtures;
mod props;

use super::*;

fn args(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn load_all(positional: &[&str], files: &[&str], stdin: &str) -> Vec<SourceEntry> {
    load(&args(positional), &args(files), &mut stdin.as_bytes()).unwrap()
}

/// Writes `files` (name, bytes) into a new temporary directory.
fn dir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn path_in(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).to_str().unwrap().to_string()
}

fn urls(entries: &[SourceEntry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| match &e.location {
            Ok(location) => location.url().to_string(),
            Err(reason) => format!("invalid: {reason}"),
        })
        .collect()
}

fn at(path: &str, line: usize) -> Origin {
    Origin::File {
        path: path.to_string(),
        line,
    }
}

#[test]
fn arguments_come_first_then_files_in_the_order_given() {
    let dir = dir_with(&[("a.txt", b"example.com/a1\n"), ("b.txt", b"example.com/b1\n")]);
    let (a, b) = (path_in(&dir, "a.txt"), path_in(&dir, "b.txt"));
    let entries = load_all(&["example.com/arg"], &[&b, "-", &a], "example.com/stdin\n");
    assert_eq!(
        urls(&entries),
        [
            "https://example.com/arg",
            "https://example.com/b1",
            "https://example.com/stdin",
            "https://example.com/a1"
        ]
    );
    let origins: Vec<_> = entries.iter().map(|e| e.origin.clone()).collect();
    assert_eq!(origins, [Origin::Argument, at(&b, 1), at("-", 1), at(&a, 1)]);
}

#[test]
fn input_is_the_trimmed_entry_text() {
    let entries = load_all(&["  example.com/x  "], &["-"], "\t HTTP://Example.com/y#f \r\n");
    let inputs: Vec<_> = entries.iter().map(|e| e.input.as_str()).collect();
    assert_eq!(inputs, ["example.com/x", "HTTP://Example.com/y#f"]);
}

#[test]
fn an_unreadable_file_stops_the_load_with_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let missing = path_in(&dir, "missing.txt");
    let error = load(&[], &args(&[&missing]), &mut "".as_bytes()).unwrap_err();
    assert!(matches!(&error, SourcesError::Read { path, .. } if *path == missing));
    let message = error.to_string();
    assert!(message.contains(&format!("`{missing}`")), "{message}");
    assert!(message.contains("`--sources -`"), "{message}");
}

#[test]
fn invalid_entries_name_their_file_and_line() {
    let dir = dir_with(&[("links.txt", b"# list\nexample.com\n\nhtp:/x\n")]);
    let links = path_in(&dir, "links.txt");
    let entries = load_all(&["mailto:a@example.com"], &[&links], "");
    let reasons: Vec<_> = entries.iter().filter_map(|e| e.location.clone().err()).collect();
    assert_eq!(reasons.len(), 2);
    assert!(reasons[0].starts_with("command line: `mailto:a@example.com` is not a usable URL: "));
    let expected = format!("{links}:4: `htp:/x` is not a usable URL: ");
    assert!(reasons[1].starts_with(&expected), "{}", reasons[1]);
}

#[test]
fn empty_arguments_and_list_files_as_arguments_are_invalid() {
    let dir = dir_with(&[("links.txt", b"example.com\n")]);
    let entries = load_all(&["  ", &path_in(&dir, "links.txt")], &[], "");
    let reasons: Vec<_> = entries.iter().filter_map(|e| e.location.clone().err()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert_eq!(reasons[0], "command line: an empty argument is not a URL");
    assert!(reasons[1].contains("pass it as `--sources "), "{}", reasons[1]);
}

#[test]
fn relative_paths_resolve_against_the_list_file() {
    let dir = dir_with(&[("page.html", b"<p>saved</p>")]);
    std::fs::create_dir(dir.path().join("lists")).unwrap();
    std::fs::write(dir.path().join("lists/links.txt"), "../page.html\n./page.html\n").unwrap();
    let entries = load_all(&[], &[&path_in(&dir, "lists/links.txt")], "");
    let page = std::fs::canonicalize(dir.path().join("page.html")).unwrap();
    match &entries[0].location {
        Ok(Location::File { path, url }) => {
            assert_eq!(path, &page);
            assert_eq!(url, &Url::from_file_path(&page).unwrap());
        }
        other => panic!("{other:?}"),
    }
    // `./page.html` is looked for next to the list, in `lists/`, where it is not.
    let reason = entries[1].location.clone().unwrap_err();
    let missing = dir.path().join("lists/page.html");
    assert!(
        reason.ends_with(&format!("{} does not exist", missing.display())),
        "{reason}"
    );
}

#[test]
fn stdin_and_arguments_resolve_against_the_current_directory() {
    let cwd = std::env::current_dir().unwrap();
    let entries = load_all(&["./no-such-page.html"], &["-"], "../no-such-page.html\n");
    let expected = [cwd.join("no-such-page.html"), cwd.join("../no-such-page.html")];
    for (entry, path) in entries.iter().zip(expected) {
        let reason = entry.location.clone().unwrap_err();
        assert!(
            reason.ends_with(&format!("{} does not exist", path.display())),
            "{reason}"
        );
    }
}

#[test]
fn duplicates_after_normalisation_keep_the_first_occurrence() {
    let stdin = "https://EXAMPLE.com/a#one\nexample.com/a\nhttps://example.com:443/a#two\n\
                 http://example.com/a\nhtp:/x\nhtp:/x\nhttps://example.com/b\n";
    let entries = load_all(&["example.com/b"], &["-"], stdin);
    assert_eq!(entries.len(), 4, "{entries:#?}");
    assert_eq!(entries[0].origin, Origin::Argument);
    assert_eq!(entries[1].input, "https://EXAMPLE.com/a#one");
    assert_eq!(entries[2].input, "http://example.com/a");
    assert_eq!(entries[3].input, "htp:/x");
    assert_eq!(entries[3].origin, at("-", 5));
}

#[test]
fn the_same_page_by_path_and_by_file_url_is_one_source() {
    let dir = dir_with(&[("page.html", b""), ("links.txt", b"./page.html\npage.html\n")]);
    let page = std::fs::canonicalize(dir.path().join("page.html")).unwrap();
    let file_url = Url::from_file_path(&page).unwrap().to_string();
    let entries = load_all(&[&file_url], &[&path_in(&dir, "links.txt")], "");
    assert_eq!(entries.len(), 1, "{entries:#?}");
    assert_eq!(entries[0].origin, Origin::Argument);
}

#[test]
fn rows_without_a_source_cell_are_each_kept() {
    let stdin = "Linking page,Last crawled\n,2024-01-01\n,2024-01-02\n";
    let entries = load_all(&[], &["-"], stdin);
    let reasons: Vec<_> = entries.iter().filter_map(|e| e.location.clone().err()).collect();
    assert_eq!(
        reasons,
        [
            "-:2: the `Linking page` cell is empty",
            "-:3: the `Linking page` cell is empty"
        ]
    );
}

#[test]
fn refusals_name_the_file() {
    let dir = dir_with(&[("top.csv", b"Site,Linking pages,Target pages\nexample.com,3,1\n")]);
    let top = path_in(&dir, "top.csv");
    let error = load(&[], &args(&[&top]), &mut "".as_bytes()).unwrap_err();
    assert!(matches!(&error, SourcesError::Refused { path, .. } if *path == top));
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("`{top}` is not a list of links: ")),
        "{message}"
    );
}

#[test]
fn an_empty_input_yields_no_entries() {
    assert_eq!(load_all(&[], &["-"], ""), []);
    assert_eq!(load_all(&[], &["-"], "\n# only a comment\n"), []);
}
