"""Build report (bericht.md and the console summary): every seed accounted for.

For each seed: built, built with warnings, or skipped and why; every problem as
"file: reason"; and the proper names the extractor saw that the gazetteer does not know,
so the researcher can add them to the gazetteer (entities.yml of the corpus' tables). A
large corpus continues on bericht/seite_2.md, … (render.paging).
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Corpus, Page, Problem, SeedStatus, Tables
from .common import REPORT, a, article_path, esc, href
from .paging import Section, render_paged

STATUS_LABELS = {
    "built": "erstellt",
    "warnings": "erstellt, mit Warnungen",
    "skipped": "übersprungen",
}
SEVERITY_LABELS = {"error": "Fehler", "warning": "Warnung"}
# Seed rows, problem lines and name rows one page shows at most; more go on
# bericht/seite_2.md and so on.
REPORT_LINES_PER_PAGE = 300
# Files a candidate name row lists; the rest are counted.
FILES_SHOWN = 10


def all_problems(corpus: Corpus) -> tuple[Problem, ...]:
    """Return corpus-level problems, then each seed's, in report order, without duplicates."""
    # dict keys keep the first occurrence's order; a list's `in` made this quadratic in the
    # number of problems (thousands in a large corpus with one warning per seed)
    every = (*corpus.problems, *(p for s in corpus.report for p in s.problems))
    return tuple(dict.fromkeys(every))


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


def _seed_row(page: str, item: tuple[SeedStatus, str | None]) -> list[str]:
    status, slug = item
    label = STATUS_LABELS.get(status.status, esc(status.status))
    name = esc(status.file)
    if slug:
        name = a(href(page, article_path(slug)), name)
    return [name, label, str(len(status.problems))]


def _problem_line(page: str, problem: Problem) -> str:
    severity = SEVERITY_LABELS.get(problem.severity, esc(problem.severity))
    return f"<strong>{severity}</strong> {esc(str(problem))}"


def _candidate_row(page: str, item: tuple[str, tuple[str, ...]]) -> list[str]:
    name, files = item
    # a name found in thousands of files would make one row grow with the corpus
    listed = ", ".join(esc(f) for f in files[:FILES_SHOWN])
    if len(files) > FILES_SHOWN:
        listed += f" … und {len(files) - FILES_SHOWN} weitere"
    return [esc(name), str(len(files)), listed]


def _candidates_intro(page: str) -> tuple[str, ...]:
    return (
        (
            "<p>Eigennamen aus den Artikeln, die das Entitätenverzeichnis "
            "(<code>entities.yml</code> im Tabellenordner des Korpus, standardmäßig "
            "<code>seeds/_tables/</code>) nicht kennt. Wer sie dort mit Typ und "
            "Schreibweisen einträgt, bekommt sie beim nächsten Build als Entitäten.</p>"
        ),
    )


def render_report(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return bericht.md (and its further pages): seed statuses, problems, candidate names.

    Every seed has a row; at most REPORT_LINES_PER_PAGE rows and problem lines go on one
    page, so the report does not grow with the corpus.
    """
    counts = _counts(corpus)
    slugs = {e.article.file: e.article.slug for e in corpus.extractions}
    seeds = tuple(
        (
            status,
            (status.slug or slugs.get(status.file))
            if status.status != "skipped" and status.file in slugs
            else None,
        )
        for status in corpus.report
    )
    intro = (
        (
            f"<p>{len(corpus.report)} Dateien gelesen: {counts['built']} erstellt, "
            f"{counts['warnings']} mit Warnungen erstellt, {counts['skipped']} übersprungen.</p>"
        ),
    )
    sections = (
        Section(
            "Dateien",
            seeds,
            _seed_row,
            columns=(("Datei", "left"), ("Status", "left"), ("Probleme", "right")),
        ),
        Section("Probleme", all_problems(corpus), _problem_line, empty="Keine Probleme."),
        Section(
            "Namen, die nicht im Verzeichnis stehen",
            candidate_names(corpus),
            _candidate_row,
            intro=_candidates_intro,
            columns=(("Name", "left"), ("Artikel", "right"), ("Dateien", "left")),
            empty="Keine.",
        ),
    )
    return render_paged(REPORT, "Build-Bericht", intro, sections, REPORT_LINES_PER_PAGE)
