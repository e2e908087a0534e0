"""Faster paths of entity and attribution extraction give exactly what the plain
computation gives, on many seeded random inputs:

- attribution._scan_sentences finds each cue list's phrases and the places of the marked
  words with one loop over an article's tokens: each sentence's result must equal a plain
  search of that sentence, list by list, phrase by phrase (longest first), left to right,
  and no phrase runs on into the next sentence (_find_cues is its one-sentence case);
- entities._fuzzy_matches tests a span's length before its last two letters, with an
  index by first two letters and length: its matches must equal those of trying every
  span of one to three capitalised words whose ends some variant shares;
- entities._longest_first decides each cluster of overlapping matches on its own: the
  kept matches must equal one greedy pass over all of them, longest first;
- entities._REST_OF_WORD reads a word's run possessively: it must end where the
  backtracking pattern it replaces ends, at every place of random runs;
- attribution._appositions reads the word before each name in the body instead of
  slicing and stripping the 80 characters before it: the same nouns, on random bodies.
"""

from __future__ import annotations

import bisect
import random
import re

from test_figures import TABLES

from generator.extract.attribution import (
    _CUE_KEYS,
    _appositions,
    _gender,
    _lexicon,
    _noun_nominative,
    _scan_sentences,
    _strip_genitive,
    _table,
    _words,
)
from generator.extract.entities import (
    _REST_OF_WORD,
    FUZZY_MIN_LETTERS,
    _automaton,
    _fuzzy_forms,
    _fuzzy_matches,
    _gazetteer_matches,
    _longest_first,
    _Match,
    _one_edit,
    _words_and_gaps,
    name_rules,
)
from generator.extract.numbers import Token, tokenize
from generator.extract.spans import keep_disjoint
from generator.models import EntityMention


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
    # "nach Angaben" cut after "Nach": a phrase never runs on into the next sentence
    lex = _lexicon(_table(TABLES, "de"))
    tokens = tokenize("Nach Angaben von Reuters", 0, ())
    whole, _ = _scan_sentences((tokens,), lex.cues, lex.marks, lex.scan_words)
    assert whole[0]["source_after"] == [(0, 2)]
    cut, _ = _scan_sentences((tokens[:1], tokens[1:]), lex.cues, lex.marks, lex.scan_words)
    assert "source_after" not in cut[0] and "source_after" not in cut[1]


def plain_fuzzy(body, owners, taken, genitives):
    """_fuzzy_matches as first written: every span of 1-3 capitalised words whose first
    two and last two letters some variant shares, compared with the variants one edit
    around its length."""
    forms = _fuzzy_forms(owners, genitives)
    tails: dict[str, set[str]] = {}
    for _length, head, tail in forms:
        tails.setdefault(head, set()).add(tail)
    exact = {(m.start, m.end) for m in taken}
    _texts, starts, stops, gaps = _words_and_gaps(body)
    found = []
    for i, start in enumerate(starts):
        endings = tails.get(body[start : start + 2])
        if endings is None:
            continue
        for n in (3, 2, 1):
            if i + n > len(starts):
                continue
            end = stops[i + n - 1]
            if end - start < FUZZY_MIN_LETTERS:
                break
            if body[end - 2 : end] not in endings or not all(g == " " for g in gaps[i : i + n - 1]):
                continue
            text = body[start:end]
            if (start, end) in exact:
                continue
            near = {
                form
                for size in (len(text) - 1, len(text), len(text) + 1)
                for variant, form in forms.get((size, text[:2], text[-2:]), ())
                if _one_edit(variant, text)
            }
            if len({owners[form] for form in near}) == 1:
                form = min(near)
                found.append((_Match(start, end, owners[form], fuzzy=True), form))
                break
    return found


def typo(rng: random.Random, word: str) -> str:
    """`word` with one random edit (or none), sometimes inside its first or last letters."""
    if len(word) < 2 or rng.random() < 0.2:
        return word
    k = rng.randrange(len(word))
    edit = rng.choice("sdia")
    if edit == "s":
        return word[:k] + rng.choice("aeonrs") + word[k + 1 :]
    if edit == "d":
        return word[:k] + word[k + 1 :]
    if edit == "i":
        return word[:k] + rng.choice("aeonrs") + word[k:]
    k = min(k, len(word) - 2)
    return word[:k] + word[k + 1] + word[k] + word[k + 2 :]


