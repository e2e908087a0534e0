"""Pagefind instead of Material's search, for large corpora.

Used two ways: by the dossier plugin when mkdocs.yml says `search: pagefind` (the usual
way), and as a standalone MkDocs hook (`hooks: [generator/pagefind_hook.py]`) for a plain
Material site without the dossier plugin.

Material's search ships one search_index.json with the full text of every page, which
every reader downloads before the first hit; at thousands of articles that is megabytes.
Pagefind indexes the built HTML into small fragments a browser fetches on demand.

What it does, with no template override:

- adds a search page `suche.md` (generated in memory, not written into docs/) holding
  Pagefind's default UI, and a "Suche" nav entry when the config has a nav;
- marks the content of every page (not the search page, not 404.html) with
  `data-pagefind-body`, so only content is indexed: not header, sidebar, footer;
- after the build, runs `python -m pagefind --site <site_dir>` (the `pagefind[extended]`
  package; extended = stemming for German).

Pagefind loads its index with fetch() and WebAssembly, which browsers refuse under
file://: the offline copy (mkdocs.offline.yml) keeps Material's search.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.pagefind")

SEARCH_PAGE = "suche.md"
SEARCH_TITLE = "Suche"
# Material puts the page content in this element; everything outside is chrome.
CONTENT_OPEN = '<article class="md-content__inner md-typeset">'
# The "¶" permalink after every heading (toc: permalink) is chrome inside the content.
HEADERLINK = 'class="headerlink"'


def search_page(bundle: str, base_url: str) -> str:
    """Markdown of the search page: Pagefind's UI loaded from `bundle` (a relative URL).

    `base_url` is the path the site is served under: Pagefind stores page URLs from the
    site root ("/artikel/x/"), so results need the prefix of a site in a subfolder.
    """
    return (
        f"# {SEARCH_TITLE}\n\n"
        f'<link href="{bundle}pagefind-ui.css" rel="stylesheet">\n'
        f'<script src="{bundle}pagefind-ui.js"></script>\n'
        '<div id="pagefind-search" data-pagefind-ignore="all"></div>\n'
        "<script>\n"
        'window.addEventListener("DOMContentLoaded", function () {\n'
        f'  new PagefindUI({{element: "#pagefind-search", baseUrl: {json.dumps(base_url)},'
        " showSubResults: true, showImages: false});\n"
        "});\n"
        "</script>\n"
    )


def require_pagefind() -> None:
    """Fail the build at once, not after rendering every page, when Pagefind is missing."""
    if importlib.util.find_spec("pagefind") is None:
        raise PluginError(
            "search: pagefind needs the Python package `pagefind[extended]` "
            "(pinned in pyproject.toml; `make site` installs it)"
        )


def add_search_nav(config) -> None:
    """Append the search page to the nav (the nav is a list, so INHERIT cannot append to it)."""
    if config.nav is not None and not any(
        isinstance(item, dict) and SEARCH_TITLE in item for item in config.nav
    ):
        config.nav.append({SEARCH_TITLE: SEARCH_PAGE})


def search_page_file(config) -> File:
    """Return the search page as a File generated in memory; docs/ stays untouched."""
    # suche.md becomes suche/index.html with directory URLs, suche.html without.
    bundle = "../pagefind/" if config.use_directory_urls else "pagefind/"
    base_url = urlsplit(config.site_url or "/").path or "/"
    content = search_page(bundle, base_url if base_url.endswith("/") else f"{base_url}/")
    return File.generated(config, SEARCH_PAGE, content=content)


def mark_content(output: str, src_uri: str) -> str:
    """Return a built page with its content marked for Pagefind (unmarked pages are skipped)."""
    if src_uri == SEARCH_PAGE:
        return output
    if CONTENT_OPEN not in output:
        log.warning("pagefind: no content element in %s; page not indexed", src_uri)
    marked = CONTENT_OPEN.replace(">", " data-pagefind-body>", 1)
    output = output.replace(HEADERLINK, f"{HEADERLINK} data-pagefind-ignore")
    return output.replace(CONTENT_OPEN, marked, 1)


def build_index(site_dir: str | Path) -> None:
    """Index the built site with Pagefind; a failure fails the build (no silent no-search)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(Path(site_dir)), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"pagefind failed ({result.returncode}): {result.stderr.strip()}")
    log.info("pagefind: index written to %s/pagefind", site_dir)


# ── the same steps as MkDocs hook events ─────────────────────────────────


def on_config(config):
    """Hook event: check Pagefind is there and add the search page to the nav."""
    require_pagefind()
    add_search_nav(config)
    return config


def on_files(files, config):
    """Hook event: add the in-memory search page."""
    files.append(search_page_file(config))
    return files


def on_post_page(output, page, config):
    """Hook event: mark the page content for Pagefind."""
    return mark_content(output, page.file.src_uri)


def on_post_build(config):
    """Hook event: write the Pagefind index into the site."""
    build_index(config.site_dir)
