"""Topic pages (the sources' numbers side by side, then every citation) and the topics index.

A topic page answers "who says how many?": each Claim (figures counting the same thing,
see link.group_claims) gets a table with one row per source, and a plain sentence says
whether the sources agree and how far apart they are. Below, every sentence of every
article that cites the topic (a figure of the topic or a topic keyword), linked to its
anchor on the article page. Citations are paginated so no page grows with the corpus.
"""

from __future__ import annotations

import math
import posixpath
from collections import defaultdict
from dataclasses import dataclass

from ..extract.memo import ObjectMemo
from ..link import (
    Claim,
    ClaimCitation,
    TopicKeywords,
    claims_of,
    sentence_topics,
    topic_keywords,
)
from ..models import Corpus, Extraction, Page, Sentence, Tables, Topic
from . import charts
from .articles import (
    MAX_CLAIMS,
    OWN_VOICE,
    claim_anchor,
    describe_value,
    format_date,
    format_number,
    format_value,
    html_pager,
    modality_badge,
    qualifier_badge,
)
from .common import (
    DATA_DIR,
    TOPICS_INDEX,
    a,
    article_path,
    directory_urls,
    esc,
    heading,
    hesc,
    href,
    html_page,
    html_table,
    link,
    topic_path,
)

CITATIONS_PER_PAGE = 300
# Rows per claim table, so a topic page stays bounded however many articles cite a claim;
# the remaining figures are all in the citation pages and in data/figures.csv.
CLAIM_ROWS = 20


@dataclass(frozen=True, slots=True)
class TopicCitation:
    """One sentence of one article that cites a topic."""

    extraction: Extraction
    sentence: Sentence
    sources: str = ""  # escaped names the sentence attributes figures or quotes to, sorted


def topic_citations(corpus: Corpus, tables: Tables) -> dict[str, tuple[TopicCitation, ...]]:
    """Return, per topic id, every citing sentence ordered by article date, article, position."""
    keywords = topic_keywords(tables.topics)
    found: dict[str, list[TopicCitation]] = defaultdict(list)
    for extraction in corpus.extractions:
        for topic_id, cited in _article_citations(extraction, keywords).items():
            found[topic_id].extend(cited)

    def order(c: TopicCitation) -> tuple:
        published = c.extraction.published
        return (published is None, published or "", c.extraction.article.slug, c.sentence.index)

    return {topic_id: tuple(sorted(items, key=order)) for topic_id, items in found.items()}


def _article_citations(
    extraction: Extraction, keywords: TopicKeywords
) -> dict[str, tuple[TopicCitation, ...]]:
    """Per topic, the article's citing sentences; kept per extraction, so the citations of
    unchanged articles are the same objects from build to build (pages compare them)."""

    def build() -> dict[str, tuple[TopicCitation, ...]]:
        found: dict[str, list[TopicCitation]] = defaultdict(list)
        sources = _sentence_sources(extraction)
        for index, topic_ids in sentence_topics(extraction, keywords).items():
            sentence = extraction.article.sentences[index]
            for topic_id in topic_ids:
                found[topic_id].append(TopicCitation(extraction, sentence, sources.get(index, "")))
        return {topic_id: tuple(items) for topic_id, items in found.items()}

    return _CITATIONS.get(extraction, None, keywords, build)


_CITATIONS = ObjectMemo(limit=100_000)


def citations_page_path(topic_id: str, number: int) -> str:
    """Return the path of citation page `number` (1-based) of a topic; 1 is the topic page."""
    return topic_path(topic_id) if number == 1 else f"themen/{topic_id}_seite_{number}.md"


# ── claims ────────────────────────────────────────────────────────────────


def _span(citations: list[ClaimCitation]) -> tuple[float, float]:
    low = min(c.low for c in citations)
    high = max(c.high if c.high is not None else c.low for c in citations)
    return low, high


def _who(citations: list[ClaimCitation]) -> str:
    names = sorted({c.attributed_to for c in citations if c.attributed_to})
    return ", ".join(hesc(n) for n in names)


