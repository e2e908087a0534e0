"""Timeline page (zeitleiste.md): every dated event, grouped by year and month.

Each event lists the articles reporting it, each citation linked to its sentence, with
the date expression marked inside the sentence. A large corpus gets one page per year
(zeitleiste/<year>.md) so no single page grows without bound.
"""

from __future__ import annotations

from itertools import groupby

from ..extract.memo import ObjectMemo
from ..models import Corpus, Page, Tables
from ..timeline import DateCitation, Event, build_timeline, format_iso_de
from .common import (
    DATA_DIR,
    TIMELINE,
    a,
    article_path,
    directory_urls,
    entity_path,
    heading,
    hesc,
    hesc_fragment,
    href,
    html_list,
    html_page,
)

# Above this many events the timeline is split into one page per year.
EVENTS_PER_PAGE = 300
# Citation lines one timeline page shows at most; a year with more gets further pages.
CITATIONS_PER_PAGE = 300
# Citations an event lists; the rest are counted and are all in data/timeline.json.
CITATIONS_SHOWN = 10
# How many shared entity names an event line shows.
CONTEXT_SHOWN = 4


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """Return `text` escaped for HTML, with each (start, end) span wrapped in <mark>.

    Overlapping or out-of-range spans are clipped, so a bad offset never breaks a page.
    """
    out: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        out.append(hesc_fragment(text[position:start]))
        out.append(f"<mark>{hesc(text[start:end])}</mark>")
        position = end
    out.append(hesc_fragment(text[position:]))
    return "".join(out).strip()


def timeline_year_path(year: str, number: int = 1) -> str:
    """The page of one year when the timeline is split; `number` > 1 for its further pages."""
    return f"zeitleiste/{year}.md" if number == 1 else f"zeitleiste/{year}_seite_{number}.md"


def _citation_line(page: str, citation: DateCitation) -> str:
    """One citation's list item on `page`; kept per citation object (timeline citations
    of unchanged articles are the same objects from build to build)."""
    return _LINES.get(
        citation, page, directory_urls(), lambda: _make_citation_line(page, citation)
    )


_LINES = ObjectMemo(limit=200_000)


def _make_citation_line(page: str, citation: DateCitation) -> str:
    target = href(page, article_path(citation.slug), citation.anchor)
    span = (citation.date_start, citation.date_start + len(citation.date_text))
    if citation.text[span[0] : span[1]] != citation.date_text:
        span = (0, 0)  # offsets disagree with the text: show the sentence unmarked
    notes = []
    if citation.approx:
        notes.append("ungefähr")
    if citation.relative:
        notes.append("relativ")
    note = f" <em>({', '.join(notes)})</em>" if notes else ""
    published = f", {hesc(citation.published)}" if citation.published else ""
    return (
        f"<li>{a(target, hesc(citation.title))}{published} · "
        f"„{hesc(citation.date_text)}“{note}: {highlight(citation.text, [span])}</li>"
    )


def _event_item(page: str, event: Event, names: dict[str, str]) -> str:
    """One event's list item on `page`; kept per event object (events of an unchanged
    month are the same objects from build to build, see timeline._group_events)."""
    return _LINES.get(
        event,
        page,
        (names, directory_urls(), CITATIONS_SHOWN, CONTEXT_SHOWN),
        lambda: _make_event_item(page, event, names),
    )


def _make_event_item(page: str, event: Event, names: dict[str, str]) -> str:
    sources = len(event.slugs)
    count = "1 Artikel" if sources == 1 else f"{sources} Artikel"
    approx = " <em>(ungefähr)</em>" if event.approx else ""
    # the names the reports share tell apart two events of the same day
    shared = [
        a(href(page, entity_path(key)), hesc(names[key])) for key in event.context if key in names
    ][:CONTEXT_SHOWN]
    context = f" · {', '.join(shared)}" if shared else ""
    lines = [_citation_line(page, c) for c in event.citations[:CITATIONS_SHOWN]]
    rest = len(event.citations) - CITATIONS_SHOWN
    if rest > 0:
        data = a(href(page, f"{DATA_DIR}/timeline.json"), "timeline.json")
        lines.append(f"<li>… und {rest} weitere Belege (alle in {data})</li>")
    citations = "\n".join(lines)
    return (
        f"<li><strong>{hesc(event.label)}</strong>{approx} · {count}{context}\n"
        f"<ul>\n{citations}\n</ul></li>"
    )


def _shown(event: Event) -> int:
    """Citation lines an event takes on a page."""
    return min(len(event.citations), CITATIONS_SHOWN)


