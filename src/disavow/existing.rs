//! Reading a disavow file a person may have written: which domains it already
//! covers, how big it is against Google's limits, and the common mistakes in it.
//! Nothing here changes a byte of it.

use super::MAX_URL_CHARS;
use std::collections::BTreeMap;
use url::Url;

/// What an existing disavow file holds.
#[derive(Debug, Default)]
pub struct Existing {
    /// Domains of well-formed `domain:` lines (lowercase), with their line.
    domains: BTreeMap<String, usize>,
    /// Lines as Google counts them (blank and comment lines included).
    pub lines: usize,
    pub bytes: usize,
    /// Whether the last line ends with a line break.
    pub ends_with_newline: bool,
    /// `\r\n` when the file's first line ends so, else `\n`.
    pub newline: &'static str,
    /// Mistakes, each starting with its line: `line 4: ...`.
    pub warnings: Vec<String>,
}

impl Existing {
    pub fn read(bytes: &[u8]) -> Existing {
        let mut existing = Existing::measure(bytes);
        let mut urls = UrlLines::default();
        for (index, raw) in lines(bytes).enumerate() {
            let number = index + 1;
            existing.lines = number;
            let text = existing.decode(number, raw);
            existing.entry(number, text.trim(), &mut urls);
        }
        // A domain line may come after the URLs it covers.
        for (number, host) in urls.hosts {
            if let Some((domain, line)) = existing.covering(&host) {
                let message = format!("lists a URL that `domain:{domain}` on line {line} already covers");
                existing.warn(number, message);
            }
        }
        existing.warnings.sort_by_key(|w| line_number(w));
        existing
    }

    /// The size and line breaks of the file, before any line is read.
    fn measure(bytes: &[u8]) -> Existing {
        Existing {
            bytes: bytes.len(),
            ends_with_newline: bytes.is_empty() || bytes.ends_with(b"\n"),
            newline: if first_line_ends_with_crlf(bytes) {
                "\r\n"
            } else {
                "\n"
            },
            ..Existing::default()
        }
    }

    /// Line `number` as text, without its `\r` or a leading byte order mark;
    /// bytes that are not UTF-8 are replaced, and warned about.
    fn decode(&mut self, number: usize, raw: &[u8]) -> String {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = match std::str::from_utf8(raw) {
            Ok(text) => text.to_string(),
            Err(_) => {
                self.warn(
                    number,
                    "is not valid UTF-8: Google reads UTF-8 or 7-bit ASCII".into(),
                );
                String::from_utf8_lossy(raw).into_owned()
            }
        };
        match number {
            1 => text.trim_start_matches('\u{feff}').to_string(),
            _ => text,
        }
    }

    /// Checks line `number`, trimmed: a `domain:` line, a URL, a blank or
    /// comment line, or a mistake.
    fn entry(&mut self, number: usize, line: &str, urls: &mut UrlLines) {
        if line.is_empty() || line.starts_with('#') {
            return;
        }
        let chars = line.chars().count();
        if chars > MAX_URL_CHARS {
            self.warn(
                number,
                format!("is {chars} characters long: Google accepts URLs of up to 2,048"),
            );
        }
        if line
            .get(..7)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("domain:"))
        {
            self.domain_line(number, line);
        } else if let Some(url) = Url::parse(line)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
        {
            if let Err(first) = urls.record(number, &url) {
                self.warn(number, format!("repeats the URL of line {first}"));
            }
        } else {
            self.warn(number, not_an_entry(line));
        }
    }

    /// The `domain:` line that covers `host` (the host itself or a parent), if any.
    pub fn covering(&self, host: &str) -> Option<(&str, usize)> {
        let mut rest = host;
        loop {
            if let Some((domain, line)) = self.domains.get_key_value(rest) {
                return Some((domain, *line));
            }
            rest = rest.split_once('.')?.1;
        }
    }

    fn domain_line(&mut self, number: usize, line: &str) {
        let (prefix, value) = line.split_at(7);
        let value = value.trim();
        let mut well_formed = true;
        if prefix != "domain:" {
            well_formed = false;
            self.warn(
                number,
                format!(
                    "starts with `{prefix}`: Google expects lowercase `domain:` and may ignore this line"
                ),
            );
        }
        let suggestion = suggested_host(value);
        let hint = match &suggestion {
            Some(host) => format!("write `domain:{host}`"),
            None => "write `domain:` and the bare host".to_string(),
        };
        if value.is_empty() {
            self.warn(number, "is `domain:` with no domain".into());
            return;
        }
        if value.contains("://") {
            self.warn(number, format!("has a scheme after `domain:` ({hint})"));
            return;
        }
        if value.contains('/') {
            self.warn(number, format!("has a path after `domain:`: a path cannot be disavowed this way ({hint}, or list the URLs)"));
            return;
        }
        if value.starts_with('.') {
            self.warn(number, format!("has a leading dot after `domain:` ({hint})"));
            return;
        }
        let Some(host) = domain_name(value) else {
            self.warn(number, format!("is not a domain after `domain:` ({hint})"));
            return;
        };
        if let Some(first) = self.domains.get(&host) {
            self.warn(number, format!("repeats `domain:{host}` of line {first}"));
        } else if well_formed {
            self.domains.insert(host, number);
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(format!("line {line}: {message}"));
    }
}

