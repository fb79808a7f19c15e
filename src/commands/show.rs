//! `backlinks show [ID|latest]`: a saved audit printed again by the audit's
//! own writers, so its JSON is byte for byte what the run printed.

use super::{label, nothing_saved, open_existing, parse_target, Destinations};
use crate::app::Outcome;
use crate::cli::ShowArgs;
use crate::model::AuditReport;
use crate::report::{self, Format, RenderOptions};
use crate::settings::UsageError;
use crate::store::{AuditId, TargetKey, Which};
use std::io::{self, Write};
use std::str::FromStr;

/// Which saved audit `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditPick {
    /// The newest, partial or not (of `--target` when given).
    Latest,
    Id(AuditId),
}

impl FromStr for AuditPick {
    type Err = String;

    fn from_str(s: &str) -> Result<AuditPick, String> {
        if s.trim().eq_ignore_ascii_case("latest") {
            return Ok(AuditPick::Latest);
        }
        s.parse().map(AuditPick::Id).map_err(|_| {
            format!(
                "`{s}` is neither an audit id nor `latest` (ids are the numbers `backlinks history` lists)"
            )
        })
    }
}

pub fn show(args: ShowArgs) -> anyhow::Result<Outcome> {
    let target = args.target.as_deref().map(parse_target).transpose()?;
    let destinations = Destinations::open(&args.saved)?;
    let (path, store) = open_existing(args.saved.db)?;
    let store = store.ok_or_else(|| nothing_saved(&path))?;
    let id = match args.audit {
        AuditPick::Id(id) => id,
        AuditPick::Latest => store
            .latest(target.as_ref().map(TargetKey::from), Which::Any)?
            .ok_or_else(|| match &target {
                Some(target) => UsageError(format!(
                    "no saved audit of {} (`backlinks history` lists the saved audits)",
                    label(target)
                )),
                None => nothing_saved(&path),
            })?,
    };
    let report = store.load(id)?;
    if let Some(target) = &target {
        if TargetKey::from(&report.target) != TargetKey::from(target) {
            return Err(UsageError(format!(
                "audit {id} is of {}, not of {} (`backlinks history {}` lists the audits of {})",
                report::target_label(&report.target),
                label(target),
                target.input,
                label(target),
            ))
            .into());
        }
    }
    destinations.write(|format, options, out| render(&report, format, options, out))?;
    Ok(Outcome::Clean)
}

/// Feeds the saved audit to a writer the way the run did.
fn render(
    report: &AuditReport,
    format: Format,
    options: RenderOptions,
    out: Box<dyn Write + Send>,
) -> io::Result<()> {
    report::audit::replay(report, &mut *report::audit::writer(format, out, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_and_ids_are_picks_and_anything_else_says_what_is_expected() {
        assert_eq!("latest".parse(), Ok(AuditPick::Latest));
        assert_eq!(" LATEST ".parse(), Ok(AuditPick::Latest));
        assert_eq!("12".parse(), Ok(AuditPick::Id(AuditId(12))));
        for bad in ["0", "-1", "last", "", "1.5"] {
            let err = bad.parse::<AuditPick>().unwrap_err();
            assert!(err.contains("neither an audit id nor `latest`"), "{bad}: {err}");
        }
    }
}
