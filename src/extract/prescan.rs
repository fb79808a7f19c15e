//! The HTML standard's "prescan a byte stream to determine its encoding":
//! `<meta charset>` or `<meta http-equiv="Content-Type" content="...charset=...">`
//! in the first bytes of a page, skipping comments and other tags' attributes.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How far into the body a `<meta>` declaration counts.
pub(crate) const PRESCAN_BYTES: usize = 1024;

/// The encoding a `<meta>` in the first [`PRESCAN_BYTES`] of `body` declares.
pub(crate) fn meta_charset(body: &[u8]) -> Option<&'static Encoding> {
    let bytes = &body[..body.len().min(PRESCAN_BYTES)];
    let mut pos = 0;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        if rest.starts_with(b"<!--") {
            // `<!-->` closes too: the `--` of the opener counts.
            pos += 2 + find(&rest[2..], b"-->")? + 3;
        } else if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            pos += 5;
            if let Some(encoding) = meta_tag(bytes, &mut pos)? {
                return Some(encoding);
            }
        } else if rest.len() > 1
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic()
                || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Another tag: skip its name and attributes so a `>` in a quoted
            // value does not end it.
            pos += rest.iter().position(|&b| is_space(b) || b == b'>')?;
            while attribute(bytes, &mut pos)?.is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            pos += rest.iter().position(|&b| b == b'>')? + 1;
        } else {
            pos += 1;
        }
    }
    None
}

/// Reads a meta tag's attributes from `pos`. `Some(None)`: no declaration here.
fn meta_tag(bytes: &[u8], pos: &mut usize) -> Option<Option<&'static Encoding>> {
    let mut got_pragma = false;
    let mut need_pragma = None;
    let mut charset = None;
    let mut seen: Vec<Vec<u8>> = Vec::new();
    while let Some((name, value)) = attribute(bytes, pos)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value.eq_ignore_ascii_case(b"content-type"),
            b"content" if charset.is_none() => {
                if let Some(label) = charset_in_content(&value) {
                    charset = Encoding::for_label(label);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Encoding::for_label(&value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let declared = match need_pragma {
        Some(true) if !got_pragma => None,
        Some(_) => charset,
        None => None,
    };
    // Bytes that spell out `<meta` are not UTF-16, whatever they declare.
    Some(declared.map(|encoding| match encoding {
        e if e == UTF_16BE || e == UTF_16LE => UTF_8,
        e if e == X_USER_DEFINED => WINDOWS_1252,
        e => e,
    }))
}

/// The standard's "get an attribute": name lowercased, value unquoted.
/// `Some(None)` at the end of the tag; `None` when the bytes run out.
fn attribute(bytes: &[u8], pos: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    while bytes.get(*pos).is_some_and(|&b| is_space(b) || b == b'/') {
        *pos += 1;
    }
    if *bytes.get(*pos)? == b'>' {
        *pos += 1;
        return Some(None);
    }
    let mut name = Vec::new();
    loop {
        let b = *bytes.get(*pos)?;
        if !name.is_empty() && (b == b'=' || is_space(b) || b == b'/' || b == b'>') {
            break;
        }
        name.push(b.to_ascii_lowercase());
        *pos += 1;
    }
    while bytes.get(*pos).is_some_and(|&b| is_space(b)) {
        *pos += 1;
    }
    if *bytes.get(*pos)? != b'=' {
        return Some(Some((name, Vec::new())));
    }
    *pos += 1;
    while bytes.get(*pos).is_some_and(|&b| is_space(b)) {
        *pos += 1;
    }
    let mut value = Vec::new();
    let quote = *bytes.get(*pos)?;
    if quote == b'"' || quote == b'\'' {
        *pos += 1;
        loop {
            let b = *bytes.get(*pos)?;
            *pos += 1;
            if b == quote {
                return Some(Some((name, value)));
            }
            value.push(b.to_ascii_lowercase());
        }
    }
    while let Some(&b) = bytes.get(*pos) {
        if is_space(b) || b == b'>' {
            return Some(Some((name, value)));
        }
        value.push(b.to_ascii_lowercase());
        *pos += 1;
    }
    None
}

/// The standard's "extract a character encoding from a meta element": the label
/// after `charset=` in a `content` value.
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let mut rest = content;
    loop {
        let at = find(rest, b"charset")?;
        rest = &rest[at + 7..];
        let after = skip_spaces(rest);
        if let Some(value) = after.strip_prefix(b"=") {
            rest = skip_spaces(value);
            break;
        }
    }
    match rest.first()? {
        &quote @ (b'"' | b'\'') => {
            let value = &rest[1..];
            value.iter().position(|&b| b == quote).map(|end| &value[..end])
        }
        _ => {
            let end = rest
                .iter()
                .position(|&b| is_space(b) || b == b';')
                .unwrap_or(rest.len());
            Some(&rest[..end]).filter(|v| !v.is_empty())
        }
    }
}

fn skip_spaces(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| !is_space(b)).unwrap_or(bytes.len());
    &bytes[start..]
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{KOI8_R, SHIFT_JIS, WINDOWS_1251};

    fn declared(html: &str) -> Option<&'static str> {
        meta_charset(html.as_bytes()).map(Encoding::name)
    }

    #[test]
    fn meta_charset_attribute() {
        assert_eq!(declared("<meta charset=windows-1251>"), Some(WINDOWS_1251.name()));
        assert_eq!(
            declared("<html><head><META CHARSET='KOI8-R'/>"),
            Some(KOI8_R.name())
        );
        assert_eq!(declared("<meta charset=\"shift_jis\">"), Some(SHIFT_JIS.name()));
        assert_eq!(declared("<meta charset=latin1>"), Some("windows-1252"));
    }

    #[test]
    fn http_equiv_content_type() {
        let html = r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#;
        assert_eq!(declared(html), Some("windows-1251"));
        let html = r#"<meta content='text/html;charset="ISO-8859-1"' http-equiv=content-type>"#;
        assert_eq!(declared(html), Some("windows-1252"));
    }

    #[test]
    fn content_without_http_equiv_does_not_count() {
        assert_eq!(
            declared(r#"<meta name="x" content="charset=windows-1251">"#),
            None
        );
    }

    #[test]
    fn utf16_declarations_mean_utf8() {
        assert_eq!(declared("<meta charset=utf-16>"), Some("UTF-8"));
        assert_eq!(declared("<meta charset=utf-16be>"), Some("UTF-8"));
        assert_eq!(declared("<meta charset=x-user-defined>"), Some("windows-1252"));
    }

    #[test]
    fn comments_and_quoted_attributes_are_skipped() {
        assert_eq!(
            declared("<!-- <meta charset=koi8-r> --><meta charset=windows-1251>"),
            Some("windows-1251")
        );
        assert_eq!(declared("<!--><meta charset=koi8-r>"), Some("KOI8-R"));
        assert_eq!(declared("<div title='<meta charset=koi8-r>'>"), None);
        assert_eq!(declared("<metadata charset=koi8-r>"), None);
    }

    #[test]
    fn unknown_labels_and_late_declarations_are_ignored() {
        assert_eq!(declared("<meta charset=no-such-thing>"), None);
        let late = format!("<p>{}</p><meta charset=windows-1251>", "x".repeat(PRESCAN_BYTES));
        assert_eq!(declared(&late), None);
        assert_eq!(declared("<meta charset="), None);
        assert_eq!(declared(""), None);
    }
}
