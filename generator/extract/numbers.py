"""Number expressions in one sentence: numerals, number words, multipliers, vague plurals,
ranges and precision qualifiers, read with the article language's table
(generator/lang/<lang>/numbers.yml). Which words mean what lives in the table; this module
only knows the shapes ("qualifier? quantity (joiner quantity)?").

Tokens carry absolute body offsets, so every expression maps back to its exact span.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

from ..models import Tables
from .memo import memo

# A numeral may be glued by hyphens to words ("152-Millimeter-Artilleriegeschosse",
# "74-thousand"); a word may be a hyphenated compound ("US-Dollar", "US-amerikanische")
# or a name with digits ("F-16", "Su-27", "Covid-19"), which is never a number.
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*(?:-[^\W\d_]+)*)"
    r"|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:-\d+(?:-?[^\W\d_]+)*)?)"
    r"|(?P<sym>\S)"
)
# _TOKEN with the whitespace before each token: `\s` is exactly what _TOKEN skips (its last
# branch takes any other character), so consecutive matches tile the text. Written with
# possessive quantifiers: every part after a quantifier is optional, so the greedy match
# never backtracks into it and the possessive one is the same match, found faster.
_SPACED_TOKEN = re.compile(
    r"(\s*+)(?:(\d++(?:[.,]\d++)*+(?:-[^\W\d_]++)*+)"
    r"|([^\W\d_]++(?:[-'’][^\W\d_]++)*+(?:-\d++(?:-?[^\W\d_]++)*+)?+)"
    r"|(\S))"
)
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
# CPython's own str.lower, called as an untyped object so compiled code does not use
# mypyc's per-character lower case (a final capital sigma: "ΟΣ" is "ος", not "οσ")
_LOWER: Any = str.lower


@lru_cache(maxsize=1)
def _bmp_spaced_token() -> re.Pattern[str]:
    """_SPACED_TOKEN for text within the Basic Multilingual Plane, written with explicit
    character sets: `[^\\W\\d_]`, `\\d` and `\\s` become the BMP characters the regex
    engine itself puts in them, which it tests with one table lookup instead of three
    Unicode category tests per character. Built once, on first use."""
    every = "".join(map(chr, range(0x10000)))

    def members(category: str) -> str:
        # runs of consecutive code points in the category are its ranges
        return "".join(
            f"\\u{m.start():04x}-\\u{m.end() - 1:04x}"
            for m in re.finditer(f"{category}+", every)
        )

    letter, digit, space = members(r"[^\W\d_]"), members(r"\d"), members(r"\s")
    return re.compile(
        rf"([{space}]*+)(?:([{digit}]++(?:[.,][{digit}]++)*+(?:-[{letter}]++)*+)"
        rf"|([{letter}]++(?:[-'’][{letter}]++)*+(?:-[{digit}]++(?:-?[{letter}]++)*+)?+)"
        r"|(\S))"
    )


class Token:
    """A word, numeral or symbol of a sentence; `start`/`end` are body offsets.

    A plain class with slots, not a named tuple or a frozen dataclass: compiled, building
    one is a native call and reading a field a struct read (a named tuple is built through
    tuple.__new__, more than twice the time); an article has hundreds. Never mutated
    after tokenize and flag_blocked; `low` is stored because matching reads it constantly.
    """

    __slots__ = ("blocked", "end", "kind", "low", "start", "text")

    def __init__(
        self, text: str, kind: str, start: int, end: int, blocked: bool, low: str
    ) -> None:
        self.text = text
        self.kind = kind  # "num" | "word" | "sym"
        self.start = start
        self.end = end
        self.blocked = blocked  # inside a date span: never part of a figure
        self.low = low  # text.lower()

    def fields(self) -> tuple[str, str, int, int, bool, str]:
        """(text, kind, start, end, blocked, low): what a token is, as one value."""
        return (self.text, self.kind, self.start, self.end, self.blocked, self.low)

    def __repr__(self) -> str:
        return f"Token{self.fields()!r}"


class NumberExpr(NamedTuple):
    """A quantity expression: its span, value(s), qualifier, and where its tokens end.
    A named tuple (one is built per candidate numeral; a frozen dataclass costs a Python
    call per field)."""

    start: int
    end: int
    low: float
    high: float | None
    qualifier: str
    vague: bool
    first: int  # index of the first token
    last: int  # index one past the last token
    unit: str | None = None  # what a "%" or currency sign says is counted


@dataclass(frozen=True, slots=True)
class NumberTable:
    """The parts of a language's numbers.yml this module needs, normalised to lower case."""

    language: str
    thousands: str
    decimal: str
    words: dict
    joiner: str
    tens_first: bool
    needs_multiplier: frozenset[str]
    multipliers: dict
    vague_plurals: tuple[tuple[str, float], ...]  # longest phrase first
    qualifiers: tuple[tuple[str, str], ...]  # longest phrase first
    range_joiners: frozenset[str]
    joiners_need_opener: frozenset[str]
    rising_joiners: frozenset[str]  # close a range without opener when the second end is larger
    particle_verbs: dict[str, frozenset[str]]  # qualifier -> verbs that make it their particle
    currency_prefixes: frozenset[str]  # letters glued before a currency sign ("US$")
    of_words: frozenset[str]
    calibre_units: frozenset[str]
    excluded_units: frozenset[str]
    reference_words: frozenset[str]
    year_words: frozenset[str]
    percent_counts: str
    percent_words: tuple[str, ...]
    currency: dict
    raw: dict
    # What tells a name's number ("Nord Stream 1") from a count (see _names_number):
    stopwords: frozenset[str]  # the language's function words (language.yml)
    currency_codes: frozenset[str]  # "EUR 300" is an amount, not a name
    nouns_capitalised: bool  # German: a capitalised word after the numeral is its noun
    # Derived once per table, so the per-token code reads fields instead of memo lookups:
    qualifier_index: dict  # _phrase_index(qualifiers)
    vague_index: dict  # _phrase_index(vague_plurals)
    multiplier_phrases: tuple[tuple[str, float], ...]  # longest first, then alphabetical
    multiplier_index: dict  # _phrase_index(multiplier_phrases)
    openers: tuple[frozenset[str], frozenset[str]] | None  # _openers(...)
    # Answers remembered per table (bounded for long sessions): every token is asked.
    word_opens: dict[str, bool]
    sym_opens: dict[str, bool]
    numeral_values: dict[str, float | None]
    word_values: dict[str, float | None]


