"""Benchmark the whole build at N articles and write bench/RESULTS.md.

    .venv/bin/python bench/run.py                 # N = 100, 1000
    .venv/bin/python bench/run.py --full          # N = 100, 1000, 5000
    .venv/bin/python bench/run.py --sizes 300     # any sizes

For every N, on a synthetic corpus from bench/make_corpus.py (deterministic):

- generator stages, cold, serial, no cache (tables, read, clean, extract, link, render,
  write), each stage function called directly and timed with time.perf_counter, in a
  child process so its peak memory (ru_maxrss) is its own;
- the whole build: one `mkdocs build` with the project's mkdocs.yml and the dossier
  plugin generating the pages from the seeds (cold, no cache), with Material search and
  with Pagefind; and the bare floor: the same article texts as plain Markdown pages, out
  of the nav, same Material theme, no overrides;
- site size per article, Material's search_index.json, and Pagefind's index when the
  `pagefind` package is installed;
- extraction ms per article (median) and on the article closest to 4 KB, and on the
  real articles bundled with the project (seeds/, tests/corpora/*, tests/golden), whose
  figures are far sparser than the synthetic corpus' (a figure in most sentences);
- a cached rebuild after editing one seed (generator time per stage, files rewritten),
  in a fresh process and in the same process (as in a running `mkdocs serve`);
- parallel vs serial extraction (time, and whether the results are equal).

Every child process is waited for with os.wait4, so each peak memory figure belongs to
exactly one process (and the processes it waited for).
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import yaml
from make_corpus import write_corpus

PYTHON = sys.executable
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "RESULTS.md"
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "pyahocorasick",
    "PyYAML",
    "pagefind",
    "mypy",
)
SITE_TARGETS = {"ratio": 1.5, "kib_per_article": 150.0, "extract_ms": 2.0}


# ── helpers ───────────────────────────────────────────────────────────────


def run_measured(args: list[str], cwd: Path = ROOT) -> dict:
    """Run a command to completion; return wall time, its own peak RSS, output, exit code."""
    out_path = WORK / ".child.out"
    err_path = WORK / ".child.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": wall,
        "maxrss_kib": usage.ru_maxrss,
        "stdout": out_path.read_text(errors="replace"),
        "stderr": err_path.read_text(errors="replace"),
        "code": proc.returncode,
    }


def tree_bytes(path: Path) -> int:
    """Total size of the files under `path`."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def machine() -> dict:
    """CPU model, usable cores, Python and package versions of this run."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    from generator import native  # importing the package sets up the compiled extraction

    return {
        "extraction": native.status,
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


def pagefind_available() -> bool:
    """True when the `pagefind` Python package (with its binary) is importable."""
    try:
        importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


# ── child: generator stages ───────────────────────────────────────────────


def timed_link_render_write(
    extractions: list, statuses: list, skipped: tuple, tables, docs_dir: Path, timings: dict
) -> tuple:
    """Link, render and write as pipeline.build() does, each stage timed into `timings`;
    return (pages, the writer's result)."""
    from generator.link import link_corpus
    from generator.render import render_site
    from generator.writer import write_pages

    clock = time.perf_counter
    start = clock()
    report = tuple(sorted((*statuses, *skipped), key=lambda s: s.file))
    corpus = link_corpus(tuple(extractions), tables, report, ())
    timings["link"] = clock() - start
    start = clock()
    pages = render_site(corpus, tables)
    timings["render"] = clock() - start
    start = clock()
    written = write_pages(pages, docs_dir)
    timings["write"] = clock() - start
    return pages, written


def child_generator(seeds_dir: Path, docs_dir: Path) -> dict:
    """Run every stage once, cold and serial; return seconds per stage and per-article figures."""
    from generator import pipeline
    from generator.clean import clean_seed
    from generator.extract import extract_article
    from generator.read import assign_slugs, read_seeds
    from generator.tables import load_tables

    timings: dict[str, float] = {}
    clock = time.perf_counter
    # as pipeline.build() does: no cyclic garbage collection during the build
    gc.disable()

    start = clock()
    tables = load_tables(seeds_dir / "_tables")
    timings["tables"] = clock() - start

    start = clock()
    seeds, skipped = read_seeds(seeds_dir)
    slugs = assign_slugs(seed.file for seed in seeds)
    timings["read"] = clock() - start

    articles, failed = [], 0
    start = clock()
    for seed in seeds:
        try:
            articles.append((seed, clean_seed(seed, tables, slugs[seed.file])))
        except Exception:  # noqa: BLE001 - counted and reported, as the pipeline does
            failed += 1
    timings["clean"] = clock() - start

    extractions, statuses, per_article, per_4k = [], [], [], []
    start = clock()
    for seed, article in articles:
        t0 = clock()
        try:
            extraction = extract_article(article, tables)
        except Exception:  # noqa: BLE001
            failed += 1
            continue
        per_article.append(clock() - t0)
        if 3584 <= len(seed.text.encode()) <= 4608:  # "an article of 4 KB": 3.5-4.5 KiB
            per_4k.append(per_article[-1])
        extractions.append(extraction)
        statuses.append(pipeline._status(extraction, pipeline._unknown_topics(seed, tables)))
    timings["extract"] = clock() - start

    pages, written = timed_link_render_write(
        extractions, statuses, skipped, tables, docs_dir, timings
    )

    # The article closest to 4 KB of seed text: clean + extract timed 25 times, median.
    seed4, _ = min(articles, key=lambda pair: abs(len(pair[0].text.encode()) - 4096))
    clean_runs, extract_runs = [], []
    for _ in range(25):
        t0 = clock()
        article = clean_seed(seed4, tables, slugs[seed4.file])
        t1 = clock()
        extract_article(article, tables)
        t2 = clock()
        clean_runs.append(t1 - t0)
        extract_runs.append(t2 - t1)

    # Pages must not grow with the corpus (data/ exports are meant to: they hold everything)
    sized = [(len(page.content.encode()), page.path) for page in pages]
    largest = max((item for item in sized if not item[1].startswith("data/")), default=(0, ""))
    return {
        "stages": timings,
        "largest_page": {"bytes": largest[0], "path": largest[1]},
        "data_bytes": sum(size for size, path in sized if path.startswith("data/")),
        "articles": len(extractions),
        "failed": failed,
        "pages": len(pages),
        "written": len(written.written),
        "extract_median_ms": 1000 * statistics.median(per_article) if per_article else None,
        "extract_4k_median_ms": 1000 * statistics.median(per_4k) if per_4k else None,
        "extract_4k_count": len(per_4k),
        "figures_per_kib": sum(len(e.figures) for e in extractions)
        / max(1, sum(len(seed.text.encode()) for seed, _ in articles) / 1024),
        "article4k_bytes": len(seed4.text.encode()),
        "article4k_clean_ms": 1000 * statistics.median(clean_runs),
        "article4k_extract_ms": 1000 * statistics.median(extract_runs),
    }


def child_incremental(seeds_dir: Path, docs_dir: Path, edit: bool) -> dict:
    """A cached build as `build()` runs it, with seconds per stage; optionally edit a seed first.

    With `edit`, one sentence is appended to the first seed before the build, as a
    researcher fixing an article would.
    """
    from generator import pipeline
    from generator.cache import ExtractionCache, extract_all, resolve_cache_dir
    from generator.models import SeedStatus
    from generator.read import assign_slugs, read_seeds
    from generator.tables import load_tables

    if edit:
        first = min(seeds_dir.glob("*.txt"))
        with first.open("a", encoding="utf-8") as handle:
            handle.write("Am 5. Mai meldete Reuters mehr als 2.000 weitere Soldaten.\n")

    clock = time.perf_counter
    gc.disable()  # as pipeline.build() does
    timings: dict[str, float] = {}
    start = clock()
    tables = load_tables(seeds_dir / "_tables")
    seeds, skipped = read_seeds(seeds_dir)
    slugs = assign_slugs(seed.file for seed in seeds)
    timings["tables+read"] = clock() - start

    start = clock()
    cache = ExtractionCache(resolve_cache_dir(seeds_dir, Path(".dossier-cache")))
    results, stats = extract_all(
        seeds, slugs, tables, pipeline.process_seed, cache=cache, prune=True
    )
    extractions, statuses = [], []
    for seed, result in zip(seeds, results, strict=True):
        if isinstance(result, SeedStatus):
            statuses.append(result)
        else:
            extractions.append(result)
            statuses.append(pipeline._status(result, pipeline._unknown_topics(seed, tables)))
    timings["clean+extract (cached)"] = clock() - start

    _, written = timed_link_render_write(
        extractions, statuses, skipped, tables, docs_dir, timings
    )
    return {
        "stages": timings,
        "total": sum(timings.values()),
        "hits": stats.hits,
        "misses": stats.misses,
        "jobs": stats.jobs,
        "written": list(written.written),
    }


def child_serve(seeds_dir: Path, docs_dir: Path) -> dict:
    """A running `mkdocs serve`: one process builds (cache warm), then a seed is edited and
    the plugin's build runs again in the same process. Returns both builds' seconds."""
    from generator.pipeline import build

    clock = time.perf_counter
    start = clock()
    first = build(seeds_dir, docs_dir)
    first_s = clock() - start
    target = min(seeds_dir.glob("*.txt"))
    with target.open("a", encoding="utf-8") as handle:
        handle.write("Am 6. Mai meldete Reuters mindestens 3.000 weitere Soldaten.\n")
    start = clock()
    second = build(seeds_dir, docs_dir)
    second_s = clock() - start
    return {
        "first": first_s,
        "edit": second_s,
        "first_written": len(first.write.written),
        "edit_written": len(second.write.written),
    }


def child_parallel(seeds_dir: Path) -> dict:
    """Extract the corpus serially and in parallel (no cache); return times and equality."""
    from generator import pipeline
    from generator.cache import available_cores, extract_all
    from generator.read import assign_slugs, read_seeds
    from generator.tables import load_tables

    tables = load_tables(seeds_dir / "_tables")
    seeds, _ = read_seeds(seeds_dir)
    slugs = assign_slugs(seed.file for seed in seeds)
    clock = time.perf_counter
    start = clock()
    serial, _ = extract_all(seeds, slugs, tables, pipeline.process_seed, jobs=1)
    serial_s = clock() - start
    jobs = available_cores()
    start = clock()
    parallel, stats = extract_all(seeds, slugs, tables, pipeline.process_seed, jobs=jobs)
    parallel_s = clock() - start
    return {
        "serial": serial_s,
        "parallel": parallel_s,
        "jobs": stats.jobs,
        "equal": serial == parallel,
    }


# Real articles bundled with the project, each folder with the tables it is built with.
REAL_CORPORA = (
    ("seeds/", ROOT / "seeds", ROOT / "seeds" / "_tables"),
    ("tests/corpora/unseen", ROOT / "tests/corpora/unseen", ROOT / "seeds" / "_tables"),
    ("tests/corpora/energy", ROOT / "tests/corpora/energy", ROOT / "tests/corpora/energy/_tables"),
    ("tests/golden", ROOT / "tests/golden", ROOT / "seeds" / "_tables"),
)


REAL_REPEAT = 15  # runs per article, median


def child_real() -> dict:
    """Extraction ms of every real article bundled with the project (median of
    REAL_REPEAT runs after a warm-up), with its size and figure count."""
    from extract_speed import article_timings

    gc.disable()  # as pipeline.build() does
    return {
        "corpora": [
            {"name": name, "articles": article_timings(folder, tables_dir, REAL_REPEAT)}
            for name, folder, tables_dir in REAL_CORPORA
        ]
    }


# ── MkDocs sites ──────────────────────────────────────────────────────────


def project_config() -> dict:
    """The project's mkdocs.yml as a mapping (plain YAML, no custom tags expected)."""
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def plugin_list(search: bool) -> list:
    """The plugin list of the floor build: Material search or none."""
    return [{"search": {"lang": "de"}}] if search else []


def site_config(
    docs: Path, site: Path, seeds: Path, *, search: str, cache: bool = False
) -> dict:
    """The project's config as a user runs it: the dossier plugin generates the pages from
    `seeds` inside `mkdocs build` (cold: no extraction cache, unless `cache`), with
    `search` = "material" or "pagefind"; paths absolute."""
    config = project_config()
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site)
    dossier = {"seeds": str(seeds), "cache": cache, "search": search}
    config["plugins"] = [{"search": {"lang": "de"}}, {"dossier": dossier}]
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    config["theme"] = theme
    return config


