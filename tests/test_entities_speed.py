"""Faster paths of entity and attribution extraction give exactly what the plain
computation gives, on many seeded random inputs:

- attribution._scan_sentences finds each cue list's phrases and the places of the marked
  words with one loop over an article's tokens: each sentence's result must equal a plain
  search of that sentence, list by list, phrase by phrase (longest first), left to right.
"""

from __future__ import annotations

import random

from test_figures import TABLES

from generator.extract.attribution import _CUE_KEYS, _lexicon, _scan_sentences, _table, _words
from generator.extract.numbers import Token, tokenize


def plain_cues(tokens: tuple[Token, ...], table: dict) -> dict[str, list[tuple[int, int]]]:
    """Each cue list's matches: at each place the first of its phrases (longest first)
    that stands there; after a match the search goes on at its end."""
    lows = [t.low for t in tokens]
    found: dict[str, list[tuple[int, int]]] = {}
    for key in _CUE_KEYS:
        phrases = [tuple(p.split()) for p in _words(table, key)]
        i = 0
        while i < len(lows):
            for parts in phrases:
                if tuple(lows[i : i + len(parts)]) == parts:
                    found.setdefault(key, []).append((i, i + len(parts)))
                    i += len(parts)
                    break
            else:
                i += 1
    return found


def plain_marked(tokens: tuple[Token, ...], marks: frozenset[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        if token.low in marks:
            found.setdefault(token.low, []).append(i)
    return found


def test_scan_sentences_equals_a_plain_search_of_each_sentence():
    rng = random.Random(5)
    for language in ("de", "en"):
        table = _table(TABLES, language)
        lex = _lexicon(table)
        words = [w for key in _CUE_KEYS for p in _words(table, key) for w in p.split()]
        words += sorted(lex.marks) + ["x", "Reuters", ",", "12", "."]
        for _ in range(400):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 50)))
            tokens = tokenize(text, 0, ())
            cuts = sorted(rng.randint(0, len(tokens)) for _ in range(rng.randint(0, 6)))
            bounds = list(zip([0, *cuts], [*cuts, len(tokens)], strict=True))
            sentences = tuple(tokens[a:b] for a, b in bounds)
            cues, marked = _scan_sentences(sentences, lex.cues, lex.marks, lex.scan_words)
            assert cues == [plain_cues(s, table) for s in sentences], (text, cuts)
            assert marked == [plain_marked(s, lex.marks) for s in sentences], (text, cuts)