def _lower_set(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


def _by_length(mapping: Any) -> tuple:
    items = [(str(k).lower(), v) for k, v in (mapping or {}).items()]
    return tuple(sorted(items, key=lambda kv: (-len(kv[0].split()), -len(kv[0]), kv[0])))


def number_table(tables: Tables, language: str) -> NumberTable:
    """Return the language's number table (English if the language has none), with
    phrases sorted longest first so "mehr als" wins over "mehr"; built once per tables."""
    return memo(tables, ("number_table", language), lambda: _build_number_table(tables, language))


def _build_number_table(tables: Tables, language: str) -> NumberTable:
    lang = language if "numbers" in tables.languages.get(language, {}) else "en"
    raw = tables.languages.get(lang, {}).get("numbers") or {}
    percent = raw.get("percent") or {}
    multipliers = {str(k).lower(): float(v) for k, v in (raw.get("multipliers") or {}).items()}
    multiplier_phrases = tuple(sorted(multipliers.items(), key=lambda kv: (-len(kv[0]), kv[0])))
    vague_plurals = tuple((k, float(v)) for k, v in _by_length(raw.get("vague_plurals")))
    qualifiers = tuple((k, str(v)) for k, v in _by_length(raw.get("qualifiers")))
    return NumberTable(
        language=lang,
        thousands=str(raw.get("thousands", ",")),
        decimal=str(raw.get("decimal", ".")),
        words={str(k).lower(): float(v) for k, v in (raw.get("words") or {}).items()},
        joiner=str(raw.get("compound_joiner") or ""),
        tens_first=bool(raw.get("compound_tens_first")),
        needs_multiplier=_lower_set(raw.get("needs_multiplier")),
        multipliers=multipliers,
        vague_plurals=vague_plurals,
        qualifiers=qualifiers,
        range_joiners=_lower_set(raw.get("range_joiners")),
        joiners_need_opener=_lower_set(raw.get("range_joiners_need_opener")),
        rising_joiners=_lower_set(raw.get("range_joiners_rising")),
        particle_verbs={
            str(k).lower(): _lower_set(v) for k, v in (raw.get("particle_verbs") or {}).items()
        },
        currency_prefixes=_lower_set(raw.get("currency_sign_prefixes")),
        of_words=_lower_set(raw.get("of_words")),
        calibre_units=_lower_set(raw.get("calibre_units")),
        excluded_units=_lower_set(raw.get("excluded_units")),
        reference_words=_lower_set(raw.get("reference_words")),
        year_words=_lower_set(raw.get("year_words")),
        percent_counts=str(percent.get("sign_counts") or "%"),
        percent_words=tuple(str(w).lower() for w in percent.get("words") or ()),
        currency={str(k): str(v) for k, v in (raw.get("currency_symbols") or {}).items()},
        raw=raw,
        stopwords=_lower_set(
            (tables.languages.get(lang, {}).get("language") or {}).get("stopwords")
        ),
        currency_codes=_lower_set(raw.get("currency_codes")),
        nouns_capitalised=bool(raw.get("nouns_capitalised")),
        qualifier_index=_phrase_index(qualifiers),
        vague_index=_phrase_index(vague_plurals),
        multiplier_phrases=multiplier_phrases,
        multiplier_index=_phrase_index(multiplier_phrases),
        openers=_openers(qualifiers, vague_plurals),
        word_opens={},
        sym_opens={},
        numeral_values={},
        word_values={},
    )


def tokenize(text: str, offset: int, blocked: tuple[tuple[int, int], ...]) -> tuple[Token, ...]:
    """Return the tokens of `text` (which starts at body offset `offset`), flagging those
    that overlap a blocked (date) span.

    The same tokens as `_TOKEN.finditer(text)`, read with `_SPACED_TOKEN.findall`: every
    match is the whitespace before a token and the token, so offsets are running sums of
    lengths, and no match object is built per token (the larger part of the cost)."""
    tokens: list[Token] = []
    position = offset
    pattern = _SPACED_TOKEN if _BEYOND_BMP.search(text) else _bmp_spaced_token()
    # One lower() for the whole text, sliced per token: the same text as each token's own
    # lower() where every character lowers to one character, by itself (a capital sigma
    # lowers by its context: then each token is lowered on its own).
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:
        lowered = ""
    # typed, so compiled code reads the groups as str (findall's items are untyped)
    found: list[tuple[str, str, str, str]] = pattern.findall(text)
    for space, num, word, sym in found:
        start = position + len(space)
        if num:
            kind, token = "num", num
        elif word:
            kind, token = "word", word
        else:
            kind, token = "sym", sym
        position = start + len(token)
        low = lowered[start - offset : position - offset] if lowered else _LOWER(token)
        tokens.append(Token(token, kind, start, position, False, low))
    return flag_blocked(tuple(tokens), blocked)


def tokenize_sentences(
    body: str, bounds: tuple[tuple[int, int], ...]
) -> tuple[tuple[Token, ...], ...]:
    """Return `tokenize(body[start:end], start, ())` for each (start, end) of `bounds`,
    tokenizing the body once instead of once per sentence.

    A token never holds whitespace, so where whitespace (or the body's edge) stands on both
    sides of a span, the body's tokens inside the span are exactly the span's own tokens;
    any other span is tokenized on its own.
    """
    tokens = tokenize(body, 0, ())
    starts = [token.start for token in tokens]  # compiled: a tuple item read per token
    size = len(body)
    found = []
    for start, end in bounds:
        if (start > 0 and not body[start - 1].isspace()) or (
            end < size and not body[end].isspace()
        ):
            found.append(tokenize(body[start:end], start, ()))
            continue
        first = bisect_left(starts, start)
        found.append(tokens[first : bisect_left(starts, end, first)])
    return tuple(found)


def flag_blocked(
    tokens: tuple[Token, ...], blocked: tuple[tuple[int, int], ...]
) -> tuple[Token, ...]:
    """`tokens` with `blocked` set on those that overlap a blocked span (the tuple itself
    when no span reaches into them), so one tokenization serves with and without dates."""
    if not tokens or not blocked:
        return tokens
    starts, reach, ends = _reach_of(blocked)
    first_start = tokens[0].start
    j = bisect_left(starts, tokens[-1].end)
    if not (j > 0 and reach[j - 1] > first_start):  # `blocks`, with the spans read once
        return tokens
    # A token overlaps a span iff it ends after the span's start and starts before its
    # end. Only the spans reaching into the sentence are visited (those starting before
    # its last token ends, back to where no earlier span reaches past its first token's
    # start), and for each only its tokens (token starts and ends increase).
    flagged = list(tokens)
    while j > 0 and reach[j - 1] > first_start:
        j -= 1
        span_start, span_end = starts[j], ends[j]
        if span_end <= first_start:
            continue  # an earlier, longer span may still reach in
        k = bisect_right(tokens, span_start, key=_END)
        while k < len(tokens) and tokens[k].start < span_end:
            token = tokens[k]
            flagged[k] = Token(token.text, token.kind, token.start, token.end, True, token.low)
            k += 1
    return tuple(flagged)


_END = attrgetter("end")
_new = tuple.__new__


def blocks(blocked: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """True if a blocked span overlaps the text [start, end): only then can tokenize flag
    one of its tokens."""
    if not blocked:
        return False
    starts, reach, _ends = _reach_of(blocked)
    before = bisect_left(starts, end)
    return before > 0 and reach[before - 1] > start


def _reach_of(blocked: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int], list[int]]:
    """_span_reach of `blocked`, remembered for the last tuple asked: one article's date
    spans serve all its sentences. (Not in the per-Tables memo: an entry per article would
    fill it and push out what the tables' entries took long to build.)"""
    global _LAST_REACH
    last = _LAST_REACH  # one read: the pair is replaced whole, never changed in place
    if last[0] is not blocked:
        last = (blocked, _span_reach(blocked))
        _LAST_REACH = last
    return last[1]


_LAST_REACH: tuple[object, tuple[list[int], list[int], list[int]]] = (None, ([], [], []))


def _span_reach(spans: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int], list[int]]:
    """Starts of `spans` in order, the running maximum of their ends, and their ends: a
    token [start, end) overlaps some span iff a span starting before `end` reaches past
    `start`. The article's date spans are the same for every sentence, so this is built
    once."""
    ordered = sorted(spans)
    reach, furthest = [], -1
    for _, end in ordered:
        furthest = max(furthest, end)
        reach.append(furthest)
    return [start for start, _ in ordered], reach, [end for _, end in ordered]


