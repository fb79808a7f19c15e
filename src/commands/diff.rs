//! `backlinks diff [TARGET] [--from ID] [--to ID]`: what changed between two
//! saved audits of one target. By default the two latest complete audits: a
//! partial audit lacks sources, and would make their links look unverified.

use super::output::Destinations;
use super::saved::{nothing_saved, open_existing};
use crate::cli::DiffArgs;
use crate::diff::Side;
use crate::error::UsageError;
use crate::error::{printable, Outcome};
use crate::model::TargetInfo;
use crate::report::{self, target_label};
use crate::store::{AuditId, Store, StoreError, TargetKey, Which};
use crate::target::Target;
use std::path::Path;

pub fn diff(args: DiffArgs) -> anyhow::Result<Outcome> {
    let target = args.target.as_deref().map(Target::parse).transpose()?;
    let destinations = Destinations::open(&args.saved)?;
    let (path, store) = open_existing(args.saved.db)?;
    let store = store.ok_or_else(|| nothing_saved(&path))?;
    let subject = match &target {
        Some(target) => TargetInfo::from(target),
        None => implied_target(&store, args.to.or(args.from), &path)?,
    };
    let (from, to) = pick(&store, &subject, args.from, args.to)?;
    let (before, after) = (store.load(from)?, store.load(to)?);
    for (id, report) in [(from, &before), (to, &after)] {
        if TargetKey::from(&report.target) != TargetKey::from(&subject) {
            return Err(UsageError(format!(
                "audit {id} is of {}, not of {}: diff compares two audits of one target (`backlinks history` lists them)",
                target_label(&report.target),
                target_label(&subject)
            ))
            .into());
        }
    }
    if from > to {
        eprintln!(
            "warning: audit {from} is newer than audit {to}: this diff runs backwards, so links gained show as lost and links lost as new (swap --from and --to to compare the older with the newer)"
        );
    }
    if after.partial {
        eprintln!(
            "note: audit {to} is partial: links on the sources it did not check are unverified, not lost"
        );
    }
    if before.partial {
        eprintln!("note: audit {from} is partial: links on the sources it did not check show as new");
    }
    let diff = crate::diff::diff(
        Side {
            id: from,
            report: &before,
        },
        Side {
            id: to,
            report: &after,
        },
    )?;
    destinations.write(|to, mut out| report::diff::write(to.format, &diff, to.options, &mut out))?;
    Ok(Outcome::Clean)
}

/// The two audits compared: `--from` and `--to` when given; else `--to` is the
/// latest complete audit of the target and `--from` the complete one before it.
fn pick(
    store: &Store,
    subject: &TargetInfo,
    from: Option<AuditId>,
    to: Option<AuditId>,
) -> anyhow::Result<(AuditId, AuditId)> {
    let key = TargetKey::from(subject);
    let name = target_label(subject);
    let defaulted_to = to.is_none();
    let to = match to {
        Some(id) => id,
        None => {
            let latest = store.latest(Some(key), Which::Complete)?;
            warn_of_newer_partial(store, key, latest, &name)?;
            latest.ok_or_else(|| {
                UsageError(format!(
                    "no complete saved audit of {name}: diff needs two (run `backlinks audit {name} ...` twice; `backlinks history` lists what is saved)"
                ))
            })?
        }
    };
    let from = match from {
        Some(id) => id,
        None => store.previous(key, to, Which::Complete)?.ok_or_else(|| {
            UsageError(format!(
                "no complete saved audit of {name} before audit {to}: diff needs two (the next `backlinks audit {name} ...` is compared with this one; `--from ID` picks another)"
            ))
        })?,
    };
    if defaulted_to && from >= to {
        return Err(UsageError(format!(
            "no complete audit of {name} is newer than audit {from} (the latest is audit {to}): pass `--to ID` to say what to compare it with"
        ))
        .into());
    }
    if from == to {
        return Err(UsageError(format!(
            "`--from` and `--to` are both audit {from}: diff compares two audits (`backlinks history {name}` lists them)"
        ))
        .into());
    }
    Ok((from, to))
}

/// A newer audit that is partial (interrupted, or running) is left out of the
/// default; say so, and how to include or finish it.
fn warn_of_newer_partial(
    store: &Store,
    key: TargetKey<'_>,
    latest_complete: Option<AuditId>,
    name: &str,
) -> Result<(), StoreError> {
    let newest = store.latest(Some(key), Which::Any)?;
    if let Some(newest) = newest.filter(|&n| Some(n) != latest_complete) {
        let said = format!(
            "note: audit {newest}, the newest of {name}, is partial and left out: `backlinks audit {name} --resume ...` completes it, `--to {newest}` compares it as it is"
        );
        eprintln!("{}", printable(&said));
    }
    Ok(())
}

/// The target when none is named: that of the audit given by id, else the
/// only target in the history.
fn implied_target(store: &Store, id: Option<AuditId>, path: &Path) -> anyhow::Result<TargetInfo> {
    let rows = store.list(None)?;
    if let Some(id) = id {
        let row = rows.into_iter().find(|row| row.id == id);
        return Ok(row.ok_or(StoreError::NotFound(id))?.target);
    }
    let mut targets: Vec<TargetInfo> = Vec::new();
    for row in rows {
        let seen = targets
            .iter()
            .any(|t| TargetKey::from(t) == TargetKey::from(&row.target));
        if !seen {
            targets.push(row.target);
        }
    }
    match targets.len() {
        0 => Err(nothing_saved(path).into()),
        1 => Ok(targets.remove(0)),
        n => {
            let names: Vec<String> = targets.iter().map(target_label).collect();
            Err(UsageError(format!(
                "the history holds audits of {n} targets ({}): name one, as in `backlinks diff {}`",
                names.join(", "),
                names[0]
            ))
            .into())
        }
    }
}
