#!/usr/bin/env python3
"""Run `backlinks discover` over a manifest of web archives on Apache Spark.

The driver reads the manifest (a local file or an http(s) URL, plain or gzip,
as Common Crawl's warc.paths.gz), spreads its entries over the executors, and
each partition runs one `backlinks discover ... --archives - --format jsonl`
process fed its entries on standard input, with the binary shipped to the
executors by Spark. The links are written as Parquet (a folder of part files),
one row per link, the columns of `FoundLink` (src/model/found.rs) in order; the
summary of the whole run is printed as JSON on standard output.

Who writes the Parquet (`--writer`): to a local or shared file system, each
partition writes its own part file with pyarrow (`partitions`), so no link
crosses from Python into the JVM; to any other (s3://, gs://, hdfs://), the
link lines go to Spark's JSON reader and Parquet writer (`spark`).

    spark-submit scale/spark/discover_job.py example.com --also rival.com \
        --manifest warc.paths.gz --base-url https://data.commoncrawl.org/ \
        --binary ./backlinks --output s3://bucket/found/

scale/spark/README.md says how to run it on a cluster and locally.
"""

import argparse
import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections import deque

from pyspark import SparkFiles, TaskContext
from pyspark.accumulators import AccumulatorParam
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

# The summary's counters that add up across partitions (so do each target's
# links); referring pages and domains do not (a domain can link from two
# partitions), so they are counted again from the rows.
SUMMED = ["archives", "archives_read", "records", "pages_scanned", "html_bytes"]
REFERRING = {"referring_pages": "source_url", "referring_domains": "source_domain"}

# How a link line of `discover --format jsonl` starts (its first key is the
# type): such lines go on as they are, unparsed in Python.
LINK_PREFIX = b'{"type":"link",'

# --writer partitions: link lines parsed by pyarrow at once (about 16,000
# links), and the links of a row group (as in discover's own Parquet).
PARSE_BYTES = 8 << 20
ROW_GROUP_LINKS = 100_000

# Where the partitions' files are written before they are moved into the
# output folder (Spark's writer uses the same name).
STAGING = "_temporary"

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
    add("--writer", choices=["auto", "partitions", "spark"], default="auto",
        help="who writes the Parquet: each partition its part file (a local or shared file system), "
             "or Spark (any) [default: auto, partitions when --output is local]")
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


def discover_lines(binary_name, args, index, entries, summaries):
    """Runs discover over a partition's entries and yields its link lines
    (bytes, as printed); its summary line goes to `summaries` under the
    partition's index.

    Not RDD.pipe: its command is fixed on the driver, where the shipped
    binary's path (SparkFiles.get, resolved on the executor) is not known; it
    keeps no standard error for the failure message; and it ignores the exit
    code unless checkCode=True. Here a failing process fails the task (Spark
    retries it, then fails the job) with discover's own message."""
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
    summary = None
    for line in process.stdout:
        if line.startswith(LINK_PREFIX):
            yield line
            continue
        record = json.loads(line)
        kind = record.get("type")
        if kind == "link":
            yield line
        elif kind == "summary":
            summary = record
        else:
            raise ValueError(f"unexpected line from `backlinks discover --format jsonl`: {line[:200]!r}")
    code = process.wait()
    for thread in threads:
        thread.join()
    if code != 0:
        raise RuntimeError(
            f"partition {index}: `backlinks discover` exited with {code} over {len(entries)} archives "
            f"(first: {entries[0]}); its last words:\n" + "".join(stderr_tail)
        )
    if summary is None:
        raise RuntimeError(f"partition {index}: `backlinks discover` printed no summary line")
    summaries.add({index: summary})


def lines_for_spark(binary_name, args, summaries):
    """For mapPartitionsWithIndex: the partition's link lines as text, for
    Spark's JSON reader. An empty share runs nothing (discover refuses an
    empty list)."""

    def run(index, entries):
        entries = list(entries)
        if entries:
            for line in discover_lines(binary_name, args, index, entries, summaries):
                yield line.decode("utf-8")

    return run


def parts_written(binary_name, args, summaries, folder):
    """For mapPartitionsWithIndex: writes the partition's links as a Parquet
    part file in `folder` (an empty share, an empty file: discover refuses an
    empty list) and yields the distinct (count name, target, page or domain)
    behind the referring pages and domains, for the driver to count."""

    def run(index, entries):
        entries = list(entries)
        with PartFile(folder, index) as part:
            if entries:
                for line in discover_lines(binary_name, args, index, entries, summaries):
                    part.add(line)
            referring = part.commit()
        yield from referring

    return run