# ── values ────────────────────────────────────────────────────────────────


@lru_cache(maxsize=16)
def _numeral_shapes(thousands: str, decimal: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two numeral shapes of one convention: grouped thousands, and plain digits."""
    th, dec = re.escape(thousands), re.escape(decimal)
    return re.compile(rf"\d{{1,3}}(?:{th}\d{{3}})+(?:{dec}\d+)?"), re.compile(rf"\d+(?:{dec}\d+)?")


def numeral_value(text: str, table: NumberTable) -> float | None:
    """Value of a written numeral in the language's convention ("12.000" → 12000 in German,
    "1.6" → 1.6 in English); the other convention is the fallback for foreign notation.
    Remembered per table: articles repeat their numerals."""
    return _remembered(table, table.numeral_values, text, _numeral_value)


def _remembered(table: NumberTable, known: dict, key: str, compute) -> float | None:
    """compute(key, table), kept in `known`, one of the table's dicts (bounded for long
    sessions)."""
    if key in known:
        return known[key]
    if len(known) >= _WORD_VALUES_LIMIT:
        known.clear()
    value = known[key] = compute(key, table)
    return value


def _numeral_value(text: str, table: NumberTable) -> float | None:
    conventions = [(table.thousands, table.decimal), (table.decimal, table.thousands)]
    for thousands, decimal in conventions:
        grouped, plain = _numeral_shapes(thousands, decimal)
        if grouped.fullmatch(text) or plain.fullmatch(text):
            return float(text.replace(thousands, "").replace(decimal, "."))
    return None


_WORD_VALUES_LIMIT = 100_000  # distinct words remembered per table (a long serve session)


def word_value(word: str, table: NumberTable) -> float | None:
    """Value of a number word, composing "fünfundzwanzig", "zweihundert", "twenty-five".

    Every word of every sentence is asked, so the answers are remembered per table."""
    return _remembered(table, table.word_values, word.lower(), _word_value)


def _word_value(word: str, table: NumberTable) -> float | None:
    if word in table.words:
        return table.words[word]
    # "zweitausenddreihundert": left × scale + right, for the scales in the word table
    # only scales (hundred and up) compose; largest first, ties in table order
    scales = memo(
        table.words,
        "scales",
        lambda: [kv for kv in sorted(table.words.items(), key=lambda kv: -kv[1]) if kv[1] >= 100],
    )
    for scale_word, scale in scales:
        if scale_word not in word or word == scale_word:
            continue
        left, _, right = word.partition(scale_word)
        left_value = _word_value(left, table) if left else 1.0
        right_value = _word_value(right, table) if right else 0.0
        if left_value is not None and right_value is not None and left_value < scale:
            return left_value * scale + right_value
    if table.joiner and table.joiner in word:
        first, _, second = word.partition(table.joiner)
        a, b = table.words.get(first), table.words.get(second)
        if a is not None and b is not None:
            tens, unit = (a, b) if table.tens_first else (b, a)
            if tens % 10 == 0 and 20 <= tens <= 90 and 1 <= unit <= 9:
                return tens + unit
    return None


# ── matching helpers ──────────────────────────────────────────────────────


def match_phrase(tokens: tuple[Token, ...], i: int, phrase: str) -> int | None:
    """Index one past the tokens at `i` that spell `phrase` (case-insensitive), else None.
    A phrase word ending in "." ("ca.", "Mio.") needs the full stop glued to the word."""
    for part in phrase.split():
        if i >= len(tokens) or tokens[i].blocked:
            return None
        token = tokens[i]
        if part.endswith(".") and len(part) > 1:
            if token.low != part[:-1]:
                return None
            if i + 1 >= len(tokens) or tokens[i + 1].text != "." or tokens[i + 1].start != token.end:
                return None
            i += 2
        elif token.low == part:
            i += 1
        else:
            return None
    return i


def _first_word(phrase: str) -> str | None:
    """The token text a phrase's first word must equal ("ca." needs "ca"); None if empty."""
    parts = phrase.split()
    if not parts:
        return None
    part = parts[0]
    return part[:-1] if part.endswith(".") and len(part) > 1 else part


