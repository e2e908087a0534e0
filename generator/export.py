"""Machine-readable records: the JSON contract of `extract --format json` and site/data/."""

from __future__ import annotations

from .extract.entities import extract_title_mentions
from .models import Extraction, Tables
from .urls import article_path, site_url


def json_number(value: float | None) -> int | float | None:
    """Integers stay integers in JSON (12000, not 12000.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def article_record(extraction: Extraction, tables: Tables) -> dict:
    """Return the article's record: file, url, title, published, language, source, body, facts.

    The same record is printed by `python -m generator extract --format json` and
    published in site/data/articles.json; its schema is described on the methods page.
    """
    article = extraction.article
    sentences = article.sentences
    by_id = {entity.id: entity for entity in tables.entities}
    forms: dict[str, list[str]] = {}
    # the headline's names count as the article's too (gold §5: title and body); body
    # forms come first, in text order, then forms only the headline has
    title_mentions = extract_title_mentions(article, tables, extraction.mentions)
    for mention in (*extraction.mentions, *title_mentions):
        seen = forms.setdefault(mention.entity, [])
        if mention.form not in seen:
            seen.append(mention.form)
    entities = [
        {"name": by_id[eid].name, "type": by_id[eid].type, "forms": list(fs)}
        for eid, fs in forms.items()
        if eid in by_id
    ]
    return {
        "file": article.file,
        "url": site_url(article_path(article.slug)),
        "title": article.title,
        "published": extraction.published,
        "published_basis": extraction.published_basis,
        "language": article.language,
        "source": article.source,
        "source_basis": article.source_basis,  # "metadata", "text" or None
        "original_url": article.meta.url,
        "body": article.body,
        "figures": [
            {
                "text": f.text,
                "low": json_number(f.low),
                "high": json_number(f.high),
                "qualifier": f.qualifier,
                "counts": f.counts,
                "topic": f.topic,
                "attributed_to": f.attributed_to,
                "modality": f.modality,
                "sentence": sentences[f.sentence].text,
                "anchor": sentences[f.sentence].anchor,
                "span": [f.start, f.end],
            }
            for f in extraction.figures
        ],
        "dates": [
            {
                "text": d.text,
                "iso": d.iso,
                "approx": d.approx,
                "relative": d.relative,
                "anchor": sentences[d.sentence].anchor,
                "span": [d.start, d.end],
            }
            for d in extraction.dates
        ],
        "entities": entities,
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "anchor": sentences[q.sentence].anchor,
                "span": [q.start, q.end],
            }
            for q in extraction.quotes
        ],
    }
