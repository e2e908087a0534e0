"""The navigation rendered once per distinct set of links (generator/theme_cache.py) gives
the same site as Material rendering it for every page."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT, mkdocs_build

from generator import theme_cache


def _build(site: Path, *, cache: bool) -> str:
    return mkdocs_build(site, {**os.environ, theme_cache.ENV_SWITCH: "1" if cache else "0"})


def test_cached_navigation_gives_the_same_site_byte_for_byte(tmp_path: Path) -> None:
    log = _build(tmp_path / "cached", cache=True)
    _build(tmp_path / "plain", cache=False)
    cached = sorted(p.relative_to(tmp_path / "cached") for p in (tmp_path / "cached").rglob("*"))
    plain = sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*"))
    assert cached == plain
    pages = [rel for rel in cached if rel.suffix == ".html"]
    assert len(pages) > 40
    differing = [
        rel for rel in pages if (tmp_path / "cached" / rel).read_bytes()
        != (tmp_path / "plain" / rel).read_bytes()
    ]
    assert differing == []
    # and the cache did its work: most pages are outside the nav and reused the HTML
    line = next(line for line in log.splitlines() if "theme navigation:" in line)
    rendered, reused = (int(word) for word in line.split() if word.isdigit())
    assert reused > 4 * rendered > 0


def test_pages_in_the_nav_render_their_own_navigation() -> None:
    """The start page is in the nav (its item is active): it gets no key; an article page
    outside the nav gets one, and it holds the links as the url filter makes them."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    config = load_config(str(ROOT / "mkdocs.yml"))
    names = ["index.md", "methodik.md", "artikel/index.md", "artikel/x.md", "themen/y.md"]
    files = Files([File(name, config.docs_dir, config.site_dir, True) for name in names])
    config.nav = [{"Start": "index.md"}, {"Methodik": "methodik.md"}, "artikel/index.md"]
    nav = get_navigation(files, config)
    home = files.get_file_from_path("index.md").page
    outside = Page(None, files.get_file_from_path("artikel/x.md"), config)
    other = Page(None, files.get_file_from_path("themen/y.md"), config)

    cache = theme_cache.PartialCache()
    assert cache.key(home, nav, config, ".", "partials/nav.html") is None
    key = cache.key(outside, nav, config, "../..", "partials/nav.html")
    assert key is not None
    links = [url for _, url, _ in key[-1][-1] if url is not None]
    assert links == ["../..", "../../methodik/", "../"]
    # a page elsewhere in the tree gets other relative links, so another key
    assert cache.key(other, nav, config, "../..", "partials/nav.html") != key
    # the tabs of the same page: the same links under the partial's own name
    assert cache.key(outside, nav, config, "../..", "partials/tabs.html")[1:] == key[1:]
