"""Pages that would grow with the corpus are split: quotes (zitate.md), sources (quellen.md)
and build report (bericht.md) hold at most a fixed number of item lines each, every item exactly once, and
their pager links resolve. Corpora are synthetic, large enough to need three pages."""

from __future__ import annotations

import html
import re

from markdown.extensions import toc
from test_html_pages import Element, _resolve, parse_page, table_rows
from test_render_extras import TABLES, quotes_corpus
from test_timeline import corpus, extraction, make_article, mention, quote

from generator.models import Corpus, Page, Problem, SeedStatus
from generator.render import paging, quotes, report, sources
from generator.render.common import site_url
from generator.render.quotes import render_quotes
from generator.render.report import render_report
from generator.render.sources import render_sources

PAGER = re.compile(r"Seite \d+ von \d+")


def resolve(page: str, target: str) -> str:
    """The site URL a relative link on `page` points to (directory URLs), anchor left off."""
    return _resolve(site_url(page), target)[0]


def blocks(page: Page) -> list[Element]:
    """The top-level elements of a listing page (headings, paragraphs, lists, tables)."""
    return parse_page(page.content).elements()


def headings(page: Page) -> list[str]:
    """The text of every h2 of a page."""
    return [h.text() for h in parse_page(page.content).iter("h2")]


def pager_lines(page: Page) -> list[Element]:
    return [b for b in blocks(page) if b.tag == "p" and PAGER.search(b.text())]


def list_items(root: Element) -> list[Element]:
    """The items of the bulleted lists among the top-level blocks of `root`."""
    return [li for ul in root.elements() if ul.tag == "ul" for li in ul.elements()]


def assert_pager_links_resolve(pages: tuple[Page, ...]) -> None:
    urls = [site_url(p.path) for p in pages]
    for number, page in enumerate(pages, 1):
        lines = pager_lines(page)
        assert len(lines) == 2 and lines[0] == lines[1]  # above and below the items
        assert f"Seite {number} von {len(pages)}" in lines[0].text()
        targets = {resolve(page.path, link) for link, _ in lines[0].links()}
        assert targets <= set(urls)
        neighbours = {urls[i] for i in (number - 2, number) if 0 <= i < len(urls)}
        assert neighbours <= targets


# ── quotes ────────────────────────────────────────────────────────────────

SPEAKERS = {"Wladimir Putin": 400, "Kim Jong-un": 250, None: 100}  # 750 quotes


def many_quotes_corpus() -> Corpus:
    """One article per quote: speakers as in SPEAKERS, Putin also mentioned (entity page)."""
    made = []
    number = 0
    for speaker, count in SPEAKERS.items():
        for _ in range(count):
            text = f"Aussage Nummer {number:04d}"
            a = make_article(f"q{number:04d}.txt", [[f"Jemand sagte: „{text}“."]])
            mentions = ()
            if speaker == "Wladimir Putin" and number == 0:
                a = make_article(f"q{number:04d}.txt", [[f"Putin sagte: „{text}“."]])
                mentions = (mention(a, "wladimir-putin", "Putin"),)
            made.append(
                extraction(a, "2024-11-22", quotes=(quote(a, text, speaker),), mentions=mentions)
            )
            number += 1
    return corpus(*made)


def test_small_quote_page_is_one_page_without_pager() -> None:
    (page,) = render_quotes(quotes_corpus(), TABLES)
    assert page.path == "zitate.md" and pager_lines(page) == []
    assert "Fortsetzung" not in page.content


def test_quotes_are_split_into_capped_pages_each_quote_once() -> None:
    pages = render_quotes(many_quotes_corpus(), TABLES)
    assert [p.path for p in pages] == ["zitate.md", "zitate/seite_2.md", "zitate/seite_3.md"]
    seen: list[str] = []
    for page in pages:
        lines = [li for li in list_items(parse_page(page.content)) if li.text().startswith("„")]
        assert 0 < len(lines) <= quotes.QUOTES_PER_PAGE
        seen += re.findall(r"Aussage Nummer \d{4}", " ".join(li.text() for li in lines))
        # every quote links to its article's sentence, relative to the page it is on
        for line in lines:
            for link, _ in line.links():
                assert resolve(page.path, link).startswith("artikel/q"), link
                assert link.endswith("#s1")
    assert sorted(seen) == [f"Aussage Nummer {n:04d}" for n in range(750)]
    assert_pager_links_resolve(pages)
    first, second, third = pages
    h1, intro = blocks(first)[:2]
    assert h1.tag == "h1" and h1.text() == "Zitate"
    assert intro.text().startswith("750 direkte Zitate aus 750 Artikeln")
    # Kim's 250 quotes come first; Putin's 400 start on page 1 and run on under a
    # continued heading
    assert headings(first).index("Kim Jong-un (250)") < headings(first).index(
        "Wladimir Putin (400)"
    )
    assert headings(second) == ["Wladimir Putin (400) (Fortsetzung)"]
    assert "Ohne erkennbare Quelle (100)" in headings(third)
    # the entity link sits under the speaker's first heading and resolves from its page
    (entity_page,) = [
        p
        for p in pages
        if "Seite zu Wladimir Putin" in [t for _, t in parse_page(p.content).links()]
    ]
    (target,) = [h for h, t in parse_page(entity_page.content).links() if t.startswith("Seite zu")]
    assert resolve(entity_page.path, target) == site_url("entitaeten/wladimir-putin.md")