def _phrase_index(phrases) -> dict[str | None, tuple]:
    """Phrases grouped by first word, each group in the list's order (longest first)."""
    index: dict[str | None, list] = {}
    for phrase, value in phrases:
        index.setdefault(_first_word(phrase), []).append((phrase, value))
    return {word: tuple(group) for word, group in index.items()}


def _longest(
    tokens: tuple[Token, ...], i: int, phrases, index: dict
) -> tuple[int, object] | None:
    """The first of `phrases` (grouped in `index` by _phrase_index) spelled at token `i`:
    (index one past it, its value); None if none is."""
    if None in index:  # an empty phrase matches anywhere: keep the list's order exactly
        candidates = phrases
    elif i >= len(tokens) or tokens[i].blocked:
        return None
    else:
        candidates = index.get(tokens[i].low, ())
    for phrase, value in candidates:
        end = match_phrase(tokens, i, phrase)
        if end is not None:
            return end, value
    return None


def _multiplier(tokens: tuple[Token, ...], i: int, table: NumberTable) -> tuple[int, float] | None:
    found = _longest(tokens, i, table.multiplier_phrases, table.multiplier_index)
    return found  # type: ignore[return-value]


class _Quantity(NamedTuple):
    """One quantity's tokens [first, last) and value; a named tuple (built for every
    candidate numeral, and a frozen dataclass sets each field through a Python call),
    built with tuple.__new__ (`_new`), which also skips the named tuple's own __new__."""

    first: int
    last: int
    value: float
    multiplier: float | None
    vague: bool


