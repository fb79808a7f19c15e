//! The layers of `src/` (README "How the code is laid out"): every import
//! points down, so each layer can be read and tested without those above it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Each top-level module and its layer; a module may import its own layer's
/// siblings (in pipeline order) and anything below, never above.
const LAYERS: &[(&str, u8)] = &[
    ("main", 6),
    ("lib", 6),
    ("commands", 5),
    ("cli", 4),
    ("settings", 4),
    ("config", 4),
    ("audit", 3),
    ("discover", 3),
    ("domains", 3),
    ("store", 3),
    ("diff", 3),
    ("disavow", 3),
    ("sources", 2),
    ("archive", 2),
    ("graph", 2),
    ("fetch", 2),
    ("render", 2),
    ("extract", 2),
    ("analyze", 2),
    ("report", 2),
    ("model", 1),
    ("target", 1),
    ("error", 0),
    ("words", 0),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its test module and its comments (doc links
/// may name any module).
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(start) => &text[..start],
        None => text,
    };
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file names through `crate::`.
fn imports(code: &str) -> Vec<String> {
    code.match_indices("crate::")
        .map(|(at, prefix)| {
            code[at + prefix.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn every_import_in_src_points_down_a_layer_or_along_one() {
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        files.len() > 50,
        "found only {} files under {}",
        files.len(),
        src.display()
    );
    let mut upward = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        // Test code (unit tests, and the sample audits they share) may reach
        // anywhere.
        let is_test = relative.starts_with("sample")
            || relative.components().any(|c| c.as_os_str() == "tests")
            || relative.file_stem().is_some_and(|s| s == "tests");
        if is_test {
            continue;
        }
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let top = top.trim_end_matches(".rs");
        let own = *layers
            .get(top)
            .unwrap_or_else(|| panic!("`{top}` has no layer: add it to LAYERS and to the README"));
        let text = fs::read_to_string(file).unwrap();
        for named in imports(&code(&text)) {
            if let Some(&layer) = layers.get(named.as_str()) {
                if layer > own {
                    upward.push(format!("{}: {top} imports {named}", relative.display()));
                }
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(upward.is_empty(), "imports that point up:\n{}", upward.join("\n"));
}

#[test]
fn the_checker_sees_an_upward_import() {
    let found = imports(&code(
        "use crate::model::Link;\n// crate::cli in a comment\nuse crate::commands::run;",
    ));
    assert_eq!(found, ["model", "commands"]);
}
