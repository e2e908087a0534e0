"""Faster paths of extraction give exactly what the plain computation gives.

- numbers.tokenize_sentences tokenizes the body once and slices it per sentence: each slice
  must equal tokenize() of that sentence alone, also where a span is not bounded by
  whitespace (then it is tokenized on its own);
- entities._capitalised_words finds capitalised words without a match object per
  lower-case word: the result must equal a plain _WORD.finditer filtered on the first
  character, for every kind of character (digits, joiners, letters beyond the BMP);
- numbers.tokenize reads text within the BMP with explicit character sets, and other
  text with the category pattern: both must read what a plain _TOKEN.finditer reads;
- dates._DAY_NUMBER opens with the digit (so the engine skips to digits): it must find
  what the look-behind-first pattern finds;
- attribution skips the phrase search of a sentence with no cue and no closing word of a
  source_between pair: a sentence with only such a pair still names its source;
- attribution.nominative and nominative_noun are remembered by the texts of the phrase:
  the answer must equal the plain computation, whatever was asked before;
- topics._topic_hits finds every keyword in one Aho–Corasick pass: the hits must equal a
  search for each keyword in turn (longest first, re.finditer), also for keywords that
  overlap themselves ("aa" in "aaaa"), word-initial short stems and compounds.
"""

from __future__ import annotations

import random
import re

from test_figures import TABLES, make_article

from generator.extract.attribution import (
    _nominative,
    _nominative_noun,
    _table,
    attribute,
    nominative,
    nominative_noun,
)
from generator.extract.dates import _DAY_NUMBER
from generator.extract.entities import _WORD, _capitalised_words, extract_mentions
from generator.extract.numbers import _TOKEN, tokenize, tokenize_sentences
from generator.extract.topics import COMPOUND_MIN, TopicHit, _keyword_topics, _topic_hits
from generator.models import Topic

PIECES = (
    "Am",
    "4.",
    "November",
    "rund",
    "12.000",
    "Soldaten",
    "152-Millimeter-Geschosse",
    "F-16",
    "US-amerikanische",
    "Won-sikSüdkoreas",
    "1.6m",
    "Korea's",
    "„LNordkorea“",
    "x-Abc",
    "12Abc",
    "_Abc",
    "U.S.",
    "²",
    "Ⅻ",
    "Ⓐb",
    "İstanbul",
    "ΟΣ",
    "\U00010400\U00010428",  # Deseret capital and small letter
    "\U0001d400",  # mathematical bold capital A
    "\U00020000",  # a CJK letter beyond the table of capitals
    "\U000e0041",  # a tag character: no letter
    ",",
    ".",
    "-",
    "’",
)
JOINTS = ("", "", " ", "  ", "\n", "\u00a0", "\t", "\u2009")


def random_texts(count: int, seed: int) -> list[str]:
    """Seeded texts of PIECES, sometimes glued (deterministic: the same every run)."""
    rng = random.Random(seed)
    return [
        "".join(rng.choice(PIECES) + rng.choice(JOINTS) for _ in range(rng.randint(0, 25)))
        for _ in range(count)
    ]


