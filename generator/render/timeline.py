"""Timeline page (zeitleiste.md): every dated event, grouped by year and month.

Each event lists the articles reporting it, each citation linked to its sentence, with
the date expression marked inside the sentence. A large corpus gets one page per year
(zeitleiste/<year>.md) so no single page grows without bound.
"""

from __future__ import annotations

from itertools import groupby

from ..models import Corpus, Page, Tables
from ..timeline import DateCitation, Event, build_timeline, format_iso_de
from .common import TIMELINE, article_path, entity_path, esc, link

# Above this many events the timeline is split into one page per year.
EVENTS_PER_PAGE = 300
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


def timeline_year_path(year: str) -> str:
    """The page of one year when the timeline is split."""
    return f"zeitleiste/{year}.md"


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
    lines.extend(_citation_line(page, citation) for citation in event.citations)
    return lines


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
    if len(events) <= EVENTS_PER_PAGE:
        lines += _year_sections(TIMELINE, list(events), "##", names)
        return (Page(TIMELINE, "\n".join(lines) + "\n"),)
    # split by year: the overview links each year's page with its event count
    pages: list[Page] = []
    lines += ["", "## Jahre", ""]
    for year, year_events in groupby(events, key=lambda e: e.iso[:4]):
        group = list(year_events)
        path = timeline_year_path(year)
        lines.append(f"- [{esc(year)}]({link(TIMELINE, path)}) · {len(group)} Ereignisse")
        body = [f"# Zeitleiste {esc(year)}", "", f"[Zurück zur Übersicht]({link(path, TIMELINE)})"]
        # the page title names the year, so months become the second heading level
        body += _year_sections(path, group, "#", names)[2:]
        pages.append(Page(path, "\n".join(body) + "\n"))
    return (Page(TIMELINE, "\n".join(lines) + "\n"), *pages)
