"""Dates: temporal expressions of the body, resolved to ISO, and the publication date.

The vocabulary (months, weekdays, seasons, prepositions, relative words) lives in
generator/lang/<lang>/dates.yml; this module holds the mechanism:

1. find every expression (longest match wins among overlapping patterns);
2. take the publication date from the metadata, else infer it from the text: the
   earliest date consistent with the text, i.e. the latest explicit full day mentioned
   ("vom 22. November", "heute, Dienstag, 18. Juni"), else the latest month;
3. resolve year-less dates against it (a date after the publication date belongs to the
   previous year) and deictic ones ("gestern", "am Freitag", "letzten Monat") with
   relative=True. Never against today's date: the output depends on the text alone.

A year-less text needs a year from somewhere: the years the text names, or the corpus'
`published_from` year (an optional `corpus` mapping on Tables). Without either, the year
stays unknown and is written "XXXX" so the gap is visible instead of guessed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

import ahocorasick

from ..models import Article, DateMention, Tables
from .memo import memo
from .spans import keep_disjoint

YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d.,]\d)"


class _Found:
    """A raw date expression before resolution (a plain class, not a named tuple: compiled,
    building one is a native call, not the named tuple's Python-level __new__)."""

    def __init__(
        self,
        start: int,
        end: int,
        kind: str,  # day | month | year | season | yearpart | weekday | relative
        day: int | None = None,
        month: int | None = None,
        year: int | None = None,
        year_offset: int | None = None,  # "dieses Jahres" 0, "letzten Jahres" -1
        weekday: int | None = None,
        last: bool = False,  # "letzten Freitag", "last August"
        ahead: bool = False,  # "nächsten Winter", "next March": the first one after publication
        next_week: bool = False,  # "next Friday", "kommenden Freitag": never the publication day
        part: str | None = None,
        relative: str | None = None,  # today | yesterday | same_day | last_week | ...
        approx: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.day = day
        self.month = month
        self.year = year
        self.year_offset = year_offset
        self.weekday = weekday
        self.last = last
        self.ahead = ahead
        self.next_week = next_week
        self.part = part
        self.relative = relative
        self.approx = approx


# ── pattern building ──────────────────────────────────────────────────────


def _ci(phrase: str) -> str:
    """A phrase whose first letter may be upper or lower case (sentence starts).

    _firsts and _openers read phrases exactly as _ci and _alt spell them (split at " "
    here, at any whitespace without `ci`; only the first letter in either case): a change
    here must be made there too, or the opener scan misses matches (test_dates_speed)."""
    phrase = phrase.strip()
    first = phrase[:1]
    head = f"[{first.lower()}{first.upper()}]" if first.isalpha() else re.escape(first)
    return head + r"\s+".join(re.escape(w) for w in phrase[1:].split(" "))


def _alt(words, ci: bool = False) -> str:
    ordered = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    if not ordered:
        return r"(?!x)x"
    return (
        "(?:"
        + "|".join(_ci(w) if ci else r"\s+".join(map(re.escape, w.split())) for w in ordered)
        + ")"
    )


Follow = frozenset[str] | None  # first characters that can come next; None: any


def _firsts(words, ci: bool = False) -> Follow:
    """The characters a match of `_alt(words, ci)` can start with (None: a phrase is empty,
    so anything)."""
    chars: set[str] = set()
    for word in {str(w) for w in words}:
        phrase = word.strip() if ci else " ".join(word.split())
        if not phrase:
            return None
        first = phrase[0]
        chars.update(first.lower() + first.upper() if ci and first.isalpha() else first)
    return frozenset(chars)


def _openers(words, ci: bool = False, after: Follow = None) -> dict[str, Follow] | None:
    """Lower-case texts one of which every match of `_alt(words, ci)` starts with: each
    phrase's first word, in every case its first letter may take with `ci`; each with the
    characters that can come after it and any whitespace: the first of the phrase's next
    word, or `after` (what the pattern reads after the phrase) for a one-word phrase. None
    when a phrase is empty (its alternative matches anywhere)."""
    keys: dict[str, Follow] = {}
    for word in {str(w) for w in words}:
        if ci:
            phrase = word.strip()
            pieces = [piece for piece in phrase.split(" ") if piece]
            first = phrase.split(" ")[0]
            if not first:
                return None
            heads = set(first[0].lower() + first[0].upper()) if first[0].isalpha() else {first[0]}
            variants = {head + first[1:] for head in heads}
        else:
            pieces = word.split()
            if not pieces:
                return None
            variants = {pieces[0]}
        follow = frozenset(pieces[1][0]) if len(pieces) > 1 else after
        for variant in variants:
            key = _fold(variant)
            if len(key) != len(variant):
                return None  # the offsets of the lowered text would not line up
            keys[key] = _either(keys[key], follow) if key in keys else follow
    return keys


def _fold(text: str) -> str:
    """`text` lower-cased for the opener scan, the same wherever a word stands: str.lower
    writes a capital sigma as a final "ς" or a medial "σ" by what follows it (a letter
    after a combining accent: "ΜΑΡΤΙΟΣ\u0301x" has "σ", "ΜΑΡΤΙΟΣ" alone "ς"), and compiled
    code lowers character by character ("σ" always); both are written "σ" here, so an
    opener text lowered alone is found in the lowered body either way."""
    return text.lower().replace("ς", "σ")


def _either(one: Follow, other: Follow) -> Follow:
    return None if one is None or other is None else one | other


def _joint(*follows: Follow) -> Follow:
    """The characters any of `follows` allows (None: any)."""
    joint: Follow = frozenset()
    for follow in follows:
        joint = _either(joint, follow)
    return joint


def _union(*groups: dict[str, Follow] | None) -> dict[str, Follow] | None:
    """All opener texts of `groups` and what can follow each; None if any group is
    unknown."""
    found: dict[str, Follow] = {}
    for group in groups:
        if group is None:
            return None
        for key, follow in group.items():
            found[key] = _either(found[key], follow) if key in found else follow
    return found


class _Openers(NamedTuple):
    """What a match of a pattern can start with: the lower-case texts (DIGIT for a day
    number), each with the characters that can come after it and any whitespace (None:
    any), and those texts after which the match may go on with a word character.

    Each text is a phrase's first word. After it the pattern reads whitespace (the
    phrase's next word, or the separator after the phrase), a comma (a weekday's) or the
    end of the match, never a word character; except after a part word, which the pattern
    may join to its month or year without a space ("MitteAugust", "mid-2024"). So where
    an opener text is followed by a word character ("an" in "Anfang"), a match starting
    there reads a longer first word, an opener text of its own found at the same offset:
    the shorter text needs no try; nor does a text followed by what cannot come next
    ("am" before "Ende": no weekday, month or day number)."""

    follows: dict[str, Follow]  # by opener text
    joined: frozenset[str]
    # where a match opens with a day number: the texts one of which it reads after the
    # day, whitespace and perhaps "of" ("4. November", "4th of November"); None: unknown
    after_day: frozenset[str] | None = None


def _opening(
    groups: Iterable[dict[str, Follow] | None],
    joined: dict[str, Follow] | None,
    after_day: dict[str, Follow] | None = None,
) -> _Openers | None:
    """The _Openers of `groups`, the part words `joined` and the texts a day number opening
    a match precedes, `after_day` (None if `groups` or `joined` is unknown)."""
    follows = _union(*groups, joined)
    if follows is None or joined is None:
        return None
    return _Openers(
        follows, frozenset(joined), frozenset(after_day) if after_day is not None else None
    )


DIGIT = "\x00digit"  # opener marker: the match may start with a day number ("4. ", "4th ")


@lru_cache(maxsize=8)
def _patterns(table_key: str) -> tuple[tuple[str, re.Pattern[str], _Openers | None], ...]:
    """Compile the date patterns of one language table (keyed by its repr for caching).

    Each pattern comes with the texts a match can start with (_Openers; None: anything),
    so the body is scanned once for all of them (see _starts)."""
    import ast

    t = ast.literal_eval(table_key)
    months = _alt(t.get("months", {}))
    # abbreviations ("Aug", "Sept") name a month only right before or after a day or year
    dated_months = _alt(_all_months(t))
    weekdays = _alt(t.get("weekdays", {}))
    seasons = _alt(t.get("seasons", {}))
    keep = _alt(t.get("keep_prefixes", ()), ci=True)
    drop = _alt(t.get("drop_prefixes", ()), ci=True)
    article = _alt(t.get("day_article", ()), ci=True)
    parts = t.get("parts", {})
    month_part = _alt(parts.get("month_level", ()), ci=True)
    year_part = _alt(parts.get("year_level", {}), ci=True)
    year_prefix = _alt(t.get("year_prefixes", ()), ci=True)
    this_year = _alt(t.get("year_words", {}).get("this", ()), ci=True)
    last_year = _alt(t.get("year_words", {}).get("last", ()), ci=True)
    next_year = _alt(t.get("year_words", {}).get("next", ()), ci=True)
    wd_this = _alt(t.get("weekday_prefixes", {}).get("this", ()), ci=True)
    wd_last = _alt(t.get("weekday_prefixes", {}).get("last", ()), ci=True)
    wd_next = _alt(t.get("weekday_prefixes", {}).get("next", ()), ci=True)
    # agency English drops the "on": "said Tuesday"; the word before is context, not span
    wd_after = _alt(t.get("weekday_after", ()), ci=True)
    not_after = _alt(t.get("not_after_year", ()), ci=True)
    # what a match of each pattern can start with, and what can come next: the first
    # characters of the pattern's next part (DIGIT: a digit)
    digit = frozenset({DIGIT})
    years = frozenset("12")  # YEAR
    f_weekdays = _firsts(t.get("weekdays", {}))
    f_dated_months = _firsts(_all_months(t))
    f_months = _firsts(t.get("months", {}))
    f_month_part = _firsts(parts.get("month_level", ()), ci=True)
    year_words = t.get("year_words", {})
    f_year_words = _firsts(
        [word for key in ("this", "last", "next") for word in year_words.get(key, ())], ci=True
    )
    f_article = _firsts(t.get("day_article", ()), ci=True)
    f_seasons = _firsts(t.get("seasons", {}))
    w_keep = t.get("keep_prefixes", ())
    w_weekdays = t.get("weekdays", {})
    w_month_part = parts.get("month_level", ())
    sep = r"[\s\u00a0]+"
    year_word = rf"(?P<this>{this_year})|(?P<lasty>{last_year})|(?P<nexty>{next_year})"
    yw = rf"(?:{sep}(?:{YEAR}|{year_word}))"
    found = [
        # "am Dienstag, 18. Juni", "diesen Freitag, den 22. November", "4. November 2024",
        # "4 November", "the 4th of November"
        (
            "day",
            (
                rf"(?P<pre>{keep}{sep})?(?:(?P<wd>{weekdays}),?{sep}(?:{article}{sep})?)?"
                rf"(?P<day>\d{{1,2}})(?:\.|st|nd|rd|th)?{sep}(?:of{sep})?(?P<mon>{dated_months})"
                rf"{yw}?"
            ),
            _opening(
                (
                    _openers(w_keep, True, _joint(f_weekdays, digit)),
                    _openers(w_weekdays, False, _joint(frozenset(","), f_article, digit)),
                    {DIGIT: None},
                ),
                {},
                _openers(_all_months(t)),
            ),
        ),
        # "on Monday, November 4, 2024", "November 4"
        (
            "day",
            (
                rf"(?P<pre>{keep}{sep})?(?:(?P<wd>{weekdays}),?{sep})?(?P<mon>{dated_months}){sep}"
                rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![.,]?\d)(?:,?{sep}{YEAR})?"
            ),
            _opening(
                (
                    _openers(w_keep, True, _joint(f_weekdays, f_dated_months)),
                    _openers(w_weekdays, False, _joint(frozenset(","), f_dated_months)),
                    _openers(_all_months(t), False, digit),
                ),
                {},
            ),
        ),
        # "im Juni 2024", "Mitte August", "März dieses Jahres", "mid-August", "last August"
        (
            "month",
            rf"(?P<pre>{keep}{sep})?(?:(?P<part>{month_part})\s*)?(?P<mon>{dated_months}){yw}",
            _opening(
                (
                    _openers(w_keep, True, _joint(f_month_part, f_dated_months)),
                    _openers(_all_months(t), False, _joint(years, f_year_words)),
                ),
                _openers(w_month_part, True, f_dated_months),
            ),
        ),
        (
            "month",
            rf"(?:(?P<pre>{keep})|{drop}){sep}(?:(?P<part>{month_part})\s*)?(?P<mon>{months})",
            _opening(
                (
                    _openers(w_keep, True, _joint(f_month_part, f_months)),
                    _openers(t.get("drop_prefixes", ()), True, _joint(f_month_part, f_months)),
                ),
                {},
            ),
        ),
        (
            "month",
            rf"(?P<pre>)(?P<part>{month_part})\s*(?P<mon>{months})",
            _opening((), _openers(w_month_part, True, f_months)),
        ),
        # "im Sommer", "in the summer of 2023"
        (
            "season",
            rf"(?P<pre>{keep}){sep}(?:the{sep})?(?P<season>{seasons})(?:{sep}(?:of{sep})?{YEAR})?",
            _opening((_openers(w_keep, True, _joint(frozenset("t"), f_seasons)),), {}),
        ),
        # "Mitte des Jahres 2022", "Ende 2023", "mid-2024", "early next year"
        (
            "yearpart",
            rf"(?P<yp>{year_part})\s*(?:{YEAR}|{year_word})",
            _opening((), _openers(parts.get("year_level", {}), True, _joint(years, f_year_words))),
        ),
        # "im Jahr 2017", "seit 2019", "in 2017"
        (
            "year",
            rf"(?P<pre>{year_prefix}){sep}{YEAR}(?!{sep}{not_after})",
            _opening((_openers(t.get("year_prefixes", ()), True, years),), {}),
        ),
        # "am Freitag", "last Friday"
        (
            "weekday",
            rf"(?:(?P<lastwd>{wd_last})|(?P<nextwd>{wd_next})|{wd_this}){sep}(?P<wd>{weekdays})",
            _opening(
                [
                    _openers(t.get("weekday_prefixes", {}).get(key, ()), True, f_weekdays)
                    for key in ("last", "next", "this")
                ],
                {},
            ),
        ),
        (
            "weekday",
            rf"(?P<after>{wd_after}){sep}(?P<wd>{weekdays})",
            _opening((_openers(t.get("weekday_after", ()), True, f_weekdays),), {}),
        ),
    ]
    for kind, phrases in sorted((t.get("relative") or {}).items()):
        if phrases:
            found.append(
                (f"rel:{kind}", _alt(phrases, ci=True), _opening((_openers(phrases, ci=True),), {}))
            )
    return tuple(
        (kind, re.compile(rf"(?<![\w-]){pattern}(?![\w])"), openers)
        for kind, pattern, openers in found
    )


def _all_months(table: dict) -> dict:
    """The month names and the bare abbreviations, which count only next to a day or year
    ("Aug 29", "Sept 2022", never "Jan" alone: a first name)."""
    return {**(table.get("abbreviations") or {}), **(table.get("months") or {})}


def _date_table(tables: Tables, language: str) -> dict:
    table = (tables.languages.get(language) or {}).get("dates")
    if table:
        return table
    for lang in sorted(tables.languages):  # unknown language: the first table that has dates
        if (tables.languages[lang] or {}).get("dates"):
            return tables.languages[lang]["dates"]
    return {}


# ── finding ───────────────────────────────────────────────────────────────


def _lower_words(words: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words or ())


def _lookup(by_lower: dict[str, Any], word: str | None) -> int | None:
    """The number `word` names in a table read by _by_lower (None: no such word)."""
    if not word:
        return None
    # the first key equal to `word` ignoring case, as a scan of the mapping would find it
    value = by_lower.get(" ".join(word.split()).lower(), _MISSING)
    return None if value is _MISSING else int(value)


_MISSING = object()


def _by_lower(mapping: dict) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in mapping.items():
        found.setdefault(str(key).lower(), value)
    return found


class _GroupIndex:
    """Where the named groups of a date pattern stand in its Match.groups() (counted from
    1; 0: the pattern has no such group): one groups() call and tuple reads per match
    instead of a groupdict() and its lookups."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        index = pattern.groupindex
        self.pre = index.get("pre", 0)
        self.part = index.get("part", 0)
        self.mon = index.get("mon", 0)
        self.day = index.get("day", 0)
        self.year = index.get("year", 0)
        self.this = index.get("this", 0)
        self.lasty = index.get("lasty", 0)
        self.nexty = index.get("nexty", 0)
        self.wd = index.get("wd", 0)
        self.after = index.get("after", 0)
        self.lastwd = index.get("lastwd", 0)
        self.nextwd = index.get("nextwd", 0)
        self.yp = index.get("yp", 0)
        self.season = index.get("season", 0)


def _part(values: tuple[str | None, ...], number: int) -> str | None:
    """Group `number` of a match's groups() (0: the pattern has no such group: None)."""
    return values[number - 1] if number else None


class _Vocabulary(NamedTuple):
    """What _find reads of one language table, derived once per table: the patterns, the
    prefix word sets and the name tables keyed by lower-case name (see _lookup)."""

    patterns: tuple[tuple[str, re.Pattern[str], _Openers | None], ...]
    groups: tuple[_GroupIndex, ...]  # of each pattern
    keep: set[str]
    lasts: frozenset[str]
    aheads: frozenset[str]
    futures: tuple[re.Pattern[str] | None, re.Pattern[str] | None]
    months: dict[str, object]
    weekdays: dict[str, object]
    seasons: dict[str, object]
    year_parts: dict[str, object]


def _vocabulary(table: dict) -> _Vocabulary:
    patterns = _patterns(repr(table))
    return _Vocabulary(
        patterns=patterns,
        groups=tuple(_GroupIndex(pattern) for _, pattern, _ in patterns),
        keep={str(w).lower() for w in table.get("keep_prefixes", ())},
        lasts=_lower_words(table.get("last_prefixes")),
        aheads=_lower_words(table.get("next_prefixes")),
        futures=_future_cues(table),
        months=_by_lower(_all_months(table)),
        weekdays=_by_lower(table.get("weekdays", {})),
        seasons=_by_lower(table.get("seasons", {})),
        year_parts=_by_lower((table.get("parts") or {}).get("year_level", {})),
    )


# Where a match can open with its day number (DIGIT): one or two digits at a word start,
# as the day pattern's `(?<![\w-])` and `(?P<day>\d{1,2})(?:\.|st|nd|rd|th)?{sep}` require
# (so never "12.000", "2024" or "F-16"); no such place lies inside another one's text.
# (Written `\d(?<![\w-]\d)\d?`, not `(?<![\w-])\d{1,2}`: the same matches, but a pattern
# opening with a digit lets the regex engine skip ahead to digits instead of trying the
# look-behind at every offset.)
_DAY_NUMBER = re.compile(r"\d(?<![\w-]\d)\d?(?:\.|st|nd|rd|th)?[\s\u00a0]")


def _scanner(
    patterns: tuple[tuple[str, re.Pattern[str], _Openers | None], ...],
) -> ahocorasick.Automaton | None:
    """One automaton over every pattern's opener texts and the texts a day number opening
    a match reads after it (_day_anchors); each maps to (length, (pattern number, what can
    follow) pairs, the pairs of the patterns that may go on with a word character after
    it, whether a day number may precede it). None when there are no such texts."""
    owners: dict[str, list[tuple[int, Follow]]] = {}
    joiners: dict[str, list[tuple[int, Follow]]] = {}
    for number, (_, _, openers) in enumerate(patterns):
        if openers is None:
            continue
        for key, follow in openers.follows.items():
            if key != DIGIT:
                owners.setdefault(key, []).append((number, follow))
                if key in openers.joined:
                    joiners.setdefault(key, []).append((number, follow))
    anchors = _day_anchors(patterns) or frozenset()
    if not owners and not anchors:
        return None
    automaton = ahocorasick.Automaton()
    for key in sorted({*owners, *anchors}):
        automaton.add_word(
            key,
            (len(key), tuple(owners.get(key, ())), tuple(joiners.get(key, ())), key in anchors),
        )
    automaton.make_automaton()
    return automaton


def _day_anchors(
    patterns: tuple[tuple[str, re.Pattern[str], _Openers | None], ...],
) -> frozenset[str] | None:
    """The texts one of which a match opening with a day number reads after the day (see
    _Openers.after_day); None when a pattern that may open with one does not say."""
    anchors: set[str] = set()
    for number in _digit_patterns(patterns):
        openers = patterns[number][2]
        if openers is None or openers.after_day is None:
            return None
        anchors |= openers.after_day
    return frozenset(anchors)


def _starts(
    body: str, patterns: tuple[tuple[str, re.Pattern[str], _Openers | None], ...]
) -> list[list[int]] | None:
    """For each pattern, the offsets in order (perhaps repeated) where a match can start:
    word starts that open with one of its opener texts, where the text is followed by
    what the pattern can read next (see _Openers), and day numbers before a text the
    pattern reads after one. None when the lowered body's offsets would not line up with
    the body's; then every pattern scans the whole body."""
    lowered = _fold(body)
    if len(lowered) != len(body):
        return None
    found: list[list[int]] = [[] for _ in patterns]
    anchored: list[int] = []  # word starts of texts a day number may precede
    size = len(body)
    automaton = memo(patterns, "date_scanner", lambda: _scanner(patterns))
    if automaton is not None:
        # typed, so that the compiled loop does native arithmetic and string reads
        last: int
        length: int
        owned: tuple[tuple[int, Follow], ...]
        joiners: tuple[tuple[int, Follow], ...]
        anchor: bool
        for last, (length, owned, joiners, anchor) in automaton.iter(lowered):
            start = last - length + 1
            # where the patterns' (?<![\w-]) holds: no word character or hyphen before
            if start:
                before = body[start - 1]
                if before.isalnum() or before == "_" or before == "-":
                    continue
            if anchor:
                anchored.append(start)
            after = last + 1
            if after < size:
                following = body[after]
                if following.isalnum() or following == "_":
                    owned = joiners
            while after < size and body[after].isspace():
                after += 1
            following = body[after] if after < size else ""
            for number, follow in owned:
                if (
                    follow is None
                    or following in follow
                    or (DIGIT in follow and following.isdecimal())
                ):
                    found[number].append(start)
    digits = memo(patterns, "digit_patterns", lambda: _digit_patterns(patterns))
    if digits:
        if memo(patterns, "day_anchors", lambda: _day_anchors(patterns)) is None:
            day_numbers = list(map(_RE_MATCH_START, _DAY_NUMBER.finditer(body)))
        else:
            day_numbers = _day_numbers(body, anchored)
        for number in digits:
            found[number].extend(day_numbers)
    for offsets in found:
        offsets.sort()
    return found


_RE_MATCH_START = re.Match.start  # as map() reads it, without a Python step


def _day_numbers(body: str, anchored: list[int]) -> list[int]:
    """Where a day number (_DAY_NUMBER) ends in the whitespace before one of the offsets
    `anchored`, or before an "of" there ("4th of November"): the day numbers a match can
    open with, found in a few characters each instead of a scan of the body."""
    found: list[int] = []
    for anchor in anchored:
        end = anchor
        while end and body[end - 1].isspace():
            end -= 1
        if end == anchor:
            continue  # the day pattern reads whitespace before the month
        ends = [end]
        if end >= 2 and body.startswith("of", end - 2):
            of = end - 2
            while of and body[of - 1].isspace():
                of -= 1
            if of < end - 2:
                ends.append(of)
        for end in ends:
            # a day number is at most four characters before its whitespace ("12th "):
            # two digits and the longest suffix _DAY_NUMBER and the day pattern allow
            for m in _DAY_NUMBER.finditer(body, max(0, end - 4), end + 1):
                found.append(m.start())
    return found


def _digit_patterns(
    patterns: tuple[tuple[str, re.Pattern[str], _Openers | None], ...],
) -> tuple[int, ...]:
    """The numbers of the patterns a match of which may open with a day number."""
    return tuple(
        n for n, (_, _, openers) in enumerate(patterns) if openers and DIGIT in openers.follows
    )


def _matches(body: str, pattern: re.Pattern[str], starts: list[int] | None) -> list[re.Match[str]]:
    """Exactly what pattern.finditer(body) yields, trying only the offsets in `starts`
    (a superset of where a match can start; None: everywhere).

    finditer tries each offset from the end of the previous match on and yields the first
    match; trying the candidate offsets in order, skipping those inside the previous
    match, yields the same matches. An empty match (which finditer steps over
    differently) sends the pattern back to finditer.
    """
    if starts is None:
        return list(pattern.finditer(body))
    end = 0
    found = []
    match = pattern.match
    for start in starts:
        if start < end:
            continue
        m = match(body, start)
        if m is None:
            continue
        end = m.end()
        if end == start:
            return list(pattern.finditer(body))
        found.append(m)
    return found


# where a clause starts: a weekday's tense is read from its own clause only ("…, officials
# said on Monday" is not future because "He will travel …, " precedes it)
_CLAUSE_BREAK = re.compile(r"[,;:.!?\n\"„“”«»()–—]")
_CLAUSE_REACH = 160  # characters looked back for the clause start


def _future_cues(table: dict) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The future-tense cues of a language table as two patterns: words anywhere earlier in
    the weekday's clause ("which will take effect on Wednesday", "Das Abkommen wird am
    Mittwoch …"), and words right after it (German inversion: "Am Mittwoch wird …")."""
    cues = table.get("future_cues") or {}
    before, after = cues.get("before") or (), cues.get("after") or ()
    return (
        re.compile(rf"(?<![\w-]){_alt(before, ci=True)}(?![\w])") if before else None,
        re.compile(rf"[\s\u00a0]+{_alt(after, ci=True)}(?![\w])") if after else None,
    )


def _future(
    body: str,
    start: int,
    end: int,
    cues: tuple[re.Pattern[str] | None, re.Pattern[str] | None],
) -> bool:
    """Whether the weekday at body[start:end] lies ahead: a future cue in its clause."""
    before, after = cues
    if after is not None and after.match(body, end):
        return True
    if before is None:
        return False
    low = max(0, start - _CLAUSE_REACH)
    clause = low
    for m in _CLAUSE_BREAK.finditer(body, low, start):
        clause = m.end()
    return before.search(body, clause, start) is not None


def _find(body: str, table: dict) -> list[_Found]:
    vocabulary = memo(table, "date_vocabulary", lambda: _vocabulary(table))
    keep, lasts, aheads = vocabulary.keep, vocabulary.lasts, vocabulary.aheads
    months, weekdays = vocabulary.months, vocabulary.weekdays
    raw: list[_Found] = []
    patterns = vocabulary.patterns
    starts = _starts(body, patterns)
    for number, (kind, pattern, openers) in enumerate(patterns):
        gi = vocabulary.groups[number]
        if starts is not None and openers is not None:
            if not starts[number]:
                continue  # no offset where a match of it could start
            matches: Iterable[re.Match[str]] = _matches(body, pattern, starts[number])
        else:
            matches = pattern.finditer(body)
        for m in matches:
            # a group that took no part is None, and so is one absent from this pattern
            values = m.groups()
            start = m.start()
            pre = _part(values, gi.pre)
            part = _part(values, gi.part)
            if pre and pre.strip().split()[0].lower() not in keep:
                start = m.start(gi.pre) + len(pre)  # "seit 2019" → "2019"
            elif (
                pre is None
                and kind == "month"
                and _part(values, gi.mon) is not None
                and part is None
            ):
                start = m.start(gi.mon)  # a dropped preposition ("seit März 2024")
            elif pre is None and kind == "month" and part is not None:
                start = m.start(gi.part)  # "seit Anfang Dezember" → "Anfang Dezember"
            if kind == "month" and part is not None and start > m.start(gi.part):
                start = m.start(gi.part)
            while start < m.end() and body[start].isspace():
                start += 1
            year_text = _part(values, gi.year)
            year = int(year_text) if year_text is not None else None
            offset = (
                0
                if _part(values, gi.this) is not None
                else -1
                if _part(values, gi.lasty) is not None
                else 1
                if _part(values, gi.nexty) is not None
                else None
            )
            if kind.startswith("rel:"):
                raw.append(_Found(start, m.end(), "relative", relative=kind[4:]))
            elif kind == "weekday":
                if _part(values, gi.after) is not None:
                    start = m.start(gi.wd)
                raw.append(
                    _Found(
                        start,
                        m.end(),
                        kind,
                        weekday=_lookup(weekdays, _part(values, gi.wd)),
                        last=_part(values, gi.lastwd) is not None,
                        ahead=_part(values, gi.nextwd) is not None
                        or _future(body, start, m.end(), vocabulary.futures),
                        next_week=_part(values, gi.nextwd) is not None,
                    )
                )
            elif kind == "yearpart":
                raw.append(
                    _Found(
                        start,
                        m.end(),
                        kind,
                        month=_lookup(vocabulary.year_parts, _part(values, gi.yp)),
                        year=year,
                        year_offset=offset,
                        approx=True,
                    )
                )
            elif kind == "season":
                raw.append(
                    _Found(
                        start,
                        m.end(),
                        kind,
                        month=_lookup(vocabulary.seasons, _part(values, gi.season)),
                        year=year,
                        last=bool(pre and pre.strip().lower() in lasts),
                        ahead=bool(pre and pre.strip().lower() in aheads),
                        approx=True,
                    )
                )
            elif kind == "year":
                raw.append(_Found(start, m.end(), kind, year=year))
            else:
                last = bool(pre and pre.strip().lower() in lasts)
                day = _part(values, gi.day)
                raw.append(
                    _Found(
                        start,
                        m.end(),
                        kind,
                        day=int(day) if day is not None else None,
                        month=_lookup(months, _part(values, gi.mon)),
                        year=year,
                        year_offset=offset,
                        weekday=_lookup(weekdays, _part(values, gi.wd)),
                        last=last,
                        ahead=bool(pre and pre.strip().lower() in aheads),
                        part=part,
                    )
                )
    # longest first among overlaps, then text order
    kept = keep_disjoint(
        sorted(raw, key=lambda f: (-(f.end - f.start), f.start)), lambda f: (f.start, f.end)
    )
    kept.sort(key=lambda f: f.start)
    # "heute, Dienstag, 18. Juni": the deictic word is the apposition's coreferent
    result = []
    for i, f in enumerate(kept):
        following = kept[i + 1] if i + 1 < len(kept) else None
        if (
            f.kind == "relative"
            and following is not None
            and following.kind == "day"
            and re.fullmatch(r"[\s,]*", body[f.end : following.start])
        ):
            continue
        result.append(f)
    return result


# ── publication date ──────────────────────────────────────────────────────


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _corpus_floor(tables: Tables) -> int | None:
    """The corpus' `published_from` year, when the corpus tables give one."""
    corpus = getattr(tables, "corpus", None) or {}
    value = corpus.get("published_from") if isinstance(corpus, dict) else None
    try:
        return int(str(value)[:4]) if value else None
    except ValueError:
        return None


# An agency dateline opens the text: a place, a comma, the day, the agency in brackets
# and a dash ("BRUSSELS, Aug 29 (Reuters) -", "Wilhelmshaven, 4. Mai (dpa) -").
_DATELINE_PLACE = re.compile(r"[^\W\d_][\w.'’/-]*(?: [^\W\d_][\w.'’/-]*){0,3},\s*")
_DATELINE_AGENCY = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]\s")
_DATELINE_LINES = 3  # the dateline stands in the first lines of the body (after a headline)


