//! The Spark job (`scale/spark/discover_job.py`) on a local Spark (`local[2]`)
//! finds the same links as one `backlinks discover` over the same manifest:
//! real Common Crawl and warcio archives from `fixtures/archives/`, archives
//! written here, and one served over loopback HTTP through `--base-url`. Both
//! of its Parquet writers are run: the partitions' own (what `auto` picks for a
//! local folder) and Spark's (what a cluster writing to S3 or HDFS uses).
//!
//! Needs a Python with pyspark (and pyarrow, to read the Parquet back):
//! `BACKLINKS_PYSPARK_PYTHON`, else `python3` if it has them. Without one the
//! tests print why and pass, except with `CI=true` (`.ci/run` installs them),
//! where they fail. A separate test binary: Spark takes seconds to start, and
//! `cargo test --test cli` should not wait for it.

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::{Map, Value};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

const JOB: &str = "scale/spark/discover_job.py";
const TARGETS: [&str; 4] = ["creativecommons.org", "wikimedia.org", "icann.org", "example.com"];

/// The real archives the manifest lists, as `fixtures/archives/README.md`
/// describes them: WARC 1.0 plain, WAT plain, gzip members, WAT gzip, chunked
/// transfer encoding, and a record whose length lies (damage both runs count).
const FIXTURES: [&str; 7] = [
    "cc-2014-sample.warc",
    "cc-2014-sample.warc.wat",
    "cc-2019-one-response.warc.gz",
    "cc-2024-whirlwind.warc.gz",
    "cc-2024-whirlwind.warc.wat.gz",
    "warcio-iana-chunked.warc",
    "warcio-truncated.warc",
];

#[test]
fn the_job_writing_its_parts_itself_finds_what_one_process_finds() {
    the_job_finds_what_one_process_finds("auto", "partitions");
}

#[test]
fn the_job_writing_through_spark_finds_what_one_process_finds() {
    the_job_finds_what_one_process_finds("spark", "spark");
}

/// Runs the job with `--writer WRITER` and checks its Parquet and summary
/// against one process, and that the writer it reports is `expected_writer`.
fn the_job_finds_what_one_process_finds(writer: &str, expected_writer: &str) {
    let Some(python) = pyspark_python() else { return };
    let dir = tempfile::tempdir().expect("temporary directory");
    let written = dir.path().join("written.warc.gz");
    std::fs::write(&written, written_archive()).expect("write the archive");
    let server = ArchiveServer::start("served/more.warc.gz", served_archive());

    let mut entries: Vec<String> = FIXTURES.iter().map(|name| fixture(name)).collect();
    entries.push(written.display().to_string());
    entries.push("served/more.warc.gz".to_string()); // relative: joined to --base-url
    let manifest = dir.path().join("warc.paths.gz");
    std::fs::write(&manifest, gzip(entries.join("\n").as_bytes())).expect("write the manifest");
    let base_url = server.base_url();

    let single = discover(&manifest, &base_url);
    let (single_links, single_summary) = split_jsonl(&single);

    let output = dir.path().join("found");
    let job = run_job(
        &python,
        &TARGETS,
        &manifest,
        &base_url,
        &output,
        &dir.path().join("summary.json"),
        writer,
    );
    assert!(
        job.status.success(),
        "the job failed:\n{}",
        String::from_utf8_lossy(&job.stderr)
    );
    // A finished write is marked as Spark marks it, and nothing is left staged.
    assert!(output.join("_SUCCESS").is_file());
    assert!(!output.join("_temporary").exists());
    let (columns, spark_rows) = read_parquet(&python, &output);

    // Every column of FoundLink, in its order (the JSON key order of a link).
    let link_columns: Vec<&String> = single_links[0].keys().collect();
    assert_eq!(columns.iter().collect::<Vec<_>>(), link_columns);
    // The same rows, every column, as multisets (Spark's row order is its own).
    assert_same_rows(&spark_rows, &single_links);

    // What the written archives hold, found once, by the rules of section 2.
    let written_name = written.display().to_string();
    let served_name = format!("{base_url}served/more.warc.gz");
    assert_eq!(count(&spark_rows, &written_name, "creativecommons.org"), 3);
    assert_eq!(count(&spark_rows, &written_name, "wikimedia.org"), 1);
    assert_eq!(count(&spark_rows, &written_name, "example.com"), 1);
    assert_eq!(count(&spark_rows, &served_name, "example.com"), 2);
    // And what the real ones hold: the 2024 capture links to the Wikimedia
    // Foundation, IANA's page (chunked) to ICANN, the 2014 slice to Creative Commons.
    assert!(
        count(
            &spark_rows,
            &fixture("cc-2024-whirlwind.warc.gz"),
            "wikimedia.org"
        ) > 0
    );
    assert!(count(&spark_rows, &fixture("warcio-iana-chunked.warc"), "icann.org") > 0);
    assert!(
        count(
            &spark_rows,
            &fixture("cc-2014-sample.warc"),
            "creativecommons.org"
        ) > 0
    );

    // The job's summary adds up to the single run's, skips included.
    let merged: Value = serde_json::from_slice(&job.stdout).expect("the job prints its summary as JSON");
    assert_eq!(merged["writer"], expected_writer);
    let single_summary = single_summary.get("summary").unwrap_or(&single_summary);
    assert_eq!(merged["archives"], Value::from(entries.len()));
    for key in [
        "archives",
        "archives_read",
        "records",
        "pages_scanned",
        "html_bytes",
        "skipped",
        "targets",
    ] {
        assert_eq!(merged[key], single_summary[key], "summary field {key}");
    }
    // warcio-truncated.warc's lying record is damage, counted (its reader
    // says bad-record); the request records are no capture.
    let skipped = |reason: &str| merged["skipped"][reason].as_u64().expect("every reason counted");
    assert!(
        skipped("bad-record") + skipped("truncated-record") > 0,
        "{merged}"
    );
    assert!(skipped("not-a-capture") >= 2, "{merged}");
    let written_summary = std::fs::read_to_string(dir.path().join("summary.json")).expect("--summary FILE");
    assert_eq!(serde_json::from_str::<Value>(&written_summary).unwrap(), merged);
}

