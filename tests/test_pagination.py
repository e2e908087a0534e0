"""Pages that would grow with the corpus are split: quotes (zitate.md), sources (quellen.md)
and build report (bericht.md) hold at most a fixed number of item lines each, every item exactly once, and
their pager links resolve. Corpora are synthetic, large enough to need three pages."""

from __future__ import annotations

import posixpath
import re

from test_render_extras import TABLES, quotes_corpus
from test_timeline import corpus, extraction, make_article, mention, quote

from generator.models import Corpus, Page, Problem, SeedStatus
from generator.render import paging, quotes, report, sources
from generator.render.quotes import render_quotes
from generator.render.report import render_report
from generator.render.sources import render_sources

LINK = re.compile(r"\]\(([^)#]+)(#[^)]*)?\)")


def resolve(page: str, target: str) -> str:
    """The docs/ path a relative Markdown link on `page` points to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


def pager_lines(page: Page) -> list[str]:
    return [line for line in page.content.splitlines() if re.search(r"Seite \d+ von \d+", line)]


def assert_pager_links_resolve(pages: tuple[Page, ...]) -> None:
    paths = [p.path for p in pages]
    for number, page in enumerate(pages, 1):
        lines = pager_lines(page)
        assert len(lines) == 2 and lines[0] == lines[1]  # above and below the items
        assert f"Seite {number} von {len(pages)}" in lines[0]
        targets = {resolve(page.path, m.group(1)) for m in LINK.finditer(lines[0])}
        assert targets <= set(paths)
        neighbours = {paths[i] for i in (number - 2, number) if 0 <= i < len(paths)}
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
        lines = [line for line in page.content.splitlines() if line.startswith("- „")]
        assert 0 < len(lines) <= quotes.QUOTES_PER_PAGE
        seen += re.findall(r"Aussage Nummer \d{4}", "\n".join(lines))
        # every quote links to its article's sentence, relative to the page it is on
        for target in LINK.findall("\n".join(lines)):
            assert resolve(page.path, target[0]).startswith("artikel/q"), target
            assert target[1] == "#s1"
    assert sorted(seen) == [f"Aussage Nummer {n:04d}" for n in range(750)]
    assert_pager_links_resolve(pages)
    first, second, third = (p.content for p in pages)
    assert first.startswith("# Zitate\n\n750 direkte Zitate aus 750 Artikeln")
    # Kim's 250 quotes come first; Putin's 400 start on page 1 and run on under a
    # continued heading
    assert first.index("## Kim Jong-un (250)") < first.index("## Wladimir Putin (400)\n")
    assert second.count("## ") == 1 and "## Wladimir Putin (400) (Fortsetzung)" in second
    assert "## Ohne erkennbare Quelle (100)" in third
    # the entity link sits under the speaker's first heading and resolves from its page
    (entity_page,) = [p for p in pages if "[Seite zu Wladimir Putin]" in p.content]
    (target,) = re.findall(r"\[Seite zu Wladimir Putin\]\(([^)]+)\)", entity_page.content)
    assert resolve(entity_page.path, target) == "entitaeten/wladimir-putin.md"


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
        lines = page.content.splitlines()
        outlet_rows = [x for x in lines if x.startswith("| ") and not x.startswith("| Quelle |")]
        article_lines = [x for x in lines if x.startswith("- [")]
        assert 0 < len(outlet_rows) + len(article_lines) <= sources.SOURCES_PER_PAGE
        rows += [x.split(" | ")[0][2:] for x in outlet_rows]
        # every article link resolves, relative to the page it is on
        for line in article_lines:
            (target,) = LINK.findall(line)
            resolved = resolve(page.path, target[0])
            assert resolved.startswith("artikel/a") and resolved.endswith(".md"), resolved
            articles.append(resolved)
    named = [f"Blatt {n:03d}" for n in range(400) if n % 5]
    assert rows == [*named, "unbekannt"]  # alphabetical, unknown outlet last, each once
    assert sorted(articles) == [f"artikel/a{n:04d}.md" for n in range(400)]
    assert_pager_links_resolve(pages)
    # a table cut by a page break repeats its header under a continued heading
    assert "## Übersicht (Fortsetzung)" in pages[1].content
    assert pages[1].content.count("| Quelle | Artikel | Zeitraum | Sprache |") == 1


# ── build report ──────────────────────────────────────────────────────────


def sections(page: Page) -> dict[str, list[str]]:
    """The lines under each "## " heading of a page."""
    parts: dict[str, list[str]] = {}
    heading = ""
    for line in page.content.splitlines():
        if line.startswith("## "):
            heading = line[3:]
            parts[heading] = []
        elif heading:
            parts[heading].append(line)
    return parts


def is_item(line: str) -> bool:
    """A seed row, problem line or name row (not a table header or separator)."""
    if line.startswith("- **"):
        return True
    return line.startswith("| ") and not line.startswith(("| Datei |", "| Name |"))


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
        items = [line for lines in parts.values() for line in lines if is_item(line)]
        assert 0 < len(items) <= report.REPORT_LINES_PER_PAGE
        for heading, lines in parts.items():
            table = [line for line in lines if line.startswith("|")]
            if heading.startswith("Dateien"):
                # a table cut by a page break repeats its header on the next page
                assert table[0] == "| Datei | Status | Probleme |"
                rows += [re.search(r"s\d{4}", line).group() for line in table[2:]]
            elif heading.startswith("Probleme"):
                problems += [line for line in lines if line.startswith("- **")]
            elif heading.startswith("Namen"):
                assert table[0] == "| Name | Artikel | Dateien |"
                names += table[2:]
    assert rows == [s.file.removesuffix(".txt") for s in c.report]
    assert len(problems) == 310 and len(set(problems)) == 310
    assert len(names) == 207 and len(set(names)) == 207
    assert_pager_links_resolve(pages)
    assert "310 Dateien gelesen: 0 erstellt, 206 mit Warnungen erstellt, 104 übersprungen" in (
        pages[0].content
    )
    # the seed table runs over onto page 2, the problems onto page 3
    assert "## Dateien (Fortsetzung)" in pages[1].content
    assert "## Probleme (Fortsetzung)" in pages[2].content
    # built seeds link to their article, from whichever page they are on
    for page in pages:
        for target, _ in LINK.findall(page.content):
            resolved = resolve(page.path, target)
            assert resolved.startswith(("artikel/s", "bericht")), resolved


def test_candidate_row_lists_at_most_files_shown() -> None:
    c = big_report_corpus(60)  # "Kang Dae-sik" is in the 40 built files
    text = "".join(p.content for p in render_report(c, TABLES))
    (row,) = [line for line in text.splitlines() if line.startswith("| Kang Dae-sik")]
    assert row.startswith("| Kang Dae-sik | 40 |")
    assert row.count(".txt") == report.FILES_SHOWN
    assert row.endswith(f"… und {40 - report.FILES_SHOWN} weitere |")


def test_page_paths_keep_the_first_page_where_it_was() -> None:
    assert paging.page_path("zitate.md", 1) == "zitate.md"
    assert paging.page_path("zitate.md", 12) == "zitate/seite_12.md"
    assert paging.pager("zitate.md", ["zitate.md"], 1) == ""


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