_LETTERS = re.compile(r"[^\W\d_]+")


def _glued_letters(body: str, end: int) -> str:
    # `[^\W\d_]` is a character with isalnum() and not isdecimal(): only then can the
    # pattern match (tested first, as numerals mostly end before a space or a mark)
    if end >= len(body) or not body[end].isalnum() or body[end].isdecimal():
        return ""
    match = _LETTERS.match(body, end)  # match in place: slicing a long body copies it
    return match.group() if match else ""


def _numeral_is_excluded(
    tokens: tuple[Token, ...], i: int, head: str, body: str, table: NumberTable
) -> bool:
    """True for numerals that are labels, names, ordinals, times, calibres or years."""
    token = tokens[i]
    before = body[token.start - 1] if token.start > 0 else " "
    before2 = body[token.start - 2] if token.start > 1 else " "
    # names with digits ("F-16", "Su-27", "Covid-19", "G7") and glued digit runs
    if before.isalpha() or (before in "-/" and before2.isalpha()):
        return True
    after_head = token.start + len(head)
    after = body[after_head] if after_head < len(body) else " "
    if after in ":/" and after_head + 1 < len(body) and body[after_head + 1].isdigit():
        return True  # clock times, scores, fractions
    if before == "[" and after == "]":
        return True  # a footnote marker ("since August 2023.[1]", the note line "[1] …")
    if before in ":/" and before2.isdigit():
        return True
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None:
        prev_low = prev.low
        if prev.text == "." and i > 1 and tokens[i - 2].end == prev.start:
            prev_low = tokens[i - 2].low + "."
        if prev_low in table.reference_words:
            return True
        if (
            prev.kind == "word"
            and head == token.text
            and prev.text[:1].isupper()
            and _SHORT_NUMERAL.fullmatch(head)
            and _names_number(tokens, i, body, table)
        ):
            return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if head == token.text and nxt is not None:
        # German ordinals: "2. Division" (a full stop glued to a short plain numeral)
        if (
            table.decimal == ","
            and nxt.text == "."
            and nxt.start == token.end
            and _SHORT_NUMERAL.fullmatch(head)
            and i + 2 < len(tokens)
        ):
            return True
        if nxt.kind == "word" and (
            nxt.low in table.calibre_units or nxt.low in table.excluded_units
        ):
            return True
    if len(head) == 4 and _YEAR_NUMERAL.fullmatch(head) and token.text == head:
        return _is_year(tokens, i, table)
    return False