def _dateline(body: str, found: list[_Found], anchor: int | None) -> dt.date | None:
    """The date of the agency dateline opening the body, if there is one: the day the
    wire copy was filed, whatever later or earlier days the text goes on to name."""
    for f in found:
        line_start = body.rfind("\n", 0, f.start) + 1
        if body.count("\n", 0, line_start) >= _DATELINE_LINES:
            return None
        if f.kind != "day" or not f.month or not f.day:
            continue
        if _DATELINE_PLACE.fullmatch(body, line_start, f.start) and _DATELINE_AGENCY.match(
            body, f.end
        ):
            year = f.year or anchor
            return _safe_date(year, f.month, f.day) if year is not None else None
    return None


# A page's own date line near the top: a line that is only a full day, perhaps with a clock
# time ("Sunday 12 January 2025", "14. Januar 2025, 18:04 Uhr", "5 March 2025").
_DATE_LINE_REST = re.compile(
    r"[ \t\u00a0]*(?:[,|·–-][ \t\u00a0]*)?"  # a separator
    r"(?:\d{1,2}[:.]\d\d(?:[ \t\u00a0]*[^\W\d_]{1,4}\.?)?)?"  # a clock time: "18:04 Uhr"
    r"[ \t\u00a0]*(?:\n|$)"
)
_DATE_LINE_LINES = 6  # headline, kicker, teaser, byline: the page date stands above the text