def floor_config(docs: Path, site: Path) -> dict:
    """Bare Material: same theme name, language and features; no overrides, no extra CSS."""
    theme = {k: v for k, v in (project_config().get("theme") or {}).items() if k != "custom_dir"}
    return {
        "site_name": "Floor",
        "site_url": "https://example.org/floor/",
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": theme,
        "plugins": plugin_list(True),
        "nav": [{"Start": "index.md"}],
        "validation": {"nav": {"omitted_files": "info"}},
    }


def write_floor_docs(seeds_dir: Path, docs: Path) -> None:
    """The same article texts as plain Markdown pages: headline as title, lines as paragraphs."""
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "artikel").mkdir(parents=True)
    (docs / "index.md").write_text("# Floor\n\nArtikel ohne Navigation.\n", encoding="utf-8")
    for path in sorted(seeds_dir.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        body = "\n\n".join(lines[1:])
        page = f"# {lines[0]}\n\n{body}\n"
        (docs / "artikel" / f"{path.stem}.md").write_text(page, encoding="utf-8")


def mkdocs_build(config: dict, config_path: Path) -> dict:
    """Write `config` to `config_path`, run `mkdocs build`; return time, memory, sizes."""
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    site = Path(config["site_dir"])
    if site.exists():
        shutil.rmtree(site)
    mkdocs = str(Path(PYTHON).parent / "mkdocs")
    result = run_measured([mkdocs, "build", "-q", "-f", str(config_path)])
    index = site / "search" / "search_index.json"
    return {
        "seconds": result["wall"],
        "maxrss_kib": result["maxrss_kib"],
        "code": result["code"],
        "warnings": sum(1 for line in result["stderr"].splitlines() if "WARNING" in line),
        "stderr_tail": result["stderr"][-800:],
        "site_bytes": tree_bytes(site) if site.exists() else 0,
        "search_index_bytes": index.stat().st_size if index.exists() else 0,
    }


def pagefind_index(site: Path) -> dict:
    """Run Pagefind over a built site; return its time and the size of its index folder."""
    result = run_measured([PYTHON, "-m", "pagefind", "--site", str(site), "--silent"])
    folder = site / "pagefind"
    return {
        "seconds": result["wall"],
        "maxrss_kib": result["maxrss_kib"],
        "code": result["code"],
        "index_bytes": tree_bytes(folder) if folder.exists() else 0,
        "stderr_tail": result["stderr"][-400:],
    }


# ── one size ──────────────────────────────────────────────────────────────


def copy_handwritten_docs(docs: Path) -> None:
    """Copy the project's hand-written docs (tracked by git) into a fresh bench docs/."""
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    listed = subprocess.run(
        ["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    for rel in listed:
        source = ROOT / rel
        target = docs / Path(rel).relative_to("docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def child_json(mode: str, *extra: str) -> tuple[dict, dict]:
    """Run this script in a child mode; return (its JSON result, the process measurements)."""
    result = run_measured([PYTHON, str(Path(__file__).resolve()), "--child", mode, *extra])
    if result["code"] != 0:
        raise RuntimeError(f"child {mode} failed:\n{result['stderr'][-3000:]}")
    return json.loads(result["stdout"].strip().splitlines()[-1]), result


def bench_size(count: int, *, pagefind: bool) -> dict:
    """Every measurement for one corpus size."""
    work = WORK / f"n{count}"
    seeds = work / "seeds"
    docs = work / "docs"
    write_corpus(count, seeds)
    shutil.rmtree(work / ".dossier-cache", ignore_errors=True)
    copy_handwritten_docs(docs)
    print(f"[{count}] mkdocs build of the floor ...", flush=True)
    write_floor_docs(seeds, work / "floor-docs")
    floor = mkdocs_build(
        floor_config(work / "floor-docs", work / "floor-site"), work / "mkdocs.floor.yml"
    )
    if pagefind:
        floor["pagefind_bytes"] = pagefind_index(work / "floor-site")["index_bytes"]
    run = {
        "count": count,
        "corpus_bytes": tree_bytes(seeds) - tree_bytes(seeds / "_tables"),
        "floor": floor,
    }

    print(f"[{count}] generator (cold, serial) ...", flush=True)
    try:
        gen, proc = child_json("generator", str(seeds), str(docs))
    except RuntimeError as exc:
        # The pipeline may be mid-construction: keep the floor figures, say why the rest
        # is missing.
        run["error"] = str(exc).strip().splitlines()[-1]
        return run
    gen["process_wall"] = proc["wall"]
    gen["maxrss_kib"] = proc["maxrss_kib"]

    print(f"[{count}] whole build: mkdocs build with the dossier plugin ...", flush=True)
    copy_handwritten_docs(docs)
    site = mkdocs_build(
        site_config(docs, work / "site", seeds, search="material"), work / "mkdocs.yml"
    )
    if site["code"] != 0:
        raise RuntimeError(f"site build failed:\n{site['stderr_tail']}")

    search = {"material_bytes": site["search_index_bytes"]}
    if pagefind:
        print(f"[{count}] whole build with Pagefind search ...", flush=True)
        copy_handwritten_docs(docs)
        with_pagefind = mkdocs_build(
            site_config(docs, work / "site-pagefind", seeds, search="pagefind"),
            work / "mkdocs.pf.yml",
        )
        folder = work / "site-pagefind" / "pagefind"
        search.update(
            pagefind_bytes=tree_bytes(folder) if folder.exists() else 0,
            pagefind_code=with_pagefind["code"],
            whole_seconds=with_pagefind["seconds"],
            site_bytes=with_pagefind["site_bytes"],
            maxrss_kib=with_pagefind["maxrss_kib"],
        )

    print(f"[{count}] cached builds (warm-up, then one-seed edit) ...", flush=True)
    warm, warm_proc = child_json("incremental", str(seeds), str(docs))
    noop, noop_proc = child_json("incremental", str(seeds), str(docs))
    edit, edit_proc = child_json("incremental", str(seeds), str(docs), "--edit")
    serve, _ = child_json("serve", str(seeds), str(docs))
    print(f"[{count}] whole build again, extraction cache warm ...", flush=True)
    copy_handwritten_docs(docs)
    warm_site = mkdocs_build(
        site_config(docs, work / "site", seeds, search="material", cache=True),
        work / "mkdocs.warm.yml",
    )
    print(f"[{count}] parallel vs serial extraction ...", flush=True)
    par, _ = child_json("parallel", str(seeds))

    return {
        **run,
        "generator": gen,
        "site": site,
        "warm_site": warm_site,
        "search": search,
        "warm": {**warm, "process_wall": warm_proc["wall"]},
        "noop": {**noop, "process_wall": noop_proc["wall"]},
        "edit": {**edit, "process_wall": edit_proc["wall"]},
        "parallel": par,
        "serve": serve,
    }


# ── report ────────────────────────────────────────────────────────────────


def _fmt_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def fmt_kib(value: float) -> str:
    """Bytes as KiB with one decimal."""
    return f"{value / 1024:,.1f}"


def _pagefind_ratio(run: dict) -> float | None:
    seconds = run["search"].get("whole_seconds")
    return seconds / run["floor"]["seconds"] if seconds else None


def _real_summary(real: dict) -> tuple[list[str], float | None]:
    """The section on the bundled real articles, and their median ms per 4 KiB."""
    out = [
        "",
        "## Extraction on real articles",
        "",
        "The articles bundled with the project (real seeds and hand-written test articles in",
        f"other styles and languages), each extracted {REAL_REPEAT} times after a warm-up,",
        "median. Small articles carry a fixed cost per article, so their ms per 4 KiB",
        "(ms × 4 KiB / size) is an upper bound for a 4 KiB article of that kind.",
        "",
        "| corpus | articles | KiB (min–max) | figures per KiB | median ms | median ms per 4 KiB |",
        "|---|---|---|---|---|---|",
    ]
    per_4k_all = []
    for corpus in real.get("corpora", ()):
        rows = corpus["articles"]
        if not rows:
            continue
        kib = [row["bytes"] / 1024 for row in rows]
        per_4k = [row["extract_ms"] * 4 / k for row, k in zip(rows, kib, strict=True)]
        per_4k_all += per_4k
        figures = sum(row["figures"] for row in rows) / sum(kib)
        out.append(
            f"| {corpus['name']} | {len(rows)} | {min(kib):.1f}–{max(kib):.1f} | {figures:.1f} "
            f"| {statistics.median(row['extract_ms'] for row in rows):.2f} "
            f"| {statistics.median(per_4k):.2f} |"
        )
    overall = statistics.median(per_4k_all) if per_4k_all else None
    if overall is not None:
        out.append(f"| all | {len(per_4k_all)} | | | | {overall:.2f} |")
    return out, overall


def render_results(all_runs: list[dict], info: dict, real: dict | None = None) -> str:
    """RESULTS.md: the machine, one table per measurement, and the targets met or missed."""
    runs = [run for run in all_runs if "error" not in run]
    out = [
        "# Benchmark results",
        "",
        "Generated by `bench/run.py` (do not edit by hand). Synthetic German corpus from",
        "`bench/make_corpus.py`. Seconds are wall-clock, one run each; the machine is shared,",
        "so expect ±10 %.",
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, {info['cores']} usable cores",
        f"- Python {info['python']} on {info['platform']}",
        "- " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()),
        f"- Extraction: {info.get('extraction', 'unknown')} (generator/native.py)",
        "",
        "## Bare MkDocs floor",
        "",
        (
            "The same article texts as plain Markdown pages, out of the nav, bare Material theme "
            "with Material search (Pagefind: the same built site indexed by Pagefind)."
        ),
        "",
        (
            "| N | corpus KiB | floor s | ms/page | site KiB/article | search_index.json KiB "
            "| Pagefind KiB | peak RSS MiB |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in all_runs:
        n, floor = run["count"], run["floor"]
        pagefind = fmt_kib(floor["pagefind_bytes"]) if "pagefind_bytes" in floor else "–"
        out.append(
            f"| {n} | {fmt_kib(run['corpus_bytes'])} | {floor['seconds']:.2f} "
            f"| {1000 * floor['seconds'] / n:.1f} | {fmt_kib(floor['site_bytes'] / n)} "
            f"| {fmt_kib(floor['search_index_bytes'])} | {pagefind} "
            f"| {floor['maxrss_kib'] / 1024:.0f} |"
        )
    for run in all_runs:
        if "error" in run:
            out.append(f"\n**N = {run['count']}: generator not measured** – {run['error']}")
    out += [
        "",
        "## Whole build vs bare MkDocs floor",
        "",
        (
            "Whole site = one `mkdocs build` with the project's mkdocs.yml, as a user runs it: "
            "the dossier plugin generates every page from the seeds (cold: no extraction "
            "cache; extraction in parallel from 200 seeds) and MkDocs builds the site. Material "
            "search, or Pagefind (`dossier: search: pagefind`, index built in the same run). "
            "Floor = `mkdocs build` of the same article texts as plain Markdown pages, out of "
            "the nav, bare Material theme, Material search. The generator process alone "
            "(serial, stages below) is shown for comparison. \"Cache warm\" is the same "
            "`mkdocs build` run again in a new process with the plugin's extraction cache on "
            "(as a second build after a first one, or CI keeping `.dossier-cache`): "
            "extraction is read from the cache, everything else is computed again."
        ),
        "",
        (
            "| N | whole s (Material search) | whole/floor | whole s (Pagefind) | whole/floor "
            "| whole s, cache warm | whole/floor | floor s | generator alone s "
            "| site KiB/article (Material / Pagefind) | floor KiB/article | peak RSS whole MiB |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        n = run["count"]
        whole = run["site"]["seconds"]
        floor = run["floor"]["seconds"]
        search = run["search"]
        if "whole_seconds" in search:
            pf = f"{search['whole_seconds']:.2f} | {search['whole_seconds'] / floor:.2f}×"
            pf_size = fmt_kib(search["site_bytes"] / n)
        else:
            pf, pf_size = "– | –", "–"
        warm = (run.get("warm_site") or {}).get("seconds")
        warm_cells = f"{warm:.2f} | {warm / floor:.2f}×" if warm else "– | –"
        out.append(
            f"| {n} | {whole:.2f} | {whole / floor:.2f}× | {pf} | {warm_cells} | {floor:.2f} "
            f"| {run['generator']['process_wall']:.2f} "
            f"| {fmt_kib(run['site']['site_bytes'] / n)} / {pf_size} "
            f"| {fmt_kib(run['floor']['site_bytes'] / n)} "
            f"| {run['site']['maxrss_kib'] / 1024:.0f} |"
        )
    out += [
        "",
        "## Generator stages (cold, serial, no cache)",
        "",
        (
            "| N | tables | read | clean | extract | link | render | write | pages | extract median "
            "ms/article | extract median ms, articles of 3.5-4.5 KiB (count) "
            "| 4 KB article ×25: clean / extract ms |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        gen = run["generator"]
        st = gen["stages"]
        out.append(
            f"| {run['count']} | "
            + " | ".join(
                f"{st[k]:.3f}"
                for k in ("tables", "read", "clean", "extract", "link", "render", "write")
            )
            + f" | {gen['pages']} | {gen['extract_median_ms']:.2f} "
            f"| {_fmt_ms(gen.get('extract_4k_median_ms'))} ({gen.get('extract_4k_count', 0)}) "
            f"| {gen['article4k_clean_ms']:.2f} / {gen['article4k_extract_ms']:.2f} "
            f"({gen['article4k_bytes']} B) |"
        )
    out.append("")
    out.append(
        "Figures per KiB of seed text in the synthetic corpus: "
        + ", ".join(
            f"{run['generator']['figures_per_kib']:.1f} (N = {run['count']})"
            for run in runs
            if "figures_per_kib" in run["generator"]
        )
        + " (the real articles below: see their table)."
    )
    real_lines, real_4k = _real_summary(real or {})
    out += real_lines
    out += [
        "",
        "## Page sizes",
        "",
        (
            "The largest page the generator writes (Markdown/HTML source in docs/, data exports "
            "not counted): it must not grow with N. Data exports (data/*.json, figures.csv) hold "
            "every fact and grow with the corpus."
        ),
        "",
        "| N | largest page KiB | largest page | data exports KiB/article |",
        "|---|---|---|---|",
    ]
    for run in runs:
        gen = run["generator"]
        largest = gen.get("largest_page") or {"bytes": 0, "path": "–"}
        out.append(
            f"| {run['count']} | {fmt_kib(largest['bytes'])} | {largest['path']} "
            f"| {fmt_kib(gen.get('data_bytes', 0) / run['count'])} |"
        )
    out += [
        "",
        "## Cached rebuilds",
        "",
        (
            "Each row is a fresh `python` process (imports not in the stage times; see process s). "
            "Warm-up fills the cache; no-op changes nothing; edit appends one sentence to one seed."
        ),
        "",
        (
            "| N | build | process s | generator s | tables+read | clean+extract | link | render "
            "| write | cache hits / misses | files rewritten |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        for name in ("warm", "noop", "edit"):
            row = run[name]
            st = row["stages"]
            out.append(
                f"| {run['count']} | {name} | {row['process_wall']:.2f} | {row['total']:.2f} | "
                + " | ".join(
                    f"{st[k]:.3f}"
                    for k in ("tables+read", "clean+extract (cached)", "link", "render", "write")
                )
                + f" | {row['hits']} / {row['misses']} | {len(row['written'])} |"
            )
    out += [
        "",
        "## Rebuild in a running `mkdocs serve`",
        "",
        (
            "One process (as `mkdocs serve` keeps the plugin loaded): a build with the cache "
            "warm, then one seed gets a sentence appended and the plugin's build runs again. "
            "Unchanged extractions and article pages are reused from memory; only files whose "
            "bytes changed are written (MkDocs then rebuilds the site)."
        ),
        "",
        "| N | first build s | files written | rebuild after one edit s | files written |",
        "|---|---|---|---|---|",
    ]
    for run in runs:
        serve = run["serve"]
        out.append(
            f"| {run['count']} | {serve['first']:.2f} | {serve['first_written']} "
            f"| {serve['edit']:.2f} | {serve['edit_written']} |"
        )
    out += [
        "",
        "## Parallel vs serial extraction (clean + extract, no cache)",
        "",
        "| N | serial s | parallel s | processes | speed-up | results equal |",
        "|---|---|---|---|---|---|",
    ]
    for run in runs:
        par = run["parallel"]
        out.append(
            f"| {run['count']} | {par['serial']:.2f} | {par['parallel']:.2f} | {par['jobs']} "
            f"| {par['serial'] / par['parallel']:.2f}× | {par['equal']} |"
        )
    out += [
        "",
        "## Search index",
        "",
        (
            "| N | Material search_index.json KiB (downloaded whole) | per article "
            "| Pagefind index KiB (fetched in fragments) | per article |"
        ),
        "|---|---|---|---|---|",
    ]
    for run in runs:
        search = run["search"]
        n = run["count"]
        if "pagefind_bytes" in search:
            pf = (
                f"{fmt_kib(search['pagefind_bytes'])} | {fmt_kib(search['pagefind_bytes'] / n)}"
            )
        else:
            pf = "not installed | –"
        out.append(
            f"| {n} | {fmt_kib(search['material_bytes'])} "
            f"| {fmt_kib(search['material_bytes'] / n)} | {pf} |"
        )
    out += ["", "## Targets", ""]
    for run in runs:
        n = run["count"]
        whole = run["site"]["seconds"]
        ratio = whole / run["floor"]["seconds"]
        per = run["site"]["site_bytes"] / n / 1024
        ems = run["generator"].get("extract_4k_median_ms") or run["generator"]["article4k_extract_ms"]
        checks = (
            (
                f"whole/floor {ratio:.2f}× ≤ {SITE_TARGETS['ratio']}×",
                ratio <= SITE_TARGETS["ratio"],
            ),
            *(
                (
                    (
                        f"whole with Pagefind/floor {pf_ratio:.2f}× ≤ {SITE_TARGETS['ratio']}×",
                        pf_ratio <= SITE_TARGETS["ratio"],
                    ),
                )
                if (pf_ratio := _pagefind_ratio(run))
                else ()
            ),
            (
                f"{per:.1f} KiB/article ≤ {SITE_TARGETS['kib_per_article']:.0f}",
                per <= SITE_TARGETS["kib_per_article"],
            ),
            (
                f"extract median, 4 KB articles {ems:.2f} ms ≤ {SITE_TARGETS['extract_ms']}",
                ems <= SITE_TARGETS["extract_ms"],
            ),
            (
                f"one-seed edit, generator in a running serve {run['serve']['edit']:.2f} s ≤ 1 s",
                run["serve"]["edit"] <= 1.0,
            ),
        )
        out.append(
            f"- N = {n}: " + "; ".join(f"{text} {'✅' if ok else '❌'}" for text, ok in checks)
        )
    if real_4k is not None:
        ok = real_4k <= SITE_TARGETS["extract_ms"]
        out.append(
            f"- Real articles: extract median per 4 KiB {real_4k:.2f} ms ≤ "
            f"{SITE_TARGETS['extract_ms']} {'✅' if ok else '❌'}"
        )
    if len(runs) >= 2:
        small, large = runs[0], runs[-1]
        per_small = small["site"]["seconds"] / small["count"]
        per_large = large["site"]["seconds"] / large["count"]
        out.append(
            f"- Linearity: whole build {1000 * per_small:.1f} ms/article at N = {small['count']}, "
            f"{1000 * per_large:.1f} ms/article at N = {large['count']} "
            f"(ratio {per_large / per_small:.2f}; 1.0 = linear, < 1 start-up cost amortised)"
        )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command line entry (also the child modes used for per-process measurements)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=None, help="comma-separated N (default 100,1000)")
    parser.add_argument("--full", action="store_true", help="add N = 5000")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--no-pagefind", action="store_true")
    parser.add_argument(
        "--child", choices=("generator", "incremental", "parallel", "serve", "real")
    )
    parser.add_argument("--edit", action="store_true")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)

    if args.child == "generator":
        print(json.dumps(child_generator(*args.paths)))
        return 0
    if args.child == "serve":
        print(json.dumps(child_serve(*args.paths)))
        return 0
    if args.child == "incremental":
        print(json.dumps(child_incremental(*args.paths, edit=args.edit)))
        return 0
    if args.child == "parallel":
        print(json.dumps(child_parallel(*args.paths)))
        return 0
    if args.child == "real":
        print(json.dumps(child_real()))
        return 0

    sizes = [int(s) for s in (args.sizes or "100,1000").split(",")]
    if args.full and 5000 not in sizes:
        sizes.append(5000)
    WORK.mkdir(parents=True, exist_ok=True)
    pagefind = pagefind_available() and not args.no_pagefind
    runs = [bench_size(n, pagefind=pagefind) for n in sizes]
    print("real articles: extraction ...", flush=True)
    real, _ = child_json("real")
    (WORK / "results.json").write_text(json.dumps({"runs": runs, "real": real}, indent=1))
    args.out.write_text(render_results(runs, machine(), real), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
