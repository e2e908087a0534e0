"""The one place that knows the order of the stages.

    read ──▶ clean ──▶ extract ──▶ link ──▶ render ──▶ write

One bad seed never breaks the build: any failure while reading, cleaning or extracting
one seed becomes a `skipped` row in the build report naming the file and the reason.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .cache import CACHE_DIR_NAME, ExtractionCache, extract_all, resolve_cache_dir
from .clean import clean_seed
from .extract import extract_article
from .extract.memo import forget_owners
from .link import link_corpus
from .models import Corpus, Extraction, Page, Problem, Seed, SeedStatus, Tables
from .read import SeedError, assign_slugs, read_seed, read_seeds
from .render import render_site
from .tables import load_tables
from .writer import WriteResult, write_pages


@dataclass(frozen=True, slots=True)
class BuildResult:
    corpus: Corpus
    pages: tuple[Page, ...]
    write: WriteResult | None

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of the build: corpus-level, per seed, and from writing."""
        found = list(self.corpus.problems)
        for status in self.corpus.report:
            found.extend(status.problems)
        if self.write is not None:
            found.extend(self.write.problems)
        return tuple(found)


def default_tables_dir(seeds_dir: Path) -> Path:
    """The corpus tables live beside the seeds, in seeds/_tables/."""
    return seeds_dir / "_tables"


def _unknown_topics(seed: Seed, tables: Tables) -> tuple[Problem, ...]:
    known = {topic.id for topic in tables.topics}
    return tuple(
        Problem(seed.file, f"unknown topic id {topic!r} in metadata (known: {', '.join(sorted(known))})")
        for topic in seed.meta.topics
        if topic not in known
    )


def process_seed(seed: Seed, tables: Tables, slug: str) -> Extraction | SeedStatus:
    """Clean and extract one seed; return its Extraction, or a `skipped` status with the reason."""
    try:
        article = clean_seed(seed, tables, slug)
        extraction = extract_article(article, tables)
    except Exception as exc:  # noqa: BLE001 (one bad file never breaks the whole build)
        problem = Problem(seed.file, f"skipped: {type(exc).__name__}: {exc}", "error")
        return SeedStatus(seed.file, "skipped", None, (*seed.problems, problem))
    return extraction


def _status(extraction: Extraction, extra: tuple[Problem, ...]) -> SeedStatus:
    problems = (*extraction.article.problems, *extraction.problems, *extra)
    return SeedStatus(
        extraction.article.file,
        "warnings" if problems else "built",
        extraction.article.slug,
        problems,
    )


def extract_seeds(
    seeds: tuple[Seed, ...],
    tables: Tables,
    *,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    prune_cache: bool = False,
) -> tuple[tuple[Extraction, ...], tuple[SeedStatus, ...]]:
    """Run clean + extract over the seeds; return the extractions and one status per seed.

    With `cache_dir`, extractions of unchanged seeds (same bytes, metadata, tables and
    extraction code) are reused from there, so an edit re-extracts one seed. `jobs` is
    the number of processes (None: serial for small corpora, all cores for large ones);
    the result is identical either way. `prune_cache` drops cache entries of seeds not
    given here (only for whole-corpus builds).
    """
    slugs = assign_slugs(seed.file for seed in seeds)
    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    results, _ = extract_all(
        seeds, slugs, tables, process_seed, cache=cache, jobs=jobs, prune=prune_cache
    )
    extractions: list[Extraction] = []
    statuses: list[SeedStatus] = []
    for seed, result in zip(seeds, results, strict=True):
        if isinstance(result, SeedStatus):
            statuses.append(result)
        else:
            extractions.append(result)
            statuses.append(_status(result, _unknown_topics(seed, tables)))
    return tuple(extractions), tuple(statuses)


def read_paths(paths: list[Path]) -> tuple[tuple[Seed, ...], tuple[SeedStatus, ...]]:
    """Read seeds from files and folders given on the command line."""
    seeds: list[Seed] = []
    skipped: list[SeedStatus] = []
    for path in paths:
        if path.is_dir():
            found, lost = read_seeds(path)
            seeds.extend(found)
            skipped.extend(lost)
        else:
            try:
                seeds.append(read_seed(path))
            except SeedError as exc:
                skipped.append(SeedStatus(path.name, "skipped", None, (exc.problem,)))
    return tuple(sorted(seeds, key=lambda s: s.file)), tuple(skipped)


def build_corpus(
    seeds_dir: Path,
    tables: Tables,
    *,
    cache_dir: Path | None = Path(CACHE_DIR_NAME),
    jobs: int | None = None,
    problems: tuple[Problem, ...] = (),
) -> Corpus:
    """Read, clean, extract and link every seed under `seeds_dir`.

    Extractions are cached in `cache_dir` (relative: beside the seeds folder; None: no
    cache) and computed in parallel for large corpora (`jobs`, see extract_seeds).
    `problems` are corpus-level problems found before (the tables'), for the report.
    """
    seeds, skipped = read_seeds(seeds_dir)
    extractions, statuses = extract_seeds(
        seeds,
        tables,
        cache_dir=resolve_cache_dir(seeds_dir, cache_dir),
        jobs=jobs,
        prune_cache=True,
    )
    report = tuple(sorted((*statuses, *skipped), key=lambda s: s.file))
    return link_corpus(extractions, tables, report, problems)


def tables_problems(tables_dir: Path) -> tuple[Problem, ...]:
    """A warning when the corpus tables folder holds neither topics.yml nor entities.yml:
    the build then has no topics and no gazetteer, which a researcher should know."""
    if (tables_dir / "topics.yml").exists() or (tables_dir / "entities.yml").exists():
        return ()
    reason = (
        "no topics.yml and no entities.yml in this folder: the build has no topics and no "
        "gazetteer (write them, see README 'Define topics and entities', or pass --tables)"
    )
    return (Problem(str(tables_dir), reason),)


def build(
    seeds_dir: Path,
    docs_dir: Path,
    tables_dir: Path | None = None,
    *,
    cache_dir: Path | None = Path(CACHE_DIR_NAME),
    jobs: int | None = None,
    directory_urls: bool = True,
) -> BuildResult:
    """Build the corpus from `seeds_dir` and write its Markdown pages and data into `docs_dir`.

    `cache_dir` and `jobs` as in build_corpus; `directory_urls` is MkDocs'
    `use_directory_urls` of the build the pages are for (links in HTML pages depend on it).
    Raises tables.TableError when a YAML table is broken (the message names file and line).
    """
    with _without_cycle_collection():
        folder = tables_dir or default_tables_dir(seeds_dir)
        tables = load_tables(folder)
        corpus = build_corpus(
            seeds_dir, tables, cache_dir=cache_dir, jobs=jobs, problems=tables_problems(folder)
        )
        pages = render_site(corpus, tables, directory_urls=directory_urls)
        result = write_pages(pages, docs_dir)
        # a serve session keeps what was computed for this corpus's extractions only
        live = {id(extraction) for extraction in corpus.extractions}
        forget_owners(Extraction, live)
    return BuildResult(corpus, pages, result)


@contextmanager
def _without_cycle_collection():
    """Pause Python's cyclic garbage collector for one build.

    A build allocates millions of small objects that live until it ends; every full
    collection walks all of them again (about a fifth of the build time at 1,000 articles).
    Reference counting still frees what is dropped; the collector resumes afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()

