"""A rebuild in the same process (as `mkdocs serve` runs the plugin) reuses what it kept from
the previous build; its output must be byte-identical to a fresh build of the same seeds.

Edits cover what a researcher does while the server runs: append a sentence with a new
figure, date and name to one seed; rewrite another; delete one; add one; change both
URL styles. The fresh build runs in its own Python process, so nothing kept in memory
can leak into it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from test_parallel import docs_bytes, load_make_corpus

from generator.pipeline import build

ROOT = Path(__file__).resolve().parents[1]


def fresh_build(seeds: Path, docs: Path, *extra: str) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs),
         *extra],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return docs_bytes(docs)


def test_rebuild_after_edits_equals_a_fresh_build(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    load_make_corpus().write_corpus(40, seeds)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, seeds / seed.name)
    docs = tmp_path / "docs"
    build(seeds, docs, cache_dir=None)
    build(seeds, docs, cache_dir=None)  # a no-op rebuild keeps everything in memory warm

    files = sorted(seeds.glob("*.txt"))
    with files[0].open("a", encoding="utf-8") as handle:
        handle.write(
            "\nAm 7. Mai 2024 meldete Reuters unter Berufung auf Kim Jong-un mehr als "
            "4.000 weitere Soldaten und 12 Panzer im Gebiet Kursk.\n"
        )
    files[3].write_text(
        "Ein neuer Titel\n\nLaut Angaben aus Seoul lieferte Pjöngjang im Juni 2024 rund "
        "drei Millionen Artilleriegeschosse an Russland.\n",
        encoding="utf-8",
    )
    files[5].unlink()
    (seeds / "zz-neu.txt").write_text(
        "Neuer Bericht\n\nNach Angaben des Pentagon sind seit Oktober rund 11.000 "
        "nordkoreanische Soldaten in Russland. Wladimir Putin sagte am 4. November, das "
        "Abkommen gelte.\n",
        encoding="utf-8",
    )
    for directory_urls in (True, False):
        extra = () if directory_urls else ("--no-directory-urls",)
        build(seeds, docs, cache_dir=None, directory_urls=directory_urls)
        rebuilt = docs_bytes(docs)
        fresh = fresh_build(seeds, tmp_path / f"fresh-{directory_urls}", *extra)
        differ = sorted(
            path for path in rebuilt.keys() | fresh.keys() if rebuilt.get(path) != fresh.get(path)
        )
        assert differ == [], differ[:10]
        assert any("zz-neu" in path for path in rebuilt)


def test_rebuild_lets_go_of_edited_articles(tmp_path: Path) -> None:
    # what a serve session keeps is only what the last build used: the old extraction of
    # an edited seed is held by no memo afterwards
    from generator.extract import memo

    seeds = tmp_path / "seeds"
    load_make_corpus().write_corpus(6, seeds)
    docs = tmp_path / "docs"
    first = build(seeds, docs)  # extraction cache beside the seeds
    old = first.corpus.extractions[0]

    def held(obj: object) -> bool:
        return any(entry[0] is obj for m in memo._ALL for entry in m._store.values())

    assert held(old)  # unchanged, it would be reused
    seed = seeds / old.article.file
    seed.write_text(seed.read_text(encoding="utf-8") + "\nNeu: 5.000 Soldaten.\n", "utf-8")
    second = build(seeds, docs)
    assert second.corpus.extractions[0] is not old
    assert not held(old)
    assert held(second.corpus.extractions[1]) and second.corpus.extractions[1] is (
        first.corpus.extractions[1]
    )
