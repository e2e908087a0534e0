"""Render the theme's navigation once per distinct set of links, not once per page.

Material renders its navigation (the sidebar, partials/nav.html, and the tabs,
partials/tabs.html) for every page. On a dossier almost every page is a generated
article, topic or entity page outside the nav, and for those the navigation differs
only in its relative links: no item is active, none is the page itself. Rendering it
for each of thousands of pages was about a tenth of MkDocs' time.

`install(env)` wraps those partials: a page outside the nav gets the HTML rendered for
the first page with the same key, the key being everything the partial reads that can
differ between such pages (every nav item's URL as the `url` filter makes it relative to
this page, its active flag, the logo and home links, base_url). Pages in the nav, or when
DOSSIER_THEME_CACHE=0 is set, render the partial as before. tests/test_theme_cache.py
builds the site both ways and compares every page byte for byte.
"""

from __future__ import annotations

import os

import jinja2
from mkdocs.utils import normalize_url

PARTIALS = ("partials/nav.html", "partials/tabs.html")
ORIGINAL = "dossier-theme-original/"  # the wrapped partial under its own name
ENV_SWITCH = "DOSSIER_THEME_CACHE"  # "0": render every partial for every page

# The wrapper renders exactly the included partial: it adds no text of its own (every
# tag trims the whitespace around it, and Jinja drops a template's last newline).
_WRAPPER = """\
{%- set _key = dossier_partial_key(page, nav, config, base_url, NAME) -%}
{%- if _key is none -%}
{%- include ORIGINAL -%}
{%- else -%}
{%- set _html = dossier_partial_get(_key) -%}
{%- if _html is none -%}
{%- set _html -%}{% include ORIGINAL %}{%- endset -%}
{{- dossier_partial_put(_key, _html) -}}
{%- else -%}
{{- _html -}}
{%- endif -%}
{%- endif -%}"""


class PartialCache:
    """The rendered partials of one build, and how often each was rendered or reused."""

    def __init__(self) -> None:
        self.html: dict[tuple, str] = {}
        self.rendered = 0
        self.reused = 0
        self._nav: object = None
        self._items: list = []
        self._page: object = None
        self._links: tuple | None = None

    def get(self, key: tuple) -> str | None:
        html = self.html.get(key)
        if html is not None:
            self.reused += 1
        return html

    def put(self, key: tuple, html: str) -> str:
        self.html[key] = html
        self.rendered += 1
        return html

    def key(self, page, nav, config, base_url: str, name: str) -> tuple | None:
        """What partial `name` reads that differs between pages, or None when the page
        must render it itself (it is in the nav: an item is active, or the page's own
        table of contents is shown)."""
        if page is None or nav is None:
            return None
        if nav is not self._nav:  # one nav per build: walk it once
            self._nav, self._items, self._page = nav, list(_items(nav.items)), None
        if page is not self._page:  # both partials of a page share the links
            self._page, self._links = page, self._page_links(page, nav, config)
        if self._links is None:
            return None
        return (name, base_url, self._links)

    def _page_links(self, page, nav, config) -> tuple | None:
        if any(item is page for item in nav.pages) or any(
            page in (getattr(item, "pages", None) or ()) for item in self._items
        ):
            return None
        links = tuple(
            (
                type(item).__name__,
                normalize_url(item.url, page) if getattr(item, "url", None) is not None else None,
                bool(getattr(item, "active", False)),
            )
            for item in self._items
        )
        extra = ((config.extra or {}).get("homepage"), (config.theme or {}).get("logo"))
        others = tuple(normalize_url(str(url), page) if url else None for url in extra)
        homepage = normalize_url(nav.homepage.url, page) if nav.homepage else None
        return (homepage, others, links)


def _items(items):
    """Every item of the nav tree, depth first."""
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or ())


def install(env: jinja2.Environment) -> PartialCache | None:
    """Wrap the navigation partials of `env` (a MkDocs theme environment, one per build)
    in the cache; return the cache, or None when switched off."""
    if os.environ.get(ENV_SWITCH) == "0":
        return None
    cache = PartialCache()
    base = env.loader
    assert base is not None

    def original(name: str):
        # the partial the theme (or the project's custom_dir) would have used
        return base.get_source(env, name)

    wrappers = {
        name: _WRAPPER.replace("ORIGINAL", repr(ORIGINAL + name)).replace("NAME", repr(name))
        for name in PARTIALS
    }
    env.loader = jinja2.ChoiceLoader(
        [
            jinja2.DictLoader(wrappers),
            jinja2.PrefixLoader({ORIGINAL.rstrip("/"): jinja2.FunctionLoader(original)}),
            base,
        ]
    )
    env.globals["dossier_partial_key"] = cache.key
    env.globals["dossier_partial_get"] = cache.get
    env.globals["dossier_partial_put"] = cache.put
    return cache
