//! backlinks: a backlink auditor.
//!
//! The pipeline, one module per stage:
//! [`sources`] (inputs) → [`fetch`] (client, politeness, retries, robots.txt) →
//! [`extract`] (HTML → anchors and page facts) → [`analyze`] (anchor kinds,
//! summary) → [`report`] (a folder per document kind, a file per format),
//! driven by [`audit`]. [`discover`] reads web archives ([`archive`]) through
//! the same [`extract`]; [`domains`] answers from a web graph ([`graph`]) or
//! from what `discover` found.
//! [`cli`] and [`settings`] turn arguments into what a run needs; [`commands`]
//! runs each command.

pub mod analyze;
pub mod archive;
pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diff;
pub mod disavow;
pub mod discover;
pub mod domains;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod graph;
pub mod model;
pub mod render;
pub mod report;
#[cfg(test)]
pub(crate) mod sample;
pub mod settings;
pub mod sources;
pub mod store;
pub mod target;
pub mod words;