def _chunks(events: list[Event]) -> list[list[Event]]:
    """Split events, in order, into pages of at most CITATIONS_PER_PAGE citation lines
    (an event is never split; a page holds at least one)."""
    chunks: list[list[Event]] = [[]]
    lines = 0
    for event in events:
        if chunks[-1] and lines + _shown(event) > CITATIONS_PER_PAGE:
            chunks.append([])
            lines = 0
        chunks[-1].append(event)
        lines += _shown(event)
    return chunks


def _year_sections(page: str, events: list[Event], level: int, names: dict[str, str]) -> list[str]:
    """HTML blocks for events of one or more years: a heading per year and per month
    (`level` is the year's heading level; None leaves the year heading out)."""
    blocks: list[str] = []
    for year, year_events in groupby(events, key=lambda e: e.iso[:4]):
        if level:
            blocks.append(heading(level, hesc(year), f"jahr-{hesc(year)}"))
        for month, month_events in groupby(year_events, key=lambda e: e.iso[:7]):
            title = format_iso_de(month) if len(month) == 7 else "Nur Jahresangabe"
            anchor = f"monat-{month}" if len(month) == 7 else f"jahr-{year}-ohne-monat"
            blocks.append(heading((level or 1) + 1, hesc(title), hesc(anchor)))
            items = "\n".join(_event_item(page, event, names) for event in month_events)
            blocks.append(f"<ul>\n{items}\n</ul>")
    return blocks


def _intro(events: tuple[Event, ...], corpus: Corpus) -> list[str]:
    merged = sum(1 for e in events if len(e.slugs) > 1)
    return [
        "<h1>Zeitleiste</h1>",
        (
            f"<p>{len(events)} datierte Ereignisse aus {len(corpus.extractions)} Artikeln, "
            f"davon {merged} von mehreren Artikeln berichtet. Dieselbe Angabe in mehreren "
            "Artikeln (gleiches oder enthaltenes Datum und eine gemeinsame Entität oder ein "
            "gemeinsames Thema im Satz) erscheint einmal, mit allen Belegen. "
            "Jeder Beleg führt zum Satz im Artikel.</p>"
        ),
    ]


def render_timeline(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return zeitleiste.md (and, for a large corpus, one page per year), as raw HTML.

    The timeline is the place where reports from different outlets meet on one date.
    """
    events = build_timeline(corpus)
    mentioned = {m.entity for e in corpus.extractions for m in e.mentions}
    names = {e.id: e.name for e in corpus.entities if e.id in mentioned}
    blocks = _intro(events, corpus)
    if not events:
        blocks.append("<p>Keine datierten Angaben gefunden.</p>")
        return (Page(TIMELINE, html_page("Zeitleiste", blocks, searchable=False)),)
    if len(events) <= EVENTS_PER_PAGE and len(_chunks(list(events))) == 1:
        blocks += _year_sections(TIMELINE, list(events), 2, names)
        return (Page(TIMELINE, html_page("Zeitleiste", blocks, searchable=False)),)
    # split by year, and a busy year into pages: the overview links each year's pages
    pages: list[Page] = []
    years = []
    for year, year_events in groupby(events, key=lambda e: e.iso[:4]):
        group = list(year_events)
        chunks = _chunks(group)
        paths = [timeline_year_path(year, n) for n in range(1, len(chunks) + 1)]
        more = ""
        if len(chunks) > 1:
            more = " · Seiten " + ", ".join(
                a(href(TIMELINE, path), str(n)) for n, path in enumerate(paths, 1)
            )
        years.append(f"{a(href(TIMELINE, paths[0]), hesc(year))} · {len(group)} Ereignisse{more}")
        for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), 1):
            suffix = f", Seite {n}" if len(chunks) > 1 else ""
            title = f"Zeitleiste {year}{suffix}"
            nav = _pager(path, paths, n)
            body = [
                f"<h1>{hesc(title)}</h1>",
                f"<p>{a(href(path, TIMELINE), 'Zurück zur Übersicht')}</p>",
                nav,
                # the page title names the year, so months become the second heading level
                *_year_sections(path, chunk, 0, names),
                nav,
            ]
            pages.append(Page(path, html_page(title, body, searchable=False)))
    blocks += [heading(2, "Jahre", "jahre"), html_list(years)]
    return (Page(TIMELINE, html_page("Zeitleiste", blocks, searchable=False)), *pages)


def _pager(page: str, paths: list[str], number: int) -> str:
    """Links to the previous and next page of a year, or "" for a year on one page."""
    if len(paths) == 1:
        return ""
    parts = []
    if number > 1:
        parts.append(a(href(page, paths[number - 2]), f"← Seite {number - 1}"))
    parts.append(f"Seite {number} von {len(paths)}")
    if number < len(paths):
        parts.append(a(href(page, paths[number]), f"Seite {number + 1} →"))
    return f'<p class="dossier-pager">{" · ".join(parts)}</p>'
