#!/usr/bin/env python3
"""Fail when the test build compiles again a unit the install built.

Usage: one-build.py INSTALL.json TEST.json, the `--message-format=json`
output of `cargo build --release` (what `cargo install` builds) and then of
`cargo test --release --no-run`. A unit is a package's target built with one
profile: the same unit compiled again (not fresh) in the test build means a
test-only crate turned on a feature the binary lacks, and every crate above
it is compiled twice (Cargo.toml, "One build for install and tests").
A package built for the host (proc-macro dependencies, at opt-level 0) and
again for the target by a test-only crate is two units, not a rebuild.
"""
import json
import sys


def artifacts(path):
    with open(path) as lines:
        for line in lines:
            if line.startswith("{"):
                message = json.loads(line)
                if message.get("reason") == "compiler-artifact":
                    yield message


def unit(artifact):
    target, profile = artifact["target"], artifact["profile"]
    return (
        artifact["package_id"],
        target["name"],
        tuple(target["kind"]),
        str(profile["opt_level"]),
        profile["test"],
    )


install_path, test_path = sys.argv[1:3]
installed = {unit(a) for a in artifacts(install_path)}
if not installed:
    sys.exit(f"no compiled unit in {install_path}: was it cargo's JSON output?")
rebuilt = sorted(
    {a["package_id"] for a in artifacts(test_path) if not a["fresh"] and unit(a) in installed}
)
if rebuilt:
    print("the test build compiled again what the install had built:")
    for package in rebuilt:
        print("  ", package)
    sys.exit(1)
print(f"the test build reused all {len(installed)} units the install built")
