"""Direct quotes: every span in quotation marks, with the speaker the article credits.

Marks: „…“, "…", «…», »…«, “…”, and the mixed pairs machine translation leaves behind
(„…», “…»). A closing mark without an opening one ("… geschaffen“, so der Bericht")
quotes from the beginning of its sentence. `text` is the inner span exactly as written.

The speaker (vocabulary in generator/lang/<lang>/quotes.yml), tried in this order on
the text of the quote's sentence(s) outside any quotation marks:

1. a report phrase ("zitierte … aus dem Bericht", "so der Bericht") credits the body
   that issued the most recently named report, not the medium quoting it;
2. a speech verb ("sagte", "erklärte", "said"): its subject — a pronoun resolved to the
   person or role named just before, a name or description right after the verb (also
   one missing from the gazetteer: "said Victor Cha of …"), the name, pronoun or
   description right before it ("Kim Yo-jong said in a statement carried by KCNA"),
   then a name later in the clause or before the verb; a medium the words were told to
   or carried by ("told Reuters") does not speak;
3. a source phrase ("laut X", "Nach Einschätzung des X", "X zufolge", "according to X");
4. a source phrase inserted inside the quote itself ("– Analyse von Newsweek –");
5. a quote that directly follows an attributed quote in the same paragraph inherits it.

Speakers are canonical entity names, or nominative descriptions for unnamed speakers
("nordkoreanischer Außenminister"); None when the article names no source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter

from ..models import Article, EntityMention, Quote, Tables
from .memo import memo

OPENERS = {"„": '“”»"', "«": "»", "“": '”»“"', '"': '"', "‚": "‘’"}
# every character the scan in _spans reacts to: openers, closers, unopened closers
_MARK_CHARS = "".join(sorted(set("".join(OPENERS) + "".join(OPENERS.values()) + '»«“”"')))
_WORD = re.compile(r"[^\W\d_][\w-]*")
_ADJ_ENDING = re.compile(r"(?:en|em|er|es|e)$")
_NOMINATIVE = {"m": "er", "f": "e", "n": "es", "pl": "e"}


@dataclass(frozen=True, slots=True)
class _Span:
    open_at: int  # offset of the opening mark (or of the sentence start when unopened)
    start: int  # inner text
    end: int
    close_at: int  # offset just after the closing mark


# ── finding the quoted spans ──────────────────────────────────────────────


def _sentence_start(article: Article, offset: int) -> int:
    for sentence in article.sentences:
        if sentence.start <= offset < sentence.end or sentence.end == offset:
            return sentence.start
    return offset


def _mark_offsets(body: str) -> list[int]:
    """The sorted offsets of the quotation marks (_MARK_CHARS) in `body`: str.find per
    mark character is a fast search, unlike a regex character class tried at every offset."""
    offsets = []
    find = body.find
    for mark in _MARK_CHARS:
        at = find(mark)
        while at >= 0:
            offsets.append(at)
            at = find(mark, at + 1)
    offsets.sort()
    return offsets


def _spans(article: Article) -> list[_Span]:
    body = article.body
    # (open_at, start, end, close_at) as _Span has them; a _Span is made once, when trimmed
    spans: list[tuple[int, int, int, int]] = []
    # only quotation marks change the state: find them all at once, then visit those of
    # each paragraph
    marks = _mark_offsets(body)
    if not marks:
        return []
    for para_start, para_end in article.paragraphs:
        first = bisect.bisect_left(marks, para_start)
        last = bisect.bisect_left(marks, para_end, first)
        if first == last:
            continue
        opened: int | None = None
        closers = ""
        for i in marks[first:last]:
            c = body[i]
            before = body[i - 1] if i > para_start else " "
            after = body[i + 1] if i + 1 < para_end else " "
            if opened is not None:
                if c in closers and not (c == '"' and after.isalnum() and before.isspace()):
                    spans.append((opened, opened + 1, i, i + 1))
                    opened = None
                continue
            if c == "»" and after.strip() and not before.strip():
                opened, closers = i, "«"  # German »…«
            elif (
                c in OPENERS
                and c != "‚"
                and (not before.strip() or before in "([–—-:,")
                and after.strip()
            ):
                opened, closers = i, OPENERS[c]
            elif c in '“”»"' and before.strip() and not before.isspace():
                # a closing mark with no opening one: the quote starts its sentence
                start = _sentence_start(article, i)
                if start < i and all(start >= s[3] for s in spans if s[0] < i):
                    spans.append((start, start, i, i + 1))
    trimmed = []
    for open_at, start, end, close_at in spans:
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append(_Span(open_at, start, end, close_at))
    return trimmed


# ── attribution helpers ───────────────────────────────────────────────────


def _table(tables: Tables, language: str) -> dict:
    table = (tables.languages.get(language) or {}).get("quotes")
    if table:
        return table
    for lang in sorted(tables.languages):
        if (tables.languages[lang] or {}).get("quotes"):
            return tables.languages[lang]["quotes"]
    return {}


def _alt(words) -> str:
    ordered = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    if not ordered:
        return r"(?!x)x"
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) + ")"


def _needles(words) -> tuple[str, ...] | None:
    """Texts one of which every match of _alt(words) holds: each phrase's first word (its
    words are matched literally), less those that hold a shorter one ("Berichts" holds
    "Bericht"). None when a phrase has no word: its alternative matches the empty text."""
    firsts = _first_words(words)
    if firsts is None:
        return None
    return tuple(w for w in firsts if not any(o != w and o in w for o in firsts))


def _first_words(words) -> tuple[str, ...] | None:
    """Each phrase's first word: a match of _alt(words) starts with one of them (its words
    are matched literally). None when a phrase has no word."""
    firsts = set()
    for word in words:
        parts = str(word).split()
        if not parts:
            return None
        firsts.add(parts[0])
    return tuple(sorted(firsts))


def _word_re(words) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){_alt(words)}(?![\w])")


def _vocabulary(tables: Tables, language: str) -> dict[str, object]:
    """The quote vocabulary of a language and its compiled patterns, built once per tables."""
    table = _table(tables, language)
    determiners = {str(d) for d in table.get("determiners", ())}
    roles = {str(k): str(v) for k, v in (table.get("roles") or {}).items()}
    determiner_alt = _alt(determiners)
    role_alt = _alt(roles)
    # a word that may stand between article and role noun: German marks it by its
    # ending ("ukrainischer"), English does not ("a Ukrainian military official")
    adjective = str(table.get("adjective") or r"[^\W\d_][\w-]*(?:e|en|er|es|em)")
    return {
        "table": table,
        "names": {e.id: e.name for e in tables.entities},
        "types": {e.id: e.type for e in tables.entities},
        "roles": roles,
        "determiners": determiners,
        "pronouns": {str(p) for p in table.get("pronouns", ())},
        "verbs": _word_re(table.get("speech_verbs", ())),
        "before": _word_re(table.get("source_before", ())),
        "after": _word_re(table.get("source_after", ())),
        "report_phrase": _word_re(table.get("report_phrases", ())),
        "report_needles": _needles(table.get("report_words", ())),
        "report_firsts": _first_words(table.get("report_words", ())),
        "report_word": re.compile(
            rf"(?:(?P<hyph>[\w.]+)-)?(?<![\w]){_alt(table.get('report_words', ()))}(?![\w])"
        ),
        "name_after": _name_after_re(table.get("affiliation_words", ())),
        "role_np": re.compile(
            rf"(?<![\w-])(?P<det>{determiner_alt})\s+"
            rf"(?P<adjs>(?:(?!{determiner_alt}\s){adjective}\s+){{0,3}})"
            rf"(?P<role>{role_alt})(?:s|es)?(?![\w])"
        ),
    }


_OPEN_AT = attrgetter("open_at")
_START = attrgetter("start")
# where the words after a speech verb stop naming its subject: a "that" clause or a colon
_CLAUSE_STOP = re.compile(r",\s*(?:dass|that|ob)\b|[:;]|$")


class _Context:
    """Everything attribution needs about one article: masks, mentions, vocabulary."""

    def __init__(self, article: Article, tables: Tables, mentions, spans: list[_Span]) -> None:
        self.article = article
        self.body = article.body
        self.spans = spans
        self.spans_by_open = sorted(spans, key=_OPEN_AT)  # for outside(), once per article
        self.mentions = sorted(mentions, key=_START)
        self.mention_starts = [m.start for m in self.mentions]
        sentences = article.sentences
        self.sentence_starts = [s.start for s in sentences]
        # in text order and disjoint (as split_sentences makes them): then the sentence
        # holding an offset is found by bisection; otherwise by the plain scan
        self.sentences_ordered = all(a.end <= b.start for a, b in pairwise(sentences))
        # the vocabulary and its compiled patterns depend on the tables alone
        vocabulary: dict = memo(
            tables,
            ("quote_vocabulary", article.language),
            lambda: _vocabulary(tables, article.language),
        )
        self.table = vocabulary["table"]
        self.names = vocabulary["names"]
        self.types = vocabulary["types"]
        self.roles = vocabulary["roles"]
        self.determiners = vocabulary["determiners"]
        self.pronouns = vocabulary["pronouns"]
        self.verbs = vocabulary["verbs"]
        self.before = vocabulary["before"]
        self.after = vocabulary["after"]
        self.report_phrase = vocabulary["report_phrase"]
        self.report_word = vocabulary["report_word"]
        self.report_needles = vocabulary["report_needles"]
        self.report_firsts = vocabulary["report_firsts"]
        self.role_np = vocabulary["role_np"]
        self.name_after = vocabulary["name_after"]

    def may_hold(self, needles: tuple[str, ...] | None, start: int, end: int) -> bool:
        """Whether body[start:end] holds one of `needles` (None: cannot tell, so True)."""
        if needles is None:
            return True
        find = self.body.find
        return any(find(needle, start, end) >= 0 for needle in needles)

    def report_words(self, start: int, end: int) -> list[re.Match[str]]:
        """Exactly the matches of `report_word.finditer(body, start, end)`, tried only where
        one can start.

        The pattern's optional "X-" prefix makes finditer try the prefix at every offset
        (slow over a long body). A match holds a report word, which opens with a first
        word: it starts at that word, or anywhere in the run of [\\w.] characters before
        a hyphen right before the word; anywhere in that run the match is the same, so the
        first place of the run not before the last match's end stands for all of them."""
        body, pattern = self.body, self.report_word
        if self.report_firsts is None:
            return list(pattern.finditer(body, start, end))
        # (first offset, last offset) where a match may start, for each place
        places: set[tuple[int, int]] = set()
        for word in self.report_firsts:
            at = body.find(word, start, end)
            while at >= 0:
                places.add((at, at))
                if at - 1 > start and body[at - 1] == "-":
                    first = at - 1  # back over the run ([\w.]: str.isalnum(), "_" or ".")
                    while first > start and (body[first - 1].isalnum() or body[first - 1] in "_."):
                        first -= 1
                    if first < at - 1:
                        places.add((first, at - 2))
                at = body.find(word, at + 1, end)
        found: list[re.Match[str]] = []
        done = start  # finditer goes on from the end of the last match
        for first, last in sorted(places):
            at = max(first, done)
            if at > last:
                continue
            m = pattern.match(body, at, end)
            if m is not None:
                found.append(m)
                done = m.end()
        return found

    # -- masks --
    def quoted(self, offset: int) -> bool:
        return any(s.open_at <= offset < s.close_at for s in self.spans)

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        sentences = self.article.sentences
        if self.sentences_ordered:
            # only the last sentence starting at or before `offset` can hold it
            k = bisect.bisect_right(self.sentence_starts, offset) - 1
            if k >= 0 and offset < sentences[k].end:
                return sentences[k].start, sentences[k].end
            return offset, offset
        for s in sentences:
            if s.start <= offset < s.end:
                return s.start, s.end
        return offset, offset

    def outside(self, start: int, end: int) -> list[tuple[int, int]]:
        """Pieces of [start, end) that lie outside every quotation."""
        pieces, cursor = [], start
        for s in self.spans_by_open:
            if s.close_at <= cursor or s.open_at >= end:
                continue
            if s.open_at > cursor:
                pieces.append((cursor, s.open_at))
            cursor = max(cursor, s.close_at)
        if cursor < end:
            pieces.append((cursor, end))
        return pieces

    # -- referents --
    def mention_in(
        self,
        start: int,
        end: int,
        types=("person", "organization", "media", "country"),
        inner=False,
    ) -> list[EntityMention]:
        """Mentions starting in [start, end) of the given types; outside quotes unless `inner`."""
        # the mentions are sorted by start: those starting in [start, end) are one slice
        first = bisect.bisect_left(self.mention_starts, start)
        last = bisect.bisect_left(self.mention_starts, end, first)
        return [
            m
            for m in self.mentions[first:last]
            if self.types.get(m.entity) in types and (inner or not self.quoted(m.start))
        ]

    def describe(self, match: re.Match[str]) -> str:
        """A role noun phrase in the nominative, without its article."""
        role = match.group("role")
        gender = self.roles.get(role, "m")
        adjs = [a for a in match.group("adjs").split() if a]
        if self.article.language == "de":
            adjs = [_ADJ_ENDING.sub("", a) + _NOMINATIVE.get(gender, "e") for a in adjs]
        return " ".join([*adjs, role])

    def roles_in(self, start: int, end: int) -> list[tuple[int, str]]:
        found = []
        for m in self.role_np.finditer(self.body, start, end):
            if self.quoted(m.start()):
                continue
            if self.mention_in(m.end(), m.end() + 2, ("person",)):
                continue  # "der Außenminister Sergej Lawrow": the name speaks
            found.append((m.start(), self.describe(m)))
        return found

    def referent_before(self, offset: int) -> str | None:
        """Who a pronoun at `offset` points to: the last person or role named before it."""
        start, _ = self.sentence_bounds(offset)
        end = offset
        while True:
            people = [
                (m.start, self.names[m.entity]) for m in self.mention_in(start, end, ("person",))
            ]
            candidates = people + self.roles_in(start, end)
            if candidates:
                return max(candidates)[1]
            if start == 0:
                return None
            end = start
            start, _ = self.sentence_bounds(start - 1)
            if start == end:
                return None

    def report_issuer(self, before: int) -> str | None:
        """The body that issued the latest report named before `before`."""
        best: str | None = None
        if not self.may_hold(self.report_needles, 0, before):
            return best
        for m in self.report_words(0, before):
            hyph = m.group("hyph")
            if hyph:
                named = [x for x in self.mentions if x.start == m.start("hyph")]
                if named:
                    best = self.names[named[0].entity]
                    continue
            _, sentence_end = self.sentence_bounds(m.start())
            named = self.mention_in(m.end(), min(sentence_end, before), ("organization", "media"))
            if named:
                best = self.names[named[0].entity]
        return best

    def noun_phrase_after(self, offset: int, limit: int) -> str | None:
        named = self.mention_in(offset, min(limit, offset + 60), inner=True)
        if named:
            return self.names[named[0].entity]
        text = self.body[offset:limit]
        m = self.role_np.match(self.body, offset + len(text) - len(text.lstrip()))
        return self.describe(m) if m else None

    def noun_phrase_before(self, offset: int) -> str | None:
        named = [m for m in self.mentions if offset - 3 <= m.end <= offset]
        if named:
            return self.names[named[-1].entity]
        words = list(_WORD.finditer(self.body, max(0, offset - 120), offset))
        if not words:
            return None
        noun = words[-1].group()
        adjs: list[str] = []
        for w in reversed(words[:-1]):
            if (
                w.group()[0].islower()
                and _ADJ_ENDING.search(w.group())
                and w.group() not in self.pronouns
            ):
                adjs.insert(0, w.group())
            else:
                break
        if not noun[0].isupper() or not adjs and noun not in self.roles:
            return None
        gender = self.roles.get(noun, "pl" if noun.endswith("en") else "m")
        if self.article.language == "de":
            adjs = [_ADJ_ENDING.sub("", a) + _NOMINATIVE[gender] for a in adjs]
        return " ".join([*adjs, noun])


