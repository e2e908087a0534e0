"""Quotes page (zitate.md): every direct quote, grouped by speaker, linked to its sentence.

Who said what, across outlets: a researcher sees all words attributed to one speaker in
one place. Quotes whose speaker the extractor could not determine come last. A large
corpus continues on zitate/seite_2.md, … (render.paging).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..models import Corpus, Extraction, Page, Quote, Tables
from .common import QUOTES, a, article_path, entity_path, esc, href
from .paging import Section, render_paged

UNKNOWN_SPEAKER = "Ohne erkennbare Quelle"
# Quote lines one page shows at most; more go on zitate/seite_2.md and so on.
QUOTES_PER_PAGE = 300


def quotes_by_speaker(
    corpus: Corpus,
) -> tuple[tuple[str | None, tuple[tuple[Extraction, Quote], ...]], ...]:
    """Return (speaker, quotes) pairs: named speakers alphabetically, the unknown speaker last.

    Quotes within a speaker keep corpus order (article file, then position).
    """
    groups: dict[str | None, list[tuple[Extraction, Quote]]] = defaultdict(list)
    for extraction in corpus.extractions:
        for quote in sorted(extraction.quotes, key=lambda q: (q.start, q.end)):
            speaker = " ".join(quote.speaker.split()) if quote.speaker else None
            groups[speaker or None].append((extraction, quote))
    named = sorted((s for s in groups if s is not None), key=lambda s: (s.casefold(), s))
    order: list[str | None] = [*named, *([None] if None in groups else [])]
    return tuple((speaker, tuple(groups[speaker])) for speaker in order)


def _quote_line(page: str, item: tuple[Extraction, Quote]) -> str:
    extraction, quote = item
    article = extraction.article
    anchor = article.sentences[quote.sentence].anchor
    target = href(page, article_path(article.slug), anchor)
    date = f", {esc(extraction.published)}" if extraction.published else ""
    return f"„{esc(quote.text)}“ — {a(target, esc(article.title))}{date}"


def _entity_link(name: str, entity_id: str) -> Callable[[str], tuple[str, ...]]:
    """The intro line of a speaker who has an entity page, linked from whichever page it is on."""
    return lambda page: (f"<p>{a(href(page, entity_path(entity_id)), f'Seite zu {name}')}</p>",)


def render_quotes(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return zitate.md (and its further pages): direct quotes by speaker, linked to sentences.

    A speaker that is a gazetteer entity links to its entity page. At most QUOTES_PER_PAGE
    quote lines go on one page, so the page does not grow with the corpus.
    """
    entity_by_name = {entity.name: entity.id for entity in corpus.entities}
    mentioned = {m.entity for e in corpus.extractions for m in e.mentions}
    groups = quotes_by_speaker(corpus)
    total = sum(len(quotes) for _, quotes in groups)
    intro: tuple[str, ...] = (
        (
            f"<p>{total} direkte Zitate aus {len(corpus.extractions)} Artikeln, nach Sprecher "
            "geordnet. Jedes Zitat führt zu seinem Satz im Artikel.</p>"
        ),
    )
    if not total:
        intro += ("<p>Keine Zitate gefunden.</p>",)
    sections = []
    for speaker, quotes in groups:
        name = esc(speaker) if speaker else UNKNOWN_SPEAKER
        entity_id = entity_by_name.get(speaker or "")
        shown = tuple(
            (extraction, quote)
            for extraction, quote in quotes
            if 0 <= quote.sentence < len(extraction.article.sentences)
        )
        sections.append(
            Section(
                heading=f"{name} ({len(quotes)})",
                items=shown,
                line=_quote_line,
                intro=(
                    _entity_link(name, entity_id) if entity_id and entity_id in mentioned else None
                ),
            )
        )
    return render_paged(QUOTES, "Zitate", intro, tuple(sections), QUOTES_PER_PAGE, searchable=False)
