"""Helpers for the tests that build a whole test corpus (tests/corpora/*) with the CLI,
exactly as a researcher would, and judge the real output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m generator ARGS` from the repository root, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@dataclass(frozen=True)
class CorpusBuild:
    """What one CLI build and one CLI extract of a corpus produced."""

    docs: Path
    stdout: str  # the build's console report
    records: list[dict]  # `extract --format json`


def build_copy(work: Path, corpus: Path, *build_args: str) -> CorpusBuild:
    """Copy `corpus` into `work` (the extraction cache lands beside the copy, not in the
    repository), build it into `work`/docs with `python -m generator build` (plus
    `build_args`) and extract it with `python -m generator extract --format json`."""
    seeds = work / corpus.name
    shutil.copytree(corpus, seeds)
    docs = work / "docs"
    build = run_cli("build", "--seeds", str(seeds), "--docs", str(docs), *build_args)
    assert build.returncode == 0, build.stdout + build.stderr
    extract = run_cli("extract", "--format", "json", str(seeds))
    assert extract.returncode == 0, extract.stderr
    return CorpusBuild(docs, build.stdout, json.loads(extract.stdout))
