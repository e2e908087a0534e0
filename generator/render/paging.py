"""Pages of bounded size for lists that grow with the corpus (quotes, build report).

A listing is a title block and sections (a heading, an optional intro, an optional
table header, one line per item). When the items exceed `per_page`, the listing continues on
numbered pages `<name>/seite_<n>.md` next to `<name>.md`; a section cut by a page break
repeats its heading ("Fortsetzung") and its table header. The first page stays at its old
path, so links into the listing keep working, and a listing that fits is one page exactly
as without paging.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..models import Page
from .common import link


@dataclass(frozen=True, slots=True)
class Section:
    """One headed block of a listing: its items and how to write one as a Markdown line.

    `line(path, item)` and `intro(path)` get the docs/ path of the page they land on, since
    relative links differ between `zitate.md` and `zitate/seite_2.md`.
    """

    heading: str  # Markdown, already escaped
    items: tuple[Any, ...]
    line: Callable[[str, Any], str]
    intro: Callable[[str], tuple[str, ...]] | None = None  # on the section's first page only
    header: tuple[str, ...] = ()  # table header lines, repeated on every page of the section
    empty: str = ""  # the line shown instead of items when there are none


def page_path(first: str, number: int) -> str:
    """Return the docs/ path of page `number` of the listing whose first page is `first`."""
    if number == 1:
        return first
    return f"{posixpath.splitext(first)[0]}/seite_{number}.md"


def pager(path: str, paths: list[str], number: int) -> str:
    """Return the navigation line of one page (first, previous, next, last), or ""."""
    total = len(paths)
    if total == 1:
        return ""
    parts = []
    if number > 2:
        parts.append(f"[« Seite 1]({link(path, paths[0])})")
    if number > 1:
        parts.append(f"[← Seite {number - 1}]({link(path, paths[number - 2])})")
    parts.append(f"Seite {number} von {total}")
    if number < total:
        parts.append(f"[Seite {number + 1} →]({link(path, paths[number])})")
    if number < total - 1:
        parts.append(f"[Seite {total} »]({link(path, paths[-1])})")
    return " · ".join(parts)


def _items(sections: tuple[Section, ...]) -> list[tuple[int, int]]:
    """(section, row) for every line that counts against the page size, in order."""
    items = []
    for s, section in enumerate(sections):
        items.extend((s, r) for r in range(max(len(section.items), 1 if section.empty else 0)))
    return items


def _section_lines(path: str, section: Section, rows: list[int]) -> list[str]:
    continued = rows[0] > 0
    heading = f"{section.heading} (Fortsetzung)" if continued else section.heading
    lines = ["", f"## {heading}", ""]
    intro = section.intro(path) if section.intro and not continued else ()
    if intro:
        lines += [*intro, ""]
    if not section.items:
        return [*lines, section.empty]
    return [*lines, *section.header, *(section.line(path, section.items[r]) for r in rows)]


def render_paged(
    first: str,
    title: str,
    intro: tuple[str, ...],
    sections: tuple[Section, ...],
    per_page: int,
) -> tuple[Page, ...]:
    """Return the pages of a listing: at most `per_page` item lines each, every item once.

    `title` is the H1 text (escaped); `intro` the lines under it on the first page.
    """
    items = _items(sections)
    chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]
    paths = [page_path(first, n) for n in range(1, len(chunks) + 1)]
    pages = []
    for number, (path, chunk) in enumerate(zip(paths, chunks, strict=True), 1):
        if number == 1:
            lines = [f"# {title}", *(["", *intro] if intro else [])]
        else:
            lines = [f"# {title}, Seite {number}"]
        nav = pager(path, paths, number)
        if nav:
            lines += ["", nav]
        for s in sorted({s for s, _ in chunk}):
            lines += _section_lines(path, sections[s], [r for t, r in chunk if t == s])
        if nav:
            lines += ["", nav]
        pages.append(Page(path, "\n".join(lines) + "\n"))
    return tuple(pages)
