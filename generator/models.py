"""Core types of the pipeline: plain, frozen values handed from one stage to the next.

    seeds/ ──read──▶ Seed ──clean──▶ Article ──extract──▶ Extraction
           ──link──▶ Corpus ──render──▶ Page ──write──▶ docs/

Every fact (Figure, DateMention, EntityMention, Quote) carries the character span
(`start`, `end`) of its text inside `Article.body` and the index of its sentence,
so every claim on the site links back to the exact sentence it came from.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from pathlib import Path

QUALIFIERS = (
    "exact",
    "approx",
    "at_least",
    "at_most",
    "more_than",
    "less_than",
    "range",
    "up_to",
)

ENTITY_TYPES = ("person", "place", "country", "organization", "media")


@dataclass(frozen=True, slots=True)
class Problem:
    """A warning or error about one seed or table file, always naming the file and the reason."""

    file: str
    reason: str
    severity: str = "warning"  # "warning" | "error"
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


# ── read ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class SeedMeta:
    """Optional per-article metadata from YAML front matter or a NAME.yml sidecar."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    language: str | None = None  # "de" | "en"
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Seed:
    """One input file, decoded to text; `text` uses "\\n" line ends only."""

    path: Path
    file: str  # file name as in seeds/, e.g. "000_aabd89a617830eb2.txt"
    text: str  # decoded plain text (front matter removed; HTML/Markdown flattened to lines)
    fmt: str  # "txt" | "md" | "html"
    encoding: str
    meta: SeedMeta
    sha256: str  # of the raw bytes, for caching
    problems: tuple[Problem, ...] = ()


# ── clean ─────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the cleaned body: `body[start:end] == text`."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str

    @property
    def anchor(self) -> str:
        """The HTML id of this sentence on its article page."""
        return f"s{self.index + 1}"


@dataclass(frozen=True, slots=True)
class Article:
    """A seed with boilerplate removed, its headline found and its body segmented."""

    file: str
    slug: str  # unique, URL-safe, derived from the file name
    title: str
    body: str  # cleaned text, one paragraph a line, joined by "\n"
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) of each body line
    sentences: tuple[Sentence, ...]
    language: str  # "de" | "en"
    meta: SeedMeta
    fmt: str
    encoding: str
    sha256: str
    boilerplate: tuple[str, ...] = ()  # removed lines, in file order
    problems: tuple[Problem, ...] = ()
    # the outlet the page names itself in its removed lines ("Lesen Sie den vollständigen
    # Artikel unter …"), when the metadata names none (clean._outlet_from_page)
    source_from_text: str | None = None

    @property
    def source(self) -> str | None:
        """The outlet that published the article: metadata, else what the page says."""
        return self.meta.source or self.source_from_text

    @property
    def source_basis(self) -> str | None:
        """Where `source` comes from: "metadata", "text" (the page names itself) or None."""
        if self.meta.source:
            return "metadata"
        return "text" if self.source_from_text else None

    def sentence_at(self, offset: int) -> Sentence:
        """Return the sentence that contains body offset `offset`."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        raise ValueError(f"{self.file}: offset {offset} is in no sentence")


# ── extract ───────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity the article reports: value or range, qualifier, what is counted, who says so."""

    text: str  # span exactly as in the body ("rund eine Million")
    low: float
    high: float | None  # None for open lower bounds ("Tausende")
    qualifier: str  # one of QUALIFIERS
    counts: str  # counted noun phrase, nominative plural where possible
    topic: str  # topic id or "other"
    attributed_to: str | None
    sentence: int  # Sentence.index
    start: int
    end: int
    modality: str = "claim"  # "claim" | "projection" | "accusation"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression resolved to ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""

    text: str
    iso: str
    approx: bool
    relative: bool
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A gazetteer entry: canonical name, type, aliases (all known surface forms)."""

    id: str  # slug of the canonical name
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityMention:
    entity: str  # Entity.id
    form: str  # surface form as written
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # inner span without the quotation marks
    speaker: str | None
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article. `published` is metadata or inferred from the text."""

    article: Article
    published: str | None
    published_basis: str  # "metadata" | "inferred" | "unknown"
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateMention, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    candidates: tuple[str, ...] = ()  # proper names not in the gazetteer, for the report
    problems: tuple[Problem, ...] = ()


# ── link ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: str  # display name (German interface)
    description: str = ""
    keywords: tuple[str, ...] = ()  # all languages, lower-case stems/prefixes


@dataclass(frozen=True, slots=True)
class Citation:
    """A pointer from a corpus-level fact back to one sentence of one article."""

    file: str
    slug: str
    sentence: int
    anchor: str
    text: str  # the sentence text


@dataclass(frozen=True, slots=True)
class Related:
    slug: str
    score: float
    reasons: tuple[str, ...]  # human-readable: "gemeinsame Themen: oil", ...


@dataclass(frozen=True, slots=True)
class SeedStatus:
    """One row of the build report: every seed is accounted for."""

    file: str
    status: str  # "built" | "warnings" | "skipped"
    slug: str | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Corpus:
    """All articles with their facts, and the cross-links between them."""

    extractions: tuple[Extraction, ...]  # sorted by file name
    topics: tuple[Topic, ...]
    entities: tuple[Entity, ...]
    related: tuple[tuple[str, tuple[Related, ...]], ...] = ()  # slug -> related
    report: tuple[SeedStatus, ...] = ()
    problems: tuple[Problem, ...] = ()  # corpus-level (tables, collisions)


# ── render / write ────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Page:
    """A file to write under docs/: path relative to docs/, full text content."""

    path: str
    content: str


@dataclass(frozen=True, slots=True)
class Tables:
    """Language and corpus knowledge loaded from YAML (see generator/tables.py)."""

    languages: dict = field(default_factory=dict)  # lang -> merged language table
    topics: tuple[Topic, ...] = ()
    entities: tuple[Entity, ...] = ()
    boilerplate: dict = field(default_factory=dict)
    corpus: dict = field(default_factory=dict)  # corpus facts, e.g. published_from: 2024
    sources: tuple[Path, ...] = ()  # the YAML files read, for cache keys and errors


# ── pickling ──────────────────────────────────────────────────────────────


def _pickle_by_fields(cls: type) -> None:
    """Pickle instances of `cls` as (class, field values): unpickling then calls the
    constructor once instead of setting each slot of a frozen object separately, about 2.5x
    faster. Extractions travel this way from worker processes and the cache."""
    names = tuple(f.name for f in fields(cls))
    getter = operator.attrgetter(*names)
    if len(names) == 1:

        def __reduce__(self):
            return (cls, (getter(self),))

    else:

        def __reduce__(self):
            return (cls, getter(self))

    cls.__reduce__ = __reduce__


for _cls in (
    Problem,
    SeedMeta,
    Seed,
    Sentence,
    Article,
    Figure,
    DateMention,
    Entity,
    EntityMention,
    Quote,
    Extraction,
    Topic,
    Citation,
    Related,
    SeedStatus,
    Page,
):
    _pickle_by_fields(_cls)
