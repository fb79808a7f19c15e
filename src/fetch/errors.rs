//! Network failures as one plain phrase each; the raw chain only when asked (`-v`).

use std::error::Error as _;

/// A phrase for a failed request: "time-out", "DNS lookup failed", "TLS error",
/// "connection refused", ... With `verbose`, the error chain follows it.
pub fn describe(error: &reqwest::Error, verbose: bool) -> String {
    let chain = chain_text(error);
    let lower = chain.to_ascii_lowercase();
    let phrase = if error.is_timeout() {
        "time-out"
    } else if lower.contains("dns error")
        || lower.contains("failed to lookup address")
        || lower.contains("name or service not known")
    {
        "DNS lookup failed"
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
        "TLS error"
    } else if lower.contains("connection refused") {
        "connection refused"
    } else if lower.contains("connection reset") {
        "connection reset by the server"
    } else if error.is_connect() {
        "could not connect"
    } else if error.is_body() || error.is_decode() {
        "the response body could not be read"
    } else {
        "request failed"
    };
    if verbose {
        format!("{phrase} ({chain})")
    } else {
        phrase.to_string()
    }
}

fn chain_text(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