#[test]
fn a_failing_discover_fails_the_job_with_its_message() {
    let Some(python) = pyspark_python() else { return };
    for writer in ["partitions", "spark"] {
        a_failing_discover_fails_the_job(&python, writer);
    }
}

fn a_failing_discover_fails_the_job(python: &str, writer: &str) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let manifest = dir.path().join("warc.paths");
    std::fs::write(&manifest, fixture("cc-2019-one-response.warc.gz")).expect("write the manifest");
    // discover refuses a target that is not http(s) with exit 2, before reading.
    let (output, summary) = (dir.path().join("found"), dir.path().join("summary.json"));
    let job = run_job(
        python,
        &["ftp://example.com/"],
        &manifest,
        "https://example.invalid/",
        &output,
        &summary,
        writer,
    );
    let stderr = String::from_utf8_lossy(&job.stderr);
    assert_eq!(job.status.code(), Some(1), "--writer {writer}: {stderr}");
    // The job's last words (after Spark's trace) name the partition, the exit
    // code and discover's own message.
    let last_words = stderr
        .rsplit_once("discover_job: the job failed: ")
        .map(|(_, words)| words)
        .unwrap_or_else(|| panic!("--writer {writer}: no failure message: {stderr}"));
    assert!(
        last_words.starts_with("partition 0: `backlinks discover` exited with 2 over 1 archives"),
        "--writer {writer}: {last_words}"
    );
    assert!(
        last_words.contains("only http and https targets can be audited"),
        "--writer {writer}: {last_words}"
    );
    assert!(
        job.stdout.is_empty(),
        "--writer {writer}: no summary after a failure"
    );
    assert!(
        !output.join("_SUCCESS").exists() && !summary.exists(),
        "--writer {writer}"
    );
}

