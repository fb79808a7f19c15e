//! Running `backlinks audit` the way a user does, and reading what it printed.

use serde_json::Value;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The built binary, in a scratch directory, with its history database kept there
/// too so tests never touch the user's data directory.
pub fn std_command(dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_backlinks"));
    cmd.current_dir(dir)
        .env("BACKLINKS_DB", dir.join("history.db"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("NO_COLOR");
    cmd
}

/// [`std_command`] with a guard against a hung binary (not a timing assertion).
pub fn backlinks(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::from_std(std_command(dir));
    cmd.timeout(Duration::from_secs(90));
    cmd
}

/// One `audit` run being set up.
pub struct Audit {
    args: Vec<OsString>,
    stdin: Option<Vec<u8>>,
    /// Variables set (`Some`) or removed (`None`) for the run.
    env: Vec<(OsString, Option<OsString>)>,
    dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Outcome {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl From<std::process::Output> for Outcome {
    fn from(output: std::process::Output) -> Outcome {
        Outcome {
            code: output.status.code(),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Outcome {
    pub fn stdout_text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("standard output is UTF-8")
    }

    /// Panics with both streams when the exit code is not `code`.
    pub fn expect_code(self, code: i32) -> Outcome {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout:\n{}\n--- stderr:\n{}",
            String::from_utf8_lossy(&self.stdout),
            self.stderr
        );
        self
    }
}

impl Audit {
    /// `backlinks audit TARGET` with a short first retry wait so the suite stays fast.
    pub fn new(target: &str) -> Audit {
        Audit {
            args: vec!["audit".into(), target.into(), "--backoff".into(), "10".into()],
            stdin: None,
            env: Vec::new(),
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn source(mut self, source: impl Into<OsString>) -> Audit {
        self.args.push(source.into());
        self
    }

    pub fn sources<I, S>(mut self, sources: I) -> Audit
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(sources.into_iter().map(Into::into));
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Audit
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// `--sources PATH`.
    pub fn sources_file(mut self, path: impl Into<OsString>) -> Audit {
        self.args.push("--sources".into());
        self.args.push(path.into());
        self
    }

    /// Runs with `key` set to `value`, or removed with `None`.
    pub fn env(mut self, key: impl Into<OsString>, value: Option<&str>) -> Audit {
        self.env.push((key.into(), value.map(Into::into)));
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Audit {
        self.stdin = Some(bytes.into());
        self
    }

    /// The scratch directory the run happens in.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file in the scratch directory and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write scratch file");
        path
    }

    /// Runs it; the scratch directory lives on in the returned guard.
    pub fn run(&self) -> Outcome {
        let mut cmd = backlinks(self.dir.path());
        cmd.args(&self.args);
        for (key, value) in &self.env {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            };
        }
        if let Some(stdin) = &self.stdin {
            cmd.write_stdin(stdin.clone());
        }
        let output = cmd.output().expect("run backlinks");
        Outcome {
            code: output.status.code(),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs with `--format json`, expects exit 0 and parses the report.
    pub fn json(self) -> Report {
        self.json_with_code(0)
    }

    pub fn json_with_code(mut self, code: i32) -> Report {
        self.args.extend(["--format".into(), "json".into()]);
        let outcome = self.run().expect_code(code);
        let doc: Value = serde_json::from_slice(&outcome.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}",
                String::from_utf8_lossy(&outcome.stdout)
            )
        });
        assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
        Report { doc }
    }
}

/// A parsed JSON report.
pub struct Report {
    pub doc: Value,
}

impl Report {
    pub fn sources(&self) -> &Vec<Value> {
        self.doc["sources"].as_array().expect("sources array")
    }

    pub fn links(&self) -> &Vec<Value> {
        self.doc["links"].as_array().expect("links array")
    }

    /// The source record whose `url` is `url`.
    pub fn source(&self, url: &str) -> &Value {
        self.sources()
            .iter()
            .find(|s| s["url"] == url)
            .unwrap_or_else(|| panic!("no source {url} in {:#}", self.doc["sources"]))
    }

    pub fn status(&self, url: &str) -> &str {
        self.source(url)["status"].as_str().expect("status is a string")
    }

    /// The one link whose `target_url` is `target_url`.
    pub fn link_to(&self, target_url: &str) -> &Value {
        let found: Vec<&Value> = self
            .links()
            .iter()
            .filter(|l| l["target_url"] == target_url)
            .collect();
        assert_eq!(found.len(), 1, "links to {target_url} in {:#}", self.doc["links"]);
        found[0]
    }

    pub fn target_urls(&self) -> Vec<&str> {
        self.links()
            .iter()
            .map(|l| l["target_url"].as_str().expect("target_url"))
            .collect()
    }

    pub fn summary(&self) -> &Value {
        &self.doc["summary"]
    }
}

/// The key names of a JSON object, in order.
pub fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// Whether text carries a C0 control (other than newline and tab) or a C1 control.
pub fn has_control_chars(text: &str) -> bool {
    text.chars().any(|c| {
        let code = c as u32;
        (code < 0x20 && c != '\n' && c != '\t') || code == 0x7f || (0x80..=0x9f).contains(&code)
    })
}

/// The absolute path of a fixture under `fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

/// The first of `programs` found on the PATH. When none is, a test that
/// needs it says why it is skipped on standard error and gets `None`, except
/// with `CI=true` (`.ci/run` installs every one), where it fails.
pub fn required_program(programs: &[&str], test: &str, install: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .flat_map(|dir| programs.iter().map(move |name| dir.join(name)))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{} is required when CI=true: `{install}`",
            programs[0]
        );
        eprintln!(
            "skipping {test}: {} is not on the PATH (`{install}` installs it)",
            programs[0]
        );
    }
    found
}
