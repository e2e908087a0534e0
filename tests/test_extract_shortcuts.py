"""Shortcuts of the extraction hot paths give what the plain computation gives.

- numbers.flag_blocked visits only the date spans reaching into a sentence and, for each,
  only its tokens: the result must equal a plain overlap test of every token with every
  span (overlapping, nested, empty and out-of-sentence spans included);
- attribution._find_cues matches the cue lists on pre-split phrases in one pass: the result
  must equal a plain scan of each list (longest phrase first, resuming after a match);
- the per-table answers remembered by find_numbers, numeral_value and _noun_nominative
  must not change what a second article reads.
"""

from __future__ import annotations

import random
from pathlib import Path

from generator.extract.attribution import _CUE_KEYS, _find_cues, _table, _words
from generator.extract.numbers import (
    find_numbers,
    flag_blocked,
    number_table,
    numeral_value,
    tokenize,
)
from generator.tables import load_tables

TABLES_DIR = Path(__file__).resolve().parent.parent / "seeds" / "_tables"
TABLES = load_tables(TABLES_DIR)

TEXT = (
    "Am 4. November 2024 meldete der südkoreanische Geheimdienst laut Reuters, dass "
    "rund 12.000 Soldaten seit Oktober 2024 in Kursk stehen; bis Ende Dezember 2024 "
    "könnten es zwischen 10.000 und 15.000 sein, wie das Verteidigungsministerium am "
    "Freitag sagte."
)


def _plain_flags(tokens, spans):
    return [any(s < t.end and e > t.start for s, e in spans) for t in tokens]


def test_flag_blocked_equals_plain_overlap_test():
    rng = random.Random(7)
    offset = 1000
    tokens = tokenize(TEXT, offset, ())
    end = offset + len(TEXT)
    for _ in range(500):
        spans = []
        for _ in range(rng.randint(1, 6)):
            start = rng.randint(offset - 80, end + 80)
            spans.append((start, start + rng.choice((0, 1, 3, 9, 40, 300))))
        blocked = tuple(spans)
        flagged = flag_blocked(tokens, blocked)
        assert [t.blocked for t in flagged] == _plain_flags(tokens, blocked), blocked
        unflagged = [(t.text, t.kind, t.start, t.end, False, t.low) for t in flagged]
        assert unflagged == [t.fields() for t in tokens]


def test_flag_blocked_keeps_tuple_without_overlap():
    tokens = tokenize(TEXT, 0, ())
    assert flag_blocked(tokens, ((5000, 5010),)) is tokens
    assert flag_blocked(tokens, ()) is tokens


def _plain_cue(tokens, table, key):
    found, i = [], 0
    lows = [t.low for t in tokens]
    while i < len(tokens):
        for phrase in _words(table, key):
            parts = phrase.split()
            if lows[i : i + len(parts)] == parts:
                found.append((i, i + len(parts)))
                i += len(parts)
                break
        else:
            i += 1
    return found


def test_cues_equal_a_plain_scan_per_list():
    for language in ("de", "en"):
        table = _table(TABLES, language)
        # every cue phrase of the table in one text, twice, plus overlapping prefixes
        phrases = [p for key in _CUE_KEYS for p in _words(table, key)]
        assert phrases
        text = " x ".join(phrases + phrases[::-1])
        tokens = tokenize(text, 0, ())
        found = _find_cues(tokens, table)
        for key in _CUE_KEYS:
            assert found.get(key, []) == _plain_cue(tokens, table, key), (language, key)
        real = tokenize(TEXT, 0, ())
        for key in _CUE_KEYS:
            assert _find_cues(real, table).get(key, []) == _plain_cue(real, table, key)


def test_remembered_answers_do_not_change_results():
    warm = number_table(TABLES, "de")
    # warm the per-table answers with other words and numerals first
    other = "Zweitausend Soldaten, dann 1.500 und einige Hundert, ein Dutzend 12.000er."
    find_numbers(tokenize(other, 0, ()), other, warm)
    tokens = tokenize(TEXT, 0, ())
    expected = [
        (12000.0, 12000.0, "approx", "rund 12.000"),
        (10000.0, 15000.0, "range", "zwischen 10.000 und 15.000"),
    ]
    for table in (warm, warm, number_table(load_tables(TABLES_DIR), "de")):
        found = find_numbers(tokens, TEXT, table)
        assert [(e.low, e.high, e.qualifier, TEXT[e.start : e.end]) for e in found] == expected
        assert numeral_value("12.000", table) == 12000.0
        assert numeral_value("1,5", table) == 1.5
        assert numeral_value("1.5", table) == 1.5  # the other convention as fallback
