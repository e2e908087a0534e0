"""dates._starts tries a pattern only where a match can start: every match a plain
pattern.finditer finds must still be found, on any text. dates._iso writes numbers
without format() where it can: it must write what the format specs write.

The pieces put opener words right before word characters ("an" in "Anfang", "Mitte" in
"MitteAugust", "mid-2024"), where only a part word may go on without a space, and before
what each pattern can or cannot read next (a weekday, a day number, a month, a year, a
comma), with and without the whitespace the patterns' separators read.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from generator.extract.dates import _date_table, _iso, _matches, _patterns, _starts
from generator.tables import load_tables

TABLES = load_tables(Path(__file__).resolve().parent.parent / "seeds" / "_tables")

PIECES = (
    "am",
    "Am",
    "an",
    "Anfang",
    "Angaben",
    "im",
    "Import",
    "in",
    "Inflation",
    "nach",
    "Nachfrage",
    "seit",
    "bis",
    "bis zum",
    "um",
    "Umsatz",
    "Mitte",
    "MitteAugust",
    "Ende",
    "Ende2024",
    "des Jahres",
    "dieses Jahres",
    "letzten",
    "letztenMontag",
    "4.",
    "18",
    "2024",
    "November",
    "Novembers",
    "Nov.",
    "Dienstag",
    "Dienstag,",
    "Dienstags",
    "den",
    "Sommer",
    "heute",
    "heuter",
    "gestern",
    "am selben Tag",
    "in der",
    "Woche",
    "on",
    "online",
    "last",
    "lasting",
    "this",
    "mid-",
    "mid-2024",
    "midAugust",
    "early",
    "Monday",
    "Mondays",
    "August",
    "said",
    "saidMonday",
    "the",
    "summer",
    "of",
    "year",
    "-",
    ",",
    ".",
    " ",
    "\u00a0",
    "\n",
    "x",
    "_",
    "K",
    "ſ",
    # from the boilerplate screen's pieces: letters whose lower case differs in length
    # or form, a dash, more month and weekday names
    "İhr",
    "ﬀ",
    "ı",
    "–",
    "vom",
    "Juni",
    "1999",
    "Freitag",
    "vergangenen",
)


# Runs of these make whole dates often: an opener, then what each pattern reads next.
DATE_PIECES = (
    "am",
    "im",
    "seit",
    "Mitte",
    "Ende",
    "dieses Jahres",
    "4.",
    "2024",
    "November",
    "Nov.",
    "Dienstag",
    "Dienstag,",
    "den",
    "Sommer",
    "in",
    "on",
    "last",
    "mid-",
    "early",
    "Monday",
    "August",
    "12th",
    "4th",
    "the",
    "of",
    "summer",
    "next year",
    "said",
)


def random_texts(count: int = 800) -> list[str]:
    """Seeded texts from PIECES, and from DATE_PIECES, glued or spaced (the same texts
    every run)."""
    rng = random.Random(14)
    joints = ("", "", " ", "\n")
    return [
        "".join(rng.choice(pieces) + rng.choice(joints) for _ in range(rng.randint(0, 30)))
        for pieces in (PIECES, DATE_PIECES)
        for _ in range(count)
    ]


def date_texts() -> list[str]:
    """Every run of three DATE_PIECES, spaced: each opener before each next part."""
    return [" ".join(run) for run in itertools.product(DATE_PIECES, repeat=3)]


def test_candidate_offsets_find_every_match():
    for text, language in itertools.product(random_texts() + date_texts(), ("de", "en")):
        patterns = _patterns(repr(_date_table(TABLES, language)))
        starts = _starts(text, patterns)
        for number, (_kind, pattern, openers) in enumerate(patterns):
            candidates = starts[number] if starts is not None and openers is not None else None
            fast = [(m.span(), m.groupdict()) for m in _matches(text, pattern, candidates)]
            plain = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert fast == plain, (pattern.pattern[:60], text)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        # the day pattern (0), a weekday and a day number before the month
        (
            "Erst am Dienstag, 4. November 2024 kam er, dann folgte der 18. Juni.",
            0,
            ["am Dienstag, 4. November 2024", "18. Juni"],
        ),
        # the month-part pattern (4): part words joined to their month still open one
        ("MitteAugust kam er, Anfang Mai ging er.", 4, ["MitteAugust", "Anfang Mai"]),
    ],
)
def test_candidates_open_known_dates(text, number, expected):
    patterns = _patterns(repr(_date_table(TABLES, "de")))
    starts = _starts(text, patterns)
    assert starts is not None
    assert [m.group() for m in _matches(text, patterns[number][1], starts[number])] == expected


def test_iso_writes_what_the_format_specs_write():
    def plain(year, month=None, day=None):
        text = f"{year:04d}" if year is not None else "XXXX"
        if month:
            text += f"-{month:02d}"
            if day:
                text += f"-{day:02d}"
        return text

    years = (None, -5, 0, 7, 99, 999, 1000, 2024, 9999, 10000, 123456)
    numbers = (None, -3, 0, 1, 9, 10, 12, 31, 99, 100, 250)
    for year, month, day in itertools.product(years, numbers, numbers):
        assert _iso(year, month, day) == plain(year, month, day), (year, month, day)


def test_candidate_offsets_do_not_depend_on_a_final_sigma():
    """str.lower writes a capital sigma as a final "ς" or a medial "σ" by what follows it,
    so a name lowered alone need not be lowered the same in the body ("ΜΑΡΤΙΟΣ" alone ends
    in "ς", before a combining accent and a letter in "σ"); compiled code lowers it
    character by character. The candidate offsets must cover every match either way."""
    table = {
        "months": {"ΜΑΡΤΙΟΣ": 3, "Μάρτιος": 3},
        "weekdays": {"Δευτέρα": 0},
        "keep_prefixes": ["ΤΟΣ", "Σε"],
        "year_prefixes": ["ΣΤΟΣ"],
        "relative": {"today": ["ΣΗΜΕΡΑΣ"]},
    }
    patterns = _patterns(repr(table))
    texts = [
        "4 ΜΑΡΤΙΟΣ\u0301mid",
        "4th of ΜΑΡΤΙΟΣ\u0301x 2024",
        "ΤΟΣ\u0301x ΜΑΡΤΙΟΣ 2024",
        "ΣΗΜΕΡΑΣ\u0301x",
        "ΣΤΟΣ\u0301a 2024",
        "4 μαρτιοσ ΜΑΡΤΙΟΣ 2024 ς ΣΣ",
    ]
    for text in texts:
        starts = _starts(text, patterns)
        assert starts is not None
        for number, (_kind, pattern, openers) in enumerate(patterns):
            candidates = starts[number] if openers is not None else None
            fast = [m.span() for m in _matches(text, pattern, candidates)]
            plain = [m.span() for m in pattern.finditer(text)]
            assert fast == plain, (pattern.pattern[:60], text)