_SHORT_NUMERAL = re.compile(r"\d{1,3}")
_POSSESSIVE = ("'s", "’s", "'", "’")
_SENTENCE_OPENERS = frozenset(":\"„“”«»‚‘’'(-–—")


def _names_number(tokens: tuple[Token, ...], i: int, body: str, table: NumberTable) -> bool:
    """True if the bare small numeral at `i`, right after a capitalised word, belongs to a
    name ("the Nord Stream 1 pipeline", "Formula 1", "Phase 2") rather than counting.

    The capitalised word must not open the sentence ("Über 1.000 Soldaten"), nor be a
    function word, qualifier, number word, currency code or possessive ("Germany's 60
    terminals"); nothing may make the numeral a quantity (a multiplier, "%", a currency,
    a percent word), and where nouns are capitalised (German) no noun or adjective may
    follow it ("in Deutschland 60 Tanker" counts tankers)."""
    prev = tokens[i - 1]
    low = prev.low
    if i < 2 or tokens[i - 2].kind != "word" and tokens[i - 2].text in _SENTENCE_OPENERS:
        return False
    if not any(t.kind == "word" for t in tokens[: i - 1]):
        return False  # the capital is the sentence's first word
    if (
        low in table.stopwords
        or low in table.qualifier_index
        or low in table.multipliers
        or low in table.year_words
        or low in table.of_words
        or low in table.currency_codes
        or low.endswith(_POSSESSIVE)
        or word_value(low, table) is not None
    ):
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        return True
    if nxt.text == "%" or nxt.text in table.currency or nxt.low in table.percent_words:
        return False
    if _multiplier(tokens, i + 1, table) is not None:
        return False
    # German: "60 Tanker", "60 neue Tanker" (a noun or an adjective ending follows)
    return not (
        table.nouns_capitalised
        and nxt.kind == "word"
        and nxt.low not in table.stopwords
        and (nxt.text[:1].isupper() or nxt.low.endswith(("e", "en", "er", "es", "em")))
    )


_YEAR_NUMERAL = re.compile(r"(?:19|20)\d\d|2100")


def _is_year(tokens: tuple[Token, ...], i: int, table: NumberTable) -> bool:
    """A bare 1900–2100 is a year unless a counted noun follows ("2000 Soldaten")."""
    if i > 0 and tokens[i - 1].low in table.year_words:
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or nxt.kind != "word" or nxt.blocked:
        return True
    if nxt.low in table.multipliers:
        return False
    if table.decimal == ",":  # German: nouns are capitalised
        return not nxt.text[0].isupper()
    return nxt.low in table.year_words or nxt.low in {"and", "or", "to"}