def test_fuzzy_matches_equal_trying_every_span():
    _, owners = _automaton(TABLES.entities)
    rules = name_rules(TABLES)
    genitives = rules.get("genitive_suffixes", ())
    long_forms = sorted(f for f in owners if len(f) >= FUZZY_MIN_LETTERS - 2)
    words = ["und", "der", "Die", "Soldaten", "laut", "A", ",", ".", "„", "Nord-"]
    rng = random.Random(7)
    for _ in range(600):
        pieces = []
        for _ in range(rng.randint(1, 14)):
            piece = rng.choice(long_forms) if rng.random() < 0.6 else rng.choice(words)
            piece = typo(rng, piece) + (rng.choice(genitives) if rng.random() < 0.2 else "")
            pieces.append(piece + rng.choice((" ", " ", " ", "  ", ", ", "\n", "")))
        body = "".join(pieces)
        taken = _gazetteer_matches(body, TABLES)
        assert _fuzzy_matches(body, owners, taken, genitives) == plain_fuzzy(
            body, owners, taken, genitives
        ), body


def test_longest_first_equals_one_greedy_pass():
    rng = random.Random(8)
    for _ in range(2000):
        matches = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 40)
            end = start + rng.randint(1, 12)
            matches.append(_Match(start, end, (f"e{rng.randint(0, 3)}",), rng.random() < 0.3))
        plain = sorted(
            keep_disjoint(
                sorted(matches, key=lambda m: (-(m.end - m.start), m.fuzzy, m.start)),
                lambda m: (m.start, m.end),
            ),
            key=lambda m: m.start,
        )
        assert _longest_first(matches) == plain, matches


def test_rest_of_word_reads_what_the_backtracking_pattern_reads():
    plain = re.compile(r"(?:[\w'’.-]*[^\W_])?")
    rest = re.compile(_REST_OF_WORD)
    rng = random.Random(9)
    alphabet = "aZ9ä_'’.-  ,²Ⅻ\U00010428"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for at in range(len(text) + 1):
            assert rest.match(text, at).end() == plain.match(text, at).end(), (text, at)


def plain_appositions(body, ordered, starts, table, tables):
    """_appositions as first written: the window before each name sliced and stripped."""
    found: dict[str, str] = {}
    for mention in ordered:
        window = max(0, mention.start - 80)
        before = body[window : mention.start].rstrip(" (")
        cut = before.rfind(" ") + 1
        word = before[cut:]
        if len(word) < 4 or not word[:1].isupper() or not word.isalpha():
            continue
        offset = window + cut
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0 and ordered[k].start <= offset < ordered[k].end:
            continue
        gender = _gender(_strip_genitive(word), table)
        noun = _noun_nominative(word, "gen", "sg", gender, table, tables)
        found.setdefault(noun.lower(), mention.entity)
        found.setdefault(word.lower(), mention.entity)
    return found


def test_appositions_equal_slicing_the_window():
    table = _table(TABLES, "de")
    pieces = ["Militärgeheimdienstes", "Agentur", "DIA", "der", "Zeitung", "(", ")", "x" * 30]
    pieces += ["Aufklärung", "Nord-Korea", "ÄÖÜ", "Abcd", "abcd", "12", ",", "\n"]
    rng = random.Random(10)
    for _ in range(1500):
        body = "".join(
            rng.choice(pieces) + rng.choice(("", " ", " ", "  ", " (", "("))
            for _ in range(rng.randint(0, 30))
        )
        spans = sorted(
            {
                (s, min(len(body), s + rng.randint(1, 12)))
                for s in (rng.randint(0, max(len(body) - 1, 0)) for _ in range(rng.randint(0, 8)))
            }
        )
        if not body:
            spans = []
        ordered = tuple(
            EntityMention(f"e{k}", body[s:e], 0, s, e) for k, (s, e) in enumerate(spans)
        )
        starts = [m.start for m in ordered]
        assert _appositions(body, ordered, starts, table, TABLES) == plain_appositions(
            body, ordered, starts, table, TABLES
        ), body
