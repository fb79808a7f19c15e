//! The reading commands on a history we may not write (README, "Where the
//! database lives"): `history`, `show` and `diff` work on a read-only file, a
//! read-only folder or both, change nothing and leave no `-wal` or `-shm`
//! behind; `audit` says what to do instead.
//!
//! chmod stops nobody running as root: then the commands run as `nobody`
//! through `setpriv` when it is there. Without it the permission part is
//! skipped (said on stderr), and what holds for root too is still checked:
//! the file's bytes and mtime unchanged, no `-wal` or `-shm` left.

use super::page;
use crate::run::{std_command, Outcome};
use crate::server::TestServer;
use std::os::unix::fs::{chown, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// The uid and gid of `nobody` on Linux.
const NOBODY: u32 = 65534;

/// How the commands are run: as ourselves, or as `nobody` when we are root.
enum Runner {
    Own,
    Nobody,
    /// Root, with no way to drop privileges: chmod cannot be tested.
    RootOnly(&'static str),
}

impl Runner {
    fn find() -> Runner {
        // SAFETY: geteuid cannot fail and touches no memory.
        if unsafe { libc::geteuid() } != 0 {
            return Runner::Own;
        }
        let works = Command::new("setpriv")
            .args(as_nobody())
            .arg(env!("CARGO_BIN_EXE_backlinks"))
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if works {
            Runner::Nobody
        } else {
            Runner::RootOnly("running as root without a working `setpriv` to drop to nobody")
        }
    }

    fn command(&self, dir: &Path) -> Command {
        let own = std_command(dir);
        match self {
            Runner::Nobody => {
                let mut cmd = Command::new("setpriv");
                cmd.args(as_nobody()).arg(own.get_program());
                for (key, value) in own.get_envs() {
                    match value {
                        Some(value) => cmd.env(key, value),
                        None => cmd.env_remove(key),
                    };
                }
                cmd.current_dir(dir);
                cmd
            }
            Runner::Own | Runner::RootOnly(_) => own,
        }
    }

    /// Whether chmod binds the runs.
    fn permissions_apply(&self) -> bool {
        match self {
            Runner::Own | Runner::Nobody => true,
            Runner::RootOnly(why) => {
                eprintln!("read-only history: permission checks skipped ({why})");
                false
            }
        }
    }
}

fn as_nobody() -> [String; 3] {
    [
        format!("--reuid={NOBODY}"),
        format!("--regid={NOBODY}"),
        "--clear-groups".to_string(),
    ]
}

fn run(runner: &Runner, dir: &Path, args: &[&str]) -> Outcome {
    let output = runner.command(dir).args(args).output().expect("run backlinks");
    let outcome = Outcome {
        code: output.status.code(),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    outcome
}

/// A scratch folder with `db/history.db` holding two complete audits (the
/// second finds one more link), owned by whoever the runs are.
fn history(runner: &Runner) -> (tempfile::TempDir, PathBuf, TestServer) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let server = TestServer::with_pages(vec![("/a", page(&[("https://example.com/", "", "Example")]))]);
    for links in [1, 2] {
        let found: Vec<_> = (0..links)
            .map(|_| ("https://example.com/", "", "Example"))
            .collect();
        server.set_page("/a", page(&found));
        let output = std_command(dir.path())
            .args(["audit", "example.com", "-q", &server.url("/a")])
            .output()
            .expect("run backlinks");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let db = dir.path().join("db");
    std::fs::create_dir(&db).expect("db folder");
    let file = db.join("history.db");
    std::fs::rename(dir.path().join("history.db"), &file).expect("move the history");
    if let Runner::Nobody = runner {
        for path in [dir.path(), &db, &file] {
            chown(path, Some(NOBODY), Some(NOBODY)).expect("chown to nobody");
        }
    }
    (dir, file, server)
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// The file's bytes and mtime, and the files in its folder.
fn snapshot(file: &Path) -> (Vec<u8>, SystemTime, Vec<String>) {
    let bytes = std::fs::read(file).expect("read the history");
    let mtime = std::fs::metadata(file).and_then(|m| m.modified()).expect("mtime");
    let mut names: Vec<String> = std::fs::read_dir(file.parent().unwrap())
        .expect("list the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    (bytes, mtime, names)
}

/// `history`, `show` and `diff` read the two audits, and leave the file and
/// its folder as they were.
fn reads_leave_it_untouched(runner: &Runner, dir: &Path, file: &Path, case: &str) {
    let db = file.to_str().expect("UTF-8 path");
    let before = snapshot(file);
    assert_eq!(before.2, ["history.db"], "{case}: a clean folder to begin with");
    let listed = run(runner, dir, &["history", "--db", db, "--format", "json"]).expect_code(0);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    assert_eq!(
        listed["audits"].as_array().map(Vec::len),
        Some(2),
        "{case}: {listed}"
    );
    let shown = run(runner, dir, &["show", "latest", "--db", db, "--format", "json"]).expect_code(0);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("JSON");
    assert_eq!(shown["summary"]["backlinks"], 2, "{case}");
    let diff = run(runner, dir, &["diff", "--db", db, "--format", "json"]).expect_code(0);
    let diff: serde_json::Value = serde_json::from_slice(&diff.stdout).expect("JSON");
    assert_eq!(diff["summary"]["new"], 1, "{case}: {diff}");
    let after = snapshot(file);
    assert_eq!(after.2, before.2, "{case}: no -wal or -shm left behind");
    assert!(after.0 == before.0, "{case}: the file's bytes changed");
    assert_eq!(after.1, before.1, "{case}: the file's mtime changed");
}

#[test]
fn the_reading_commands_work_on_a_read_only_history_and_change_nothing() {
    let runner = Runner::find();
    let apply = runner.permissions_apply();
    // (what is read-only, file mode, folder mode)
    let cases = [
        ("nothing", 0o644, 0o755),
        ("the file", 0o444, 0o755),
        ("the folder", 0o644, 0o555),
        ("the file and the folder", 0o444, 0o555),
    ];
    for (case, file_mode, dir_mode) in cases {
        let (dir, file, server) = history(&runner);
        let folder = file.parent().unwrap().to_path_buf();
        chmod(&file, file_mode);
        chmod(&folder, dir_mode);
        reads_leave_it_untouched(&runner, dir.path(), &file, case);
        if apply && case != "nothing" {
            let db = file.to_str().unwrap();
            let outcome = run(
                &runner,
                dir.path(),
                &["audit", "example.com", "--db", db, &server.url("/a")],
            )
            .expect_code(2);
            assert!(
                outcome.stderr.contains("cannot be written")
                    && outcome.stderr.contains("--no-save")
                    && outcome.stderr.contains("--db PATH"),
                "{case}: {}",
                outcome.stderr
            );
            assert_eq!(server.hits("/a"), 2, "{case}: refused before anything is fetched");
            assert_eq!(
                snapshot(&file).2,
                ["history.db"],
                "{case}: the audit left nothing behind"
            );
        }
        chmod(&folder, 0o755); // so the scratch folder can be removed
    }
}
