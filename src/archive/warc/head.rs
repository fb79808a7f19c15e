//! A record's named fields → [`RecordHead`].

use crate::archive::{RecordHead, RecordKind};

/// The fields discovery reads, gathered line by line.
#[derive(Default)]
pub(super) struct Fields {
    kind: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    length: Option<String>,
    /// The field a continuation line extends (`None`: one we do not keep).
    last: Option<Field>,
    seen_any: bool,
}

#[derive(Clone, Copy)]
enum Field {
    Kind,
    TargetUri,
    Date,
    ContentType,
    Length,
}

impl Fields {
    /// Takes one header line (its line end removed); `Err` says why it is
    /// not a field.
    pub(super) fn push(&mut self, line: &[u8]) -> Result<(), String> {
        let text = String::from_utf8_lossy(line);
        if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
            // A folded line continues the field above it (WARC 1.1 section 5.3).
            if !self.seen_any {
                return Err("a continuation line opens the header".into());
            }
            if let Some(field) = self.last {
                let value = self.slot(field).get_or_insert_with(String::new);
                value.push(' ');
                value.push_str(text.trim());
            }
            return Ok(());
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(format!("header line without a colon: {}", shorten(&text)));
        };
        self.seen_any = true;
        let name = name.trim();
        self.last = [
            ("WARC-Type", Field::Kind),
            ("WARC-Target-URI", Field::TargetUri),
            ("WARC-Date", Field::Date),
            ("Content-Type", Field::ContentType),
            ("Content-Length", Field::Length),
        ]
        .into_iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|(_, field)| field);
        if let Some(field) = self.last {
            *self.slot(field) = Some(value.trim().to_string());
        }
        Ok(())
    }

    fn slot(&mut self, field: Field) -> &mut Option<String> {
        match field {
            Field::Kind => &mut self.kind,
            Field::TargetUri => &mut self.target_uri,
            Field::Date => &mut self.date,
            Field::ContentType => &mut self.content_type,
            Field::Length => &mut self.length,
        }
    }

    /// The head, once the blank line ended the fields.
    pub(super) fn into_head(self, offset: u64) -> Result<RecordHead, String> {
        let length = match self.length.as_deref() {
            None => return Err("no Content-Length".into()),
            Some(text) => text
                .parse::<u64>()
                .map_err(|_| format!("Content-Length is not a number: {}", shorten(text)))?,
        };
        let kind = match self.kind.as_deref() {
            None => return Err("no WARC-Type".into()),
            Some(text) => kind(text),
        };
        Ok(RecordHead {
            offset,
            kind,
            target_uri: self.target_uri.map(|uri| unbracket(&uri).to_string()),
            date: self.date,
            content_type: self.content_type,
            length,
        })
    }
}

fn kind(text: &str) -> RecordKind {
    const KINDS: [(&str, RecordKind); 8] = [
        ("warcinfo", RecordKind::Warcinfo),
        ("response", RecordKind::Response),
        ("resource", RecordKind::Resource),
        ("request", RecordKind::Request),
        ("metadata", RecordKind::Metadata),
        ("revisit", RecordKind::Revisit),
        ("conversion", RecordKind::Conversion),
        ("continuation", RecordKind::Continuation),
    ];
    KINDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(text))
        .map_or(RecordKind::Other, |(_, kind)| *kind)
}

/// WARC 1.0 wrote `WARC-Target-URI: <http://…>`; 1.1 drops the brackets.
fn unbracket(uri: &str) -> &str {
    uri.strip_prefix('<')
        .and_then(|inner| inner.strip_suffix('>'))
        .unwrap_or(uri)
}

/// The start of a text from the archive, for a one-line message.
pub(super) fn shorten(text: &str) -> String {
    let cut: String = text.chars().take(60).collect();
    let cut = cut.escape_debug().to_string();
    if text.chars().count() > 60 {
        format!("\"{cut}…\"")
    } else {
        format!("\"{cut}\"")
    }
}