class PartFile:
    """One partition's Parquet file, written from its link lines: pyarrow
    parses them a block at a time as they come (while discover still runs),
    into the job's schema and strictly (a missing field or a wrong type fails
    the task), and writes them in row groups of ROW_GROUP_LINKS. The file is
    written under _temporary and moved into place once discover has succeeded,
    under a name of the partition's own, so a retried or speculative task
    replaces it rather than adding a second copy."""

    def __init__(self, folder, index):
        try:
            import pyarrow.json
            import pyarrow.parquet
        except ImportError as error:
            raise RuntimeError(
                f"partition {index}: --writer partitions needs pyarrow on the executors ({error}): "
                "pip install pyarrow, or pass --writer spark"
            ) from error
        self.pyarrow = pyarrow
        name = part_name(index)
        self.path = os.path.join(folder, name)
        attempt = TaskContext.get().taskAttemptId()  # unique in the application
        self.staged = os.path.join(folder, STAGING, f"{name}.attempt-{attempt}")
        self.schema = arrow_schema()
        self.writer = pyarrow.parquet.ParquetWriter(self.staged, self.schema, compression="snappy")
        self.lines, self.line_bytes, self.longest = [], 0, 0
        self.parsed, self.parsed_links = [], 0
        self.referring = set()

    def __enter__(self):
        return self

    def __exit__(self, *failure):
        self.writer.close()  # again after commit: a no-op

    def add(self, line):
        self.lines.append(line)
        self.line_bytes += len(line)
        self.longest = max(self.longest, len(line))
        if self.line_bytes >= PARSE_BYTES:
            self.parse()

    def parse(self):
        if not self.lines:
            return
        json = self.pyarrow.json
        links = json.read_json(
            self.pyarrow.BufferReader(b"".join(self.lines)),
            # A line must fit in one of the reader's blocks.
            read_options=json.ReadOptions(block_size=max(1 << 20, 2 * self.longest)),
            parse_options=json.ParseOptions(explicit_schema=self.schema, unexpected_field_behavior="ignore"),
        ).cast(self.schema)  # the reader refused nulls where the schema has none, yet marks all nullable
        self.lines, self.line_bytes = [], 0
        for count, column in REFERRING.items():
            distinct = links.group_by(["target", column]).aggregate([])
            pairs = zip(distinct["target"].to_pylist(), distinct[column].to_pylist())
            self.referring.update((count, target, value) for target, value in pairs)
        self.parsed.append(links)
        self.parsed_links += links.num_rows
        if self.parsed_links >= ROW_GROUP_LINKS:
            self.write()

    def write(self):
        if self.parsed_links:
            links = self.pyarrow.concat_tables(self.parsed)
            self.writer.write_table(links, row_group_size=links.num_rows)
        self.parsed, self.parsed_links = [], 0

    def commit(self):
        """Writes what is left, moves the file into place, and returns the
        partition's distinct (count name, target, page or domain)."""
        self.parse()
        self.write()
        self.writer.close()
        os.replace(self.staged, self.path)
        return self.referring


def part_name(index):
    return f"part-{index:05d}.snappy.parquet"


def arrow_schema():
    """FOUND_LINK_SCHEMA in pyarrow's types (imported on the executor, where
    only --writer partitions needs pyarrow)."""
    import pyarrow

    def arrow_type(kind):
        if isinstance(kind, ArrayType):
            return pyarrow.list_(pyarrow.field("element", arrow_type(kind.elementType), kind.containsNull))
        return {"string": pyarrow.string(), "bigint": pyarrow.int64(), "boolean": pyarrow.bool_()}[kind.simpleString()]

    return pyarrow.schema(
        [pyarrow.field(field.name, arrow_type(field.dataType), field.nullable) for field in FOUND_LINK_SCHEMA.fields]
    )


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


