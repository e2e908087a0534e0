"""Render stage: Corpus -> Markdown pages and data files (plain values; the writer writes)."""

from __future__ import annotations

from ..models import Corpus, Page, Tables
from .articles import render_articles
from .data import render_data
from .entities import render_entities
from .quotes import render_quotes
from .report import render_report
from .sources import render_sources
from .timeline import render_timeline
from .topics import render_topics


def render_site(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return every generated page of the site, sorted by path (deterministic output)."""
    pages: list[Page] = []
    for render in (
        render_articles,
        render_topics,
        render_entities,
        render_timeline,
        render_quotes,
        render_sources,
        render_report,
        render_data,
    ):
        pages.extend(render(corpus, tables))
    return tuple(sorted(pages, key=lambda page: page.path))
