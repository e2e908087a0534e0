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
    assert page.startswith('---\ntitle: "Titel"\n---\n\n# Titel\n')
    assert "- **Quelle:** unbekannt" in page
    assert "- **Veröffentlicht:** 22.11.2024 (aus dem Text erschlossen)" in page
    assert "- **Datei:** c.txt" in page
    # each figure row: value linked to its sentence, badge, topic linked to its claim
    row = next(line for line in page.splitlines() if line.startswith("| [100.000](#s2)"))
    assert "bis zu" in row and "dossier-m-projection" in row and "Prognose" in row
    assert "Wolodymyr Selenskyj" in row
    assert "[Truppen](../themen/troops.md#angabe-soldaten)" in row
    assert "| [1.000.000](#s3) |" in page
    assert "[Öl](../themen/oil.md#angabe-barrel-oel)" in page
    # the sentence carries its id, the figure is marked, the entity mention is a link
    assert '<span id="s2" class="dossier-sentence dossier-has-figure">' in page
    assert 'class="dossier-figure dossier-q-up-to" title="bis zu 100.000">bis zu 100.000<' in page
    assert "[Selenskyj](../entitaeten/wolodymyr-selenskyj.md) warnte" in page
    # related articles name their reasons
    assert "## Verwandte Artikel" in page
    assert "- [Titel](a.md) — gemeinsame Zahlenangaben&#58; Barrel Öl, Soldaten" in page


def test_article_text_is_escaped_and_facts_are_nested_safely() -> None:
    hostile = make_article(
        "h",
        [
            [
                "<script>alert(1)</script> [klick](http://x) {: .evil } und *fett*.",
                "Am 4. November sagte Putin: „Wir liefern 300 Panzer.“ Das ist alles.",
            ],
            ["- keine Liste", "1. kein Punkt"],
        ],
        title="Titel mit <b>Tag</b> & [Link](x)",
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
    assert "&#60;script&#62;" in page
    assert "&#91;klick&#93;&#40;http&#58;//x&#41;" in page
    assert "&#123;&#58; .evil &#125;" in page
    assert "# Titel mit &#60;b&#62;Tag&#60;/b&#62; &#38; &#91;Link&#93;&#40;x&#41;" in page
    assert "Quelle&#95;&#42;x&#42;" in page
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
    # a paragraph that looks like a list still starts with the sentence span
    assert '\n\n<span id="s3" class="dossier-sentence">- keine Liste</span>' in page
    # the other-topic figure has no topic link
    assert "| Sonstiges |" in page


def test_articles_index_is_sorted_and_paginated(monkeypatch) -> None:
    pages = pages_by_path(render_articles(corpus(), tables()))
    index = pages["artikel/index.md"]
    rows = [line for line in index.splitlines() if line.startswith("| ") and "[" in line]
    assert [re.search(r"\]\((\w)\.md\)", r).group(1) for r in rows] == ["a", "b", "e", "c", "d"]
    assert rows[0] == "| *1.10.2024* | unbekannt | [Titel](a.md) | 2 |"
    assert rows[-1].startswith("| unbekannt | unbekannt | [Titel](d.md)")
    monkeypatch.setattr(articles_module, "ARTICLES_PER_PAGE", 2)
    pages = pages_by_path(render_articles(corpus(), tables()))
    assert [p for p in pages if "seite" in p or p.endswith("index.md")] == [
        "artikel/index.md",
        "artikel/seite_2.md",
        "artikel/seite_3.md",
    ]
    assert "Seite 2 von 3" in pages["artikel/seite_2.md"]
    assert "[« vorherige](index.md)" in pages["artikel/seite_2.md"]
    assert "[nächste »](seite_3.md)" in pages["artikel/seite_2.md"]
    assert (
        pages["artikel/seite_3.md"].count("](") == 1 + 2 * 3
    )  # 1 row; pager twice: vorherige, 1, 2


# ── topic pages ───────────────────────────────────────────────────────────


def test_topic_page_sets_sources_side_by_side() -> None:
    pages = pages_by_path(render_topics(corpus(), tables()))
    page = pages["themen/troops.md"]
    assert page.startswith("# Truppen\n\nEntsandte Soldaten\n")
    assert "### Soldaten {#angabe-soldaten}" in page
    assert (
        "5 Angaben aus 4 Artikeln. Spanne der Angaben: 1.000 – 15.000. "
        "Prognose: bis zu 100.000 (Wolodymyr Selenskyj). "
        "Spanne einschließlich Prognosen und Vorwürfen: 1.000 – 100.000."
    ) in page
    table = page.split("### Soldaten")[1].split("## Belegstellen")[0]
    rows = [line for line in table.splitlines() if line.startswith("| [Titel](../artikel/")]
    assert len(rows) == 5
    assert "[zum Satz](../artikel/c.md#s2)" in rows[3]
    assert "12.000–15.000" in rows[1] and "zwischen" in rows[1] and "Südkorea" in rows[1]
    # every citing sentence, including the keyword-only one ("Soldaten" in d; none in e)
    citations = page.split("## Belegstellen")[1]
    assert citations.count("\n- ") == 5
    assert "[Titel](../artikel/a.md#s1)" in citations
    assert "../artikel/e.md" not in citations
    oil = pages["themen/oil.md"]
    assert "### Barrel Öl {#angabe-barrel-oel}" in oil
    assert (
        "2 Angaben aus 2 Artikeln. Die Quellen nennen dieselbe Zahl, 1.000.000, aber "
        "unterschiedlich eingeordnet: etwa 1.000.000; mehr als 1.000.000."
    ) in oil
    assert "1 Angabe aus 1 Artikel. Einzige Angabe: mehr als 12." in oil


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
    assert "Zurück zum [Quellenvergleich](troops.md)." in pages["themen/troops_seite_2.md"]


def test_claim_table_is_capped_and_points_to_the_full_data(monkeypatch) -> None:
    from generator.render import topics as topics_module

    monkeypatch.setattr(topics_module, "CLAIM_ROWS", 2)
    page = pages_by_path(render_topics(corpus(), tables()))["themen/troops.md"]
    table = page.split("### Soldaten")[1].split("## Belegstellen")[0]
    assert len([line for line in table.splitlines() if line.startswith("| [Titel]")]) == 2
    assert (
        "… und 3 weitere Angaben; alle stehen unter „Belegstellen“ und in "
        "[figures.csv](../data/figures.csv)."
    ) in table


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