def _date_line(body: str, found: list[_Found], anchor: int | None) -> dt.date | None:
    """The day of a line near the top that holds nothing but that day: the page's own
    publication date, whatever later days a live blog or the text goes on to name."""
    for f in found:
        line_start = body.rfind("\n", 0, f.start) + 1
        if body.count("\n", 0, line_start) >= _DATE_LINE_LINES:
            return None
        if f.kind != "day" or not f.month or not f.day or body[line_start : f.start].strip():
            continue
        if _DATE_LINE_REST.match(body, f.end):
            year = f.year or anchor
            date = _safe_date(year, f.month, f.day) if year is not None else None
            if date and (f.weekday is None or date.weekday() == f.weekday):
                return date
    return None


def _infer_published(found: list[_Found], anchor: int | None) -> dt.date | None:
    """The earliest date consistent with the text: latest full day, else latest month."""
    if anchor is None and not any(f.year for f in found):
        return None
    days = []
    for f in found:
        if f.kind == "day" and f.month and f.day:
            year = f.year or anchor
            if year is None:
                continue
            date = _safe_date(year, f.month, f.day)
            if date and f.weekday is not None and f.year is None and date.weekday() != f.weekday:
                continue  # a weekday that contradicts the anchor year: no evidence
            if date:
                days.append(date)
    if days:
        # "am Freitag" without a date is the news of the week: on or after the latest day
        latest = max(days)
        pinned = [
            latest + dt.timedelta(days=(f.weekday - latest.weekday()) % 7)
            for f in found
            if f.kind == "weekday" and f.weekday is not None and not f.last and not f.ahead
        ]
        return max([latest, *pinned])
    months = []
    for f in found:
        if f.kind == "month" and f.month and not f.last and f.year_offset is None:
            year = f.year or anchor
            if year is not None:
                day = 15 if f.part and f.part.lower().startswith(("mitte", "mid")) else 1
                months.append(dt.date(year, f.month, day))
    return max(months) if months else None


