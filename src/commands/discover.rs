//! `backlinks discover`: links to the targets in web archives.

use crate::cli::DiscoverArgs;
use crate::error::Outcome;

pub fn discover(_args: DiscoverArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("discover: under construction on this branch")
}
