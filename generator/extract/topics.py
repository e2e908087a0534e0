"""Topic classification by keyword stems from the corpus table (seeds/_tables/topics.yml).

A keyword matches at the start of a word ("öl" in "Öltanker"); a keyword of
COMPOUND_MIN letters or more also matches inside a word, because German builds
compounds ("container" in "Schiffscontainer"). Where keywords overlap, the longest wins,
so "tanker" (oil) beats "tank" (munitions). Short stems stay word-initial so "öl" is not
found in "Söldner".
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from ..models import Tables
from .memo import memo

COMPOUND_MIN = 5
OTHER = "other"


@dataclass(frozen=True, slots=True)
class TopicHit:
    """One keyword found in a text: its offset, the keyword and the topic it stands for."""

    start: int
    keyword: str
    topic: str


def _keyword_topics(tables: Tables) -> tuple[tuple[str, str], ...]:
    """(keyword, topic id) pairs, longest keyword first; the first topic keeps a keyword
    listed twice. Built once per tables."""
    return memo(tables, "keyword_topics", lambda: _build_keyword_topics(tables))


def _build_keyword_topics(tables: Tables) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for topic in tables.topics:
        for keyword in topic.keywords:
            keyword = keyword.strip().lower()
            if keyword and keyword not in seen:
                seen[keyword] = topic.id
    return tuple(sorted(seen.items(), key=lambda kv: (-len(kv[0]), kv[0])))


_HITS_LIMIT = 50_000  # texts remembered per tables (counted nouns repeat across articles)


def topic_hits(text: str, tables: Tables) -> tuple[TopicHit, ...]:
    """Return every keyword hit in `text`, in text order, longest keyword at each place;
    hits never overlap. Remembered per tables: a sentence is asked once per figure, and
    counted nouns ("Soldaten") repeat from article to article."""
    known: dict[str, tuple[TopicHit, ...]] = memo(tables, "topic_hits", dict)
    hits = known.get(text)
    if hits is None:
        if len(known) >= _HITS_LIMIT:
            known.clear()
        hits = known[text] = _topic_hits(text, tables)
    return hits


def _keyword_automaton(tables: Tables) -> ahocorasick.Automaton | None:
    """Every keyword in one Aho–Corasick automaton, each with its rank in
    _keyword_topics (longest first) and topic; None when there are no keywords."""

    def build() -> ahocorasick.Automaton | None:
        pairs = _keyword_topics(tables)
        if not pairs:
            return None
        automaton = ahocorasick.Automaton()
        for rank, (keyword, topic) in enumerate(pairs):
            automaton.add_word(keyword, (rank, keyword, topic))
        automaton.make_automaton()
        return automaton

    return memo(tables, "keyword_automaton", build)


def _topic_hits(text: str, tables: Tables) -> tuple[TopicHit, ...]:
    automaton = _keyword_automaton(tables)
    if automaton is None:
        return ()
    lowered = text.lower()
    # one pass finds every occurrence of every keyword; they are then taken keyword by
    # keyword, longest first, and left to right within a keyword, as a search for each
    # keyword in turn would find them (re.finditer: one keyword's matches never overlap)
    found: list[tuple[int, int, str, str]] = []
    for last, (rank, keyword, topic) in automaton.iter(lowered):
        found.append((rank, last + 1 - len(keyword), keyword, topic))
    found.sort()
    hits: list[TopicHit] = []
    taken: list[tuple[int, int]] = []
    current, reach = -1, 0
    for rank, start, keyword, topic in found:
        end = start + len(keyword)
        if rank != current:
            current, reach = rank, 0
        if start < reach:
            continue  # overlaps the keyword's previous occurrence
        reach = end
        initial = start == 0 or not lowered[start - 1].isalnum()
        if not (initial or len(keyword) >= COMPOUND_MIN):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        hits.append(TopicHit(start, keyword, topic))
    return tuple(sorted(hits, key=lambda h: h.start))


def classify_topic(text: str, tables: Tables, language: str) -> str:
    """Return the topic id `text` speaks of most (ties: the first mentioned), or "other".

    Used on a figure's counted noun first ("Barrel Öl" → oil), then on its sentence.
    `language` is accepted for tables that will hold per-language keywords apart; the
    corpus table merges them today, and stems of both languages rarely collide.
    """
    del language  # keywords of all languages are merged by generator/tables.py
    # the answer depends on the text alone: remembered per tables (counted nouns repeat)
    known: dict[str, str] = memo(tables, "classified", dict)
    topic = known.get(text)
    if topic is None:
        if len(known) >= _HITS_LIMIT:
            known.clear()
        topic = known[text] = _classify(topic_hits(text, tables))
    return topic


def _classify(hits: tuple[TopicHit, ...]) -> str:
    if not hits:
        return OTHER
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.topic] = counts.get(hit.topic, 0) + 1
    order = {hit.topic: -i for i, hit in reversed(list(enumerate(hits)))}
    return max(counts, key=lambda topic: (counts[topic], order[topic]))


def nearest_topic(text: str, position: int, tables: Tables) -> str:
    """Return the topic of the keyword nearest to `position` in `text`, or "other".

    A figure's sentence often names several topics ("Öl als Bezahlung für Waffen");
    the keyword closest to the figure is the best guess of what it measures.
    """
    hits = topic_hits(text, tables)
    if not hits:
        return OTHER
    return min(hits, key=lambda h: (abs(h.start - position), h.start)).topic
