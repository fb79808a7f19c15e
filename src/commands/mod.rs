//! The commands, one file each, read top to bottom: `audit` runs the audit
//! engine; `history`, `show` and `diff` read the saved audits (none of them
//! fetches anything, and none creates a database that does not exist);
//! `init` writes a settings file. A new command is a file here and a variant
//! of `cli::Command`.

mod audit;
mod diff;
mod discover;
mod domains;
mod history;
mod init;
mod output;
mod saved;
mod show;

use crate::cli::{Cli, Command};
use crate::error::Outcome;

/// Runs the command the arguments name.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Audit(args) => audit::audit(*args),
        Command::Init(args) => init::init(args),
        Command::History(args) => history::history(args),
        Command::Show(args) => show::show(args),
        Command::Diff(args) => diff::diff(args),
        Command::Discover(args) => discover::discover(*args),
        Command::Domains(args) => domains::domains(*args),
    }
}
