//! One entry's text → a usable location (an http(s) URL or a saved page on
//! disk), or the reason it is not one. Reasons leave out the origin; the caller
//! puts `file:line:` in front.

use std::io::ErrorKind;
use std::path::Path;

use url::Url;

use super::Location;

/// Resolves an entry. Relative paths resolve against `base` (a sources file's
/// directory; empty for the current directory).
pub(crate) fn locate(text: &str, base: &Path) -> Result<Location, String> {
    let shown = super::shorten(text, 120);
    if text.contains('\u{fffd}') {
        return Err(format!(
            "`{shown}` holds bytes that are not valid UTF-8 (save the file as UTF-8, or UTF-16 with a BOM)"
        ));
    }
    if text.chars().any(char::is_control) {
        return Err(format!("`{shown}` holds a line break or a control character"));
    }
    if starts_with_ignore_case(text, "file:") {
        return file_url(text, &shown);
    }
    if text.starts_with("//") {
        // Protocol-relative, as pages write them: `//example.com/a`.
        return http(&format!("https:{text}"), &shown, true);
    }
    if is_explicit_path(text) {
        return local_file(&base.join(text), &shown);
    }
    if has_scheme(text) {
        return http(text, &shown, false);
    }
    let path = base.join(text);
    if has_html_extension(text) && path.is_file() {
        return local_file(&path, &shown);
    }
    http(&format!("https://{text}"), &shown, true)
}

/// For a positional argument that names a list file: the hint to pass it with
/// `--sources` instead of fetching `https://links.txt/`.
pub(crate) fn list_file_argument(text: &str) -> Option<String> {
    let is_list = ["txt", "csv", "tsv", "list"]
        .iter()
        .any(|ext| extension_is(text, ext));
    (is_list && !has_scheme(text) && Path::new(text).is_file())
        .then(|| format!("`{text}` is a file: pass it as `--sources {text}` to read the links in it"))
}

/// An http(s) location; `https_assumed` when the entry had no scheme and
/// `https:` was put in front of it.
fn http(text: &str, shown: &str, https_assumed: bool) -> Result<Location, String> {
    let not_usable = |why: String| format!("`{shown}` is not a usable URL: {why}");
    let mut url = Url::parse(text).map_err(|error| not_usable(error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(not_usable(format!(
            "only http and https pages can be fetched, not `{}:`",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(not_usable("it has no host".to_string()));
    }
    url.set_fragment(None);
    Ok(Location::Http { url, https_assumed })
}

fn file_url(text: &str, shown: &str) -> Result<Location, String> {
    let url = Url::parse(text).map_err(|error| format!("`{shown}` is not a usable URL: {error}"))?;
    let path = url.to_file_path().map_err(|()| {
        format!("`{shown}` is not a usable file URL: only files on this machine can be read")
    })?;
    local_file(&path, shown)
}

/// A saved page: the canonical absolute path and its `file://` URL.
fn local_file(path: &Path, shown: &str) -> Result<Location, String> {
    let not_readable = |why: String| format!("`{shown}` is not a readable file: {why}");
    let canonical = std::fs::canonicalize(path).map_err(|error| match error.kind() {
        ErrorKind::NotFound => {
            let shown_path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            not_readable(format!("{} does not exist", shown_path.display()))
        }
        _ => not_readable(error.to_string()),
    })?;
    if !canonical.is_file() {
        return Err(not_readable(format!(
            "{} is not a file (give a saved HTML page)",
            canonical.display()
        )));
    }
    let url = Url::from_file_path(&canonical)
        .map_err(|()| not_readable("its path cannot be written as a file URL".to_string()))?;
    Ok(Location::File { path: canonical, url })
}

fn is_explicit_path(text: &str) -> bool {
    text.starts_with('/') || text.starts_with("./") || text.starts_with("../")
}

/// `mailto:`, `htp://`, `javascript:` have a scheme; `example.com:8080/x` and
/// `localhost:3000` have a port.
fn has_scheme(text: &str) -> bool {
    if text.contains("://") {
        return true;
    }
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let valid_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let is_port = digits > 0 && matches!(rest[digits..].chars().next(), None | Some('/' | '?' | '#'));
    valid_scheme && !is_port
}

fn has_html_extension(text: &str) -> bool {
    extension_is(text, "html") || extension_is(text, "htm")
}

fn extension_is(text: &str, extension: &str) -> bool {
    Path::new(text)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case(extension))
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests;