/// The URL lines read so far.
#[derive(Default)]
struct UrlLines {
    /// Each URL, with the line it first appears on.
    first_lines: BTreeMap<String, usize>,
    /// The host of each URL, lowercase, with that line.
    hosts: Vec<(usize, String)>,
}

impl UrlLines {
    /// Notes the URL of line `number`; `Err` with the line it first appeared
    /// on when it repeats one.
    fn record(&mut self, number: usize, url: &Url) -> Result<(), usize> {
        let key = url.as_str().to_string();
        if let Some(&first) = self.first_lines.get(&key) {
            return Err(first);
        }
        self.first_lines.insert(key, number);
        if let Some(host) = url.host_str() {
            self.hosts
                .push((number, host.trim_end_matches('.').to_ascii_lowercase()));
        }
        Ok(())
    }
}

/// The file's lines, without their `\n`: none for an empty file, one blank
/// line for "\n".
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    body.split(|&b| b == b'\n')
        .take(if bytes.is_empty() { 0 } else { usize::MAX })
}

/// A `domain:` value as a host name: lowercase, in punycode (Unicode is
/// accepted), without a trailing dot. `None` for an IP address or anything that
/// is not a plain name, as the URL parser reads hosts (`0` is an IPv4 address).
pub fn domain_name(value: &str) -> Option<String> {
    match url::Host::parse(value.trim().trim_end_matches('.')) {
        Ok(url::Host::Domain(name)) => {
            let plain = name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
            (plain && !name.starts_with('.') && !name.contains("..")).then_some(name)
        }
        _ => None,
    }
}

/// The host a person most likely meant: `https://Spam.net/x` → `spam.net`.
fn suggested_host(value: &str) -> Option<String> {
    let with_scheme = if value.contains("://") {
        value.to_string()
    } else {
        format!("http://{value}")
    };
    let url = Url::parse(&with_scheme).ok()?;
    let host = url.host_str()?.trim_start_matches('.').trim_end_matches('.');
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn not_an_entry(line: &str) -> String {
    let shown: String = line.chars().take(60).collect();
    match suggested_host(line).filter(|h| !line.contains(char::is_whitespace) && h.contains('.')) {
        Some(host) => format!(
            "`{shown}` is neither a URL nor a `domain:` line: Google may reject the file (write `domain:{host}` for the whole domain)"
        ),
        None => format!("`{shown}` is neither a URL, a `domain:` line nor a `#` comment: Google may reject the file"),
    }
}

fn first_line_ends_with_crlf(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && bytes[i - 1] == b'\r')
}

/// The N of `line N: ...`, to keep warnings in file order.
fn line_number(warning: &str) -> usize {
    warning
        .strip_prefix("line ")
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
