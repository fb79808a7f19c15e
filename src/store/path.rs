//! Where the history database lives: `--db PATH`, else `BACKLINKS_DB`, else the
//! platform's data directory.

use super::StoreError;
use std::ffi::OsString;
use std::path::PathBuf;

/// The environment variable that names the database when `--db` is not given.
pub const DB_ENV: &str = "BACKLINKS_DB";

/// The folder (under the platform data directory) and file name of the default database.
const APP_DIR: &str = "backlinks";
const FILE_NAME: &str = "history.db";

/// The database a run uses: `flag` (`--db PATH`), else `BACKLINKS_DB` when set
/// and not empty, else [`default_path`]. Folders are created by [`super::Store::open`].
pub fn resolve_path(flag: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    choose(flag, std::env::var_os(DB_ENV), dirs::data_dir())
}

/// The platform's default: `$XDG_DATA_HOME/backlinks/history.db` (else
/// `~/.local/share/...`) on Linux, `~/Library/Application Support/backlinks/...`
/// on macOS, `%APPDATA%\backlinks\...` on Windows.
pub fn default_path() -> Result<PathBuf, StoreError> {
    choose(None, None, dirs::data_dir())
}

fn choose(
    flag: Option<PathBuf>,
    env: Option<OsString>,
    data_dir: Option<PathBuf>,
) -> Result<PathBuf, StoreError> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(path) = env.filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    data_dir
        .map(|dir| dir.join(APP_DIR).join(FILE_NAME))
        .ok_or(StoreError::NoDataDir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> Option<PathBuf> {
        Some(PathBuf::from("/home/u/.local/share"))
    }

    #[test]
    fn the_flag_wins_over_the_environment_and_the_data_dir() {
        let path = choose(Some("flag.db".into()), Some("env.db".into()), dir()).unwrap();
        assert_eq!(path, PathBuf::from("flag.db"));
    }

    #[test]
    fn the_environment_wins_over_the_data_dir() {
        let path = choose(None, Some("env.db".into()), dir()).unwrap();
        assert_eq!(path, PathBuf::from("env.db"));
    }

    #[test]
    fn an_empty_environment_variable_counts_as_unset() {
        let path = choose(None, Some("".into()), dir()).unwrap();
        assert_eq!(path, PathBuf::from("/home/u/.local/share/backlinks/history.db"));
    }

    #[test]
    fn without_a_data_dir_the_error_says_what_to_pass() {
        let err = choose(None, None, None).unwrap_err();
        assert!(matches!(err, StoreError::NoDataDir));
        assert!(err.to_string().contains("--db PATH"), "{err}");
    }
}