# ── resolution ────────────────────────────────────────────────────────────


def _year_for(
    month: int,
    day: int | None,
    published: dt.date | None,
    anchor: int | None,
    last: bool,
    ahead: bool = False,
) -> int | None:
    """The year of a year-less date.

    "nächsten Winter" / "next March": the first one after the publication month. A day
    ("ab dem 1. März", "from Aug. 31") is the one nearest the publication date (a tie goes
    to the past): reporters add the year to a day more than half a year away. A month
    alone keeps the past reading ("im September" in June is last September), as does
    "last August"."""
    if published is None:
        return anchor
    if ahead:
        return published.year if month > published.month else published.year + 1
    if day and not last:
        nearest: tuple[int, int] | None = None
        for year in (published.year - 1, published.year, published.year + 1):
            date = _safe_date(year, month, day)
            if date is not None:
                distance = abs((date - published).days)
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, year)
        if nearest is not None:
            return nearest[1]
    after = (month, day or 1) > (published.month, published.day if day else 1)
    if last and month == published.month:
        after = True  # "last August" written in August is a year ago
    return published.year - 1 if after else published.year


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    text = (str(year) if 1000 <= year <= 9999 else f"{year:04d}") if year is not None else "XXXX"
    if month:
        text += _DASHED[month] if 0 < month < 100 else f"-{month:02d}"
        if day:
            text += _DASHED[day] if 0 < day < 100 else f"-{day:02d}"
    return text


