"""Link stage: Extractions -> Corpus, plus the cross-source views the topic pages need.

Two things happen here, both pure and deterministic:

- **Claims.** Figures of one topic that count the same thing ("Tausende Soldaten",
  "mehr als 10.000 Soldaten", "bis zu 100.000 nordkoreanische Soldaten") are grouped into
  one `Claim`, so a topic page can set the sources' numbers side by side. Two counted noun
  phrases speak of the same thing when their head nouns agree up to inflection or compound
  ("Öltanker" ~ "Tanker"), or when every content word of one occurs in the other
  ("Barrel" ~ "Barrel Öl"). Content words are found with the language's stopword table,
  so the mechanism needs no word lists of its own.
- **Related articles.** Articles are related through shared claims, shared entities and
  shared topics, each with a German reason that names what is shared. Candidates come from
  an inverted index over the rarer features, so the cost stays near-linear for large corpora.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .extract.memo import ObjectMemo, memo, memo_last
from .models import (
    Corpus,
    Extraction,
    Figure,
    Problem,
    Related,
    SeedStatus,
    Tables,
    Topic,
)
from .tables import slugify

# An inflectional ending is at most this long ("Soldat"/"Soldaten", "Jahr"/"Jahren").
_MAX_ENDING = 3
# A compound head must be at least this long to match inside a longer word ("Tanker").
_MIN_COMPOUND_HEAD = 4
# Prefixes that make a unit out of a unit (SI prefixes, written alike in German and English,
# and "per" of percent): a word they start names another quantity than its last part.
_UNIT_PREFIXES = frozenset(
    ("kilo", "milli", "mega", "giga", "tera", "zenti", "centi", "mikro", "micro", "nano", "per")
)
# How many related articles each article lists.
RELATED_LIMIT = 5
# Features shared by more articles than this only score candidates found through rarer
# features; they never generate candidates themselves (keeps the pair count near-linear).
_CANDIDATE_DF_CAP = 50
# Candidates (by the weight of the rare features they share) scored in full per article:
# the work per article stays bounded however large the corpus grows.
_CANDIDATE_LIMIT = 50
# Relative weight of the kinds of evidence that relate two articles.
_WEIGHT = {"claim": 3.0, "entity": 1.0, "topic": 2.0}
# How many shared names a reason spells out before "und N weitere".
_REASON_NAMES = 4

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


# ── claims ────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class ClaimCitation:
    """One figure of one article, with everything a side-by-side table shows about it."""

    file: str
    slug: str
    title: str
    published: str | None
    published_basis: str
    source: str | None
    figure_text: str  # span as in the body ("mehr als 10.000")
    low: float
    high: float | None
    qualifier: str
    counts: str
    attributed_to: str | None
    modality: str
    sentence: int
    start: int  # Figure.start: with `file`, identifies the figure
    anchor: str  # Sentence.anchor on the article page
    sentence_text: str


@dataclass(frozen=True, slots=True)
class Claim:
    """Figures of one topic from any number of articles that count the same thing."""

    topic: str
    key: str  # stable, URL-safe id, unique within the topic ("soldaten")
    label: str  # counted noun as shown ("Soldaten")
    citations: tuple[ClaimCitation, ...]  # by date, then article, then sentence

    @property
    def low(self) -> float:
        """The smallest number any citation gives."""
        return min(c.low for c in self.citations)

    @property
    def high(self) -> float:
        """The largest number any citation gives (open ranges count with their low end)."""
        return max(c.high if c.high is not None else c.low for c in self.citations)

    @property
    def slugs(self) -> tuple[str, ...]:
        """The articles that cite this claim, sorted."""
        return tuple(sorted({c.slug for c in self.citations}))


def _stopwords(tables: Tables | None, language: str) -> frozenset[str]:
    if tables is None:
        return frozenset()

    def build() -> frozenset[str]:
        table = (tables.languages.get(language) or {}).get("language") or {}
        return frozenset(str(w).lower() for w in table.get("stopwords") or ())

    return memo(tables, ("link stopwords", language), build)


def _noun_group(counts: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    """Content words of the counted phrase up to the first function word after them.

    "Soldaten nach Russland" -> ("soldaten",); "barrels of oil" -> ("barrels",);
    "152-Millimeter-Artilleriegeschosse" -> ("artilleriegeschosse",) (last part of a
    hyphenated compound carries its meaning).
    """
    words: list[str] = []
    for match in _WORD.finditer(counts):
        word = match.group(0).lower()
        if word in stopwords:
            if words:
                break
            continue
        words.append(word.rsplit("-", 1)[-1])
    return tuple(words)


def _inflected(a: str, b: str) -> bool:
    """True when one word is the other plus a short inflectional ending."""
    short, long = sorted((a, b), key=lambda w: (len(w), w))
    return len(short) >= 2 and long.startswith(short) and len(long) - len(short) <= _MAX_ENDING


def same_noun(a: str, b: str) -> bool:
    """True when two lower-case words name the same thing: inflection or compound head.

    "soldat"~"soldaten", "tanker"~"öltankern", "geschosse"~"artilleriegeschosse";
    but not "raketen"~"raketenwerfer" (there the shorter word is the modifier).
    """
    if a == b or _inflected(a, b):
        return True
    short, long = sorted((a, b), key=lambda w: (len(w), w))
    # the shorter word (modulo an ending) must be the final element of the longer one
    for ending in range(_MAX_ENDING + 1):
        stem = short[: len(short) - ending]
        if len(stem) < _MIN_COMPOUND_HEAD:
            break
        position = long.rfind(stem)
        if position >= 1 and len(long) - position - len(stem) <= _MAX_ENDING:
            # "kilometer" is no kind of "meter", nor "percent" a kind of "cent"
            return long[:position] not in _UNIT_PREFIXES
    return False


def _same_thing(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    if same_noun(a[-1], b[-1]):
        return True
    small, large = sorted((a, b), key=len)
    return all(any(same_noun(w, v) for v in large) for w in small)


def _claim_citation(extraction: Extraction, figure: Figure) -> ClaimCitation:
    article = extraction.article
    sentence = article.sentences[figure.sentence]
    return ClaimCitation(
        file=article.file,
        slug=article.slug,
        title=article.title,
        published=extraction.published,
        published_basis=extraction.published_basis,
        source=article.source,
        figure_text=figure.text,
        low=figure.low,
        high=figure.high,
        qualifier=figure.qualifier,
        counts=figure.counts,
        attributed_to=figure.attributed_to,
        modality=figure.modality,
        sentence=figure.sentence,
        start=figure.start,
        anchor=sentence.anchor,
        sentence_text=sentence.text,
    )


def _citation_order(c: ClaimCitation) -> tuple:
    # undated articles last; then article and position for a stable order
    return (c.published is None, c.published or "", c.slug, c.sentence, c.figure_text)


def _label(members: list[ClaimCitation]) -> str:
    """The counted noun shown for a claim: the most frequent form, shortest on ties."""
    freq: dict[str, int] = defaultdict(int)
    for c in members:
        freq[" ".join(c.counts.split())] += 1
    return min(freq, key=lambda form: (-freq[form], len(form), form))


def claims_of(
    extractions: tuple[Extraction, ...], topic_id: str, tables: Tables | None = None
) -> tuple[Claim, ...]:
    """Return the claims of one topic over `extractions`, most cited first.

    Used by `group_claims` and by the related-articles scoring (which has no Corpus yet).
    Article pages, topic pages and charts all ask for the same claims: the answer for the
    last `extractions` tuple (immutable, compared by identity) is kept.
    """
    kept: dict = memo_last("claims", extractions, dict)  # (topic, id(tables)) -> (tables, claims)
    key = (topic_id, id(tables))
    if key not in kept or kept[key][0] is not tables:
        kept[key] = (tables, _claims_of(extractions, topic_id, tables))
    return kept[key][1]


def _claims_of(
    extractions: tuple[Extraction, ...], topic_id: str, tables: Tables | None
) -> tuple[Claim, ...]:
    items: list[tuple[tuple[str, ...], ClaimCitation]] = []
    for extraction in extractions:
        items.extend(_article_claim_items(extraction, tables).get(topic_id, ()))
    items.sort(key=lambda item: (item[0], _citation_order(item[1])))
    representative = _same_thing_groups(tuple(sorted({group for group, _ in items})))
    # items are sorted by group, so clusters appear in the order of their first group
    clusters: dict[tuple[str, ...], list[ClaimCitation]] = {}
    for group, citation in items:
        clusters.setdefault(representative[group], []).append(citation)
    claims: list[Claim] = []
    for members in clusters.values():
        members.sort(key=_citation_order)
        label = _label(members)
        claims.append(Claim(topic_id, slugify(label), label, tuple(members)))
    claims.sort(key=lambda c: (-len(c.slugs), -len(c.citations), c.label.lower(), c.key))
    return _unique_keys(claims)


def _article_claim_items(
    extraction: Extraction, tables: Tables | None
) -> dict[str, tuple[tuple[tuple[str, ...], ClaimCitation], ...]]:
    """Per topic: the article's figures as (noun group, citation). Kept per extraction
    object, so a rebuild in `mkdocs serve` redoes only the edited article's."""

    def build() -> dict[str, tuple[tuple[tuple[str, ...], ClaimCitation], ...]]:
        stop = _stopwords(tables, extraction.article.language)
        found: dict[str, list] = defaultdict(list)
        for figure in extraction.figures:
            group = _noun_group(figure.counts, stop) or (figure.counts.lower(),)
            found[figure.topic].append((group, _claim_citation(extraction, figure)))
        return {topic: tuple(entries) for topic, entries in found.items()}

    return _CLAIM_ITEMS.get(extraction, None, tables, build)


