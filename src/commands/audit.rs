//! `backlinks audit TARGET [SOURCE...]`: settings checked, sources read and
//! report files opened before any fetch; then the audit engine runs, the
//! reports and the disavow file are finished, and `--fail-on` gives the verdict.

mod fail_on;
mod history;
mod progress;

use super::output::{self, create_report_file};
use crate::audit::{self, Interrupt, Progress, Resumed, Silent, Sinks};
use crate::cli::{AuditArgs, FailOn};
use crate::config::ConfigFile;
use crate::disavow::PendingDisavow;
use crate::error::{printable, Outcome, UsageError};
use crate::model::{AuditReport, SourceStatus};
use crate::render::{self, RenderMode};
use crate::report::audit::{ReportWriter, View};
use crate::report::{self, atomic::AtomicFile, Format};
use crate::settings::Settings;
use crate::sources::{self, SourceEntry};
use anyhow::Context as _;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

pub fn audit(args: AuditArgs) -> anyhow::Result<Outcome> {
    let config = ConfigFile::load(args.config.as_deref())?;
    let settings = Settings::from_args(args, config.as_ref())?;
    let entries = sources::load(
        &settings.source_args,
        &settings.source_files,
        &mut io::stdin().lock(),
    )?;
    check_entries(&entries)?;
    let browser = find_browser(settings.render)?;

    // Everything that can fail for the user's input fails before any fetch.
    let (mut writers, files) = open_reports(&settings)?;
    let disavow = settings
        .disavow
        .as_deref()
        .map(PendingDisavow::open)
        .transpose()?;
    let fail_on_lost = settings.fail_on.contains(&FailOn::Lost);
    let mut history = (settings.history.save || settings.history.resume || fail_on_lost)
        .then(|| history::prepare(&settings.history, &settings.target, &entries))
        .transpose()?;
    let resumed = match history.as_mut() {
        Some(prepared) => prepared.attach(&mut writers),
        None => Resumed::default(),
    };

    let report = run_engine(&settings, browser, entries, resumed, &mut writers)?;
    drop(writers);
    // A report that could not be written ends the run with exit 2, once the
    // others, the disavow file and the history are done.
    let unwritten = output::commit_all(files).err();
    if let Some(disavow) = disavow {
        disavow.finish(&report, &mut io::stderr().lock())?;
    }
    print_hints(&report);
    let formats = settings
        .stdout_format
        .iter()
        .chain(settings.outputs.iter().map(|(_, f)| f));
    output::say_csv_filtered(&settings.only, formats.copied());
    if let Some(saved) = history.as_ref().and_then(|h| h.saved_line(&report)) {
        eprintln!("{}", printable(&saved));
    }
    let outcome = verdict(&settings, &report, history.as_ref().filter(|_| fail_on_lost))?;
    match unwritten {
        None => Ok(outcome),
        Some(unwritten) => {
            if let Outcome::Failed(reasons) = &outcome {
                reasons.iter().for_each(|reason| eprintln!("{reason}"));
            }
            Err(unwritten.into())
        }
    }
}

/// No entry at all, or none usable, is a usage error: nothing to audit.
fn check_entries(entries: &[SourceEntry]) -> Result<(), UsageError> {
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

/// The browser `--render` runs: none for `never`; for `always`, none found is
/// a usage error; for `auto`, a warning, and the fetched HTML is read alone.
fn find_browser(mode: RenderMode) -> Result<Option<PathBuf>, UsageError> {
    if mode == RenderMode::Never {
        return Ok(None);
    }
    match render::locate() {
        Ok(path) => Ok(Some(path)),
        Err(why) if mode == RenderMode::Always => {
            Err(UsageError(format!("--render always needs a browser: {why}")))
        }
        Err(why) => {
            eprintln!(
                "warning: --render auto renders nothing: {}; links are read from the fetched HTML only",
                printable(&why)
            );
            Ok(None)
        }
    }
}

/// Every sink an audit reports to.
type Writers = Vec<Box<dyn ReportWriter>>;

/// The writer for standard output and one per `-o` file, each file created
/// now so an unwritable path fails before anything is fetched.
fn open_reports(settings: &Settings) -> anyhow::Result<(Writers, Vec<AtomicFile>)> {
    let mut writers: Writers = Vec::new();
    let view = |limit| View {
        only: settings.only.clone(),
        limit,
    };
    if let Some(format) = settings.stdout_format {
        let limit = match format {
            Format::Table => output::stdout_limit(settings.limit),
            _ => settings.limit.unwrap_or_default(),
        };
        writers.push(report::audit::writer(
            format,
            Box::new(io::BufWriter::new(io::stdout())),
            output::stdout_options(settings.csv_bom),
            view(limit),
        ));
    }
    let mut files = Vec::new();
    for (path, format) in &settings.outputs {
        let mut file = create_report_file(path)?;
        writers.push(report::audit::writer(
            *format,
            file.writer()?,
            output::file_options(settings.csv_bom),
            view(settings.limit.unwrap_or_default()),
        ));
        files.push(file);
    }
    Ok((writers, files))
}

/// Runs the audit engine on a runtime of its own, with the progress bar on a
/// terminal and Ctrl-C ending it with a partial report.
fn run_engine(
    settings: &Settings,
    browser: Option<PathBuf>,
    entries: Vec<SourceEntry>,
    resumed: Resumed,
    writers: &mut Writers,
) -> anyhow::Result<AuditReport> {
    let keep_sources = settings
        .stdout_format
        .iter()
        .chain(settings.outputs.iter().map(|(_, f)| f))
        .any(|f| f.needs_sources())
        // The diff needs each source's status; `missing` names each source.
        || settings.fail_on.iter().any(|f| matches!(f, FailOn::Lost | FailOn::Missing));
    let progress: Box<dyn Progress> = if settings.stdout_format.is_some() && io::stderr().is_terminal() {
        Box::new(progress::Bar::new())
    } else {
        Box::new(Silent)
    };
    // Parsing runs on the blocking pool, one page per core at a time; a few
    // more threads serve file reads. A small pool keeps the allocator's
    // per-thread arenas, and so memory, from multiplying.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(audit::cores() + 2)
        .enable_all()
        .build()
        .context("cannot start the audit's runtime")?;
    let mut plan = settings.plan();
    plan.browser = browser;
    let report = runtime.block_on(async {
        let interrupt = Interrupt::listen();
        let sinks = Sinks {
            writers,
            keep_sources,
            progress: progress.as_ref(),
            interrupt: &interrupt,
            warn: &|message| eprintln!("warning: {}", printable(message)),
        };
        audit::run(&plan, entries, resumed, sinks).await
    })?;
    Ok(report)
}

/// The exit the run ends with: interrupted, or which `--fail-on` conditions hold
/// (`lost` needs the history, given only when it was asked for).
fn verdict(
    settings: &Settings,
    report: &AuditReport,
    lost_check: Option<&history::Prepared>,
) -> anyhow::Result<Outcome> {
    if report.partial {
        return Ok(Outcome::Interrupted);
    }
    let mut failures = fail_on::failures(&settings.fail_on, report);
    if let Some(history) = lost_check {
        failures.extend(history::lost_links(history, report)?);
    }
    Ok(if failures.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Failed(failures)
    })
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
            crate::words::s(by.robots_blocked)
        );
    }
}
