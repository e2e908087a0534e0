"""Attribution: who an article says made the claim in a sentence, and how it is framed.

The cue words live in generator/lang/<lang>/attribution.yml; this module holds the
mechanism:

- a source phrase is found after a cue ("laut X", "nach Angaben X", "according to X"),
  before one ("X zufolge"), between two ("geht aus X hervor"), or as the subject of a
  reporting verb ("Selenskyj warnte", "meldete die BBC", "the Pentagon said");
- a phrase naming gazetteer entities gives their canonical names; a bare description is
  rebuilt in the German nominative ("des südkoreanischen Geheimdienstes" →
  "südkoreanischer Geheimdienst"); "dem Bericht" refers back to the last named source;
- "outlet / underlying source" and co-sources are joined with " / " in text order;
- a sentence without a cue takes its source from the next sentence when that one
  explicitly sources it ("Dies geht aus … hervor"), or from the previous one when it is
  indirect speech ("Sie sollen …") continuing it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import NamedTuple

from ..models import Article, EntityMention, Tables
from .endings import longest_first, replace_ending
from .entities import entity_names
from .memo import memo
from .numbers import Token, find_numbers, number_table, tokenize, tokenize_sentences

SEPARATOR = " / "
_CLAUSE_MARKS = frozenset(",;:–—()»«„“”\"")
_REPORT = "\x00report"  # a document that refers back to the last named source
_REFER = "\x00refer:"  # "the agency": refers back to a source naming that noun
_MAX_LOOKBACK = 4  # sentences searched for the antecedent of "dem Bericht"


class _Source(NamedTuple):
    """A source a sentence names: where, and the names (a named tuple: cheap to build)."""

    start: int
    names: tuple[str, ...]


_SOURCE_START = itemgetter(0)  # _Source.start, as a sort key called from C
_new = tuple.__new__  # builds a _Source from its fields without the Python-level __new__


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The word sets of one attribution table that every sentence reads, built once per
    table (a memo lookup per use cost more than the set tests themselves)."""

    articles: frozenset[str]  # with "the", "a", "an"
    articles_the: frozenset[str]  # with "the" only
    articles_de: frozenset[str]  # the table's articles alone
    stop: frozenset[str]
    links: frozenset[str]
    skip: frozenset[str]
    stop_or_skip: frozenset[str]
    pronouns: frozenset[str]
    person_pronouns: frozenset[str]  # "he", "er": subjects that stand for a person
    no_report_before: frozenset[str]  # "must report": the verb is no reporting cue
    speakers: frozenset[str]  # lower-case nouns that can speak ("officials", "agency")
    documents: frozenset[str]
    anaphor_words: frozenset[str]
    hearsay: frozenset[str]
    anaphors: dict[str, tuple[str, ...]]  # phrases opening a sentence that sources the last
    between: tuple[tuple[str, str], ...]  # (opening, closing) words around a source
    closings: frozenset[str]  # the closing words of `between`
    cues: dict  # _cue_index of the table
    marks: frozenset[str]  # the words of `between` and `hearsay`: their places are noted
    scan_words: frozenset[str]  # the words that open a cue, and `marks`
    openers: frozenset[str]  # "aus" in "hieß es aus dem X": opens a source, not part of it
    lead_in: frozenset[str]  # links, openers and skip words: passed over before a phrase
    recipients: frozenset[str]  # "told": the object after the verb is a medium or nobody
    answer_labels: frozenset[str]  # "Antwort": an interview answer paragraph
    question_labels: frozenset[str]  # "Frage"
    honorifics: frozenset[str]  # "Herr": the addressed interviewee's surname follows


def _lexicon(table: dict) -> _Lexicon:
    return memo(table, "lexicon", lambda: _build_lexicon(table))


def _build_lexicon(table: dict) -> _Lexicon:
    cues = memo(table, "cue_index", lambda: _cue_index(table))
    marks = _marks(table)
    return _Lexicon(
        articles=_set(table, "articles", "the", "a", "an"),
        articles_the=_set(table, "articles", "the"),
        articles_de=_set(table, "articles"),
        stop=_set(table, "stop_words"),
        links=_set(table, "phrase_links"),
        skip=_set(table, "skip_words"),
        stop_or_skip=_set(table, "stop_words") | _set(table, "skip_words"),
        pronouns=_set(table, "pronouns"),
        person_pronouns=_set(table, "person_pronouns"),
        no_report_before=_set(table, "no_report_before"),
        speakers=_set(table, "speaker_nouns") | _set(table, "document_nouns"),
        documents=_set(table, "document_nouns"),
        anaphor_words=_set(table, "anaphor_words"),
        hearsay=_set(table, "hearsay"),
        anaphors=_index(_words(table, "anaphors")),
        between=_between(table),
        closings=frozenset(closing for _opening, closing in _between(table)),
        cues=cues,
        marks=marks,
        scan_words=frozenset(cues) | marks,
        openers=_set(table, "source_openers"),
        lead_in=(
            _set(table, "phrase_links") | _set(table, "source_openers") | _set(table, "skip_words")
        ),
        recipients=_set(table, "recipient_verbs"),
        answer_labels=_set(table, "answer_labels"),
        question_labels=_set(table, "question_labels"),
        honorifics=_set(table, "honorifics"),
    )


def _marks(table: dict) -> frozenset[str]:
    """The words whose places in each sentence the article's cue pass notes: both words
    of every source_between pair, and the hearsay words."""
    pairs = frozenset(word for pair in _between(table) for word in pair)
    return pairs | _set(table, "hearsay")


def _between(table: dict) -> tuple[tuple[str, str], ...]:
    """The table's source_between pairs, lower case, in table order."""
    return tuple(
        (str(pair[0]).lower(), str(pair[1]).lower()) for pair in table.get("source_between") or ()
    )


@dataclass(frozen=True, slots=True)
class _Context:
    article: Article
    mentions: tuple[EntityMention, ...]
    tables: Tables
    table: dict  # the language's attribution.yml
    language: str
    names: dict  # entity id -> canonical name
    appositions: dict  # lower-case noun -> entity id ("Militärgeheimdienst DIA")
    memo: dict  # per-call cache of sentence results (the sentence loop revisits neighbours)
    lex: _Lexicon
    types: dict  # entity id -> type (_entity_types of the tables)
    tokens: tuple[tuple[Token, ...], ...]  # every sentence's tokens (all are read)
    paragraphs: tuple[int, ...]  # every sentence's paragraph
    ordered: tuple[EntityMention, ...]  # the mentions by (start, end)
    starts: list[int]  # their starts, for bisect
    temporal: frozenset[str]  # _temporal_words
    stopwords: frozenset[str]  # the language's stopwords (_stopwords)
    nominatives: dict  # _forms of nominative() for the table
    nominative_nouns: dict  # _forms of nominative_noun() for the table
    # per sentence, None until asked: its own sources, whether it sources the one before,
    # its names when they do not depend on the depth (_plain_names)
    own: list
    previous: list
    plain: list


def _table(tables: Tables, language: str) -> dict:
    lang = language if "attribution" in tables.languages.get(language, {}) else "en"
    return tables.languages.get(lang, {}).get("attribution") or {}


