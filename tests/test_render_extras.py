"""Cross-source pages: entities, timeline, quotes, sources, report, topic charts.

Pages are rendered from hand-made Corpus values; the last test builds them with
`mkdocs build --strict` next to stub article pages, so every link and #anchor validates.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from test_html_pages import Element, parse_page, section, split_page, table_lines
from test_timeline import (
    ENTITIES,
    TOPICS,
    corpus,
    date,
    extraction,
    figure,
    make_article,
    mention,
    quote,
    summit_corpus,
)

from generator.models import Corpus, Extraction, Page, Problem, SeedStatus, Tables
from generator.render import charts
from generator.render.charts import render_topic_chart
from generator.render.data import render_data
from generator.render.entities import render_entities
from generator.render.quotes import render_quotes
from generator.render.report import all_problems, format_report, render_report
from generator.render.sources import render_sources
from generator.render.timeline import render_timeline

TABLES = Tables(topics=TOPICS, entities=ENTITIES)


def pages_of(*rendered: tuple[Page, ...]) -> dict[str, str]:
    return {page.path: page.content for pages in rendered for page in pages}


def quotes_corpus() -> Corpus:
    a = make_article(
        "a.txt",
        [["Putin sagte: „Wir stehen fest zusammen“.", "„Niemand weiß es“, hieß es."]],
        source="Blatt <b>",
    )
    b = make_article("b.txt", [["Kim erklärte: „Der Sieg ist nah“."]], source="Agentur")
    return corpus(
        extraction(
            a,
            "2024-11-22",
            quotes=(
                quote(a, "Wir stehen fest zusammen", "Wladimir Putin"),
                quote(a, "Niemand weiß es", None),
            ),
            mentions=(mention(a, "wladimir-putin", "Putin"),),
        ),
        extraction(b, "2024-06-18", quotes=(quote(b, "Der Sieg ist nah", "Kim Jong-un"),)),
    )


def figures_corpus() -> Corpus:
    a = make_article(
        "a.txt",
        [["Es kämpfen Tausende Soldaten.", "Zwischen 12.000 und 15.000 Soldaten sind dort."]],
        title="Erster Bericht",
    )
    b = make_article(
        "b.txt",
        [["Mehr als 10.000 Soldaten sind in Kursk.", "Bald bis zu 100.000 Soldaten."]],
        title="Zweiter Bericht",
    )
    c = make_article("c.txt", [["Ohne Datum: 500 Soldaten."]], title="Ohne Datum")
    return corpus(
        extraction(
            a,
            "2024-11-01",
            figures=(
                figure(a, "Tausende", 1000, None, qualifier="at_least"),
                figure(a, "Zwischen 12.000 und 15.000", 12000, 15000, qualifier="range"),
            ),
        ),
        extraction(
            b,
            "2024-11-22",
            figures=(
                figure(b, "Mehr als 10.000", 10000, 10000, qualifier="more_than"),
                figure(
                    b, "bis zu 100.000", 100000, 100000, qualifier="up_to", modality="projection"
                ),
            ),
        ),
        extraction(c, None, figures=(figure(c, "500", 500, 500),)),
    )


# ── timeline ──────────────────────────────────────────────────────────────


def events_of(root: Element) -> list[Element]:
    """Return the event items of a timeline page (the outer list items)."""
    return [li for ul in root.elements() if ul.tag == "ul" for li in ul.elements()]


def citation_links(event: Element) -> list[tuple[str, str]]:
    """Return the (href, title) links of an event's citations (its inner list)."""
    (inner,) = event.iter("ul")
    return [link for li in inner.elements() for link in li.links()[:1]]


def test_timeline_page_lists_merged_event_once_with_linked_citations() -> None:
    (page,) = render_timeline(summit_corpus(), TABLES)
    assert page.path == "zeitleiste.md"
    root = parse_page(page.content)
    events = events_of(root)
    labels = [next(event.iter("strong")).text() for event in events]
    assert labels == ["Juni 2024", "18. Juni 2024", "4. November 2024"]  # in date order
    november = events[2]
    assert november.text().startswith("4. November 2024 · 2 Artikel · Choe Son Hui, Moskau")
    assert citation_links(november) == [
        ("../artikel/a/#s1", "Titel a"),
        ("../artikel/c/#s1", "Titel c"),
    ]
    first = next(november.iter("ul")).elements()[0]
    assert [m.text() for m in first.iter("mark")] == ["am 4. November"]
    assert first.text().endswith("Erst am 4. November besuchte Choe Son Hui Moskau.")
    # grouped by year, then month, months in order
    headings = [(e.tag, e.text()) for e in root.elements() if e.tag in ("h2", "h3")]
    assert headings == [("h2", "2024"), ("h3", "Juni 2024"), ("h3", "November 2024")]


