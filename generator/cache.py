"""Content-hash cache of extractions: a rebuild re-extracts only the seeds that changed.

Cleaning and extracting one article is a pure function of four things, and the cache key
hashes exactly those four:

1. the seed as read (text, metadata from front matter or sidecar, format, encoding, read
   warnings) - not only the raw bytes, since a sidecar NAME.yml changes the metadata;
2. its slug (assigned over all file names, so a new colliding file can change it);
3. every YAML table the build read (`Tables.sources`: language and corpus tables);
4. the generator code that runs before linking, plus the Python version (pickle format).

Anything else cannot change an Extraction, so a hit is safe to reuse. Entries are pickled
Extractions, one file per key under `<cache dir>/extract/`. A missing, truncated or
unreadable entry is a miss, never an error: the cache only ever saves time. A cache that
cannot be written (read-only checkout) is silently skipped for the same reason.

The cache folder is written only by the generator; pickle is used because the entries
are our own frozen dataclasses. Do not point `cache_dir` at a folder others can write to.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from .models import Extraction, Seed, Tables

R = TypeVar("R")

CACHE_DIR_NAME = ".dossier-cache"
ENTRY_SUFFIX = ".pickle"
GENERATOR_DIR = Path(__file__).parent
# Modules that run after extraction (or never during it): editing them cannot change an
# Extraction, so they stay out of the code hash and a template tweak keeps the cache warm.
# Everything else under generator/ is hashed, so a new extraction module is covered.
DOWNSTREAM = frozenset(
    {
        "render",
        "templates",
        "link.py",
        "writer.py",
        "cli.py",
        "export.py",
        "mkdocs_plugin.py",
        "pipeline.py",
        "__main__.py",
        "cache.py",
        # compiled copies of the extract sources, which are hashed (native.py)
        "_native",
        "native.py",
    }
)


def _code_files(root: Path = GENERATOR_DIR) -> tuple[Path, ...]:
    """Every file under generator/ that can influence extraction, in a stable order."""
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts or path.suffix == ".pyc":
            continue
        if rel.parts[0] in DOWNSTREAM:
            continue
        found.append(path)
    return tuple(found)


def code_digest(root: Path = GENERATOR_DIR) -> str:
    """Return a sha256 over the extraction code and the Python version.

    Part of every key: a changed extractor must never serve results of the old one, and
    pickles of another Python version are not trusted.
    """
    digest = hashlib.sha256(f"python {sys.version_info[:2]}\n".encode())
    for path in _code_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def tables_digest(tables: Tables) -> str:
    """Return a sha256 over every YAML table file the build read (name and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(tables.sources, key=str):
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def context_digest(tables: Tables) -> str:
    """Return the part of the key shared by all seeds of one build: tables plus code."""
    return hashlib.sha256(f"{tables_digest(tables)}:{code_digest()}".encode()).hexdigest()


def seed_key(seed: Seed, slug: str, context: str) -> str:
    """Return the cache key of one seed: everything clean + extract see of it, plus context."""
    digest = hashlib.sha256()
    for part in (
        context,
        seed.file,
        slug,
        seed.fmt,
        seed.encoding,
        seed.sha256,
        repr(seed.meta),
        repr(seed.problems),
        seed.text,
    ):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ExtractionCache:
    """A folder of pickled Extractions keyed by `seed_key`."""

    root: Path

    @property
    def folder(self) -> Path:
        """The folder holding the entries (a subfolder, so the root can hold other caches)."""
        return self.root / "extract"

    def _entry(self, key: str) -> Path:
        return self.folder / f"{key}{ENTRY_SUFFIX}"

    def load(self, key: str) -> Extraction | None:
        """Return the cached Extraction for `key`, or None on a miss or an unreadable entry."""
        try:
            data = self._entry(key).read_bytes()
        except OSError:
            return None
        # Unpickling a truncated or stale entry raises almost anything (EOFError, AttributeError
        # for a renamed class, ...): it is a miss, never a failed build.
        try:
            value = pickle.loads(data)
        except Exception:  # noqa: BLE001
            return None
        return value if isinstance(value, Extraction) else None

    def store(self, key: str, extraction: Extraction) -> bool:
        """Write one entry atomically; return False (and carry on) when it cannot be written."""
        target = self._entry(key)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, target)
        except (OSError, pickle.PicklingError):
            tmp.unlink(missing_ok=True)
            return False
        return True

    def prune(self, keep: Iterable[str]) -> int:
        """Delete entries not in `keep` (old versions of edited seeds); return how many.

        Called after a whole-corpus build, so the cache holds one entry per current seed
        and does not grow with every edit.
        """
        wanted = {f"{key}{ENTRY_SUFFIX}" for key in keep}
        removed = 0
        try:
            entries = sorted(self.folder.iterdir())
        except OSError:
            return 0
        for path in entries:
            if path.name.endswith(ENTRY_SUFFIX) and path.name not in wanted:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed


def resolve_cache_dir(seeds_dir: Path, cache_dir: Path | None) -> Path | None:
    """Return the cache folder to use, or None for no cache.

    A relative `cache_dir` (the default `.dossier-cache`) lies beside the seeds folder, in
    the project, where .gitignore already lists it.
    """
    if cache_dir is None:
        return None
    return cache_dir if cache_dir.is_absolute() else seeds_dir.resolve().parent / cache_dir


# ── cached, optionally parallel extraction ────────────────────────────────

# Below this many seeds to extract, starting worker processes (and pickling the tables
# and every result across) costs more than it saves.
PARALLEL_MIN_SEEDS = 200

_worker_tables: Tables | None = None

# The last build's extractions by key, in this process: a rebuild in a running
# `mkdocs serve` reuses them without reading the cache folder (and the unchanged
# Extraction objects stay the same objects, so per-extraction memos keep hitting).
_MEMORY: dict[str, Extraction] = {}


@dataclass(frozen=True, slots=True)
class ExtractStats:
    """How one extraction run was served: from the cache, and with how many processes."""

    hits: int
    misses: int
    jobs: int


def available_cores() -> int:
    """Return the number of CPU cores this process may run on (affinity-aware)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def choose_jobs(pending: int, jobs: int | None) -> int:
    """Return the number of processes for `pending` seeds; `jobs=None` decides by size."""
    if jobs is not None:
        return max(1, min(jobs, pending or 1))
    if pending < PARALLEL_MIN_SEEDS:
        return 1
    return available_cores()


def _init_worker(tables: Tables) -> None:
    # The tables travel once per worker, not once per seed.
    global _worker_tables
    _worker_tables = tables


def _run_in_worker(process: Callable, job: tuple[Seed, str]) -> object:
    seed, slug = job
    return process(seed, _worker_tables, slug)


def extract_all(
    seeds: Sequence[Seed],
    slugs: Mapping[str, str],
    tables: Tables,
    process: Callable[[Seed, Tables, str], R],
    *,
    cache: ExtractionCache | None = None,
    jobs: int | None = None,
    prune: bool = False,
) -> tuple[tuple[R, ...], ExtractStats]:
    """Return `process(seed, tables, slug)` for every seed, in seed order, and how it ran.

    Results found in `cache` are reused; the rest run serially or, for many seeds, across
    processes. Results that are Extractions are stored in the cache; anything else (a
    skipped seed's status) is recomputed next time, so a failure is never remembered.
    `process` must be a module-level function (workers import it by name). The output does
    not depend on `jobs`: each seed's result is a pure function of the seed, and results
    are put back in seed order. With `prune`, entries of seeds not in `seeds` are deleted
    (use it only when `seeds` is the whole corpus).
    """
    results: list[R | None] = [None] * len(seeds)
    keys: list[str | None] = [None] * len(seeds)
    pending: list[int] = []
    if cache is not None:
        context = context_digest(tables)
        for i, seed in enumerate(seeds):
            key = seed_key(seed, slugs[seed.file], context)
            keys[i] = key
            hit = _MEMORY.get(key) or cache.load(key)
            if hit is not None:
                results[i] = hit  # type: ignore[assignment]
            else:
                pending.append(i)
    else:
        pending = list(range(len(seeds)))

    workers = choose_jobs(len(pending), jobs)
    todo = [(seeds[i], slugs[seeds[i].file]) for i in pending]
    if workers > 1:
        chunk = max(1, len(todo) // (workers * 8))
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(tables,)) as pool:
            computed = list(pool.map(partial(_run_in_worker, process), todo, chunksize=chunk))
    else:
        computed = [process(seed, tables, slug) for seed, slug in todo]

    for i, result in zip(pending, computed, strict=True):
        results[i] = result
        key = keys[i]
        if cache is not None and key is not None and isinstance(result, Extraction):
            cache.store(key, result)
    if cache is not None and prune:
        cache.prune(key for key in keys if key is not None)
    if cache is not None:
        _MEMORY.clear()
        _MEMORY.update(
            (key, result)
            for key, result in zip(keys, results, strict=True)
            if key is not None and isinstance(result, Extraction)
        )
    stats = ExtractStats(len(seeds) - len(pending), len(pending), workers)
    return tuple(results), stats  # type: ignore[arg-type]
