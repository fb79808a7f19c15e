//! Ctrl-C and SIGTERM: the scan reports what it found, marked partial, and
//! exits 130, even while an archive's source has nothing more to give.

use super::warc::{members, Rec};
use crate::run::std_command;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

#[test]
fn an_interrupt_reports_the_links_found_so_far_and_exits_130() {
    let records: Vec<Rec> = (0..4)
        .map(|n| {
            Rec::html(
                &format!("https://site{n}.test/"),
                &format!(r#"<p><a href="https://example.com/{n}">Example</a></p>"#),
            )
        })
        .collect();
    let (archive, offsets) = members(&records);
    let stalled = &archive[..offsets[3] as usize + 30];
    let dir = tempfile::tempdir().unwrap();
    for signal in ["-INT", "-TERM"] {
        // Standard input as the archive: three records and the start of a
        // fourth, then a pipe that stays open and silent, like a download
        // stalled in the middle of a record.
        let mut child = std_command(dir.path())
            .args(["discover", "example.com", "-", "--format", "json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn backlinks");
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(stalled).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(Duration::from_secs(2));
        let sent = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        let signalled = Instant::now();
        let output = child.wait_with_output().expect("wait");
        let ended = signalled.elapsed();
        drop(stdin);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(130), "{signal}: {stderr}");
        // A guard against a hang, not a timing measurement.
        assert!(
            ended < Duration::from_secs(20),
            "{signal}: ended {ended:?} after the signal"
        );
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
        assert_eq!(report["partial"], true, "{signal}");
        let found: Vec<&str> = report["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["target_url"].as_str().unwrap())
            .collect();
        assert_eq!(
            found,
            [
                "https://example.com/0",
                "https://example.com/1",
                "https://example.com/2"
            ],
            "{signal}"
        );
        assert_eq!(report["summary"]["archives_read"], 0, "{signal}");
    }
}
