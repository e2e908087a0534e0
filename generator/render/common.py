"""Shared rendering helpers: escaping of untrusted text and the site's URL scheme.

Article text is untrusted. Everything taken from a seed goes through `esc()` before it
reaches a Markdown page: HTML-significant and Markdown-significant characters become
numeric character references, so no markup, Markdown syntax, attribute list or template
syntax in a seed is ever interpreted.
"""

from __future__ import annotations

import posixpath

# Characters that could start markup in Python-Markdown, its extensions, HTML or Jinja.
_ESCAPES = {c: f"&#{ord(c)};" for c in "&<>\\`*_{}[]()#|~^=!$:\"'%"}
_TABLE = str.maketrans(_ESCAPES)


def esc(text: str | None) -> str:
    """Return `text` safe to place inline in Markdown or an HTML attribute: literal, on one line."""
    if not text:
        return ""
    return " ".join(text.split()).translate(_TABLE)


def article_path(slug: str) -> str:
    return f"artikel/{slug}.md"


def topic_path(topic_id: str) -> str:
    return f"themen/{topic_id}.md"


def entity_path(entity_id: str) -> str:
    return f"entitaeten/{entity_id}.md"


ARTICLES_INDEX = "artikel/index.md"
TOPICS_INDEX = "themen/index.md"
ENTITIES_INDEX = "entitaeten/index.md"
TIMELINE = "zeitleiste.md"
QUOTES = "zitate.md"
SOURCES = "quellen.md"
REPORT = "bericht.md"
DATA_DIR = "data"


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Return a relative Markdown link target from one docs/ page to another (MkDocs validates it)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def site_url(page: str) -> str:
    """Return the site-relative URL of a docs/ page under MkDocs' directory URLs."""
    if page.endswith("index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"
