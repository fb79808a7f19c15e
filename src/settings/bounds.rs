//! The bounds of every numeric setting, checked alike whether the value comes
//! from a flag or from `backlinks.toml` (README, "Settings", lists them). An
//! upper bound keeps an absurd value from overflowing a clock or a counter,
//! or from holding a run for days.

use std::time::Duration;

/// `--concurrency`: at most this many requests in flight in all.
pub const MAX_CONCURRENCY: usize = 1000;
/// `--per-host`: at most this many requests in flight to one host.
pub const MAX_PER_HOST: usize = 1000;
/// `--delay`: an hour, in milliseconds.
pub const MAX_DELAY_MS: u64 = 3_600_000;
/// `--timeout`: an hour, in seconds.
pub const MAX_TIMEOUT_SECS: f64 = 3600.0;
/// `--retries`.
pub const MAX_RETRIES: u32 = 10;
/// `--backoff`: an hour, in milliseconds.
pub const MAX_BACKOFF_MS: u64 = 3_600_000;
/// `--max-redirects`.
pub const MAX_REDIRECTS: usize = 100;
/// `--max-page-size`: 1 GiB.
pub const MAX_PAGE_SIZE: usize = 1 << 30;

/// A number of requests in flight: 1 to `max`.
pub fn in_flight(n: usize, max: usize) -> Result<usize, String> {
    match n {
        0 => Err("must be at least 1".into()),
        n if n > max => Err(format!("`{n}` is too many requests in flight: at most {max}")),
        n => Ok(n),
    }
}

/// A value of at most `max`; `too_much` says what a larger one is.
pub fn at_most<T: PartialOrd + std::fmt::Display>(value: T, max: T, too_much: &str) -> Result<T, String> {
    if value > max {
        Err(format!("`{value}` is {too_much}: at most {max}"))
    } else {
        Ok(value)
    }
}

/// A wait in milliseconds, at most an hour.
pub fn millis(ms: u64, max: u64, too_much: &str) -> Result<Duration, String> {
    at_most(ms, max, too_much)
        .map(Duration::from_millis)
        .map_err(|m| format!("{m} milliseconds (an hour)"))
}

/// A time-out in seconds: positive, at most an hour.
pub fn timeout(secs: f64) -> Result<Duration, String> {
    if !(secs.is_finite() && secs > 0.0) {
        return Err(format!("`{secs}` is not a positive number of seconds"));
    }
    let secs = at_most(secs, MAX_TIMEOUT_SECS, "too long for a time-out")
        .map_err(|m| format!("{m} seconds (an hour)"))?;
    Ok(Duration::from_secs_f64(secs))
}

/// `--max-page-size`: a size, from 1 byte to 1 GiB.
pub fn page_size(text: &str) -> Result<usize, String> {
    let bytes = parse_size(text)?;
    if bytes > MAX_PAGE_SIZE {
        return Err(format!("`{text}` is too large for a page: at most 1GiB"));
    }
    Ok(bytes)
}

/// The units a size may end with, in any case, and what each multiplies by.
const UNITS: [(&str, u64); 11] = [
    ("", 1),
    ("b", 1),
    ("k", 1_000),
    ("kb", 1_000),
    ("m", 1_000_000),
    ("mb", 1_000_000),
    ("g", 1_000_000_000),
    ("gb", 1_000_000_000),
    ("kib", 1 << 10),
    ("mib", 1 << 20),
    ("gib", 1 << 30),
];

/// Bytes: a whole number with an optional unit, in any case and with or
/// without a space: `B`; `K`, `KB`, `M`, `MB`, `G`, `GB` (×1000); `KiB`,
/// `MiB`, `GiB` (×1024). `5M`, `5mb`, `5 MB` and `5000000` are all the same.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    if digits.is_empty() {
        return Err(format!("`{text}` is not a size (for example 5MiB or 1000000)"));
    }
    if unit.starts_with(['.', ',']) {
        return Err(format!(
            "`{text}` is not a whole number of bytes (use a smaller unit: 1536KiB for 1.5MiB)"
        ));
    }
    let unit = unit.trim().to_ascii_lowercase();
    let Some(&(_, factor)) = UNITS.iter().find(|(name, _)| *name == unit) else {
        return Err(format!(
            "`{text}` has an unknown unit (use bytes, or K, KB, M, MB, G, GB, KiB, MiB, GiB)"
        ));
    };
    let too_large = || format!("`{text}` is too large");
    let n: u64 = digits.parse().map_err(|_| too_large())?;
    match n.checked_mul(factor) {
        Some(0) => Err("must be more than 0".into()),
        Some(bytes) => usize::try_from(bytes).map_err(|_| too_large()),
        None => Err(too_large()),
    }
}