def test_large_timeline_is_split_into_year_pages(monkeypatch) -> None:
    monkeypatch.setattr("generator.render.timeline.EVENTS_PER_PAGE", 1)
    pages = pages_of(render_timeline(summit_corpus(), TABLES))
    assert set(pages) == {"zeitleiste.md", "zeitleiste/2024.md"}
    overview = parse_page(pages["zeitleiste.md"])
    # zeitleiste.md is served as zeitleiste/, so its year pages are one folder down
    assert overview.links() == [("2024/", "2024")]
    year = parse_page(pages["zeitleiste/2024.md"])
    assert ("../../artikel/a/#s1", "Titel a") in year.links()
    assert year.links()[0] == ("../", "Zurück zur Übersicht")
    assert len(events_of(year)) == 3


def crowded_corpus(n: int) -> Corpus:
    """n articles that all report the same 4 November visit."""
    made = []
    for i in range(n):
        a = make_article(f"x{i:03d}.txt", [["Am 4. November war Choe Son Hui in Moskau."]])
        made.append(
            extraction(
                a,
                "2024-11-22",
                dates=(date(a, "Am 4. November", "2024-11-04"),),
                mentions=(mention(a, "choe-son-hui", "Choe Son Hui"),),
            )
        )
    return corpus(*made)


def test_timeline_caps_citations_per_event_and_pages_a_busy_year(monkeypatch) -> None:
    from generator.render import timeline

    monkeypatch.setattr(timeline, "CITATIONS_SHOWN", 3)
    (page,) = render_timeline(crowded_corpus(5), TABLES)
    (event,) = events_of(parse_page(page.content))
    assert event.text().startswith("4. November 2024 · 5 Artikel")
    items = next(event.iter("ul")).elements()
    assert len(items) == 4  # three citations and the note
    assert [h for li in items for h, _ in li.links() if "artikel/" in h] == [
        f"../artikel/x{i:03d}/#s1" for i in range(3)
    ]
    assert items[3].text() == "… und 2 weitere Belege (alle in timeline.json)"
    assert [text for _, text in items[3].links()] == ["timeline.json"]
    # a year whose citation lines exceed a page is split into linked pages
    monkeypatch.setattr(timeline, "CITATIONS_PER_PAGE", 4)  # events of 1, 3, 2 citations
    pages = pages_of(render_timeline(summit_corpus(), TABLES))
    assert set(pages) == {"zeitleiste.md", "zeitleiste/2024.md", "zeitleiste/2024_seite_2.md"}
    (year,) = section(parse_page(pages["zeitleiste.md"]), "jahre").iter("li")
    assert year.text() == "2024 · 3 Ereignisse · Seiten 1, 2"
    assert year.links() == [
        ("2024/", "2024"),
        ("2024/", "1"),
        ("2024_seite_2/", "2"),
    ]
    first = parse_page(pages["zeitleiste/2024.md"])
    second = parse_page(pages["zeitleiste/2024_seite_2.md"])
    assert ("../2024_seite_2/", "Seite 2 →") in first.links()
    assert ("../2024/", "← Seite 1") in second.links()
    # every citation is on exactly one of the year's pages
    cited = [h for root in (first, second) for h, _ in root.links() if "artikel/" in h]
    assert len(cited) == len(set(cited)) == 6
    assert all(h.startswith("../../artikel/") for h in cited)


def test_timeline_cap_note_links_to_the_data_file(monkeypatch) -> None:
    from generator.render import timeline

    monkeypatch.setattr(timeline, "CITATIONS_SHOWN", 3)
    (page,) = render_timeline(crowded_corpus(5), TABLES)
    assert ("../data/timeline.json", "timeline.json") in parse_page(page.content).links()


# ── entities ──────────────────────────────────────────────────────────────


