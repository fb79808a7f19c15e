//! Whether a page runs scripts: what `--render auto` renders a page without
//! a link for. A look at the `<script` tags of the fetched bytes only (any
//! charset that keeps ASCII as ASCII), so pages the prefilter skips are
//! judged too.

/// Script types that run (HTML's JavaScript MIME types, `module`, none).
fn runs(type_value: &[u8]) -> bool {
    let value = String::from_utf8_lossy(type_value).trim().to_ascii_lowercase();
    value.is_empty()
        || value == "module"
        || matches!(
            value.split(';').next().unwrap_or_default().trim(),
            "text/javascript"
                | "application/javascript"
                | "application/ecmascript"
                | "application/x-javascript"
                | "text/ecmascript"
                | "text/jscript"
                | "text/x-javascript"
        )
}

/// Whether `html` has a `<script>` element that runs: one with no `type`, or
/// a JavaScript one. Data blocks (`application/ld+json`, templates) do not.
pub fn runs_scripts(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = find_script_tag(&bytes[from..]) {
        let start = from + at + "<script".len();
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |p| start + p);
        if runs(type_attribute(&bytes[start..end]).unwrap_or_default()) {
            return true;
        }
        from = end;
    }
    false
}

/// Where the next `<script` followed by white space, `>` or `/` starts.
fn find_script_tag(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(p) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + p;
        let rest = &bytes[start + 1..];
        if rest.len() >= 6
            && rest[..6].eq_ignore_ascii_case(b"script")
            && rest
                .get(6)
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// The value of a `type` attribute among a tag's attributes, quoted or not.
fn type_attribute(attributes: &[u8]) -> Option<&[u8]> {
    let mut search = 0;
    while let Some(p) = attributes[search..]
        .windows(4)
        .position(|w| w.eq_ignore_ascii_case(b"type"))
    {
        let at = search + p;
        let starts_name =
            at == 0 || matches!(attributes[at - 1], b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
        let mut rest = &attributes[at + 4..];
        rest = rest.trim_ascii_start();
        if starts_name {
            if let Some(value) = rest.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                return Some(match value.first() {
                    Some(&quote @ (b'"' | b'\'')) => {
                        value[1..].split(|&b| b == quote).next().unwrap_or_default()
                    }
                    _ => value
                        .split(|b| b.is_ascii_whitespace())
                        .next()
                        .unwrap_or_default(),
                });
            }
        }
        search = at + 4;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::runs_scripts;

    #[test]
    fn scripts_that_run_are_seen_in_any_case_and_with_any_javascript_type() {
        assert!(runs_scripts(b"<p>x</p><script>go()</script>"));
        assert!(runs_scripts(b"<SCRIPT SRC=/app.js></SCRIPT>"));
        assert!(runs_scripts(b"<script type=module src=a.js></script>"));
        assert!(runs_scripts(
            b"<script type='text/javascript; charset=utf-8'>x</script>"
        ));
        assert!(runs_scripts(
            b"<script\ntype=\"application/javascript\">x</script>"
        ));
        assert!(runs_scripts(b"<script data-type=\"x\">x</script>"));
    }

    #[test]
    fn data_blocks_and_look_alikes_do_not_run() {
        assert!(!runs_scripts(b"<p>no scripts</p>"));
        assert!(!runs_scripts(b"<script type=\"application/ld+json\">{}</script>"));
        assert!(!runs_scripts(
            b"<script type=text/template><a href=x>y</a></script>"
        ));
        assert!(!runs_scripts(
            b"<scripts>not a script</scripts><noscript>x</noscript>"
        ));
    }

    #[test]
    fn a_running_script_after_a_data_block_is_found() {
        assert!(runs_scripts(
            b"<script type=application/ld+json>{}</script><script>x()</script>"
        ));
    }
}
