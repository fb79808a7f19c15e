//! `Transfer-Encoding: chunked` undone, leniently, as warcio does.

/// The chunks' data joined. Where a chunk-size line does not parse, the bytes
/// from that line on are taken as they are: servers send unchunked bodies
/// under a `chunked` header, and warcio reads them so. A last chunk cut short
/// keeps what is there.
pub(super) fn decode(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    while !rest.is_empty() {
        let Some(newline) = rest.iter().position(|&b| b == b'\n') else {
            out.extend_from_slice(rest);
            break;
        };
        let Some(size) = chunk_size(&rest[..newline]) else {
            out.extend_from_slice(rest);
            break;
        };
        if size == 0 {
            // The last chunk; trailers are not payload.
            break;
        }
        let data = &rest[newline + 1..];
        let take = data.len().min(usize::try_from(size).unwrap_or(usize::MAX));
        out.extend_from_slice(&data[..take]);
        rest = &data[take..];
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
    out
}

/// `1a3f`, `1a3f;name=value`, with or without `\r`.
fn chunk_size(line: &[u8]) -> Option<u64> {
    let line = std::str::from_utf8(line).ok()?;
    let hex = line.split(';').next()?.trim();
    if hex.is_empty() || hex.len() > 16 {
        return None;
    }
    u64::from_str_radix(hex, 16).ok()
}
