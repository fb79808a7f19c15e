//! `backlinks history [TARGET]`: the saved audits, newest first.

use super::output::Destinations;
use super::saved::{label, open_existing};
use crate::cli::HistoryArgs;
use crate::error::{printable, Outcome};
use crate::report;
use crate::store::TargetKey;
use crate::target::Target;

/// Lists the saved audits (of TARGET and the URL prefixes within it, when
/// given). No database, or nothing in it, is an empty list and exit 0: a
/// monitoring job's first run has no history yet.
pub fn history(args: HistoryArgs) -> anyhow::Result<Outcome> {
    let target = args.target.as_deref().map(Target::parse).transpose()?;
    let destinations = Destinations::open(&args.saved)?;
    let (path, store) = open_existing(args.saved.db)?;
    let rows = match &store {
        Some(store) => store.list(target.as_ref().map(TargetKey::from))?,
        None => Vec::new(),
    };
    if rows.is_empty() {
        let of = target
            .as_ref()
            .map(|t| format!(" of {}", label(t)))
            .unwrap_or_default();
        let said = format!(
            "no saved audits{of} in `{}` (`backlinks audit` saves every audit there unless `--no-save`)",
            path.display()
        );
        eprintln!("{}", printable(&said));
    }
    destinations.write(|to, mut out| report::history::write(to.format, &rows, to.options, &mut out))?;
    Ok(Outcome::Clean)
}