def _words(table: dict, key: str) -> tuple[str, ...]:
    """Phrases of a table key, longest first (so "nach Angaben" wins over "nach")."""
    values = table.get(key) or ()
    cache_key = (id(values), key)
    cached = _WORDS.get(cache_key)
    if cached is None or cached[0] is not values:
        phrases = {str(v).lower() for v in values}
        ordered = tuple(sorted(phrases, key=lambda v: (-len(v.split()), -len(v), v)))
        cached = (values, ordered)
        if len(_WORDS) < 256:
            _WORDS[cache_key] = cached
    return cached[1]


# (id of the table value, key) -> (the value itself, to detect reuse of an id; phrases)
_WORDS: dict[tuple[int, str], tuple[object, tuple[str, ...]]] = {}


def _set(table: dict, key: str, *extra: str) -> frozenset[str]:
    """The phrases of a table key (plus `extra`) as a set, built once per table value."""
    return memo(
        table, ("set", key, extra), lambda: frozenset(_words(table, key)) | frozenset(extra)
    )


def _match(tokens: tuple[Token, ...], i: int, phrase: str) -> int | None:
    parts = phrase.split()
    if i + len(parts) > len(tokens):
        return None
    for k, part in enumerate(parts):
        if tokens[i + k].low != part:
            return None
    return i + len(parts)


# The cue lists a sentence is searched for; _find_cues finds them all in one pass.
_CUE_KEYS = (
    "source_after",
    "source_before",
    "relay",
    "verbs",
    "co_sources",
    "accusation",
    "projection",
    "projection_auxiliaries",
    "projection_changes",
)


# One cue list's phrases opening with one word: (cue list key, second word -> the words
# of the longer phrases with that second word, longest first; whether the word alone is
# a phrase of the list)
_CueGroup = tuple[str, dict[str, tuple[tuple[str, ...], ...]], bool]


def _cue_index(table: dict) -> dict[str, tuple[_CueGroup, ...]]:
    """First word -> the cue lists (_CueGroup) holding phrases that open with it.

    Phrases are tried longest first, and a single word is the shortest phrase, so at a
    place the single word matches only when no longer phrase does; and a longer phrase
    can only match where its second word follows: the lookup of the next word picks the
    few phrases worth comparing."""
    grouped: dict[str, list[_CueGroup]] = {}
    for key in _CUE_KEYS:
        for word, phrases in _index(_words(table, key)).items():
            longer: dict[str, list[tuple[str, ...]]] = {}
            single = False
            for phrase in phrases:
                parts = tuple(phrase.split())
                if len(parts) == 1:
                    single = True
                else:
                    longer.setdefault(parts[1], []).append(parts)
            by_second = {second: tuple(group) for second, group in longer.items()}
            grouped.setdefault(word, []).append((key, by_second, single))
    return {word: tuple(group) for word, group in grouped.items()}


def _find_cues(
    tokens: tuple[Token, ...], table: dict, index: dict | None = None
) -> dict[str, list[tuple[int, int]]]:
    """(start, end) token ranges of every occurrence of each cue list (_CUE_KEYS) in
    `tokens`, by list, left to right; after a match the search for that list goes on at
    its end, and the longest phrase wins at each place. All lists in one pass.

    `index` is the table's _cue_index when the caller holds it (the _Lexicon does)."""
    if index is None:
        index = memo(table, "cue_index", lambda: _cue_index(table))
    return _scan_sentences((tokens,), index, frozenset(), index)[0][0]


def _scan_sentences(
    sentences: tuple[tuple[Token, ...], ...],
    index: dict[str, tuple[_CueGroup, ...]],
    marks: frozenset[str],
    words: frozenset[str] | dict,
) -> tuple[list[dict[str, list[tuple[int, int]]]], list[dict[str, list[int]]]]:
    """For each of `sentences`: its cue ranges by list (what `_find_cues` gives), and the
    positions of the words of `marks` it holds, by word, in text order. `words` holds
    the opening words of `index` and `marks`: only tokens among them are looked at.

    A phrase must end inside its sentence; then no match reaches past the start of the
    next sentence, so the per-list resume points, kept in article positions, need no
    reset between sentences. A plain loop over the tokens, reading `low` by index: once
    compiled, cheaper than selecting them with map() and compress() over a tuple of all
    the article's lower-case texts."""
    found: list[dict[str, list[tuple[int, int]]]] = [{} for _ in sentences]
    marked: list[dict[str, list[int]]] = [{} for _ in sentences]
    resume: dict[str, int] = {}  # per list: after a match, the search goes on at its end
    base = 0  # the article position of the sentence's first token
    for number, tokens in enumerate(sentences):
        limit = len(tokens)
        for i in range(limit):
            low = tokens[i].low
            if low not in words:
                continue
            if low in marks:
                marked[number].setdefault(low, []).append(i)
            groups = index.get(low)
            if groups is None:
                continue
            following = tokens[i + 1].low if i + 1 < limit else ""  # "": no longer phrase
            for key, longer, single in groups:
                if base + i < resume.get(key, 0):
                    continue
                end = i + 1 if single else 0
                for parts in longer.get(following, ()):
                    if _phrase_at(tokens, i, parts):
                        end = i + len(parts)
                        break
                if end:
                    found[number].setdefault(key, []).append((i, end))
                    resume[key] = base + end
        base += limit
    return found, marked


def _phrase_at(tokens: tuple[Token, ...], i: int, parts: tuple[str, ...]) -> bool:
    """True if the lower-case words `parts` stand at token `i`, all inside `tokens`."""
    if i + len(parts) > len(tokens):
        return False
    for k, part in enumerate(parts):
        if tokens[i + k].low != part:
            return False
    return True


# The cue lists that name a source (the others only frame the claim).
_SOURCE_CUES = frozenset(("source_after", "source_before", "relay", "verbs", "co_sources"))


