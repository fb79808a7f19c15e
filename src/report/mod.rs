//! Reports: a folder per document kind, a file per format in each.
//!
//! - [`audit`]: an audit, written as its results arrive and finished with the
//!   whole report;
//! - [`diff`]: what changed between two saved audits;
//! - [`history`]: the list of saved audits.
//!
//! A new kind gets its own folder with `csv.rs`, `json.rs`, `jsonl.rs`,
//! `markdown.rs` and `table.rs`; a new format gets a file in every folder.
//! What a format needs whatever the kind (CSV records and formula guards, JSON
//! framing, Markdown escaping and capped tables, terminal tables and headings)
//! lives once here, in the file named after the format; so does the wording
//! every kind shares ([`text`]). Nothing here touches the network.

pub mod atomic;
pub mod audit;
mod csv;
pub mod diff;
pub mod discover;
pub mod domains;
mod format;
pub mod history;
mod html;
mod json;
mod markdown;
pub mod sanitize;
mod table;
mod text;

pub use format::{Format, RenderOptions};
pub(crate) use text::target_label;
