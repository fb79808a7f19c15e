//! A sources file is read with bounds: devices, endless streams, absurd lines.

use crate::run::{std_command, Audit};
use crate::server::TestServer;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Generous: the bound stops these runs in milliseconds, an unbounded read
/// never (it is a guard against a hang, not a timing assertion).
const HANG: Duration = Duration::from_secs(60);

#[cfg(unix)]
#[test]
fn a_device_as_sources_file_exits_2_at_once() {
    let server = TestServer::start();
    let started = Instant::now();
    let outcome = Audit::new("example.com")
        .source(server.url("/page/1"))
        .sources_file("/dev/zero")
        .run()
        .expect_code(2);
    assert!(started.elapsed() < HANG);
    assert!(
        outcome.stderr.contains("`/dev/zero` is a device, not a file")
            && outcome.stderr.contains("`--sources -`"),
        "{}",
        outcome.stderr
    );
    assert_eq!(outcome.stderr.lines().count(), 1, "{}", outcome.stderr);
    assert_eq!(server.requests().len(), 0, "nothing fetched");
}

#[test]
fn a_line_over_64_kib_exits_2_naming_its_line() {
    let server = TestServer::start();
    let audit = Audit::new("example.com");
    let long = format!("{}\n# fine\n{}\n", server.url("/page/1"), "x".repeat(100 * 1024));
    let list = audit.file("links.txt", long);
    let outcome = audit.sources_file(&list).run().expect_code(2);
    let expected = format!("`{}`, line 3, is longer than 64 KiB", list.display());
    assert!(outcome.stderr.contains(&expected), "{}", outcome.stderr);
    assert!(outcome.stdout.is_empty());
    assert_eq!(server.requests().len(), 0, "nothing fetched");
}

#[test]
fn a_65_kib_line_in_an_export_exits_2_naming_its_line() {
    let server = TestServer::start();
    let audit = Audit::new("example.com");
    let anchor = "a".repeat(65 * 1024);
    let csv = format!(
        "Source url,Anchor\n{},fine\n{},{anchor}\n",
        server.url("/page/1"),
        server.url("/page/2")
    );
    let export = audit.file("semrush.csv", csv);
    let outcome = audit.sources_file(&export).run().expect_code(2);
    let expected = format!("`{}`, line 3, is longer than 64 KiB", export.display());
    assert!(outcome.stderr.contains(&expected), "{}", outcome.stderr);
    assert_eq!(server.requests().len(), 0, "nothing fetched");
}

#[test]
fn a_utf16_export_under_the_bound_is_read_and_a_long_row_is_named() {
    let server = TestServer::start();
    let audit = Audit::new("example.com");
    // 40,000 characters: 80,000 bytes of UTF-16, 40,000 of text, under 64 KiB.
    let tsv = format!(
        "Referring page URL\tAnchor\n{}\t{}\n",
        server.url("/page/1"),
        "b".repeat(40_000)
    );
    let mut bytes = vec![0xFF, 0xFE];
    tsv.encode_utf16().for_each(|u| bytes.extend(u.to_le_bytes()));
    let export = audit.file("ahrefs.tsv", &bytes);
    let report = audit.sources_file(&export).json();
    assert_eq!(report.status(&server.url("/page/1")), "ok");

    let audit = Audit::new("example.com");
    let tsv = format!(
        "Referring page URL\tAnchor\n{}\t{}\n",
        server.url("/page/1"),
        "b".repeat(70_000)
    );
    let mut bytes = vec![0xFF, 0xFE];
    tsv.encode_utf16().for_each(|u| bytes.extend(u.to_le_bytes()));
    let export = audit.file("ahrefs.tsv", &bytes);
    let outcome = audit.sources_file(&export).run().expect_code(2);
    assert!(
        outcome.stderr.contains(", line 2, is longer than 64 KiB"),
        "{}",
        outcome.stderr
    );
}

#[cfg(unix)]
#[test]
fn endless_zeros_on_standard_input_exit_2_at_once() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().expect("scratch dir");
    let zeros = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let started = Instant::now();
    let mut child = std_command(dir.path())
        .args(["audit", "example.com", "--sources", "-"])
        .stdin(Stdio::from(zeros))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run backlinks");
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > HANG {
            child.kill().expect("kill");
            panic!("reading endless zeros did not stop");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`-`, line 1, holds a NUL character, so it is not text"),
        "{stderr}"
    );
    assert_eq!(server.requests().len(), 0, "nothing fetched");
}

#[test]
fn a_list_on_standard_input_is_still_read() {
    let server = TestServer::start();
    let report = Audit::new("example.com")
        .args(["--sources", "-"])
        .stdin(format!(
            "{}\n{}\n",
            server.url("/page/1"),
            server.url("/nolink/2")
        ))
        .json();
    assert_eq!(report.status(&server.url("/page/1")), "ok");
    assert_eq!(report.status(&server.url("/nolink/2")), "no-link");
}

/// A named pipe, as a shell's `<(...)` gives, is read rather than refused.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_read() {
    use std::io::Write;
    let server = TestServer::start();
    let audit = Audit::new("example.com");
    let fifo = audit.dir().join("links.fifo");
    let c_path = std::ffi::CString::new(fifo.to_str().expect("UTF-8 path")).expect("no NUL");
    // SAFETY: mkfifo reads a NUL-terminated path and touches nothing else.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
    let list = format!("{}\n", server.url("/page/1"));
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Opening blocks until backlinks opens the other end.
            let mut pipe = std::fs::OpenOptions::new()
                .write(true)
                .open(fifo)
                .expect("open fifo");
            pipe.write_all(list.as_bytes()).expect("write fifo");
        })
    };
    let report = audit.sources_file(&fifo).json();
    writer.join().expect("writer");
    assert_eq!(report.status(&server.url("/page/1")), "ok");
}
