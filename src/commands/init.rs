//! `backlinks init`: a starting settings file, every setting commented out.

use crate::cli::InitArgs;
use crate::error::{printable, Outcome};

pub fn init(args: InitArgs) -> anyhow::Result<Outcome> {
    crate::config::init::write(&args.path, args.force)?;
    let said = format!(
        "wrote `{}`: every setting with its default, commented out; remove the `#` to change one",
        args.path.display()
    );
    eprintln!("{}", printable(&said));
    Ok(Outcome::Clean)
}
