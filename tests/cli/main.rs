//! End-to-end tests of the `backlinks` binary against a local HTTP server.
//! One test binary, so the suite links once; one module per area of docs/reference.md.

// The library's own copy of the wire format, which its unit tests use too; an
// integration test cannot see the library's test modules, hence the path.
#[path = "../../src/report/audit/tests/mirror.rs"]
mod mirror;

mod run;
mod server;

mod analysis;
mod bounds;
mod broken_targets;
mod browser;
mod config;
mod content;
mod contract;
mod demo;
mod directives;
mod disavow;
mod discover;
mod domains;
mod exit_codes;
mod extraction;
mod failure_reasons;
mod fetching;
mod first_screen;
mod formats;
mod history;
mod hostile_text;
mod input_bounds;
mod json_format;
mod layering;
mod outputs;
mod parsing_time;
mod private_addresses;
mod render;
mod report_files;
mod robots;
mod server_selftest;
mod source_inputs;
mod spreadsheets;
mod statuses;
mod targets;
mod unreadable;
mod verdicts;
