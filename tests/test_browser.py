"""The built site as a reader meets it: in a real browser, offline, from disk, and without plugins.

Chromium (Debian's /usr/bin/chromium, driven by Playwright) opens the site served from
127.0.0.1. Every request leaving this machine is aborted and recorded; console errors are
collected. Screenshots go to test-artifacts/ for a human to look at.

Expected results come from the site's own data/articles.json (title, url and body of every
article), never from hand-copied values, so the tests hold for any corpus.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from browser_util import DESKTOP, PHONE, Watch, serve
from conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
TABS = ["Start", "Artikel", "Themen", "Methodik"]
# Real reader queries. "Soldat" must also find pages that only say "Soldaten"
# (German stemming, `search: lang: de` in mkdocs.yml).
QUERIES = {
    "Flugabwehrraketen": r"\bFlugabwehrraketen\b",
    "Kursk": r"\bKursk\b",
    "Barrel": r"\bBarrel\b",
    "Soldat": r"\bSoldaten\b",
}


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """Serve the strictly built site on 127.0.0.1; yield its base URL."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def articles(built_site: Path) -> list[dict]:
    """Return the article records the site publishes (the data contract)."""
    return json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))


def shot(page, name: str) -> None:
    """Save a full-page screenshot as a test artifact (test-artifacts/NAME.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(400)  # let Material's transitions (tabs, search panel) finish
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_clean(watch: Watch) -> None:
    assert watch.outside_requests == [], "requests left the machine"
    assert watch.console_errors == [], "console errors"


def site_pages(site: Path) -> list[str]:
    """Return every page of a directory-URL site as a URL path relative to its root."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


# --- reading the site -----------------------------------------------------------------------


def test_home_page_renders_with_its_tabs(reader, base_url: str) -> None:
    context, watch = reader
    page = context.new_page()
    page.goto(base_url)
    site_name = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)[
        "site_name"
    ]
    assert site_name in page.title()
    assert page.locator("article h1").first.inner_text().strip().rstrip("¶").strip()
    tabs = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]
    assert tabs == TABS
    shot(page, "home")
    assert_clean(watch)


def test_article_reached_through_the_articles_index(reader, base_url, articles) -> None:
    context, watch = reader
    page = context.new_page()
    page.goto(base_url)
    page.locator(".md-tabs__link", has_text="Artikel").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/artikel/"
    article = articles[0]
    page.locator("article a", has_text=article["title"]).first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/" + article["url"]
    assert _h1(page) == article["title"]
    shot(page, "article")
    assert_clean(watch)


def test_key_figure_click_scrolls_to_its_highlighted_sentence(reader, base_url, articles) -> None:
    article = max(articles, key=lambda a: len({f["anchor"] for f in a["figures"]}))
    anchors = sorted({f["anchor"] for f in article["figures"]})
    assert len(anchors) >= 2, "need two sentences with figures to compare highlighting"
    target, other = anchors[0], anchors[-1]
    context, watch = reader
    page = context.new_page()
    page.goto(base_url + article["url"])
    link = page.locator(f'article table a[href="#{target}"]').first
    link.click()
    page.wait_for_function(f"location.hash === '#{target}'")
    page.wait_for_timeout(300)  # let the scroll settle
    state = page.evaluate(
        """([target, other]) => {
            const t = document.getElementById(target), o = document.getElementById(other);
            const r = t.getBoundingClientRect();
            const header = document.querySelector(".md-header").getBoundingClientRect();
            return {
                top: r.top, bottom: r.bottom, headerBottom: header.bottom,
                height: window.innerHeight, isTarget: t.matches(":target"),
                targetBg: getComputedStyle(t).backgroundColor,
                otherBg: getComputedStyle(o).backgroundColor,
            };
        }""",
        [target, other],
    )
    assert state["isTarget"]
    # Visible: below the sticky header and above the bottom of the window.
    assert state["top"] >= state["headerBottom"] - 1, state
    assert state["top"] < state["height"], state
    assert state["targetBg"] != state["otherBg"], state
    shot(page, "figure-target")
    assert_clean(watch)


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_search_finds_the_articles_that_contain_the_word(
    reader, base_url, built_site: Path, articles, query: str
) -> None:
    expected = {
        a["url"] for a in articles if re.search(QUERIES[query], a["body"] + " " + a["title"])
    }
    assert expected, f"no article contains {QUERIES[query]}: the query tests nothing"
    context, watch = reader
    page = context.new_page()
    page.goto(base_url)
    found = _search(page, query, base_url)
    article_urls = {a["url"] for a in articles}
    found_articles = {u for u in found if u in article_urls}
    assert expected <= found_articles, f"missing: {sorted(expected - found_articles)}"
    # No false hits: every page found has a word beginning with the query's stem somewhere
    # in its text (article pages also list related articles' titles, so not only the body).
    stem = re.compile(r"\b" + re.escape(query[:5]), re.IGNORECASE)
    unrelated = [u for u in found if not stem.search(_page_text(built_site / u / "index.html"))]
    assert unrelated == []
    if query == "Kursk":
        page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, 0)")
        shot(page, "search")
    assert_clean(watch)


