"""Figure shapes met in unseen outlets: verb particles that look like qualifiers, ranges
without an opener, currency signs inside qualifiers and ranges, footnote markers, units
with their substance, counter nouns and shares of something named before.

Small inline sentences, exact outputs; each fix has a look-alike that must stay as it was.
"""

from __future__ import annotations

from test_figures import figures_of


def _rows(text: str, language: str = "en") -> list[tuple]:
    return [(f.text, f.low, f.high, f.qualifier) for f in figures_of(text, language)]


# ── qualifiers ───────────────────────────────────────────────────────────


def test_verb_particle_over_is_no_qualifier():
    rows = _rows("Ukraine is ready to hand over two North Korean soldiers to Pyongyang.")
    assert rows == [("two", 2, 2, "exact")]


def test_over_before_a_number_is_still_more_than():
    assert _rows("Over 200 soldiers were wounded.") == [("Over 200", 200, 200, "more_than")]


def test_german_verfuegt_ueber_is_no_qualifier_but_ueber_alone_is():
    rows = _rows("Die Armee verfügt über 2.000 Panzer und über 300 Raketen.", "de")
    assert rows == [("2.000", 2000, 2000, "exact"), ("über 300", 300, 300, "more_than")]


def test_as_much_as_is_up_to():
    (figure,) = figures_of("Shells made up as much as 50% of the ammunition.", "en")
    assert (figure.text, figure.qualifier, figure.counts) == ("as much as 50", "up_to", "percent")


def test_qualifier_reads_past_a_currency_sign_with_country_prefix():
    (figure,) = figures_of("Flour was sold at a price of roughly US$350 per ton.", "en")
    assert (figure.text, figure.low, figure.qualifier, figure.counts) == (
        "roughly US$350", 350, "approx", "dollars"
    )


def test_currency_letters_not_glued_to_the_sign_are_not_read_past():
    (figure,) = figures_of("Flour was sold at roughly 350 US dollars per ton.", "en")
    assert (figure.text, figure.qualifier) == ("roughly 350", "approx")


# ── ranges ───────────────────────────────────────────────────────────────


def test_rising_x_to_y_million_is_one_range():
    (figure,) = figures_of(
        "North Korea has shipped an estimated 4 million to 6 million artillery rounds.", "en"
    )
    assert (figure.low, figure.high, figure.qualifier, figure.counts) == (
        4e6, 6e6, "range", "artillery rounds"
    )


def test_falling_x_to_y_is_a_score_not_a_range():
    assert _rows("The motion passed 12 to 3 in the assembly.") == [
        ("12", 12, 12, "exact"), ("3", 3, 3, "exact"),
    ]


def test_dollar_to_dollar_is_one_range():
    rows = _rows("At an estimated $300 to $500 per shell, the deal is cheap.")
    assert rows == [("an estimated $300 to $500", 300, 500, "range")]


def test_between_dollar_amounts_is_one_range():
    rows = _rows("The deliveries are worth between $1.2 billion and $3 billion to Pyongyang.")
    assert rows == [("between $1.2 billion and $3 billion", 1.2e9, 3e9, "range")]


def test_between_dollar_amount_without_second_end_stays_exact_dollars():
    (figure,) = figures_of("They paid $1.2 billion and more.", "en")
    assert (figure.text, figure.qualifier, figure.counts) == ("1.2 billion", "exact", "dollars")


# ── footnote markers ─────────────────────────────────────────────────────


def test_footnote_markers_are_no_figures():
    text = (
        "Some 16,000 containers left the port since August 2023.[1]\n"
        "[1] Defense Intelligence Agency, report to the National Assembly."
    )
    assert _rows(text) == [("Some 16,000", 16000, 16000, "approx")]


def test_bracketed_number_with_a_noun_stays_a_figure():
    assert _rows("The convoy [12 trucks] crossed the border.") == [("12", 12, 12, "exact")]


# ── counted noun and topic ───────────────────────────────────────────────


def test_german_unit_keeps_its_substance():
    (figure,) = figures_of("Nordkorea lieferte knapp 1,7 Milliarden Schuss Munition.")
    assert figure.counts == "Schuss Munition"


def test_english_unit_keeps_a_compound_substance():
    (figure,) = figures_of("Russia supplied about 5,000 tons of wheat flour in November.", "en")
    assert figure.counts == "tons of wheat flour"


def test_english_substance_stops_before_a_verb():
    (figure,) = figures_of("About 5,000 tons of oil arrived in Rajin.", "en")
    assert figure.counts == "tons of oil"
    (figure,) = figures_of("About 5,000 tons of oil left Russia.", "en")
    assert figure.counts == "tons of oil"


def test_mann_are_troops():
    (figure,) = figures_of("Inzwischen sind bis zu 12.000 Mann im Einsatz.")
    assert (figure.counts, figure.topic) == ("Mann", "troops")


def test_share_of_them_takes_the_topic_of_the_sentence_before():
    text = "North Korean shells made up half of the ammunition. Nearly 20% of them failed."
    (figure,) = figures_of(text, "en")
    assert (figure.text, figure.topic) == ("Nearly 20", "munitions")


def test_share_without_pointing_back_keeps_other():
    text = "North Korean shells made up half of the ammunition. Nearly 20% of voters agreed."
    (figure,) = figures_of(text, "en")
    assert figure.topic == "other"
