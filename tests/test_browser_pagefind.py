"""Pagefind search on the real seed site, in a real browser (`search: pagefind` in mkdocs.yml).

The seed site is built with the switch set to `pagefind` into a temporary folder (copy of
docs/, own site/), served on 127.0.0.1 and searched through Pagefind's UI on the "Suche"
page, as a reader would. Expected hits come from the site's data/articles.json, never from
hand-copied values. Every request leaving 127.0.0.1 is aborted and recorded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browser_util import serve
from conftest import ROOT
from test_pagefind import build_seed_site

pytest.importorskip("pagefind", reason="pagefind[extended] is not installed")

# query -> the words of an article that make it an expected hit. Pagefind matches the last
# query word as a prefix, so "Soldat" finding "Soldaten" alone does not show stemming ...
QUERIES = {
    "Soldat": r"\bSoldaten\b",
    "Flugabwehrraketen": r"\bFlugabwehrraketen\b",
    "Kursk": r"\bKursk\b",
    "Lieferungen": r"\bLieferung(en)?\b",
}
# ... but a longer inflected query finding the shorter form does: German stemming.
STEMMED = {"Lieferungen": (r"\bLieferung\b", r"\bLieferungen\b")}
TITLE_LINK = ".pagefind-ui__result-inner > .pagefind-ui__result-title a"


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed_site(tmp_path_factory.mktemp("browser-pagefind"), "pagefind")


@pytest.fixture(scope="module")
def articles(pagefind_site: Path) -> list[dict]:
    return json.loads((pagefind_site / "data" / "articles.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base_url(pagefind_site: Path) -> Iterator[str]:
    """Serve the site under the path of mkdocs.yml's site_url, as it is published: Pagefind
    stores page URLs from the site root, so its result links carry that path."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    prefix = urlsplit(config["site_url"]).path.strip("/")
    root = pagefind_site
    if prefix:
        root = pagefind_site.parent / "served"
        (root / prefix).parent.mkdir(parents=True, exist_ok=True)
        (root / prefix).symlink_to(pagefind_site, target_is_directory=True)
    with serve(root) as url:
        yield url + (f"{prefix}/" if prefix else "")


def search(page, base_url: str, query: str) -> list[str]:
    """Open the Suche page, type `query`, load every result; return the hit paths in order."""
    page.goto(base_url + "suche/")
    page.locator(".pagefind-ui__search-input").fill(query)
    message = page.locator(".pagefind-ui__message")
    message.filter(has_text=re.compile(r"\d")).wait_for()
    total = int(re.search(r"\d+", message.inner_text()).group())
    results = page.locator(".pagefind-ui__result")
    while (shown := results.count()) < total:
        page.locator(".pagefind-ui__button").click()  # "Mehr Ergebnisse laden"
        page.wait_for_function(
            "n => document.querySelectorAll('.pagefind-ui__result').length > n", arg=shown
        )
    # one title link per page; nested results (headings inside it) are left out
    page.wait_for_function(
        f"n => document.querySelectorAll('{TITLE_LINK}').length === n", arg=total
    )
    hrefs = page.locator(TITLE_LINK).evaluate_all("els => els.map(e => e.href)")
    return [urlsplit(href).path for href in hrefs]


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_search_page_finds_the_articles_with_the_word(
    reader, base_url: str, articles: list[dict], query: str
) -> None:
    def containing(pattern: str) -> set[str]:
        return {root + a["url"] for a in articles if re.search(pattern, a["body"] + a["title"])}

    root = urlsplit(base_url).path
    expected = containing(QUERIES[query])
    assert expected, f"no article matches {QUERIES[query]}: the query tests nothing"
    context, watch = reader
    page = context.new_page()
    found = search(page, base_url, query)
    assert len(found) == len(set(found)), "a page listed twice"
    assert expected <= set(found), f"missing: {sorted(expected - set(found))}"
    if query in STEMMED:
        short, long = STEMMED[query]
        only_short = containing(short) - containing(long)
        assert only_short, "no article has only the short form: stemming is not tested"
        assert only_short <= set(found)
    # the first article hit is a working link to that article
    first_hit = next(u for u in found if u in expected)
    article = next(a for a in articles if root + a["url"] == first_hit)
    page.locator(TITLE_LINK, has_text=article["title"]).first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == first_hit
    heading = page.locator("article h1").first.inner_text()
    assert heading.strip().rstrip("¶").strip() == article["title"]
    assert watch.outside_requests == [], "requests left the machine"
    assert watch.console_errors == [], "console errors"