# --- every page: outside requests, console errors, accessibility basics ---------------------

_PAGE_FACTS = """() => {
    const main = document.querySelector("article.md-content__inner");
    const charts = [...main.querySelectorAll("svg")].filter(
        s => !s.parentElement.closest("svg") && !s.closest(".md-icon, .twemoji"));
    return {
        lang: document.documentElement.getAttribute("lang"),
        headings: [...main.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(h => +h.tagName[1]),
        tables: main.querySelectorAll("table").length,
        tablesWithoutHeaders: [...main.querySelectorAll("table")]
            .filter(t => !t.querySelector("th")).length,
        charts: charts.map(s => ({
            role: s.getAttribute("role"),
            named: !!(s.getAttribute("aria-label") || s.getAttribute("aria-labelledby")
                      || s.querySelector(":scope > title")),
        })),
    };
}"""


@pytest.fixture(scope="session")
def page_facts(browser, built_site: Path, base_url: str) -> tuple[dict[str, dict], Watch]:
    """Visit every page once at desktop width; return its facts and what went wrong."""
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    watch = Watch()
    watch.attach(context)
    page = context.new_page()
    facts = {}
    for path in site_pages(built_site):
        page.goto(base_url + path)
        facts[path] = page.evaluate(_PAGE_FACTS)
    context.close()
    return facts, watch


def test_no_page_requests_anything_from_outside_or_logs_errors(page_facts) -> None:
    facts, watch = page_facts
    assert len(facts) >= 10
    assert_clean(watch)


def test_every_page_declares_german(page_facts) -> None:
    facts, _ = page_facts
    assert {path: f["lang"] for path, f in facts.items() if f["lang"] != "de"} == {}


def test_headings_start_at_h1_and_skip_no_level(page_facts) -> None:
    facts, _ = page_facts
    bad = {}
    for path, f in facts.items():
        levels = f["headings"]
        jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        if not levels or levels[0] != 1 or levels.count(1) != 1 or jumps:
            bad[path] = levels
    assert bad == {}


def test_every_table_has_header_cells(page_facts) -> None:
    facts, _ = page_facts
    assert sum(f["tables"] for f in facts.values()) > 0, "no tables at all: nothing tested"
    assert {
        p: f["tablesWithoutHeaders"] for p, f in facts.items() if f["tablesWithoutHeaders"]
    } == {}


def test_charts_are_images_with_a_name(page_facts) -> None:
    facts, _ = page_facts
    bad = {
        path: f["charts"]
        for path, f in facts.items()
        if any(c["role"] != "img" or not c["named"] for c in f["charts"])
    }
    assert bad == {}


def test_no_page_scrolls_sideways_on_a_phone(browser, built_site: Path, base_url, articles) -> None:
    context = browser.new_context(viewport=PHONE, locale="de-DE", is_mobile=True, has_touch=True)
    watch = Watch()
    watch.attach(context)
    page = context.new_page()
    too_wide = {}
    for path in site_pages(built_site):
        page.goto(base_url + path)
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.body.scrollWidth,"
            " window.innerWidth]"
        )
        if max(widths[:2]) > widths[2]:
            too_wide[path] = widths
        if path == "":
            shot(page, "home-390")
        elif path == articles[0]["url"]:
            shot(page, "article-390")
    context.close()
    assert too_wide == {}
    assert_clean(watch)