# ── speaker rules ─────────────────────────────────────────────────────────


def _by_verb(ctx: _Context, pieces: list[tuple[int, int]], quote: _Span) -> str | None:
    body = ctx.body
    for start, end in pieces:
        for verb in ctx.verbs.finditer(body, start, end):
            rest = body[verb.end() : end]
            first = _WORD.match(rest.lstrip())
            if first and first.group() in ctx.pronouns:
                return ctx.referent_before(verb.start())
            stop = _CLAUSE_STOP.search(rest)
            window_end = verb.end() + (stop.start() if stop else len(rest))
            after_verb = _name_after_verb(ctx, verb.end(), window_end)
            if after_verb:
                return after_verb
            # the subject right after the verb ("sagte ein ukrainischer Offizier der ZEIT")
            # or right before it ("Kim Yo-jong said in a statement carried by KCNA",
            # "an official told Reuters") speaks; a name further on is the medium that
            # carried the words or belongs to another clause
            role = ctx.role_np.match(body, verb.end() + len(rest) - len(rest.lstrip()))
            if role and not ctx.quoted(role.start()):
                return _role_holder(ctx, role)
            subject = _subject_before_verb(ctx, verb.start())
            if subject:
                return subject
            for types in (("person",), ("organization", "media")):
                named = ctx.mention_in(verb.end(), window_end, types)
                if named:
                    return ctx.names[named[0].entity]
            # the subject stands before the verb ("Nordkorea sagte", "Er bezeichnete")
            sentence_start, _ = ctx.sentence_bounds(verb.start())
            candidates = [
                (m.start, ctx.names[m.entity]) for m in ctx.mention_in(sentence_start, verb.start())
            ]
            candidates += ctx.roles_in(sentence_start, verb.start())
            for pronoun in _WORD.finditer(body, sentence_start, verb.start()):
                if pronoun.group() in ctx.pronouns and not ctx.quoted(pronoun.start()):
                    resolved = ctx.referent_before(pronoun.start())
                    if resolved:
                        candidates.append((pronoun.start(), resolved))
            people = [c for c in candidates if c[1] in ctx.names.values() and _is_person(ctx, c[1])]
            if people:
                return max(people)[1]
            if candidates:
                return max(candidates)[1]
    return None


