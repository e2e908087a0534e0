"""Timeline page (zeitleiste.md): every dated event, grouped by year and month.

Each event lists the articles reporting it, each citation linked to its sentence, with
the date expression marked inside the sentence. A large corpus gets one page per year
(zeitleiste/<year>.md) so no single page grows without bound.
"""

from __future__ import annotations

from itertools import groupby

from ..models import Corpus, Page, Tables
from ..timeline import DateCitation, Event, build_timeline, format_iso_de
from .common import DATA_DIR, TIMELINE, article_path, entity_path, esc, link

# Above this many events the timeline is split into one page per year.
EVENTS_PER_PAGE = 300
# Citation lines one timeline page shows at most; a year with more gets further pages.
CITATIONS_PER_PAGE = 300
# Citations an event lists; the rest are counted and are all in data/timeline.json.
CITATIONS_SHOWN = 10
# How many shared entity names an event line shows.
CONTEXT_SHOWN = 4


def _escaped_piece(text: str) -> str:
    """esc() a fragment of a sentence, keeping one space where the fragment had edge space."""
    body = esc(text)
    if not body:
        return " " if text[:1].isspace() else ""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    return f"{lead}{body}{tail}"


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """Return `text` escaped, with each (start, end) span inside it wrapped in <mark>.

    Overlapping or out-of-range spans are clipped, so a bad offset never breaks a page.
    """
    out: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        out.append(_escaped_piece(text[position:start]))
        out.append(f"<mark>{esc(text[start:end])}</mark>")
        position = end
    out.append(_escaped_piece(text[position:]))
    return "".join(out).strip()


def timeline_year_path(year: str, number: int = 1) -> str:
    """The page of one year when the timeline is split; `number` > 1 for its further pages."""
    return f"zeitleiste/{year}.md" if number == 1 else f"zeitleiste/{year}_seite_{number}.md"


def _citation_line(page: str, citation: DateCitation) -> str:
    target = link(page, article_path(citation.slug), citation.anchor)
    span = (citation.date_start, citation.date_start + len(citation.date_text))
    if citation.text[span[0] : span[1]] != citation.date_text:
        span = (0, 0)  # offsets disagree with the text: show the sentence unmarked
    notes = []
    if citation.approx:
        notes.append("ungefähr")
    if citation.relative:
        notes.append("relativ")
    note = f" *({', '.join(notes)})*" if notes else ""
    published = f", {esc(citation.published)}" if citation.published else ""
    return (
        f"    - [{esc(citation.title)}]({target}){published} · "
        f"„{esc(citation.date_text)}“{note}: {highlight(citation.text, [span])}"
    )


def _event_lines(page: str, event: Event, names: dict[str, str]) -> list[str]:
    sources = len(event.slugs)
    count = "1 Artikel" if sources == 1 else f"{sources} Artikel"
    approx = " *(ungefähr)*" if event.approx else ""
    # the names the reports share tell apart two events of the same day
    shared = [
        f"[{esc(names[key])}]({link(page, entity_path(key))})"
        for key in event.context
        if key in names
    ][:CONTEXT_SHOWN]
    context = f" · {', '.join(shared)}" if shared else ""
    lines = [f"- **{esc(event.label)}**{approx} · {count}{context}"]
    lines.extend(_citation_line(page, c) for c in event.citations[:CITATIONS_SHOWN])
    rest = len(event.citations) - CITATIONS_SHOWN
    if rest > 0:
        data = link(page, f"{DATA_DIR}/timeline.json")
        lines.append(f"    - … und {rest} weitere Belege (alle in [timeline.json]({data}))")
    return lines


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


def _year_sections(
    page: str, events: list[Event], heading: str, names: dict[str, str]
) -> list[str]:
    """Markdown for events of one or more years: a heading per year and per month."""
    lines: list[str] = []
    for year, year_events in groupby(events, key=lambda e: e.iso[:4]):
        lines += ["", f"{heading} {esc(year)}"]
        for month, month_events in groupby(year_events, key=lambda e: e.iso[:7]):
            title = format_iso_de(month) if len(month) == 7 else "Nur Jahresangabe"
            lines += ["", f"{heading}# {esc(title)}", ""]
            for event in month_events:
                lines.extend(_event_lines(page, event, names))
    return lines


def _intro(events: tuple[Event, ...], corpus: Corpus) -> list[str]:
    merged = sum(1 for e in events if len(e.slugs) > 1)
    return [
        "# Zeitleiste",
        "",
        (
            f"{len(events)} datierte Ereignisse aus {len(corpus.extractions)} Artikeln, "
            f"davon {merged} von mehreren Artikeln berichtet. Dieselbe Angabe in mehreren "
            "Artikeln (gleiches oder enthaltenes Datum und eine gemeinsame Entität oder ein "
            "gemeinsames Thema im Satz) erscheint einmal, mit allen Belegen. "
            "Jeder Beleg führt zum Satz im Artikel."
        ),
    ]


def render_timeline(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return zeitleiste.md (and, for a large corpus, one page per year).

    The timeline is the place where reports from different outlets meet on one date.
    """
    events = build_timeline(corpus)
    mentioned = {m.entity for e in corpus.extractions for m in e.mentions}
    names = {e.id: e.name for e in corpus.entities if e.id in mentioned}
    lines = _intro(events, corpus)
    if not events:
        lines += ["", "Keine datierten Angaben gefunden."]
        return (Page(TIMELINE, "\n".join(lines) + "\n"),)
    if len(events) <= EVENTS_PER_PAGE and len(_chunks(list(events))) == 1:
        lines += _year_sections(TIMELINE, list(events), "##", names)
        return (Page(TIMELINE, "\n".join(lines) + "\n"),)
    # split by year, and a busy year into pages: the overview links each year's pages
    pages: list[Page] = []
    lines += ["", "## Jahre", ""]
    for year, year_events in groupby(events, key=lambda e: e.iso[:4]):
        group = list(year_events)
        chunks = _chunks(group)
        paths = [timeline_year_path(year, n) for n in range(1, len(chunks) + 1)]
        more = ""
        if len(chunks) > 1:
            more = " · Seiten " + ", ".join(
                f"[{n}]({link(TIMELINE, path)})" for n, path in enumerate(paths, 1)
            )
        lines.append(
            f"- [{esc(year)}]({link(TIMELINE, paths[0])}) · {len(group)} Ereignisse{more}"
        )
        for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), 1):
            suffix = f", Seite {n}" if len(chunks) > 1 else ""
            body = [
                f"# Zeitleiste {esc(year)}{suffix}",
                "",
                f"[Zurück zur Übersicht]({link(path, TIMELINE)})",
            ]
            nav = _pager(path, paths, n)
            if nav:
                body += ["", nav]
            # the page title names the year, so months become the second heading level
            body += _year_sections(path, chunk, "#", names)[2:]
            if nav:
                body += ["", nav]
            pages.append(Page(path, "\n".join(body) + "\n"))
    return (Page(TIMELINE, "\n".join(lines) + "\n"), *pages)


def _pager(page: str, paths: list[str], number: int) -> str:
    """Links to the previous and next page of a year, or "" for a year on one page."""
    if len(paths) == 1:
        return ""
    parts = []
    if number > 1:
        parts.append(f"[← Seite {number - 1}]({link(page, paths[number - 2])})")
    parts.append(f"Seite {number} von {len(paths)}")
    if number < len(paths):
        parts.append(f"[Seite {number + 1} →]({link(page, paths[number])})")
    return " · ".join(parts)