def claim_summary(claim: Claim) -> str:
    """Return the plain-German statement of agreement or spread across a claim's sources."""
    stated = [c for c in claim.citations if c.modality == "claim"]
    others = [c for c in claim.citations if c.modality != "claim"]
    sources = len(claim.slugs)
    parts = [
        (
            f"{len(claim.citations)} {'Angabe' if len(claim.citations) == 1 else 'Angaben'} "
            f"aus {sources} {'Artikel' if sources == 1 else 'Artikeln'}."
        )
    ]
    if stated:
        low, high = _span(stated)
        values = sorted({(c.low, c.high, c.qualifier) for c in stated}, key=repr)
        if len(stated) == 1:
            only = stated[0]
            parts.append(f"Einzige Angabe: {describe_value(only.low, only.high, only.qualifier)}.")
        elif len(values) == 1:
            only = stated[0]
            parts.append(
                "Alle Angaben stimmen überein: "
                f"{describe_value(only.low, only.high, only.qualifier)}."
            )
        elif low == high:
            wordings = "; ".join(describe_value(*value) for value in values)
            parts.append(
                f"Die Quellen nennen dieselbe Zahl, {format_number(low)}, aber unterschiedlich "
                f"eingeordnet: {wordings}."
            )
        else:
            parts.append(f"Spanne der Angaben: {format_number(low)} – {format_number(high)}.")
    for modality, label in (("projection", "Prognose"), ("accusation", "Vorwurf")):
        group = [c for c in others if c.modality == modality]
        if group:
            low, high = _span(group)
            if len(group) == 1:
                value = describe_value(group[0].low, group[0].high, group[0].qualifier)
            else:
                value = format_number(low) if low == high else format_value(low, high)
            who = _who(group)
            parts.append(f"{label}: {value}" + (f" ({who})." if who else "."))
    if stated and others:
        low, high = _span(list(claim.citations))
        parts.append(
            f"Spanne einschließlich Prognosen und Vorwürfen: {format_number(low)} – "
            f"{format_number(high)}."
        )
    return " ".join(parts)


def _claim_table(claim: Claim, page: str) -> list[str]:
    rows = []
    for citation in claim.citations[:CLAIM_ROWS]:
        article = a(href(page, article_path(citation.slug)), hesc(citation.title))
        if citation.source:
            article += f" ({hesc(citation.source)})"
        who = citation.attributed_to
        rows.append(
            [
                article,
                format_date(citation.published),
                format_value(citation.low, citation.high),
                qualifier_badge(citation.qualifier),
                hesc(citation.counts),
                hesc(who) if who else f"<em>{OWN_VOICE}</em>",
                modality_badge(citation.modality),
                a(href(page, article_path(citation.slug), citation.anchor), "zum Satz"),
            ]
        )
    columns = [("Artikel", ""), ("Datum", ""), ("Zahl", "right"), ("Angabe", "")]
    columns += [("Gegenstand", ""), ("Quelle", ""), ("Art", ""), ("Satz", "")]
    blocks = [html_table(columns, rows)]
    rest = len(claim.citations) - CLAIM_ROWS
    if rest > 0:
        data = a(href(page, f"{DATA_DIR}/figures.csv"), "figures.csv")
        blocks.append(
            f"<p>… und {rest} weitere Angaben; alle stehen unter „Belegstellen“ und in {data}.</p>"
        )
    return blocks


def _claims_section(claims: tuple[Claim, ...], page: str) -> list[str]:
    blocks = [heading(2, "Angaben im Vergleich", "angaben-im-vergleich")]
    if not claims:
        return [*blocks, "<p>Zu diesem Thema wurden keine Zahlenangaben erkannt.</p>"]
    blocks.append(
        "<p>Zahlen, die dasselbe zählen, stehen nebeneinander: eine Zeile je Quelle. "
        "Alle Zahlen sind Angaben der jeweiligen Quelle, keine geprüften Tatsachen.</p>"
    )
    for claim in claims[:MAX_CLAIMS]:
        blocks += [
            heading(3, hesc(claim.label), claim_anchor(claim)),
            f"<p>{claim_summary(claim)}</p>",
            *_claim_table(claim, page),
        ]
    rest = len(claims) - MAX_CLAIMS
    if rest > 0:
        blocks.append(
            f"<p>Weitere {rest} Angaben mit weniger Quellen stehen unter „Belegstellen“.</p>"
        )
    return blocks


