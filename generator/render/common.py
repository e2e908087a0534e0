"""Shared rendering helpers: escaping of untrusted text and the site's URL scheme.

Article text is untrusted. Everything taken from a seed goes through `esc()` before it
reaches a Markdown page: HTML-significant and Markdown-significant characters become
numeric character references, so no markup, Markdown syntax, attribute list or template
syntax in a seed is ever interpreted.
"""

from __future__ import annotations

import posixpath
import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from ..urls import (  # noqa: F401  (re-exported for the renderers)
    ARTICLES_INDEX,
    DATA_DIR,
    ENTITIES_INDEX,
    QUOTES,
    REPORT,
    SOURCES,
    TIMELINE,
    TOPICS_INDEX,
    article_path,
    entity_path,
    site_url,
    topic_path,
)

# the site's words (German) for an article's language code; other codes are shown as given
LANGUAGE_NAMES = {"de": "Deutsch", "en": "Englisch"}

# Interface wording (German UI); the meaning of each qualifier is explained on methodik.md.
QUALIFIER_LABEL = {
    "exact": "genau",
    "approx": "etwa",
    "at_least": "mindestens",
    "at_most": "höchstens",
    "more_than": "mehr als",
    "less_than": "weniger als",
    "range": "zwischen",
    "up_to": "bis zu",
}

# Characters that could start markup in Python-Markdown, its extensions, HTML or Jinja.
_ESCAPES = {c: f"&#{ord(c)};" for c in "&<>\\`*_{}[]()#|~^=!$:\"'%"}
_TABLE = str.maketrans(_ESCAPES)
_NOT_YAML_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def esc(text: str | None) -> str:
    """Return `text` safe to place inline in Markdown or an HTML attribute: literal, on one line."""
    if not text:
        return ""
    return " ".join(text.split()).translate(_TABLE)


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Return a relative Markdown link target from one docs/ page to another (MkDocs validates it)."""
    target = _relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


@lru_cache(maxsize=65536)
def _relpath(path: str, start: str) -> str:
    # Pages link among a few folders: the same (target, folder) pairs recur thousands of times.
    return posixpath.relpath(path, start)


def title_front_matter(title: str) -> list[str]:
    """Return YAML front matter lines that set the page title to the escaped `title`.

    Material prints `page.title | striptags` into <title>; `striptags` would turn the
    character references of an H1 back into live markup, so untrusted titles are set here,
    already escaped (the escaped text contains no quote or backslash that could end the
    YAML string).
    """
    # YAML forbids non-printable characters even in quoted strings; a broken front
    # matter block would be rendered as text, so those become character references too.
    safe = _NOT_YAML_PRINTABLE.sub(lambda m: f"&#{ord(m.group())};", esc(title))
    return ["---", f'title: "{safe}"', "---", ""]


# ── pages written as HTML ─────────────────────────────────────────────────
#
# The pages that grow with the corpus (articles, topics, entities, timeline) are written
# as raw HTML blocks inside their .md file: Python-Markdown passes such blocks through
# unchanged, and the dossier plugin hands them to MkDocs without running Markdown at all
# (the Markdown pass was more than half of the MkDocs build). Links in raw HTML are not
# rewritten by MkDocs, so they are written as final relative URLs here, for the URL style
# the build uses (directory URLs "artikel/x/", or "artikel/x.html" for file:// copies).

HTML_PAGE_META = "dossier_html"  # front matter flag: the body is our own raw HTML
_DIRECTORY_URLS: ContextVar[bool] = ContextVar("directory_urls", default=True)
# Whitespace that is not already a single plain space: a run of two or more, or any other
# whitespace character. Replacing each match by " " collapses every run to one space.
_WHITESPACE_RUN = re.compile(r"\s{2,}|[^\S ]")


@contextmanager
def url_style(directory_urls: bool):
    """Render pages inside this block with MkDocs' `use_directory_urls` set as given."""
    token = _DIRECTORY_URLS.set(directory_urls)
    try:
        yield
    finally:
        _DIRECTORY_URLS.reset(token)


def directory_urls() -> bool:
    """Whether pages are being rendered for MkDocs' directory URLs (see url_style)."""
    return _DIRECTORY_URLS.get()


def hesc(text: str | None) -> str:
    """Return untrusted `text` escaped for HTML text or a quoted attribute, on one line."""
    if not text:
        return ""
    return _html_escape(_collapse_whitespace(text).strip())


def hesc_fragment(text: str) -> str:
    """Return a piece of a sentence escaped as hesc() does, but with one space kept where
    the piece begins or ends with whitespace (the pieces between marked-up spans join
    back into the sentence's text)."""
    return _html_escape(_collapse_whitespace(text))


