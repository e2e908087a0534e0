"""Sentence segmentation of a cleaned body (the rule of shared/gold/README.md §2).

- Each body line (paragraph) is segmented on its own: a line break always ends a sentence.
- Within a line a sentence ends after ".", "!" or "?", optionally followed by one closing
  quote; the next character must be whitespace (NBSP included) and the first character
  after that whitespace an uppercase letter or an opening quote.
- A "." right after a one- or two-digit number is no boundary ("4. November"); after a
  four-digit year it is ("… seit 2019. Heute …").
- General exceptions from the language tables: a "." inside a listed abbreviation
  ("z. B.", "Dr.", "U.S.") or after a single-capital initial ("George W. Bush") is no
  boundary.

Everything is one left-to-right pass per line, so a 1 MB line costs linear time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from .models import Sentence
from .tables import LANGUAGES, load_language

CLOSING_QUOTES = '»“”"'
OPENING_QUOTES = '«„“"'

# sentence-final punctuation, a closing quote, and footnote markers ("2025.[4] Most …")
_CANDIDATE = re.compile(r"[.!?][" + re.escape(CLOSING_QUOTES) + r"]?(?:\[\d{1,3}\])*(?=\s)")
_INITIAL = re.compile(r"(?<![^\W\d_])[A-ZÄÖÜ]\.")


@lru_cache(maxsize=32)
def _abbreviation_pattern(abbreviations: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compile the abbreviations into one alternation, longest first, spaces optional."""
    alternatives = []
    for abbreviation in sorted(set(abbreviations), key=lambda a: (-len(a), a)):
        parts = [re.escape(part) for part in abbreviation.split()]
        if parts:
            alternatives.append(r"[ \u00a0]?".join(parts))
    if not alternatives:
        return None
    # An abbreviation starts a word: "Dr." must not match the end of "Mandr.".
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + ")")


@lru_cache(maxsize=1)
def _table_abbreviations() -> tuple[tuple[str, ...], bool]:
    """Union of the abbreviation lists of all language tables, and whether initials count."""
    found: set[str] = set()
    initials = False
    for lang in LANGUAGES:
        table = load_language(lang).get("language") or {}
        found.update(str(a) for a in table.get("abbreviations") or ())
        initials = initials or bool(table.get("initials"))
    return tuple(sorted(found)), initials


def _protected(line: str, abbreviations: re.Pattern[str] | None, initials: bool) -> set[int]:
    """Offsets (in `line`) of full stops that belong to abbreviations or initials."""
    dots: set[int] = set()
    if abbreviations is not None:
        for match in abbreviations.finditer(line):
            dots.update(i for i in range(match.start(), match.end()) if line[i] == ".")
    if initials:
        dots.update(match.end() - 1 for match in _INITIAL.finditer(line))
    return dots


def _is_boundary(line: str, stop: int, end: int, protected: set[int]) -> bool:
    """True if the punctuation at `stop` (ending at `end`) closes a sentence."""
    if line[stop] == ".":
        if stop in protected:
            return False
        digits = 0
        while digits < 3 and stop - digits - 1 >= 0 and line[stop - digits - 1].isdigit():
            digits += 1
        if digits in (1, 2):
            return False
    after = end
    while after < len(line) and line[after].isspace():
        after += 1
    if after >= len(line):
        return False
    following = line[after]
    return following.isupper() or following in OPENING_QUOTES


def _line_spans(
    line: str, abbreviations: re.Pattern[str] | None, initials: bool
) -> list[tuple[int, int]]:
    """(start, end) offsets in `line` of its sentences, stripped of surrounding whitespace."""
    protected = _protected(line, abbreviations, initials)
    cuts = [0]
    for match in _CANDIDATE.finditer(line):
        if _is_boundary(line, match.start(), match.end(), protected):
            cuts.append(match.end())
    cuts.append(len(line))
    spans = []
    for left, right in pairwise(cuts):
        start, end = left, right
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def split_sentences(
    body: str,
    paragraphs: tuple[tuple[int, int], ...],
    abbreviations: tuple[str, ...] | None = None,
    initials: bool | None = None,
) -> tuple[Sentence, ...]:
    """Return the sentences of `body`, each with `body[start:end] == text`, in text order.

    `paragraphs` are the (start, end) offsets of the body lines. `abbreviations` defaults
    to the union of the language tables' lists (clean_seed passes the article language's
    list), `initials` to whether any language table enables the initials rule.
    """
    if abbreviations is None or initials is None:
        table_abbreviations, table_initials = _table_abbreviations()
        abbreviations = table_abbreviations if abbreviations is None else abbreviations
        initials = table_initials if initials is None else initials
    pattern = _abbreviation_pattern(tuple(abbreviations))
    sentences: list[Sentence] = []
    for number, (para_start, para_end) in enumerate(paragraphs):
        line = body[para_start:para_end]
        for start, end in _line_spans(line, pattern, initials):
            sentences.append(
                Sentence(
                    index=len(sentences),
                    paragraph=number,
                    start=para_start + start,
                    end=para_start + end,
                    text=line[start:end],
                )
            )
    return tuple(sentences)
