"""Sources page (quellen.md): the outlets of the corpus, their articles, dates and languages.

A large corpus continues on quellen/seite_2.md, … (render.paging).

Lets a researcher judge the corpus' balance at a glance: which outlets, how many
articles each, over which period. Articles without a known outlet are listed as
"unbekannt".
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Corpus, Extraction, Page, Tables
from .common import LANGUAGE_NAMES, SOURCES, a, article_path, esc, href
from .paging import Section, render_paged

UNKNOWN_SOURCE = "unbekannt"
# Lines (outlet rows and article lines) one page shows at most; more go on
# quellen/seite_2.md and so on.
SOURCES_PER_PAGE = 300


def articles_by_source(corpus: Corpus) -> tuple[tuple[str, tuple[Extraction, ...]], ...]:
    """Return (outlet, articles) pairs, outlets alphabetically, "unbekannt" last.

    Articles of one outlet are ordered by publication date (undated last), then file.
    """
    groups: dict[str, list[Extraction]] = defaultdict(list)
    for extraction in corpus.extractions:
        source = " ".join((extraction.article.source or "").split())
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


def _outlet_row(page: str, group: tuple[str, tuple[Extraction, ...]]) -> list[str]:
    source, extractions = group
    return [esc(source), str(len(extractions)), _date_range(extractions), _languages(extractions)]


def _article_line(page: str, extraction: Extraction) -> str:
    article = extraction.article
    target = href(page, article_path(article.slug))
    date = esc(extraction.published) if extraction.published else "ohne Datum"
    if extraction.published_basis == "inferred":
        date += " (erschlossen)"
    language = LANGUAGE_NAMES.get(article.language, esc(article.language))
    return f"{a(target, esc(article.title))} · {date} · {language}"


def render_sources(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return quellen.md (and its further pages): a table of outlets (articles, date range,
    language), then each outlet's articles.

    At most SOURCES_PER_PAGE lines (outlet rows and article lines) go on one page, so the
    page does not grow with the corpus; the rest continue on quellen/seite_2.md, ….
    """
    groups = articles_by_source(corpus)
    intro: tuple[str, ...] = (
        (
            f"<p>{len(corpus.extractions)} Artikel aus {len(groups)} "
            f"{'Quelle' if len(groups) == 1 else 'Quellen'}. Die Quelle stammt aus "
            "den Metadaten des Artikels; fehlt sie, aus einer Zeile, mit der sich die Seite "
            "selbst nennt („Lesen Sie den vollständigen Artikel unter …“), sonst steht "
            "„unbekannt“. Datum: Veröffentlichung "
            "laut Metadaten oder aus dem Text erschlossen.</p>"
        ),
    )
    if not groups:
        return render_paged(
            SOURCES, "Quellen", (*intro, "<p>Keine Artikel.</p>"), (), SOURCES_PER_PAGE
        )
    overview = Section(
        heading="Übersicht",
        items=groups,
        line=_outlet_row,
        columns=(
            ("Quelle", "left"),
            ("Artikel", "right"),
            ("Zeitraum", "left"),
            ("Sprache", "left"),
        ),
    )
    outlets = tuple(
        Section(heading=esc(source), items=extractions, line=_article_line)
        for source, extractions in groups
    )
    return render_paged(SOURCES, "Quellen", intro, (overview, *outlets), SOURCES_PER_PAGE)
