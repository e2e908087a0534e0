"""Pages written as raw HTML (render.common.html_page, front matter `dossier_html: true`).

Two invariants the build relies on, checked on real builds (the five seeds and a synthetic
corpus of 60 articles from bench/make_corpus.py):

- Python-Markdown, configured like mkdocs.yml, returns the body of such a page unchanged:
  the dossier plugin skips the Markdown pass for them, so skipping must not change a thing.
- Their links are final relative URLs (MkDocs does not rewrite links in raw HTML): with
  directory URLs ("artikel/x/") and with .html files (`url_style(False)`, file:// copies)
  every link leads to a generated page, and every #anchor to an id on that page.

Also holds the small HTML helpers the other render tests use to read these pages.
"""

from __future__ import annotations

import importlib.util
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data  # MkDocs strips front matter the same way

from generator.models import Page
from generator.pipeline import build
from generator.render import render_site
from generator.render.common import HTML_PAGE_META, href, site_url, url_style
from generator.tables import load_tables

ROOT = Path(__file__).resolve().parents[1]
# Hand-written pages of docs/ that generated pages may link to.
HAND_WRITTEN = ("index.md", "methodik.md")
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
)


# ── reading the HTML of a page ────────────────────────────────────────────


@dataclass
class Element:
    """One HTML element: tag, attributes, children (elements and text, unescaped)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """Return every descendant element (document order), only `tag` ones if given."""
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def elements(self) -> list[Element]:
        """Return the child elements (no text)."""
        return [c for c in self.children if isinstance(c, Element)]

    def text(self) -> str:
        """Return the visible text, whitespace folded; a heading's permalink "¶" left out."""
        parts: list[str] = []

        def walk(node: Element) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif "headerlink" not in child.attrs.get("class", "").split():
                    walk(child)

        walk(self)
        return " ".join("".join(parts).split())

    def by_id(self, anchor: str) -> Element:
        """Return the one descendant with id `anchor` (fails the test if there is none)."""
        (found,) = [e for e in self.iter() if e.attrs.get("id") == anchor]
        return found

    def links(self) -> list[tuple[str, str]]:
        """Return (href, text) of every link below, permalinks of headings left out."""
        return [
            (e.attrs.get("href", ""), e.text())
            for e in self.iter("a")
            if "headerlink" not in e.attrs.get("class", "").split()
        ]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {n: v or "" for n, v in attrs}))

    def handle_endtag(self, tag):
        # close up to the matching open element; a stray end tag is ignored
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    """Return the element tree of an HTML fragment, under a root element "#root"."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def split_page(content: str) -> tuple[dict, str]:
    """Return (front matter, body) of a page file, as MkDocs reads them."""
    body, meta = get_data(content)
    return meta, body


def parse_page(content: str) -> Element:
    """Return the element tree of a page written as HTML; fails unless it is flagged as one."""
    meta, body = split_page(content)
    assert meta.get(HTML_PAGE_META) is True, content[:200]
    return parse_html(body)


def section(root: Element, start_id: str, end_id: str | None = None) -> Element:
    """Return the top-level blocks after the heading with id `start_id`, up to the heading
    with id `end_id` (or the end of the page), under a new root."""
    blocks = root.elements()
    start = next(i for i, e in enumerate(blocks) if e.attrs.get("id") == start_id) + 1
    end = len(blocks)
    if end_id is not None:
        end = next(i for i, e in enumerate(blocks) if e.attrs.get("id") == end_id)
    return Element("#section", children=list(blocks[start:end]))


def table_lines(html: str) -> list[str]:
    """Return every table row of an HTML fragment as one line "| cell | cell |" of the
    cells' inner HTML (character references kept, so escaping can be checked)."""
    return [
        "| " + " | ".join(re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)) + " |"
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    ]


def table_rows(table: Element) -> list[list[Element]]:
    """Return the body rows of a table as lists of their cells."""
    (tbody,) = table.iter("tbody")
    return [row.elements() for row in tbody.iter("tr")]


