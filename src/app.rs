//! From parsed arguments to a finished audit: settings, sources, report files
//! opened before any fetch, the runtime, and the `--fail-on` verdict.

use crate::audit::{self, Progress, Silent};
use crate::cli::{AuditArgs, Cli, Command};
use crate::disavow::PendingDisavow;
use crate::model::{AuditReport, SourceStatus};
use crate::monitor;
use crate::progress::Bar;
use crate::report::{self, atomic::AtomicFile, audit::ReportWriter, RenderOptions};
use crate::settings::{FailOn, Settings, UsageError};
use crate::sources;
use anyhow::Context as _;
use std::io::{self, IsTerminal, Write};

/// How a run ended, for the exit code (main turns it into one).
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The audit ran and no `--fail-on` condition holds: exit 0.
    Clean,
    /// These `--fail-on` conditions hold: exit 1.
    Failed(Vec<String>),
    /// Ctrl-C or SIGTERM: the reports hold what was done, marked partial; exit 130.
    Interrupted,
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Audit(args) => audit(*args),
        Command::History(args) => crate::commands::history(args),
        Command::Show(args) => crate::commands::show(args),
        Command::Diff(args) => crate::commands::diff(args),
        Command::Init(args) => {
            crate::config::init::write(&args.path, args.force).map_err(|e| UsageError(e.to_string()))?;
            eprintln!(
                "wrote `{}`: every setting with its default, commented out; remove the `#` to change one",
                args.path.display()
            );
            Ok(Outcome::Clean)
        }
    }
}

fn audit(args: AuditArgs) -> anyhow::Result<Outcome> {
    let config = crate::config::ConfigFile::load(args.config.as_deref()).map_err(UsageError::from)?;
    let settings = Settings::from_args(args, config.as_ref())?;
    let entries = sources::load(
        &settings.source_args,
        &settings.source_files,
        &mut io::stdin().lock(),
    )?;
    check_entries(&entries)?;

    // Everything that can fail for the user's input fails before any fetch.
    let (mut writers, files) = open_reports(&settings)?;
    let disavow = settings
        .disavow
        .as_deref()
        .map(PendingDisavow::open)
        .transpose()?;
    let fail_on_lost = settings.fail_on.contains(&FailOn::Lost);
    let mut history = (settings.history.save || settings.history.resume || fail_on_lost)
        .then(|| monitor::prepare(&settings.history, &settings.target, &entries))
        .transpose()?;
    let mut resumed = audit::Resumed::default();
    if let Some(prepared) = history.as_mut() {
        writers.extend(
            prepared
                .writer
                .take()
                .map(|w| Box::new(w) as Box<dyn ReportWriter>),
        );
        resumed = std::mem::take(&mut prepared.resumed);
    }
    let keep_sources = settings
        .stdout_format
        .iter()
        .chain(settings.outputs.iter().map(|(_, f)| f))
        .any(|f| f.needs_sources())
        || fail_on_lost; // the diff needs each source's status
    let progress: Box<dyn Progress> = if settings.stdout_format.is_some() && io::stderr().is_terminal() {
        Box::new(Bar::new())
    } else {
        Box::new(Silent)
    };

    // Parsing runs on the blocking pool, one page per core at a time (see
    // audit::source); a few more threads serve file reads. A small pool keeps
    // the allocator's per-thread arenas, and so memory, from multiplying.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(audit::cores() + 2)
        .enable_all()
        .build()?;
    let report = runtime.block_on(async {
        let interrupt = audit::Interrupt::listen();
        let sinks = audit::Sinks {
            writers: &mut writers,
            keep_sources,
            progress: progress.as_ref(),
            interrupt: &interrupt,
        };
        audit::run(&settings, entries, resumed, sinks).await
    })?;
    drop(writers);
    for file in files {
        file.commit().context("cannot finish writing a report file")?;
    }
    if let Some(disavow) = disavow {
        disavow.finish(&report, &mut io::stderr().lock())?;
    }
    print_hints(&report);
    verdict(&settings, &report, history.as_ref().filter(|_| fail_on_lost))
}

/// No entry at all, or none usable, is a usage error: nothing to audit.
fn check_entries(entries: &[sources::SourceEntry]) -> Result<(), UsageError> {
    let Some(first) = entries.first() else {
        return Err(UsageError(
            "no sources to audit: give source URLs after the target, or `--sources FILE` (`-` reads standard input)".into(),
        ));
    };
    if entries.iter().all(|e| e.location.is_err()) {
        let reason = first.location.as_ref().err().cloned().unwrap_or_default();
        return Err(UsageError(format!(
            "no valid source among {} entr{}; the first: {reason}",
            entries.len(),
            if entries.len() == 1 { "y" } else { "ies" }
        )));
    }
    Ok(())
}

/// Every sink an audit reports to.
type Writers = Vec<Box<dyn ReportWriter>>;

/// The writer for standard output and one per `-o` file, each file created
/// now so an unwritable path fails before anything is fetched.
fn open_reports(settings: &Settings) -> anyhow::Result<(Writers, Vec<AtomicFile>)> {
    let mut writers: Writers = Vec::new();
    if let Some(format) = settings.stdout_format {
        writers.push(report::audit::writer(
            format,
            Box::new(io::BufWriter::new(io::stdout())),
            stdout_options(),
        ));
    }
    let mut files = Vec::new();
    for (path, format) in &settings.outputs {
        let mut file = AtomicFile::create(path).with_context(|| {
            format!(
                "cannot write report `{}` (check that its folder exists and is writable)",
                path.display()
            )
        })?;
        let plain = RenderOptions {
            width: 120,
            color: false,
        };
        writers.push(report::audit::writer(*format, file.writer()?, plain));
        files.push(file);
    }
    Ok((writers, files))
}

/// The exit the run ends with: interrupted, or which `--fail-on` conditions hold
/// (`lost` needs the history, given only when it was asked for).
fn verdict(
    settings: &Settings,
    report: &AuditReport,
    lost_check: Option<&monitor::Prepared>,
) -> anyhow::Result<Outcome> {
    if report.partial {
        return Ok(Outcome::Interrupted);
    }
    let mut failures = crate::policy::failures(&settings.fail_on, &report.summary);
    if let Some(history) = lost_check {
        failures.extend(monitor::lost_links(history, report)?);
    }
    Ok(if failures.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Failed(failures)
    })
}

/// How standard output is rendered: the terminal's width and colour when it is one.
pub(crate) fn stdout_options() -> RenderOptions {
    let terminal = io::stdout().is_terminal();
    let width = terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .filter(|_| terminal)
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(100);
    RenderOptions {
        width,
        color: terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Advice on standard error when the results suggest some.
fn print_hints(report: &AuditReport) {
    let by = &report.summary.sources.by_status;
    let rate_limited = report
        .sources
        .iter()
        .filter(|s| s.status == SourceStatus::Blocked && s.http_status == Some(429))
        .count();
    let mut err = io::stderr().lock();
    if rate_limited >= 2 {
        let _ = writeln!(
            err,
            "hint: {rate_limited} sources answered 429 Too Many Requests: try `--per-host 1 --delay 2000`"
        );
    }
    if by.robots_blocked > 0 {
        let _ = writeln!(
            err,
            "hint: robots.txt kept {} source{} from being fetched; `--ignore-robots` fetches them anyway",
            by.robots_blocked,
            if by.robots_blocked == 1 { "" } else { "s" }
        );
    }
}

/// Whether an error is standard output closing early (`backlinks ... | head`).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