def test_topic_page_screenshot(reader, base_url, built_site: Path) -> None:
    topics = [p for p in site_pages(built_site) if p.startswith("themen/") and p != "themen/"]
    assert topics
    context, watch = reader
    page = context.new_page()
    page.goto(base_url + topics[0])
    assert _h1(page)
    shot(page, "topic")
    assert_clean(watch)


# --- the offline copy (file://) -------------------------------------------------------------


@pytest.fixture(scope="session")
def offline_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build mkdocs.offline.yml (as `make offline` does) into a fresh folder; return it."""
    site = tmp_path_factory.mktemp("offline")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            "mkdocs.offline.yml",
            "--site-dir",
            str(site),
        ],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_offline_copy_links_only_to_files(offline_site: Path) -> None:
    """Opened from disk, a link to a folder shows a file listing: every link must name a file."""
    broken = []
    # 404.html is for web servers (it links from the site's root URL); not part of the copy.
    pages = sorted(p for p in offline_site.rglob("*.html") if p.name != "404.html")
    for page in pages:
        for href in re.findall(r'(?:href|src)="([^"#]*)(?:#[^"]*)?"', page.read_text("utf-8")):
            parts = urlsplit(href)
            if not href or parts.scheme or href.startswith("//"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(offline_site)}: {href}")
    assert len(pages) >= 10
    assert broken == []


def test_offline_copy_navigates_and_searches_from_disk(browser, offline_site, articles) -> None:
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    watch = Watch()
    watch.attach(context)
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-tabs__link", has_text="Artikel").click()
    page.wait_for_load_state()
    assert page.url.endswith("/artikel/index.html")
    article = articles[0]
    page.locator("article a", has_text=article["title"]).first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith(".html")
    assert _h1(page) == article["title"]
    found = _search(page, "Kursk", offline_site.as_uri() + "/")
    assert found, "offline search returned nothing"
    shot(page, "offline-search")
    context.close()
    assert_clean(watch)


# --- the plain build (no project plugin) ----------------------------------------------------


def test_plain_build_without_the_dossier_plugin(built_site: Path, tmp_path: Path) -> None:
    """`python -m generator build` + `mkdocs build -f mkdocs.plain.yml` give the same pages."""
    for name in ("mkdocs.yml", "mkdocs.plain.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    # Only the hand-written pages: what the generator wrote is listed in its manifest.
    manifest = ROOT / "docs" / ".dossier-manifest.json"
    generated = set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
    for source in sorted((ROOT / "docs").rglob("*")):
        rel = source.relative_to(ROOT / "docs").as_posix()
        if source.is_file() and rel not in generated and source != manifest:
            (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, tmp_path / "docs" / rel)
    assert not (tmp_path / "docs" / "artikel").exists()

    generate = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
    )
    assert generate.returncode == 0, generate.stdout + generate.stderr
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.plain.yml"],
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    plain = {
        p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.html")
    }
    full = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert plain == full


# --- helpers --------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may use MkDocs' !ENV / !relative tags; read them as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _page_text(html: Path) -> str:
    """Return the words of a page's main content (tags dropped, entities kept literal)."""
    source = html.read_text(encoding="utf-8")
    main = source[source.find('<article class="md-content__inner') :]
    return re.sub(r"<[^>]+>", " ", main)


def _h1(page) -> str:
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def _search(page, query: str, root: str) -> list[str]:
    """Type `query` into Material's search box; return the result pages as site-relative URLs."""
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(500)  # results of the last keystroke replace earlier ones
    # Material renders ten results, then four more each time the list is scrolled to its end
    # (an edge: it must leave the end before reaching it again). The count heads the list.
    meta = page.locator(".md-search-result__meta").inner_text()
    total = int(re.sub(r"\D", "", meta) or 1)
    items = page.locator(".md-search-result__list > .md-search-result__item")
    wrap = page.locator(".md-search__scrollwrap")
    for _ in range(total):
        if items.count() >= total:
            break
        wrap.evaluate("el => el.scrollTo(0, 0)")
        page.wait_for_timeout(50)
        wrap.evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(150)
    assert items.count() == total, f"{items.count()} of {total} results rendered"
    hrefs = items.locator("> a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return sorted({_relative(href, root) for href in hrefs})


def _relative(href: str, root: str) -> str:
    """Return the page of a result link relative to the site root, without query or fragment."""
    path = href.split("#", 1)[0].split("?", 1)[0]
    return path.removeprefix(root).removesuffix("index.html")