# between a role and the name in apposition to it: a few words ending in a comma
# ("der Nationale Sicherheitsberater Südkoreas, Shin Won-sik"); a clause does not end so
_APPOSITION_GAP = re.compile(r"(?:\s+[^\W\d_][\w'’-]*){0,3}\s*,\s*")


def _role_holder(ctx: _Context, role: re.Match[str]) -> str:
    """The person a role right after the speech verb names in apposition ("erklärte der
    Sicherheitsberater Südkoreas, Shin Won-sik"), else the role's nominative description."""
    gap = _APPOSITION_GAP.match(ctx.body, role.end())
    if gap:
        named = ctx.mention_in(gap.end(), gap.end() + 1, ("person",))
        if named:
            return ctx.names[named[0].entity]
    return ctx.describe(role)


def _subject_before_verb(ctx: _Context, verb_start: int) -> str | None:
    """The subject standing directly before the verb, only blanks between: a known name
    ("Kim Yo-jong said"), a pronoun resolved to the person named before it ("he told
    Reuters") or a role description ("a Ukrainian military official told"); None else."""
    body = ctx.body
    sentence_start, _ = ctx.sentence_bounds(verb_start)
    gap_start = verb_start
    while gap_start > sentence_start and body[gap_start - 1].isspace():
        gap_start -= 1
    if gap_start == verb_start or ctx.quoted(gap_start - 1):
        return None
    named = [m for m in ctx.mention_in(sentence_start, gap_start) if m.end == gap_start]
    if named:
        return ctx.names[named[-1].entity]
    words = list(_WORD.finditer(body, max(sentence_start, gap_start - 40), gap_start))
    if words and words[-1].end() == gap_start and words[-1].group() in ctx.pronouns:
        return ctx.referent_before(words[-1].start())
    for role in ctx.role_np.finditer(body, max(sentence_start, gap_start - 120), gap_start):
        if role.end() == gap_start and not ctx.quoted(role.start()):
            return ctx.describe(role)
    return None


