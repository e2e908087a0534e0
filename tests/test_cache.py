"""The extraction cache: keys change exactly when an input of extraction changes, entries
round-trip, broken entries are misses, and a one-seed edit re-extracts one seed."""

from __future__ import annotations

from pathlib import Path

from generator.cache import (
    ExtractionCache,
    code_digest,
    context_digest,
    extract_all,
    resolve_cache_dir,
    seed_key,
    tables_digest,
)
from generator.clean import clean_seed
from generator.models import Extraction, Figure, Seed, SeedStatus, Tables
from generator.read import assign_slugs, read_seed, read_seeds
from generator.tables import load_tables

ARTICLE = (
    "Nordkorea schickt weitere Soldaten nach Russland\n"
    "Nach Angaben des Geheimdienstes sind mehr als 12.000 Soldaten im Einsatz. "
    "Am 4. November traf die Außenministerin in Moskau ein.\n"
    "Russland liefert dafür rund 1,5 Millionen Barrel Öl, hieß es.\n"
)

# Seeds processed by `cleaning_process`, in call order (serial runs only).
CALLS: list[str] = []


def cleaning_process(seed: Seed, tables: Tables, slug: str) -> Extraction | SeedStatus:
    """A process step for extract_all: real cleaning, recorded, with one fixed Figure."""
    CALLS.append(seed.file)
    article = clean_seed(seed, tables, slug)
    figure = Figure(
        "mehr als 12.000", 12000, None, "more_than", "Soldaten", "troops", None, 0, 1, 2
    )
    return Extraction(article, None, "unknown", figures=(figure,))


def write_seeds(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{number:03d}_artikel.txt").write_text(
            ARTICLE.replace("12.000", f"{12000 + number:,}".replace(",", ".")), encoding="utf-8"
        )


def test_seed_key_changes_with_text_metadata_slug_and_context(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    seed = read_seed(path)
    key = seed_key(seed, "a", "ctx")
    assert key == seed_key(read_seed(path), "a", "ctx")  # stable across reads
    assert key != seed_key(seed, "a-2", "ctx")
    assert key != seed_key(seed, "a", "other tables")
    path.write_text(ARTICLE + "Ein weiterer Satz.\n", encoding="utf-8")
    assert key != seed_key(read_seed(path), "a", "ctx")
    # A sidecar changes the metadata but not the seed's bytes: the key must still change.
    path.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.yml").write_text("published: 2024-11-05\n", encoding="utf-8")
    with_sidecar = read_seed(path)
    assert with_sidecar.sha256 == seed.sha256
    assert seed_key(with_sidecar, "a", "ctx") != key


def test_tables_digest_follows_table_bytes(tmp_path: Path) -> None:
    tables_dir = tmp_path / "_tables"
    tables_dir.mkdir()
    entities = tables_dir / "entities.yml"
    entities.write_text("entities:\n  - {name: Wladimir Putin, type: person}\n", encoding="utf-8")
    before = tables_digest(load_tables(tables_dir))
    assert before == tables_digest(load_tables(tables_dir))
    entities.write_text("entities:\n  - {name: Kim Jong-un, type: person}\n", encoding="utf-8")
    tables = load_tables(tables_dir)
    assert tables_digest(tables) != before
    assert context_digest(tables) != context_digest(load_tables(tmp_path / "none"))


def test_code_digest_ignores_downstream_modules(tmp_path: Path) -> None:
    root = tmp_path / "generator"
    (root / "extract").mkdir(parents=True)
    (root / "render").mkdir()
    (root / "extract" / "figures.py").write_text("A = 1\n")
    (root / "render" / "articles.py").write_text("B = 1\n")
    before = code_digest(root)
    (root / "render" / "articles.py").write_text("B = 2\n")
    assert code_digest(root) == before
    (root / "extract" / "figures.py").write_text("A = 2\n")
    assert code_digest(root) != before


def test_entries_round_trip_and_broken_entries_are_misses(tmp_path: Path) -> None:
    write_seeds(tmp_path / "seeds", 1)
    seed = read_seeds(tmp_path / "seeds")[0][0]
    extraction = cleaning_process(seed, load_tables(tmp_path / "none"), "a")
    cache = ExtractionCache(tmp_path / "cache")
    assert cache.load("k") is None
    assert cache.store("k", extraction)
    assert cache.load("k") == extraction
    (cache.folder / "k.pickle").write_bytes(b"\x80\x05truncated")
    assert cache.load("k") is None
    (cache.folder / "k.pickle").write_bytes(b"not a pickle at all")
    assert cache.load("k") is None


def test_one_seed_edit_reextracts_only_that_seed(tmp_path: Path) -> None:
    seeds_dir = tmp_path / "seeds"
    write_seeds(seeds_dir, 5)
    tables = load_tables(tmp_path / "none")
    cache = ExtractionCache(tmp_path / "cache")

    def run() -> tuple[tuple, object]:
        seeds = read_seeds(seeds_dir)[0]
        slugs = assign_slugs(seed.file for seed in seeds)
        return extract_all(seeds, slugs, tables, cleaning_process, cache=cache, jobs=1, prune=True)

    CALLS.clear()
    first, stats = run()
    assert (stats.hits, stats.misses) == (0, 5) and len(CALLS) == 5
    CALLS.clear()
    second, stats = run()
    assert (stats.hits, stats.misses) == (5, 0) and CALLS == []
    assert second == first
    edited = seeds_dir / "002_artikel.txt"
    edited.write_text(ARTICLE + "Am 5. Mai kamen 2.000 weitere Soldaten.\n", encoding="utf-8")
    third, stats = run()
    assert (stats.hits, stats.misses) == (4, 1) and CALLS == ["002_artikel.txt"]
    assert third[2].article.body.endswith("2.000 weitere Soldaten.")
    assert [e.article.file for e in third] == [e.article.file for e in first]
    # The old entry of the edited seed is pruned: one entry per current seed.
    assert len(list(cache.folder.glob("*.pickle"))) == 5


def test_failures_are_not_cached(tmp_path: Path) -> None:
    write_seeds(tmp_path / "seeds", 1)
    seeds = read_seeds(tmp_path / "seeds")[0]
    cache = ExtractionCache(tmp_path / "cache")
    status = SeedStatus(seeds[0].file, "skipped", None)
    results, _ = extract_all(
        seeds, {seeds[0].file: "a"}, Tables(), lambda *_: status, cache=cache, jobs=1
    )
    assert results == (status,)
    assert not cache.folder.exists() or not any(cache.folder.iterdir())


def test_relative_cache_dir_lies_beside_the_seeds(tmp_path: Path) -> None:
    seeds = tmp_path / "project" / "seeds"
    assert (
        resolve_cache_dir(seeds, Path(".dossier-cache"))
        == (tmp_path / "project" / ".dossier-cache").resolve()
    )
    assert resolve_cache_dir(seeds, tmp_path / "elsewhere") == tmp_path / "elsewhere"
    assert resolve_cache_dir(seeds, None) is None