# ── sources ───────────────────────────────────────────────────────────────


def many_sources_corpus() -> Corpus:
    """400 articles, one outlet each, every fifth without an outlet: 321 outlet rows and
    400 article lines."""
    made = []
    for n in range(400):
        meta = {} if n % 5 == 0 else {"source": f"Blatt {n:03d}"}
        a = make_article(f"a{n:04d}.txt", [["Text."]], **meta)
        made.append(extraction(a, "2024-11-22"))
    return corpus(*made)


def test_sources_are_split_into_capped_pages_each_outlet_and_article_once() -> None:
    pages = render_sources(many_sources_corpus(), TABLES)
    assert [p.path for p in pages] == ["quellen.md", "quellen/seite_2.md", "quellen/seite_3.md"]
    rows: list[str] = []
    articles: list[str] = []
    for page in pages:
        root = parse_page(page.content)
        outlet_rows = [row for table in root.iter("table") for row in table_rows(table)]
        article_lines = list_items(root)
        assert 0 < len(outlet_rows) + len(article_lines) <= sources.SOURCES_PER_PAGE
        rows += [row[0].text() for row in outlet_rows]
        # every article link resolves, relative to the page it is on
        for line in article_lines:
            ((target, _),) = line.links()
            resolved = resolve(page.path, target)
            assert resolved.startswith("artikel/a") and resolved.endswith("/"), resolved
            articles.append(resolved)
    named = [f"Blatt {n:03d}" for n in range(400) if n % 5]
    assert rows == [*named, "unbekannt"]  # alphabetical, unknown outlet last, each once
    assert sorted(articles) == [site_url(f"artikel/a{n:04d}.md") for n in range(400)]
    assert_pager_links_resolve(pages)
    # a table cut by a page break repeats its header under a continued heading
    assert "Übersicht (Fortsetzung)" in headings(pages[1])
    (table,) = parse_page(pages[1].content).iter("table")
    assert [th.text() for th in table.iter("th")] == ["Quelle", "Artikel", "Zeitraum", "Sprache"]


# ── build report ──────────────────────────────────────────────────────────


def sections(page: Page) -> dict[str, list[Element]]:
    """The blocks under each h2 of a page, by heading text."""
    parts: dict[str, list[Element]] = {}
    heading = ""
    for block in blocks(page):
        if block.tag == "h2":
            heading = block.text()
            parts[heading] = []
        elif heading:
            parts[heading].append(block)
    return parts


def items(parts: list[Element]) -> list[Element]:
    """Seed rows, problem lines and name rows among the blocks (not table headers)."""
    found = []
    for block in parts:
        if block.tag == "table":
            found += [row for row in block.iter("tr") if not list(row.iter("th"))]
        elif block.tag == "ul":
            found += block.elements()
    return found


def big_report_corpus(seeds: int) -> Corpus:
    """`seeds` files: every third skipped with an error; built ones warn and share a name."""
    statuses, made = [], []
    for n in range(seeds):
        file = f"s{n:04d}.txt"
        if n % 3 == 0:
            statuses.append(
                SeedStatus(file, "skipped", None, (Problem(file, "empty file", "error"),))
            )
            continue
        a = make_article(file, [["Text."]])
        made.append(extraction(a, candidates=("Kang Dae-sik", f"Name {n:04d}")))
        statuses.append(SeedStatus(file, "warnings", a.slug, (Problem(file, "no date found"),)))
    c = corpus(*made)
    return Corpus(c.extractions, c.topics, c.entities, report=tuple(statuses))


