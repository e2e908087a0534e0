"""Article pages and the articles index.

An article page shows the cleaned text with every sentence wrapped in
`<span id="sN" class="dossier-sentence">`, so each fact on the site can link to the exact
sentence it came from (MkDocs collects ids of raw inline HTML, so these anchors are
validated in a strict build). The key-figures table at the top links each figure to its
sentence on the same page and to its claim on the topic page.

All text from seeds goes through `esc()`; only the markup around it is ours.
"""

from __future__ import annotations

import math
import multiprocessing
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from ..cache import available_cores
from ..extract.memo import MISSING, ObjectMemo
from ..link import Claim, TopicKeywords, claims_of, sentence_topics, topic_keywords
from ..models import Article, Corpus, Extraction, Figure, Page, Related, Sentence, Tables
from ..timeline import format_iso_de
from .common import (
    ARTICLES_INDEX,
    LANGUAGE_NAMES,
    QUALIFIER_LABEL,
    a,
    article_path,
    directory_urls,
    entity_path,
    esc,
    heading,
    hesc,
    hesc_fragment,
    href,
    html_list,
    html_page,
    html_table,
    topic_path,
    url_style,
)

ARTICLES_PER_PAGE = 200
# Claims a topic page shows in full (most cited first); figures of the others link to the
# topic page without a claim anchor, and stay listed among the topic's citations.
MAX_CLAIMS = 40

MODALITY_LABEL = {"claim": "Angabe", "projection": "Prognose", "accusation": "Vorwurf"}
BASIS_LABEL = {
    "metadata": "laut Metadaten",
    "inferred": "aus dem Text erschlossen",
    "unknown": "unbekannt",
}
# The language of the site's own words (mkdocs.yml theme.language): an article in another
# language carries lang="…" on its headline and text, so browsers, screen readers and
# hyphenation read it with that language's rules.
SITE_LANGUAGE = "de"
OWN_VOICE = "Artikel selbst"


# ── formatting shared with the topic pages ────────────────────────────────


def format_number(value: float) -> str:
    """Return `value` in German notation: "12.000", "1.000.000", "2,5"."""
    if math.isfinite(value) and value == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def format_value(low: float, high: float | None) -> str:
    """Return the number(s) of a figure: "10.000" or "12.000–15.000"."""
    if high is not None and high != low:
        return f"{format_number(low)}–{format_number(high)}"
    return format_number(low)


def describe_value(low: float, high: float | None, qualifier: str) -> str:
    """Return the figure in German words: "mehr als 10.000", "zwischen 12.000 und 15.000"."""
    if qualifier == "range" and high is not None and high != low:
        return f"zwischen {format_number(low)} und {format_number(high)}"
    value = format_value(low, high)
    if qualifier == "exact":
        return value
    return f"{QUALIFIER_LABEL.get(qualifier, qualifier)} {value}"


@lru_cache(maxsize=1024)
def css_name(value: str) -> str:
    """Return `value` reduced to a safe CSS class suffix: "more_than" -> "more-than".

    Values are a handful of qualifier and modality names: each is reduced once."""
    return _NOT_CSS.sub("-", value.lower()).strip("-") or "x"


_NOT_CSS = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1024)
def qualifier_badge(qualifier: str) -> str:
    """Return an inline badge naming the qualifier in German (styled by dossier.css).

    Every figure row shows one of a handful of qualifiers: each badge is made once."""
    label = QUALIFIER_LABEL.get(qualifier, qualifier)
    return f'<span class="dossier-badge dossier-q-{css_name(qualifier)}">{esc(label)}</span>'


@lru_cache(maxsize=1024)
def modality_badge(modality: str) -> str:
    """Return the modality in German; projections and accusations get a visible badge.

    Every figure row shows one of a handful of modalities: each badge is made once."""
    label = MODALITY_LABEL.get(modality, modality)
    if modality == "claim":
        return esc(label)
    return f'<span class="dossier-badge dossier-m-{css_name(modality)}">{esc(label)}</span>'


def format_date(iso: str | None) -> str:
    """Return an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in German: "22.11.2024", "Juni 2024"."""
    if not iso:
        return "unbekannt"
    parts = iso.split("-")
    if len(parts) == 3:
        try:
            return f"{int(parts[2])}.{int(parts[1])}.{parts[0]}"
        except ValueError:
            pass
    return esc(format_iso_de(iso))  # months in words, anything else as given