def _name_after_re(affiliations) -> re.Pattern[str]:
    """A proper name right after a speech verb, ending the sentence, followed by an
    apposition ("said Laura Page, a senior analyst at Kpler") or by a word that names
    the speaker's affiliation ("said Victor Cha of the Center …")."""
    return re.compile(
        r"\s*((?:[^\W\d_a-zß][\w'’-]*\s+){1,3}[^\W\d_a-zß][\w'’-]*)\s*"
        rf"(?:,|\.|$|(?={_alt(affiliations)}(?![\w])))"
    )


def _name_after_verb(ctx: _Context, start: int, end: int) -> str | None:
    """The speaker named right after the verb, before any apposition: a person of the
    gazetteer, else a proper name of two to four capitalised words that holds no known
    entity, no determiner and no role ("Laura Page"). The apposition after the comma
    ("a senior analyst at Kpler") describes the speaker and names no other one."""
    comma = ctx.body.find(",", start, end)
    head_end = comma if comma >= 0 else end
    people = ctx.mention_in(start, head_end, ("person",))
    if people:
        return ctx.names[people[0].entity]
    match = ctx.name_after.match(ctx.body, start, end)
    if match is None or ctx.quoted(match.start(1)):
        return None
    words = match.group(1).split()
    if not all(w[:1].isupper() for w in words) or any(
        w in ctx.determiners or w in ctx.roles or w in ctx.pronouns for w in words
    ):
        return None
    if ctx.mention_in(match.start(1), match.end(1), _ALL_TYPES, inner=True):
        return None  # a known entity: the gazetteer rules below name it canonically
    return " ".join(words)


