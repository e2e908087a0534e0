"""Figure extraction: numbers, qualifiers, counted nouns, topics; golden articles.

Unit tests build Articles directly (one paragraph a line). The golden articles in
tests/golden/ are short texts in other styles (dpa wire, tagesschau.de, Reuters, a
translation); each NAME.figures.yml lists the expected figures, written by hand.
Review a change with `python tests/test_figures.py NAME` (prints what is extracted).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from generator.extract.dates import extract_dates
from generator.extract.entities import extract_mentions
from generator.extract.figures import extract_figures
from generator.models import Article, Figure, SeedMeta
from generator.sentences import split_sentences
from generator.tables import load_tables

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
TABLES = load_tables(ROOT / "seeds" / "_tables")


def make_article(text: str, language: str = "de", title: str = "Titel") -> Article:
    """An Article whose body is `text`: one paragraph a line, sentences by the gold rule."""
    body = "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())
    paragraphs, offset = [], 0
    for line in body.split("\n"):
        paragraphs.append((offset, offset + len(line)))
        offset += len(line) + 1
    return Article(
        file="test.txt",
        slug="test",
        title=title,
        body=body,
        paragraphs=tuple(paragraphs),
        sentences=split_sentences(body, tuple(paragraphs)),
        language=language,
        meta=SeedMeta(published="2024-11-22"),
        fmt="txt",
        encoding="utf-8",
        sha256="0",
    )


def figures_of(text: str, language: str = "de") -> tuple[Figure, ...]:
    """Run the extract stages figures depend on (mentions, dates) and then figures."""
    article = make_article(text, language)
    mentions, _candidates = extract_mentions(article, TABLES)
    dates, _published, _basis = extract_dates(article, TABLES)
    blocked = tuple((d.start, d.end) for d in dates)
    return extract_figures(article, TABLES, blocked, mentions)


def one(text: str, language: str = "de") -> Figure:
    found = figures_of(text, language)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


# ── numbers and qualifiers ────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "qualifier"),
    [
        ("Es kamen 12.000 Soldaten.", "12.000", 12000, 12000, "exact"),
        ("Es waren 1,7 Millionen Granaten.", "1,7 Millionen", 1_700_000, 1_700_000, "exact"),
        ("Es waren mehr als sechs Millionen Geschosse.", "mehr als sechs Millionen", 6e6, 6e6, "more_than"),
        ("Er sah fast fünf Millionen Geschosse.", "fast fünf Millionen", 5e6, 5e6, "approx"),
        ("Es kamen zwischen 12.000 und 15.000 Soldaten.", "zwischen 12.000 und 15.000", 12000, 15000, "range"),
        ("Es sind 4 bis 6 Millionen Barrel Öl.", "4 bis 6 Millionen", 4e6, 6e6, "range"),
        ("Er nannte ein Dutzend Tanker.", "ein Dutzend", 12, 12, "exact"),
        ("Es sind Tausende Soldaten.", "Tausende", 1000, None, "at_least"),
        ("Es kamen bis zu 100.000 Soldaten.", "bis zu 100.000", 100000, 100000, "up_to"),
        ("Es kamen mindestens 300 Soldaten.", "mindestens 300", 300, 300, "at_least"),
        ("Es kamen höchstens 300 Soldaten.", "höchstens 300", 300, 300, "at_most"),
        ("Es kamen weniger als 300 Soldaten.", "weniger als 300", 300, 300, "less_than"),
        ("Es kamen ca. 300 Soldaten.", "ca. 300", 300, 300, "approx"),
        ("Es waren knapp 25 Jahre.", "knapp 25", 25, 25, "approx"),
    ],
)
def test_german_quantities(text, span, low, high, qualifier):
    figure = one(text)
    assert (figure.text, figure.low, figure.high, figure.qualifier) == (span, low, high, qualifier)


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "qualifier"),
    [
        ("They sent 12,000 troops.", "12,000", 12000, 12000, "exact"),
        ("They shipped 1.6 million shells.", "1.6 million", 1_600_000, 1_600_000, "exact"),
        ("They sent between 12,000 and 15,000 troops.", "between 12,000 and 15,000", 12000, 15000, "range"),
        ("They sent 12,000-15,000 troops.", "12,000-15,000", 12000, 15000, "range"),
        ("They moved 74-thousand tons of explosives.", "74-thousand", 74000, 74000, "exact"),
        ("They sent thousands of troops.", "thousands", 1000, None, "at_least"),
        ("They lost two ships.", "two", 2, 2, "exact"),
        ("They sent nearly 3,000 troops.", "nearly 3,000", 3000, 3000, "approx"),
        ("They sent fewer than 300 troops.", "fewer than 300", 300, 300, "less_than"),
    ],
)
def test_english_quantities(text, span, low, high, qualifier):
    figure = one(text, "en")
    assert (figure.text, figure.low, figure.high, figure.qualifier) == (span, low, high, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "Nordkorea lieferte 152-Millimeter-Geschosse und 122-mm-Raketen.",
        "Die Ukraine erhielt F-16 und Su-27, dazu Kh-101.",
        "Das war während Covid-19.",
        "Im Jahr 2017 und seit 2019 gilt das.",
        "Das regelt Artikel 4 und § 5 sowie Nr. 3.",
        "Es war die erste und die zweite Reise, am 2. Tag.",
        "Beide Länder schickten einige, mehrere und viele Soldaten.",
        "Eine Delegation reiste über den Hafen nach Moskau, einmal im Jahr.",
        "Es begann um 14 Uhr.",
    ],
)
def test_not_figures(text):
    assert figures_of(text) == ()


def test_percent_is_a_figure():
    figure = one("Die Produktion stieg um 30 Prozent.")
    assert (figure.text, figure.low, figure.counts) == ("30", 30, "Prozent")


def test_date_spans_are_blocked():
    found = figures_of("Am 4. November kamen 300 Soldaten an.")
    assert [f.text for f in found] == ["300"]


# ── counted nouns ─────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Sie fuhren in den vergangenen acht Monaten.", "Monate"),
        ("Das ist seit fast 25 Jahren so.", "Jahre"),
        ("Sie lieferten Tausenden von Containern.", "Container"),
        ("Man sah mehr als ein Dutzend verschiedene nordkoreanische Öltanker.", "nordkoreanische Öltanker"),
        ("Es waren rund eine Million Barrel Öl.", "Barrel Öl"),
        ("Es kamen 43 Mal Tanker an.", "Mal"),
        ("Es kosteten 1,7 bis 5,5 Milliarden US-Dollar.", "US-Dollar"),
        ("Es waren sechs Millionen 152-Millimeter-Artilleriegeschosse.", "152-Millimeter-Artilleriegeschosse"),
        ("Er kam mit 300 nordkoreanischen Soldaten.", "nordkoreanische Soldaten"),
    ],
)
def test_german_counts(text, counts):
    assert one(text).counts == counts


def test_english_counts_keep_unit_and_substance():
    assert one("They moved 74-thousand tons of explosives.", "en").counts == "tons of explosives"
    assert one("They sent 12,000 North Korean soldiers.", "en").counts == "North Korean soldiers"


# ── topics ────────────────────────────────────────────────────────────────


def test_topic_from_counted_noun_then_sentence():
    oil, shells = figures_of("Russland lieferte 1 Million Barrel Öl, Nordkorea 43 Mal Granaten.")
    assert (oil.topic, shells.topic) == ("oil", "munitions")


def test_duration_takes_topic_of_the_claim_it_scopes():
    duration, arrivals = figures_of(
        "Sie sollen in den vergangenen acht Monaten 43 Mal an einem Ölterminal angekommen sein."
    )
    assert (duration.counts, duration.topic, arrivals.topic) == ("Monate", "oil", "oil")


def test_lone_duration_is_other_even_beside_a_treaty():
    figure = one("Putin bleibt zwei Tage, während ein Partnerschaftsabkommen unterzeichnet wird.")
    assert figure.topic == "other"


# ── golden articles ───────────────────────────────────────────────────────


def golden_names() -> list[str]:
    return sorted(p.name.removesuffix(".txt") for p in GOLDEN.glob("*.txt"))


def golden_figures(name: str) -> list[dict]:
    """Extract the figures of tests/golden/NAME.txt (first line is the headline)."""
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    expected_file = GOLDEN / f"{name}.figures.yml"
    language = "de"
    if expected_file.exists():
        language = (yaml.safe_load(expected_file.read_text(encoding="utf-8")) or {}).get("language", "de")
    body = text.split("\n", 1)[1]
    return [
        {
            "text": f.text,
            "low": int(f.low) if float(f.low).is_integer() else f.low,
            "high": None if f.high is None else (int(f.high) if float(f.high).is_integer() else f.high),
            "qualifier": f.qualifier,
            "counts": f.counts,
            "topic": f.topic,
            "attributed_to": f.attributed_to,
            "modality": f.modality,
        }
        for f in figures_of(body, language)
    ]


@pytest.mark.parametrize("name", golden_names())
def test_golden_article(name):
    expected = yaml.safe_load((GOLDEN / f"{name}.figures.yml").read_text(encoding="utf-8"))
    assert golden_figures(name) == expected["figures"]


if __name__ == "__main__":  # review: python tests/test_figures.py dpa_wire
    for golden in sys.argv[1:] or golden_names():
        print(yaml.safe_dump({"figures": golden_figures(golden)}, allow_unicode=True, sort_keys=False))