def claim_anchor(claim: Claim) -> str:
    """Return the id of a claim's section on its topic page."""
    return f"angabe-{claim.key}"


def claim_index(corpus: Corpus, tables: Tables) -> dict[tuple[str, int], Claim]:
    """Return {(file, figure start): claim} for the claims the topic pages show in full."""
    index = {}
    for topic in tables.topics:
        for claim in claims_of(corpus.extractions, topic.id, tables)[:MAX_CLAIMS]:
            for citation in claim.citations:
                index[(citation.file, citation.start)] = claim
    return index


def safe_url(url: str | None) -> str | None:
    """Return an http(s) URL percent-encoded so it cannot break out of a Markdown link, or None."""
    if not url:
        return None
    url = url.strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    return quote(url, safe=":/?&=#%~.-_+,;@")


# ── sentence markup ───────────────────────────────────────────────────────


class _Span(NamedTuple):
    # a tuple: tens of thousands are made per build, and a frozen dataclass is slow to make
    start: int
    end: int
    rank: int  # lower wins an overlap: figure, date, entity
    opening: str
    closing: str


@dataclass(frozen=True, slots=True)
class _Facts:
    """An article's facts grouped by sentence index, so marking up a sentence looks only
    at its own facts (not at every fact of the article, for every sentence)."""

    figures: dict
    dates: dict
    mentions: dict
    quotes: tuple  # sorted by (start, end)

    @classmethod
    def of(cls, extraction: Extraction) -> _Facts:
        groups: tuple[dict, dict, dict] = ({}, {}, {})
        for group, facts in zip(
            groups, (extraction.figures, extraction.dates, extraction.mentions), strict=True
        ):
            for fact in facts:
                group.setdefault(fact.sentence, []).append(fact)
        quotes = tuple(sorted(extraction.quotes, key=lambda q: (q.start, q.end)))
        return cls(*groups, quotes)


@lru_cache(maxsize=65_536)
def _entity_link(page: str, entity_id: str, style: bool) -> str:
    """The opening tag of a link from `page` to an entity page (`style`: the URL style it
    is computed under); an article names the same entities again and again."""
    return f'<a href="{href(page, entity_path(entity_id))}">'


def _inner_spans(
    facts: _Facts, sentence: Sentence, page: str, entity_ids: frozenset[str]
) -> list[_Span]:
    spans = []
    for figure in facts.figures.get(sentence.index, ()):
        title = hesc(describe_value(figure.low, figure.high, figure.qualifier))
        spans.append(
            _Span(
                figure.start,
                figure.end,
                0,
                f'<span class="dossier-figure dossier-q-{css_name(figure.qualifier)}" '
                f'title="{title}">',
                "</span>",
            )
        )
    for date in facts.dates.get(sentence.index, ()):
        spans.append(
            _Span(
                date.start,
                date.end,
                1,
                f'<time class="dossier-date" datetime="{hesc(date.iso)}">',
                "</time>",
            )
        )
    mentions = facts.mentions.get(sentence.index, ())
    if mentions:
        style = directory_urls()
        for mention in mentions:
            if mention.entity in entity_ids:
                opening = _entity_link(page, mention.entity, style)
                spans.append(_Span(mention.start, mention.end, 2, opening, "</a>"))
    # keep spans inside the sentence; on overlap the lower rank wins, then the earlier span
    first, last = sentence.start, sentence.end
    accepted: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.rank, s.start, -s.end)):
        if not (first <= span.start < span.end <= last):
            continue
        if accepted and any(span.start < o.end and o.start < span.end for o in accepted):
            continue
        accepted.append(span)
    return accepted


def _quote_spans(facts: _Facts, sentence: Sentence, inner: list[_Span]) -> list[_Span]:
    quotes: list[_Span] = []
    for quote_ in facts.quotes:  # sorted by start
        if quote_.start >= sentence.end:
            break  # this and the later quotes begin after the sentence
        if quote_.end <= sentence.start:
            continue
        # a quote may run over several sentences: mark the part inside this one
        start, end = max(quote_.start, sentence.start), min(quote_.end, sentence.end)
        if start >= end or any(start < q.end for q in quotes):
            continue
        quotes.append(_Span(start, end, 3, '<span class="dossier-quote">', "</span>"))
    # an inner span must not cross a quote boundary, or the HTML would not nest
    for q in quotes:
        inner[:] = [
            s
            for s in inner
            if s.end <= q.start or s.start >= q.end or (q.start <= s.start and s.end <= q.end)
        ]
    return quotes


