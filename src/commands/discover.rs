//! `backlinks discover TARGET [--also COMPETITOR]... ARCHIVE...`: arguments,
//! the archive list and report files checked before anything is read; then
//! the archives are scanned, damage named as it is met, and the links
//! reported. Ctrl-C writes what was found, marked partial, and exits 130.

mod progress;

use super::output::{self, create_report_file, ReportsNotWritten};
use crate::audit::Interrupt;
use crate::cli::DiscoverArgs;
use crate::discover::{self, Notes, Plan, Progress, ScanContext};
use crate::error::{Outcome, UsageError};
use crate::model::{DiscoverReport, FoundLink, Tool, DISCOVER_SCHEMA_VERSION};
use crate::report::discover::LinkStream;
use crate::report::{self, atomic::AtomicFile, Format, RenderOptions};
use crate::settings::{DiscoverOutput, DiscoverSettings};
use progress::Bar;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

pub fn discover(args: DiscoverArgs) -> anyhow::Result<Outcome> {
    let sharded = args.shard.is_some();
    let settings = DiscoverSettings::from_args(args)?;
    // An empty shard of a short list is normal on a cluster; an empty list is not.
    if settings.archives.is_empty() && !sharded {
        return Err(
            UsageError("no archives to read: give WARC or WAT files, or `--archives FILE`".into()).into(),
        );
    }
    let files = open_files(&settings)?;

    // Signals are caught on a small runtime of their own; the scan runs on
    // plain threads.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let interrupt = {
        let _entered = runtime.enter();
        Interrupt::listen()
    };
    let started_at = now();
    // As the audit's: a person at a terminal who did not ask for quiet.
    let show_bar = settings.stdout_format.is_some() && io::stderr().is_terminal();
    let bar = show_bar.then(|| Arc::new(Bar::new(&settings.archives)));
    let say: Box<dyn Fn(&str) + Send + Sync> = match bar.clone() {
        Some(bar) => Box::new(move |line| bar.println(line)),
        None => Box::new(|line| eprintln!("{line}")),
    };
    let notes = Arc::new(Notes::new(settings.verbose, say));
    let progress = Arc::new(Progress::default());
    let plan = Arc::new(Plan {
        context: ScanContext {
            sought: settings.sought.clone(),
            max_page: settings.max_page,
            parse_timeout: settings.parse_timeout,
            cancel: interrupt.flag(),
        },
        archives: settings.archives.clone(),
        remote: settings.remote.clone(),
        threads: settings.threads,
        parsers: settings.parsers,
    });
    let mut sinks = Sinks::open(&settings, files)?;
    let done = AtomicBool::new(false);
    let found = std::thread::scope(|scope| {
        if let Some(bar) = &bar {
            scope.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    bar.update(&progress);
                    std::thread::sleep(Duration::from_millis(100));
                }
            });
        }
        let found = discover::run(plan, notes.clone(), progress.clone(), &mut |links| {
            sinks.take(links)
        });
        done.store(true, Ordering::Relaxed);
        found
    });
    if let Some(bar) = &bar {
        bar.finish(&progress);
    }
    if let Some(line) = notes.unnamed() {
        eprintln!("{line}");
    }
    let report = DiscoverReport {
        schema_version: DISCOVER_SCHEMA_VERSION,
        tool: Tool::current(),
        started_at,
        finished_at: now(),
        partial: found.partial,
        summary: found.summary,
        links: std::mem::take(&mut sinks.kept),
    };
    sinks.finish(&settings, &report)?;
    drop(runtime);
    Ok(if report.partial {
        Outcome::Interrupted
    } else {
        Outcome::Clean
    })
}

fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// Each `-o` file's temporary, created now so an unwritable path fails
/// before any archive is read.
fn open_files(settings: &DiscoverSettings) -> anyhow::Result<Vec<(AtomicFile, DiscoverOutput)>> {
    settings
        .outputs
        .iter()
        .map(|(path, output)| Ok((create_report_file(path)?, *output)))
        .collect()
}

/// An output written as links come (JSON Lines, CSV), and the first error
/// it met, after which it takes no more.
struct Stream<W: Write> {
    stream: Option<LinkStream<W>>,
    error: Option<io::Error>,
}

