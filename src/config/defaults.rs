//! The default of every setting, in one place: `--help`, `backlinks init` and the
//! settings merge all read them from here.

use crate::report::Format;

/// `--concurrency`: requests in flight in all.
pub const CONCURRENCY: usize = 32;
/// `--per-host`: requests in flight to one host.
pub const PER_HOST: usize = 2;
/// `--delay`: milliseconds between the starts of two requests to one host.
pub const DELAY_MS: u64 = 0;
/// `--timeout`: seconds for one request, body included, and for parsing one page.
pub const TIMEOUT_SECS: f64 = 20.0;
/// `--retries`: retries after a time-out, connection error, 429, 502, 503, 504.
pub const RETRIES: u32 = 2;
/// `--backoff`: milliseconds before the first retry.
pub const BACKOFF_MS: u64 = 500;
/// `--max-redirects`.
pub const MAX_REDIRECTS: usize = 10;
/// `--max-page-size`: decoded bytes read per page (5 MiB).
pub const MAX_PAGE_SIZE: usize = 5 * 1024 * 1024;
/// `--format`.
pub const FORMAT: Format = Format::Table;
/// The settings file read from the current directory when `--config` is not given.
pub const CONFIG_FILE: &str = "backlinks.toml";

/// `--user-agent`: the tool and its version.
pub fn user_agent() -> String {
    format!("backlinks/{}", env!("CARGO_PKG_VERSION"))
}

/// A byte count as a person writes it: `5MiB`, `64KiB`, `1000`.
pub fn size_text(bytes: usize) -> String {
    const MIB: usize = 1 << 20;
    const KIB: usize = 1 << 10;
    match bytes {
        0 => "0".to_string(),
        b if b % MIB == 0 => format!("{}MiB", b / MIB),
        b if b % KIB == 0 => format!("{}KiB", b / KIB),
        b => b.to_string(),
    }
}

/// A `--help` line with its default, as clap shows them: `TEXT [default: VALUE]`.
pub fn help(text: &str, default: impl std::fmt::Display) -> String {
    format!("{text} [default: {default}]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::parse_size;

    #[test]
    fn sizes_read_back_as_written() {
        assert_eq!(size_text(MAX_PAGE_SIZE), "5MiB");
        assert_eq!(size_text(2048), "2KiB");
        assert_eq!(size_text(1000), "1000");
        for bytes in [MAX_PAGE_SIZE, 2048, 1000, 3 << 30] {
            assert_eq!(parse_size(&size_text(bytes)), Ok(bytes));
        }
    }
}
