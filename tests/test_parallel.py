"""Parallel extraction gives exactly the serial result: same values in the same order, and
byte-identical docs/ from a whole build (serial, parallel, and served from the cache)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from generator.cache import PARALLEL_MIN_SEEDS, choose_jobs, extract_all
from generator.clean import clean_seed
from generator.models import Extraction, Seed, SeedStatus, Tables
from generator.read import assign_slugs, read_seeds
from generator.tables import load_tables

ROOT = Path(__file__).resolve().parents[1]


def load_make_corpus():
    """bench/ is not a package: load bench/make_corpus.py by path."""
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cleaning_process(seed: Seed, tables: Tables, slug: str) -> Extraction | SeedStatus:
    """Clean in whichever process runs this; the pid shows where it ran, not in the result."""
    article = clean_seed(seed, tables, slug)
    if "skip" in seed.file:
        return SeedStatus(seed.file, "skipped", None)
    return Extraction(article, str(os.getpid()), "unknown")


def docs_bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_choose_jobs_is_serial_for_small_corpora() -> None:
    assert choose_jobs(PARALLEL_MIN_SEEDS - 1, None) == 1
    assert choose_jobs(PARALLEL_MIN_SEEDS, None) >= 1
    assert choose_jobs(5, 4) == 4
    assert choose_jobs(2, 8) == 2  # never more processes than seeds
    assert choose_jobs(0, 3) == 1


def test_parallel_results_come_back_in_seed_order(tmp_path: Path) -> None:
    make_corpus = load_make_corpus()
    make_corpus.write_corpus(12, tmp_path / "seeds")
    (tmp_path / "seeds" / "00005_skip.txt").write_text("Eine Zeile\nNoch eine Zeile.\n")
    seeds = read_seeds(tmp_path / "seeds")[0]
    slugs = assign_slugs(seed.file for seed in seeds)
    tables = load_tables(tmp_path / "seeds" / "_tables")
    serial, serial_stats = extract_all(seeds, slugs, tables, cleaning_process, jobs=1)
    parallel, parallel_stats = extract_all(seeds, slugs, tables, cleaning_process, jobs=2)
    assert (serial_stats.jobs, parallel_stats.jobs) == (1, 2)
    assert [r.file if isinstance(r, SeedStatus) else r.article.file for r in parallel] == [
        seed.file for seed in seeds
    ]
    # Workers really ran elsewhere (their pid differs), and everything else is equal.
    assert {r.published for r in parallel if isinstance(r, Extraction)} - {str(os.getpid())}
    assert [r.article if isinstance(r, Extraction) else r for r in parallel] == [
        r.article if isinstance(r, Extraction) else r for r in serial
    ]


def test_whole_build_is_byte_identical_serial_parallel_and_cached(tmp_path: Path) -> None:
    from generator.pipeline import build  # the whole pipeline, imported only here

    make_corpus = load_make_corpus()
    seeds = tmp_path / "seeds"
    make_corpus.write_corpus(24, seeds)
    build(seeds, tmp_path / "serial", cache_dir=None, jobs=1)
    build(seeds, tmp_path / "parallel", cache_dir=None, jobs=2)
    build(seeds, tmp_path / "cold", cache_dir=tmp_path / "cache", jobs=2)
    build(seeds, tmp_path / "warm", cache_dir=tmp_path / "cache", jobs=1)
    serial = docs_bytes(tmp_path / "serial")
    assert len(serial) > 24  # one page per article and more
    assert docs_bytes(tmp_path / "parallel") == serial
    assert docs_bytes(tmp_path / "cold") == serial
    assert docs_bytes(tmp_path / "warm") == serial
    assert len(list((tmp_path / "cache" / "extract").glob("*.pickle"))) == 24


def test_article_pages_rendered_in_worker_processes_equal_the_serial_pages(
    tmp_path: Path, monkeypatch
) -> None:
    """Forked rendering (used from PARALLEL_MIN_PAGES articles) gives the serial bytes, in
    order, for both URL styles; a second call reuses the pages of unchanged articles."""
    from generator.pipeline import build_corpus
    from generator.render import articles
    from generator.render.common import url_style

    make_corpus = load_make_corpus()
    make_corpus.write_corpus(24, tmp_path / "seeds")
    tables = load_tables(tmp_path / "seeds" / "_tables")
    corpus = build_corpus(tmp_path / "seeds", tables, cache_dir=None)
    site = articles._site(corpus, tables)
    monkeypatch.setattr(articles, "PARALLEL_MIN_PAGES", 4)
    monkeypatch.setattr(articles, "available_cores", lambda: 2)
    for directory_urls in (True, False):
        with url_style(directory_urls):
            articles._RENDERED.clear()
            forked = articles.article_pages(corpus.extractions, site)
            serial = [articles.render_article(e, site) for e in corpus.extractions]
            assert forked == serial
            assert len({page.path for page in forked}) == 24
            again = articles.article_pages(corpus.extractions, site)
            assert all(a is b for a, b in zip(again, forked, strict=True))


def test_site_rendered_while_workers_render_the_articles_equals_the_serial_site(
    tmp_path: Path, monkeypatch
) -> None:
    """render_site starts the article pages in worker processes and renders the other pages
    meanwhile: the pages are those of a serial render, byte for byte and in order."""
    from generator.pipeline import build_corpus
    from generator.render import articles, render_site

    make_corpus = load_make_corpus()
    make_corpus.write_corpus(24, tmp_path / "seeds")
    tables = load_tables(tmp_path / "seeds" / "_tables")
    corpus = build_corpus(tmp_path / "seeds", tables, cache_dir=None)
    articles._RENDERED.clear()
    serial = render_site(corpus, tables)
    here = []  # article pages rendered in this process (forked workers count in their copy)
    monkeypatch.setattr(articles, "PARALLEL_MIN_PAGES", 4)
    monkeypatch.setattr(articles, "available_cores", lambda: 2)
    real = articles.render_article
    monkeypatch.setattr(articles, "render_article", lambda e, site: here.append(e) or real(e, site))
    articles._RENDERED.clear()
    overlapped = render_site(corpus, tables)
    assert overlapped == serial
    assert here == []  # every article page came from a worker
    assert articles._FORKED == ()  # and the forked state is released
