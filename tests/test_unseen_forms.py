"""Forms the first corpus never showed, met in articles on a new subject (gas and LNG):
bare month abbreviations and agency datelines, numbers inside names, a unit's whole
substance, year-less future days and "next" seasons, and runs of capitalised words that
are no names. Each unit test feeds a small real sentence and checks the exact output,
with the look-alike forms that must keep their old reading beside it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from test_dates import make_article

from generator.extract.dates import extract_dates
from generator.extract.entities import extract_mentions
from generator.extract.figures import extract_figures
from generator.tables import load_tables

TABLES = load_tables(Path(__file__).resolve().parents[1] / "seeds" / "_tables")
NO_PERIOD = replace(TABLES, corpus={})  # no corpus `published_from`: years from the text


def dates_of(text: str, language: str = "en", published: str | None = None):
    found, pub, basis = extract_dates(make_article(text, language, published), NO_PERIOD)
    return [(d.text, d.iso) for d in found], pub, basis


def figures_of(text: str, language: str = "en", published: str | None = "2022-08-29"):
    article = make_article(text, language, published)
    dates, _, _ = extract_dates(article, NO_PERIOD)
    mentions, _ = extract_mentions(article, TABLES)
    blocked = tuple((d.start, d.end) for d in dates)
    return [(f.text, f.counts) for f in extract_figures(article, TABLES, blocked, mentions)]


def candidates_of(text: str, language: str = "de") -> tuple[str, ...]:
    return extract_mentions(make_article(text, language), TABLES)[1]


# ── 1. month abbreviations and datelines ──────────────────────────────────


def test_bare_english_month_abbreviation_next_to_a_day_is_a_date():
    found, _, _ = dates_of("Flows stopped on Sept 3, 2022 and resumed 5 Oct 2022.")
    assert found == [("on Sept 3, 2022", "2022-09-03"), ("5 Oct 2022", "2022-10-05")]


def test_bare_abbreviation_without_a_day_or_year_is_no_month():
    # "Jan" alone is a first name, "Mar" a verb: no date, and "in Jan" is no month either
    found, _, _ = dates_of("Editing by Jan Harvey. Storms mar the outlook in Jan and Dec.")
    assert found == []


def test_german_abbreviations_with_full_stop_are_months():
    found, _, _ = dates_of("Die Lieferung kam am 3. Febr. 2023 und am 9. Okt. 2023.", "de")
    assert found == [("am 3. Febr. 2023", "2023-02-03"), ("am 9. Okt. 2023", "2023-10-09")]


def test_agency_dateline_is_the_publication_date_and_no_figure():
    text = (
        "EU gas storage hits target\n"
        "BRUSSELS, Aug 29 (Reuters) - Storage sites were 80% full on Monday, ahead of the "
        "Nov. 1 target, after a record last Friday. Flows stop from Aug. 31. In 2022 prices rose."
    )
    found, pub, basis = dates_of(text)
    assert (pub, basis) == ("2022-08-29", "inferred")
    assert ("Aug 29", "2022-08-29") in found
    assert ("last Friday", "2022-08-26") in found
    assert ("Nov. 1", "2022-11-01") in found  # a deadline two months ahead, not last year's
    assert ("Aug. 31", "2022-08-31") in found
    assert ("29", "") not in figures_of(text, published=None)


def test_a_date_inside_the_text_is_no_dateline():
    # the same day in running text: the latest day still gives the publication date
    found, pub, _ = dates_of("Talks began in Brussels, Aug 29, and ended on Sept. 2 in 2022.")
    assert pub == "2022-09-02"
    assert ("Aug 29", "2022-08-29") in found


# ── 2. numbers inside names ───────────────────────────────────────────────


def test_number_of_a_name_is_no_figure():
    assert figures_of("Gazprom halted flows through the Nord Stream 1 pipeline for three days.") == [
        ("three", "days")
    ]


def test_counts_after_capitalised_words_stay_figures():
    assert figures_of("Germany's 60 terminals and EUR 300 per tonne were cited.") == [
        ("60", "terminals"),
        ("300", "per tonne"),  # after a currency code: an amount
    ]
    assert figures_of("The agency counted Germany 3 million households.") == [
        ("3 million", "households")
    ]


def test_german_counts_after_nouns_and_at_sentence_start_stay_figures():
    text = (
        "Über 1.000 Soldaten kamen an. Insgesamt wurden in Wilhelmshaven 60 Tanker entladen. "
        "In Brunsbüttel kamen 12 neue Tanker an. Nach Artikel 4 der Verordnung gilt das."
    )
    assert figures_of(text, "de") == [
        ("Über 1.000", "Soldaten"),
        ("60", "Tanker"),
        ("12", "neue Tanker"),
    ]


def test_german_name_number_before_a_verb_is_no_figure():
    assert figures_of("Die Pipeline Nord Stream 1 liefert seit Tagen kein Gas.", "de") == []


# ── 3. the whole substance after a unit ───────────────────────────────────


def test_unit_of_keeps_modifiers_and_noun():
    text = (
        "Europe imported 121 million tonnes of liquefied natural gas (LNG) last year. "
        "Poland bought 5 million tonnes of coal from Russia. "
        "Refiners ran 2 million barrels of crude oil a day."
    )
    assert figures_of(text) == [
        ("121 million", "tonnes of liquefied natural gas"),
        ("5 million", "tonnes of coal"),
        ("2 million", "barrels of crude oil"),
    ]


# ── 4. runs of capitalised words that are no names ────────────────────────


def test_role_noun_and_units_are_not_proposed_as_names():
    candidates = candidates_of(
        "Das sagte die Energieökonomin Claudia Kemfert. Es kamen rund 3,5 Milliarden "
        "Kubikmeter Erdgas an."
    )
    assert candidates == ("Claudia Kemfert",)


def test_sentence_initial_function_word_is_not_part_of_a_name():
    candidates = candidates_of(
        "Under Article 5 countries must report. Which Way Forward was the motto. "
        "Said Laura Page.",
        "en",
    )
    assert "Under Article" not in candidates
    assert "Laura Page" in candidates
    assert "Way Forward" in candidates  # the function word goes, the rest of the run stays


# ── 5. year-less days and "next" seasons ──────────────────────────────────


def test_year_less_day_takes_the_year_nearest_the_publication_date():
    found, _, _ = dates_of(
        "Versorger zahlen erst ab dem 1. März aus. Am 26. August war der Preis am höchsten.",
        "de",
        "2023-01-12",
    )
    assert found == [("1. März", "2023-03-01"), ("Am 26. August", "2022-08-26")]


def test_year_less_month_keeps_the_past_reading():
    # a month alone stays in the past: "im September" written in June is last September
    found, _, _ = dates_of("Kim reiste im September nach Russland.", "de", "2024-06-18")
    assert found == [("im September", "2023-09")]


def test_next_season_is_the_coming_one_and_this_or_last_are_not():
    found, _, _ = dates_of(
        "Sonst drohe im nächsten Winter eine Mangellage. Im Winter war es mild.",
        "de",
        "2023-01-12",
    )
    assert found == [("nächsten Winter", "2023-12"), ("Im Winter", "2022-12")]
    found, _, _ = dates_of("Next summer will be tight, next March too.", "en", "2023-07-20")
    assert found == [("Next summer", "2024-06"), ("next March", "2024-03")]
