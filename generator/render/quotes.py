"""Quotes page (zitate.md): every direct quote, grouped by speaker, linked to its sentence.

Who said what, across outlets: a researcher sees all words attributed to one speaker in
one place. Quotes whose speaker the extractor could not determine come last.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Corpus, Extraction, Page, Quote, Tables
from .common import QUOTES, article_path, entity_path, esc, link

UNKNOWN_SPEAKER = "Ohne erkennbare Quelle"


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


def render_quotes(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return zitate.md: direct quotes grouped by speaker, each linked to its sentence.

    A speaker that is a gazetteer entity links to its entity page.
    """
    entity_by_name = {entity.name: entity.id for entity in corpus.entities}
    mentioned = {m.entity for e in corpus.extractions for m in e.mentions}
    groups = quotes_by_speaker(corpus)
    total = sum(len(quotes) for _, quotes in groups)
    lines = [
        "# Zitate",
        "",
        (
            f"{total} direkte Zitate aus {len(corpus.extractions)} Artikeln, nach Sprecher geordnet. "
            "Jedes Zitat führt zu seinem Satz im Artikel."
        ),
    ]
    if not total:
        lines += ["", "Keine Zitate gefunden."]
    for speaker, quotes in groups:
        name = esc(speaker) if speaker else UNKNOWN_SPEAKER
        lines += ["", f"## {name} ({len(quotes)})", ""]
        entity_id = entity_by_name.get(speaker or "")
        if entity_id and entity_id in mentioned:
            lines += [f"[Seite zu {name}]({link(QUOTES, entity_path(entity_id))})", ""]
        for extraction, quote in quotes:
            article = extraction.article
            if not 0 <= quote.sentence < len(article.sentences):
                continue
            anchor = article.sentences[quote.sentence].anchor
            target = link(QUOTES, article_path(article.slug), anchor)
            date = f", {esc(extraction.published)}" if extraction.published else ""
            lines.append(f"- „{esc(quote.text)}“ — [{esc(article.title)}]({target}){date}")
    return (Page(QUOTES, "\n".join(lines) + "\n"),)
