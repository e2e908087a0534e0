"""The compiled extraction (generator/native.py) gives exactly what the Python sources
give, and is only used while it matches them."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_build import ROOT

CORPORA = ("seeds", "tests/corpora/unseen", "tests/corpora/energy", "tests/golden")


def _run(cwd: Path, *args: str, native: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("DOSSIER_NATIVE", None)
    if not native:
        env["DOSSIER_NATIVE"] = "0"
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def _status(cwd: Path = ROOT, native: bool = True) -> str:
    done = _run(cwd, "-m", "generator", "native", "status", native=native)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_switch_turns_the_compiled_modules_off():
    assert _status(native=False) == "python: DOSSIER_NATIVE=0"


@pytest.mark.parametrize("corpus", CORPORA)
def test_compiled_and_python_extraction_are_byte_identical(corpus: str):
    status = _status()
    if not status.startswith("compiled"):
        pytest.skip(f"extraction is not compiled here ({status})")
    args = ("-m", "generator", "extract", "--format", "json", corpus)
    compiled = _run(ROOT, *args)
    python = _run(ROOT, *args, native=False)
    assert compiled.returncode == python.returncode == 0, compiled.stderr + python.stderr
    assert json.loads(compiled.stdout), corpus  # the corpus was really extracted
    assert compiled.stdout == python.stdout


# Compiled str.lower() maps each character on its own (mypyc's primitive, Python 3.11):
# a final capital sigma becomes "σ" where Python gives "ς". Lengths stay equal (offsets
# hold) and no table word is Greek, so the output must not change; this checks it.
UNICODE_ARTICLE = """Title: İstanbul talks on ΣΟΦΟΣ grain deal

İSTANBUL, 4 March 2024 — Officials in İstanbul said on Tuesday that 12,000 tons of grain
had been shipped. The Greek firm ΟΔΥΣΣΕΑΣ ΑΕ reported that ΣΥΝΟΛΟ 3 million dollars were
paid, according to Reuters. ẞTRASSE and Ǆemal Ǆafić said 500 soldiers had arrived in İzmir
on 5 March. „Wir haben ΣΟΦΟΣ gesehen", sagte Dmitri Peskow am 6. März in Moskau.
"""


def test_compiled_and_python_agree_on_special_case_mappings(tmp_path: Path):
    status = _status()
    if not status.startswith("compiled"):
        pytest.skip(f"extraction is not compiled here ({status})")
    (tmp_path / "unicode.txt").write_text(UNICODE_ARTICLE, encoding="utf-8")
    args = ("-m", "generator", "extract", "--format", "json", str(tmp_path))
    compiled = _run(ROOT, *args)
    python = _run(ROOT, *args, native=False)
    assert compiled.returncode == python.returncode == 0, compiled.stderr + python.stderr
    assert json.loads(compiled.stdout)[0]["figures"]  # the article was really extracted
    assert compiled.stdout == python.stdout


def _package_copy(tmp_path: Path) -> Path:
    """A copy of the generator package with a manifest as a build writes it, listing a
    compiled file that is not there (so nothing is loaded, but the checks run)."""
    shutil.copytree(
        ROOT / "generator",
        tmp_path / "generator",
        ignore=shutil.ignore_patterns("__pycache__", "_native"),
    )
    package = tmp_path / "generator"
    sources = sorted((package / "extract").glob("*.py"))
    sources = [p for p in sources if p.name != "__init__.py"] + [package / "models.py"]
    manifest = {
        "suffix": importlib.machinery.EXTENSION_SUFFIXES[0],
        "mypy": "test",
        "modules": {"generator.extract.spans": "spans.so"},
        "sources": {
            p.relative_to(package).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sources
        },
    }
    (package / "_native").mkdir()
    (package / "_native" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return tmp_path


def test_a_manifest_matching_the_sources_is_used(tmp_path: Path):
    # every check passes up to the compiled file itself, which this copy lacks
    assert _status(_package_copy(tmp_path)).startswith("python: a compiled file is missing")


@pytest.mark.parametrize("edited", ["extract/spans.py", "models.py"])
def test_an_edited_source_falls_back_to_python(tmp_path: Path, edited: str):
    copy = _package_copy(tmp_path)
    path = copy / "generator" / edited
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert _status(copy).startswith("python: sources changed since the build")


def test_a_build_for_another_python_is_not_loaded(tmp_path: Path):
    copy = _package_copy(tmp_path)
    manifest_path = copy / "generator" / "_native" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["suffix"] = ".cpython-399-x86_64-linux-gnu.so"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert _status(copy).startswith("python: built for .cpython-399")