_ALL_TYPES = ("person", "organization", "media", "country", "place")


def _is_person(ctx: _Context, name: str) -> bool:
    return any(ctx.names[i] == name and t == "person" for i, t in ctx.types.items())


def _by_source(ctx: _Context, pieces: list[tuple[int, int]]) -> str | None:
    for start, end in pieces:
        for m in ctx.before.finditer(ctx.body, start, end):
            found = ctx.noun_phrase_after(m.end(), end)
            if found:
                return found
        for m in ctx.after.finditer(ctx.body, start, end):
            found = ctx.noun_phrase_before(m.start())
            if found:
                return found
    return None


def _speaker(ctx: _Context, quote: _Span) -> str | None:
    first, _ = ctx.sentence_bounds(quote.start)
    _, last = ctx.sentence_bounds(max(quote.end - 1, quote.start))
    last = max(last, quote.close_at)
    pieces = ctx.outside(first, last)
    for start, end in pieces:
        if ctx.report_phrase.search(ctx.body, start, end):
            issuer = ctx.report_issuer(end)
            if issuer:
                return issuer
        # pre-check: a piece without a report word's text cannot hold a match (the
        # pattern's optional "X-" prefix makes the regex try every offset, slowly)
        if not ctx.may_hold(ctx.report_needles, start, end):
            continue
        for m in ctx.report_words(start, end):
            if m.group("hyph"):
                named = [x for x in ctx.mentions if x.start == m.start("hyph")]
                if named and ctx.verbs.search(ctx.body, start, end):
                    return ctx.names[named[0].entity]
    return (
        _by_verb(ctx, pieces, quote)
        or _by_source(ctx, pieces)
        or _by_source(ctx, [(quote.start, quote.end)])
    )