/// The interpreter with pyspark and pyarrow, or `None` (with the reason
/// printed) when there is none and CI does not require one.
fn pyspark_python() -> Option<String> {
    let named = std::env::var("BACKLINKS_PYSPARK_PYTHON").ok();
    let python = named.clone().unwrap_or_else(|| "python3".to_string());
    let works = Command::new(&python)
        .args(["-c", "import pyspark, pyarrow"])
        .output()
        .is_ok_and(|out| out.status.success());
    if works {
        return Some(python);
    }
    let reason = match named {
        Some(named) => format!("BACKLINKS_PYSPARK_PYTHON={named} cannot import pyspark and pyarrow"),
        None => "python3 has no pyspark and pyarrow (pip install pyspark pyarrow, or set BACKLINKS_PYSPARK_PYTHON)".to_string(),
    };
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{reason}; CI=true requires them (.ci/run installs them)"
    );
    // Past the harness's capture (which takes only `eprintln!`), so the skip is seen.
    let _ = writeln!(std::io::stderr(), "skipping the Spark job test: {reason}");
    None
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/archives")
        .join(name)
        .display()
        .to_string()
}

fn discover(manifest: &Path, base_url: &str) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_backlinks"));
    command.arg("discover").arg(TARGETS[0]);
    for also in &TARGETS[1..] {
        command.args(["--also", also]);
    }
    command
        .arg("--archives")
        .arg(manifest)
        .args(["--base-url", base_url, "--format", "jsonl"]);
    let out = command.output().expect("run backlinks discover");
    assert!(
        out.status.success(),
        "discover failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 JSON Lines")
}

fn run_job(
    python: &str,
    targets: &[&str],
    manifest: &Path,
    base_url: &str,
    output: &Path,
    summary: &Path,
    writer: &str,
) -> Output {
    let mut command = Command::new(python);
    command
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(JOB))
        .arg(targets[0]);
    for also in &targets[1..] {
        command.args(["--also", also]);
    }
    command
        .arg("--manifest")
        .arg(manifest)
        .args([
            "--base-url",
            base_url,
            "--binary",
            env!("CARGO_BIN_EXE_backlinks"),
        ])
        .arg("--output")
        .arg(output)
        .arg("--summary")
        .arg(summary)
        .args(["--writer", writer])
        // More partitions than cores: shares queue, and one may hold a single archive.
        .args(["--partitions", "3", "--master", "local[2]"])
        .args([
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.ui.showConsoleProgress=false",
        ])
        .env("SPARK_LOCAL_IP", "127.0.0.1");
    command.output().expect("run the Spark job")
}

/// The link objects (without `type`) and the summary line of discover's JSON Lines.
fn split_jsonl(text: &str) -> (Vec<Map<String, Value>>, Value) {
    let mut links = Vec::new();
    let mut summary = None;
    for line in text.lines() {
        let Value::Object(mut object) = serde_json::from_str(line).expect("a JSON object a line") else {
            panic!("not an object: {line}")
        };
        match object.shift_remove("type").as_ref().and_then(Value::as_str) {
            Some("link") => links.push(object),
            Some("summary") => summary = Some(Value::Object(object)),
            other => panic!("unexpected line type {other:?}: {line}"),
        }
    }
    assert!(
        !links.is_empty(),
        "discover found no link: the test would prove nothing"
    );
    (links, summary.expect("a summary line"))
}

