//! A Common Crawl WAT record (a `metadata` record whose block is JSON) → the
//! page it describes and its links, as the archive recorded them.
//!
//! The layout: `Envelope` → `WARC-Header-Metadata` (the capture's
//! `WARC-Type`, `WARC-Target-URI`, `WARC-Date`) and `Payload-Metadata` →
//! `HTTP-Response-Metadata` (`Response-Message.Status`, `Headers`) →
//! `HTML-Metadata` (`Head` → `Base`, `Metas`; `Links`). Every key may be
//! missing. Since December 2024 a repeated HTTP header is a JSON list of its
//! values; before, a single string.

use serde::Deserialize;
use serde_json::Value;

/// A captured page, from its WAT record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WatPage {
    pub url: String,
    /// The capture's `WARC-Date`, as written.
    pub date: Option<String>,
    pub status: Option<u16>,
    /// The response's `Content-Type` header.
    pub content_type: Option<String>,
    /// `<base href>`, as written.
    pub base: Option<String>,
    /// `content` of `<meta name=robots>` and `<meta name=googlebot>`.
    pub meta_robots: Vec<String>,
    /// `X-Robots-Tag` header values.
    pub x_robots_tag: Vec<String>,
    pub links: Vec<WatLink>,
}

/// A link as the WAT records it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct WatLink {
    /// Where it came from: `A@/href`, `AREA@/href`, `IMG@/src`, `FORM@/action`…
    #[serde(default)]
    pub path: String,
    /// As written in the page, not resolved.
    #[serde(default)]
    pub url: String,
    /// The anchor text, cut by Common Crawl (at 128 characters).
    #[serde(default)]
    pub text: Option<String>,
    /// Only in WATs of newer crawls.
    #[serde(default)]
    pub rel: Option<String>,
}

impl WatPage {
    /// The page's hyperlinks: `A@/href` and `AREA@/href` only.
    pub fn anchors(&self) -> impl Iterator<Item = &WatLink> {
        self.links
            .iter()
            .filter(|l| l.path == "A@/href" || l.path == "AREA@/href")
    }
}

/// Parses a WAT record's block. `Ok(None)`: a record that describes no page
/// (warcinfo, request, metadata, or a response without HTTP metadata).
pub fn parse_wat(block: &[u8]) -> Result<Option<WatPage>, String> {
    let wat: Wat = serde_json::from_slice(block).map_err(|e| format!("WAT JSON does not parse: {e}"))?;
    let warc = wat.envelope.warc_header;
    if !warc
        .kind
        .as_deref()
        .is_some_and(|k| k.eq_ignore_ascii_case("response"))
    {
        return Ok(None);
    }
    let Some(http) = wat.envelope.payload.http_response else {
        return Ok(None);
    };
    let url = warc.target_uri.ok_or("a WAT response without WARC-Target-URI")?;
    let headers = headers(http.headers.as_ref());
    let header = |name: &str| -> Vec<String> {
        headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .collect()
    };
    let html = http.html.unwrap_or_default();
    let head = html.head.unwrap_or_default();
    Ok(Some(WatPage {
        url: unbracket(&url).to_string(),
        date: warc.date,
        status: http.message.and_then(|m| number(m.status.as_ref()?)),
        content_type: header("Content-Type").into_iter().next(),
        base: head.base.as_ref().and_then(base),
        meta_robots: head
            .metas
            .iter()
            .filter(|m| {
                m.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case("robots") || n.eq_ignore_ascii_case("googlebot"))
            })
            .filter_map(|m| m.content.clone())
            .collect(),
        x_robots_tag: header("X-Robots-Tag"),
        links: html.links,
    }))
}

#[derive(Deserialize)]
struct Wat {
    #[serde(rename = "Envelope")]
    envelope: Envelope,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Envelope {
    #[serde(rename = "WARC-Header-Metadata")]
    warc_header: WarcHeader,
    #[serde(rename = "Payload-Metadata")]
    payload: Payload,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WarcHeader {
    #[serde(rename = "WARC-Type")]
    kind: Option<String>,
    #[serde(rename = "WARC-Target-URI")]
    target_uri: Option<String>,
    #[serde(rename = "WARC-Date")]
    date: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Payload {
    #[serde(rename = "HTTP-Response-Metadata")]
    http_response: Option<HttpResponse>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HttpResponse {
    #[serde(rename = "Response-Message")]
    message: Option<Message>,
    /// An object of strings, or (since December 2024) of strings and lists.
    #[serde(rename = "Headers")]
    headers: Option<Value>,
    #[serde(rename = "HTML-Metadata")]
    html: Option<Html>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Message {
    #[serde(rename = "Status")]
    status: Option<Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Html {
    #[serde(rename = "Head")]
    head: Option<Head>,
    #[serde(rename = "Links")]
    links: Vec<WatLink>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Head {
    #[serde(rename = "Base")]
    base: Option<Value>,
    #[serde(rename = "Metas")]
    metas: Vec<Meta>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Meta {
    name: Option<String>,
    content: Option<String>,
}

/// The headers as (name, value) pairs, a list's values each a pair.
fn headers(value: Option<&Value>) -> Vec<(String, String)> {
    let Some(Value::Object(map)) = value else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, value) in map {
        match value {
            Value::String(text) => out.push((name.clone(), text.clone())),
            Value::Array(values) => out.extend(
                values
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|text| (name.clone(), text.to_string())),
            ),
            _ => {}
        }
    }
    out
}

/// `"200"` or `200`.
fn number(value: &Value) -> Option<u16> {
    match value {
        Value::String(text) => text.trim().parse().ok(),
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        _ => None,
    }
}

/// `Base` as a string, or an object with its `href`.
fn base(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Object(map) => map.get("href").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

fn unbracket(uri: &str) -> &str {
    uri.strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or(uri)
}

#[cfg(test)]
mod tests;