_CLAIM_ITEMS = ObjectMemo(limit=100_000)


def _same_thing_groups(groups: tuple[tuple[str, ...], ...]) -> dict[tuple[str, ...], tuple]:
    """Map each noun group (sorted, distinct) to the first group of its cluster: groups
    that name the same thing, directly or through others, form one cluster.

    Comparing every pair grows with the square of the vocabulary, which barely changes
    when one article is edited: the last partitions are kept by their groups.
    """
    kept = _PARTITIONS.get(groups)
    if kept is not None:
        return kept
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for x, a in enumerate(groups):
        for y in range(x + 1, len(groups)):
            if _same_thing(a, groups[y]):
                ra, rb = root(x), root(y)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    partition = {group: groups[root(i)] for i, group in enumerate(groups)}
    if len(_PARTITIONS) >= 64:
        _PARTITIONS.clear()
    _PARTITIONS[groups] = partition
    return partition


_PARTITIONS: dict[tuple[tuple[str, ...], ...], dict[tuple[str, ...], tuple]] = {}


def _unique_keys(claims: list[Claim]) -> tuple[Claim, ...]:
    seen: set[str] = set()
    result = []
    for claim in claims:
        key = claim.key
        number = 2
        while key in seen:
            key = f"{claim.key}-{number}"
            number += 1
        seen.add(key)
        result.append(Claim(claim.topic, key, claim.label, claim.citations))
    return tuple(result)


