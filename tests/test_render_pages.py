"""Article and topic pages: Markdown content, escaping, and a strict MkDocs build of the result.

The strict build is the proof that every link and #anchor the pages contain resolves:
MkDocs 1.6 collects ids of raw inline HTML (the sentence spans) and of attr_list headings
(the claim sections), and fails a `--strict` build on any link to a missing anchor.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from test_html_pages import (
    parse_page,
    project_markdown,
    section,
    split_page,
    table_rows,
)
from test_link import (
    corpus,
    date,
    extraction,
    figure,
    make_article,
    mention,
    quote,
    tables,
    troop_corpus,
)

from generator.link import link_corpus
from generator.models import Page, SeedMeta
from generator.render import articles as articles_module
from generator.render.articles import (
    describe_value,
    format_number,
    render_articles,
)
from generator.render.common import entity_path
from generator.render.topics import claim_summary, render_topics

MKDOCS_YML = """\
site_name: Test
docs_dir: docs
site_dir: site
theme:
  name: material
  language: de
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
validation:
  nav:
    omitted_files: info
    not_found: warn
  links:
    not_found: warn
    anchors: warn
    absolute_links: info
    unrecognized_links: warn
"""


def mkdocs_build(tmp_path: Path, pages: tuple[Page, ...]) -> subprocess.CompletedProcess:
    """Write pages (plus stub entity pages) into a fresh MkDocs project; build it strictly."""
    docs = tmp_path / "docs"
    written = {}
    for page in pages:
        written[page.path] = page.content
    for linked in sorted(
        {m for p in pages for m in re.findall(r"entitaeten/[\w-]+\.md", p.content)}
    ):
        written.setdefault(linked, f"# {linked}\n")
    written.setdefault("index.md", "# Start\n")
    for path, content in written.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return subprocess.run(
        # not -q: a quiet build does not count warnings, so --strict would pass them
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        check=False,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        text=True,
    )


def pages_by_path(pages: tuple[Page, ...]) -> dict[str, str]:
    return {page.path: page.content for page in pages}


# ── formatting ────────────────────────────────────────────────────────────


def test_numbers_and_qualifiers_read_in_german() -> None:
    assert format_number(12000) == "12.000"
    assert format_number(1e6) == "1.000.000"
    assert format_number(2.5) == "2,5"
    assert describe_value(12000, 15000, "range") == "zwischen 12.000 und 15.000"
    assert describe_value(10000, 10000, "more_than") == "mehr als 10.000"
    assert describe_value(43, 43, "exact") == "43"


# ── article pages ─────────────────────────────────────────────────────────


def test_article_page_links_figures_to_sentences_and_claims() -> None:
    pages = pages_by_path(render_articles(corpus(), tables()))
    page = pages["artikel/c.md"]
    meta, body = split_page(page)
    assert meta["title"] == "Titel" and meta["dossier_html"] is True
    assert body.startswith("<h1>Titel</h1>\n")
    root = parse_page(page)
    facts = [li.text() for li in root.elements()[1].iter("li")]
    assert "Quelle: unbekannt" in facts
    assert "Veröffentlicht: 22.11.2024 (aus dem Text erschlossen)" in facts
    assert "Datei: c.txt" in facts
    # each figure row: value linked to its sentence, badge, topic linked to its claim
    (table,) = section(root, "kennzahlen", "text").iter("table")
    rows = {row[0].links()[0]: row for row in table_rows(table)}
    assert list(rows) == [("#s1", "10.000"), ("#s2", "100.000"), ("#s3", "1.000.000")]
    row = rows[("#s2", "100.000")]
    (badge,) = row[1].iter("span")
    assert badge.attrs["class"] == "dossier-badge dossier-q-up-to" and badge.text() == "bis zu"
    (modality,) = row[5].iter("span")
    assert "dossier-m-projection" in modality.attrs["class"] and modality.text() == "Prognose"
    assert row[4].text() == "Wolodymyr Selenskyj"
    assert row[3].links() == [("../../themen/troops/#angabe-soldaten", "Truppen")]
    assert rows[("#s3", "1.000.000")][3].links() == [("../../themen/oil/#angabe-barrel-oel", "Öl")]
    # the sentence carries its id, the figure is marked, the entity mention is a link
    sentence = root.by_id("s2")
    assert sentence.tag == "span"
    assert sentence.attrs["class"] == "dossier-sentence dossier-has-figure"
    (marked,) = [e for e in sentence.iter("span") if "dossier-figure" in e.attrs["class"]]
    assert marked.attrs == {"class": "dossier-figure dossier-q-up-to", "title": "bis zu 100.000"}
    assert marked.text() == "bis zu 100.000"
    assert sentence.links() == [("../../entitaeten/wolodymyr-selenskyj/", "Selenskyj")]
    assert '<a href="../../entitaeten/wolodymyr-selenskyj/">Selenskyj</a> warnte' in page
    # every same-page link leads to a sentence of this page
    ids = {e.attrs["id"] for e in root.iter() if "id" in e.attrs}
    assert {h[1:] for h, _ in root.links() if h.startswith("#")} == {"s1", "s2", "s3"} <= ids
    # related articles name their reasons
    assert root.by_id("verwandte-artikel").text() == "Verwandte Artikel"
    first = section(root, "verwandte-artikel").elements()[0].elements()[0]
    assert first.links() == [("../a/", "Titel")]
    assert first.text().startswith("Titel — gemeinsame Zahlenangaben: Barrel Öl, Soldaten")


def test_article_text_is_escaped_and_facts_are_nested_safely() -> None:
    first = "<script>alert(1)</script> [klick](http://x) {: .evil } und *fett*."
    title = "Titel mit <b>Tag</b> & [Link](x)"
    hostile = make_article(
        "h",
        [
            [first, "Am 4. November sagte Putin: „Wir liefern 300 Panzer.“ Das ist alles."],
            ["- keine Liste", "1. kein Punkt"],
        ],
        title=title,
        meta=SeedMeta(source="Quelle_*x*", url="javascript:alert(1)"),
    )
    ex = extraction(
        hostile,
        "2024-11-05",
        figures=[figure(hostile, "300", 300, 300, "exact", "Panzer", "other")],
        dates=[date(hostile, "Am 4. November", "2024-11-04")],
        mentions=[mention(hostile, "wladimir-putin", "Putin")],
        quotes=[quote(hostile, "Wir liefern 300 Panzer.", "Wladimir Putin")],
    )
    linked = link_corpus((ex,), tables(), (), ())
    page = pages_by_path(render_articles(linked, tables()))["artikel/h.md"]
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # the <title> comes from the front matter: still escaped against striptags
    assert 'title: "Titel mit &#60;b&#62;Tag&#60;/b&#62; &#38; &#91;Link&#93;&#40;x&#41;"' in page
    root = parse_page(page)
    # hostile text is text: the sentence and the title hold no element, only their literal text
    sentence = root.by_id("s1")
    assert sentence.elements() == [] and sentence.text() == first
    (h1,) = root.iter("h1")
    assert h1.elements() == [] and h1.text() == title
    (source,) = [li for li in root.iter("li") if li.text().startswith("Quelle:")]
    assert [e.tag for e in source.elements()] == ["strong"]
    assert source.text() == "Quelle: Quelle_*x*"
    assert not {"script", "b"} & {e.tag for e in root.iter()}
    # not even Markdown, were it run on the page, would make markup of it
    _, body = split_page(page)
    assert project_markdown().convert(body) == body.strip()
    assert "javascript" not in page  # only http(s) URLs become links
    # Putin is not in the gazetteer of these tables: no link to a page that does not exist
    assert "entitaeten/wladimir-putin" not in page
    # the quote wraps the figure; the date is a <time>
    assert '<time class="dossier-date" datetime="2024-11-04">Am 4. November</time>' in page
    assert re.search(
        r'<span class="dossier-quote">Wir liefern <span class="dossier-figure[^>]*>300</span>'
        r" Panzer.</span>",
        page,
    )
    # a paragraph that looks like a list is a paragraph that starts with the sentence span
    assert '\n\n<p><span id="s3" class="dossier-sentence">- keine Liste</span>' in page
    assert not list(section(root, "text").iter("ol"))
    assert not list(section(root, "text", "verwandte-artikel").iter("ul"))
    # the other-topic figure has no topic link
    (table,) = section(root, "kennzahlen", "text").iter("table")
    (row,) = table_rows(table)
    assert row[3].text() == "Sonstiges" and row[3].elements() == []


def test_articles_index_is_sorted_and_paginated(monkeypatch) -> None:
    pages = pages_by_path(render_articles(corpus(), tables()))
    (table,) = parse_page(pages["artikel/index.md"]).iter("table")
    rows = table_rows(table)
    assert [row[2].links()[0][0] for row in rows] == ["a/", "b/", "e/", "c/", "d/"]
    # an inferred date is in italics
    assert [c.text() for c in rows[0]] == ["1.10.2024", "unbekannt", "Titel", "2"]
    assert [e.tag for e in rows[0][0].elements()] == ["em"]
    assert rows[0][2].links() == [("a/", "Titel")]
    assert [c.text() for c in rows[-1][:3]] == ["unbekannt", "unbekannt", "Titel"]
    assert rows[-1][0].elements() == [] and rows[-1][2].links() == [("d/", "Titel")]
    monkeypatch.setattr(articles_module, "ARTICLES_PER_PAGE", 2)
    pages = pages_by_path(render_articles(corpus(), tables()))
    assert [p for p in pages if "seite" in p or p.endswith("index.md")] == [
        "artikel/index.md",
        "artikel/seite_2.md",
        "artikel/seite_3.md",
    ]
    second = parse_page(pages["artikel/seite_2.md"])
    (pager, _, again) = [e for e in second.elements() if e.tag in ("p", "table")][1:]
    assert pager.attrs["class"] == "dossier-pager" and again == pager
    assert pager.text().startswith("Seite 2 von 3")
    assert pager.links() == [
        ("../", "« vorherige"),
        ("../seite_3/", "nächste »"),
        ("../", "1"),
        ("../seite_3/", "3"),
    ]
    (table,) = second.iter("table")
    assert [row[2].links()[0][0] for row in table_rows(table)] == ["../e/", "../c/"]
    # 1 row; pager twice: vorherige, 1, 2
    links = parse_page(pages["artikel/seite_3.md"]).links()
    assert len(links) == 1 + 2 * 3 and links[3] == ("../d/", "Titel")


# ── topic pages ───────────────────────────────────────────────────────────


def test_topic_page_sets_sources_side_by_side() -> None:
    pages = pages_by_path(render_topics(corpus(), tables()))
    page = pages["themen/troops.md"]
    meta, body = split_page(page)
    assert meta["title"] == "Truppen" and meta["dossier_html"] is True
    assert body.startswith("<h1>Truppen</h1>\n\n<p>Entsandte Soldaten</p>\n")
    root = parse_page(page)
    claim = root.by_id("angabe-soldaten")
    assert claim.tag == "h3" and claim.text() == "Soldaten"
    table_section = section(root, "angabe-soldaten", "belegstellen")
    assert table_section.elements()[0].text() == (
        "5 Angaben aus 4 Artikeln. Spanne der Angaben: 1.000 – 15.000. "
        "Prognose: bis zu 100.000 (Wolodymyr Selenskyj). "
        "Spanne einschließlich Prognosen und Vorwürfen: 1.000 – 100.000."
    )
    (table,) = table_section.iter("table")
    rows = table_rows(table)
    assert [row[0].links() for row in rows] == [
        [(f"../../artikel/{slug}/", "Titel")] for slug in ("a", "b", "c", "c", "d")
    ]
    assert rows[3][7].links() == [("../../artikel/c/#s2", "zum Satz")]
    assert [c.text() for c in rows[1][2:6]] == [
        "12.000–15.000",
        "zwischen",
        "nordkoreanische Soldaten",
        "Südkorea",
    ]
    # every citing sentence, including the keyword-only one ("Soldaten" in d; none in e)
    citations = section(root, "belegstellen")
    (items,) = citations.iter("ul")
    assert len(items.elements()) == 5
    assert ("../../artikel/a/#s1", "Titel") in citations.links()
    assert "artikel/e/" not in str(citations.links())
    assert (
        items.elements()[0].text() == "Tausende Soldaten kämpfen für Russland. — Titel · 1.10.2024"
    )
    oil = parse_page(pages["themen/oil.md"])
    assert oil.by_id("angabe-barrel-oel").text() == "Barrel Öl"
    summaries = [e.text() for e in oil.iter("p")]
    assert (
        "2 Angaben aus 2 Artikeln. Die Quellen nennen dieselbe Zahl, 1.000.000, aber "
        "unterschiedlich eingeordnet: etwa 1.000.000; mehr als 1.000.000."
    ) in summaries
    assert "1 Angabe aus 1 Artikel. Einzige Angabe: mehr als 12." in summaries


def test_claim_summary_says_when_sources_agree() -> None:
    same = []
    for slug in ("p", "q"):
        art = make_article(slug, [["Es sind 500 Soldaten."]])
        same.append(
            extraction(art, figures=[figure(art, "500", 500, 500, "exact", "Soldaten", "troops")])
        )
    linked = link_corpus(tuple(same), tables(), (), ())
    from generator.link import group_claims

    (claim,) = group_claims(linked, "troops", tables())
    assert claim_summary(claim) == "2 Angaben aus 2 Artikeln. Alle Angaben stimmen überein: 500."


def test_topics_index_counts_citations_figures_and_articles() -> None:
    index = pages_by_path(render_topics(corpus(), tables()))["themen/index.md"]
    assert "| [Truppen](troops.md) | Entsandte Soldaten | 5 | 5 | 4 |" in index
    assert "| [Öl](oil.md) | Öllieferungen | 3 | 3 | 3 |" in index


def test_topic_citations_paginate(monkeypatch) -> None:
    from generator.render import topics as topics_module

    monkeypatch.setattr(topics_module, "CITATIONS_PER_PAGE", 2)
    pages = pages_by_path(render_topics(corpus(), tables()))
    assert "themen/troops_seite_3.md" in pages and "themen/troops_seite_4.md" not in pages
    second = parse_page(pages["themen/troops_seite_2.md"])
    back = second.elements()[1]
    assert back.text() == "Zurück zum Quellenvergleich."
    assert back.links() == [("../troops/", "Quellenvergleich")]
    # two citations a page, the 5 in order over the pages: a, b | c, c | d
    cited = [
        [h for h, _ in section(parse_page(pages[path]), "belegstellen").links() if "#s" in h]
        for path in ("themen/troops.md",)
    ] + [
        [h for h, _ in parse_page(pages[path]).links() if "#s" in h]
        for path in ("themen/troops_seite_2.md", "themen/troops_seite_3.md")
    ]
    assert cited[0] == ["../../artikel/a/#s1", "../../artikel/b/#s1"]
    assert cited[1] == ["../../artikel/c/#s1", "../../artikel/c/#s2"]
    assert cited[2] == ["../../artikel/d/#s1"]


def test_claim_table_is_capped_and_points_to_the_full_data(monkeypatch) -> None:
    from generator.render import topics as topics_module

    monkeypatch.setattr(topics_module, "CLAIM_ROWS", 2)
    page = pages_by_path(render_topics(corpus(), tables()))["themen/troops.md"]
    claim = section(parse_page(page), "angabe-soldaten", "belegstellen")
    (table,) = claim.iter("table")
    assert len(table_rows(table)) == 2
    (note,) = [p for p in claim.elements() if p.text().startswith("…")]
    assert note.text() == (
        "… und 3 weitere Angaben; alle stehen unter „Belegstellen“ und in figures.csv."
    )
    assert [text for _, text in note.links()] == ["figures.csv"]


def test_claim_table_note_links_to_the_data_file(monkeypatch) -> None:
    """The note's link must reach docs/data/figures.csv from the page's URL themen/troops/."""
    from generator.render import topics as topics_module

    monkeypatch.setattr(topics_module, "CLAIM_ROWS", 2)
    page = pages_by_path(render_topics(corpus(), tables()))["themen/troops.md"]
    links = section(parse_page(page), "angabe-soldaten", "belegstellen").links()
    assert ("../../data/figures.csv", "figures.csv") in links


# ── the pages build, strictly ─────────────────────────────────────────────


def site_pages() -> tuple[Page, ...]:
    linked = corpus()
    return (*render_articles(linked, tables()), *render_topics(linked, tables()))


def test_pages_build_strictly_with_every_anchor_resolved(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path, site_pages())
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "artikel" / "c" / "index.html").read_text(encoding="utf-8")
    assert '<span id="s2" class="dossier-sentence dossier-has-figure">' in html
    assert 'href="#s2"' in html
    assert 'href="../../entitaeten/wolodymyr-selenskyj/"' in html
    topic = (tmp_path / "site" / "themen" / "troops" / "index.html").read_text(encoding="utf-8")
    assert 'id="angabe-soldaten"' in topic


def test_strict_build_catches_a_missing_sentence_anchor(tmp_path: Path) -> None:
    """The validation really sees the span ids: a link to a sentence that does not exist fails."""
    broken = Page("kaputt.md", "# Kaputt\n\n[Satz](artikel/c.md#s99) und [gut](artikel/c.md#s3)\n")
    result = mkdocs_build(tmp_path, (*site_pages(), broken))
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "s99" in output and "#s3" not in output


def test_troop_corpus_fixture_has_the_shapes_the_pages_assume() -> None:
    # guards the hand-built fixture itself: entity ids must exist for links to be made
    extractions = troop_corpus()
    ids = {m.entity for e in extractions for m in e.mentions}
    assert ids <= {e.id for e in tables().entities}
    assert entity_path("bbc") == "entitaeten/bbc.md"


def test_outlet_named_by_the_page_is_shown_as_such() -> None:
    from dataclasses import replace

    c = corpus()
    named = tuple(
        replace(e, article=replace(e.article, source_from_text="Watson"))
        if e.article.slug == "c"
        else e
        for e in c.extractions
    )
    linked = link_corpus(named, tables(), (), ())
    root = parse_page(pages_by_path(render_articles(linked, tables()))["artikel/c.md"])
    facts = [li.text() for li in root.elements()[1].iter("li")]
    assert "Quelle: Watson (laut Seitentext)" in facts
    # the articles index shows the outlet without the note
    index = parse_page(pages_by_path(render_articles(linked, tables()))["artikel/index.md"])
    assert any(row[1].text() == "Watson" for row in table_rows(next(index.iter("table"))))
