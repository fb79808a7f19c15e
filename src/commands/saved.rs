//! What the commands that read the history share: finding the database,
//! and naming targets in their messages.

use crate::error::UsageError;
use crate::model::TargetInfo;
use crate::report::target_label;
use crate::store::{self, Store};
use crate::target::Target;
use std::path::{Path, PathBuf};

/// The history database `--db`, `BACKLINKS_DB` or the data directory names,
/// opened to read when it exists. Reading commands never create one, and
/// work on a read-only one.
pub fn open_existing(db: Option<PathBuf>) -> anyhow::Result<(PathBuf, Option<Store>)> {
    let path = store::resolve_path(db)?;
    if !path.exists() {
        return Ok((path, None));
    }
    let store = Store::open_read(&path)?;
    Ok((path, Some(store)))
}

/// Said by `show` and `diff` when there is no history to read.
pub fn nothing_saved(path: &Path) -> UsageError {
    UsageError(format!(
        "no saved audits in `{}`: run `backlinks audit TARGET ...` first (every audit is saved unless `--no-save`; `--db PATH` or BACKLINKS_DB name another database)",
        path.display()
    ))
}

/// `example.com`, or `example.com/blog/` for a URL target.
pub fn label(target: &Target) -> String {
    target_label(&TargetInfo::from(target))
}
