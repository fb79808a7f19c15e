//! The engine run as a library user would: a `Plan` built by hand, no
//! command line and no settings file.

use super::*;
use crate::analyze::AnalysisConfig;
use crate::fetch::FetchConfig;
use crate::model::SourceStatus;
use crate::target::Target;
use std::path::Path;
use std::time::Duration;

fn plan() -> Plan {
    Plan {
        target: Target::parse("example.com").unwrap(),
        fetch: FetchConfig {
            user_agent: "backlinks-test".into(),
            timeout: Duration::from_secs(5),
            retries: 0,
            backoff: Duration::from_millis(10),
            max_redirects: 3,
            max_page_size: 1 << 20,
            concurrency: 4,
            per_host: 2,
            delay: Duration::ZERO,
            obey_robots: true,
            allow_private: false,
            verbose: false,
        },
        analysis: AnalysisConfig {
            brands: vec!["example".into()],
            ..AnalysisConfig::default()
        },
        check_targets: false,
        render: crate::render::RenderMode::Never,
        browser: None,
    }
}

/// Counts what it is told, and keeps the sources it is told started.
#[derive(Default)]
struct Counted(
    std::sync::Mutex<(usize, usize)>,
    std::sync::Mutex<Vec<(usize, String)>>,
);

impl Progress for Counted {
    fn start(&self, total: usize) {
        self.0.lock().unwrap().0 = total;
    }
    fn started(&self, index: usize, source: &str) {
        self.1.lock().unwrap().push((index, source.to_string()));
    }
    fn advance(&self, _: &SourceResult) {
        self.0.lock().unwrap().1 += 1;
    }
    fn finish(&self) {}
}

#[test]
fn a_plan_audits_saved_pages_without_the_command_line() {
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo/pages");
    let sources: Vec<String> = ["tech-blog.html", "recipes-no-link.html"]
        .iter()
        .map(|page| pages.join(page).display().to_string())
        .collect();
    let entries = crate::sources::load(&sources, &[], &mut std::io::empty()).unwrap();
    let progress = Counted::default();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let report = runtime
        .block_on(async {
            let interrupt = Interrupt::default();
            let sinks = Sinks {
                writers: &mut [],
                keep_sources: true,
                progress: &progress,
                interrupt: &interrupt,
                warn: &|message| panic!("no warning expected: {message}"),
            };
            run(&plan(), entries, Resumed::default(), sinks).await
        })
        .unwrap();
    let statuses: Vec<SourceStatus> = report.sources.iter().map(|s| s.status).collect();
    assert_eq!(statuses, [SourceStatus::Ok, SourceStatus::NoLink]);
    assert_eq!(report.links.len(), report.sources[0].links);
    assert!(report.links.iter().all(|l| l.target_url.contains("example.com")));
    assert!(!report.partial);
    assert_eq!(report.target.host, "example.com");
    assert_eq!(*progress.0.lock().unwrap(), (2, 2));
    let started = progress.1.lock().unwrap();
    let indexes: Vec<usize> = started.iter().map(|(index, _)| *index).collect();
    assert_eq!(indexes, [0, 1], "each source is said to start, in input order");
    assert!(started[0].1.ends_with("tech-blog.html"), "{started:?}");
}