# ── builds ────────────────────────────────────────────────────────────────


def project_markdown() -> markdown.Markdown:
    """Python-Markdown configured with the extensions of the project's mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions.append(name)
        options[name] = settings or {}
    return markdown.Markdown(extensions=extensions, extension_configs=options)


def _load_make_corpus():
    """bench/ is not a package: load bench/make_corpus.py by path."""
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Built:
    """One corpus built into docs/ (directory URLs) and rendered again for .html URLs."""

    name: str
    docs: Path
    pages: tuple[Page, ...]
    file_url_pages: tuple[Page, ...]


@pytest.fixture(scope="module", params=["seeds", "synthetic-60"])
def built(request, tmp_path_factory) -> Built:
    """The five seeds, or 60 synthetic articles, built by the pipeline into a temp docs/."""
    work = tmp_path_factory.mktemp(request.param)
    if request.param == "seeds":
        seeds = ROOT / "seeds"
    else:
        seeds = work / "seeds"
        assert len(_load_make_corpus().write_corpus(60, seeds)) == 60
    result = build(seeds, work / "docs", cache_dir=None)
    assert not result.write.problems, result.write.problems
    tables = load_tables(seeds / "_tables")
    file_urls = render_site(result.corpus, tables, directory_urls=False)
    return Built(request.param, work / "docs", result.pages, file_urls)


def html_pages(pages: tuple[Page, ...]) -> list[Page]:
    """Return the pages flagged as raw HTML."""
    return [
        p
        for p in pages
        if p.path.endswith(".md") and split_page(p.content)[0].get(HTML_PAGE_META) is True
    ]


# ── 1. the plugin's fast path changes nothing ─────────────────────────────


def test_markdown_passes_every_html_page_through_unchanged(built: Built) -> None:
    written = {p.relative_to(built.docs).as_posix() for p in built.docs.rglob("*.md")}
    pages = html_pages(built.pages)
    # the pages that grow with the corpus are all HTML, and they were written to docs/
    kinds = {p.path.split("/")[0] for p in pages}
    listings = {"zitate.md", "quellen.md", "bericht.md"}
    assert {"artikel", "themen", "entitaeten", "zeitleiste.md", *listings} <= kinds, kinds
    assert len(pages) > (60 if built.name == "synthetic-60" else 5)
    for page in pages:
        assert page.path in written
        on_disk = (built.docs / page.path).read_text(encoding="utf-8")
        assert on_disk == page.content
        _, body = split_page(on_disk)
        assert project_markdown().convert(body) == body.strip(), page.path
    for page in html_pages(built.file_url_pages):
        _, body = split_page(page.content)
        assert project_markdown().convert(body) == body.strip(), page.path


# ── 2. links resolve, with either URL style ───────────────────────────────


def _ids(page: Page) -> set[str]:
    meta, body = split_page(page.content)
    html = body if meta.get(HTML_PAGE_META) is True else project_markdown().convert(body)
    return {e.attrs["id"] for e in parse_html(html).iter() if "id" in e.attrs}


def _targets(pages: tuple[Page, ...], directory_urls: bool) -> dict[str, Page]:
    """Return {site URL: page} for the generated pages and the hand-written ones."""
    everything = [*pages]
    generated = {p.path for p in pages}
    for path in HAND_WRITTEN:
        if path not in generated:
            everything.append(Page(path, (ROOT / "docs" / path).read_text(encoding="utf-8")))
    targets = {}
    for page in everything:
        if not page.path.endswith(".md"):
            url = page.path  # data files keep their name
        elif directory_urls:
            url = site_url(page.path)
        else:
            url = page.path[: -len(".md")] + ".html"
        targets[url] = page
    return targets


def _resolve(source_url: str, link: str) -> tuple[str, str | None]:
    """Return (target URL, anchor) of a relative link on the page at `source_url`."""
    path, _, anchor = link.partition("#")
    if not path:
        return source_url, anchor or None
    if source_url.endswith("/") or not source_url:
        base = source_url
    else:
        folder = posixpath.dirname(source_url)
        base = f"{folder}/" if folder else ""
    target = posixpath.normpath(posixpath.join(base, path))
    if target == ".":
        target = ""
    elif path.endswith("/"):
        target += "/"
    assert not target.startswith(".."), (source_url, link)  # never above the site root
    return target, anchor or None


def _links(pages: tuple[Page, ...], directory_urls: bool) -> Iterator[tuple[Page, str, str]]:
    """Yield (page, href, resolved target URL or "") for every internal link of HTML pages,
    checking the anchor too ("" when the target or its anchor does not exist)."""
    targets = _targets(pages, directory_urls)
    url_of = {page.path: url for url, page in targets.items()}
    ids: dict[str, set[str]] = {}
    for page in html_pages(pages):
        for link, _text in parse_page(page.content).links():
            if link.startswith(("http://", "https://")):
                continue
            target, anchor = _resolve(url_of[page.path], link)
            found = targets.get(target)
            if found is not None and anchor is not None:
                if found.path not in ids:
                    ids[found.path] = _ids(found)
                if anchor not in ids[found.path]:
                    found = None
            yield page, link, (target if found is not None else "")


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "html-files"])
def test_links_between_generated_pages_resolve(built: Built, directory_urls: bool) -> None:
    pages = built.pages if directory_urls else built.file_url_pages
    checked, broken, data_links = 0, [], 0
    for page, link, target in _links(pages, directory_urls):
        data_links += target.startswith("data/")
        if link.split("#")[0] and not directory_urls:
            # file:// copies have no directory index: every page link names its .html file
            assert link.split("#")[0].endswith((".html", ".csv", ".json")), (page.path, link)
        if directory_urls:
            assert ".html" not in link and ".md" not in link, (page.path, link)
        checked += 1
        if not target:
            broken.append((page.path, link))
    assert broken == []
    # not a vacuous pass: every article page is linked from the articles index, by URL style
    assert checked > 100
    if built.name == "synthetic-60":  # capped claim tables and events point to data files
        assert data_links > 0
    index = next(p for p in pages if p.path == "artikel/index.md")
    article_links = [h for h, _ in parse_page(index.content).links()]
    assert len(article_links) == len([p for p in pages if p.path.startswith("artikel/")]) - 1
    assert all(h.endswith("/" if directory_urls else ".html") for h in article_links)


def test_links_to_data_files_resolve() -> None:
    assert href("themen/troops.md", "data/figures.csv") == "../../data/figures.csv"
    assert href("zeitleiste.md", "data/timeline.json") == "../data/timeline.json"
    assert href("entitaeten/x.md", "data/entities.json") == "../../data/entities.json"
    with url_style(False):
        assert href("themen/troops.md", "data/figures.csv") == "../data/figures.csv"


def test_url_styles_give_the_expected_relative_urls() -> None:
    # directory URLs: a page is a folder; an index.md is its folder
    assert href("artikel/x.md", "entitaeten/y.md") == "../../entitaeten/y/"
    assert href("artikel/x.md", "artikel/x.md", "s3") == "#s3"
    assert href("artikel/seite_2.md", "artikel/index.md") == "../"
    assert href("artikel/index.md", "artikel/a.md") == "a/"
    assert href("zeitleiste/2024.md", "zeitleiste.md") == "../"
    with url_style(False):
        assert href("artikel/x.md", "entitaeten/y.md") == "../entitaeten/y.html"
        assert href("artikel/seite_2.md", "artikel/index.md") == "index.html"
        assert href("zeitleiste.md", "zeitleiste/2024.md") == "zeitleiste/2024.html"
        assert href("zeitleiste/2024.md", "zeitleiste.md") == "../zeitleiste.html"
    # the style is scoped to the block
    assert href("artikel/x.md", "entitaeten/y.md") == "../../entitaeten/y/"


# ── 3. what the search index reads of an article page ─────────────────────


def test_search_view_keeps_headings_and_text_and_drops_markup_and_table(built: Built) -> None:
    """The Material search plugin reads generator.mkdocs_plugin.search_view of an article
    page: every sentence's text and the section headings, no inline markup, no table."""
    from generator.mkdocs_plugin import html_page_toc, search_view

    checked = 0
    for page in html_pages(built.pages):
        front, body = split_page(page.content)
        if (front.get("search") or {}).get("exclude") or not page.path.startswith("artikel/"):
            continue  # the listing pages (sources, report) are searchable too: not articles
        view = parse_html(search_view(body, tables=False))  # as the plugin does for articles
        assert not [e for tag in ("table", "a", "span", "time") for e in view.iter(tag)], page.path
        full = parse_html(body)
        for sentence in full.iter("span"):
            if "dossier-sentence" in sentence.attrs.get("class", ""):
                assert sentence.text() in view.text(), (page.path, sentence.text())
        headings = [h.attrs["id"] for h in view.iter("h2")]
        assert headings == ["kennzahlen", "text", "verwandte-artikel"], page.path
        assert [item.id for item in html_page_toc(body)] == headings
        checked += 1
    assert checked == (60 if built.name == "synthetic-60" else 5)