def _quantity(tokens: tuple[Token, ...], i: int, body: str, table: NumberTable) -> _Quantity | None:
    """The quantity starting at token `i`: numeral or number word, with its multiplier,
    or a vague plural; None where the token starts no quantity."""
    if i >= len(tokens) or tokens[i].blocked:
        return None
    token = tokens[i]
    if token.kind == "num":
        # a numeral token is its head, then hyphenated words: the head ends at the first "-"
        text = token.text
        head = text if "-" not in text else text[: text.index("-")]
        if _numeral_is_excluded(tokens, i, head, body, table):
            return None
        value = numeral_value(head, table)
        if value is None:
            return None
        tail = token.text[len(head) + 1 :].lower()
        glued = _glued_letters(body, token.end) if token.text == head else ""
        if tail:  # "74-thousand" multiplies; "152-Millimeter", "20-jährige" are modifiers
            if tail in table.multipliers:
                factor = table.multipliers[tail]
                return _new(_Quantity, (i, i + 1, value * factor, factor, False))
            return None
        if glued:  # "1.6m", "5bn" multiply; "1st", "3D", "5G" are no counts
            if glued.lower() in table.multipliers:
                factor = table.multipliers[glued.lower()]
                return _new(_Quantity, (i, i + 1, value * factor, factor, False))
            return None
        mult = _multiplier(tokens, i + 1, table)
        if mult is not None:
            return _new(_Quantity, (i, mult[0], value * mult[1], mult[1], False))
        return _new(_Quantity, (i, i + 1, value, None, False))
    if token.kind != "word":
        return None
    vague = _longest(tokens, i, table.vague_plurals, table.vague_index)
    if vague is not None and not (i > 0 and tokens[i - 1].kind == "num"):
        end, vague_value = vague
        return _new(_Quantity, (i, end, float(vague_value), None, True))  # type: ignore[arg-type]
    value = word_value(token.text, table)
    if value is None:
        return None
    mult = _multiplier(tokens, i + 1, table)
    if mult is not None:
        return _new(_Quantity, (i, mult[0], value * mult[1], mult[1], False))
    if token.low in table.needs_multiplier or token.low in table.multipliers:
        return None  # "ein", "eine", "a": articles, not figures
    return _new(_Quantity, (i, i + 1, value, None, False))


def _unit(tokens: tuple[Token, ...], last: int, table: NumberTable) -> tuple[int, str | None]:
    """A "%" sign or currency sign right after the quantity: (new last, counted word)."""
    if last < len(tokens):
        token = tokens[last]
        if token.text == "%":
            return last + 1, table.percent_counts
        if token.text in table.currency:
            return last + 1, table.currency[token.text]
    return last, None


def _openers(qualifier_phrases, vague_phrases) -> tuple[frozenset[str], frozenset[str]] | None:
    """Token texts that can open an expression: first words of qualifiers (any token kind)
    and of vague plurals (words). None if an empty phrase makes every token an opener."""
    qualifiers = _phrase_index(qualifier_phrases)
    vague = _phrase_index(vague_phrases)
    if None in qualifiers or None in vague:
        return None
    return frozenset(qualifiers), frozenset(vague)  # type: ignore[arg-type]


def find_numbers(
    tokens: tuple[Token, ...], body: str, table: NumberTable
) -> tuple[NumberExpr, ...]:
    """Return the number expressions among `tokens`, left to right, never overlapping."""
    found: list[NumberExpr] = []
    # Whether a word or symbol opens is a function of its text: remembered per table.
    openers, word_opens, sym_opens = table.openers, table.word_opens, table.sym_opens
    if openers is None:
        starts: list[int] | range = range(len(tokens))
    else:
        # Only a numeral, a number word, a vague plural or a qualifier can open an
        # expression (and never inside a date): elsewhere _expression finds nothing.
        starts = []
        for i in range(len(tokens)):
            token = tokens[i]
            if token.blocked:
                continue
            kind, low = token.kind, token.low
            if kind == "num":
                starts.append(i)
                continue
            opens = word_opens.get(low) if kind == "word" else sym_opens.get(low)
            if opens is None:
                known = word_opens if kind == "word" else sym_opens
                opens = _opens(low, kind, openers, table, known)
            if opens:
                starts.append(i)
    end = 0  # tokens before `end` belong to the last expression found
    for i in starts:
        if i < end:
            continue
        expr = _expression(tokens, i, body, table)
        if expr is not None:
            found.append(expr)
            end = expr.last
    return tuple(found)


def _opens(
    low: str,
    kind: str,
    openers: tuple[frozenset[str], frozenset[str]],
    table: NumberTable,
    known: dict[str, bool],
) -> bool:
    """Whether a word or symbol token reading `low` can open an expression (a qualifier's
    first word, a vague plural's, a number word), remembered in `known`."""
    qualifier_words, vague_words = openers
    opens = low in qualifier_words
    if not opens and kind == "word":
        opens = low in vague_words or word_value(low, table) is not None
    if len(known) >= _WORD_VALUES_LIMIT:
        known.clear()
    known[low] = opens
    return opens