# ── chart hook ────────────────────────────────────────────────────────────


def _chart(corpus: Corpus, topic: Topic, tables: Tables) -> list[str]:
    """Embed the topic's chart (generator/render/charts.py) when it draws one."""
    svg = charts.render_topic_chart(corpus, topic.id, tables)
    if not svg:
        return []
    # a raw HTML block ends at a blank line in some Markdown parsers: keep it in one piece
    svg = "\n".join(line for line in svg.splitlines() if line.strip())
    caption = (
        f"Diagramm: Zahlenangaben der Quellen zum Thema {hesc(topic.name)}. "
        "Dieselben Werte stehen in den Tabellen unten."
    )
    lines = [
        '<figure class="dossier-chart">',
        # the wrapper scrolls sideways on a narrow phone, so the chart keeps readable text
        # (dossier.css gives the SVG a minimum width) and the page body never does
        '<div class="dossier-chart-scroll">',
        svg,
        "</div>",
        f"<figcaption>{caption}</figcaption>",
        "</figure>",
    ]
    return ["\n".join(lines)]


# ── citations ─────────────────────────────────────────────────────────────


def _sentence_sources(extraction: Extraction) -> dict[int, str]:
    """Per sentence index: the escaped names its figures are attributed to and its quotes'
    speakers, sorted (one pass over the article, not one per citing sentence)."""
    names: dict[int, set[str]] = defaultdict(set)
    for figure in extraction.figures:
        if figure.attributed_to:
            names[figure.sentence].add(figure.attributed_to)
    for quote in extraction.quotes:
        if quote.speaker:
            names[quote.sentence].add(quote.speaker)
    return {index: ", ".join(hesc(n) for n in sorted(found)) for index, found in names.items()}


# (extraction, sentence, folder, URL style) -> line: topic pages quote
# every citing sentence; in a running `mkdocs serve` an unchanged article's lines are
# reused (all pages of a topic share one folder, so the relative links are the same).
_LINES = ObjectMemo(limit=500_000)


def _citation_line(citation: TopicCitation, page: str, folder: str, style: bool) -> str:
    """The citation's list item on `page` (in `folder`, under URL style `style`)."""
    key = (citation.sentence.index, folder, style)
    return _LINES.get(
        citation.extraction, key, None, lambda: _render_citation_line(citation, page)
    )


def _render_citation_line(citation: TopicCitation, page: str) -> str:
    article = citation.extraction.article
    target = href(page, article_path(article.slug), citation.sentence.anchor)
    meta = [a(target, hesc(article.title)), format_date(citation.extraction.published)]
    if citation.sources:
        meta.append(f"Quelle: {citation.sources}")
    return f"<li>{hesc(citation.sentence.text)}<br>\n— {' · '.join(meta)}</li>"


def _citation_lines(
    topic: Topic,
    citations: tuple[TopicCitation, ...],
    page: str,
    number: int,
    total: int,
    articles: int,
) -> list[str]:
    """One page of a topic's citations; `articles` is how many articles cite the topic."""
    chunk = citations[(number - 1) * CITATIONS_PER_PAGE : number * CITATIONS_PER_PAGE]
    nav = html_pager(page, number, total, lambda n: citations_page_path(topic.id, n))
    folder, style = posixpath.dirname(page), directory_urls()  # the same for every line
    items = [_citation_line(c, page, folder, style) for c in chunk]
    return [
        (
            f"<p>{len(citations)} Sätze aus {articles} Artikeln nennen eine Zahl zum Thema oder "
            "eines seiner Stichwörter.</p>"
        ),
        nav,
        "<ul>\n" + "\n".join(items) + "\n</ul>" if items else "<p>Keine Belegstellen.</p>",
        nav,
    ]