def test_mkdocs_builds_our_html_pages_without_markdown_and_others_with_it(built: Built) -> None:
    """generator.mkdocs_plugin.HtmlPage hands a flagged page's body to MkDocs as it is (what
    Python-Markdown would give, see above) with its toc and anchor ids; a page without the
    flag goes through Markdown as before. nav_titles gives the titles the nav config names."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from generator.mkdocs_plugin import HtmlPage, nav_titles

    config = load_config(str(ROOT / "mkdocs.yml"))
    md = project_markdown()
    page = html_pages(built.pages)[0]
    front, body = split_page(page.content)
    file = File(page.path, config.docs_dir, config.site_dir, True)
    mkdocs_page = HtmlPage(None, file, config)
    mkdocs_page.markdown, mkdocs_page.meta = body, front
    mkdocs_page.render(config, Files([file]))
    assert mkdocs_page.content == md.convert(body).strip()
    assert [item.id for item in mkdocs_page.toc] == ["kennzahlen", "text", "verwandte-artikel"]
    assert set(_ids(page)) <= mkdocs_page.present_anchor_ids
    assert mkdocs_page.title == front["title"]

    plain = HtmlPage(None, File("notes.md", config.docs_dir, config.site_dir, True), config)
    plain.markdown, plain.meta = "# Notes\n\nSome *text*.\n", {}
    plain.render(config, Files([plain.file]))
    assert plain.content.startswith('<h1 id="notes">Notes<a class="headerlink"')
    assert plain.content.endswith("<p>Some <em>text</em>.</p>")
    assert plain.title == "Notes"

    names = ["index.md", "artikel/index.md", "q.md", "abs.md"]
    files = Files([File(name, config.docs_dir, config.site_dir, True) for name in names])
    nav = [
        {"Start": "index.md"},
        {"Artikel": ["artikel/index.md", {"Quellen": "./q.md"}, {"Wieder": "q.md"}]},
        {"Absolut": "/abs.md"},
        {"Extern": "https://example.org/"},
    ]
    # as MkDocs reads the nav: "./q.md" is q.md, the first title counts, "/abs.md" is a
    # link unless absolute links are relative to docs/
    expected = {"index.md": "Start", "artikel/index.md": None, "q.md": "Quellen"}
    assert nav_titles(nav, files, config) == expected
    from mkdocs.structure.pages import _AbsoluteLinksValidationValue  # what the option holds

    config.validation.nav.absolute_links = _AbsoluteLinksValidationValue.RELATIVE_TO_DOCS
    assert nav_titles(nav, files, config) == {**expected, "abs.md": "Absolut"}