def test_entity_pages_show_forms_mentions_and_ranked_cooccurrence() -> None:
    pages = pages_of(render_entities(summit_corpus(), TABLES))
    # pages only for mentioned entities, plus the index
    assert "entitaeten/seoul.md" in pages and "entitaeten/index.md" in pages
    choe_page = pages["entitaeten/choe-son-hui.md"]
    meta, _ = split_page(choe_page)
    assert meta["title"] == "Choe Son Hui" and meta["dossier_html"] is True
    choe = parse_page(choe_page)
    (h1,) = choe.iter("h1")
    assert h1.text() == "Choe Son Hui"
    facts = choe.elements()[1].text()
    assert "Typ: Person" in facts
    assert "Schreibweisen in den Artikeln: Choe Son Hui (2)" in facts
    assert facts.endswith("Erwähnungen: 2 in 2 Artikeln")
    (together,) = section(choe, "im-selben-satz-genannt", "erwahnungen").iter("li")
    assert together.text() == "Moskau · 2 Sätze"
    assert together.links() == [("../moskau/", "Moskau")]
    mentions = section(choe, "erwahnungen")
    items = list(mentions.iter("li"))
    assert [li.links() for li in items] == [
        [("../../artikel/a/#s1", "Satz 1")],
        [("../../artikel/c/#s1", "Satz 1")],
    ]
    assert items[0].text() == "Satz 1: Erst am 4. November besuchte Choe Son Hui Moskau."
    assert [m.text() for li in items for m in li.iter("mark")] == ["Choe Son Hui"] * 2
    index = pages["entitaeten/index.md"]
    assert index.index("## Personen") < index.index("## Orte")
    assert "| [Choe Son Hui](choe-son-hui.md) | 2 | 2 |" in index


def test_entity_mention_list_is_capped(monkeypatch) -> None:
    monkeypatch.setattr("generator.render.entities.MENTIONS_SHOWN", 1)
    pages = pages_of(render_entities(summit_corpus(), TABLES))
    kim = parse_page(pages["entitaeten/kim-jong-un.md"])
    mentions = section(kim, "erwahnungen")
    assert [h for h, text in mentions.links() if text.startswith("Satz ")] == [
        "../../artikel/a/#s4"  # Kim's first mention: "Damals unterschrieben Putin und Kim."
    ]
    note = mentions.elements()[-1]
    assert note.text() == "… und 1 weitere Sätze; alle Erwähnungen stehen in entities.json."
    assert [text for _, text in note.links()] == ["entities.json"]


def test_entity_cap_note_links_to_the_data_file(monkeypatch) -> None:
    monkeypatch.setattr("generator.render.entities.MENTIONS_SHOWN", 1)
    pages = pages_of(render_entities(summit_corpus(), TABLES))
    note = section(parse_page(pages["entitaeten/kim-jong-un.md"]), "erwahnungen").elements()[-1]
    assert note.links() == [("../../data/entities.json", "entities.json")]


# ── quotes, sources, report ───────────────────────────────────────────────


def test_quotes_grouped_by_speaker_unknown_last_and_escaped() -> None:
    (page,) = render_quotes(quotes_corpus(), TABLES)
    text = page.content
    headings = [h.text() for h in parse_page(text).iter("h2")]
    kim, putin = headings.index("Kim Jong-un (1)"), headings.index("Wladimir Putin (1)")
    unknown = headings.index("Ohne erkennbare Quelle (1)")
    assert kim < putin < unknown
    assert '„Wir stehen fest zusammen“ — <a href="../artikel/a/#s1">Titel a</a>' in text
    assert ("../entitaeten/wladimir-putin/", "Seite zu Wladimir Putin") in (
        parse_page(text).links()
    )
    # Kim is quoted but never mentioned: no entity page to link to
    assert "entitaeten/kim-jong-un" not in text


def test_sources_table_counts_articles_and_escapes_outlet_names() -> None:
    c = quotes_corpus()
    extra = make_article("c.txt", [["Text."]], language="en")
    c = replace(c, extractions=(*c.extractions, extraction(extra)))
    (page,) = render_sources(c, TABLES)
    text = page.content
    rows = table_lines(text)
    assert "| Blatt &#60;b&#62; | 1 | 2024-11-22 | Deutsch |" in rows
    assert "| unbekannt | 1 | – | Englisch |" in rows
    assert text.index("<td>Agentur") < text.index("<td>Blatt") < text.index("<td>unbekannt")
    assert "<b>" not in text