def render_sentence(
    extraction: Extraction,
    sentence: Sentence,
    page: str,
    entity_ids: frozenset[str],
    facts: _Facts | None = None,
) -> str:
    """Return one sentence as inline HTML: escaped text, facts marked, id = anchor.

    `facts` is the article's _Facts when the caller renders many sentences of it.
    """
    body = extraction.article.body
    facts = facts or _Facts.of(extraction)
    inner = _inner_spans(facts, sentence, page, entity_ids)
    quotes = _quote_spans(facts, sentence, inner) if facts.quotes else []
    if not inner and not quotes and sentence.index not in facts.figures:
        # nothing marked: the escaped text alone (what the general path below gives)
        text = hesc(body[sentence.start : sentence.end])
        return f'<span id="{sentence.anchor}" class="dossier-sentence">{text}</span>'
    # pre-check: a sentence without markup characters or whitespace runs escapes to
    # itself, and so does every piece of it; then the pieces need no escaping one by one
    text = body[sentence.start : sentence.end]
    plain = hesc_fragment(text) == text
    # The spans nest (inner spans never cross a quote), so one pass in document order
    # gives the tags: a span closes, innermost first, before the next one that begins at
    # or after its end. Quotes open before and close after inner spans at the same offset.
    tags: list[tuple[int, str]] = []  # (offset, tag) in document order
    enclosing: list[_Span] = []  # the spans open at this point, innermost last
    for span in sorted(quotes + inner, key=lambda s: (s.start, -s.end)):
        while enclosing and enclosing[-1].end <= span.start:
            closed = enclosing.pop()
            tags.append((closed.end, closed.closing))
        tags.append((span.start, span.opening))
        enclosing.append(span)
    tags += [(span.end, span.closing) for span in reversed(enclosing)]
    parts = []
    position = sentence.start
    for offset, tag in tags:
        piece = body[position:offset]
        parts += (piece if plain else hesc_fragment(piece), tag)
        position = offset
    piece = body[position : sentence.end]
    parts.append(piece if plain else hesc_fragment(piece))
    has_figure = " dossier-has-figure" if sentence.index in facts.figures else ""
    html = "".join(parts).strip()
    return f'<span id="{sentence.anchor}" class="dossier-sentence{has_figure}">{html}</span>'


def render_body(extraction: Extraction, page: str, entity_ids: frozenset[str]) -> str:
    """Return the cleaned text: one HTML paragraph per body line, every sentence anchored."""
    article = extraction.article
    facts = _Facts.of(extraction)
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in article.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    paragraphs = []
    for number, (start, end) in enumerate(article.paragraphs):
        parts = []
        cursor = start
        for sentence in by_paragraph.get(number, ()):
            gap = article.body[cursor : sentence.start]
            parts.append(gap if gap == " " else hesc_fragment(gap))  # " ": the usual gap
            parts.append(render_sentence(extraction, sentence, page, entity_ids, facts))
            cursor = sentence.end
        parts.append(hesc_fragment(article.body[cursor:end]))
        text = "".join(parts).strip()
        if text:
            paragraphs.append(f"<p>{text}</p>")
    return "\n\n".join(paragraphs)


# ── article page ──────────────────────────────────────────────────────────


def _source(article: Article) -> str:
    """The outlet as the metadata line shows it; one the page named itself says so."""
    if article.source_basis == "text":
        return f"{hesc(article.source)} (laut Seitentext)"
    return hesc(article.source) or "unbekannt"


