"""A new subject needs new YAML tables, not new code.

tests/corpora/energy/ holds four articles on European gas and LNG imports and energy
prices (2022–2023), far from the bundled Russia–North Korea corpus: a German dpa wire
copy (.txt, no metadata), a German web page (.html with navigation, cookie banner and
"Lesen Sie auch" teaser), an English agency text (.txt, no metadata) and an English
newsletter post (.md with front matter), plus their own topics, gazetteer and
boilerplate tables in tests/corpora/energy/_tables/. The corpus is built once with the
CLI, exactly as a researcher would, and the real output (data/*.json, the report, the
article and topic pages) is checked the way a researcher would check it.

Where the generator gets something wrong that a careful analyst gets right, the check
is marked xfail(strict=True) with the reason, so the fix shows up as an XPASS.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from corpus_build import build_copy
from test_html_pages import table_lines

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpora" / "energy"
SEED_TOPICS = ("troops", "oil", "treaty", "munitions")
NEW_TOPICS = ("demand", "lng", "prices", "storage", "supply")

DPA = "dpa_lng_wilhelmshaven.txt"
WEB = "energieportal_gaspreisbremse.html"
AGENCY = "en_reuters_eu_storage.txt"
NEWSLETTER = "en_energydesk_lng_record.md"
FILES = (DPA, NEWSLETTER, AGENCY, WEB)


class Built:
    """The output of one CLI build and one CLI extract of the energy corpus."""

    def __init__(self, docs: Path, stdout: str, extract_records: list[dict]) -> None:
        self.docs = docs
        self.stdout = stdout
        self.extract_records = extract_records
        self.articles = {
            a["file"]: a for a in json.loads((docs / "data" / "articles.json").read_text())
        }
        self.figures = json.loads((docs / "data" / "figures.json").read_text())
        self.entities = json.loads((docs / "data" / "entities.json").read_text())
        self.report = (docs / "bericht.md").read_text(encoding="utf-8")

    def page(self, file: str) -> str:
        """The generated Markdown/HTML of the article page of `file`."""
        slug = self.articles[file]["url"].split("/")[1]
        return (self.docs / "artikel" / f"{slug}.md").read_text(encoding="utf-8")

    def figure(self, file: str, text: str) -> dict:
        """The one figure of `file` whose span is exactly `text`."""
        found = [f for f in self.figures if f["file"] == file and f["text"] == text]
        assert len(found) == 1, (text, [f["text"] for f in self.figures if f["file"] == file])
        return found[0]

    def date(self, file: str, text: str) -> dict:
        """The one date mention of `file` whose span is exactly `text`."""
        found = [d for d in self.articles[file]["dates"] if d["text"] == text]
        assert len(found) == 1, (text, [d["text"] for d in self.articles[file]["dates"]])
        return found[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The corpus built with `python -m generator build` and extracted with `python -m
    generator extract --format json`, from a temporary copy (corpus_build.build_copy)."""
    made = build_copy(tmp_path_factory.mktemp("energy"), CORPUS)
    return Built(made.docs, made.stdout, made.records)


class _ElementText(HTMLParser):
    """Collects the visible text inside the element with a given id."""

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def element_text(page: str, element_id: str) -> str:
    """The text of the element `id=element_id` on a generated page ("" when absent)."""
    parser = _ElementText(element_id)
    parser.feed(page)
    return "".join(parser.parts)