def test_report_lists_every_seed_problems_and_candidate_names() -> None:
    a = make_article("a.txt", [["Text."]])
    c = Corpus(
        extractions=(extraction(a, candidates=("Kang Dae-sik", "Ban Kil-joo")),),
        topics=TOPICS,
        entities=ENTITIES,
        report=(
            SeedStatus("a.txt", "warnings", "a", (Problem("a.txt", "no date found"),)),
            SeedStatus("z.pdf", "skipped", None, (Problem("z.pdf", "unsupported", "error"),)),
        ),
    )
    (page,) = render_report(c, TABLES)
    text = page.content
    rows = table_lines(text)
    assert '| <a href="../artikel/a/">a.txt</a> | erstellt, mit Warnungen | 1 |' in rows
    assert "| z.pdf | übersprungen | 1 |" in rows
    assert "<li><strong>Fehler</strong> z.pdf&#58; unsupported</li>" in text
    assert "| Ban Kil-joo | 1 | a.txt |" in rows
    console = format_report(c)
    assert "übersprungen 1" in console and "z.pdf: unsupported" in console


# ── charts ────────────────────────────────────────────────────────────────


def test_chart_has_one_mark_per_dated_figure_and_accessible_title() -> None:
    svg = render_topic_chart(figures_corpus(), "troops")
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None
    marks = [g for g in root.iter(f"{ns}g") if "mark" in (g.get("class") or "").split()]
    assert len(marks) == 4  # the undated article's figure is left out ...
    assert "1 Angaben aus Artikeln ohne Datum nicht gezeigt" in svg  # ... and said so
    assert sum("mark-projection" in (g.get("class") or "") for g in marks) == 1
    assert "logarithmische Skala" in svg  # 1.000 … 100.000 spans two orders of magnitude
    assert "<script" not in svg
    assert render_topic_chart(figures_corpus(), "troops") == svg  # deterministic


def test_chart_uses_one_style_per_article_and_is_empty_without_figures() -> None:
    svg = render_topic_chart(figures_corpus(), "troops")
    legend = re.findall(r'<g class="legend">.*?</g>', svg)
    assert len(legend) == 2
    assert "#0072B2" in legend[0] and "#D55E00" in legend[1]
    assert render_topic_chart(figures_corpus(), "oil") == ""


def test_chart_draws_only_groups_that_compare_sources() -> None:
    c = figures_corpus()
    a = c.extractions[0]
    lone = figure(a.article, "12.000", 12000, 12000, counts="Tage")
    c = replace(c, extractions=(replace(a, figures=(*a.figures, lone)), *c.extractions[1:]))
    svg = render_topic_chart(c, "troops")
    assert ">Tage<" not in svg and "1 weitere Gruppen nicht gezeigt" in svg


def many_sources_corpus(n: int) -> Corpus:
    """n dated articles, each reporting a troop figure, spread over a year."""
    made = []
    for i in range(n):
        value = 1000 + 37 * i
        text = f"Dort sind {value} Soldaten."
        a = make_article(f"m{i:04d}.txt", [[text]], title=f"Bericht {i}")
        published = f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
        made.append(extraction(a, published, figures=(figure(a, str(value), value, value),)))
    return corpus(*made)


def test_chart_of_many_sources_is_summarised_per_month_and_bounded() -> None:
    ns = "{http://www.w3.org/2000/svg}"
    svg = render_topic_chart(many_sources_corpus(60), "troops")
    root = ET.fromstring(svg)
    marks = [g for g in root.iter(f"{ns}g") if "mark-bin" in (g.get("class") or "")]
    assert len(marks) == 12  # one per month, not one per figure
    assert len(re.findall(r'<g class="legend">', svg)) == 1
    assert "60 Zahlenangaben aus 60 Artikeln" in svg and "Je Monat zusammengefasst" in svg
    assert "Jan 2024: 5 Angaben, 1.000 bis 1.000.000" not in svg  # values are the real ones
    assert re.search(r"<title>Jan 2024: 5 Angaben, 1\.000 bis 2\.776, Median ", svg)
    # ten times the articles, the same months: the chart does not grow with the corpus
    large = render_topic_chart(many_sources_corpus(600), "troops")
    assert len(large) < 1.2 * len(svg)
    # readable: 14 units of text on a 640-unit viewBox, drawn at least 560 px wide
    assert root.get("font-size") == str(charts.FONT_SIZE) and charts.WIDTH == 640
    css = (Path(__file__).parent.parent / "docs/assets/stylesheets/dossier.css").read_text()
    assert "min-width: 560px" in css
    assert charts.FONT_SIZE * 560 / charts.WIDTH >= 12


