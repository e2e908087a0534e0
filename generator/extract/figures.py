"""Figures: the quantities an article reports, each with its qualifier, what it counts,
its topic, who says so and how it is framed (claim, projection, accusation).

Numbers are read by generator/extract/numbers.py with the article language's table;
date spans are blocked so "4. November" is never the figure 4. The counted noun phrase
is the noun after the quantity with its restrictive adjectives, in the nominative plural
("in den vergangenen acht Monaten" counts "Monate"). A duration ("acht Monate") takes the
topic of the claim it scopes: the nearest other figure of its sentence, else "other".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import Article, EntityMention, Figure, Tables
from .attribution import Attributor
from .endings import longest_first, replace_ending
from .memo import memo
from .numbers import (
    NumberExpr,
    NumberTable,
    Token,
    find_numbers,
    flag_blocked,
    number_table,
)
from .topics import OTHER, classify_topic, nearest_topic

_MAX_COUNT_WORDS = 5


def _lower(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


def _lower_key(table: NumberTable, key: str) -> frozenset[str]:
    """`_lower` of one key of the raw numbers table, built once per table."""
    return memo(table, ("lower", key), lambda: _lower(table.raw.get(key)))


@dataclass(frozen=True, slots=True)
class _CountWords:
    """The word sets reading a counted noun needs, fetched once per article instead of
    once per figure (a memo lookup per use cost more than the set tests)."""

    drop: frozenset[str]  # drop_adjectives
    units: frozenset[str]  # measure_units
    plurals: frozenset[str]  # irregular_plurals and durations
    durations: frozenset[str]
    nominatives: dict[str, str]  # dative plural noun -> nominative, remembered per table
    modifiers: frozenset[str]  # modifier_words: uninflected adjectives ("crude oil")
    modifier_endings: tuple[str, ...]  # modifier_endings ("liquefied", "natural")
    not_noun_endings: tuple[str, ...]  # not_noun_endings: verbs and adverbs ("arrived")
    counted_as: dict[str, str]  # counted_as: counter noun -> what it stands for ("Mann")
    anaphora: frozenset[str]  # anaphora: pronouns pointing back ("20% of them")
    topics: dict[str, str]  # counted noun phrase -> its topic, remembered per table


def _count_words(table: NumberTable) -> _CountWords:
    return memo(
        table,
        "count_words",
        lambda: _CountWords(
            drop=_lower_key(table, "drop_adjectives"),
            units=_lower_key(table, "measure_units"),
            plurals=_lower_key(table, "irregular_plurals") | _lower_key(table, "durations"),
            durations=_lower_key(table, "durations"),
            nominatives=memo(table, "nominatives", dict),
            modifiers=_lower_key(table, "modifier_words"),
            modifier_endings=tuple(sorted(_lower_key(table, "modifier_endings"))),
            not_noun_endings=tuple(sorted(_lower_key(table, "not_noun_endings"))),
            counted_as={
                str(k).lower(): str(v) for k, v in (table.raw.get("counted_as") or {}).items()
            },
            anaphora=_lower_key(table, "anaphora"),
            topics={},
        ),
    )


def _dative_endings(table: NumberTable) -> tuple[tuple[str, str], ...]:
    return longest_first(table.raw.get("dative_plural") or {})


def _dative_to_nominative(noun: str, table: NumberTable, known: dict[str, str]) -> str:
    """Nominative plural of a dative plural noun by the table's endings, longest first
    ("Monaten" → "Monate", "Containern" → "Container", "Artilleriegeschossen" →
    "Artilleriegeschosse"); weak nouns ("Soldaten") are not listed and stay. Remembered
    in `known` (_CountWords.nominatives)."""
    nominative = known.get(noun)
    if nominative is None:
        if len(known) >= _NOMINATIVES_LIMIT:
            known.clear()
        nominative = known[noun] = _nominative_plural(noun, table)
    return nominative


_NOMINATIVES_LIMIT = 50_000  # nouns remembered per table (counted nouns repeat a lot)


def _nominative_plural(noun: str, table: NumberTable) -> str:
    endings = memo(table, "dative_endings", lambda: _dative_endings(table))
    replaced = replace_ending(noun, endings)
    return noun if replaced is None else replaced


def _is_adjective(token: Token) -> bool:
    tail = token.text.rsplit("-", 1)[-1]
    return token.kind == "word" and tail[:1].islower() and tail.endswith(("e", "en", "er", "es"))


def _is_noun_de(token: Token) -> bool:
    if token.kind == "word":
        return token.text[:1].isupper()
    # "152-Millimeter-Artilleriegeschosse": a calibre compound is the noun itself
    return token.kind == "num" and "-" in token.text and token.text.rsplit("-", 1)[-1][:1].isupper()


def _counts_de(tokens: tuple[Token, ...], j: int, table: NumberTable, lex: _CountWords) -> str:
    drop, units = lex.drop, lex.units
    words: list[str] = []
    need_noun = True
    while j < len(tokens) and len(words) < _MAX_COUNT_WORDS:
        token = tokens[j]
        if token.blocked:
            break
        if token.low in drop:
            j += 1
            continue
        if _is_noun_de(token):
            words.append(_dative_to_nominative(token.text, table, lex.nominatives))
            if token.low not in units:
                need_noun = False
                break
            j += 1
            continue
        if _is_adjective(token):
            # after a numeral without article the nominative plural ends in "-e"
            text = token.text[:-1] if token.text.endswith("en") else token.text
            words.append(text)
            j += 1
            continue
        break
    if need_noun and words and not any(w[:1].isupper() or w[:1].isdigit() for w in words):
        return ""
    return " ".join(words)


def _counts_en(
    tokens: tuple[Token, ...],
    j: int,
    table: NumberTable,
    stopwords: frozenset[str],
    lex: _CountWords,
) -> str:
    drop, units, plurals = lex.drop, lex.units, lex.plurals
    words: list[str] = []
    while j < len(tokens) and len(words) < _MAX_COUNT_WORDS:
        token = tokens[j]
        if token.blocked or token.kind != "word":
            break
        if token.low in drop:
            j += 1
            continue
        if token.low in stopwords:
            break
        words.append(token.text)
        if token.low in units and j + 2 < len(tokens) and tokens[j + 1].low in table.of_words:
            substance = _substance_en(tokens, j + 2, stopwords, lex)
            if substance:
                words.extend([tokens[j + 1].text, *substance])
            break
        if token.low.endswith("s") or token.low in plurals:
            break
        j += 1
    return " ".join(words)


def _substance_en(
    tokens: tuple[Token, ...], j: int, stopwords: frozenset[str], lex: _CountWords
) -> list[str]:
    """The noun phrase a unit measures, from token `j` on ("tonnes of liquefied natural
    gas"): modifiers (words with a modifier ending or listed as modifiers) and the noun
    that ends them; never a function word, never past _MAX_COUNT_WORDS words."""
    words: list[str] = []
    while j < len(tokens) and len(words) < _MAX_COUNT_WORDS:
        token = tokens[j]
        if token.blocked or token.kind != "word" or token.low in stopwords:
            break
        words.append(token.text)
        if token.low not in lex.modifiers and not _modifier_ending(token.low, lex):
            # the noun; a compound ("wheat flour", "artillery shells") ends on its head
            if _compound_head(tokens, j + 1, stopwords, lex):
                words.append(tokens[j + 1].text)
            break
        j += 1
    return words


def _compound_head(
    tokens: tuple[Token, ...], j: int, stopwords: frozenset[str], lex: _CountWords
) -> bool:
    """True if token `j` is the head noun of a compound whose first noun came just
    before it: a lower-case word that does not look like a verb or adverb, and after which
    the noun phrase visibly ends (a mark, a function word, a number or the sentence end),
    so "tons of oil arrived in" and "tons of oil left Russia" keep "oil"."""
    if j >= len(tokens):
        return False
    token = tokens[j]
    if token.blocked or token.kind != "word" or not token.text[:1].islower():
        return False
    if token.low in stopwords or token.low in lex.drop or token.low.endswith(lex.not_noun_endings):
        return False
    if j + 1 >= len(tokens):
        return True
    after = tokens[j + 1]
    return after.kind != "word" or after.low in stopwords


_MIN_STEM = 4  # letters before a modifier ending: "natural" is a modifier, "coal" a noun


def _modifier_ending(word: str, lex: _CountWords) -> bool:
    return any(
        word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM
        for ending in lex.modifier_endings
    )


def counted_noun(
    tokens: tuple[Token, ...], expr: NumberExpr, table: NumberTable, stopwords: frozenset[str]
) -> str:
    """Return the noun phrase that the quantity `expr` counts, or "" if none follows."""
    return _counted_noun(tokens, expr, table, stopwords, _count_words(table))


def _counted_noun(
    tokens: tuple[Token, ...],
    expr: NumberExpr,
    table: NumberTable,
    stopwords: frozenset[str],
    lex: _CountWords,
) -> str:
    if expr.unit:
        return expr.unit
    j = expr.last
    if j < len(tokens) and tokens[j].low in table.of_words:  # "Tausenden von Containern"
        j += 1
    if j < len(tokens) and tokens[j].low in table.percent_words:
        return tokens[j].text
    if table.decimal == ",":
        return _counts_de(tokens, j, table, lex)
    return _counts_en(tokens, j, table, stopwords, lex)


def _topic_of_counts(count: str, tables: Tables, language: str, lex: _CountWords) -> str:
    """The topic of a counted noun phrase, read through the counter nouns that stand for
    what they count ("12.000 Mann" are soldiers), or "other". Remembered in `lex.topics`:
    counted nouns repeat from figure to figure and from article to article."""
    topic = lex.topics.get(count)
    if topic is None:
        if len(lex.topics) >= _TOPICS_LIMIT:
            lex.topics.clear()
        read = count
        if lex.counted_as:
            read = " ".join(lex.counted_as.get(word.lower(), word) for word in count.split())
        topic = lex.topics[count] = classify_topic(read, tables, language)
    return topic


_TOPICS_LIMIT = 50_000  # counted noun phrases remembered per table, as for nominatives


def _points_back(tokens: tuple[Token, ...], j: int, table: NumberTable, lex: _CountWords) -> bool:
    """True if the quantity ending before token `j` is a share of something named in an
    earlier sentence: "20% of them", "20 Prozent davon", "Hunderte von ihnen"."""
    if not lex.anaphora:
        return False
    if j < len(tokens) and tokens[j].low in table.percent_words:
        j += 1
    if j < len(tokens) and tokens[j].low in table.of_words:
        j += 1
    return j < len(tokens) and tokens[j].low in lex.anaphora


def _is_duration(counts: str, durations: frozenset[str]) -> bool:
    words = counts.lower().split()
    return bool(words) and words[-1] in durations


def extract_figures(
    article: Article,
    tables: Tables,
    blocked: tuple[tuple[int, int], ...],
    mentions: tuple[EntityMention, ...],
) -> tuple[Figure, ...]:
    """Return every figure of the article body in text order.

    `blocked` are date spans (never read as numbers); `mentions` are the gazetteer
    mentions used to name sources canonically. Each figure keeps its exact span,
    its sentence index, the topic of what it counts and who the article says claims it.
    """
    table = number_table(tables, article.language)
    language_table = tables.languages.get(article.language, {}).get("language") or {}
    stopwords = memo(
        language_table, "lower_stopwords", lambda: _lower(language_table.get("stopwords"))
    )
    lex = _count_words(table)
    attributor = Attributor(article, mentions, tables)
    figures: list[Figure] = []
    previous = ""  # the sentence before: what "20% of them" is a share of
    for sentence in article.sentences:
        before, previous = previous, sentence.text
        # the tokens attribution reads too, with those inside dates flagged
        tokens = flag_blocked(attributor.tokens(sentence.index), blocked)
        exprs = find_numbers(tokens, article.body, table)
        if not exprs:
            continue
        counts = [_counted_noun(tokens, expr, table, stopwords, lex) for expr in exprs]
        durations = [_is_duration(c, lex.durations) for c in counts]
        topics: list[str] = []
        # by index, not zip(…, strict=True): from compiled code a zip with a keyword is
        # built through the generic call path, per sentence
        for k in range(len(exprs)):
            expr, count = exprs[k], counts[k]
            topic = _topic_of_counts(count, tables, article.language, lex) if count else OTHER
            if topic == OTHER:
                topic = nearest_topic(sentence.text, expr.start - sentence.start, tables)
            if topic == OTHER and before and _points_back(tokens, expr.last, table, lex):
                topic = classify_topic(before, tables, article.language)
            topics.append(topic)
        for k, expr in enumerate(exprs):
            if durations[k]:
                # a duration scopes the claim next to it: take that figure's topic
                others = [m for m in range(len(exprs)) if not durations[m]]
                nearest = min(others, key=lambda m: abs(exprs[m].start - expr.start), default=None)
                topics[k] = topics[nearest] if nearest is not None else OTHER
        source = attributor.source(sentence.index)
        framing = attributor.modality(sentence.index)
        for k in range(len(exprs)):
            expr, count, topic = exprs[k], counts[k], topics[k]
            # Figure's fields in order (text, low, high, qualifier, counts, topic,
            # attributed_to, sentence, start, end, modality): from compiled code a call by
            # position costs about two thirds of one by keyword
            figures.append(
                Figure(
                    article.body[expr.start : expr.end],
                    expr.low,
                    expr.high,
                    expr.qualifier,
                    count,
                    topic,
                    source,
                    sentence.index,
                    expr.start,
                    expr.end,
                    framing,
                )
            )
    return tuple(figures)