# ── pages ─────────────────────────────────────────────────────────────────


def render_topic(
    corpus: Corpus, tables: Tables, topic: Topic, citations: tuple[TopicCitation, ...]
) -> tuple[Page, ...]:
    """Return a topic's page (claims side by side, chart, first citations) and its
    further citation pages, as raw HTML (see render.common)."""
    page = topic_path(topic.id)
    total = max(1, math.ceil(len(citations) / CITATIONS_PER_PAGE))
    articles = len({c.extraction.article.slug for c in citations})
    claims = claims_of(corpus.extractions, topic.id, tables)
    # A page is rebuilt only when what it shows changed: its citations (the same objects
    # while their article is unchanged), the counts in its header, the claims, URL style.
    shared = (total, articles, len(citations), directory_urls(), CLAIM_ROWS, MAX_CLAIMS)

    def chunk(number: int) -> tuple[TopicCitation, ...]:
        return citations[(number - 1) * CITATIONS_PER_PAGE : number * CITATIONS_PER_PAGE]

    def first_page() -> Page:
        blocks = [f"<h1>{hesc(topic.name)}</h1>"]
        if topic.description:
            blocks.append(f"<p>{hesc(topic.description)}</p>")
        blocks += _chart(corpus, topic, tables)
        blocks += _claims_section(claims, page)
        blocks += [
            heading(2, "Belegstellen", "belegstellen"),
            *_citation_lines(topic, citations, page, 1, total, articles),
        ]
        return Page(page, html_page(topic.name, blocks, searchable=False))

    def further_page(number: int) -> Page:
        path = citations_page_path(topic.id, number)
        title = f"{topic.name}: Belegstellen, Seite {number}"
        blocks = [
            f"<h1>{hesc(title)}</h1>",
            f"<p>Zurück zum {a(href(path, page), 'Quellenvergleich')}.</p>",
            *_citation_lines(topic, citations, path, number, total, articles),
        ]
        return Page(path, html_page(title, blocks, searchable=False))

    pages = [_PAGES.get(topic, 1, (claims, chunk(1), shared, tables), first_page)]
    for number in range(2, total + 1):
        pages.append(
            _PAGES.get(topic, number, (chunk(number), shared), lambda n=number: further_page(n))
        )
    return tuple(pages)


_PAGES = ObjectMemo(limit=10_000)


def render_index(corpus: Corpus, tables: Tables, citations: dict) -> Page:
    """Return the topics index: name, description, number of citations, figures, articles."""
    lines = [
        "# Themen",
        "",
        (
            "Jedes Thema stellt die Zahlenangaben der Quellen nebeneinander und sammelt alle "
            "Textstellen dazu."
        ),
        "",
    ]
    if not tables.topics:
        return Page(TOPICS_INDEX, "\n".join([*lines, "Es sind keine Themen definiert."]) + "\n")
    lines += [
        "| Thema | Beschreibung | Belegstellen | Kennzahlen | Artikel |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for topic in tables.topics:
        cited = citations.get(topic.id, ())
        figures = sum(1 for e in corpus.extractions for f in e.figures if f.topic == topic.id)
        articles = len({c.extraction.article.slug for c in cited})
        target = link(TOPICS_INDEX, topic_path(topic.id))
        lines.append(
            f"| [{esc(topic.name)}]({target}) | {esc(topic.description)} | {len(cited)} "
            f"| {figures} | {articles} |"
        )
    return Page(TOPICS_INDEX, "\n".join(lines) + "\n")


def render_topics(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return one page per topic in the tables (plus citation pages) and the topics index."""
    citations = topic_citations(corpus, tables)
    pages: list[Page] = []
    for topic in tables.topics:
        pages.extend(render_topic(corpus, tables, topic, citations.get(topic.id, ())))
    pages.append(render_index(corpus, tables, citations))
    return tuple(pages)