def _collapse_whitespace(text: str) -> str:
    # pre-check: a plain space is the only whitespace character that is printable, so a
    # printable text without a double space has nothing to collapse (two fast scans in C,
    # where the regex took several times as long on article sentences)
    if "  " not in text and text.isprintable():
        return text
    return _WHITESPACE_RUN.sub(" ", text)


def _html_escape(text: str) -> str:
    # One replace per character: each is a fast scan that returns the text itself when
    # the character is absent (the usual case); str.translate with a mapping looks every
    # character up in a dict and was ten times slower on article sentences.
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def page_url(page: str) -> str:
    """Return the site-relative URL MkDocs gives the docs/ file `page` in this build
    (files other than Markdown pages, like data/figures.csv, keep their path)."""
    if not page.endswith(".md"):
        return page
    if _DIRECTORY_URLS.get():
        return site_url(page)
    return page[: -len(".md")] + ".html"


@lru_cache(maxsize=4096)
def _url_parts(page: str, directory_urls: bool) -> tuple[tuple[str, ...], str]:
    """A page's URL split into its folders and its last part ("" for a folder URL)."""
    token = _DIRECTORY_URLS.set(directory_urls)
    try:
        url = page_url(page)
    finally:
        _DIRECTORY_URLS.reset(token)
    *folders, last = url.split("/")
    return tuple(folders), last


def _href(from_page: str, to_page: str, directory_urls: bool) -> str:
    # Relative URL by comparing folder lists: pages link to tens of thousands of distinct
    # (page, target) pairs, too many to cache and too slow for posixpath.relpath.
    source, _ = _url_parts(from_page, directory_urls)
    folders, last = _url_parts(to_page, directory_urls)
    common = 0
    for mine, theirs in zip(source, folders):
        if mine != theirs:
            break
        common += 1
    rel = "../" * (len(source) - common) + "/".join((*folders[common:], last))
    return rel or "./"


def href(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Return the relative URL from one generated page to another (or to an anchor on it)."""
    if to_page == from_page and anchor:
        return f"#{anchor}"
    target = _href(from_page, to_page, _DIRECTORY_URLS.get())
    return f"{target}#{anchor}" if anchor else target


def a(url: str, text_html: str) -> str:
    """Return a link; `url` comes from href()/safe URLs, `text_html` is already escaped."""
    return f'<a href="{url}">{text_html}</a>'


def heading(level: int, text_html: str, anchor: str, attrs: str = "") -> str:
    """Return a heading with its id and the permalink Python-Markdown's toc would add."""
    extra = f" {attrs}" if attrs else ""
    return (
        f'<h{level} id="{anchor}"{extra}>{text_html}'
        f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h{level}>'
    )


def html_table(
    columns: list[tuple[str, str]] | tuple[tuple[str, str], ...],
    rows: list[list[str]],
    *,
    cell_lines: bool = False,
) -> str:
    """Return a table: `columns` as (header, "left"|"right"), `rows` of escaped cell HTML,
    one cell per column. `cell_lines` puts every cell on a line of its own, as
    Python-Markdown's tables extension writes a table (the listing pages keep that layout).
    """

    def cell(tag: str, align: str, content: str) -> str:
        style = ' style="text-align: right;"' if align == "right" else ""
        return f"<{tag}{style}>{content}</{tag}>"

    sep = "\n" if cell_lines else ""
    head = sep.join(cell("th", align, label) for label, align in columns)
    # one format() per row: the row's markup is the same for every row of the table
    # (format reads braces in the template only, never in the cells filled in)
    cells_html = sep.join(cell("td", align, "{}") for _, align in columns)
    row = f"<tr>{sep}{cells_html}{sep}</tr>".format
    for cells in rows:
        if len(cells) != len(columns):
            raise ValueError(f"a table row has {len(cells)} cells for {len(columns)} columns")
    body = "\n".join(row(*cells) for cells in rows)
    return (
        f"<table>\n<thead>\n<tr>{sep}{head}{sep}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


def html_list(items: list[str]) -> str:
    """Return a bulleted list of escaped item HTML."""
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"


def html_page(title: str, blocks: list[str], *, searchable: bool = True) -> str:
    """Return a page file: title front matter, the HTML flag, then block-level HTML blocks
    separated by blank lines (so Python-Markdown sees each as one raw block).

    `searchable=False` keeps the page out of the search index: topic, entity and timeline
    pages quote sentences of the articles, and a search hit belongs to the article the
    sentence is in (the quoting pages would multiply every hit and the index size).
    """
    front = title_front_matter(title)
    front.insert(2, f"{HTML_PAGE_META}: true")
    if not searchable:
        front[3:3] = ["search:", "  exclude: true"]
    return "\n".join(front) + "\n" + "\n\n".join(b for b in blocks if b) + "\n"
