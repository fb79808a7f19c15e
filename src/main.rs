use backlinks::app::{self, Outcome};
use backlinks::cli::Cli;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match app::run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Interrupted) => ExitCode::from(backlinks::audit::EXIT_INTERRUPTED),
        Ok(Outcome::Failed(reasons)) => {
            for reason in reasons {
                eprintln!("{reason}");
            }
            ExitCode::from(1)
        }
        // `backlinks ... | head`: the reader has what it wanted.
        Err(error) if app::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
