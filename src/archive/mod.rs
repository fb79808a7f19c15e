//! Web archives → captured pages, streamed, never loaded whole (SPEC section
//! 10). The layers, each a file:
//!
//! - [`open`]: an archive's bytes from a path, standard input or an
//!   `http(s)://` URL (a dropped connection resumes with a Range request);
//!   [`manifest`]: `--archives` lists, `--base-url`, `--shard`;
//! - [`gzip`]: gzip members one at a time, with the offset of each, and a
//!   resynchronisation past a corrupt one;
//! - [`warc`]: WARC 1.0/1.1 records ([`Record`]) from plain or gzip input;
//! - [`http`]: the HTTP response a `response` record holds: status, headers,
//!   payload with chunked transfer and content encoding undone;
//! - [`wat`]: a Common Crawl WAT `metadata` record → the page and its links
//!   as the archive recorded them.
//!
//! Nothing here knows about targets or reports: `discover` drives it.

pub mod gzip;
pub mod http;
mod manifest;
mod open;
mod record;
pub mod warc;
pub mod wat;

pub use manifest::{parse_base_url, read_manifest, Location, ManifestError, Shard, COMMON_CRAWL_BASE};
pub use open::{open, open_sized, RemoteOptions};
pub use record::{Damage, Record, RecordHead, RecordKind};
