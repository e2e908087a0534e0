"""Sentence segmentation: the rule of shared/gold/README.md §2 plus abbreviation exceptions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.sentences import split_sentences


def paragraphs_of(body: str) -> tuple[tuple[int, int], ...]:
    spans, offset = [], 0
    for line in body.split("\n"):
        spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return tuple(spans)


def texts(body: str, **options) -> list[str]:
    return [s.text for s in split_sentences(body, paragraphs_of(body), **options)]


def test_splits_before_uppercase_and_opening_quote_only():
    body = "Er kam. Sie ging! „Wirklich?“ Ja. dann klein. Ende"
    assert texts(body) == ["Er kam.", "Sie ging!", "„Wirklich?“", "Ja. dann klein.", "Ende"]


def test_closing_quote_stays_with_its_sentence():
    assert texts("„Wir siegen.“ Das sagte er.") == ["„Wir siegen.“", "Das sagte er."]


def test_day_numbers_are_no_boundary_but_years_are():
    body = "Am 4. November kam er. Das erste seit 2019. Heute bleibt er bis zum 18. Juni."
    assert texts(body) == [
        "Am 4. November kam er.",
        "Das erste seit 2019.",
        "Heute bleibt er bis zum 18. Juni.",
    ]


def test_nbsp_counts_as_whitespace_and_each_line_is_on_its_own():
    body = "Es hat begonnen.\u00a0Nordkorea droht\nZweite Zeile ohne Punkt\nDritte."
    assert texts(body) == [
        "Es hat begonnen.",
        "Nordkorea droht",
        "Zweite Zeile ohne Punkt",
        "Dritte.",
    ]


def test_abbreviations_and_initials_are_no_boundary():
    body = "Waffen, z. B. Raketen. Dr. Kim sprach mit George W. Bush. Die U.S. Army schwieg."
    assert texts(body, abbreviations=("z. B.", "Dr.", "U.S."), initials=True) == [
        "Waffen, z. B. Raketen.",
        "Dr. Kim sprach mit George W. Bush.",
        "Die U.S. Army schwieg.",
    ]
    assert texts("Dr. Kim kam.", abbreviations=(), initials=False) == ["Dr.", "Kim kam."]


def test_default_abbreviations_come_from_the_language_tables():
    assert texts("Etwa u. a. Raketen. Mr. Smith left.") == [
        "Etwa u. a. Raketen.",
        "Mr. Smith left.",
    ]


def test_offsets_index_and_paragraph_point_into_the_body():
    body = "  Eins. Zwei.  \nDrei."
    sentences = split_sentences(body, paragraphs_of(body))
    assert [(s.index, s.paragraph, s.text) for s in sentences] == [
        (0, 0, "Eins."),
        (1, 0, "Zwei."),
        (2, 1, "Drei."),
    ]
    assert all(body[s.start : s.end] == s.text for s in sentences)


@given(st.text(alphabet='ab AZ.!?"„“»\u00a0\n19', max_size=200))
def test_every_sentence_is_its_exact_stripped_span(body):
    sentences = split_sentences(body, paragraphs_of(body))
    for sentence in sentences:
        assert body[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert "\n" not in sentence.text
    # Nothing but whitespace is lost between sentences.
    assert "".join("".join(s.text.split()) for s in sentences) == "".join(body.split())


def test_footnote_markers_stay_with_the_sentence_they_close():
    text = "Some 16,000 containers arrived in 2023.[4] Most of them carried shells.[5][6] The end."
    sentences = [s.text for s in split_sentences(text, ((0, len(text)),))]
    assert sentences == [
        "Some 16,000 containers arrived in 2023.[4]",
        "Most of them carried shells.[5][6]",
        "The end.",
    ]
    # a bracket that is no footnote marker does not end a sentence
    text = "Sie nannten die Zahl [sic] nicht. Dann ging er."
    assert [s.text for s in split_sentences(text, ((0, len(text)),))] == [
        "Sie nannten die Zahl [sic] nicht.",
        "Dann ging er.",
    ]
