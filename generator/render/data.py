"""Data exports under docs/data/ (copied to site/data/): the site's facts, machine-readable.

- articles.json: one `export.article_record` per article (the extract contract);
- figures.json / figures.csv: one row per figure, the same rows in both;
- entities.json: every mentioned entity with its mentions;
- timeline.json: the merged events of the timeline with their citations.

Output is byte-deterministic: fixed key order, ensure_ascii=False, trailing newline. A
JSON file is an array with one compact record per line: line-oriented tools and diffs
still work, and the exports are about a third smaller than indented JSON (they grow with
the corpus, so their bytes count against the site's size per article). The CSV is UTF-8
with a byte-order mark (so spreadsheet programs detect the encoding) and CRLF line ends
(RFC 4180). Each article's records are encoded once per extraction object and the files
assembled from those parts, so a rebuild in `mkdocs serve` encodes only what changed.
"""

from __future__ import annotations

import csv
import io
import json
from operator import itemgetter

from ..export import article_record, json_number
from ..extract.memo import ObjectMemo
from ..models import Corpus, Extraction, Page, Tables
from ..timeline import DateCitation, Event, build_timeline
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


class _CompactEncoder(json.JSONEncoder):
    """JSON without spaces or ASCII escapes, for tens of thousands of small records.

    JSONEncoder.encode sets up the C encoder again on every call, which is most of the cost
    of encoding one small record: the C encoder is set up once here and reused (without
    the circular-reference check: the records are trees of fresh dicts and lists). Where
    Python has no C accelerator, encode() is the standard one.
    """

    def __init__(self) -> None:
        super().__init__(ensure_ascii=False, separators=(",", ":"))
        make = json.encoder.c_make_encoder
        self._fast = (
            None
            if make is None
            else make(
                None,
                self.default,
                json.encoder.encode_basestring,
                None,
                self.key_separator,
                self.item_separator,
                self.sort_keys,
                self.skipkeys,
                self.allow_nan,
            )
        )

    def encode(self, o: object) -> str:
        """Return the JSON text of `o`, as json.JSONEncoder.encode with these options does."""
        if self._fast is None or not isinstance(o, (dict, list)):
            return super().encode(o)
        return "".join(self._fast(o, 0))


# One encoder for every record: json.dumps with options builds a new encoder per call.
_ENCODER = _CompactEncoder()


def sentence_url(slug: str, anchor: str) -> str:
    """The site-relative URL of one sentence: "artikel/<slug>/#s12"."""
    return f"{site_url(article_path(slug))}#{anchor}"


