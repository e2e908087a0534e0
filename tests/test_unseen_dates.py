"""Date forms met in unseen articles: a page's own date line, the byline's <time> element,
future-tense and agency-style weekdays, "the end of 2025", "early next year" and boundary
prepositions before "Anfang …". Each test feeds a small sentence and checks the exact
output, with the look-alike forms that must keep their old reading beside it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from test_dates import make_article

from generator.extract.dates import extract_dates
from generator.read import html_to_text
from generator.tables import load_tables

TABLES = replace(load_tables(Path(__file__).resolve().parents[1] / "seeds" / "_tables"), corpus={})


def dates_of(text: str, language: str = "en", published: str | None = None):
    found, pub, basis = extract_dates(make_article(text, language, published), TABLES)
    return [(d.text, d.iso, d.relative) for d in found], pub, basis


# ── the page's own date line ──────────────────────────────────────────────


def test_a_date_line_near_the_top_is_the_publication_date():
    text = (
        "Ukraine war live\nSunday 12 January 2025\nShare\n"
        "Two soldiers were captured on Thursday.\nPeskov spoke on Friday."
    )
    found, pub, basis = dates_of(text)
    assert (pub, basis) == ("2025-01-12", "inferred")
    assert found[1:] == [("on Thursday", "2025-01-09", True), ("on Friday", "2025-01-10", True)]


def test_a_date_line_may_carry_a_clock_time():
    text = "Kims Soldaten\nVon A. B.\n14. Januar 2025, 18:04 Uhr\nAm Freitag kam die Nachricht."
    found, pub, _ = dates_of(text, "de")
    assert pub == "2025-01-14"
    assert found[1] == ("Am Freitag", "2025-01-10", True)


def test_a_date_inside_a_sentence_is_no_date_line():
    # the day stands in running text: the latest day and the weekday infer the date as before
    text = "Headline\nThe treaty was signed on 12 January 2025.\nTalks resumed on Friday."
    _, pub, _ = dates_of(text)
    assert pub == "2025-01-17"


def test_a_date_line_whose_weekday_contradicts_it_is_ignored():
    text = "Headline\nMonday 12 January 2025\nTalks resumed on Friday."
    _, pub, _ = dates_of(text)
    assert pub == "2025-01-17"


# ── <time datetime> in an HTML page ──────────────────────────────────────


def test_byline_time_element_gives_the_publication_date():
    page = html_to_text(
        "<html><body><article><h1>Titel</h1><p class='meta'>Von X · "
        "<time datetime='2024-12-18T06:00:00+01:00'>18.12.2024</time></p>"
        "<p>Text.</p></article></body></html>"
    )
    assert page.meta["published"] == "2024-12-18T06:00:00+01:00"


def test_meta_tag_beats_the_time_element_and_update_times_are_skipped():
    page = html_to_text(
        "<html><head><meta property='article:published_time' content='2024-12-17'></head>"
        "<body><article><h1>T</h1><time datetime='2024-12-18'>x</time></article></body></html>"
    )
    assert page.meta["published"] == "2024-12-17"
    page = html_to_text(
        "<html><body><article><h1>T</h1><time class='updated' datetime='2024-12-19'>u</time>"
        "<time datetime='2024-12-18'>p</time></article></body></html>"
    )
    assert page.meta["published"] == "2024-12-18"


def test_declared_time_wins_over_an_earlier_one():
    page = html_to_text(
        "<html><body><article><h1>T</h1><time datetime='2024-01-02'>a</time>"
        "<time itemprop='datePublished' datetime='2024-12-18'>b</time></article></body></html>"
    )
    assert page.meta["published"] == "2024-12-18"


def test_time_elements_of_events_and_related_links_are_no_publication_date():
    long_text = "Ein langer Absatz über den Krieg. " * 20
    page = html_to_text(
        f"<html><body><article><h1>T</h1><p>{long_text}</p>"
        "<p>Das Treffen am <time datetime='2024-06-19'>19. Juni</time>.</p></article>"
        "<aside><time datetime='2024-11-01'>1.11.</time></aside></body></html>"
    )
    assert "published" not in page.meta
    # outside the <article>: the site header's date is not the text's
    page = html_to_text(
        "<html><body><div><time datetime='2024-11-01'>heute</time></div>"
        "<article><h1>T</h1><p>Text.</p></article></body></html>"
    )
    assert "published" not in page.meta


# ── weekdays: future tense, agency style, "next" ──────────────────────────


def test_future_tense_weekday_looks_forward():
    found, _, _ = dates_of(
        "The treaty was signed on June 19, which will take effect on Wednesday.",
        published="2024-12-03",
    )
    assert found[1] == ("on Wednesday", "2024-12-04", True)
    found, _, _ = dates_of(
        "Das Abkommen wird am Mittwoch in Kraft treten. Am Freitag soll gewählt werden.",
        "de",
        "2024-12-03",
    )
    assert found == [("am Mittwoch", "2024-12-04", True), ("Am Freitag", "2024-12-06", True)]


def test_a_future_cue_in_another_clause_keeps_the_past_reading():
    found, _, _ = dates_of(
        "He will travel to Seoul, officials said on Wednesday.", published="2024-12-03"
    )
    assert found == [("on Wednesday", "2024-11-27", True)]
    found, _, _ = dates_of(
        "Der Vertrag, der am Mittwoch unterzeichnet wurde, wird bald gelten.", "de", "2024-12-03"
    )
    assert found == [("am Mittwoch", "2024-11-27", True)]


def test_next_weekday_is_ahead_and_never_today():
    found, _, _ = dates_of("Talks resume next Friday.", published="2024-12-06")
    assert found == [("next Friday", "2024-12-13", True)]
    found, _, _ = dates_of("Die Gespräche gehen am kommenden Montag weiter.", "de", "2024-12-03")
    assert found == [("am kommenden Montag", "2024-12-09", True)]


def test_bare_weekday_after_said_is_a_date():
    found, _, _ = dates_of(
        "Kim Yo-jong said Tuesday that Pyongyang stands by Moscow.", published="2024-12-03"
    )
    assert found == [("Tuesday", "2024-12-03", True)]


def test_bare_weekday_without_a_cue_word_is_no_date():
    found, _, _ = dates_of(
        "Shoppers crowded stores on Black Friday and every Tuesday.", published="2024-12-03"
    )
    assert found == []


# ── parts of a year ──────────────────────────────────────────────────────


def test_the_end_of_a_year_is_a_date():
    found, _, _ = dates_of("The flow will continue at least until the end of 2025.")
    assert found == [("the end of 2025", "2025-12", False)]


def test_early_next_year_is_a_relative_year_part():
    found, _, _ = dates_of("It may send more troops early next year.", published="2024-12-03")
    assert found == [("early next year", "2025-01", True)]
    found, _, _ = dates_of("Anfang nächsten Jahres kommen mehr Soldaten.", "de", "2024-12-03")
    assert found == [("Anfang nächsten Jahres", "2025-01", True)]
    found, _, _ = dates_of("Die Wahl ist nächstes Jahr.", "de", "2024-12-03")
    assert found == [("nächstes Jahr", "2025", True)]


def test_month_of_next_year_names_its_month():
    found, _, _ = dates_of("Die Lieferung folgt im März nächsten Jahres.", "de", "2024-12-03")
    assert found == [("im März nächsten Jahres", "2025-03", False)]


# ── boundary prepositions ────────────────────────────────────────────────


def test_seit_is_not_part_of_a_month_part_span():
    found, _, _ = dates_of(
        "Seit Anfang Dezember kämpfen sie, ab Mitte Januar 2025 nicht mehr.", "de", "2024-12-20"
    )
    assert found == [("Anfang Dezember", "2024-12", False), ("Mitte Januar 2025", "2025-01", False)]
    # without a preposition the part word stays in the span
    found, _, _ = dates_of("Anfang Dezember kam die Nachricht.", "de", "2024-12-20")
    assert found == [("Anfang Dezember", "2024-12", False)]