# "-01" … "-99": a month or day as _iso writes it, without a format() call per number
_DASHED = ("",) + tuple(f"-{number:02d}" for number in range(1, 100))


def _resolve_relative(
    f: _Found,
    published: dt.date,
    previous_day: str | None,
    named_month: str | None,
    named_nearby: bool,
) -> tuple[str, bool] | None:
    """The ISO date a deictic or anaphoric date stands for, and whether it is approximate;
    None where it cannot be resolved.

    `previous_day` is the last day resolved before it ("am Tag darauf" is the day after);
    `named_month` the last month the text named itself (not a deictic one: "im März 2023",
    "am 4. März"), `named_nearby` whether that was in the same or the previous sentence."""
    kind = f.relative
    if f.kind == "weekday" and f.weekday is not None and f.ahead:
        forward = (f.weekday - published.weekday()) % 7
        if f.next_week and forward == 0:
            forward = 7  # "next Friday" written on a Friday is a week ahead
        return (published + dt.timedelta(days=forward)).isoformat(), False
    if f.kind == "weekday" and f.weekday is not None:
        back = (published.weekday() - f.weekday) % 7
        if f.last and back == 0:
            back = 7
        return (published - dt.timedelta(days=back)).isoformat(), False
    if kind == "today":
        return published.isoformat(), False
    if kind == "yesterday":
        return (published - dt.timedelta(days=1)).isoformat(), False
    if kind == "day_before_yesterday":
        return (published - dt.timedelta(days=2)).isoformat(), False
    if kind == "same_day":
        return (previous_day or published.isoformat()), False
    if kind == "next_day":  # "am Tag darauf", "the next day": only after a day
        if previous_day is None:
            return None
        return (dt.date.fromisoformat(previous_day) + dt.timedelta(days=1)).isoformat(), False
    if kind == "same_month":  # "im selben Monat", "that month": only after a month
        return (named_month, False) if named_month else None
    if kind == "this_or_same_month":
        # German "in diesem Monat" is either: the month just named ("Allein im März 2023
        # wurden … in diesem Monat"), else the month of publication
        if named_month and named_nearby:
            return named_month, False
        return _iso(published.year, published.month), False
    if kind in ("last_week", "this_week"):
        monday = published - dt.timedelta(
            days=published.weekday() + (7 if kind == "last_week" else 0)
        )
        sunday = monday + dt.timedelta(days=6)
        thursday = monday + dt.timedelta(days=3)  # the ISO week belongs to its Thursday's month
        return _iso(thursday.year, thursday.month), (monday.month, monday.year) != (
            sunday.month,
            sunday.year,
        )
    if kind in ("last_month", "this_month"):
        first = published.replace(day=1)
        if kind == "last_month":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return _iso(first.year, first.month), False
    if kind in ("last_year", "this_year", "next_year"):
        return _iso(published.year + {"last_year": -1, "next_year": 1}.get(kind, 0)), False
    return None


