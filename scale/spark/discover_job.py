#!/usr/bin/env python3
"""Run `backlinks discover` over a manifest of web archives on Apache Spark.

The driver reads the manifest (a local file or an http(s) URL, plain or gzip,
as Common Crawl's warc.paths.gz), spreads its entries over the executors, and
each partition runs one `backlinks discover ... --archives - --format jsonl`
process fed its entries on standard input, with the binary shipped to the
executors by Spark. The links are written as Parquet (a folder of part files),
one row per link, the columns of `FoundLink` (src/model/found.rs) in order; the
summary of the whole run is printed as JSON on standard output.

    spark-submit scale/spark/discover_job.py example.com --also rival.com \
        --manifest warc.paths.gz --base-url https://data.commoncrawl.org/ \
        --binary ./backlinks --output s3://bucket/found/

scale/spark/README.md says how to run it on a cluster and locally.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections import deque

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    LongType,
    StringType,
    StructField,
    StructType,
)

# FoundLink's fields, in its declaration order (the JSON key order of a link
# line), with their Parquet types. Nullable where the Rust type is an Option.
FOUND_LINK_SCHEMA = StructType(
    [
        StructField("target", StringType(), False),
        StructField("source_url", StringType(), False),
        StructField("source_host", StringType(), False),
        StructField("source_domain", StringType(), False),
        StructField("captured_at", StringType(), False),
        StructField("archive", StringType(), False),
        StructField("record_offset", LongType(), False),
        StructField("target_url", StringType(), False),
        StructField("anchor_text", StringType(), False),
        StructField("rel", ArrayType(StringType(), False), False),
        StructField("link_type", StringType(), False),
        StructField("passes_equity", BooleanType(), False),
        StructField("placement", StringType(), True),
        StructField("hidden", BooleanType(), True),
    ]
)
COLUMNS = [field.name for field in FOUND_LINK_SCHEMA.fields]

# The summary's counters that add up across partitions; referring pages and
# domains do not (a domain can link from two partitions), so they are counted
# again from the rows.
SUMMED = ["archives", "archives_read", "records", "pages_scanned", "html_bytes"]

# How much of a failed process's standard error the task's error message quotes.
STDERR_TAIL_LINES = 20


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Find links to TARGET (and competitors) in web archives, on Spark.",
    )
    add = parser.add_argument
    add("target", help="the site sought: a host or a URL prefix, as for `backlinks discover`")
    add("--also", action="append", default=[], metavar="COMPETITOR",
        help="another target sought in the same pass (repeatable)")
    add("--manifest", required=True, metavar="PATH_OR_URL",
        help="the list of archives, one a line, plain or gzip (Common Crawl's warc.paths.gz)")
    add("--base-url", metavar="URL",
        help="joined to relative entries (Common Crawl: https://data.commoncrawl.org/)")
    add("--binary", required=True, metavar="PATH",
        help="the `backlinks` binary built for the executors' platform; Spark ships it to them")
    add("--output", required=True, metavar="DIR",
        help="where the Parquet folder is written (any path Spark writes: local, hdfs://, s3://, gs://)")
    add("--overwrite", action="store_true",
        help="replace --output if it exists (otherwise the job refuses to start)")
    add("--partitions", type=int, metavar="N",
        help="processes to run, each over a share of the archives [default: the executors' cores]")
    add("--concurrency", type=int, metavar="N",
        help="archives each process reads at once (discover's --concurrency) [default: discover's]")
    add("--summary", metavar="FILE", help="also write the run's summary (JSON) to this local file")
    add("--master", help="Spark master when run with plain `python3` (spark-submit sets its own), e.g. local[2]")
    add("--conf", action="append", default=[], metavar="KEY=VALUE",
        help="a Spark setting, when run with plain `python3` (repeatable)")
    args = parser.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        parser.error("--partitions must be 1 or more")
    if args.concurrency is not None and args.concurrency < 1:
        parser.error("--concurrency must be 1 or more")
    if not os.access(args.binary, os.X_OK):
        parser.error(f"--binary {args.binary} is not an executable file: "
                     "build it with `cargo build --release` (target/release/backlinks)")
    for setting in args.conf:
        if "=" not in setting:
            parser.error(f"--conf {setting}: expected KEY=VALUE")
    return args


def read_manifest(location):
    """The manifest's entries, blank lines dropped (as discover drops them).
    Gzip is recognised by its magic bytes, whatever the name."""
    if location.startswith(("http://", "https://")):
        with urllib.request.urlopen(location, timeout=60) as response:
            data = response.read()
    else:
        with open(location, "rb") as file:
            data = file.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    lines = data.decode("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def discover_command(binary, args):
    """The argument vector (no shell) of one partition's process; the entries
    come on standard input. No --quiet: it would empty standard output."""
    command = [binary, "discover", args.target]
    for competitor in args.also:
        command += ["--also", competitor]
    command += ["--archives", "-", "--format", "jsonl"]
    if args.base_url:
        command += ["--base-url", args.base_url]
    if args.concurrency:
        command += ["--concurrency", str(args.concurrency)]
    return command


def run_partition(binary_name, args):
    """A function for mapPartitionsWithIndex: runs discover over the
    partition's entries and yields ("link", row) and ("summary", dict).

    Not RDD.pipe: its command is fixed on the driver, where the shipped
    binary's path (SparkFiles.get, resolved on the executor) is not known; it
    keeps no standard error for the failure message; and it ignores the exit
    code unless checkCode=True. Here a failing process fails the task (Spark
    retries it, then fails the job) with discover's own message."""

    def run(index, entries):
        entries = list(entries)
        if not entries:
            return  # discover refuses an empty list; an empty share finds nothing
        binary = SparkFiles.get(binary_name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        process = subprocess.Popen(
            discover_command(binary, args),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        stderr_tail = deque(maxlen=STDERR_TAIL_LINES)
        threads = [
            threading.Thread(target=feed, args=(process.stdin, entries), daemon=True),
            threading.Thread(target=relay, args=(process.stderr, index, stderr_tail), daemon=True),
        ]
        for thread in threads:
            thread.start()
        for line in process.stdout:
            yield parse_line(line)
        code = process.wait()
        for thread in threads:
            thread.join()
        if code != 0:
            raise RuntimeError(
                f"partition {index}: `backlinks discover` exited with {code} over {len(entries)} archives "
                f"(first: {entries[0]}); its last words:\n" + "".join(stderr_tail)
            )

    return run


def feed(stdin, entries):
    """Writes the entries to the process, then closes its input (end of list)."""
    try:
        for entry in entries:
            stdin.write(entry.encode("utf-8") + b"\n")
    except BrokenPipeError:
        pass  # the process stopped early; its exit code says why
    finally:
        try:
            stdin.close()
        except BrokenPipeError:
            pass


def relay(stderr, index, tail):
    """Discover's notes (damaged records, unreadable archives) go to the
    executor's log, prefixed with the partition; the last lines are kept."""
    for raw in stderr:
        line = raw.decode("utf-8", "replace")
        tail.append(line)
        sys.stderr.write(f"[partition {index}] {line}")
    sys.stderr.flush()


def parse_line(line):
    record = json.loads(line)
    kind = record.get("type")
    if kind == "link":
        return ("link", tuple(record[column] for column in COLUMNS))
    if kind == "summary":
        return ("summary", record)
    raise ValueError(f"unexpected line from `backlinks discover --format jsonl`: {line[:200]!r}")


def merge_summaries(lines, per_target, partitions):
    """One summary for the whole run: counters summed over the partitions'
    summary lines, skip counts by reason, targets in the order given, with
    referring pages and domains counted from all rows."""
    merged = {"partitions": partitions, "partial": False}
    merged.update({key: 0 for key in SUMMED})
    skipped = {}
    target_order = []
    for line in lines:
        summary = line.get("summary", line)
        merged["partial"] = merged["partial"] or bool(line.get("partial", False))
        for key in SUMMED:
            merged[key] += summary.get(key, 0)
        for reason, count in summary.get("skipped", {}).items():
            skipped[reason] = skipped.get(reason, 0) + count
        for found in summary.get("targets", []):
            if found["target"] not in target_order:
                target_order.append(found["target"])
    merged["skipped"] = skipped
    merged["targets"] = [
        {"target": target, **per_target.get(target, {"links": 0, "referring_pages": 0, "referring_domains": 0})}
        for target in target_order
    ]
    return merged


def main(argv):
    args = parse_args(argv)
    entries = read_manifest(args.manifest)
    if not entries:
        sys.exit(f"the manifest {args.manifest} names no archive: it is empty or holds only blank lines")

    builder = SparkSession.builder.appName("backlinks discover")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local workers run this interpreter (a venv's, with pyspark), not
            # whatever `python3` is first on the PATH. On a cluster the
            # executors' Python is the cluster's business.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for setting in args.conf:
        key, value = setting.split("=", 1)
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    context = spark.sparkContext

    if not args.overwrite and output_exists(spark, args.output):
        spark.stop()
        sys.exit(f"discover_job: --output {args.output} exists: pass --overwrite to replace it, or name another")
    context.addFile(os.path.abspath(args.binary))
    binary_name = os.path.basename(args.binary)
    partitions = min(args.partitions or context.defaultParallelism, len(entries))

    started = time.monotonic()
    try:
        summary = scan(spark, entries, partitions, binary_name, args)
        # The scan alone, Spark's start-up left out: what to compare with one
        # process's wall time.
        summary["scan_ms"] = round((time.monotonic() - started) * 1000)
    except Exception as error:  # Py4J wraps the task's error in pages of JVM trace
        sys.exit(f"discover_job: the job failed: {first_failure(error)}")
    finally:
        spark.stop()
    text = json.dumps(summary, indent=2)
    print(text)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as file:
            file.write(text + "\n")


def scan(spark, entries, partitions, binary_name, args):
    """Runs the partitions, writes the links, returns the merged summary."""
    context = spark.sparkContext
    results = (
        context.parallelize(entries, partitions)
        .mapPartitionsWithIndex(run_partition(binary_name, args))
        .persist(StorageLevel.MEMORY_AND_DISK)  # read twice: links, then summaries
    )
    links = spark.createDataFrame(results.filter(lambda r: r[0] == "link").map(lambda r: r[1]), FOUND_LINK_SCHEMA)
    links.write.mode("overwrite" if args.overwrite else "errorifexists").parquet(args.output)

    per_target = {
        row["target"]: {"links": row["links"], "referring_pages": row["pages"], "referring_domains": row["domains"]}
        for row in links.groupBy("target")
        .agg(
            F.count(F.lit(1)).alias("links"),
            F.countDistinct("source_url").alias("pages"),
            F.countDistinct("source_domain").alias("domains"),
        )
        .collect()
    }
    summaries = results.filter(lambda r: r[0] == "summary").map(lambda r: r[1]).collect()
    return merge_summaries(summaries, per_target, partitions)


def output_exists(spark, location):
    """Whether the output exists, asked of the file system Spark writes to
    (local, HDFS, S3, GCS alike), so a long scan does not end in a refusal."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(location)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path)


def first_failure(error):
    """The partition's own message when a discover process failed (with the
    lines of its standard error that follow), else the error's first line."""
    text = str(error)
    marker = text.find("`backlinks discover` exited with")
    if marker == -1:
        return text.strip().splitlines()[0] if text.strip() else repr(error)
    start = text.rfind("partition ", 0, marker)
    lines = text[start:].splitlines()
    kept = [lines[0]]
    for line in lines[1:STDERR_TAIL_LINES + 1]:
        if line.lstrip().startswith(("at ", "\tat ", "Traceback", "File \"")) or "org.apache.spark" in line:
            break
        kept.append(line)
    return "\n".join(kept)


if __name__ == "__main__":
    main(sys.argv[1:])