def _currency_sign(tokens: tuple[Token, ...], j: int, table: NumberTable) -> tuple[int, str] | None:
    """A currency sign at token `j`, alone ("$") or glued to a country prefix ("US$"), right
    before a numeral: (index of the numeral, what the sign counts); None if there is none."""
    if j < len(tokens) and tokens[j].low in table.currency_prefixes:
        nxt = j + 1
        if nxt < len(tokens) and tokens[nxt].start == tokens[j].end:
            j = nxt
    if j + 1 >= len(tokens) or tokens[j].text not in table.currency:
        return None
    if tokens[j + 1].kind != "num" or tokens[j + 1].start != tokens[j].end:
        return None
    return j + 1, table.currency[tokens[j].text]


def _is_particle(tokens: tuple[Token, ...], i: int, table: NumberTable) -> bool:
    """True if the qualifier word at `i` is the particle of the verb before it ("hand
    over two soldiers", "verfügt über 2.000 Panzer"), not a precision word."""
    verbs = table.particle_verbs.get(tokens[i].low) or frozenset()
    return bool(verbs) and i > 0 and tokens[i - 1].low in verbs


def _expression(tokens: tuple[Token, ...], i: int, body: str, table: NumberTable) -> NumberExpr | None:
    qualifier = "exact"
    start_token = i
    currency = None
    qual = _longest(tokens, i, table.qualifiers, table.qualifier_index)
    if qual is not None and _is_particle(tokens, i, table):
        qual = None
    if qual is not None:
        after = int(qual[0])  # type: ignore[call-overload]
        # "roughly US$350", "between $1.2 billion and …": the sign stands between
        sign = _currency_sign(tokens, after, table)
        if sign is not None:
            after, currency = sign
        first = _quantity(tokens, after, body, table)
        if first is not None and not first.vague:
            qualifier = str(qual[1])
        else:
            qual, currency = None, None
    if qual is None:
        first = _quantity(tokens, i, body, table)
        if first is None:
            return None
    assert first is not None
    low: float | None = first.value
    high: float | None = first.value
    last = first.last
    if first.vague:
        low, high = first.value, None
        qualifier = "at_least"
    else:
        second = _range_end(tokens, first, qualifier, body, table)
        if second is not None:
            low = first.value
            # "4 bis 6 Millionen": the second end's multiplier scales the first
            shared = second.multiplier if first.multiplier is None else None
            if shared is not None and first.value * shared <= second.value:
                low = first.value * shared
            high = second.value
            last = second.last
            qualifier = "range"
        elif qualifier == "range":  # "zwischen" / "from" without a second end
            qualifier, start_token, currency = "exact", first.first, None
    if currency is None and start_token > 0 and tokens[start_token - 1].text in table.currency:
        currency = table.currency[tokens[start_token - 1].text]
    end_token, unit = _unit(tokens, last, table)
    unit = unit or currency
    span_end = tokens[last - 1].end
    # NumberExpr's fields in order (tuple.__new__ skips the named tuple's Python-level __new__)
    return _new(
        NumberExpr,
        (tokens[start_token].start, span_end, low, high, qualifier, first.vague, start_token,
         end_token, unit),
    )


def _range_end(
    tokens: tuple[Token, ...], first: _Quantity, qualifier: str, body: str, table: NumberTable
) -> _Quantity | None:
    j = first.last
    if j >= len(tokens) or tokens[j].low not in table.range_joiners or tokens[j].blocked:
        return None
    opened = qualifier == "range" or tokens[j].low not in table.joiners_need_opener
    if not opened and tokens[j].low not in table.rising_joiners:
        return None
    # "$300 to $500": the second end may repeat the currency sign
    sign = _currency_sign(tokens, j + 1, table)
    second = _quantity(tokens, sign[0] if sign else j + 1, body, table)
    if second is None or second.vague:
        return None
    if not opened:
        # "4 million to 6 million" rises: a range; "won 3 to 1" is a score, no range
        shared = second.multiplier if first.multiplier is None else None
        low = first.value * shared if shared and first.value * shared <= second.value else first.value
        if low >= second.value:
            return None
    return second