def test_german_number_format() -> None:
    assert charts.format_number_de(1000000) == "1.000.000"
    assert charts.format_number_de(2.5) == "2,5"
    assert charts.tick_label(1e9) == "1 Mrd." and charts.tick_label(2.5e6) == "2,5 Mio."
    assert charts.tick_label(100000) == "100.000"


# ── all pages together validate under mkdocs --strict ─────────────────────


def _stub_article(slug: str, sentences: int) -> str:
    spans = "\n".join(f'<span id="s{i}">Satz {i}.</span>' for i in range(1, sentences + 1))
    return f"# {slug}\n\n<p>\n{spans}\n</p>\n"


def _renamed(e: Extraction, prefix: str) -> Extraction:
    article = replace(e.article, file=prefix + e.article.file, slug=prefix + e.article.slug)
    return replace(e, article=article)


def test_pages_build_with_mkdocs_strict(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    merged = Corpus(
        extractions=(
            *summit_corpus().extractions,
            *(_renamed(e, "q") for e in quotes_corpus().extractions),
            *(_renamed(e, "f") for e in figures_corpus().extractions),
        ),
        topics=TOPICS,
        entities=ENTITIES,
        report=(SeedStatus("a.txt", "built", "a"),),
    )
    pages = [
        *render_entities(merged, TABLES),
        *render_timeline(merged, TABLES),
        *render_quotes(merged, TABLES),
        *render_sources(merged, TABLES),
        *render_report(merged, TABLES),
        *render_data(merged, TABLES),
    ]
    for e in merged.extractions:
        pages.append(
            Page(
                f"artikel/{e.article.slug}.md",
                _stub_article(e.article.slug, len(e.article.sentences)),
            )
        )
    chart = render_topic_chart(merged, "troops")
    pages.append(Page("themen/troops.md", f"# Truppen\n\n<figure>{chart}</figure>\n"))
    pages.append(Page("index.md", "# Start\n"))
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\n"
        "markdown_extensions: [attr_list, md_in_html, tables, admonition, toc]\n"
        "validation:\n"
        "  nav: {omitted_files: info}\n"
        "  links: {not_found: warn, anchors: warn, absolute_links: info, "
        "unrecognized_links: warn}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        # not -q: it silences the warnings that --strict counts
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "themen" / "troops" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<p><svg" not in html  # passed through as a block, not wrapped
    entity = (tmp_path / "site" / "entitaeten" / "choe-son-hui" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'href="../../artikel/a/#s1"' in entity


def test_data_exports_hold_one_compact_record_per_line() -> None:
    import json

    files = pages_of(render_data(summit_corpus(), TABLES))
    for path in ("data/articles.json", "data/entities.json", "data/timeline.json"):
        lines = files[path].splitlines()
        assert lines[0] == "[" and lines[-1] == "]" and len(lines) > 2
        records = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
        assert records == json.loads(files[path])
        assert all(isinstance(r, dict) for r in records)


def test_report_problems_keep_the_first_of_each_in_order_at_any_size() -> None:
    """all_problems: corpus problems first, then each seed's, each problem once; one
    warning per seed in a corpus of 20,000 seeds stays one pass (it was quadratic)."""
    shared = Problem("_tables/entities.yml", "duplicate alias 'kim'")
    report = tuple(
        SeedStatus(f"{i:05}.txt", "warnings", f"s{i}", (Problem(f"{i:05}.txt", "no headline"), shared))
        for i in range(20_000)
    )
    corpus = Corpus((), (), (), (), report, (shared,))
    problems = all_problems(corpus)
    assert problems[0] == shared and problems.count(shared) == 1
    assert [p.file for p in problems[1:4]] == ["00000.txt", "00001.txt", "00002.txt"]
    assert len(problems) == 20_001