# ── public ────────────────────────────────────────────────────────────────


def extract_quotes(
    article: Article, tables: Tables, mentions: tuple[EntityMention, ...]
) -> tuple[Quote, ...]:
    """Return every quoted span of the body in text order, each with its speaker.

    The speaker is a canonical entity name (from `mentions`), a nominative description
    of an unnamed source, or None when the article states no source; see the module
    docstring for the rules.
    """
    spans = _spans(article)
    ctx = _Context(article, tables, mentions, spans)
    starts = [s.start for s in article.sentences]
    quotes: list[Quote] = []
    previous: tuple[int, str | None] | None = None  # (paragraph, speaker) of the last quote
    for span in spans:
        index = max(bisect.bisect_right(starts, span.start) - 1, 0)
        sentence = article.sentences[index] if article.sentences else None
        speaker = _speaker(ctx, span)
        paragraph = sentence.paragraph if sentence else 0
        if speaker is None and previous is not None and previous[0] == paragraph:
            speaker = previous[1]  # a follow-on quote keeps its source
        quotes.append(
            Quote(
                text=article.body[span.start : span.end],
                speaker=speaker,
                sentence=sentence.index if sentence else 0,
                start=span.start,
                end=span.end,
            )
        )
        previous = (paragraph, speaker)
    return tuple(quotes)