def test_report_pages_account_for_every_seed_problem_and_name_once() -> None:
    c = big_report_corpus(310)  # 310 seed rows + 310 problems + 207 names = 827 lines
    pages = render_report(c, TABLES)
    assert [p.path for p in pages] == ["bericht.md", "bericht/seite_2.md", "bericht/seite_3.md"]
    rows, problems, names = [], [], []
    for page in pages:
        parts = sections(page)
        assert 0 < sum(len(items(b)) for b in parts.values()) <= report.REPORT_LINES_PER_PAGE
        for heading, part in parts.items():
            tables = [b for b in part if b.tag == "table"]
            if heading.startswith("Dateien"):
                # a table cut by a page break repeats its header on the next page
                (table,) = tables
                assert [th.text() for th in table.iter("th")] == ["Datei", "Status", "Probleme"]
                rows += [re.search(r"s\d{4}", row.text()).group() for row in items(part)]
            elif heading.startswith("Probleme"):
                problems += [li.text() for li in items(part) if li.elements()[0].tag == "strong"]
            elif heading.startswith("Namen"):
                (table,) = tables
                assert [th.text() for th in table.iter("th")] == ["Name", "Artikel", "Dateien"]
                names += [row.text() for row in items(part)]
    assert rows == [s.file.removesuffix(".txt") for s in c.report]
    assert len(problems) == 310 and len(set(problems)) == 310
    assert len(names) == 207 and len(set(names)) == 207
    assert_pager_links_resolve(pages)
    assert "310 Dateien gelesen: 0 erstellt, 206 mit Warnungen erstellt, 104 übersprungen" in (
        blocks(pages[0])[1].text()
    )
    # the seed table runs over onto page 2, the problems onto page 3
    assert "Dateien (Fortsetzung)" in headings(pages[1])
    assert "Probleme (Fortsetzung)" in headings(pages[2])
    # built seeds link to their article, from whichever page they are on
    for page in pages:
        for target, _ in parse_page(page.content).links():
            resolved = resolve(page.path, target)
            assert resolved.startswith(("artikel/s", "bericht")), resolved


def test_candidate_row_lists_at_most_files_shown() -> None:
    c = big_report_corpus(60)  # "Kang Dae-sik" is in the 40 built files
    (row,) = [
        [cell.text() for cell in row]
        for page in render_report(c, TABLES)
        for table in parse_page(page.content).iter("table")
        for row in table_rows(table)
        if row[0].text() == "Kang Dae-sik"
    ]
    assert row[1] == "40"
    assert row[2].count(".txt") == report.FILES_SHOWN
    assert row[2].endswith(f"… und {40 - report.FILES_SHOWN} weitere")


def test_page_paths_keep_the_first_page_where_it_was() -> None:
    assert paging.page_path("zitate.md", 1) == "zitate.md"
    assert paging.page_path("zitate.md", 12) == "zitate/seite_12.md"
    assert paging.pager("zitate.md", ["zitate.md"], 1) == ""


def test_heading_ids_are_those_of_python_markdown_toc() -> None:
    # the ids the pages had as Markdown: links from elsewhere point at them
    assert paging.toc_slug("Namen, die nicht im Verzeichnis stehen") == (
        "namen-die-nicht-im-verzeichnis-stehen"
    )
    assert paging.toc_slug("Übersicht") == "ubersicht"
    assert paging.toc_slug("Blatt &#60;b&#62; (3)") == "blatt-b-3"
    for text in ("Kim Jong-un (250) (Fortsetzung)", "Ærø – „Zitat“ &#38; Co_2", "&#35;&#42;"):
        assert paging.toc_slug(text) == toc.slugify(html.unescape(text), "-"), text
    # repeated headings on one page are numbered as the toc extension numbers them
    texts = ("A", "A", "a_1", "&#35;", "&#35;", "B 1", "b_1", "b")
    used: set[str] = set()
    ids = [re.search(r'id="([^"]*)"', paging._heading(2, t, used)).group(1) for t in texts]
    assert ids == ["a", "a_1", "a_2", "_1", "_2", "b-1", "b_1", "b"]


# ── entity pages ──────────────────────────────────────────────────────────


def test_entity_page_lists_a_bounded_number_of_articles_most_mentioning_first() -> None:
    from generator.render.entities import ARTICLES_SHOWN, MENTIONS_SHOWN, render_entities

    made = []
    for number in range(ARTICLES_SHOWN + 30):
        # article 0070 names Putin three times: it must come first however the files sort
        times = 3 if number == 70 else 1
        sentences = [f"Putin sprach am Tag {number}, Runde {n}." for n in range(times)]
        a = make_article(f"p{number:04d}.txt", [sentences], title=f"Bericht {number:04d}")
        mentions = tuple(mention(a, "wladimir-putin", "Putin", n) for n in range(times))
        made.append(extraction(a, "2024-11-22", mentions=mentions))
    pages = {p.path: p for p in render_entities(corpus(*made), TABLES)}
    html = pages["entitaeten/wladimir-putin.md"].content
    articles = html.split('id="artikel"', 1)[1].split("</ul>", 1)[0]
    listed = re.findall(r"Bericht \d{4}", articles)
    assert len(listed) == ARTICLES_SHOWN
    assert listed[0] == "Bericht 0070" and listed[1:3] == ["Bericht 0000", "Bericht 0001"]
    assert "und 30 weitere Artikel" in articles and "entities.json" in articles
    assert ARTICLES_SHOWN + 32 < MENTIONS_SHOWN  # every mention sentence is still listed
    assert html.count("Satz ") == ARTICLES_SHOWN + 32
