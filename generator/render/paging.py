"""Pages of bounded size for lists that grow with the corpus (quotes, sources, build report).

A listing is a title block and sections (a heading, an optional intro, an optional table
header, one list item or table row per item). When the items exceed `per_page`, the
listing continues on numbered pages `<name>/seite_<n>.md` next to `<name>.md`; a section cut
by a page break repeats its heading ("Fortsetzung") and its table header. The first page
stays at its old path, so links into the listing keep working, and a listing that fits is
one page exactly as without paging.

The pages are written as raw HTML (see render.common, "pages written as HTML"), in the
markup Python-Markdown made of the Markdown these pages used to be: same heading ids, same
elements, same line breaks between them, so the built site does not change.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown.extensions import toc

from ..models import Page
from .common import a, esc, heading, href, html_list, html_page, html_table


@dataclass(frozen=True, slots=True)
class Section:
    """One headed block of a listing: its items and how to write one as HTML.

    `line(path, item)` and `intro(path)` get the docs/ path of the page they land on, since
    relative links differ between `zitate.md` and `zitate/seite_2.md`. Without `columns`
    the items are a bulleted list and `line` returns one item's HTML; with `columns`
    ((header HTML, "left"|"right") each) they are table rows and `line` returns the cells.
    """

    heading: str  # HTML, already escaped
    items: tuple[Any, ...]
    line: Callable[[str, Any], Any]
    intro: Callable[[str], tuple[str, ...]] | None = None  # paragraphs (HTML), first page only
    columns: tuple[tuple[str, str], ...] = ()  # table header, repeated on every page
    empty: str = ""  # the paragraph (HTML) shown instead of items when there are none


def page_path(first: str, number: int) -> str:
    """Return the docs/ path of page `number` of the listing whose first page is `first`."""
    if number == 1:
        return first
    return f"{posixpath.splitext(first)[0]}/seite_{number}.md"


def pager(path: str, paths: list[str], number: int) -> str:
    """Return the navigation paragraph of one page (first, previous, next, last), or ""."""
    total = len(paths)
    if total == 1:
        return ""
    parts = []
    if number > 2:
        parts.append(a(href(path, paths[0]), "« Seite 1"))
    if number > 1:
        parts.append(a(href(path, paths[number - 2]), f"← Seite {number - 1}"))
    parts.append(f"Seite {number} von {total}")
    if number < total:
        parts.append(a(href(path, paths[number]), f"Seite {number + 1} →"))
    if number < total - 1:
        parts.append(a(href(path, paths[-1]), f"Seite {total} »"))
    return f"<p>{' · '.join(parts)}</p>"


# ── heading ids as Python-Markdown's toc extension gives them ─────────────
#
# Links from elsewhere (and readers' bookmarks) point at the ids these pages had as
# Markdown: the toc extension's slugify of the heading text, made unique on the page with
# "_1", "_2", … in document order. Its own functions make them.


def toc_slug(text_html: str) -> str:
    """Return the id Python-Markdown's toc extension gives a heading with this (escaped,
    tag-free) text: ASCII-folded, lower case, runs of spaces and hyphens as one "-"."""
    return toc.slugify(html.unescape(text_html), "-")


def _heading(level: int, text_html: str, used: set[str]) -> str:
    return heading(level, text_html, toc.unique(toc_slug(text_html), used))


# ── blocks ────────────────────────────────────────────────────────────────


def _items(sections: tuple[Section, ...]) -> list[tuple[int, int]]:
    """(section, row) for every line that counts against the page size, in order."""
    items = []
    for s, section in enumerate(sections):
        items.extend((s, r) for r in range(max(len(section.items), 1 if section.empty else 0)))
    return items


def _section_blocks(path: str, section: Section, rows: list[int], used: set[str]) -> list[str]:
    continued = rows[0] > 0
    title = f"{section.heading} (Fortsetzung)" if continued else section.heading
    blocks = [_heading(2, title, used)]
    if section.intro and not continued:
        blocks += section.intro(path)
    if not section.items:
        return [*blocks, f"<p>{section.empty}</p>"]
    lines = [section.line(path, section.items[r]) for r in rows]
    if section.columns:
        return [*blocks, html_table(section.columns, lines, cell_lines=True)]
    return [*blocks, html_list(lines)]


def render_paged(
    first: str,
    title: str,
    intro: tuple[str, ...],
    sections: tuple[Section, ...],
    per_page: int,
    *,
    searchable: bool = True,
) -> tuple[Page, ...]:
    """Return the pages of a listing: at most `per_page` items each, every item once.

    `title` is the page title (plain text); `intro` the paragraphs (HTML) under it on the
    first page. `searchable=False` keeps the pages out of the search index (see html_page).
    """
    items = _items(sections)
    chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]
    paths = [page_path(first, n) for n in range(1, len(chunks) + 1)]
    pages = []
    for number, (path, chunk) in enumerate(zip(paths, chunks, strict=True), 1):
        used: set[str] = set()  # heading ids on this page
        page_title = title if number == 1 else f"{title}, Seite {number}"
        blocks = [_heading(1, esc(page_title), used), *(intro if number == 1 else ())]
        nav = pager(path, paths, number)
        if nav:
            blocks.append(nav)
        for s in sorted({s for s, _ in chunk}):
            blocks += _section_blocks(path, sections[s], [r for t, r in chunk if t == s], used)
        if nav:
            blocks.append(nav)
        # one raw block, lines as Python-Markdown joined its elements (no blank lines)
        pages.append(Page(path, html_page(page_title, ["\n".join(blocks)], searchable=searchable)))
    return tuple(pages)
