"""Thin MkDocs seam: `plugins: [dossier]` runs the generator before MkDocs collects docs/.

The core never imports mkdocs; this adapter only maps MkDocs events to pipeline calls
and generator problems to MkDocs warnings (so `--strict` fails and names every one).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.toc import get_toc

from . import pagefind_hook
from .pipeline import CACHE_DIR_NAME, build
from .render.common import HTML_PAGE_META
from .render.report import format_report
from .tables import TableError

log = get_plugin_logger(__name__)

# Our own markup in pages written as HTML (render.common): ids and headings. Article text
# cannot produce these: it is escaped, so it holds no '<' and no '"'.
_ID = re.compile(r'\sid="([^"]+)"')
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"')


def html_page_toc(html: str):
    """Return the page's table of contents (h2 and h3) the way Python-Markdown's toc
    extension would have built it from Markdown headings."""
    tokens: list[dict] = []
    for level, anchor, title in _HEADING.findall(html):
        token = {"level": int(level), "id": anchor, "name": title, "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return get_toc(tokens)


# The names Material's (and MkDocs' own) search plugin is registered under.
BUILTIN_SEARCH = ("material/search", "search")


class DossierConfig(base.Config):
    seeds = c.Type(str, default="seeds")
    tables = c.Optional(c.Type(str))  # default: <seeds>/_tables
    # material: Material's search (one search_index.json with the full text of every page);
    # pagefind: Pagefind's chunked index with stemming, for large corpora.
    search = c.Choice(("material", "pagefind"), default="material")
    # Reuse extractions of unchanged seeds (.dossier-cache next to mkdocs.yml); off for
    # cold benchmarks.
    cache = c.Type(bool, default=True)


def drop_builtin_search(plugins) -> None:
    """Remove the search plugin from a MkDocs PluginCollection, events included.

    Material shows its search box only while "material/search" is among the plugins, and
    its post-build event writes search_index.json: both go. Event lists are replaced, not
    edited in place, because MkDocs may be iterating the `config` list right now.
    """
    for name in BUILTIN_SEARCH:
        plugin = plugins.pop(name, None)
        if plugin is None:
            continue
        for event, methods in plugins.events.items():
            plugins.events[event] = [
                m for m in methods if getattr(m, "__self__", None) is not plugin
            ]


class DossierPlugin(BasePlugin[DossierConfig]):
    """Generate article, topic, entity and data pages into docs_dir on every (re)build."""

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _seeds(self, config) -> Path:
        return self._root(config) / self.config.seeds

    def _tables(self, config) -> Path:
        if self.config.tables:
            return self._root(config) / self.config.tables
        return self._seeds(config) / "_tables"

    @property
    def pagefind(self) -> bool:
        return self.config.search == "pagefind"

    def on_config(self, config):
        if self.pagefind:
            pagefind_hook.require_pagefind()
            drop_builtin_search(config.plugins)
            pagefind_hook.add_search_nav(config)
        return config

    def on_pre_build(self, config) -> None:
        try:
            result = build(
                self._seeds(config),
                Path(config.docs_dir),
                self._tables(config),
                cache_dir=Path(CACHE_DIR_NAME) if self.config.cache else None,
                directory_urls=config.use_directory_urls,
            )
        except TableError as exc:
            raise PluginError(f"dossier: {exc.problem}") from exc
        # Pages the generator wrote as HTML skip Markdown (see on_page_markdown).
        self._html_pages = {page.path for page in result.pages if page.path.endswith(".md")}
        self._pending: dict[str, str] = {}
        log.info(
            format_report(result.corpus).splitlines()[0] if result.corpus.report else "no seeds"
        )
        for problem in result.problems:
            log.warning(str(problem))

    def on_page_markdown(self, markdown, page, config, files):
        # Generated HTML pages are raw HTML blocks, which Python-Markdown passes through
        # unchanged (tests/test_site.py checks this): hand them to MkDocs as they are and
        # skip the Markdown pass, the largest cost of building a large dossier.
        if page.meta.get(HTML_PAGE_META) is True and page.file.src_uri in getattr(
            self, "_html_pages", ()
        ):
            self._pending[page.file.src_uri] = markdown.strip()
            return ""
        return markdown

    def on_page_content(self, html, page, config, files):
        body = getattr(self, "_pending", {}).pop(page.file.src_uri, None)
        if body is None:
            return html
        page.toc = html_page_toc(body)
        # MkDocs validates links to anchors against the ids a page contains.
        page.present_anchor_ids = set(_ID.findall(body))
        return body

    def on_files(self, files, config):
        if self.pagefind:
            files.append(pagefind_hook.search_page_file(config))
        return files

    def on_post_page(self, output, page, config):
        if self.pagefind:
            return pagefind_hook.mark_content(output, page.file.src_uri)
        return output

    def on_post_build(self, config) -> None:
        if self.pagefind:
            pagefind_hook.build_index(config.site_dir)

    def on_serve(self, server, config, builder):
        # docs/ is watched by MkDocs; seeds and tables are ours to add.
        server.watch(str(self._seeds(config)))
        tables = self._tables(config)
        if tables.exists() and not str(tables).startswith(str(self._seeds(config))):
            server.watch(str(tables))
        return server
