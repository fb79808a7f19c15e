//! `backlinks init`: a starting settings file, every setting commented out.

use crate::cli::InitArgs;
use crate::error::Outcome;

pub fn init(args: InitArgs) -> anyhow::Result<Outcome> {
    crate::config::init::write(&args.path, args.force)?;
    eprintln!(
        "wrote `{}`: every setting with its default, commented out; remove the `#` to change one",
        args.path.display()
    );
    Ok(Outcome::Clean)
}
