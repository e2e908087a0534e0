"""Extract stage: Article -> Extraction. Pure; the order matters and is fixed here.

1. entity mentions (gazetteer, longest match wins) and candidate names for the report;
2. dates, resolved against the publication date (metadata, else inferred from the text);
3. figures, with date spans blanked so "4. November" is never read as the figure 4,
   and with attribution resolved to canonical entity names;
4. direct quotes with their speaker.
"""

from __future__ import annotations

from ..models import Article, Extraction, Tables
from .dates import extract_dates
from .entities import extract_mentions
from .figures import extract_figures
from .quotes import extract_quotes


def extract_article(article: Article, tables: Tables) -> Extraction:
    """Return every fact found in `article`, each with its span and sentence index."""
    mentions, candidates = extract_mentions(article, tables)
    dates, published, basis = extract_dates(article, tables)
    blocked = tuple((d.start, d.end) for d in dates)
    figures = extract_figures(article, tables, blocked, mentions)
    quotes = extract_quotes(article, tables, mentions)
    return Extraction(
        article=article,
        published=published,
        published_basis=basis,
        figures=figures,
        dates=dates,
        mentions=mentions,
        quotes=quotes,
        candidates=candidates,
    )