def _index(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Phrases by their first word (longest first), so a sentence is scanned once.

    Memoised by the identity of `phrases` (the tuples `_words` caches), not by value:
    hashing a long tuple of strings on every call cost more than the scan it saves.
    """
    return memo(phrases, "first_word_index", lambda: _build_index(phrases))


def _build_index(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for phrase in phrases:
        grouped.setdefault(phrase.split()[0], []).append(phrase)
    return {word: tuple(group) for word, group in grouped.items()}


# ── source phrases ────────────────────────────────────────────────────────


def _is_adjective(token: Token) -> bool:
    """Lower-case inflected words ("südkoreanischen", "US-amerikanische", "mehrere")."""
    text, kind = token.text, token.kind
    if kind != "word":
        return False
    # the part after the last hyphen decides (the whole word if none); the endings hold
    # no hyphen, so the word ends with one of them exactly when that part does
    cut = text.rfind("-") + 1
    return text[cut : cut + 1].islower() and text.endswith(_ADJECTIVE_ENDINGS)


_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def _capitalised(token: Token) -> bool:
    """Nouns and names; "US-amerikanische" (lower-case tail) is an adjective, while
    "vzbv-Chefin" (lower-case abbreviation, capital tail) is a noun."""
    text, kind = token.text, token.kind
    if kind != "word":
        return False
    cut = text.rfind("-") + 1  # the part after the last hyphen (the whole word if none)
    if not text[:1].isupper():
        return cut > 1 and text[cut : cut + 1].isupper()
    return cut == 0 or text[cut : cut + 1].isupper()


def _phrase_after(ctx: _Context, tokens: tuple[Token, ...], i: int, limit: int | None = None) -> tuple[int, int]:
    """Token range of the noun phrase starting at `i`: determiners, adjectives, nouns,
    names, genitives, coordination, linked prepositional parts and a parenthesis."""
    lex = ctx.lex
    articles, stop, links, skip = lex.articles, lex.stop, lex.links, lex.skip
    english = ctx.language == "en"
    limit = len(tokens) if limit is None else limit
    lead_in = lex.lead_in
    # "nach Schätzungen von Experten", "hieß es damals aus dem Militärgeheimdienst"
    while i < limit and tokens[i].low in lead_in:
        i += 1
    if i < limit and tokens[i].low in lex.pronouns:
        after = tokens[i + 1] if i + 1 < limit else None
        if after is None or not (_capitalised(after) or _is_adjective(after)):
            return i, i + 1  # "sagte er": resolved to the person named before
    j = i
    last_good = i
    seen_noun = False
    while j < limit:
        token = tokens[j]
        low = token.low
        if seen_noun and token.text == "(":
            close = next((k for k in range(j + 1, limit) if tokens[k].text == ")"), None)
            if close is None:
                break
            j = close + 1
            last_good = j
            continue
        if token.kind != "word" and token.text not in ("'", "’"):
            break
        if low in articles:
            j += 1
            continue
        if low in links and seen_noun:
            seen_noun = False  # "Geheimdiensts für militärische Aufklärung"
            j += 1
            continue
        if low in _CONJUNCTIONS and j + 1 < limit and (
            _capitalised(tokens[j + 1]) or tokens[j + 1].low in articles or _is_adjective(tokens[j + 1])
        ):
            seen_noun = False  # "US-amerikanische und südkoreanische Beamte"
            j += 1
            continue
        if low in skip and not seen_noun:
            j += 1
            continue
        if low in stop:
            break
        if _capitalised(token) or token.text in ("'", "’") or low == "s":
            seen_noun = True
            j += 1
            last_good = j
            continue
        if english and token.kind == "word" and low not in stop:
            if seen_noun and j > i and tokens[j - 1].low not in articles:
                # lower-case words after a name: "officials", "spy agency"
                pass
            seen_noun = True
            j += 1
            last_good = j
            continue
        if not english and not seen_noun and _is_adjective(token):
            j += 1
            continue
        break
    return i, last_good


_CONJUNCTIONS = frozenset(("und", "and", "sowie"))


def _phrase_before(ctx: _Context, tokens: tuple[Token, ...], end: int) -> tuple[int, int]:
    """Token range of the noun phrase that ends right before token `end` ("dem Bericht")."""
    articles = ctx.lex.articles
    j = end
    while j > 0:
        token = tokens[j - 1]
        if token.low in articles:
            j -= 1  # the determiner opens the phrase: nothing before it belongs
            break
        if _capitalised(token) or _is_adjective(token):
            j -= 1
            continue
        break
    # a sentence-initial capital is not necessarily a noun ("Es handelt sich …")
    return j, end


def _entity_types(tables: Tables) -> dict[str, str]:
    """Entity id -> type ("person", "country", ...), built once per tables."""
    return memo(tables, "entity_types", lambda: {e.id: e.type for e in tables.entities})


def _mentions_in(ctx: _Context, start: int, end: int) -> list[EntityMention]:
    starts = ctx.starts
    first = bisect_left(starts, start)
    last = bisect_right(starts, end, first)
    if first == last:
        return []  # no mention starts inside
    body = ctx.article.body
    found = []
    for mention in ctx.ordered[first:last]:
        if mention.end > end:
            continue
        after = body[mention.end : mention.end + 2]
        if len(after) == 2 and after[0] == "-" and after[1].islower():
            continue  # "US-amerikanische" is an adjective, not the USA
        found.append(mention)
    return found  # in text order already: `ordered` is sorted by start


def _entity_names(ctx: _Context, mentions: list[EntityMention]) -> tuple[str, ...]:
    if len(mentions) == 1:  # the usual case: that entity's name, person or not
        name = ctx.names.get(mentions[0].entity)
        return (name,) if name else ()
    types = ctx.types
    persons = [m for m in mentions if types.get(m.entity) == "person"]
    chosen = persons or mentions
    names: list[str] = []
    for mention in chosen:
        name = ctx.names.get(mention.entity)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _resolve_phrase(ctx: _Context, tokens: tuple[Token, ...], first: int, last: int) -> tuple[str, ...]:
    """Names for the source phrase tokens[first:last]: entities, a referring document,
    or a nominative description."""
    if first >= last:
        return ()
    start, end = tokens[first].start, tokens[last - 1].end
    # an apposition naming a person right after the phrase: "des Beraters Südkoreas, Shin"
    if last + 1 < len(tokens) and tokens[last].text == ",":
        follow = _mentions_in(ctx, tokens[last + 1].start, tokens[last + 1].end + 60)
        types = ctx.types
        if follow and follow[0].start == tokens[last + 1].start and types.get(follow[0].entity) == "person":
            return _entity_names(ctx, [follow[0]])
    mentions = _mentions_in(ctx, start, end)
    body = ctx.article.body
    english_articles = ("the", "a", "an")
    if mentions and ctx.language != "de" and any(_possessor(body, m, end) for m in mentions):
        # "South Korea's spy agency" is the agency, not the country; "Russia's Gazprom"
        # is Gazprom, the entity the possessor qualifies
        owned = [m for m in mentions if not _possessor(body, m, end)]
        if owned:
            return _entity_names(ctx, owned)
        return (" ".join(t.text for t in tokens[first:last] if t.low not in english_articles),)
    if mentions and ctx.language == "de":
        owner = _genitive_owned(ctx, tokens, first, last, mentions)
        if owner:
            return (owner,)
    if mentions:
        return _entity_names(ctx, mentions)
    words = [t for t in tokens[first:last] if t.kind == "word"]
    if _is_temporal(ctx, tokens, first, last):
        return ()  # "Anfang Dezember", "last week": a date is never a source
    pronouns = ctx.lex.pronouns
    if len(words) == 1 and words[0].low in pronouns:
        person = _person_before(ctx, start)
        return (person,) if person else ()
    documents = ctx.lex.documents
    articles = ctx.lex.articles_de  # the table's articles alone (no "the", "a", "an")
    definite = tokens[first].low in ("der", "des", "dem", "den", "die", "das", "the")
    if ctx.language != "de":
        text = " ".join(t.text for t in tokens[first:last] if t.low not in english_articles)
        if not _can_speak(ctx, words):
            return ()  # "citing maintenance": a reason, not a source
        if not definite and all(w.low in documents for w in words):
            return ()  # "according to data" alone names nobody ("data from X" names X)
        if definite and len(words) == 2 and words[1].low in documents:
            return (_REPORT,)
        if definite and len(words) == 2:
            return (f"{_REFER}{words[1].low}|{text}",)
        return (text,) if text else ()
    head = _noun_at(tokens, first, last, articles)
    if head is None:
        return ()
    if tokens[head].low in pronouns and _noun_at(tokens, head + 1, last, articles) is None:
        return ()  # a pronoun the only noun
    if tokens[head].low in documents:
        # "Bericht des X" is X's; "dem Bericht" points back; "Berichten" alone is nobody
        rest = head + 1
        if rest < last:
            if tokens[rest].low in ctx.lex.links:
                rest += 1
            return _resolve_phrase(ctx, tokens, rest, last)
        return (_REPORT,) if definite and first < head else ()
    # the core description: determiner, adjectives, nouns up to a genitive or link
    core_end = head + 1
    while core_end < last and _capitalised(tokens[core_end]) and tokens[core_end].low not in articles:
        core_end += 1
    core = tokens[first:core_end]
    # nominative(core, …) and nominative_noun(core, …), from the forms the context holds
    description = _form(ctx.nominatives, core, ctx.table, ctx.tables, _nominative)
    if definite:
        noun = _form(ctx.nominative_nouns, core, ctx.table, ctx.tables, _nominative_noun)
        entity = ctx.appositions.get(noun.lower())
        if entity is not None and entity in ctx.names:
            return (ctx.names[entity],)
        if core_end - first == 2:  # "der Geheimdienst": the one named before, if any
            return (f"{_REFER}{noun.lower()}|{description}",)
    return (description,)


def _noun_at(
    tokens: tuple[Token, ...], first: int, last: int, articles: frozenset[str]
) -> int | None:
    """The first capitalised word of tokens[first:last] that is no article, or None."""
    for k in range(first, last):
        if _capitalised(tokens[k]) and tokens[k].low not in articles:
            return k
    return None


def _genitive_owned(
    ctx: _Context, tokens: tuple[Token, ...], first: int, last: int, mentions: list[EntityMention]
) -> str | None:
    """The nominative description of a German phrase whose first entity is a prenominal
    genitive owner of a noun that names no entity ("Südkoreas Generalstab" →
    "südkoreanischer Generalstab"): the noun is the source, not the country. Without
    the country's adjective in the table the phrase stays as written. None otherwise."""
    owner = mentions[0]
    if len(mentions) > 1 or not owner.form.endswith("s"):
        return None
    body = ctx.article.body
    k = next((k for k in range(first, last) if tokens[k].end == owner.end), None)
    if k is None or k + 1 >= last:
        return None
    nouns = [t for t in tokens[k + 1 : last] if _capitalised(t)]
    if not nouns or not all(t.kind == "word" for t in tokens[k + 1 : last]):
        return None
    demonyms = ctx.table.get("demonyms") or {}
    stem = demonyms.get(ctx.names.get(owner.entity, ""))
    core = tokens[k + 1 : last]
    if stem is None:
        return body[tokens[first].start : tokens[last - 1].end]
    head = core[-1]
    gender = _gender(_strip_genitive(head.text), ctx.table)
    _case, number = _features(core, ctx.table, gender)
    ending = "e" if number == "pl" or gender == "f" else ("er" if gender == "m" else "es")
    return f"{stem}{ending} {nominative(core, ctx.table, ctx.tables)}"


def _can_speak(ctx: _Context, words: list[Token]) -> bool:
    """True if an English description can name a source: it holds a capitalised word
    (a name) or one of the table's speaker or document nouns ("officials", "the agency",
    "a report"), singular or plural. "citing maintenance" names a reason instead."""
    speakers = ctx.lex.speakers
    for word in words:
        if word.text[:1].isupper() and word.low not in ctx.lex.articles:
            return True
        low = word.low
        if low in speakers or low.rstrip("s") in speakers or low + "s" in speakers:
            return True
    return False


def _possessor(body: str, mention: EntityMention, phrase_end: int) -> bool:
    """True if the mention is an English possessor inside a longer phrase ("Korea's agency")."""
    if mention.form.endswith(("'s", "’s")):
        return mention.end < phrase_end
    return body[mention.end : mention.end + 2] in ("'s", "’s") and mention.end + 2 < phrase_end


def _person_before(ctx: _Context, offset: int) -> str | None:
    """The person mentioned last before `offset` (antecedent of "er", "he")."""
    types = ctx.types
    persons = [m for m in ctx.mentions if m.end <= offset and types.get(m.entity) == "person"]
    if not persons:
        return None
    return ctx.names.get(max(persons, key=lambda m: m.start).entity)


# ── German nominative ─────────────────────────────────────────────────────


def _gender(noun: str, table: dict) -> str:
    low = noun.lower()
    known: dict[str, str] = memo(table, "genders", dict)  # nouns recur across sentences
    gender = known.get(low)
    if gender is None:
        if len(known) >= _GENDERS_LIMIT:
            known.clear()
        gender = known[low] = _find_gender(low, table)
    return gender


_GENDERS_LIMIT = 50_000


def _find_gender(low: str, table: dict) -> str:
    suffixes = memo(table, "gender_suffixes", lambda: longest_first(table.get("gender_suffixes") or {}))
    for suffix, gender in suffixes:
        if low.endswith(suffix):
            return gender
    return str(table.get("default_gender") or "m")


def _adjective_stem(word: str) -> str:
    for ending in ("en", "em", "er", "es", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)]
    return word