def _metadata(extraction: Extraction) -> str:
    article = extraction.article
    published = format_date(extraction.published)
    basis = BASIS_LABEL.get(extraction.published_basis, extraction.published_basis)
    items = [
        f"<strong>Quelle:</strong> {_source(article)}",
        f"<strong>Veröffentlicht:</strong> {published} ({hesc(basis)})"
        if extraction.published
        else "<strong>Veröffentlicht:</strong> unbekannt",
        f"<strong>Sprache:</strong> {hesc(LANGUAGE_NAMES.get(article.language, article.language))}",
        f"<strong>Datei:</strong> {hesc(article.file)}",
    ]
    url = safe_url(article.meta.url)
    if url:
        items.append(f"<strong>Original:</strong> {a(url, hesc(article.meta.url))}")
    return html_list(items)


def _figure_table(
    extraction: Extraction,
    page: str,
    topic_names: dict[str, str],
    claims: dict[tuple[str, int], Claim],
) -> str:
    file = extraction.article.file
    # the article's few topics: link and escaped name made once each, not once per figure
    topics = {
        topic: (href(page, topic_path(topic)), hesc(topic_names[topic]))
        for topic in {figure.topic for figure in extraction.figures}
        if topic in topic_names
    }
    rows = []
    for figure in sorted(extraction.figures, key=lambda f: (f.start, f.end)):
        anchor = extraction.article.sentences[figure.sentence].anchor
        rows.append(
            [
                a(f"#{anchor}", format_value(figure.low, figure.high)),
                qualifier_badge(figure.qualifier),
                hesc(figure.counts),
                _topic_cell(file, figure, topics, claims),
                hesc(figure.attributed_to) if figure.attributed_to else f"<em>{OWN_VOICE}</em>",
                modality_badge(figure.modality),
            ]
        )
    columns = [("Zahl", "right"), ("Angabe", ""), ("Gegenstand", ""), ("Thema", "")]
    return html_table([*columns, ("Quelle", ""), ("Art", "")], rows)


def _topic_cell(
    file: str,
    figure: Figure,
    topics: dict[str, tuple[str, str]],
    claims: dict[tuple[str, int], Claim],
) -> str:
    """The figure's topic linked to its claim on the topic page; `topics` maps the
    article's topics to (link from the article page, escaped name)."""
    if figure.topic not in topics:
        return "Sonstiges"
    url, name = topics[figure.topic]
    claim = claims.get((file, figure.start))
    return a(f"{url}#{claim_anchor(claim)}" if claim else url, name)


def _related(related: tuple[Related, ...], page: str, titles: dict[str, str]) -> list[str]:
    items = []
    for item in related:
        if item.slug not in titles:
            continue
        target = href(page, article_path(item.slug))
        reasons = "; ".join(hesc(r) for r in item.reasons)
        items.append(f"{a(target, hesc(titles[item.slug]))} — {reasons}")
    return items


@dataclass(frozen=True, slots=True)
class _Site:
    """What every article page needs to know about the rest of the corpus, computed once."""

    claims: dict[tuple[str, int], Claim]
    titles: dict[str, str]
    related: dict[str, tuple[Related, ...]]
    topic_names: dict[str, str]
    entity_ids: frozenset[str]
    keywords: TopicKeywords
    topic_key: tuple  # topic_names as a comparable value


def _site(corpus: Corpus, tables: Tables) -> _Site:
    return _Site(
        claims=claim_index(corpus, tables),
        titles={e.article.slug: e.article.title for e in corpus.extractions},
        related=dict(corpus.related),
        topic_names={t.id: t.name for t in tables.topics},
        entity_ids=frozenset(e.id for e in corpus.entities),
        keywords=topic_keywords(tables.topics),
        topic_key=tuple(sorted((t.id, t.name) for t in tables.topics)),
    )


# In a running `mkdocs serve`, an article whose extraction (the same object, see
# cache._MEMORY) and page inputs did not change is not rendered again.
_RENDERED = ObjectMemo(limit=100_000)


def _page_inputs(extraction: Extraction, site: _Site) -> tuple:
    """Everything besides the extraction that an article page shows."""
    file = extraction.article.file
    anchors = []
    for figure in extraction.figures:
        claim = site.claims.get((file, figure.start))
        anchors.append(claim_anchor(claim) if claim else None)
    related = site.related.get(extraction.article.slug, ())
    titles = tuple(site.titles.get(item.slug) for item in related)
    return (
        tuple(anchors),
        related,
        titles,
        site.topic_key,
        site.entity_ids,
        id(site.keywords),
        directory_urls(),
    )


