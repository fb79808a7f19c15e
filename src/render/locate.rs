//! Finding the browser: `BACKLINKS_BROWSER`, else a Chromium or Chrome on the PATH.

use std::env;
use std::path::{Path, PathBuf};

/// The environment variable that names the browser to run.
const BROWSER_VARIABLE: &str = "BACKLINKS_BROWSER";

/// What to install when no browser is found.
pub const INSTALL_HINT: &str =
    "install Chromium (Debian and Ubuntu: `apt install chromium`; Fedora: `dnf install chromium`; macOS: `brew install --cask chromium`) or set BACKLINKS_BROWSER to a Chromium or Chrome executable";

/// Names a Chromium-based browser goes by on the PATH, most usual first.
const NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
    "chrome",
];

/// The browser to run, or why there is none, in words that say what to do.
pub fn locate() -> Result<PathBuf, String> {
    if let Some(named) = env::var_os(BROWSER_VARIABLE).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(named);
        return if is_executable(&path) {
            Ok(path)
        } else {
            Err(format!(
                "{BROWSER_VARIABLE} names `{}`, which is not an executable file",
                path.display()
            ))
        };
    }
    let path = env::var_os("PATH").unwrap_or_default();
    env::split_paths(&path)
        .flat_map(|dir| NAMES.iter().map(move |name| dir.join(name)))
        .find(|candidate| is_executable(candidate))
        .ok_or_else(|| format!("no Chromium or Chrome found on the PATH: {INSTALL_HINT}"))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}