def _features(core: tuple[Token, ...], table: dict, gender: str) -> tuple[str, str]:
    """(case, number) of a German phrase, from its determiner and adjective endings."""
    articles = table.get("articles") or {}
    det = core[0].low if core and core[0].low in articles else None
    adjectives = [t for t in core if _is_adjective(t)]
    if det is None:
        if adjectives and adjectives[-1].text.endswith(("en", "e")):
            return "nom", "pl" if adjectives[-1].text.endswith("en") or gender != "f" else "sg"
        return "nom", "pl" if gender != "f" and core[-1].text.endswith(("en", "ern", "e")) else "sg"
    # the parsed forms of each determiner, once per table
    parsed = memo(
        table,
        "article_forms",
        lambda: {d: tuple(_article_form(f) for f in forms) for d, forms in articles.items()},
    )
    options = parsed[det]
    if det == "die" and adjectives and adjectives[-1].text.endswith("en"):
        return "nom", "pl"
    for case, g, number in options:
        if number == "sg" and g == gender:
            return case, "sg"
    for case, _g, number in options:
        if number == "pl":
            return case, "pl"
    return "nom", "sg"


def _article_form(form: object) -> tuple[str, str, str]:
    """(case, gender, number) of one article form from the table.

    Singular forms name a gender ("gen.f.sg"); plural forms have none ("nom.pl"), since
    German plurals do not inflect for gender, so their gender is "".
    """
    parts = str(form).split(".")
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    if len(parts) == 2:
        return parts[0], "", parts[1]
    return parts[0], "", "sg"


def nominative_noun(core: tuple[Token, ...], table: dict, tables: Tables) -> str:
    """The head noun of a German phrase in the nominative ("Militärgeheimdienstes" →
    "Militärgeheimdienst"), the key for appositions. Remembered (_phrase_form)."""
    return _phrase_form("nominative_noun", core, table, tables, _nominative_noun)


def _phrase_form(kind: str, core: tuple[Token, ...], table: dict, tables: Tables, build) -> str:
    """build(core, table, tables), remembered per (tables, table) by the texts, kinds and
    lower-case texts of `core`: all that nominative() and nominative_noun() read of a
    token (its position never), and descriptions recur from sentence to sentence."""
    return _form(_forms(kind, table, tables), core, table, tables, build)


