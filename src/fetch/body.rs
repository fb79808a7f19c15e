//! Reading a body with a cap on its decoded size. reqwest inflates gzip, deflate
//! and brotli as the body streams, so counting the chunks we receive bounds the
//! memory a compression bomb can take.

/// A body read up to a limit.
pub struct CappedBody {
    pub bytes: Vec<u8>,
    /// More bytes followed the limit; they were not read.
    pub truncated: bool,
}

pub async fn read_capped(
    response: &mut reqwest::Response,
    limit: usize,
) -> Result<CappedBody, reqwest::Error> {
    let hint = response.content_length().unwrap_or(0).min(limit as u64) as usize;
    let mut bytes = Vec::with_capacity(hint);
    while let Some(chunk) = response.chunk().await? {
        let room = limit - bytes.len();
        if chunk.len() > room {
            bytes.extend_from_slice(&chunk[..room]);
            return Ok(CappedBody {
                bytes,
                truncated: true,
            });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(CappedBody {
        bytes,
        truncated: false,
    })
}
