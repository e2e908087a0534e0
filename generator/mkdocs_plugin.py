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
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import pagefind_hook, theme_cache
from .pipeline import CACHE_DIR_NAME, build
from .render.common import HTML_PAGE_META
from .render.report import format_report
from .tables import TableError
from .urls import article_path

log = get_plugin_logger(__name__)

# Our own markup in pages written as HTML (render.common): ids and headings. Article text
# cannot produce these: it is escaped, so it holds no '<' and no '"'.
_ID = re.compile(r'\sid="([^"]+)"')
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"')


_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
_INLINE_TAG = re.compile(r"</?(?:a|span|time|mark|em|strong)\b[^>]*>")
_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)


def search_view(html: str, *, tables: bool = True) -> str:
    """Return what the search index needs of one of our HTML pages: headings and text,
    without the inline markup of every sentence, and without tables if not `tables`.

    Material's search plugin parses each page with html.parser; on an article page the
    markup of marked figures, dates and linked names is most of the work, and its
    key-figures table repeats numbers that are in the text (the plugin passes
    tables=False there). The words indexed are the text's own.
    """
    html = _HEADERLINK.sub("", html)
    return _INLINE_TAG.sub("", html if tables else _TABLE.sub("", html))


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


class HtmlPage(Page):
    """A page the generator wrote as HTML (front matter `dossier_html: true`): its body is
    handed to MkDocs as it is, without the Markdown pass.

    Python-Markdown would pass the body through unchanged anyway (it is one raw HTML block
    after another; tests/test_html_pages.py checks this), but setting up a Markdown
    converter with every extension costs about as much per page as rendering a small one.
    Table of contents and anchor ids come from our own markup. A page without the flag is
    rendered as MkDocs would.
    """

    @property
    def is_html(self) -> bool:
        """Whether the body is our HTML (read once the source is read)."""
        return self.meta.get(HTML_PAGE_META) is True

    def render(self, config, files) -> None:
        if not self.is_html:
            super().render(config, files)
            return
        body = (self.markdown or "").strip()
        self.content = body
        self.toc = html_page_toc(body)
        self._title_from_render = None
        # MkDocs validates links to anchors against the ids a page contains.
        self.present_anchor_ids = set(_ID.findall(body))
        self.links_to_anchors = {}


def nav_titles(nav, files, config) -> dict[str, str | None]:
    """The title the `nav` config gives each page it names (None where it names none), by
    the page's src_uri, found as MkDocs finds it: the path normalised ("./q.md" is
    "q.md"), a leading "/" dropped when validation.nav.absolute_links is relative_to_docs,
    the first mention of a page counting."""
    absolute_links = getattr(config.validation.nav.absolute_links, "name", "")
    titles: dict[str, str | None] = {}

    def add(path: str, title: str | None) -> None:
        if path.startswith("/") and absolute_links == "RELATIVE_TO_DOCS":
            path = path.lstrip("/")
        file = files.get_file_from_path(path)
        if file is not None:
            titles.setdefault(file.src_uri, title)

    def walk(item, title=None) -> None:
        if isinstance(item, str):
            add(item, title)
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, key if isinstance(value, str) else None)
        elif isinstance(item, list):
            for entry in item:
                walk(entry)

    walk(nav or [])
    return titles


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
        # Pages the generator wrote: those flagged as HTML skip Markdown (see HtmlPage).
        self._html_pages = {page.path for page in result.pages if page.path.endswith(".md")}
        self._article_pages = {article_path(e.article.slug) for e in result.corpus.extractions}
        self._full: dict[str, str] = {}
        log.info(
            format_report(result.corpus).splitlines()[0] if result.corpus.report else "no seeds"
        )
        for problem in result.problems:
            log.warning(str(problem))

    @event_priority(50)  # before Material's search plugin (priority 0) indexes the page
    def _show_search_view(self, context, page, config, nav):
        # the search index reads a view of our HTML pages it does not exclude
        excluded = (page.meta.get("search") or {}).get("exclude")
        if isinstance(page, HtmlPage) and page.is_html and not excluded:
            self._full[page.file.src_uri] = page.content
            tables = page.file.src_uri not in self._article_pages
            page.content = search_view(page.content, tables=tables)
        return context

    @event_priority(-50)  # after the search plugin: the reader gets the full page
    def _restore_page(self, context, page, config, nav):
        full = self._full.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
        return context

    on_page_context = CombinedEvent(_show_search_view, _restore_page)

    def on_env(self, env, config, files):
        self._partials = theme_cache.install(env)
        return env

    def on_files(self, files, config):
        # A page already set on a File is the one MkDocs builds (and puts in the nav, under
        # the nav's title for it, given here as MkDocs would).
        titles = nav_titles(config.nav, files, config)
        generated = getattr(self, "_html_pages", ())
        for file in files.documentation_pages():
            if file.src_uri in generated and file.page is None:
                HtmlPage(titles.get(file.src_uri), file, config)
        if self.pagefind:
            files.append(pagefind_hook.search_page_file(config))
        return files

    def on_post_page(self, output, page, config):
        # Pages kept out of Material's index (`search: exclude`, e.g. topic pages quoting
        # article sentences) stay unmarked, so Pagefind skips them too.
        excluded = (page.meta.get("search") or {}).get("exclude")
        if self.pagefind and not excluded:
            return pagefind_hook.mark_content(output, page.file.src_uri)
        return output

    def on_post_build(self, config) -> None:
        partials = getattr(self, "_partials", None)
        if partials is not None:
            log.info(
                f"theme navigation: rendered {partials.rendered} times, "
                f"reused {partials.reused} times"
            )
        if self.pagefind:
            pagefind_hook.build_index(config.site_dir)

    def on_serve(self, server, config, builder):
        # docs/ is watched by MkDocs; seeds and tables are ours to add.
        server.watch(str(self._seeds(config)))
        tables = self._tables(config)
        if tables.exists() and not str(tables).startswith(str(self._seeds(config))):
            server.watch(str(tables))
        return server
