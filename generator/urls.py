"""The site's URL scheme: where each generated page lives under docs/ and its site URL.

Kept outside the render package so the data export can use it without importing the
renderers.
"""

from __future__ import annotations


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


def site_url(page: str) -> str:
    """Return the site-relative URL of a docs/ page under MkDocs' directory URLs."""
    if page.endswith("index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"