def _forms(kind: str, table: dict, tables: Tables) -> dict:
    """The remembered forms of one kind (_phrase_form) for (tables, table)."""
    slot = memo(tables, (kind, id(table)), lambda: [table, {}])
    if slot[0] is not table:  # another table now holds that id: start afresh
        slot[0], slot[1] = table, {}
    return slot[1]


def _form(known: dict, core: tuple[Token, ...], table: dict, tables: Tables, build) -> str:
    """build(core, table, tables), remembered in `known` (the _forms of its kind)."""
    key = tuple([(t.text, t.kind, t.low) for t in core])  # all a form reads of a token
    form = known.get(key)
    if form is None:
        if len(known) >= _GENDERS_LIMIT:
            known.clear()
        form = known[key] = build(core, table, tables)
    return form




def _nominative_noun(core: tuple[Token, ...], table: dict, tables: Tables) -> str:
    nouns = [t for t in core if _capitalised(t) and t.low not in (table.get("articles") or {})]
    if not nouns:
        return ""
    noun = nouns[-1].text
    gender = _gender(_strip_genitive(noun), table)
    case, number = _features(core, table, gender)
    return _noun_nominative(noun, case, number, gender, table, tables)


def _strip_genitive(noun: str) -> str:
    if noun.endswith("es") and len(noun) > 5 and not noun.endswith("ses"):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is", "os")):
        return noun[:-1]
    return noun


def _noun_nominative(noun: str, case: str, number: str, gender: str, table: dict, tables: Tables) -> str:
    low = noun.lower()
    if number == "pl":
        # the attribution table's endings of source nouns first, then the numbers table's
        numbers = (tables.languages.get("de", {}).get("numbers") or {}).get("dative_plural")
        for mapping in (table.get("dative_plural"), numbers):
            if not mapping:
                continue
            endings = memo(mapping, "endings_longest_first", partial(longest_first, mapping))
            replaced = replace_ending(noun, endings)
            if replaced is not None:
                return replaced
        return noun
    # the singular depends on the noun, its case and gender and `table` alone: remembered
    known: dict[tuple[str, str, str], str] = memo(table, "singular_nominatives", dict)
    key = (noun, case, gender)
    singular = known.get(key)
    if singular is None:
        if len(known) >= _GENDERS_LIMIT:
            known.clear()
        singular = known[key] = _singular_nominative(noun, low, case, gender, table)
    return singular


def _singular_nominative(noun: str, low: str, case: str, gender: str, table: dict) -> str:
    if case == "gen" and gender in ("m", "n"):
        stripped = _strip_genitive(noun)
        if stripped != noun:
            return stripped
    if case != "nom":  # weak nouns: "des Präsidenten" → "Präsident", "Experten" → "Experte"
        for weak in (str(w) for w in table.get("weak_nouns") or ()):
            if weak.endswith("e") and low.endswith(weak + "n"):
                return noun[:-1]
            if not weak.endswith("e") and low.endswith(weak + "en"):
                return noun[:-2]
    return noun


def nominative(core: tuple[Token, ...], table: dict, tables: Tables) -> str:
    """Rebuild a German description without determiner in the nominative:
    "des südkoreanischen Geheimdienstes" → "südkoreanischer Geheimdienst",
    "das südkoreanische Verteidigungsministerium" → "südkoreanisches Verteidigungsministerium".
    Remembered (_phrase_form).
    """
    return _phrase_form("nominative", core, table, tables, _nominative)


def _nominative(core: tuple[Token, ...], table: dict, tables: Tables) -> str:
    articles = table.get("articles") or {}
    skip = _set(table, "skip_words")
    nouns = [t for t in core if _capitalised(t) and t.low not in articles]
    if not nouns:
        return " ".join(t.text for t in core if t.low not in articles)
    head = nouns[-1]
    stems = memo(
        table,
        "adjectival_stems",
        lambda: tuple(str(stem) for stem in table.get("adjectival_nouns") or ()),
    )
    adjectival = head.low.startswith(stems)  # any stem (none: False)
    gender = _gender(_strip_genitive(head.text), table)
    case, number = _features(core, table, gender)
    ending = "e" if number == "pl" or gender == "f" else ("er" if gender == "m" else "es")
    words = []
    for token in core:
        if token.low in articles or token.low in skip:
            continue
        if token is head:
            if adjectival:
                words.append(_adjective_stem(token.text) + ending)
            else:
                words.append(_noun_nominative(token.text, case, number, gender, table, tables))
        elif _is_adjective(token):
            words.append(_adjective_stem(token.text) + ending)
        else:
            words.append(token.text)
    return " ".join(words)


# ── sentences ─────────────────────────────────────────────────────────────


def _context(article: Article, mentions: tuple[EntityMention, ...], tables: Tables) -> _Context:
    table = _table(tables, article.language)
    language = article.language
    sentences = article.sentences
    # every sentence is read (the figures' tokens come from here): the body is tokenized
    # once for all
    tokens = tokenize_sentences(article.body, tuple((s.start, s.end) for s in sentences))
    # the body's mentions come in text order, their starts rising: then no sort is needed
    starts = [m.start for m in mentions]
    ordered = tuple(mentions)  # (of a tuple, that tuple itself)
    if any(starts[k - 1] >= starts[k] for k in range(1, len(starts))):
        ordered = tuple(sorted(mentions, key=lambda m: (m.start, m.end)))
        starts = [m.start for m in ordered]
    appositions = _appositions(article.body, ordered, starts, table, tables)
    return _Context(
        article=article,
        mentions=mentions,
        tables=tables,
        table=table,
        language=language,
        names=entity_names(tables),  # shared, read only
        appositions=appositions,
        memo={},
        lex=_lexicon(table),
        types=_entity_types(tables),
        tokens=tokens,
        paragraphs=tuple(s.paragraph for s in sentences),
        ordered=ordered,
        starts=starts,
        temporal=_temporal_words(tables, table, language),
        stopwords=_stopwords(tables, language),
        nominatives=_forms("nominative", table, tables),
        nominative_nouns=_forms("nominative_noun", table, tables),
        own=[None] * len(sentences),
        previous=[None] * len(sentences),
        plain=[None] * len(sentences),
    )


def _appositions(
    body: str, ordered: tuple[EntityMention, ...], starts: list[int], table: dict, tables: Tables
) -> dict:
    """Nouns the article puts right before an entity name ("Militärgeheimdienst Defense
    Intelligence Agency", "Aufklärung (DIA)"), in the nominative, mapped to the entity:
    later definite descriptions ("des Militärgeheimdienstes") resolve to it.

    `ordered` are the article's mentions by (start, end), `starts` their starts."""
    found: dict[str, str] = {}
    for mention in ordered:
        # the last word of the 80 characters before the name, spaces and "(" after it
        # dropped: read in the body, without slicing the window
        window = max(0, mention.start - 80)
        stop = mention.start
        while stop > window and body[stop - 1] in " (":
            stop -= 1
        offset = body.rfind(" ", window, stop) + 1 or window  # after the last space
        if stop - offset < 4 or not body[offset].isupper():
            continue
        word = body[offset:stop]
        if not word.isalpha():
            continue
        k = bisect_right(starts, offset) - 1
        if k >= 0 and ordered[k].start <= offset < ordered[k].end:
            continue  # the word belongs to another name
        gender = _gender(_strip_genitive(word), table)
        noun = _noun_nominative(word, "gen", "sg", gender, table, tables)
        found.setdefault(noun.lower(), mention.entity)
        found.setdefault(word.lower(), mention.entity)
    return found


