//! `backlinks show [ID|latest]`: a saved audit printed again by the audit's
//! own writers, so its JSON is byte for byte what the run printed.

use super::output::{self, Destination, Destinations};
use super::saved::{label, nothing_saved, open_existing};
use crate::cli::{AuditPick, ShowArgs};
use crate::error::Outcome;
use crate::error::UsageError;
use crate::model::AuditReport;
use crate::report::audit::{Filter, Limit, View};
use crate::report::{self, Format};
use crate::store::{TargetKey, Which};
use crate::target::Target;
use std::io::{self, Write};

pub fn show(args: ShowArgs) -> anyhow::Result<Outcome> {
    let target = args.target.as_deref().map(Target::parse).transpose()?;
    let only = Filter::new(&args.view.only).map_err(UsageError)?;
    let limit = args.view.limit.map(Limit::from_flag);
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
    output::say_csv_filtered(&only, destinations.formats());
    destinations.write(|to, out| {
        let view = View {
            only: only.clone(),
            limit: if to.stdout && to.format == Format::Table {
                output::stdout_limit(limit)
            } else {
                limit.unwrap_or_default()
            },
        };
        render(&report, to, view, out)
    })?;
    Ok(Outcome::Clean)
}

/// Feeds the saved audit to a writer the way the run did.
fn render(report: &AuditReport, to: Destination, view: View, out: Box<dyn Write + Send>) -> io::Result<()> {
    let mut writer = report::audit::writer(to.format, out, to.options, view);
    report::audit::replay(report, &mut *writer)
}
