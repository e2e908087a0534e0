"""Print median ms per article for clean and extract (not a timed test; numbers are noisy).

    .venv/bin/python bench/extract_speed.py                # synthetic N=100 and seeds/
    .venv/bin/python bench/extract_speed.py --count 200 --repeat 5

The synthetic corpus comes from make_corpus.write_corpus (same count and seed, same
bytes), written to a temporary folder; seeds/ are the project's real articles. Each
article is cleaned and extracted `--repeat` times after one warm-up pass (tables-derived
indexes are built once per Tables, as in a build); the median of the per-article medians
is printed, plus the article closest to 4 KB of seed text, as bench/run.py reports it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import write_corpus

from generator.clean import clean_seed
from generator.extract import extract_article
from generator.read import assign_slugs, read_seeds
from generator.tables import load_tables


def article_timings(seeds_dir: Path, tables_dir: Path, repeat: int) -> list[dict]:
    """Per article of `seeds_dir`, in order: its seed bytes, its figure count and the
    median ms of `repeat` runs of clean and of extract, after one warm-up pass over all
    articles (tables-derived indexes are built once per Tables, as in a build)."""
    tables = load_tables(tables_dir)
    seeds, _ = read_seeds(seeds_dir)
    slugs = assign_slugs(seed.file for seed in seeds)
    clock = time.perf_counter
    figures = [  # warm-up: per-Tables memos, regex caches
        len(extract_article(clean_seed(seed, tables, slugs[seed.file]), tables).figures)
        for seed in seeds
    ]
    rows = []
    for seed, count in zip(seeds, figures, strict=True):
        cleans, extracts = [], []
        for _ in range(repeat):
            t0 = clock()
            article = clean_seed(seed, tables, slugs[seed.file])
            t1 = clock()
            extract_article(article, tables)
            t2 = clock()
            cleans.append(t1 - t0)
            extracts.append(t2 - t1)
        rows.append(
            {
                "bytes": len(seed.text.encode()),
                "figures": count,
                "clean_ms": 1000 * statistics.median(cleans),
                "extract_ms": 1000 * statistics.median(extracts),
            }
        )
    return rows


def measure(seeds_dir: Path, tables_dir: Path, repeat: int) -> dict[str, float]:
    """Median ms per article for clean and extract over `seeds_dir`, and for the 4 KB one."""
    rows = article_timings(seeds_dir, tables_dir, repeat)
    k = min(range(len(rows)), key=lambda i: abs(rows[i]["bytes"] - 4096))
    return {
        "articles": len(rows),
        "clean": statistics.median(row["clean_ms"] for row in rows),
        "extract": statistics.median(row["extract_ms"] for row in rows),
        "bytes_4k": rows[k]["bytes"],
        "clean_4k": rows[k]["clean_ms"],
        "extract_4k": rows[k]["extract_ms"],
    }


def main(argv: list[str] | None = None) -> int:
    """Print one line per corpus; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        synth = Path(tmp) / "corpus"
        write_corpus(args.count, synth)
        corpora = (
            (f"synthetic N={args.count}", synth, synth / "_tables"),
            ("seeds/", ROOT / "seeds", ROOT / "seeds" / "_tables"),
        )
        for name, folder, tables_dir in corpora:
            r = measure(folder, tables_dir, args.repeat)
            print(
                f"{name:16} {r['articles']:4} articles  median clean {r['clean']:5.2f} ms"
                f"  extract {r['extract']:5.2f} ms  |  {r['bytes_4k']} B article:"
                f" clean {r['clean_4k']:5.2f} ms  extract {r['extract_4k']:5.2f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
