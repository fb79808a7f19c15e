use backlinks::cli::Cli;
use backlinks::{commands, error};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    tune_malloc();
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

/// Two glibc malloc tunables that keep an audit's memory from growing with the
/// pages it has seen (BENCHMARKS.md, Memory); the environment's
/// `MALLOC_ARENA_MAX` and `MALLOC_MMAP_THRESHOLD_` still win.
/// - Every thread that allocates gets an arena of its own, and an arena keeps
///   the pages it freed: parsing on several threads grew memory to 170 MB after
///   12,000 pages, against 98 MB with two arenas.
/// - Once a large block is freed, glibc raises the size it serves from the heap
///   instead of mapping it (up to 32 MB), so page bodies come from the heap,
///   between the small links that wait for the profile pass, and their holes
///   are never returned: 99 MB after 30,000 pages, against 75 MB with the
///   threshold kept at its initial 128 KiB.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_malloc() {
    let tunables = [
        ("MALLOC_ARENA_MAX", libc::M_ARENA_MAX, 2),
        ("MALLOC_MMAP_THRESHOLD_", libc::M_MMAP_THRESHOLD, 128 * 1024),
    ];
    for (variable, parameter, value) in tunables {
        if std::env::var_os(variable).is_none() {
            // SAFETY: mallopt only sets an allocator tunable, and runs before
            // any other thread exists.
            unsafe {
                libc::mallopt(parameter, value);
            }
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_malloc() {}