def article_pages(extractions: tuple[Extraction, ...], site: _Site) -> list[Page]:
    """Return render_article() of every extraction, in order (see start_article_pages)."""
    return start_article_pages(extractions, site)()


def start_article_pages(
    extractions: tuple[Extraction, ...], site: _Site
) -> Callable[[], list[Page]]:
    """Start rendering every extraction's page; return a function that returns the pages,
    in order, when called.

    A page whose extraction (the same object) and inputs are unchanged since an earlier
    build of this process is reused. The rest are rendered serially, or for many articles
    across forked worker processes (each article's page depends only on it and `site`, so
    the result is the same); until the function is called, this process is free to render
    the other pages meanwhile.
    """
    inputs = [_page_inputs(extraction, site) for extraction in extractions]
    pages = [_RENDERED.lookup(e, None, i) for e, i in zip(extractions, inputs, strict=True)]
    missing = [i for i, page in enumerate(pages) if page is MISSING]
    rendered = _start_many([extractions[i] for i in missing], site)

    def finish() -> list[Page]:
        for i, page in zip(missing, rendered(), strict=True):
            pages[i] = _RENDERED.store(extractions[i], None, inputs[i], page)
        return pages  # type: ignore[return-value]

    return finish


# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_MIN_PAGES = 200
_FORKED: tuple = ()  # (extractions, site, directory_urls) inherited by forked workers