def group_claims(corpus: Corpus, topic_id: str, tables: Tables | None = None) -> tuple[Claim, ...]:
    """Return the claims of `topic_id`: figures counting the same thing, grouped across sources.

    Each claim holds every citation (article, date, qualifier, low/high, attribution,
    modality, sentence anchor and text), so a page can show where sources agree or differ.
    Pass `tables` so the language's stopwords cut the counted phrase to its noun group
    ("Soldaten nach Russland" -> "Soldaten"); without them grouping still works through
    the shared-words rule, only less sharply.
    """
    return claims_of(corpus.extractions, topic_id, tables)


# ── topics of sentences and articles ──────────────────────────────────────


class TopicKeywords:
    """Every topic's keywords, found in a text in one pass.

    Keywords are stems or prefixes: a keyword counts where it starts a word (no letter or
    digit before it) and may end anywhere. One Aho–Corasick pass over the lower-cased text
    finds every keyword of every topic, where one regex search per topic (a look-behind
    before an alternation of its keywords) was tried at every offset of every sentence.
    """

    def __init__(self, topics: tuple[Topic, ...]) -> None:
        owners: dict[str, set[str]] = defaultdict(set)
        for topic in topics:
            for keyword in topic.keywords:
                if keyword.strip():
                    owners[keyword.strip().lower()].add(topic.id)
        self._automaton: ahocorasick.Automaton | None = None
        if owners:
            automaton = ahocorasick.Automaton()
            for keyword, ids in sorted(owners.items()):
                automaton.add_word(keyword, (len(keyword), tuple(sorted(ids))))
            automaton.make_automaton()
            self._automaton = automaton

    def topics_in(self, lowered: str) -> set[str]:
        """The ids of the topics one of whose keywords starts a word of `lowered` (a
        lower-cased text)."""
        found: set[str] = set()
        if self._automaton is None:
            return found
        for last, (length, ids) in self._automaton.iter(lowered):
            start = last + 1 - length
            if start == 0 or not lowered[start - 1].isalnum():
                found.update(ids)
        return found


@lru_cache(maxsize=8)
def topic_keywords(topics: tuple[Topic, ...]) -> TopicKeywords:
    """Return the keyword matcher of `topics` (the same object for the same topics)."""
    return TopicKeywords(topics)


def sentence_topics(
    extraction: Extraction, keywords: TopicKeywords
) -> dict[int, tuple[str, ...]]:
    """Return, per sentence index, the topics it cites: by a figure of the topic or a keyword.

    Article pages, topic pages and the timeline all ask this of every article: the answer
    is kept per (extraction, keywords) for as long as the extraction object lives.
    """
    return _SENTENCE_TOPICS.get(
        extraction, None, keywords, lambda: _sentence_topics(extraction, keywords)
    )


_SENTENCE_TOPICS = ObjectMemo(limit=100_000)


