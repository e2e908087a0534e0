"""Sources page (quellen.md): the outlets of the corpus, their articles, dates and languages.

Lets a researcher judge the corpus' balance at a glance: which outlets, how many
articles each, over which period. Articles without a known outlet are listed as
"unbekannt".
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Corpus, Extraction, Page, Tables
from .common import SOURCES, article_path, esc, link

UNKNOWN_SOURCE = "unbekannt"
LANGUAGE_NAMES = {"de": "Deutsch", "en": "Englisch"}


def articles_by_source(corpus: Corpus) -> tuple[tuple[str, tuple[Extraction, ...]], ...]:
    """Return (outlet, articles) pairs, outlets alphabetically, "unbekannt" last.

    Articles of one outlet are ordered by publication date (undated last), then file.
    """
    groups: dict[str, list[Extraction]] = defaultdict(list)
    for extraction in corpus.extractions:
        source = " ".join((extraction.article.meta.source or "").split())
        groups[source or UNKNOWN_SOURCE].append(extraction)
    named = sorted((s for s in groups if s != UNKNOWN_SOURCE), key=lambda s: (s.casefold(), s))
    order = [*named, *([UNKNOWN_SOURCE] if UNKNOWN_SOURCE in groups else [])]
    return tuple(
        (
            source,
            tuple(
                sorted(
                    groups[source],
                    key=lambda e: (e.published is None, e.published or "", e.article.file),
                )
            ),
        )
        for source in order
    )


def _date_range(extractions: tuple[Extraction, ...]) -> str:
    dates = sorted(e.published for e in extractions if e.published)
    if not dates:
        return "–"
    return esc(dates[0]) if dates[0] == dates[-1] else f"{esc(dates[0])} – {esc(dates[-1])}"


def _languages(extractions: tuple[Extraction, ...]) -> str:
    codes = sorted({e.article.language for e in extractions})
    return ", ".join(LANGUAGE_NAMES.get(code, esc(code)) for code in codes)


def render_sources(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return quellen.md: a table of outlets (articles, date range, language) and their articles."""
    groups = articles_by_source(corpus)
    lines = [
        "# Quellen",
        "",
        (
            f"{len(corpus.extractions)} Artikel aus {len(groups)} "
            f"{'Quelle' if len(groups) == 1 else 'Quellen'}. Die Quelle stammt aus "
            "den Metadaten des Artikels; fehlt sie, steht „unbekannt“. Datum: Veröffentlichung "
            "laut Metadaten oder aus dem Text erschlossen."
        ),
    ]
    if not groups:
        lines += ["", "Keine Artikel."]
        return (Page(SOURCES, "\n".join(lines) + "\n"),)
    lines += ["", "| Quelle | Artikel | Zeitraum | Sprache |", "|---|---:|---|---|"]
    for source, extractions in groups:
        lines.append(
            f"| {esc(source)} | {len(extractions)} | {_date_range(extractions)} "
            f"| {_languages(extractions)} |"
        )
    for source, extractions in groups:
        lines += ["", f"## {esc(source)}", ""]
        for extraction in extractions:
            article = extraction.article
            target = link(SOURCES, article_path(article.slug))
            date = esc(extraction.published) if extraction.published else "ohne Datum"
            if extraction.published_basis == "inferred":
                date += " (erschlossen)"
            language = LANGUAGE_NAMES.get(article.language, esc(article.language))
            lines.append(f"- [{esc(article.title)}]({target}) · {date} · {language}")
    return (Page(SOURCES, "\n".join(lines) + "\n"),)
