"""Data exports under docs/data/ (copied to site/data/): the site's facts, machine-readable.

- articles.json: one `export.article_record` per article (the extract contract);
- figures.json / figures.csv: one row per figure, the same rows in both;
- entities.json: every mentioned entity with its mentions;
- timeline.json: the merged events of the timeline with their citations.

Output is byte-deterministic: fixed key order, ensure_ascii=False, trailing newline. A
JSON file is an array with one compact record per line: line-oriented tools and diffs
still work, and the exports are about a third smaller than indented JSON (they grow with
the corpus, so their bytes count against the site's size per article). The CSV is UTF-8 with a byte-order mark (so spreadsheet programs detect the
encoding) and CRLF line ends (RFC 4180).
"""

from __future__ import annotations

import csv
import io
import json

from ..export import article_record, json_number
from ..models import Corpus, Page, Tables
from ..timeline import build_timeline
from .common import DATA_DIR, article_path, entity_path, site_url
from .entities import collect_mentions

FIGURE_FIELDS = (
    "file",
    "url",
    "text",
    "low",
    "high",
    "qualifier",
    "counts",
    "topic",
    "attributed_to",
    "modality",
    "sentence",
    "start",
    "end",
)


# One encoder for every record: json.dumps with options builds a new encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(records: list) -> str:
    """A JSON array with one compact record per line."""
    if not records:
        return "[]\n"
    return "[\n" + ",\n".join(map(_ENCODER.encode, records)) + "\n]\n"


def sentence_url(slug: str, anchor: str) -> str:
    """The site-relative URL of one sentence: "artikel/<slug>/#s12"."""
    return f"{site_url(article_path(slug))}#{anchor}"


def figure_rows(corpus: Corpus) -> list[dict]:
    """Return one dict per figure (keys FIGURE_FIELDS), in corpus order (file, position)."""
    rows = []
    for extraction in corpus.extractions:
        article = extraction.article
        for figure in sorted(extraction.figures, key=lambda f: (f.start, f.end)):
            sentence = article.sentences[figure.sentence]
            rows.append(
                {
                    "file": article.file,
                    "url": sentence_url(article.slug, sentence.anchor),
                    "text": figure.text,
                    "low": json_number(figure.low),
                    "high": json_number(figure.high),
                    "qualifier": figure.qualifier,
                    "counts": figure.counts,
                    "topic": figure.topic,
                    "attributed_to": figure.attributed_to,
                    "modality": figure.modality,
                    "sentence": sentence.text,
                    "start": figure.start,
                    "end": figure.end,
                }
            )
    return rows


def figures_csv(rows: list[dict]) -> str:
    """Return the figure rows as CSV text: BOM, header, CRLF; None as an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIGURE_FIELDS)
    for row in rows:
        # repr of a float is exact and locale-free; the JSON shows the same number
        writer.writerow(["" if row[key] is None else row[key] for key in FIGURE_FIELDS])
    return "\ufeff" + buffer.getvalue()


def entity_records(corpus: Corpus) -> list[dict]:
    """Return one record per mentioned entity: name, type, forms, page URL, every mention."""
    records = []
    # (file, sentence, entity) -> that sentence's mentions of the entity, in text order
    grouped: dict[tuple[str, int, str], list] = {}
    for extraction in corpus.extractions:
        for mention in sorted(extraction.mentions, key=lambda m: (m.start, m.end)):
            key = (extraction.article.file, mention.sentence, mention.entity)
            grouped.setdefault(key, []).append(mention)
    for item in collect_mentions(corpus):
        mentions = []
        for extraction, index, _ in item.sentences:
            article = extraction.article
            sentence = article.sentences[index]
            for mention in grouped.get((article.file, index, item.entity.id), ()):
                mentions.append(
                    {
                        "file": article.file,
                        "url": sentence_url(article.slug, sentence.anchor),
                        "form": mention.form,
                        "sentence": sentence.text,
                    }
                )
        records.append(
            {
                "id": item.entity.id,
                "name": item.entity.name,
                "type": item.entity.type,
                "forms": [form for form, _ in item.forms],
                "url": site_url(entity_path(item.entity.id)),
                "mentions": mentions,
            }
        )
    return records


def timeline_records(corpus: Corpus) -> list[dict]:
    """Return the timeline's events (sorted by iso) with their citations."""
    return [
        {
            "iso": event.iso,
            "label": event.label,
            "approx": event.approx,
            "context": list(event.context),
            "citations": [
                {
                    "file": c.file,
                    "title": c.title,
                    "url": sentence_url(c.slug, c.anchor),
                    "date_text": c.date_text,
                    "iso": c.iso,
                    "approx": c.approx,
                    "relative": c.relative,
                    "sentence": c.text,
                }
                for c in event.citations
            ],
        }
        for event in build_timeline(corpus)
    ]


def render_data(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return the data files (data/*.json, data/figures.csv) as Pages for the writer."""
    rows = figure_rows(corpus)
    return (
        Page(
            f"{DATA_DIR}/articles.json",
            _json([article_record(e, tables) for e in corpus.extractions]),
        ),
        Page(f"{DATA_DIR}/entities.json", _json(entity_records(corpus))),
        Page(f"{DATA_DIR}/figures.csv", figures_csv(rows)),
        Page(f"{DATA_DIR}/figures.json", _json(rows)),
        Page(f"{DATA_DIR}/timeline.json", _json(timeline_records(corpus))),
    )