def _sentence_topics(
    extraction: Extraction, keywords: TopicKeywords
) -> dict[int, tuple[str, ...]]:
    found: dict[int, set[str]] = defaultdict(set)
    for figure in extraction.figures:
        if figure.topic != "other":
            found[figure.sentence].add(figure.topic)
    for sentence in extraction.article.sentences:
        topic_ids = keywords.topics_in(sentence.text.lower())
        if topic_ids:
            found[sentence.index].update(topic_ids)
    return {index: tuple(sorted(ids)) for index, ids in sorted(found.items())}


def article_topics(extraction: Extraction, keywords: TopicKeywords) -> tuple[str, ...]:
    """Return the topics an article speaks of: metadata topics plus those its sentences cite."""
    ids = set(extraction.article.meta.topics)
    for topic_ids in sentence_topics(extraction, keywords).values():
        ids.update(topic_ids)
    return tuple(sorted(ids))


# ── related articles ──────────────────────────────────────────────────────


def _features(
    extractions: tuple[Extraction, ...], tables: Tables
) -> dict[str, dict[tuple[str, str], str]]:
    """Per slug: {(kind, key): display name} for claims, entities and topics it contains."""
    entity_names = {e.id: e.name for e in tables.entities}
    topic_names = {t.id: t.name for t in tables.topics}
    keywords = topic_keywords(tables.topics)
    features: dict[str, dict[tuple[str, str], str]] = {e.article.slug: {} for e in extractions}
    for topic in tables.topics:
        for claim in claims_of(extractions, topic.id, tables):
            for slug in claim.slugs:
                features[slug][("claim", f"{topic.id}/{claim.key}")] = claim.label
    for extraction in extractions:
        own = features[extraction.article.slug]
        for mention in extraction.mentions:
            own[("entity", mention.entity)] = entity_names.get(mention.entity, mention.entity)
        for topic_id in article_topics(extraction, keywords):
            own[("topic", topic_id)] = topic_names.get(topic_id, topic_id)
    return features


def _names(values: list[str]) -> str:
    shown = ", ".join(values[:_REASON_NAMES])
    rest = len(values) - _REASON_NAMES
    return f"{shown} und {rest} weitere" if rest > 0 else shown


_REASON_LABEL = {
    "claim": "gemeinsame Zahlenangaben",
    "entity": "gemeinsame Entitäten",
    "topic": "gemeinsame Themen",
}


def related_articles(
    extractions: tuple[Extraction, ...], tables: Tables
) -> tuple[tuple[str, tuple[Related, ...]], ...]:
    """Return, per slug (sorted), its top related articles with score and German reasons.

    A shared feature weighs more the fewer articles share it (inverse document frequency),
    so "Russland" in every article relates nothing while a shared oil figure does.
    Ties break by slug, so the output is deterministic.
    """
    features = _features(extractions, tables)
    total = len(features)
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for slug in sorted(features):
        for feature in features[slug]:
            holders[feature].append(slug)
    weight = {
        feature: _WEIGHT[feature[0]] * math.log(1 + total / len(slugs))
        for feature, slugs in holders.items()
    }
    result = []
    for slug in sorted(features):
        own = features[slug]
        rare: dict[str, float] = defaultdict(float)
        for feature in own:
            if len(holders[feature]) <= _CANDIDATE_DF_CAP:
                for other in holders[feature]:
                    rare[other] += weight[feature]
        rare.pop(slug, None)
        candidates = sorted(rare, key=lambda other: (-round(rare[other], 6), other))
        candidates = candidates[:_CANDIDATE_LIMIT]
        scored = []
        for other in candidates:
            shared = sorted(own.keys() & features[other].keys())
            score = round(sum(weight[f] for f in shared), 6)
            if score > 0:
                scored.append((-score, other, shared))
        scored.sort()
        related = []
        for negative, other, shared in scored[:RELATED_LIMIT]:
            reasons = []
            for kind in ("claim", "entity", "topic"):
                # rarest first: those say most about why the two belong together
                names = [
                    own[f]
                    for f in sorted(
                        (f for f in shared if f[0] == kind),
                        key=lambda f: (len(holders[f]), own[f]),
                    )
                ]
                if names:
                    reasons.append(f"{_REASON_LABEL[kind]}: {_names(names)}")
            related.append(Related(other, -negative, tuple(reasons)))
        result.append((slug, tuple(related)))
    return tuple(result)


def link_corpus(
    extractions: tuple[Extraction, ...],
    tables: Tables,
    report: tuple[SeedStatus, ...],
    problems: tuple[Problem, ...],
) -> Corpus:
    """Return the Corpus: extractions sorted by file, the tables' topics and entities,
    related articles per slug, the build report and corpus-level problems."""
    ordered = tuple(sorted(extractions, key=lambda e: e.article.file))
    return Corpus(
        extractions=ordered,
        topics=tables.topics,
        entities=tables.entities,
        related=related_articles(ordered, tables),
        report=report,
        problems=problems,
    )