def page_text(page: str) -> str:
    """A generated page with its tags removed and entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def gazetteer_names() -> set[str]:
    data = yaml.safe_load((CORPUS / "_tables" / "entities.yml").read_text(encoding="utf-8"))
    return {entry["name"] for entry in data["entities"]}


# ── every article built and accounted for ────────────────────────────────


def test_every_article_is_built_and_listed_in_the_report(built):
    assert "Seeds: 4 · erstellt 4 · mit Warnungen 0 · übersprungen 0" in built.stdout
    assert sorted(built.articles) == sorted(FILES)
    for file, article in built.articles.items():
        escaped = file.replace("_", "&#95;")
        slug = article["url"].split("/")[1]
        row = f'| <a href="../artikel/{slug}/">{escaped}</a> | erstellt | 0 |'
        assert row in table_lines(built.report), file
        assert (built.docs / "artikel" / f"{article['url'].split('/')[1]}.md").is_file()
    assert "Keine Probleme." in built.report


def test_extract_cli_gives_the_same_records_as_the_build(built):
    assert built.extract_records == list(built.articles.values())


# ── topics come from the new table only ──────────────────────────────────


def test_topic_pages_are_the_new_topics_and_none_of_the_seed_corpus(built):
    pages = {p.stem for p in (built.docs / "themen").glob("*.md")}
    assert pages == {"index", *NEW_TOPICS}
    index = (built.docs / "themen" / "index.md").read_text(encoding="utf-8")
    assert "[LNG-Importe](lng.md)" in index and "[Gasspeicher](storage.md)" in index
    for seed_topic in SEED_TOPICS:
        assert f"({seed_topic}.md)" not in index
    used = {f["topic"] for f in built.figures}
    assert used <= {*NEW_TOPICS, "other"}
    assert {"lng", "prices", "storage", "supply", "demand"} <= used


def test_every_article_page_links_only_to_new_topics(built):
    for file in FILES:
        linked = set(re.findall(r'href="\.\./\.\./themen/([a-z]+)/', built.page(file)))
        assert linked and linked <= set(NEW_TOPICS), (file, linked)


# ── figures: value, qualifier, counted noun, topic, source, sentence ─────

FIGURES = [
    # file, text, low, high, qualifier, counts, topic, attributed_to
    (DPA, "mehr als 60", 60, 60, "more_than", "Tanker", "lng", None),
    (DPA, "rund 3,5 Milliarden", 3.5e9, 3.5e9, "approx", "Kubikmeter Erdgas", "other", "Uniper"),
    (DPA, "1,7 Milliarden", 1.7e9, 1.7e9, "exact", "Kubikmeter", "lng", "Bundesnetzagentur"),
    (DPA, "38", 38, 38, "exact", "Euro", "prices", None),
    (WEB, "rund 340", 340, 340, "approx", "Euro", "prices", None),
    (WEB, "90,7", 90.7, 90.7, "exact", "Prozent", "storage", "Bundesnetzagentur"),
    (WEB, "12", 12, 12, "exact", "Cent", "prices", None),
    (WEB, "bis zu 200 Milliarden", 2e11, 2e11, "up_to", "Euro", "prices", None),
    (WEB, "Tausende", 1000, None, "at_least", "Haushalte", "demand",
     "Verbraucherzentrale Bundesverband"),
    (WEB, "mindestens 20", 20, 20, "at_least", "Prozent", "demand", None),
    (NEWSLETTER, "About 1.6 million", 1.6e6, 1.6e6, "approx", "households", "prices",
     "Bundesnetzagentur"),
    (NEWSLETTER, "between 2 and 3 million", 2e6, 3e6, "range", "households", "prices",
     "Citizens Advice"),
    (NEWSLETTER, "about 60", 60, 60, "approx", "percent", "lng", "Kpler"),
    (AGENCY, "84.3", 84.3, 84.3, "exact", "percent", "storage", None),
    (AGENCY, "272", 272, 272, "exact", "euros", "prices", None),
    (AGENCY, "between 320 and 340 million", 3.2e8, 3.4e8, "range", "cubic metres", "supply",
     "Gassco"),
    (AGENCY, "Thousands", 1000, None, "at_least", "small businesses", "prices",
     "Markus Krebber"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "text", "low", "high", "qualifier", "counts", "topic", "source"),
    FIGURES,
    ids=[f"{row[0][:6]}:{row[1]}" for row in FIGURES],
)
def test_figure_is_extracted_right_and_linked_to_its_sentence(
    built, file, text, low, high, qualifier, counts, topic, source
):
    figure = built.figure(file, text)
    assert (figure["low"], figure["high"]) == (low, high)
    assert figure["qualifier"] == qualifier
    assert figure["counts"] == counts
    assert figure["topic"] == topic
    assert figure["attributed_to"] == source
    # the figure's link leads to a sentence of its article page that holds the figure
    slug_url, anchor = figure["url"].split("#")
    assert slug_url == built.articles[file]["url"] and re.fullmatch(r"s\d+", anchor)
    page = built.page(file)
    sentence = element_text(page, anchor)
    assert sentence == figure["sentence"] and text in sentence
    assert f'<a href="#{anchor}">' in page  # the key-figures table links to it


def test_german_and_english_number_formats_give_the_same_magnitudes(built):
    # "12.000"-style German thousands, "1,7" German decimals, "12,000" English thousands
    assert built.figure(WEB, "Zwischen 20.000 und 25.000")["low"] == 20000
    assert built.figure(WEB, "Zwischen 20.000 und 25.000")["high"] == 25000
    assert built.figure(AGENCY, "Some 12,000")["low"] == 12000
    assert built.figure(AGENCY, "Some 12,000")["qualifier"] == "approx"


TRAPS = [
    (DPA, ("4", "3", "2022", "17", "2023")),  # Artikel 4, den 3. Monat, years, a date
    (WEB, ("3", "26", "1", "2023")),  # Paragraf 3, am 26. August, 1. März
    (AGENCY, ("5", "2021", "2022", "31", "27")),  # Article 5, since 2021, Aug. 31, July 27
    (NEWSLETTER, ("14", "2022", "2023", "2024")),  # Jan. 14, years
]


@pytest.mark.parametrize(("file", "not_figures"), TRAPS, ids=[t[0][:6] for t in TRAPS])
def test_years_dates_ordinals_and_law_numbers_are_not_figures(built, file, not_figures):
    texts = {f["text"] for f in built.figures if f["file"] == file}
    assert texts and not texts & set(not_figures)
    assert all(f["low"] not in (2021, 2022, 2023, 2024) for f in built.figures)


def test_agency_dateline_day_is_not_a_figure(built):
    assert "29" not in {f["text"] for f in built.figures if f["file"] == AGENCY}


def test_number_inside_a_pipeline_name_is_not_a_figure(built):
    assert "1" not in {f["text"] for f in built.figures if f["file"] == AGENCY}


def test_unit_keeps_its_whole_substance(built):
    assert built.figure(NEWSLETTER, "121 million")["counts"] == "tonnes of liquefied natural gas"


# ── attribution errors a careful analyst would not make ──────────────────

# (file, figure, source): each once went wrong in a way a careful analyst would not
SOURCES = [
    # apposition subject + "warned that"
    (NEWSLETTER, "up to 27 billion", "Fatih Birol"),
    # "according to data from Gas Infrastructure Europe (GIE)": the data names nobody
    (AGENCY, "80", "Gas Infrastructure Europe"),
    # "Russia's Gazprom said ..., citing maintenance": a reason, not a second source
    (AGENCY, "three", "Gazprom"),
    # "countries must report their gas savings every two months": no reporting verb
    (AGENCY, "two", None),
    # "..., he said." after a sentence sourced to Markus Krebber
    (AGENCY, "Some 12,000", "Markus Krebber"),
    # "hieß es in Branchenkreisen": the description in the nominative
    (DPA, "zwischen 12 und 15", "Branchenkreise"),
    # "Das entspreche etwa acht Prozent": Konjunktiv I continues "laut Bundesnetzagentur"
    (DPA, "etwa acht", "Bundesnetzagentur"),
]


@pytest.mark.parametrize(
    ("file", "text", "source"), SOURCES, ids=[f"{row[0][:6]}:{row[1]}" for row in SOURCES]
)
def test_source_of_figure(built, file, text, source):
    assert built.figure(file, text)["attributed_to"] == source


def test_hearsay_after_a_quote_continues_its_speaker(built):
    figure = built.figure(WEB, "Zwischen 20.000 und 25.000")
    assert figure["attributed_to"] in ("Ramona Pop", "Verbraucherzentrale Bundesverband")
    assert figure["counts"] == "Haushalten"  # as written (gold rules: counts as in the text)


def test_quote_speakers_from_the_new_gazetteer(built):
    speakers = {q["text"][:20]: q["speaker"] for a in built.articles.values() for q in a["quotes"]}
    assert speakers["Wir haben gezeigt, d"] == "Klaus-Dieter Maubach"
    assert speakers["Storage is not the p"] == "Kadri Simson"
    assert speakers["Die Preisbremse komm"] == "Ramona Pop"


def test_quote_speaker_is_the_person_not_her_employer(built):
    (quote,) = built.articles[NEWSLETTER]["quotes"]
    assert quote["speaker"] == "Laura Page"


# ── topic pages compare like with like ───────────────────────────────────


def test_topic_page_compares_the_sources_figures_with_sentence_links(built):
    page = (built.docs / "themen" / "storage.md").read_text(encoding="utf-8")
    assert "90,7" in page and "84,3" in page  # German page, German number format
    assert '<a href="../../artikel/energieportal-gaspreisbremse/#s4">zum Satz</a>' in page
    assert "Bundesnetzagentur" in page


def test_percent_is_not_grouped_with_cent(built):
    page = (built.docs / "themen" / "prices.md").read_text(encoding="utf-8")
    cent_group = page.split('<h3 id="angabe-cent">', 1)[1].split("<h3 ", 1)[0]
    assert "percent" not in cent_group


# ── entities from the new gazetteer ──────────────────────────────────────


def test_entities_of_the_new_gazetteer_are_found_with_inflected_forms(built):
    forms = {
        (a["file"], e["name"]): set(e["forms"])
        for a in built.articles.values()
        for e in a["entities"]
    }
    # genitive "-s" added by the matcher, to a person and to a multi-word organisation
    assert "Habecks" in forms[(DPA, "Robert Habeck")]
    assert "Verbraucherzentrale Bundesverbands" in forms[(WEB, "Verbraucherzentrale Bundesverband")]
    # dative form and abbreviation listed as aliases
    assert forms[(DPA, "Deutsches Institut für Wirtschaftsforschung")] == {
        "Deutschen Institut für Wirtschaftsforschung",
        "DIW",
    }
    # English aliases resolve to the German canonical names
    assert forms[(NEWSLETTER, "Bundesnetzagentur")] == {"Federal Network Agency"}
    assert forms[(NEWSLETTER, "Internationale Energieagentur")] == {
        "International Energy Agency",
        "IEA",
    }
    assert forms[(AGENCY, "Deutschland")] == {"Germany's"}
    assert (built.docs / "entitaeten" / "verbraucherzentrale-bundesverband.md").is_file()


def test_only_entities_of_the_new_gazetteer_appear(built):
    names = {entity["name"] for entity in built.entities}
    assert names <= gazetteer_names()
    assert {"Uniper", "Gazprom", "Kadri Simson", "Wilhelmshaven"} <= names


def proposed_names(report: str) -> str:
    """The report's section of names missing from the gazetteer (bericht.md is HTML), then
    its table rows as lines "| name | articles | files |"."""
    proposed = report.split('id="namen-die-nicht-im-verzeichnis-stehen"', 1)[1]
    return proposed + "\n" + "\n".join(table_lines(proposed))


def test_unknown_multi_word_names_are_proposed_in_the_report(built):
    proposed = proposed_names(built.report)
    assert "| Laura Page | 1 | en&#95;energydesk&#95;lng&#95;record.md |" in proposed
    assert "| Höegh Esperanza | 1 | dpa&#95;lng&#95;wilhelmshaven.txt |" in proposed


def test_proposed_names_are_names_only(built):
    proposed = proposed_names(built.report)
    assert "| Claudia Kemfert |" in proposed
    for not_a_name in ("Kubikmeter Erdgas", "Under Article", "Energieökonomin"):
        assert not_a_name not in proposed


def test_report_names_the_gazetteer_that_was_used(built):
    # this build read its tables from the corpus' own _tables folder, not seeds/_tables
    assert "seeds/_tables/entities.yml" not in built.report
    assert "(<code>entities.yml</code> im Tabellenordner des Korpus" in built.report


# ── dates resolve against each article's publication date ────────────────

DATES = [
    (WEB, "Am 26. August", "2022-08-26"),  # published 2023-01-12: last August
    (WEB, "am Mittwoch", "2023-01-11"),
    (WEB, "März 2023", "2023-03"),
    (WEB, "im vergangenen Jahr", "2022"),
    (NEWSLETTER, "Last August", "2022-08"),  # published 2023-02-10
    (NEWSLETTER, "In December", "2022-12"),
    (NEWSLETTER, "on Jan. 14", "2023-01-14"),
    (DPA, "am 4. Mai", "2023-05-04"),  # year from "im März 2023" in the text
    (DPA, "am 17. Dezember 2022", "2022-12-17"),
    (DPA, "im April", "2023-04"),
    (AGENCY, "Aug. 31", "2022-08-31"),
    (AGENCY, "July 27", "2022-07-27"),
]


@pytest.mark.parametrize(("file", "text", "iso"), DATES, ids=[f"{d[0][:6]}:{d[1]}" for d in DATES])
def test_date_resolves_to_the_right_year(built, file, text, iso):
    date = built.date(file, text)
    assert date["iso"] == iso
    assert f'<time class="dossier-date" datetime="{iso}">{text}</time>' in built.page(file)


def test_publication_dates_from_metadata_and_from_the_text(built):
    published = {f: (a["published"], a["published_basis"]) for f, a in built.articles.items()}
    assert published[WEB] == ("2023-01-12", "metadata")  # <meta article:published_time>
    assert published[NEWSLETTER] == ("2023-02-10", "metadata")  # front matter
    assert published[DPA] == ("2023-05-04", "inferred")  # latest full day in the text


# (file, date text, ISO): each once went wrong in a way a careful reader would not
DATES_ONCE_WRONG = [
    # the agency text is dated by its dateline 'BRUSSELS, Aug 29 (Reuters)'
    (AGENCY, "last Friday", "2022-08-26"),
    # 'erst ab dem 1. März auszahlen', published 2023-01-12: the coming March
    (WEB, "1. März", "2023-03-01"),
    # 'sonst drohe im nächsten Winter', published 2023-01-12: the next winter
    (WEB, "nächsten Winter", "2023-12"),
]


@pytest.mark.parametrize(
    ("file", "text", "iso"),
    [
        *DATES_ONCE_WRONG,
        # 'Allein im März 2023 wurden … Das entspreche … des Verbrauchs in diesem Monat':
        # the March just named, not the publication month 2023-05
        (DPA, "in diesem Monat", "2023-03"),
    ],
    ids=[*(f"{d[0][:6]}:{d[1]}" for d in DATES_ONCE_WRONG), "dpa_ln:in diesem Monat"],
)
def test_date_a_careful_reader_resolves(built, file, text, iso):
    assert built.date(file, text)["iso"] == iso


# ── boilerplate is gone, the article text stays ──────────────────────────

BOILERPLATE = [
    (WEB, ("Wir verwenden Cookies", "Alle akzeptieren", "Einstellungen verwalten",
           "Lesen Sie auch", "Heizen mit Holz", "Hinweis: Dieser Artikel",
           "Jetzt kostenlos abonnieren", "Von Jana Lorenz", "Startseite", "Meistgelesen",
           "Impressum"),
     "Laut Bundesnetzagentur sind die deutschen Gasspeicher derzeit zu 90,7 Prozent gefüllt."),
    (DPA, ("dpa-AFX/lni/xy",), "Umweltverbände kritisieren den Ausbau."),
    (AGENCY, ("Reporting by", "Editing by"), "Germany's storage facilities were 84.3% full"),
    (NEWSLETTER, ("6 min read", "Read more", "Why TTF prices fell", "Sign up for our newsletter"),
     "Europe imported a record 121 million tonnes"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "planted", "kept"), BOILERPLATE, ids=[b[0][:6] for b in BOILERPLATE]
)
def test_planted_boilerplate_is_gone_from_the_article_page(built, file, planted, kept):
    text = page_text(built.page(file))
    body = built.articles[file]["body"]
    assert kept in text and kept in body
    for line in planted:
        assert line not in text and line not in body, line


# ── language ─────────────────────────────────────────────────────────────


def test_english_articles_are_detected_and_marked_english(built):
    languages = {file: article["language"] for file, article in built.articles.items()}
    assert languages == {DPA: "de", WEB: "de", AGENCY: "en", NEWSLETTER: "en"}
    for file in (AGENCY, NEWSLETTER):
        assert "<li><strong>Sprache:</strong> Englisch</li>" in built.page(file)
    assert "<li><strong>Sprache:</strong> Deutsch</li>" in built.page(DPA)


def test_english_article_text_carries_lang_en(built):
    # the site speaks German; an English article's headline and text say they are English
    page = built.page(AGENCY)
    assert page.count('lang="en"') == 2
    assert re.search(r'<h1 lang="en">', page)
    text = page.split('<h2 id="text"', 1)[1]
    assert re.search(r'<div lang="en">\s*<p><span id="s1"', text)
    assert 'lang="' not in built.page(DPA)  # German articles need no attribute