def extract_dates(
    article: Article, tables: Tables
) -> tuple[tuple[DateMention, ...], str | None, str]:
    """Return (dates in text order, published ISO date or None, basis).

    basis is "metadata" when the article's metadata gives the date, "inferred" when the
    text does (the latest explicit day, else month, mentioned), "unknown" otherwise.
    Year-less and deictic dates are resolved against that date, never against today.
    """
    body = article.body
    table = _date_table(tables, article.language)
    found = _find(body, table) if table else []

    years = [f.year for f in found if f.year]
    floor = _corpus_floor(tables)
    anchor = max([*years, *([floor] if floor else [])], default=None)

    published: dt.date | None = None
    basis = "unknown"
    if article.meta.published:
        try:
            published = dt.date.fromisoformat(article.meta.published[:10])
            basis = "metadata"
        except ValueError:
            published = None
    if published is None:
        published = (
            _dateline(body, found, anchor)
            or _date_line(body, found, anchor)
            or _infer_published(found, anchor)
        )
        basis = "inferred" if published else "unknown"

    starts = [s.start for s in article.sentences]
    mentions: list[DateMention] = []
    previous_day: str | None = None
    named_month: str | None = None  # the last month named in the text, and its sentence
    named_sentence = -2
    for f in found:
        index = max(bisect.bisect_right(starts, f.start) - 1, 0)
        sentence = article.sentences[index].index if article.sentences else 0
        # "early next year" names no year: deictic like "next year" itself (gold §4)
        deictic = f.kind in ("relative", "weekday")
        relative = deictic or (f.kind == "yearpart" and f.year is None)
        approx = f.approx
        if deictic:
            if published is None:
                continue  # a deictic date needs an anchor; nothing to resolve against
            resolved = _resolve_relative(
                f, published, previous_day, named_month, sentence - named_sentence <= 1
            )
            if resolved is None:
                continue
            iso, approx = resolved
        elif f.kind == "year":
            iso = _iso(f.year)
        else:
            year = f.year
            if year is None and f.year_offset is not None:
                base = published.year if published else anchor
                year = base + f.year_offset if base is not None else None
            elif year is None:
                year = _year_for(f.month or 1, f.day, published, anchor, f.last, f.ahead)
            iso = _iso(year, f.month, f.day if f.kind == "day" else None)
        if len(iso) == 10:
            previous_day = iso
        if not relative and not approx and len(iso) >= 7 and not iso.startswith("XXXX"):
            named_month, named_sentence = iso[:7], sentence
        mentions.append(
            # positional, in the order of DateMention's fields (text, iso, approx,
            # relative, sentence, start, end): compiled, keywords would cost a dict per call
            DateMention(body[f.start : f.end], iso, approx, relative, sentence, f.start, f.end)
        )
    return tuple(mentions), (published.isoformat() if published else None), basis
