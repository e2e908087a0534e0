"""Dates: forms, spans, publication-date inference and resolution (German and English)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.extract.dates import extract_dates
from generator.models import Article, SeedMeta, Tables
from generator.sentences import split_sentences
from generator.tables import load_tables

TABLES = load_tables(Path(__file__).resolve().parents[1] / "seeds" / "_tables")


def make_article(text: str, language: str = "de", published: str | None = None) -> Article:
    """One paragraph per line, segmented by the real sentence splitter."""
    body = "\n".join(line.strip() for line in text.strip().splitlines())
    paragraphs, offset = [], 0
    for line in body.split("\n"):
        paragraphs.append((offset, offset + len(line)))
        offset += len(line) + 1
    return Article(
        file="t.txt",
        slug="t",
        title="T",
        body=body,
        paragraphs=tuple(paragraphs),
        sentences=split_sentences(body, tuple(paragraphs)),
        language=language,
        meta=SeedMeta(published=published),
        fmt="txt",
        encoding="utf-8",
        sha256="0",
    )


def dates_of(
    text: str, language: str = "de", published: str | None = None, tables: Tables = TABLES
):
    dates, pub, basis = extract_dates(make_article(text, language, published), tables)
    return [(d.text, d.iso, d.relative) for d in dates], pub, basis


def test_latest_full_day_is_the_publication_date_and_years_roll_back():
    found, pub, basis = dates_of(
        "Am Freitag sagte Verteidigungsminister Pistorius in Berlin, seit März 2024 sei viel "
        "geschehen. Vom 22. November stammt die Meldung. Im Dezember war es ruhig."
    )
    assert pub == "2024-11-22" and basis == "inferred"
    assert ("März 2024", "2024-03", False) in found
    assert ("22. November", "2024-11-22", False) in found  # "Vom" dropped from the span
    assert ("Im Dezember", "2023-12", False) in found  # a month after publication: last year
    assert ("Am Freitag", "2024-11-22", True) in found  # 22 November 2024 is a Friday


def test_weekday_apposition_pins_the_date_and_heute_is_not_repeated():
    found, pub, _ = dates_of(
        "Die Reise beginnt heute, Dienstag, 18. Juni 2024. Gestern kam die Delegation an. "
        "Letzte Woche gab es Vorbereitungen, im September das erste Treffen seit 2019."
    )
    assert pub == "2024-06-18"
    assert [f[0] for f in found] == [
        "Dienstag, 18. Juni 2024",
        "Gestern",
        "Letzte Woche",
        "im September",
        "2019",
    ]
    assert ("Gestern", "2024-06-17", True) in found
    assert ("im September", "2023-09", False) in found


def test_metadata_wins_and_durations_and_counts_are_not_dates():
    found, pub, basis = dates_of(
        "In den vergangenen acht Monaten kamen 2000 Soldaten, seit fast 25 Jahren nicht mehr. "
        "Kürzlich wurde es ratifiziert; letzten Monat sagte Kim etwas.",
        published="2024-11-22",
    )
    assert basis == "metadata" and pub == "2024-11-22"
    assert found == [("letzten Monat", "2024-10", True)]


def test_approximate_forms():
    dates, _, _ = extract_dates(
        make_article(
            "Seit Mitte des Jahres 2022 liefert Nordkorea. Im Sommer 2024 wurde unterzeichnet."
        ),
        TABLES,
    )
    assert [(d.text, d.iso, d.approx) for d in dates] == [
        ("Mitte des Jahres 2022", "2022-06", True),
        ("Im Sommer 2024", "2024-06", True),
    ]


def test_english_forms():
    found, pub, _ = dates_of(
        "On November 4, 2024 the minister visited Moscow. The treaty was signed last August "
        "and ratified in 2017 terms. He said on Friday that troops arrived in June 2024. "
        "Yesterday officials met; mid-August drills began. Troops may leave.",
        language="en",
    )
    assert pub == "2024-11-08"  # Friday after the latest explicit day
    texts = {f[0]: f[1] for f in found}
    assert texts["On November 4, 2024"] == "2024-11-04"
    assert texts["last August"] == "2024-08"
    assert texts["in June 2024"] == "2024-06"
    assert texts["on Friday"] == "2024-11-08"
    assert texts["Yesterday"] == "2024-11-07"
    assert texts["mid-August"] == "2024-08"
    assert not any("May" in t or "may" in t for t in texts)


def test_no_year_anywhere_is_unknown_not_today():
    found, pub, basis = dates_of(
        "Am 4. November besuchte sie Moskau.", tables=replace(TABLES, corpus={})
    )
    assert pub is None and basis == "unknown"
    assert found == [("Am 4. November", "XXXX-11-04", False)]


def test_corpus_period_supplies_a_missing_year():
    found, pub, basis = dates_of(
        "Am 4. November besuchte sie Moskau.",
        tables=replace(TABLES, corpus={"published_from": 2021}),
    )
    # The year comes from the corpus table, never from today's date.
    assert found == [("Am 4. November", "2021-11-04", False)]
    assert pub == "2021-11-04" and basis == "inferred"


def test_next_day_counts_from_the_day_before_it_and_needs_one():
    found, _, _ = dates_of(
        "Am 4. März traf die Delegation in Moskau ein. Am Tag darauf reiste sie weiter.",
        published="2024-03-10",
    )
    assert ("Am Tag darauf", "2024-03-05", True) in found
    found, _, _ = dates_of("Am nächsten Tag reiste sie weiter.", published="2024-03-10")
    assert found == []  # no day before it: nothing to count from, so no date
    found, _, _ = dates_of(
        "The talks ended on March 31. The following day, the ships left.",
        language="en",
        published="2024-04-10",
    )
    assert ("The following day", "2024-04-01", True) in found


def test_same_month_is_the_month_the_text_named_last():
    found, _, _ = dates_of(
        "Im März 2023 kamen zehn Schiffe an. Der Hafen war voll. Im selben Monat stieg der Preis.",
        published="2023-06-01",
    )
    assert ("Im selben Monat", "2023-03", True) in found
    found, _, _ = dates_of(
        "In March 2023, ten ships arrived. Prices rose later that month.",
        language="en",
        published="2023-06-01",
    )
    assert ("later that month", "2023-03", True) in found
    found, _, _ = dates_of("Im selben Monat stieg der Preis.", published="2023-06-01")
    assert found == []  # no month named before: not resolved


def test_in_diesem_monat_is_the_month_just_named_else_the_publication_month():
    just_named, _, _ = dates_of(
        "Allein im März 2023 wurden 1,7 Milliarden Kubikmeter Gas geliefert. Das entspreche "
        "einem Zehntel des Verbrauchs in diesem Monat.",
        published="2023-05-17",
    )
    assert ("in diesem Monat", "2023-03", True) in just_named
    # named two sentences before, or only deictically ("letzten Monat"): this month
    for text in (
        "Im März 2023 kamen zehn Schiffe. Der Hafen war voll. In diesem Monat kommen zwölf.",
        "Letzten Monat kamen zehn Schiffe. In diesem Monat kommen zwölf.",
    ):
        found, _, _ = dates_of(text, published="2023-05-17")
        assert ("In diesem Monat", "2023-05", True) in found, text
