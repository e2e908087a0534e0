"""Cross-source timeline: every dated event of the corpus, once, with all its citations.

Articles report the same event in different words and at different precision: "im Juni",
"im Juni 2024", "Dienstag, 18. Juni", "im Sommer" (resolved to June by the extractor) may
all mean one summit. Two date mentions are taken to report the same event when

1. their dates are compatible: equal, or the coarser one contains the finer one
   (2024-06 contains 2024-06-18; 2024-06-17 and 2024-06-18 are different days); and
2. their contexts overlap: the sentences share an entity or a topic (found by the topic
   keywords). A sentence that names nothing ("Bereits im Juni war diese besiegelt
   worden.") borrows its context from its neighbours in the same paragraph, which is
   where German anaphora ("Damals …", "diese …") finds its referent.

Mentions are placed finest first, so a day-precise event forms before the month-level
mentions that may join it; a mention joins the compatible event whose context it
shares most, else it starts a new event. Everything is sorted first: deterministic.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .extract.memo import ObjectMemo, memo_last
from .link import TopicKeywords, sentence_topics, topic_keywords
from .models import Corpus, DateMention, Extraction

ISO_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
MONTHS_DE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


@dataclass(frozen=True, slots=True)
class DateCitation:
    """One date mention of one article: where it is, what it says, how precise it is."""

    file: str
    slug: str
    title: str
    published: str | None
    sentence: int  # Sentence.index
    anchor: str  # Sentence.anchor on the article page
    text: str  # the sentence text
    date_text: str  # the date expression as written ("Dienstag, 18. Juni")
    date_start: int  # offset of the date expression inside `text`
    iso: str  # the mention's own resolution (may be coarser than the event's)
    approx: bool
    relative: bool


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: its finest date, a German label, and every article reporting it."""

    iso: str  # YYYY, YYYY-MM or YYYY-MM-DD
    label: str  # German date: "18. Juni 2024", "Juni 2024", "2019"
    citations: tuple[DateCitation, ...]  # by article file, then position
    approx: bool  # True when every citation is only a best guess
    context: tuple[str, ...] = ()  # shared entity ids and "topic:<id>" keys, sorted

    @property
    def slugs(self) -> tuple[str, ...]:
        """The articles that report this event, sorted."""
        return tuple(sorted({c.slug for c in self.citations}))