def _tokens(ctx: _Context, index: int) -> tuple[Token, ...]:
    return ctx.tokens[index]


def _clause_start(tokens: tuple[Token, ...], i: int) -> int:
    k = i
    while k > 0 and tokens[k - 1].text not in _CLAUSE_MARKS:
        k -= 1
    return k


def _temporal_words(tables: Tables, table: dict, language: str) -> frozenset[str]:
    """Lower-case words that make a phrase a time ("Woche", "Dezember"): the attribution
    table's temporal_words and the month, weekday, season and month-part names of the
    language's dates table. Built once per tables and language."""

    def build() -> frozenset[str]:
        dates = tables.languages.get(language, {}).get("dates") or {}
        words = set(_words(table, "temporal_words"))
        for key in ("months", "weekdays", "seasons"):
            words.update(str(k).lower() for k in dates.get(key) or ())
        words.update(str(w).lower() for w in (dates.get("parts") or {}).get("month_level") or ())
        return frozenset(words)

    return memo(tables, ("temporal_words", language), build)


def _is_temporal(ctx: _Context, tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """True if tokens[first:last] name a time ("Anfang Dezember", "Vergangene Woche"):
    a date is never a source."""
    return not ctx.temporal.isdisjoint([token.low for token in tokens[first:last]])


def _subject_before(ctx: _Context, tokens: tuple[Token, ...], verb: int) -> tuple[int, int] | None:
    """The clause-initial noun phrase if it stands right before the verb (or its
    auxiliary): "Der südkoreanische Geheimdienst etwa geht davon aus". A parenthesis
    right before the verb belongs to the phrase ("Service (NIS) says"); a fronted time
    ("Vergangene Woche hat das Pentagon … vorgelegt") gives the subject after the
    finite verb instead."""
    anchor = verb
    if verb > 0 and tokens[verb - 1].text == ")":
        anchor = next((k for k in range(verb - 2, -1, -1) if tokens[k].text == "("), verb)
    start = _clause_start(tokens, anchor)
    stop = ctx.lex.stop_or_skip
    skip = ctx.lex.skip
    while start < verb and tokens[start].low in skip:
        start += 1
    if start >= verb:
        return None
    first = tokens[start]
    if first.low in ctx.lex.person_pronouns and start + 1 == verb:
        return start, verb  # "…, he said": resolved to the person named before
    # a capitalised sentence opener may be an adverb ("Darüber", "Im"): not a subject
    if first.low in ctx.stopwords and first.low not in ctx.lex.articles:
        return None
    first_i, last_i = _phrase_after(ctx, tokens, start, verb)
    if last_i <= first_i:
        return None
    if _is_temporal(ctx, tokens, first_i, last_i):
        return _subject_after_finite(ctx, tokens, last_i, verb)
    k = last_i
    while k < verb and tokens[k].low in skip:
        k += 1
    if k == verb or (k < verb and tokens[k].low in stop and tokens[k].kind == "word"):
        return first_i, last_i
    return None


def _subject_after_finite(
    ctx: _Context, tokens: tuple[Token, ...], after: int, limit: int
) -> tuple[int, int] | None:
    """The subject right after the finite verb at `after` that follows a fronted time
    ("Anfang Dezember hatte Südkoreas Geheimdienst …"), or None."""
    if after >= limit or tokens[after].kind != "word" or tokens[after].low not in ctx.lex.stop:
        return None
    first_i, last_i = _phrase_after(ctx, tokens, after + 1, limit)
    if last_i <= first_i or _is_temporal(ctx, tokens, first_i, last_i):
        return None
    return first_i, last_i


def _obligation(ctx: _Context, tokens: tuple[Token, ...], verb: int) -> bool:
    """True if a modal or infinitive marker stands right before the reporting verb
    (adverbs skipped): "must report", "will say", "to tell" state no report."""
    blockers = ctx.lex.no_report_before
    if not blockers:
        return False
    k = verb - 1
    while k >= 0 and tokens[k].low in ctx.lex.skip:
        k -= 1
    return k >= 0 and tokens[k].low in blockers


def _subject_before_apposition(
    ctx: _Context, tokens: tuple[Token, ...], verb: int, anywhere: bool = False
) -> tuple[int, int] | None:
    """The sentence-opening noun phrase separated from its verb by an apposition between
    commas: "Fatih Birol, head of the IEA, warned that …" gives "Fatih Birol".
    `anywhere`: the phrase may follow another clause ("…, Kyrylo Budanov, head of …,
    told"), and then it must name a person of the gazetteer."""
    if verb < 2 or tokens[verb - 1].text != ",":
        return None
    if anywhere:
        comma = next((k for k in range(verb - 2, -1, -1) if tokens[k].text == ","), None)
    else:
        comma = next((k for k in range(verb - 1) if tokens[k].text == ","), None)
    if comma is None or comma == 0:
        return None
    if not anywhere and any(
        tokens[k].text in _CLAUSE_MARKS and tokens[k].text not in "()" for k in range(comma)
    ):
        return None  # the phrase must open the sentence
    subject = _subject_before(ctx, tokens, comma)
    if subject is None or not anywhere:
        return subject
    found = _mentions_in(ctx, tokens[subject[0]].start, tokens[subject[1] - 1].end)
    if any(ctx.types.get(m.entity) == "person" for m in found):
        return subject
    return None


def _medium_after(ctx: _Context, tokens: tuple[Token, ...], end: int) -> tuple[str, ...]:
    """The media entities named right after a verb like "told" ("told Reuters"); empty
    when the object is no medium ("told reporters", "told the committee")."""
    first, last = _phrase_after(ctx, tokens, end)
    if last <= first:
        return ()
    found = _mentions_in(ctx, tokens[first].start, tokens[last - 1].end)
    if not found or any(ctx.types.get(m.entity) != "media" for m in found):
        return ()
    return _entity_names(ctx, found)


def _stopwords(tables: Tables, language: str) -> frozenset[str]:
    """The language's stopwords as written in its table, built once per tables."""

    def build() -> frozenset[str]:
        table = tables.languages.get(language, {}).get("language") or {}
        return frozenset(table.get("stopwords") or ())

    return memo(tables, ("subject_stopwords", language), build)


def _own_sources(ctx: _Context, index: int) -> tuple[_Source, ...]:
    """The sources a sentence names itself, in text order (documents unresolved)."""
    found = ctx.own[index]
    if found is None:
        found = ctx.own[index] = _find_own_sources(ctx, index)
    return found


def _cues(ctx: _Context, index: int) -> dict[str, list[tuple[int, int]]]:
    """Every cue list's (start, end) token ranges in sentence `index` (what `_find_cues`
    returns), found for all sentences of the article at the first request: a sentence is
    asked for a dozen lists, by its own attribution, its neighbours' and its modality."""
    return _scan(ctx)[0][index]


def _marked(ctx: _Context, index: int) -> dict[str, list[int]]:
    """The places of the words of source_between pairs and of hearsay words in sentence
    `index`, by word (lower case), in text order."""
    return _scan(ctx)[1][index]


def _scan(ctx: _Context) -> tuple[list[dict], list[dict]]:
    """`_scan_sentences` of every sentence, at the first request."""
    scan = ctx.memo.get("scan")
    if scan is None:  # nearly every sentence is asked: all are searched in one pass
        lex = ctx.lex
        scan = ctx.memo["scan"] = _scan_sentences(ctx.tokens, lex.cues, lex.marks, lex.scan_words)
    return scan


def _find_own_sources(ctx: _Context, index: int) -> tuple[_Source, ...]:
    tokens = ctx.tokens[index]
    every_cues, every_marked = _scan(ctx)
    cues = every_cues[index]
    marked = every_marked[index]  # where the words of source_between pairs stand
    enclosed = not ctx.lex.closings.isdisjoint(marked)  # a closing word: maybe a pair
    if not enclosed and cues.keys().isdisjoint(_SOURCE_CUES):
        return ()  # no source cue and no closing word: nothing below can name a source
    found: list[_Source] = []
    for start, end in cues.get("source_after", ()):
        first, last = _phrase_after(ctx, tokens, end)
        _add(ctx, tokens, found, first, last)
    for start, _end in cues.get("source_before", ()):
        first, last = _phrase_before(ctx, tokens, start)
        _add(ctx, tokens, found, first, last)
    for opening, closing in ctx.lex.between if enclosed else ():
        closes = marked.get(closing)
        if closes is None:
            continue
        close = closes[-1]  # the last closing word, and the last opening word before it
        open_at = next((k for k in reversed(marked.get(opening, ())) if k < close), None)
        if open_at is not None:
            first, last = _phrase_after(ctx, tokens, open_at + 1, close)
            _add(ctx, tokens, found, first, last)
    relays = cues.get("relay", ())
    for start, end in relays:
        first, last = _phrase_after(ctx, tokens, end)
        _add(ctx, tokens, found, first, last)
        clause = _clause_start(tokens, start)
        subject = _phrase_after(ctx, tokens, clause, start)
        if subject[1] > subject[0] and _is_temporal(ctx, tokens, *subject):
            subject = _subject_after_finite(ctx, tokens, subject[1], start) or (0, 0)
        if subject[1] > subject[0]:
            _add(ctx, tokens, found, subject[0], subject[1])
    for start, end in cues.get("verbs", ()):
        if _obligation(ctx, tokens, start):
            continue  # "countries must report …": an obligation, not a report
        told = tokens[end - 1].low in ctx.lex.recipients
        before = _subject_before(ctx, tokens, start)
        if before is None and told:
            # "…, Kyrylo Budanov, head of …, told The Washington Post"
            before = _subject_before_apposition(ctx, tokens, start, anywhere=True)
        if before is not None:
            if told:  # "told Reuters": the medium is the outlet, the speaker the source
                medium = _medium_after(ctx, tokens, end)
                if medium:
                    found.append(_new(_Source, (tokens[before[0]].start - 1, medium)))
            _add(ctx, tokens, found, before[0], before[1])
            continue
        k = end
        while k < len(tokens) and tokens[k].low in ctx.lex.skip:
            k += 1
        phrase = _phrase_after(ctx, tokens, k)
        if phrase[1] > phrase[0]:
            _add(ctx, tokens, found, phrase[0], phrase[1])
            continue
        apposition = _subject_before_apposition(ctx, tokens, start)
        if apposition is not None:
            _add(ctx, tokens, found, apposition[0], apposition[1])
    for start, end in cues.get("co_sources", ()):
        # "…berichtete davon, als auch mehrere Geheimdienste": a second subject after the
        # comma of a sourced clause; "sowohl Pjöngjang als auch Moskau" is no source
        if found and start > 0 and tokens[start - 1].text == ",":
            first, last = _phrase_after(ctx, tokens, end)
            _add(ctx, tokens, found, first, last)
    if len(found) < 2:
        return tuple(found)  # nothing to order or merge
    unique: dict[tuple[str, ...], _Source] = {}
    for source in sorted(found, key=_SOURCE_START):
        unique.setdefault(source.names, source)
    return tuple(unique.values())


def _add(
    ctx: _Context, tokens: tuple[Token, ...], found: list[_Source], first: int, last: int
) -> None:
    """Add the source the phrase tokens[first:last] names, if any, to `found` (a function,
    not a closure: compiled, a closure is a Python-level call with its own environment)."""
    names = _resolve_phrase(ctx, tokens, first, last)
    if names:
        found.append(_new(_Source, (tokens[first].start, names)))


def _sources_previous(ctx: _Context, index: int) -> bool:
    """True if the sentence explicitly sources the one before it: it opens with an
    anaphor ("Dies geht aus … hervor") or refers to it ("berichtete davon"), names a
    source and states no figure of its own."""
    found = ctx.previous[index]
    if found is None:
        found = ctx.previous[index] = _find_sources_previous(ctx, index)
    return found


def _find_sources_previous(ctx: _Context, index: int) -> bool:
    tokens = _tokens(ctx, index)
    if not tokens:
        return False
    anaphoric = False
    # only phrases opening with the sentence's first word can match at its start
    for phrase in ctx.lex.anaphors.get(tokens[0].low, ()):
        end = _match(tokens, 0, phrase)
        if end is not None and end < len(tokens) and tokens[end].kind == "word" and tokens[end].text[:1].islower():
            anaphoric = True
    # "berichtete davon": the anaphor must follow a reporting verb ("dazu übergegangen" is none)
    anaphor_words = ctx.lex.anaphor_words
    for _start, end in _cues(ctx, index).get("verbs", ()):
        if end < len(tokens) and tokens[end].low in anaphor_words:
            anaphoric = True
    if not anaphoric:
        return False
    if "numbers" not in ctx.memo:
        ctx.memo["numbers"] = number_table(ctx.tables, ctx.language)
    numbers = find_numbers(tokens, ctx.article.body, ctx.memo["numbers"])
    return not numbers and bool(_own_sources(ctx, index))


def _same_paragraph(ctx: _Context, a: int, b: int) -> bool:
    paragraphs = ctx.paragraphs
    return 0 <= a < len(paragraphs) and 0 <= b < len(paragraphs) and paragraphs[a] == paragraphs[b]


def _has_hearsay(ctx: _Context, index: int) -> bool:
    return not ctx.lex.hearsay.isdisjoint(_marked(ctx, index))


def _names(ctx: _Context, index: int, depth: int) -> list[str]:
    """Resolved source names of sentence `index` (documents resolved to their antecedent)."""
    plain = ctx.plain[index]
    if plain is None:
        plain = ctx.plain[index] = _plain_names(ctx, index)
    if plain is not _BY_DEPTH:
        return list(plain)
    key = ("names", index, depth)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _resolve_names(ctx, index, depth)
    return list(found)


def _plain_names(ctx: _Context, index: int) -> tuple[str, ...] | object:
    """The source names of sentence `index` when none refers back to an earlier source:
    then they are the same at every depth, as `_resolve_names` gives them. _BY_DEPTH
    otherwise."""
    names: list[str] = []
    for source in _own_sources(ctx, index):
        for name in source.names:
            if name == _REPORT or name.startswith(_REFER):
                return _BY_DEPTH
            if name not in names:
                names.append(name)
    return tuple(names)


_BY_DEPTH = object()  # a sentence's names depend on how far references are followed


def _resolve_names(ctx: _Context, index: int, depth: int) -> list[str]:
    names: list[str] = []
    for source in _own_sources(ctx, index):
        for name in source.names:
            if name == _REPORT:
                resolved = _antecedent(ctx, index, depth)
            elif name.startswith(_REFER):
                resolved = [_referent(ctx, index, name, depth)]
            else:  # a name as written, the usual case
                if name not in names:
                    names.append(name)
                continue
            names.extend(n for n in resolved if n not in names)
    return names


def _referent(ctx: _Context, index: int, marker: str, depth: int) -> str:
    """A bare definite description ("the agency") names the earlier source that holds
    its noun ("South Korea's spy agency"); otherwise it stands as written."""
    noun, _, description = marker[len(_REFER) :].partition("|")
    if depth > 0:
        for j in range(index - 1, max(-1, index - 1 - _MAX_LOOKBACK), -1):
            for name in _names(ctx, j, depth - 1):
                if noun and noun in name.lower():
                    return name
    return description


def _antecedent(ctx: _Context, index: int, depth: int) -> list[str]:
    """The last named source before sentence `index`: what "dem Bericht" refers to."""
    if depth <= 0:
        return []
    for j in range(index - 1, max(-1, index - 1 - _MAX_LOOKBACK), -1):
        names = _chain(ctx, j, depth - 1)
        if names:
            return names
    return []


def _chain(ctx: _Context, index: int, depth: int) -> list[str]:
    """A sentence's sources including the sentence it continues, for reference chains."""
    names = _full(ctx, index, depth)
    if _sources_previous(ctx, index) and _same_paragraph(ctx, index - 1, index):
        earlier = _full(ctx, index - 1, depth)
        names = earlier + [n for n in names if n not in earlier]
    return names


def _full(ctx: _Context, index: int, depth: int) -> list[str]:
    names = _names(ctx, index, depth)
    if not names:
        interviewee = _interviewee(ctx, index)
        if interviewee:
            return [interviewee]
    if not names and _has_hearsay(ctx, index) and _same_paragraph(ctx, index - 1, index) and depth > 0:
        names = _names(ctx, index - 1, depth - 1)
        if not names:
            names = _antecedent(ctx, index - 1, depth - 1) if _refers_back(ctx, index - 1) else []
    nxt = index + 1
    if _same_paragraph(ctx, index, nxt) and _sources_previous(ctx, nxt):
        names = names + [n for n in _names(ctx, nxt, depth) if n not in names]
    return names


def _labelled(ctx: _Context, index: int, labels: frozenset[str]) -> bool:
    """True if sentence `index` opens with one of `labels` and a colon ("Antwort:")."""
    tokens = _tokens(ctx, index)
    return len(tokens) > 1 and tokens[0].low in labels and tokens[1].text == ":"


def _interviewee(ctx: _Context, index: int) -> str | None:
    """The interviewee, when sentence `index` lies in an answer paragraph ("Antwort: …"):
    the person the last question addresses with an honorific ("Frage: Herr
    Albrecht-Weiß, …"), by the gazetteer name or the full name the article introduces
    ("Jonas Albrecht-Weiß"). None outside answers or without an addressed person."""
    lex = ctx.lex
    if not lex.answer_labels:
        return None
    paragraphs = ctx.paragraphs
    paragraph = paragraphs[index]
    first = index
    while first > 0 and paragraphs[first - 1] == paragraph:
        first -= 1
    if not _labelled(ctx, first, lex.answer_labels):
        return None
    key = ("interviewee", first)
    if key not in ctx.memo:
        ctx.memo[key] = _find_interviewee(ctx, first)
    return ctx.memo[key]


def _find_interviewee(ctx: _Context, answer: int) -> str | None:
    lex = ctx.lex
    for j in range(answer - 1, -1, -1):
        if not _labelled(ctx, j, lex.question_labels):
            continue
        tokens = _tokens(ctx, j)
        for k in range(2, len(tokens) - 1):
            if tokens[k].low in lex.honorifics and _capitalised(tokens[k + 1]):
                return _full_name(ctx, tokens[k + 1].text, tokens[k + 1].start)
    return None


def _full_name(ctx: _Context, surname: str, before: int) -> str:
    """The gazetteer person whose name ends with `surname`, else "Firstname Surname" as
    the article first writes it before offset `before`, else the surname alone."""
    for mention in ctx.mentions:
        name = ctx.names.get(mention.entity, "")
        if ctx.types.get(mention.entity) == "person" and name.endswith(surname):
            return name
    body = ctx.article.body
    at = body.find(surname)
    while 0 <= at < before:
        given = body[:at].rstrip(" ").rsplit(" ", 1)[-1] if body[:at].endswith(" ") else ""
        if given[:1].isupper() and given.isalpha() and given.lower() not in ctx.lex.honorifics:
            return f"{given} {surname}"
        at = body.find(surname, at + 1)
    return surname


def _refers_back(ctx: _Context, index: int) -> bool:
    return any(_REPORT in s.names for s in _own_sources(ctx, index))


def attribute(
    article: Article, sentence_index: int, mentions: tuple[EntityMention, ...], tables: Tables
) -> str | None:
    """Return who the article says made the claim in sentence `sentence_index`:
    canonical entity names or nominative descriptions joined by " / " in text order
    ("BBC / Open Source Centre"), or None when the article speaks in its own voice."""
    return Attributor(article, mentions, tables).source(sentence_index)


class Attributor:
    """`attribute` for many sentences of one article, sharing the work between them
    (appositions, tokens, each sentence's sources): linear in the article's length."""

    def __init__(self, article: Article, mentions: tuple[EntityMention, ...], tables: Tables) -> None:
        self._ctx = _context(article, mentions, tables)

    def source(self, sentence_index: int) -> str | None:
        """The source of one sentence, as `attribute` returns it."""
        names = _full(self._ctx, sentence_index, depth=3)
        return SEPARATOR.join(names) if names else None

    def tokens(self, sentence_index: int) -> tuple[Token, ...]:
        """The tokens of one sentence (no span blocked), tokenized once for all uses."""
        return _tokens(self._ctx, sentence_index)

    def modality(self, sentence_index: int) -> str:
        """`modality` of one sentence, reusing the sentence's tokens from attribution."""
        return _framing(_cues(self._ctx, sentence_index))


def modality(text: str, tables: Tables, language: str) -> str:
    """Return "accusation" (vorgeworfen, accused), "projection" (könne steigen, could rise,
    dürfte) or "claim" for the framing of a sentence's figures."""
    return _modality(tokenize(text, 0, ()), _table(tables, language))


def _modality(tokens: tuple[Token, ...], table: dict) -> str:
    return _framing(_find_cues(tokens, table))


def _framing(cues: dict[str, list[tuple[int, int]]]) -> str:
    """The modality named by a sentence's cue ranges (`_find_cues`)."""
    if cues.get("accusation"):
        return "accusation"
    if cues.get("projection"):
        return "projection"
    if cues.get("projection_auxiliaries") and cues.get("projection_changes"):
        return "projection"
    return "claim"