def merge_summaries(lines, referring, partitions, writer):
    """One summary for the whole run: counters summed over the partitions'
    summary lines, skip counts by reason, targets in the order given with
    their links summed, and referring pages and domains as counted from all
    rows (`referring`: target -> count name -> number)."""
    merged = {"partitions": partitions, "writer": writer, "partial": False}
    merged.update({key: 0 for key in SUMMED})
    skipped = {}
    links = {}
    for line in lines:
        summary = line.get("summary", line)
        merged["partial"] = merged["partial"] or bool(line.get("partial", False))
        for key in SUMMED:
            merged[key] += summary.get(key, 0)
        for reason, count in summary.get("skipped", {}).items():
            skipped[reason] = skipped.get(reason, 0) + count
        for found in summary.get("targets", []):
            links[found["target"]] = links.get(found["target"], 0) + found["links"]
    merged["skipped"] = skipped
    merged["targets"] = [
        {"target": target, "links": count, **{key: referring.get(target, {}).get(key, 0) for key in REFERRING}}
        for target, count in links.items()  # dicts keep the order targets were first seen
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
    writer = choose_writer(spark, args)
    if writer is None:
        spark.stop()
        sys.exit(f"discover_job: --writer partitions writes to a local or shared file system, and --output "
                 f"{args.output} is not on one: use --writer spark (or auto)")
    context.addFile(os.path.abspath(args.binary))
    binary_name = os.path.basename(args.binary)
    partitions = min(args.partitions or context.defaultParallelism, len(entries))

    started = time.monotonic()
    try:
        summary = scan(spark, entries, partitions, binary_name, args, writer)
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


def choose_writer(spark, args):
    """Who writes the Parquet: the partitions when the output is on the local
    file system (or a shared one mounted alike on every machine) and pyarrow
    is installed, Spark otherwise; None when --writer partitions cannot."""
    local = local_folder(spark, args.output) is not None
    if args.writer == "partitions":
        return "partitions" if local else None
    if args.writer == "spark" or not local:
        return "spark"
    return "partitions" if importlib.util.find_spec("pyarrow") else "spark"


class ByPartition(AccumulatorParam):
    """Each partition's summary line, keyed by its index: a task run twice
    (a retry, a speculative copy, a stage run again) replaces its entry rather
    than counting twice."""

    def zero(self, value):
        return {}

    def addInPlace(self, first, second):
        first.update(second)
        return first


def scan(spark, entries, partitions, binary_name, args, writer):
    """Runs the partitions, writes the links, returns the merged summary."""
    context = spark.sparkContext
    summaries = context.accumulator({}, ByPartition())
    shares = context.parallelize(entries, partitions)
    if writer == "partitions":
        referring = write_parts(spark, shares, binary_name, args, summaries)
    else:
        referring = write_with_spark(spark, shares, binary_name, args, summaries)
    lines = [summaries.value[index] for index in sorted(summaries.value)]
    return merge_summaries(lines, referring, partitions, writer)


def write_parts(spark, shares, binary_name, args, summaries):
    """--writer partitions, in one Spark job: the partitions write their part
    files and yield their own distinct referring pages and domains, which a
    shuffle of those alone makes distinct across partitions for the count.
    The driver commits as Spark's writer does (_temporary removed, _SUCCESS
    written last); a failed job leaves no folder behind."""
    folder = local_folder(spark, args.output)
    if args.overwrite:
        delete_output(spark, args.output)
    os.makedirs(os.path.join(folder, STAGING))
    try:
        counted = (
            shares.mapPartitionsWithIndex(parts_written(binary_name, args, summaries, folder))
            .distinct()
            .map(lambda found: (found[0], found[1]))
            .countByValue()
        )
        missing = [name for name in map(part_name, range(shares.getNumPartitions()))
                   if not os.path.isfile(os.path.join(folder, name))]
        if missing:
            raise RuntimeError(
                f"{len(missing)} part files (first: {missing[0]}) are not in {folder} as the driver sees it: "
                "on a cluster, --output must be on a file system every machine mounts alike (or use "
                "--writer spark with an hdfs://, s3:// or gs:// output)"
            )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    shutil.rmtree(os.path.join(folder, STAGING))
    with open(os.path.join(folder, "_SUCCESS"), "wb"):
        pass
    referring = {}
    for (count, target), number in counted.items():
        referring.setdefault(target, {})[count] = number
    return referring


def write_with_spark(spark, shares, binary_name, args, summaries):
    """--writer spark: the link lines go as text to Spark's JSON reader
    (parsed in the JVM, strictly: a malformed line fails the job) and its
    Parquet writer; the referring pages and domains are counted from the
    written files (three columns read back), a second, short job."""
    # Whole-stage code generation buys nothing for a JSON scan, a Parquet write
    # and a small count, and compiling it costs seconds of a fresh JVM. A
    # setting of the user's own (--conf) wins.
    codegen = "spark.sql.codegen.wholeStage"
    if spark.conf.get(codegen, None) is None:
        spark.conf.set(codegen, "false")
    lines = shares.mapPartitionsWithIndex(lines_for_spark(binary_name, args, summaries))
    links = spark.read.json(lines, schema=FOUND_LINK_SCHEMA, mode="FAILFAST")
    links.write.mode("overwrite" if args.overwrite else "errorifexists").parquet(args.output)
    written = spark.read.parquet(args.output)
    counts = written.groupBy("target").agg(
        *[F.countDistinct(column).alias(count) for count, column in REFERRING.items()]
    )
    return {row["target"]: {count: row[count] for count in REFERRING} for row in counts.collect()}


def local_folder(spark, location):
    """The absolute local path of `location` when Spark's file system for it
    is the local one (file:, or a plain path where that is the default file
    system), else None."""
    path = hadoop_path(spark, location)
    file_system = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if file_system.getScheme() != "file":
        return None
    return file_system.makeQualified(path).toUri().getPath()


def hadoop_path(spark, location):
    return spark.sparkContext._jvm.org.apache.hadoop.fs.Path(location)


def delete_output(spark, location):
    path = hadoop_path(spark, location)
    path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(path, True)


def output_exists(spark, location):
    """Whether the output exists, asked of the file system Spark writes to
    (local, HDFS, S3, GCS alike), so a long scan does not end in a refusal."""
    path = hadoop_path(spark, location)
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
