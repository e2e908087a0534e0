"""Build report (bericht.md and the console summary): every seed accounted for.

For each seed: built, built with warnings, or skipped and why; every problem as
"file: reason"; and the proper names the extractor saw that the gazetteer does not know,
so the researcher can add them to seeds/_tables/entities.yml.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Corpus, Page, Problem, Tables
from .common import REPORT, article_path, esc, link

STATUS_LABELS = {
    "built": "erstellt",
    "warnings": "erstellt, mit Warnungen",
    "skipped": "übersprungen",
}
SEVERITY_LABELS = {"error": "Fehler", "warning": "Warnung"}


def all_problems(corpus: Corpus) -> tuple[Problem, ...]:
    """Return corpus-level problems, then each seed's, in report order, without duplicates."""
    found: list[Problem] = []
    for problem in (*corpus.problems, *(p for s in corpus.report for p in s.problems)):
        if problem not in found:
            found.append(problem)
    return tuple(found)


def candidate_names(corpus: Corpus) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return (name, files) for every candidate name not in the gazetteer.

    Most widespread first (more files, then name), since those are most worth adding.
    """
    files: dict[str, set[str]] = defaultdict(set)
    for extraction in corpus.extractions:
        for name in extraction.candidates:
            name = " ".join(name.split())
            if name:
                files[name].add(extraction.article.file)
    ranked = sorted(files, key=lambda n: (-len(files[n]), n.casefold(), n))
    return tuple((name, tuple(sorted(files[name]))) for name in ranked)


def _counts(corpus: Corpus) -> dict[str, int]:
    counts = {status: 0 for status in STATUS_LABELS}
    for status in corpus.report:
        counts[status.status] = counts.get(status.status, 0) + 1
    return counts


def format_report(corpus: Corpus) -> str:
    """Return the build report as plain text for the console (no trailing newline).

    One line per seed with its status, then the problems, then the count of candidate names.
    """
    counts = _counts(corpus)
    lines = [
        (
            f"Seeds: {len(corpus.report)} · erstellt {counts['built']} · mit Warnungen "
            f"{counts['warnings']} · übersprungen {counts['skipped']}"
        )
    ]
    for status in corpus.report:
        label = STATUS_LABELS.get(status.status, status.status)
        lines.append(f"  {status.file}: {label}")
    problems = all_problems(corpus)
    if problems:
        lines.append(f"Probleme: {len(problems)}")
        lines.extend(f"  {SEVERITY_LABELS.get(p.severity, p.severity)}: {p}" for p in problems)
    candidates = candidate_names(corpus)
    if candidates:
        lines.append(f"Namen nicht im Verzeichnis: {len(candidates)} (siehe bericht.md)")
    return "\n".join(lines)


def render_report(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return bericht.md: seed statuses, all problems, and candidate names for the gazetteer."""
    counts = _counts(corpus)
    slugs = {e.article.file: e.article.slug for e in corpus.extractions}
    lines = [
        "# Build-Bericht",
        "",
        (
            f"{len(corpus.report)} Dateien gelesen: {counts['built']} erstellt, "
            f"{counts['warnings']} mit Warnungen erstellt, {counts['skipped']} übersprungen."
        ),
        "",
        "## Dateien",
        "",
        "| Datei | Status | Probleme |",
        "|---|---|---:|",
    ]
    for status in corpus.report:
        label = STATUS_LABELS.get(status.status, esc(status.status))
        name = esc(status.file)
        slug = status.slug or slugs.get(status.file)
        if slug and status.status != "skipped" and status.file in slugs:
            name = f"[{name}]({link(REPORT, article_path(slug))})"
        lines.append(f"| {name} | {label} | {len(status.problems)} |")
    problems = all_problems(corpus)
    lines += ["", "## Probleme", ""]
    if problems:
        for problem in problems:
            severity = SEVERITY_LABELS.get(problem.severity, esc(problem.severity))
            lines.append(f"- **{severity}** {esc(str(problem))}")
    else:
        lines.append("Keine Probleme.")
    candidates = candidate_names(corpus)
    lines += [
        "",
        "## Namen, die nicht im Verzeichnis stehen",
        "",
        (
            "Eigennamen aus den Artikeln, die das Entitätenverzeichnis "
            "(`seeds/_tables/entities.yml`) nicht kennt. Wer sie dort mit Typ und "
            "Schreibweisen einträgt, bekommt sie beim nächsten Build als Entitäten."
        ),
        "",
    ]
    if candidates:
        lines += ["| Name | Artikel | Dateien |", "|---|---:|---|"]
        for name, files in candidates:
            lines.append(f"| {esc(name)} | {len(files)} | {', '.join(esc(f) for f in files)} |")
    else:
        lines.append("Keine.")
    return (Page(REPORT, "\n".join(lines) + "\n"),)
