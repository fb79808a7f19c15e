//! How a command ends, and the exit code each ending gives (README "Exit codes").
//! A leaf: every layer may name these types, and this module names none of theirs.

mod printable;

use std::fmt::Write as _;
use std::io;

pub use printable::{is_unsafe_char, printable};

/// Exit code of a run with nothing to report against it.
pub const EXIT_OK: u8 = 0;
/// Exit code when a `--fail-on` condition holds.
pub const EXIT_FAIL_ON: u8 = 1;
/// Exit code of a usage or input error: bad flag, unreadable file, no valid
/// source, unwritable output.
pub const EXIT_USAGE: u8 = 2;
/// Exit code of an interrupted run (128 + SIGINT).
pub const EXIT_INTERRUPTED: u8 = 130;

/// How a command that ran to its end ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done, and no `--fail-on` condition holds.
    Clean,
    /// These `--fail-on` conditions hold, one line each.
    Failed(Vec<String>),
    /// Ctrl-C or SIGTERM: the reports hold what was done, marked partial.
    Interrupted,
}

impl Outcome {
    pub fn exit_code(&self) -> u8 {
        match self {
            Outcome::Clean => EXIT_OK,
            Outcome::Failed(_) => EXIT_FAIL_ON,
            Outcome::Interrupted => EXIT_INTERRUPTED,
        }
    }
}

/// A usage error found by the command layer itself (a flag that contradicts
/// the history, an input with nothing to audit): the message says what to do.
/// Errors of the stages keep their own types; all of them exit with
/// [`EXIT_USAGE`], since the tool fails only on what the user gave it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The exit code of a command that failed: quiet success when standard output
/// closed early (`backlinks ... | head` has what it wanted), else [`EXIT_USAGE`].
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if is_broken_pipe(error) {
        EXIT_OK
    } else {
        EXIT_USAGE
    }
}

/// Whether an error is standard output closing early.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes on one line, each said once, with any control
/// character the input brought written as an escape ([`printable`]). Many messages
/// already quote their cause (`cannot read `x`: No such file (fix)`), and some
/// causes restate the one before with a code (`file is not a database`, then
/// `Error code 26: file is not a database`): neither is said again.
pub fn message(error: &anyhow::Error) -> String {
    let mut text = String::new();
    let mut last = String::new();
    for cause in error.chain() {
        let said = cause.to_string();
        let restated = !last.is_empty() && said.contains(&last);
        if !(said.is_empty() || text.contains(&said) || restated) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            let _ = write!(text, "{said}");
        }
        last = said;
    }
    printable(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read `list.txt`: {source} (check the path)")]
    struct Quoting {
        source: io::Error,
    }

    fn not_found() -> io::Error {
        io::Error::new(io::ErrorKind::NotFound, "No such file")
    }

    #[test]
    fn a_cause_the_message_quotes_is_said_once() {
        let error = anyhow::Error::new(Quoting { source: not_found() });
        assert_eq!(
            message(&error),
            "cannot read `list.txt`: No such file (check the path)"
        );
    }

    #[derive(Debug, thiserror::Error)]
    #[error("history database `h.db`: {source}")]
    struct Database {
        source: Restated,
    }

    /// Says nothing of its own, as a wrapper may; its cause still counts.
    #[derive(Debug, thiserror::Error)]
    #[error("file is not a database")]
    struct Quiet {
        source: Coded,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("file is not a database")]
    struct Restated {
        source: Coded,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("Error code 26: file is not a database")]
    struct Coded;

    #[test]
    fn a_cause_that_restates_the_one_before_is_not_said() {
        let error = anyhow::Error::new(Database {
            source: Restated { source: Coded },
        });
        assert_eq!(message(&error), "history database `h.db`: file is not a database");
        let quoted_then_restated = anyhow::Error::new(Quiet { source: Coded })
            .context("history database `h.db`: file is not a database");
        assert_eq!(
            message(&quoted_then_restated),
            "history database `h.db`: file is not a database"
        );
    }

    #[test]
    fn controls_from_the_input_are_escaped_in_the_message() {
        let error = anyhow::Error::new(not_found()).context("cannot read `a\u{1b}[2J.txt`");
        assert_eq!(message(&error), r"cannot read `a\u{1b}[2J.txt`: No such file");
    }

    #[test]
    fn a_cause_the_message_does_not_quote_follows_it() {
        let error = anyhow::Error::new(not_found()).context("cannot write report `r.json`");
        assert_eq!(message(&error), "cannot write report `r.json`: No such file");
    }

    #[test]
    fn a_closed_standard_output_is_a_quiet_success_and_anything_else_a_usage_error() {
        let pipe = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing");
        assert_eq!(exit_code(&pipe), EXIT_OK);
        assert_eq!(
            exit_code(&anyhow::Error::new(UsageError("bad".into()))),
            EXIT_USAGE
        );
        assert_eq!(Outcome::Failed(vec![]).exit_code(), EXIT_FAIL_ON);
        assert_eq!(Outcome::Interrupted.exit_code(), EXIT_INTERRUPTED);
        assert_eq!(Outcome::Clean.exit_code(), EXIT_OK);
    }
}
