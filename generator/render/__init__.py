"""Render stage: Corpus -> Markdown pages and data files (plain values; the writer writes)."""

from __future__ import annotations

from ..models import Corpus, Page, Tables
from .articles import start_render_articles
from .common import url_style
from .data import render_data
from .entities import render_entities
from .quotes import render_quotes
from .report import render_report
from .sources import render_sources
from .timeline import render_timeline
from .topics import render_topics


def render_site(corpus: Corpus, tables: Tables, *, directory_urls: bool = True) -> tuple[Page, ...]:
    """Return every generated page of the site, sorted by path (deterministic output).

    `directory_urls` is MkDocs' `use_directory_urls`: pages written as HTML carry final
    relative URLs, which differ between "artikel/x/" and "artikel/x.html".
    """
    with url_style(directory_urls):
        return _render_site(corpus, tables)


def _render_site(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    # For a large corpus the article pages are rendered in worker processes; meanwhile
    # this process renders the other pages (their output does not depend on each other).
    articles = start_render_articles(corpus, tables)
    pages: list[Page] = []
    try:
        _render_others(corpus, tables, pages)
    finally:
        pages.extend(articles())  # also on an error: the workers are waited for
    return tuple(sorted(pages, key=lambda page: page.path))


def _render_others(corpus: Corpus, tables: Tables, pages: list[Page]) -> None:
    for render in (
        render_topics,
        render_entities,
        render_timeline,
        render_quotes,
        render_sources,
        render_report,
        render_data,
    ):
        pages.extend(render(corpus, tables))
