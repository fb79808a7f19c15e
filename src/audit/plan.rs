//! What the audit engine is given to run.

use crate::analyze::AnalysisConfig;
use crate::fetch::FetchConfig;
use crate::render::RenderMode;
use crate::target::Target;
use std::path::PathBuf;

/// What an audit needs to run: no command line, no settings file. A library
/// user or a test builds one directly.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The site whose backlinks are audited.
    pub target: Target,
    /// How pages are fetched: client, politeness, limits, robots.txt.
    pub fetch: FetchConfig,
    /// How links are judged: brands, keywords, terms, weights, thresholds.
    pub analysis: AnalysisConfig,
    /// `--check-targets`: ask every distinct target page what it answers.
    pub check_targets: bool,
    /// `--render`: when pages are also loaded in a headless browser.
    pub render: RenderMode,
    /// The browser to render with, found before the audit; `None` renders nothing.
    pub browser: Option<PathBuf>,
}