impl<W: Write> Stream<W> {
    fn start(format: Format, options: RenderOptions, out: W) -> io::Result<Option<Self>> {
        Ok(LinkStream::start(format, options, out)?.map(|stream| Stream {
            stream: Some(stream),
            error: None,
        }))
    }

    fn links(&mut self, links: &[FoundLink]) {
        if let Some(stream) = &mut self.stream {
            if let Err(error) = stream.links(links) {
                self.error = Some(error);
                self.stream = None;
            }
        }
    }

    fn finish(self, report: &DiscoverReport) -> io::Result<()> {
        match (self.error, self.stream) {
            (Some(error), _) => Err(error),
            (None, Some(stream)) => stream.finish(report),
            (None, None) => Ok(()),
        }
    }
}

type FileStream = Stream<Box<dyn Write + Send>>;

/// Where the links go while the scan runs: JSON Lines and CSV outputs take
/// them as they come; the links are kept only when another output (table,
/// Markdown, JSON, Parquet) needs them all at the end. So a scan reported in
/// JSON Lines or CSV alone holds no links, however many archives it reads.
struct Sinks {
    /// Each `-o` file, and its stream if its format is streamed.
    files: Vec<(AtomicFile, DiscoverOutput, Option<FileStream>)>,
    stdout: Option<Stream<io::BufWriter<io::Stdout>>>,
    keep: bool,
    kept: Vec<FoundLink>,
}

impl Sinks {
    fn open(settings: &DiscoverSettings, files: Vec<(AtomicFile, DiscoverOutput)>) -> anyhow::Result<Sinks> {
        let file_options = output::file_options(settings.csv_bom);
        let mut keep = false;
        let mut opened = Vec::new();
        for (mut file, output) in files {
            let stream = match output {
                DiscoverOutput::Report(format) => Stream::start(format, file_options, file.writer()?)?,
                DiscoverOutput::Parquet => None,
            };
            keep |= stream.is_none();
            opened.push((file, output, stream));
        }
        let stdout = match settings.stdout_format {
            Some(format) => {
                let out = io::BufWriter::new(io::stdout());
                let stream = Stream::start(format, output::stdout_options(settings.csv_bom), out)?;
                keep |= stream.is_none();
                stream
            }
            None => None,
        };
        Ok(Sinks {
            files: opened,
            stdout,
            keep,
            kept: Vec::new(),
        })
    }

    fn take(&mut self, links: Vec<FoundLink>) {
        for (_, _, stream) in &mut self.files {
            if let Some(stream) = stream {
                stream.links(&links);
            }
        }
        if let Some(stdout) = &mut self.stdout {
            stdout.links(&links);
        }
        if self.keep {
            self.kept.extend(links);
        }
    }

    /// Ends every output: files first, so a reader that closes standard
    /// output early (`| head`) does not cost them; one file that cannot be
    /// written does not cost the others (the run then ends with exit 2,
    /// naming it).
    fn finish(self, settings: &DiscoverSettings, report: &DiscoverReport) -> anyhow::Result<()> {
        let total = self.files.len();
        let mut failures = Vec::new();
        for (mut file, output, stream) in self.files {
            let path = file.path().to_path_buf();
            let written = match (stream, output) {
                (Some(stream), _) => stream.finish(report),
                (None, DiscoverOutput::Report(format)) => file.writer().and_then(|mut out| {
                    report::discover::render(report, format, output::file_options(settings.csv_bom), &mut out)
                }),
                (None, DiscoverOutput::Parquet) => file
                    .writer()
                    .and_then(|mut out| report::discover::write_parquet(&report.links, &mut out)),
            };
            if let Err(error) = written.and_then(|()| file.commit()) {
                failures.push((path, error));
            }
        }
        match (self.stdout, settings.stdout_format) {
            (Some(stream), _) => stream.finish(report)?,
            (None, Some(format)) => {
                let mut out = io::BufWriter::new(io::stdout());
                report::discover::render(report, format, output::stdout_options(settings.csv_bom), &mut out)?;
            }
            (None, None) => {}
        }
        Ok(ReportsNotWritten::check(failures, total)?)
    }
}