def format_iso_de(iso: str) -> str:
    """Return the German reading of an ISO date of any precision ("18. Juni 2024")."""
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])}. {MONTHS_DE[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS_DE[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


def _sentence_features(extraction: Extraction, keywords: TopicKeywords) -> dict[int, frozenset[str]]:
    """Per sentence index: the entity ids and topic keys it names."""
    found: dict[int, set[str]] = defaultdict(set)
    for mention in extraction.mentions:
        found[mention.sentence].add(mention.entity)
    for index, topic_ids in sentence_topics(extraction, keywords).items():
        found[index].update(f"topic:{t}" for t in topic_ids)
    return {index: frozenset(values) for index, values in found.items()}


def _context(extraction: Extraction, index: int, features: dict[int, frozenset[str]]) -> frozenset:
    """The sentence's own features, or, when it names nothing, its paragraph neighbours'."""
    own = features.get(index, frozenset())
    if own:
        return own
    sentences = extraction.article.sentences
    paragraph = sentences[index].paragraph
    borrowed: set[str] = set()
    for other in (index - 1, index + 1):
        if 0 <= other < len(sentences) and sentences[other].paragraph == paragraph:
            borrowed.update(features.get(other, frozenset()))
    return frozenset(borrowed)


def _citation(extraction: Extraction, date: DateMention) -> DateCitation:
    article = extraction.article
    sentence = article.sentences[date.sentence]
    return DateCitation(
        file=article.file,
        slug=article.slug,
        title=article.title,
        published=extraction.published,
        sentence=date.sentence,
        anchor=sentence.anchor,
        text=sentence.text,
        date_text=date.text,
        date_start=max(0, date.start - sentence.start),
        iso=date.iso,
        approx=date.approx,
        relative=date.relative,
    )


@dataclass
class _Cluster:
    order: int  # creation order: the earliest-formed cluster wins full ties
    iso: str
    features: set[str]
    members: list[tuple[DateCitation, frozenset[str]]]
    files: set[str]


class _ClusterIndex:
    """Clusters findable by (date, shared feature), so joining a mention looks only at
    the clusters it could join instead of every cluster of its year.

    A mention may join an event of the same date; a month may also join a day inside it.
    A bare year may not join a finer event: a year is too wide a window for one shared
    name to identify an event ("seit 2019" is not the June 2019 summit).
    """

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self._by_key: dict[tuple[str, str], list[int]] = defaultdict(list)  # cluster orders

    def best(self, iso: str, context: frozenset[str]) -> _Cluster | None:
        """The cluster a mention at `iso` joins, or None when no cluster it may join (same
        date or, for a month, a day inside it) shares a feature with it.

        More shared names first; on a tie the event more articles report, since a vague
        mention ("im Juni") most likely means the widely reported event; then the
        earliest-formed cluster. A cluster is listed under (date, feature) once for each
        of its features, so counting its appearances over the mention's features counts
        the features they share.
        """
        keys = [(iso, feature) for feature in context]
        if len(iso) == 7:
            keys += [("month:" + iso, feature) for feature in context]
        found = [order for key in keys for order in self._by_key.get(key, ())]
        if not found:
            return None
        clusters = self.clusters
        # one ranking tuple per candidate, no key function (orders are unique: no ties)
        ranked = max(
            (shared, len(clusters[order].files), -order)
            for order, shared in Counter(found).items()
        )
        return clusters[-ranked[2]]

    def new(self, iso: str) -> _Cluster:
        cluster = _Cluster(len(self.clusters), iso, set(), [], set())
        self.clusters.append(cluster)
        return cluster

    def add(self, cluster: _Cluster, citation: DateCitation, context: frozenset[str]) -> None:
        for feature in context - cluster.features:
            self._by_key[(cluster.iso, feature)].append(cluster.order)
            if len(cluster.iso) == 10:  # a day is also joinable by its month
                self._by_key[("month:" + cluster.iso[:7], feature)].append(cluster.order)
        cluster.features.update(context)
        cluster.members.append((citation, context))
        cluster.files.add(citation.file)


def build_timeline(corpus: Corpus) -> tuple[Event, ...]:
    """Return every dated event across the corpus in date order, each reported once.

    Mentions of the same event in several articles (compatible dates and a shared entity
    or topic, see the module docstring) are merged into one Event carrying all citations.
    The timeline pages and data/timeline.json ask for the same corpus: the second call
    returns the first call's events (same object, Corpus is immutable).
    """
    return memo_last("timeline", corpus, lambda: _build_timeline(corpus))


def _article_mentions(
    extraction: Extraction, keywords: TopicKeywords
) -> tuple[tuple[DateCitation, frozenset[str]], ...]:
    """The article's placeable date mentions, each with its context. Kept per extraction:
    a rebuild in `mkdocs serve` recomputes only the edited article's (and the citations
    stay the same objects, so what renderers keep per citation stays valid)."""

    def build() -> tuple[tuple[DateCitation, frozenset[str]], ...]:
        features = _sentence_features(extraction, keywords)
        found = []
        for date in extraction.dates:
            if not ISO_DATE.match(date.iso or "") or not (
                0 <= date.sentence < len(extraction.article.sentences)
            ):
                continue  # unresolved dates cannot be placed in time
            found.append(
                (_citation(extraction, date), _context(extraction, date.sentence, features))
            )
        return tuple(found)

    return _MENTIONS.get(extraction, None, keywords, build)


_MENTIONS = ObjectMemo(limit=100_000)


def _build_timeline(corpus: Corpus) -> tuple[Event, ...]:
    keywords = topic_keywords(corpus.topics)
    # A mention can only join an event of its own date or, for a month, a day inside it;
    # a bare year only a bare year. So each month (with its days), and each bare year,
    # forms its events independently of the rest: clustered apart, and, in a running
    # `mkdocs serve`, reused while that group's mentions are unchanged.
    groups: dict[str, list[tuple[DateCitation, frozenset[str]]]] = defaultdict(list)
    for extraction in corpus.extractions:
        for mention in _article_mentions(extraction, keywords):
            groups[mention[0].iso[:7]].append(mention)
    events: list[Event] = []
    for key in sorted(groups):
        events.extend(_group_events(key, tuple(groups[key])))
    events.sort(key=lambda e: (e.iso, e.citations[0].file, e.citations[0].sentence))
    return tuple(events)


def _group_events(
    key: str, mentions: tuple[tuple[DateCitation, frozenset[str]], ...]
) -> list[Event]:
    """The events formed by one month's (or one bare year's) mentions, in creation order."""
    kept = _GROUPS.get(key)
    if kept is not None and kept[0] == mentions:
        return kept[1]
    # finest precision first, so coarse mentions can join the precise event they refer to
    ordered = sorted(
        mentions,
        key=lambda m: (-len(m[0].iso), m[0].iso, m[0].file, m[0].sentence, m[0].date_start),
    )
    index = _ClusterIndex()
    for citation, context in ordered:
        best = index.best(citation.iso, context)
        if best is None:
            best = index.new(citation.iso)
        index.add(best, citation, context)
    events = [_event(cluster) for cluster in index.clusters]
    if len(_GROUPS) >= 10_000:
        _GROUPS.clear()
    _GROUPS[key] = (mentions, events)
    return events


# month or year -> (its mentions, its events) of the last build that had it
_GROUPS: dict[str, tuple[tuple, list[Event]]] = {}


def _event(cluster: _Cluster) -> Event:
    citations = sorted(
        (c for c, _ in cluster.members), key=lambda c: (c.file, c.sentence, c.date_start)
    )
    # the context shown is what at least two mentions share (or all of a lone mention's)
    counts: dict[str, int] = defaultdict(int)
    for _, context in cluster.members:
        for feature in context:
            counts[feature] += 1
    need = 2 if len(cluster.members) > 1 else 1
    shared = tuple(sorted(f for f, n in counts.items() if n >= need))
    # the event's date is only as certain as the mentions that give it at full precision
    exact = [c for c in citations if c.iso == cluster.iso and not c.approx]
    return Event(
        iso=cluster.iso,
        label=format_iso_de(cluster.iso),
        citations=tuple(citations),
        approx=not exact,
        context=shared,
    )