/// The Parquet folder's column names and rows, read with pyarrow (not Spark:
/// another reader, so the files are checked as any consumer sees them).
fn read_parquet(python: &str, folder: &Path) -> (Vec<String>, Vec<Map<String, Value>>) {
    let script = "import json, sys, pyarrow.parquet as pq\n\
                  table = pq.read_table(sys.argv[1])\n\
                  print(json.dumps(table.schema.names))\n\
                  for row in table.to_pylist(): print(json.dumps(row))\n";
    let out = Command::new(python)
        .args(["-c", script])
        .arg(folder)
        .output()
        .expect("run pyarrow");
    assert!(
        out.status.success(),
        "pyarrow: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut lines = text.lines();
    let columns = serde_json::from_str(lines.next().expect("the column names")).expect("JSON list");
    let rows = lines
        .map(|line| serde_json::from_str(line).expect("a row as a JSON object"))
        .collect();
    (columns, rows)
}

/// Equal as multisets; a failure lists only the rows that differ.
fn assert_same_rows(spark: &[Map<String, Value>], single: &[Map<String, Value>]) {
    let (spark, single) = (sorted(spark), sorted(single));
    let only_in = |a: &[String], b: &[String]| -> Vec<String> {
        let mut rest = b.to_vec();
        a.iter()
            .filter(|row| match rest.iter().position(|other| other == *row) {
                Some(at) => {
                    rest.swap_remove(at);
                    false
                }
                None => true,
            })
            .cloned()
            .collect()
    };
    let (missing, extra) = (only_in(&single, &spark), only_in(&spark, &single));
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the job's rows differ from one process's: {} missing {missing:#?}, {} extra {extra:#?}",
        missing.len(),
        extra.len()
    );
}

fn sorted(rows: &[Map<String, Value>]) -> Vec<String> {
    let mut rows: Vec<String> = rows
        .iter()
        .map(|row| Value::Object(row.clone()).to_string())
        .collect();
    rows.sort();
    rows
}

fn count(rows: &[Map<String, Value>], archive: &str, target: &str) -> usize {
    rows.iter()
        .filter(|row| row["archive"] == archive && row["target"] == target)
        .count()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}

static NEXT_RECORD_ID: AtomicU32 = AtomicU32::new(1);

/// A WARC 1.1 record, gzipped as a member of its own (Common Crawl's layout).
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let head = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-20T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        NEXT_RECORD_ID.fetch_add(1, Ordering::Relaxed),
        block.len()
    );
    gzip(&[head.as_bytes(), block, b"\r\n\r\n"].concat())
}

fn response(uri: &str, status: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        http.as_bytes(),
    )
}

fn request(uri: &str) -> Vec<u8> {
    let http = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\n\r\n",
        uri.split('/').nth(2).unwrap_or("")
    );
    record(
        "request",
        uri,
        "application/http; msgtype=request",
        http.as_bytes(),
    )
}

/// Three links to creativecommons.org (one protocol-relative, one to a
/// subdomain), one to wikimedia.org, one to example.com through `<base>`, and
/// look-alike hosts that match nothing.
fn written_archive() -> Vec<u8> {
    let blog = "<html><body><p><a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>\
                <a rel=\"nofollow\" href=\"//wiki.creativecommons.org/wiki/FAQ\">FAQ</a>\
                <a href=\"https://notcreativecommons.org/\">look-alike</a>\
                <a href=\"https://foundation.wikimedia.org/wiki/Home\">Wikimedia</a></p></body></html>";
    let forum = "<html><head><base href=\"https://www.example.com/docs/\"></head><body>\
                 <a rel=\"ugc\" href=\"guide.html\">the guide</a>\
                 <a href=\"https://example.com.evil.test/\">evil</a>\
                 <footer><a href=\"https://creativecommons.org/\">CC</a></footer></body></html>";
    [
        request("https://blog.test/post"),
        response("https://blog.test/post", "200 OK", blog),
        request("https://forum.test/t/1"),
        response("https://forum.test/t/1", "200 OK", forum),
    ]
    .concat()
}

/// Two links to example.com, and a capture of a 404 (`not-ok`) whose link does not count.
fn served_archive() -> Vec<u8> {
    let page = "<html><body><a href=\"https://example.com/\">Example</a>\
                <map><area href=\"https://docs.example.com/map\" alt=\"map\"></map></body></html>";
    let missing = "<html><body><a href=\"https://example.com/lost\">lost</a></body></html>";
    [
        response("https://news.test/a", "200 OK", page),
        response("https://news.test/gone", "404 Not Found", missing),
    ]
    .concat()
}

/// One archive on 127.0.0.1, for the manifest's relative entry.
struct ArchiveServer {
    base_url: String,
    _runtime: tokio::runtime::Runtime,
}

impl ArchiveServer {
    fn start(path: &'static str, body: Vec<u8>) -> ArchiveServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("test runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind 127.0.0.1:0");
        let base_url = format!("http://{}/", listener.local_addr().expect("local address"));
        let app = axum::Router::new().route(
            &format!("/{path}"),
            axum::routing::get(move || async move { body }),
        );
        runtime.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        ArchiveServer {
            base_url,
            _runtime: runtime,
        }
    }

    fn base_url(&self) -> String {
        self.base_url.clone()
    }
}
