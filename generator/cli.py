"""Command line: `python -m generator build|extract`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import native as native_module
from .export import article_record
from .tables import TableError, load_tables


def _tables_dir(args: argparse.Namespace, paths: list[Path]) -> Path:
    if args.tables:
        return Path(args.tables)
    for path in paths:
        if path.is_dir() and (path / "_tables").is_dir():
            return path / "_tables"
    return Path("seeds") / "_tables"


def cmd_extract(args: argparse.Namespace) -> int:
    """Print one JSON record per article (the extract contract) for files and folders."""
    from .pipeline import extract_seeds, read_paths

    paths = [Path(p) for p in args.paths]
    tables = load_tables(_tables_dir(args, paths))
    seeds, skipped = read_paths(paths)
    extractions, statuses = extract_seeds(seeds, tables)
    for status in (*skipped, *statuses):
        for problem in status.problems:
            print(f"{problem.severity}: {problem}", file=sys.stderr)
    records = [article_record(e, tables) for e in extractions]
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for record in records:
            print(f"# {record['file']}: {record['title']} ({record['published']}, {record['language']})")
            for fig in record["figures"]:
                print(
                    f"  {fig['text']!r:30} {fig['qualifier']:9} {fig['low']}–{fig['high']} "
                    f"{fig['counts']} [{fig['topic']}] ← {fig['attributed_to']}"
                )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Write the generated pages into docs/ and print the build report."""
    from .pipeline import build
    from .render.report import format_report

    seeds = Path(args.seeds)
    result = build(
        seeds,
        Path(args.docs),
        Path(args.tables) if args.tables else None,
        directory_urls=not args.no_directory_urls,
    )
    print(format_report(result.corpus))
    if result.write is not None:
        print(
            f"docs: {len(result.write.written)} written, {result.write.unchanged} unchanged, "
            f"{len(result.write.deleted)} deleted"
        )
    problems = result.problems
    for problem in problems:
        print(f"{problem.severity}: {problem}", file=sys.stderr)
    if any(p.severity == "error" for p in problems) and args.strict:
        return 1
    if problems and args.strict:
        return 1
    return 0


def cmd_native(args: argparse.Namespace) -> int:
    """`native build`: compile the extract modules (exit 1 with the reason when it cannot;
    extraction then runs the Python sources, same output). `native status`: what runs."""
    if args.action == "status":
        print(native_module.status)
        return 0
    try:
        print(native_module.build())
    except (ImportError, OSError, RuntimeError) as exc:
        print(f"native extraction not built, the Python sources run: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="write the generated Markdown into docs/")
    build.add_argument("--seeds", default="seeds")
    build.add_argument("--docs", default="docs")
    build.add_argument("--tables", default=None, help="corpus tables (default: SEEDS/_tables)")
    build.add_argument("--strict", action="store_true", help="exit 1 on any warning")
    build.add_argument(
        "--no-directory-urls",
        action="store_true",
        help="links for a site built with use_directory_urls: false (file:// copies)",
    )
    build.set_defaults(func=cmd_build)
    extract = sub.add_parser("extract", help="print the extracted facts of seeds")
    extract.add_argument("paths", nargs="+")
    extract.add_argument("--format", choices=("json", "text"), default="text")
    extract.add_argument("--tables", default=None)
    extract.set_defaults(func=cmd_extract)
    native = sub.add_parser(
        "native", help="compile the extraction with mypyc (build) or say what runs (status)"
    )
    native.add_argument("action", choices=("build", "status"))
    native.set_defaults(func=cmd_native)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except TableError as exc:
        print(f"error: {exc.problem}", file=sys.stderr)
        return 2