def _figure_rows(extraction: Extraction) -> list[dict]:
    """The figure rows of one article, by position."""
    article = extraction.article
    page_url = site_url(article_path(article.slug))  # each sentence URL adds its anchor
    rows = []
    for figure in sorted(extraction.figures, key=lambda f: (f.start, f.end)):
        sentence = article.sentences[figure.sentence]
        rows.append(
            {
                "file": article.file,
                "url": f"{page_url}#{sentence.anchor}",
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


def _csv_rows(rows: list[dict]) -> str:
    """CSV lines (CRLF) for `rows`; None as an empty cell. csv.writer keeps no state between
    rows, so CSV text of consecutive row lists concatenates to that of the whole list."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    # csv writes None as an empty cell; repr of a float is exact and locale-free (the JSON
    # shows the same number)
    writer.writerows(map(itemgetter(*FIGURE_FIELDS), rows))
    return buffer.getvalue()


def _csv_header() -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(FIGURE_FIELDS)
    return "\ufeff" + buffer.getvalue()


def _event_head(event: Event) -> dict:
    """An event's record without its citations (the last key, "citations")."""
    return {
        "iso": event.iso,
        "label": event.label,
        "approx": event.approx,
        "context": list(event.context),
        "citations": [],
    }


def _citation_record(c: DateCitation) -> dict:
    return {
        "file": c.file,
        "title": c.title,
        "url": sentence_url(c.slug, c.anchor),
        "date_text": c.date_text,
        "iso": c.iso,
        "approx": c.approx,
        "relative": c.relative,
        "sentence": c.text,
    }


def _timeline_lines(corpus: Corpus) -> list[str]:
    """The lines of timeline.json (events by date, each with every citation); each citation is encoded
    once per citation object (the same objects while their article is unchanged)."""
    lines = []
    for event in build_timeline(corpus):
        head = _ENCODER.encode(_event_head(event))
        citations = ",".join(
            _PARTS.get(c, None, None, lambda c=c: _ENCODER.encode(_citation_record(c)))
            for c in event.citations
        )
        lines.append(head[:-2] + citations + "]}")  # splice into the final "[]}"
    return lines


# Encoded per-article parts of the exports, kept while the extraction object lives: a
# rebuild in `mkdocs serve` encodes only the edited article's records again.
_PARTS = ObjectMemo(limit=200_000)


def _article_part(extraction: Extraction, tables: Tables) -> str:
    """The article's line of articles.json (its record depends on the gazetteer only)."""
    return _PARTS.get(
        extraction,
        "article",
        tables.entities,
        lambda: _ENCODER.encode(article_record(extraction, tables)),
    )


def _figure_part(extraction: Extraction) -> tuple[tuple[str, ...], str]:
    """The article's lines of figures.json and its rows of figures.csv."""

    def build() -> tuple[tuple[str, ...], str]:
        rows = _figure_rows(extraction)
        return tuple(map(_ENCODER.encode, rows)), _csv_rows(rows)

    return _PARTS.get(extraction, "figures", None, build)


def _mention_part(extraction: Extraction) -> dict[str, list[str]]:
    """Per entity id: the article's encoded mention records for entities.json, in text
    order (mentions outside the article's sentences are left out, as on the pages)."""

    def build() -> dict[str, list[str]]:
        article = extraction.article
        page_url = site_url(article_path(article.slug))  # each sentence URL adds its anchor
        found: dict[str, list[str]] = {}
        for mention in sorted(extraction.mentions, key=lambda m: (m.start, m.end)):
            if not 0 <= mention.sentence < len(article.sentences):
                continue
            sentence = article.sentences[mention.sentence]
            record = {
                "file": article.file,
                "url": f"{page_url}#{sentence.anchor}",
                "form": mention.form,
                "sentence": sentence.text,
            }
            found.setdefault(mention.entity, []).append(_ENCODER.encode(record))
        return found

    return _PARTS.get(extraction, "mentions", None, build)


def _entity_lines(corpus: Corpus) -> list[str]:
    """The lines of entities.json (per mentioned entity: name, type,
    forms, page URL and every mention), from per-article parts."""
    mentions: dict[str, list[str]] = {}
    for extraction in corpus.extractions:  # sorted by file, as the records list them
        for entity_id, lines in _mention_part(extraction).items():
            mentions.setdefault(entity_id, []).extend(lines)
    lines = []
    for item in collect_mentions(corpus):
        head = _ENCODER.encode(
            {
                "id": item.entity.id,
                "name": item.entity.name,
                "type": item.entity.type,
                "forms": [form for form, _ in item.forms],
                "url": site_url(entity_path(item.entity.id)),
                "mentions": [],
            }
        )
        # "mentions" is the last key: splice the encoded mentions into its empty array "[]}"
        lines.append(head[:-2] + ",".join(mentions.get(item.entity.id, ())) + "]}")
    return lines


def _lines(lines: list[str]) -> str:
    """A JSON array from already encoded records, one per line (as _json writes it)."""
    if not lines:
        return "[]\n"
    return "[\n" + ",\n".join(lines) + "\n]\n"


def render_data(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return the data files (data/*.json, data/figures.csv) as Pages for the writer."""
    figure_parts = [_figure_part(extraction) for extraction in corpus.extractions]
    return (
        Page(
            f"{DATA_DIR}/articles.json",
            _lines([_article_part(e, tables) for e in corpus.extractions]),
        ),
        Page(f"{DATA_DIR}/entities.json", _lines(_entity_lines(corpus))),
        Page(
            f"{DATA_DIR}/figures.csv",
            _csv_header() + "".join(csv_part for _, csv_part in figure_parts),
        ),
        Page(f"{DATA_DIR}/figures.json", _lines([line for part, _ in figure_parts for line in part])),
        Page(f"{DATA_DIR}/timeline.json", _lines(_timeline_lines(corpus))),
    )
