use backlinks::app::{self, Outcome};
use backlinks::cli::Cli;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    limit_malloc_arenas();
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