def _start_many(extractions: list[Extraction], site: _Site) -> Callable[[], list[Page]]:
    global _FORKED
    workers = min(available_cores(), len(extractions) // (PARALLEL_MIN_PAGES // 2))
    if len(extractions) < PARALLEL_MIN_PAGES or workers < 2 or not _can_fork():
        serial = [render_article(extraction, site) for extraction in extractions]
        return lambda: serial
    # Workers fork with this state (while it is set, a late fork sees the same); the
    # pages they return are the same as a serial run's.
    _FORKED = (extractions, site, directory_urls())
    chunk = math.ceil(len(extractions) / (workers * 4))
    bounds = [(i, min(i + chunk, len(extractions))) for i in range(0, len(extractions), chunk)]
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        parts = pool.map(_render_slice, bounds)  # submits every slice now
    except BaseException:
        pool.shutdown(cancel_futures=True)
        _FORKED = ()
        raise

    def finish() -> list[Page]:
        global _FORKED
        try:
            contents = [c for part in parts for c in part]
        finally:
            pool.shutdown(cancel_futures=True)  # a failed slice: the queued ones are dropped
            _FORKED = ()
        return [
            Page(article_path(extraction.article.slug), content)
            for extraction, content in zip(extractions, contents, strict=True)
        ]

    return finish


def _render_slice(bounds: tuple[int, int]) -> list[str]:
    """Worker: the page contents of extractions[start:end] of the forked state."""
    extractions, site, directory = _FORKED
    with url_style(directory):
        return [render_article(e, site).content for e in extractions[bounds[0] : bounds[1]]]


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def render_article(extraction: Extraction, site: _Site) -> Page:
    """Return the page of one article: title, metadata, key figures, text, related articles.

    Written as raw HTML (see render.common): the largest pages of the site skip Markdown.
    """
    article = extraction.article
    page = article_path(article.slug)
    topic_names, entity_ids, keywords = site.topic_names, site.entity_ids, site.keywords
    lang = "" if article.language == SITE_LANGUAGE else f' lang="{hesc(article.language)}"'
    blocks = [f"<h1{lang}>{hesc(article.title)}</h1>", _metadata(extraction)]
    topic_ids = sorted(
        {t for ids in sentence_topics(extraction, keywords).values() for t in ids}
        | set(article.meta.topics)
    )
    topic_links = [
        a(href(page, topic_path(t)), hesc(topic_names[t])) for t in topic_ids if t in topic_names
    ]
    if topic_links:
        blocks.append(f"<p><strong>Themen:</strong> {', '.join(topic_links)}</p>")
    blocks.append(heading(2, "Kennzahlen", "kennzahlen"))
    if extraction.figures:
        blocks += [
            (
                "<p>Ein Klick auf die Zahl springt zum Satz im Text; das Thema führt zum "
                "Quellenvergleich.</p>"
            ),
            _figure_table(extraction, page, topic_names, site.claims),
        ]
    else:
        blocks.append("<p>In diesem Artikel wurden keine Kennzahlen erkannt.</p>")
    body = render_body(extraction, page, entity_ids)
    blocks += [heading(2, "Text", "text"), f"<div{lang}>\n\n{body}\n\n</div>" if lang else body]
    related_items = _related(site.related.get(article.slug, ()), page, site.titles)
    # Other articles' titles and entity names would make this page a search hit for
    # words it does not contain: the section stays out of the search index.
    blocks.append(heading(2, "Verwandte Artikel", "verwandte-artikel", "data-search-exclude"))
    blocks.append(
        html_list(related_items) if related_items else "<p>Keine verwandten Artikel gefunden.</p>"
    )
    return Page(page, html_page(article.title, blocks))


# ── index ─────────────────────────────────────────────────────────────────


def index_page_path(number: int) -> str:
    """Return the path of page `number` (1-based) of the articles index.

    Underscores never occur in article slugs, so "seite_2" cannot collide with an article.
    """
    return ARTICLES_INDEX if number == 1 else f"artikel/seite_{number}.md"


def _index_order(extraction: Extraction) -> tuple:
    published = extraction.published
    return (
        published is None,
        published or "",
        extraction.article.title.lower(),
        extraction.article.slug,
    )


def html_pager(page: str, number: int, total: int, path_of) -> str:
    """Return the German pager as an HTML paragraph ("Seite 2 von 3 · …"), or "" for one page."""
    if total <= 1:
        return ""
    parts = [f"Seite {number} von {total}"]
    if number > 1:
        parts.append(a(href(page, path_of(number - 1)), "« vorherige"))
    if number < total:
        parts.append(a(href(page, path_of(number + 1)), "nächste »"))
    if total <= 20:
        parts.append(
            " ".join(
                f"<strong>{n}</strong>" if n == number else a(href(page, path_of(n)), str(n))
                for n in range(1, total + 1)
            )
        )
    return f'<p class="dossier-pager">{" · ".join(parts)}</p>'


def render_index(corpus: Corpus) -> tuple[Page, ...]:
    """Return the articles index (date, source, title, figures), sorted by date then title,
    split into pages of ARTICLES_PER_PAGE rows so no page grows with the corpus."""
    ordered = sorted(corpus.extractions, key=_index_order)
    total = max(1, math.ceil(len(ordered) / ARTICLES_PER_PAGE))
    pages = []
    for number in range(1, total + 1):
        page = index_page_path(number)
        chunk = ordered[(number - 1) * ARTICLES_PER_PAGE : number * ARTICLES_PER_PAGE]
        nav = html_pager(page, number, total, index_page_path)
        blocks = [
            "<h1>Artikel</h1>",
            (
                f"<p>{len(ordered)} Artikel, sortiert nach Veröffentlichungsdatum und Titel. "
                "Daten in <em>kursiv</em> sind aus dem Text erschlossen.</p>"
            ),
            nav,
        ]
        rows = []
        for extraction in chunk:
            article = extraction.article
            date = format_date(extraction.published)
            if extraction.published and extraction.published_basis == "inferred":
                date = f"<em>{date}</em>"
            rows.append(
                [
                    date,
                    hesc(article.source) or "unbekannt",
                    a(href(page, article_path(article.slug)), hesc(article.title)),
                    str(len(extraction.figures)),
                ]
            )
        columns = [("Datum", ""), ("Quelle", ""), ("Titel", ""), ("Kennzahlen", "right")]
        blocks.append(html_table(columns, rows) if rows else "<p>Noch keine Artikel.</p>")
        blocks.append(nav)
        pages.append(Page(page, html_page("Artikel", blocks, searchable=False)))
    return tuple(pages)


def render_articles(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return one page per article plus the (paginated) articles index."""
    return start_render_articles(corpus, tables)()


def start_render_articles(corpus: Corpus, tables: Tables) -> Callable[[], tuple[Page, ...]]:
    """render_articles, started: the returned function returns its pages (for a large
    corpus the article pages are rendered in worker processes until then)."""
    site = _site(corpus, tables)
    index = render_index(corpus)  # before the workers start: nothing may fail after that
    pages = start_article_pages(corpus.extractions, site)
    return lambda: (*pages(), *index)
