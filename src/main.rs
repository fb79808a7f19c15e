use backlinks::cli::Cli;
use backlinks::{commands, error};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    limit_malloc_arenas();
    let cli = Cli::parse();
    let code = match commands::run(cli) {
        Ok(outcome) => {
            if let error::Outcome::Failed(reasons) = &outcome {
                for reason in reasons {
                    eprintln!("{}", error::printable(reason));
                }
            }
            outcome.exit_code()
        }
        Err(failure) => {
            // A closed standard output (`| head`) is not worth a message.
            if !error::is_broken_pipe(&failure) {
                eprintln!("error: {}", error::message(&failure));
            }
            error::exit_code(&failure)
        }
    };
    ExitCode::from(code)
}

/// glibc's malloc gives every thread that allocates an arena of its own, and
/// an arena keeps the pages it freed: parsing on several threads then grows
/// memory with the pages seen (170 MB after 12,000 pages, against 98 MB with
/// two arenas; BENCHMARKS.md). `MALLOC_ARENA_MAX` in the environment still wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator tunable, and runs before any
        // other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
