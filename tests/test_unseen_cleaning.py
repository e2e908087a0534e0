"""Page furniture, the outlet a page names, and names proposed for the gazetteer.

Small inline pages: each rule is shown removing what it should and keeping look-alike
article sentences (general web boilerplate lives in generator/lang/<lang>/boilerplate.yml,
outlet patterns in outlets.yml, name rules in entities.yml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.clean import clean_seed
from generator.extract.entities import extract_mentions, extract_title_mentions
from generator.models import Seed, SeedMeta
from generator.tables import load_tables

TABLES = load_tables(Path(__file__).parents[1] / "seeds" / "_tables")

EN_TITLE = "Russia sends more oil to North Korea"
EN_LEAD = "Russia shipped more oil to North Korea last month, officials said on Monday."
EN_MORE = "The shipments continued for months, according to the report by analysts."
DE_TITLE = "Russland liefert mehr Öl an Nordkorea"
DE_LEAD = "Der Kreml hat die Lieferung von Öl an Nordkorea ausgeweitet, sagte ein Sprecher."
DE_MORE = "Nordkorea schickte im Gegenzug Soldaten nach Russland, berichten Geheimdienste."


def clean(text: str, language: str, **meta):
    seed = Seed(
        path=Path("t.txt"),
        file="t.txt",
        text=text,
        fmt="txt",
        encoding="utf-8",
        meta=SeedMeta(language=language, **meta),
        sha256="0",
    )
    return clean_seed(seed, TABLES, "t")


def body_after(lines: list[str], language: str) -> list[str]:
    """The body lines of a page: title, lead, the lines under test, one more paragraph."""
    title, lead, more = (
        (EN_TITLE, EN_LEAD, EN_MORE) if language == "en" else (DE_TITLE, DE_LEAD, DE_MORE)
    )
    article = clean("\n".join([title, lead, *lines, more]) + "\n", language)
    return article.body.split("\n")[1:-1]


# ── page furniture ────────────────────────────────────────────────────────

EN_FURNITURE = [
    "Updated 3 hours ago",
    "Last updated: 12 January 2025, 14:32 GMT",
    "Live Reporting",
    "Edited by Laura Gozzi and Tom Spender",
    "Related: What we know about North Korean troops in Russia",
    "9 min read",
    "5-minute read",
    (
        "The views expressed in this Commentary are the authors', and do not represent "
        "those of RUSI or any other institution."
    ),
    "Download PDF",
    "*(ATTN: ADDS Kim Yo-jong statement in paras 6-7)*",
    "(END)",
    "hyunmin@yna.co.kr",
    "hyunmin@yna.co.kr (END)",
    "Related Articles (LEAD) N. Korea slams U.S.-S. Korea drills",
]

EN_ARTICLE_LINES = [
    "Updated figures from the ministry show 3,000 casualties since August.",
    "Live ammunition was used in the drills, the ministry said.",
    "Edited footage of the parade was shown on state television on Sunday.",
    "Related talks are planned for next week, a spokesman said.",
    "The views of the two governments differ on the treaty.",
    "Download speeds in Pyongyang are slow, the report found.",
    "Contact the ministry at press@mofa.go.kr for the full report, it said.",
]


@pytest.mark.parametrize("line", EN_FURNITURE)
def test_english_page_furniture_is_boilerplate(line):
    assert body_after([line], "en") == []


@pytest.mark.parametrize("line", EN_ARTICLE_LINES)
def test_english_look_alike_sentences_stay(line):
    assert body_after([line], "en") == [line]


DE_FURNITURE = [
    "Von Sven Lindemann · 18.12.2024, 06:00 Uhr",
    "Von Katharina Brenner und Felix Hartwig · 14. Januar 2025",
    "Aktualisiert vor 3 Stunden",
    "Zuletzt aktualisiert am 18.12.2024, 06:00 Uhr",
    "Liveblog",
    "Lesezeit: 4 Minuten",
    "4 Min. Lesezeit",
    "PDF herunterladen",
    "Der Beitrag gibt die Meinung des Autors wieder, nicht die der Redaktion.",
    "Mehr zum Thema: Was der Vertrag zwischen Kim und Putin bedeutet",
    "(END)",
    "redaktion@example.de",
]

DE_ARTICLE_LINES = [
    "Von Sven Lindemann stammt die Schätzung, dass 12.000 Soldaten im Einsatz sind.",
    "Aktualisiert wurde die Zahl der Toten zuletzt am Montag, sagte ein Sprecher.",
    "Live übertragene Bilder zeigten die Ankunft des Zuges in Pjöngjang.",
    "Die Lesezeit der Berichte verkürzt sich, schrieb das Ministerium.",
    "Zum Thema Öl äußerte sich der Kreml am Dienstag nicht.",
]


@pytest.mark.parametrize("line", DE_FURNITURE)
def test_german_page_furniture_is_boilerplate(line):
    assert body_after([line], "de") == []


@pytest.mark.parametrize("line", DE_ARTICLE_LINES)
def test_german_look_alike_sentences_stay(line):
    assert body_after([line], "de") == [line]


# ── the outlet a page names itself ────────────────────────────────────────


def test_copyright_footer_names_the_publisher():
    page = f"{DE_TITLE}\n{DE_LEAD}\n{DE_MORE}\nDiesen Artikel teilen\n© ZEIT ONLINE\n"
    article = clean(page, "de")
    assert article.source_from_text == "ZEIT ONLINE"
    assert "ZEIT" not in article.body


def test_copyright_footer_with_year_and_links():
    page = f"{DE_TITLE}\n{DE_LEAD}\n{DE_MORE}\n© 2024 Oderland-Kurier Mediengruppe · Impressum\n"
    assert clean(page, "de").source_from_text == "Oderland-Kurier Mediengruppe"


def test_disclaimer_names_the_publisher():
    page = (
        f"{EN_TITLE}\n{EN_LEAD}\n{EN_MORE}\nThe views expressed in this Commentary are the "
        "authors', and do not represent those of RUSI or any other institution.\n"
    )
    assert clean(page, "en").source_from_text == "RUSI"
    # a disclaimer that names no one (lower case) gives no outlet
    page = (
        f"{EN_TITLE}\n{EN_LEAD}\n{EN_MORE}\nThe views expressed here do not necessarily "
        "reflect those of the publisher.\n"
    )
    assert clean(page, "en").source_from_text is None


def test_photo_credits_name_no_publisher():
    # a credit line under a picture inside the page
    page = f"{DE_TITLE}\n{DE_LEAD}\nKim Jong-un in Pjöngjang.\n© dpa\n{DE_MORE}\n"
    assert clean(page, "de").source_from_text is None
    # a credit after a caption at the very end of the page
    page = f"{DE_TITLE}\n{DE_LEAD}\n{DE_MORE}\nKim Jong-un in Pjöngjang. Foto: Reuters\n© dpa\n"
    assert clean(page, "de").source_from_text is None
    # a credit glued to a caption
    page = f"{DE_TITLE}\n{DE_LEAD}\n{DE_MORE}\nKim in Pjöngjang. Foto: © dpa\n"
    assert clean(page, "de").source_from_text is None
    # the rights notice itself names no one
    page = f"{DE_TITLE}\n{DE_LEAD}\n{DE_MORE}\n© ALLE RECHTE VORBEHALTEN\n"
    assert clean(page, "de").source_from_text is None


# ── entities: currency signs, the title, proposed names ───────────────────


def facts(text: str, language: str, title: str | None = None):
    body_title = title or (EN_TITLE if language == "en" else DE_TITLE)
    article = clean(f"{body_title}\n{text}\n", language)
    mentions, candidates = extract_mentions(article, TABLES)
    return article, mentions, candidates


def names(mentions) -> set[str]:
    by_id = {e.id: e.name for e in TABLES.entities}
    return {by_id[m.entity] for m in mentions}


def test_currency_sign_is_no_country_mention():
    _, mentions, _ = facts("Wheat flour sold at roughly US$350 per ton, the ministry said.", "en")
    assert "USA" not in names(mentions)
    _, mentions, _ = facts("The US sold wheat flour at $350 per ton, the ministry said.", "en")
    assert "USA" in names(mentions)


def test_title_mentions_are_found_with_title_spans():
    article, mentions, _ = facts(
        "Kim Jong-un schickte Soldaten nach Kursk, sagte ein Sprecher.",
        "de",
        title="Kims Soldaten für Putins Krieg",
    )
    found = extract_title_mentions(article, TABLES, mentions)
    assert [(names([m]).pop(), m.form, m.sentence) for m in found] == [
        ("Kim Jong-un", "Kims", -1),
        ("Wladimir Putin", "Putins", -1),
    ]
    assert article.title[found[0].start : found[0].end] == "Kims"


def test_proposed_names_drop_role_nouns_and_keep_organisations_whole():
    _, _, candidates = facts(
        "Der Koreanist Jonas Albrecht-Weiß forscht an der Stiftung Wissenschaft und Politik "
        "in Berlin. Ein Forscher der Universität Greifswald erklärt das.",
        "de",
    )
    assert set(candidates) == {
        "Jonas Albrecht-Weiß",
        "Stiftung Wissenschaft und Politik",
        "Universität Greifswald",
    }
    _, _, candidates = facts(
        "Lawmaker Lee Seong-kweun told reporters so. \"It is an alliance,\" said Victor Cha "
        "of the Center for Strategic and International Studies.",
        "en",
    )
    assert set(candidates) == {
        "Lee Seong-kweun",
        "Victor Cha",
        "Center for Strategic and International Studies",
    }


def test_connectors_join_only_organisation_names():
    _, _, candidates = facts(
        "Hans Beispielmann und Anna Mustermann reisten nach Berlin, sagte ein Sprecher.", "de"
    )
    assert set(candidates) == {"Hans Beispielmann", "Anna Mustermann"}


def test_demonyms_section_labels_and_type_names_are_not_proposed():
    _, _, candidates = facts(
        "Key Points\nNorth Korean soldiers and South Koreans met Jane Doe Smith.\n"
        "A Supply Line by Rail and Sea\nShe spoke of the Security Council Secretary.",
        "en",
    )
    assert set(candidates) == {"Jane Doe Smith"}
    _, _, candidates = facts("Es kamen Raketen vom Typ KN-23 hinzu, sagte ein Sprecher.", "de")
    assert candidates == ()