def test_tokenize_sentences_equals_tokenize_per_span():
    rng = random.Random(11)
    for text in random_texts(400, 3):
        bounds = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(0, len(text))
            bounds.append((start, rng.randint(start, len(text))))
        # the spans split_sentences would give: stripped runs between whitespace
        bounds += [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        found = tokenize_sentences(text, tuple(bounds))
        assert len(found) == len(bounds)
        for (start, end), tokens in zip(bounds, found, strict=True):
            alone = tokenize(text[start:end], start, ())
            assert [t.fields() for t in tokens] == [t.fields() for t in alone], (text, start, end)


def test_tokenize_sentences_of_a_real_body():
    article = make_article("Am 4. November kamen 12.000 Soldaten. Laut Yonhap waren es mehr.", "de")
    bounds = tuple((s.start, s.end) for s in article.sentences)
    found = tokenize_sentences(article.body, bounds)
    assert [[t.text for t in tokens] for tokens in found] == [
        ["Am", "4", ".", "November", "kamen", "12.000", "Soldaten", "."],
        ["Laut", "Yonhap", "waren", "es", "mehr", "."],
    ]
    assert found[1][0].start == article.body.index("Laut")


def test_tokenize_reads_what_finditer_reads_in_and_beyond_the_bmp():
    for text in random_texts(1500, 9):
        plain = [
            (m.group(), m.lastgroup, 3 + m.start(), 3 + m.end(), False, m.group().lower())
            for m in _TOKEN.finditer(text)
        ]
        assert [t.fields() for t in tokenize(text, 3, ())] == plain, text


def test_day_numbers_equal_the_lookbehind_first_pattern():
    plain = re.compile(r"(?<![\w-])\d{1,2}(?:\.|st|nd|rd|th)?[\s\u00a0]")
    rng = random.Random(2)
    alphabet = list("0123456789 -_.a\u00a0\nxٓ٣") + ["st", "nd", "th", "rd", "F-16", "4. "]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert [m.span() for m in _DAY_NUMBER.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def _plain_capitalised(body: str) -> tuple[list[str], list[int], list[int]]:
    matches = [m for m in _WORD.finditer(body) if m.group()[0].isupper()]
    return (
        [m.group() for m in matches],
        [m.start() for m in matches],
        [m.end() for m in matches],
    )


def test_capitalised_words_equal_plain_filter():
    for text in random_texts(3000, 5):
        assert _capitalised_words(text) == _plain_capitalised(text), text


def test_capitalised_words_skip_capitals_inside_words():
    texts, starts, _stops = _capitalised_words("Won-sikSüdkoreas x-Abc 12Abc Nord-Korea")
    assert texts == ["Won-sikSüdkoreas", "Abc", "Nord-Korea"]
    assert starts == [0, 25, 29]


def source_of(text: str, sentence: int = 0) -> str | None:
    article = make_article(text, "de")
    mentions, _candidates = extract_mentions(article, TABLES)
    return attribute(article, sentence, mentions, TABLES)


def test_sentence_without_cue_is_sourced_by_a_closing_pair_only():
    # no cue phrase matches ("geht" opens only "geht davon aus"); "aus … hervor" does
    pentagon = source_of("Die Zahl geht aus einem Bericht des Pentagons hervor.")
    assert pentagon == "US-Verteidigungsministerium"  # the Pentagon's canonical name
    assert source_of("Die Zahl geht aus einem Bericht des Pentagons.") is None


def test_remembered_nominatives_equal_plain_computation():
    table = _table(TABLES, "de")
    phrases = [
        "des südkoreanischen Geheimdienstes",
        "dem südkoreanischen Geheimdienst",
        "der ukrainischen Armee",
        "des Militärgeheimdienstes",
        "die Experten",
        "den Beamten",
        "südkoreanische Geheimdienste",
        "Militärgeheimdienstes",
    ]
    for offset in (0, 500):  # the same words at other places: the answer is remembered
        for phrase in phrases + phrases[::-1]:
            core = tokenize(phrase, offset, ())
            assert nominative(core, table, TABLES) == _nominative(core, table, TABLES)
            assert nominative_noun(core, table, TABLES) == _nominative_noun(core, table, TABLES)
    assert nominative(tokenize(phrases[0], 0, ()), table, TABLES) == "südkoreanischer Geheimdienst"
    # another table under the same tables is not answered from the first one's memory
    other = dict(table, articles={})
    core = tokenize(phrases[0], 0, ())
    assert nominative(core, other, TABLES) == _nominative(core, other, TABLES)
    assert nominative(core, other, TABLES) != nominative(core, table, TABLES)


def _topic_hits_per_keyword(text: str, tables) -> tuple[TopicHit, ...]:
    """The plain computation: each keyword in turn, longest first, with re.finditer."""
    lowered = text.lower()
    hits, taken = [], []
    for keyword, topic in _keyword_topics(tables):
        for match in re.finditer(re.escape(keyword), lowered):
            start, end = match.start(), match.end()
            initial = start == 0 or not lowered[start - 1].isalnum()
            if not (initial or len(keyword) >= COMPOUND_MIN):
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            hits.append(TopicHit(start, keyword, topic))
    return tuple(sorted(hits, key=lambda h: h.start))


def test_topic_hits_equal_a_search_per_keyword():
    from dataclasses import replace

    # "a-a" overlaps itself across a word start: in "xa-a-a" finditer skips the second
    # occurrence, which alone would count (word-initial after "-")
    keywords = ("aa", "aaaa", "aab", "a-a", "öl", "öltank", "tanker", "tank", "container", "ainer")
    tables = replace(
        TABLES,
        topics=(
            Topic("a", "A", keywords=keywords[:6]),
            Topic("b", "B", keywords=keywords[5:]),
        ),
    )
    pieces = ("aaaa", "aab", "xa-a-a", "Öltanker", "Söldner", "Schiffscontainer", "tank", "İ", " ")
    rng = random.Random(7)
    texts = ["aaaaa", "xa-a-a", "Öltanker und Öl", *("".join(rng.choices(pieces, k=9)) for _ in range(400))]
    for text in texts:
        assert _topic_hits(text, tables) == _topic_hits_per_keyword(text, tables), text
    assert _topic_hits("aaaaa", tables) == (TopicHit(0, "aaaa", "a"),)
    assert _topic_hits("xa-a-a", tables) == ()
    real = TABLES.topics and _topic_hits("Öltanker mit 12.000 Schiffscontainern", TABLES)
    assert real == _topic_hits_per_keyword("Öltanker mit 12.000 Schiffscontainern", TABLES)
