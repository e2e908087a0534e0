"""Compiled extraction: the modules of generator/extract compiled to C with mypyc.

Extraction is pure Python and runs for every article; compiled with mypyc (the compiler
of the mypy project, which turns type-annotated Python into a C extension with the same
behaviour) it takes about a third less time (0.64x in the A/B of 1ac74e8). The compiled
modules are an optional accelerator, never a second implementation:

- `python -m generator native build` (run by `make`) compiles generator/extract/*.py
  into generator/_native/ and writes a manifest holding the SHA-256 of every source the
  build read (the compiled modules and generator/models.py);
- when the `generator` package is imported, use_compiled() puts a finder in front of the
  import system that loads the compiled modules, but only when the manifest was built
  for this Python and every one of those sources is unchanged. An edited source, another
  Python, no build, or DOSSIER_NATIVE=0 in the environment: the Python sources run;
- both give the same output: tests/test_native.py extracts the seeds and the test
  corpora both ways and compares the JSON byte for byte. One known difference inside:
  compiled `str.lower()` maps character by character, so a final capital sigma becomes
  "σ" where Python gives "ς" (same length, so offsets hold; no table word is Greek); the
  test runs Greek and Turkish text through both to check the output is unaffected.

The build writes only into generator/_native/ and deletes there only files its own
manifest lists.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
EXTRACT_DIR = PACKAGE_DIR / "extract"
NATIVE_DIR = PACKAGE_DIR / "_native"
MANIFEST = NATIVE_DIR / "manifest.json"
ENV_SWITCH = "DOSSIER_NATIVE"  # "0": always run the Python sources
# Sources the compiled code depends on besides the compiled modules themselves: the
# dataclasses it reads (a changed field must not meet code compiled for the old one).
DEPENDENCIES = ("models.py",)

# What this process runs, for the benchmark and `python -m generator native status`.
status = "python: not built (python -m generator native build)"


def _compiled_sources() -> list[Path]:
    """The extract modules mypyc compiles (the package __init__ stays a Python package)."""
    return sorted(p for p in EXTRACT_DIR.glob("*.py") if p.name != "__init__.py")


def _digests() -> dict[str, str]:
    """SHA-256 of every source a build reads, by path relative to the package."""
    paths = [*_compiled_sources(), *(PACKAGE_DIR / name for name in DEPENDENCIES)]
    return {
        path.relative_to(PACKAGE_DIR).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in paths
    }


def _suffix() -> str:
    return importlib.machinery.EXTENSION_SUFFIXES[0]


class _CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds the compiled modules listed in the manifest, by full module name."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(self, fullname, path=None, target=None):  # the MetaPathFinder protocol
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def _read_manifest() -> dict | None:
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def use_compiled() -> str:
    """Load the compiled extract modules from now on if they match the sources; return
    (and keep in `status`) what runs and why."""
    global status
    if any(name.startswith("generator.extract.") for name in sys.modules):
        status = "python: extract modules were imported before the finder"
    elif os.environ.get(ENV_SWITCH) == "0":
        status = f"python: {ENV_SWITCH}=0"
    elif (manifest := _read_manifest()) is None:
        status = "python: not built (python -m generator native build)"
    elif manifest.get("suffix") != _suffix():
        status = f"python: built for {manifest.get('suffix')}, this Python loads {_suffix()}"
    elif manifest.get("sources") != _digests():
        status = "python: sources changed since the build (python -m generator native build)"
    else:
        files = {name: NATIVE_DIR / file for name, file in manifest["modules"].items()}
        if all(path.is_file() for path in files.values()):
            sys.meta_path.insert(0, _CompiledFinder(files))
            status = f"compiled: mypyc {manifest.get('mypy', '?')}"
        else:
            status = "python: a compiled file is missing (python -m generator native build)"
    return status


def build() -> str:
    """Compile the extract modules with mypyc into NATIVE_DIR; return a one-line summary.

    Compiles a copy of the package in a temporary folder, so no build files land in the
    source tree. Raises RuntimeError with mypyc's output when the compilation fails.
    """
    import shutil
    import subprocess
    import tempfile

    import mypy.version  # the compiler: only needed to build

    sources = _digests()
    with tempfile.TemporaryDirectory(prefix="dossier-native-") as tmp:
        work = Path(tmp)
        shutil.copytree(
            PACKAGE_DIR,
            work / "generator",
            ignore=shutil.ignore_patterns("__pycache__", "_native", "*.so"),
        )
        targets = [f"generator/extract/{p.name}" for p in _compiled_sources()]
        mypyc = [sys.executable, "-m", "mypyc", "--ignore-missing-imports", "--follow-imports=silent"]
        done = subprocess.run(
            [*mypyc, *targets],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"mypyc failed:\n{done.stdout[-4000:]}{done.stderr[-4000:]}")
        built = {
            f"generator.extract.{p.name[: -len(_suffix())]}": p
            for p in (work / "generator" / "extract").glob(f"*{_suffix()}")
        }
        # the runtime the compiled modules share: one top-level module per build group
        built.update(
            {p.name[: -len(_suffix())]: p for p in work.glob(f"*__mypyc{_suffix()}")}
        )
        expected = {f"generator.extract.{p.stem}" for p in _compiled_sources()}
        if not expected <= built.keys():
            raise RuntimeError(f"mypyc built {sorted(built)}, expected {sorted(expected)}")
        _remove_previous()
        NATIVE_DIR.mkdir(exist_ok=True)
        modules = {}
        for name, path in sorted(built.items()):
            target = NATIVE_DIR / f"{name}{_suffix()}"
            shutil.copyfile(path, target)
            modules[name] = target.name
    manifest = {
        "suffix": _suffix(),
        "mypy": mypy.version.__version__,
        "modules": modules,
        "sources": sources,
    }
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return f"compiled {len(expected)} extract modules with mypyc {mypy.version.__version__}"


def _remove_previous() -> None:
    """Delete the files an earlier build wrote (and only those: its manifest lists them)."""
    manifest = _read_manifest()
    if manifest is None:
        return
    for file in manifest.get("modules", {}).values():
        if Path(file).name == file:  # a bare file name, never a path out of the folder
            (NATIVE_DIR / file).unlink(missing_ok=True)
    MANIFEST.unlink()
