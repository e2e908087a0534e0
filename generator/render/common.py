"""Shared rendering helpers: escaping of untrusted text and the site's URL scheme.

Article text is untrusted. Everything taken from a seed goes through `esc()` before it
reaches a Markdown page: HTML-significant and Markdown-significant characters become
numeric character references, so no markup, Markdown syntax, attribute list or template
syntax in a seed is ever interpreted.
"""

from __future__ import annotations

import posixpath
import re

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
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


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
