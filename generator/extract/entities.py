"""Entity mentions: the corpus gazetteer matched against the article body.

Mechanism (the names themselves live in seeds/_tables/entities.yml, the language rules
in generator/lang/<lang>/entities.yml):

- every name and alias goes into one Aho-Corasick automaton; among overlapping matches
  the longest wins ("UN-Sicherheitsrat" over "UN", "Immanuel Kim" over "Kim");
- a match must stand between word boundaries: a non-letter (a hyphen counts, so
  "Ukraine-Krieg" names Ukraine), a lower→upper seam left by glued words
  ("Shin Won-sikSüdkoreas"), or a genitive ending ("Putins"). A name followed by a
  hyphen and a lower-case word is an adjective ("US-amerikanische") and names nothing;
- truncated coordination ("Nord- und Südkorea") names the completed compound;
- an alias shared by several entities ("Kim") goes to the one the article is talking
  about: the one mentioned in this or the previous sentence, else the most mentioned;
- a typo one edit away from a long alias ("Pjönjangs") is accepted, but never silently:
  it is listed among the candidates as "Pjönjangs → Pjöngjang (fuzzy)";
- multi-word proper names the gazetteer does not know are returned as candidates for
  the build report, so a researcher can add them.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

import ahocorasick

from ..models import Article, Entity, EntityMention, Tables
from .memo import memo
from .spans import keep_disjoint

FUZZY_MIN_LETTERS = 8
_WORD = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]")
_HYPHEN_SPACE = re.compile(r"-\s")


class _Match(NamedTuple):
    """A gazetteer match; a named tuple, not a frozen dataclass: built for every hit, and
    a frozen dataclass sets each field through a Python call."""

    start: int
    end: int
    ids: tuple[str, ...]  # entity ids in gazetteer order; several for a shared alias
    fuzzy: bool = False


# ── language rules ────────────────────────────────────────────────────────


def name_rules(tables: Tables) -> dict[str, tuple[str, ...]]:
    """Return the union over all languages of each name rule list (genitive endings, ...).

    The union, not the article language alone: a German article quotes "Putin's" and an
    English one writes "Nord- and South Korea"; a rule of one language never hurts another.
    Built once per tables.
    """
    return memo(tables, "name_rules", lambda: _build_name_rules(tables))


def _build_name_rules(tables: Tables) -> dict[str, tuple[str, ...]]:
    merged: dict[str, set[str]] = {}
    for lang in sorted(tables.languages):
        rules = (tables.languages[lang] or {}).get("entities") or {}
        for key, values in rules.items():
            if isinstance(values, list):  # scalars (title_case_headings) are per language
                merged.setdefault(key, set()).update(str(v) for v in values)
        # Words of the other tables that name no one: units and multipliers ("Kubikmeter
        # Erdgas") are never part of a name (one letter, "m", may be an initial), and a
        # function word opening a run is the sentence's, not the name's ("Under Article").
        numbers = (tables.languages[lang] or {}).get("numbers") or {}
        merged.setdefault("unit_words", set()).update(
            str(v).lower()
            for key in ("measure_units", "multipliers")
            for v in numbers.get(key) or ()
            if len(str(v)) > 1
        )
        language = (tables.languages[lang] or {}).get("language") or {}
        merged.setdefault("function_words", set()).update(
            str(v).lower() for v in language.get("stopwords") or ()
        )
    return {
        key: tuple(sorted(values, key=lambda v: (-len(v), v))) for key, values in merged.items()
    }


# ── the gazetteer automaton ───────────────────────────────────────────────


def _automaton(
    entities: tuple[Entity, ...],
) -> tuple[ahocorasick.Automaton, dict[str, tuple[str, ...]]]:
    """The automaton over every surface form and each form's entity ids, built once per
    entities tuple (by identity: hashing every entity on each call cost more than a scan)."""
    return memo(entities, "automaton", lambda: _build_automaton(entities))


def _build_automaton(
    entities: tuple[Entity, ...],
) -> tuple[ahocorasick.Automaton, dict[str, tuple[str, ...]]]:
    """Build the automaton over every surface form; map each form to its entity ids."""
    owners: dict[str, list[str]] = {}
    for entity in entities:
        for form in (entity.name, *entity.aliases):
            form = form.strip()
            if form and entity.id not in owners.setdefault(form, []):
                owners[form].append(entity.id)
    automaton = ahocorasick.Automaton()
    for form in sorted(owners):
        automaton.add_word(form, form)
    if owners:
        automaton.make_automaton()
    return automaton, {form: tuple(ids) for form, ids in owners.items()}


def _left_ok(body: str, start: int) -> bool:
    """A name starts at a non-letter, at a lower→upper seam, or after one stray capital."""
    if start == 0 or not body[start - 1].isalpha():
        return True
    before, first = body[start - 1], body[start]
    if before.islower() and first.isupper():
        return True  # glued words: "Won-sikSüdkoreas"
    # an extraction artefact: one stray capital glued before a name ("„LNordkorea")
    return (
        before.isupper()
        and first.isupper()
        and (start < 2 or not body[start - 2].isalpha())
        and start + 1 < len(body)
        and body[start + 1].islower()
    )


def _boundary_at(body: str, end: int, form: str) -> bool:
    """True when a name ending at `end` ends a word there."""
    if end >= len(body) or not body[end].isalpha():
        # "US-amerikanische": a name joined to a lower-case word is an adjective
        return not (
            end + 1 < len(body)
            and body[end] == "-"
            and body[end + 1].islower()
            and form[-1:] != "-"
        )
    return body[end].isupper() and body[end - 1].islower()  # glued words


def _right_end(
    body: str, end: int, form: str, genitives: tuple[str, ...], openers: frozenset[str]
) -> int | None:
    """Return where the mention ends (after a genitive ending), or None if not a word end.

    `openers` are the genitives' first characters: a suffix can only start with the
    character after the name (an empty one would end the name where it ends anyway)."""
    if body[end : end + 1] in openers:
        for suffix in genitives:  # first, so that "Korea's" keeps its "'s"
            if body.startswith(suffix, end) and _boundary_at(
                body, end + len(suffix), form + suffix
            ):
                return end + len(suffix)
    return end if _boundary_at(body, end, form) else None


def _exact_matches(
    body: str,
    entities: tuple[Entity, ...],
    genitives: tuple[str, ...],
    currency_signs: frozenset[str] = frozenset(),
) -> list[_Match]:
    automaton, owners = _automaton(entities)
    if not owners:
        return []
    found = []
    openers = frozenset(suffix[:1] for suffix in genitives)
    # characters after which a name simply ends there: no genitive ending, no hyphen,
    # no glued word, no currency sign (_right_end would say so, at a call per name)
    plain_ends = _PLAIN_ENDS - openers - currency_signs
    for hit in automaton.iter(body):
        # typed: the automaton gives untyped pairs, and compiled code does the arithmetic
        # and the slicing below on ints and a str only when it knows them to be such
        last: int = hit[0]
        form: str = hit[1]
        start = last - len(form) + 1
        # _left_ok's first test inline: most names follow a space
        if start and body[start - 1].isalpha() and not _left_ok(body, start):
            continue
        after = body[last + 1 : last + 2]
        if after in plain_ends:
            end = last + 1
        elif after in currency_signs:
            continue  # "US$350", "HK$": a currency's prefix names no country
        else:
            right = _right_end(body, last + 1, form, genitives, openers)
            if right is None:
                continue
            end = right
        found.append(_new(_Match, (start, end, owners[form], False)))  # one per name found
    return found


_PLAIN_ENDS = frozenset(" \n,.;:!?)")


_new = tuple.__new__  # builds a named tuple from its fields without a Python-level call


def _coordinated(
    body: str, owners: dict[str, tuple[str, ...]], words: tuple[str, ...]
) -> list[_Match]:
    """Truncated first elements: "Nord- und Südkorea" names Nordkorea as "Nord-"."""
    if not words or _HYPHEN_SPACE.search(body) is None:
        return []  # every truncated element is a hyphen followed by whitespace
    pattern = re.compile(
        r"(?<![^\W\d_])([^\W\d_]+)-\s+(?:"
        + "|".join(re.escape(w) for w in words)
        + r")\s+([^\W\d_]+)"
    )
    # pattern.finditer(body), tried only where a match can start (finditer tries every
    # letter, each time reading the word to its end): the start of the run of letters
    # right before a hyphen and whitespace
    found = []
    done = 0  # finditer goes on from the end of the last match
    for hyphen in _HYPHEN_SPACE.finditer(body):
        start = hyphen.start()
        while start > 0 and body[start - 1].isalnum() and not body[start - 1].isdecimal():
            start -= 1  # `[^\W\d_]`: str.isalnum() but not str.isdecimal()
        if start == hyphen.start() or start < done:
            continue
        m = pattern.match(body, start)
        if m is None:
            continue
        done = m.end()
        head, full = m.group(1), m.group(2)
        for cut in range(1, len(full) - 1):
            ids = owners.get(head + full[cut:])
            if ids:
                found.append(_Match(m.start(1), m.end(1) + 1, ids))
                break
    return found


# ── fuzzy: typos one edit away from a long alias ─────────────────────────


def _one_edit(a: str, b: str) -> bool:
    """True when `a` and `b` differ by exactly one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def _fuzzy_forms(
    owners: dict[str, tuple[str, ...]], genitives: tuple[str, ...]
) -> dict[tuple[int, str, str], tuple[tuple[str, str], ...]]:
    """Long single-owner aliases and their genitives as (variant, alias), indexed by the
    variant's length, first two and last two letters: what a fuzzy candidate must share."""
    forms: dict[tuple[int, str, str], list[tuple[str, str]]] = {}
    for form, ids in owners.items():
        if len(ids) == 1 and sum(c.isalpha() for c in form) >= FUZZY_MIN_LETTERS:
            for variant in (form, *(form + s for s in genitives)):
                key = (len(variant), variant[:2], variant[-2:])
                forms.setdefault(key, []).append((variant, form))
    return {key: tuple(group) for key, group in forms.items()}


def _capitalised_words(body: str) -> tuple[list[str], list[int], list[int]]:
    """The words of `body` that open with a capital (texts, starts, ends): what fuzzy
    matches and candidate names are made of. See _words_and_gaps."""
    texts, starts, stops, _gaps = _words_and_gaps(body)
    return texts, starts, stops


def _words_and_gaps(body: str) -> tuple[list[str], list[int], list[int], list[str]]:
    """The capitalised words of `body` (texts, starts, ends) and the text between each
    word and the next (len(texts) - 1 gaps).

    These are the _WORD.finditer matches whose first character is upper case. A _WORD
    match is, in each maximal run of _WORD's characters holding a letter, the stretch from
    the run's first letter to its last letter or digit. Most capitals opening a word stand
    after a character outside any run (a space, a quotation mark); then one split of the
    body finds them all, and the parts' lengths give the offsets (one compiled loop over
    the words: cheaper than summing all parts with accumulate() and slicing the sums). A
    capital after a digit or joiner that does not follow a letter ("12Abc"), or a letter
    beyond the table of capitals, is rare: such a body is read match by match.
    """
    parts = _capitalised_split().split(body)
    # parts run gap, word, mark, gap, word, mark, ..., gap; a mark is "" (not None) where
    # the capital is one split cannot place
    for k in range(2, len(parts), 3):
        if parts[k] is not None:
            texts, starts, stops = _capitalised_words_by_match(body)
            gaps = [body[stop:start] for stop, start in zip(stops, starts[1:])]
            return texts, starts, stops, gaps
    starts = []
    stops = []
    offset = 0
    for k in range(1, len(parts), 3):
        gap: str = parts[k - 1]
        word: str = parts[k]
        offset += len(gap)
        starts.append(offset)
        offset += len(word)
        stops.append(offset)
    return parts[1::3], starts, stops, parts[3:-1:3]


def _capitalised_words_by_match(body: str) -> tuple[list[str], list[int], list[int]]:
    """_capitalised_words for any body: _capitalised_word() finds capitals not preceded by
    a letter, and the rare one after a digit or joiner ("1.Abc", "x-Abc") is kept only if
    no letter opens its run before it."""
    texts: list[str] = []
    starts: list[int] = []
    stops: list[int] = []
    for match in _capitalised_word().finditer(body):
        start, stop = match.span()
        if start:
            before = body[start - 1]  # `\d` is str.isdecimal: _JOINER without a regex call
            if (before in _JOINER_MARKS or before.isdecimal()) and _letter_before_in_run(
                body, start - 1
            ):
                continue  # inside a word opened by an earlier letter
        if body[start] >= _ABOVE_TABLE and not body[start].isupper():
            continue  # the capitals class admits every letter above its table
        texts.append(body[start:stop])
        starts.append(start)
        stops.append(stop)
    return texts, starts, stops


# Capitals are listed below this code point, every letter above: a class of characters
# beyond it is a list of ranges the regex engine tries one by one, below it a bitmap.
_ABOVE_TABLE = "\U00010000"
_JOINER = re.compile(r"[\d_'’.-]")  # _WORD's characters that are no letter
_JOINER_MARKS = "_'’.-"  # _JOINER but digits


def _letter_before_in_run(body: str, k: int) -> bool:
    """True if a letter stands before offset `k` in its run of _WORD characters, with
    only non-letters (_JOINER) from it to `k`."""
    while k >= 0 and _JOINER.match(body, k):
        k -= 1
    return k >= 0 and _LETTER.match(body, k) is not None


_LETTER = re.compile(r"[^\W\d_]")
# Through the last letter or digit of the run: what "(?:[\w'’.-]*[^\W_])?" reads, as
# letters and digits, then runs of joiners each followed by letters or digits. The two
# classes are disjoint, so nothing is ever given back: possessive, the engine keeps no
# backtracking state and never reads the run's last character twice.
_REST_OF_WORD = r"[^\W_]*+(?:[_'’.-]++[^\W_]++)*+"


@lru_cache(maxsize=1)
def _capitals() -> str:
    """The body of a character class of the capital letters below _ABOVE_TABLE."""
    every = "".join(map(chr, range(ord(_ABOVE_TABLE))))
    ranges: list[list[int]] = []
    for char in _LETTER.findall("".join(filter(str.isupper, every))):
        code = ord(char)
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


@lru_cache(maxsize=1)
def _capitalised_word() -> re.Pattern[str]:
    """A capital letter (or any letter from _ABOVE_TABLE on, checked in Python) after no
    letter, through the last letter or digit of its run, as _WORD reads it; built once,
    on first use. It opens with a character class, so the search skips to capitals."""
    return re.compile(
        "[" + _capitals() + r"\U00010000-\U0010ffff](?<=[^\W\d_])(?<![^\W\d_].)"
        + _REST_OF_WORD
    )


@lru_cache(maxsize=1)
def _capitalised_split() -> re.Pattern[str]:
    """For split(): a capital below _ABOVE_TABLE after no character of a run, through the
    last letter or digit of its run (the word, group 1); or a capital that split cannot
    place (group 2 matches empty): one after a digit or joiner not directly after a letter
    ("12Abc", "x--Abc"), or a letter beyond the table. It opens with a character class,
    so the search skips to capitals."""
    capitals = _capitals()
    return re.compile(
        "([" + capitals + r"\U00010000-\U0010ffff]"
        + "(?:(?<=[" + capitals + r"])(?<![\w'’.-].)" + _REST_OF_WORD
        + r"|(?:(?<=[\d_'’.-].)(?<![^\W\d_][\d_'’.-].)|(?<![\w'’.-].)(?<=[^\W\d_]))()))"
    )


def _fuzzy_index(
    forms: dict[tuple[int, str, str], tuple[tuple[str, str], ...]],
) -> dict[str, list[frozenset[str] | None]]:
    """First two letters of the fuzzy variants -> by a span's length, the last two letters
    of the variants opening with them whose length is within one of it (None if none):
    what a span's ends must be, for its length, to come near any variant. Most spans
    fail on their length, a list index, before their last two letters are sliced."""
    grouped: dict[str, dict[int, set[str]]] = {}
    for length, head, tail in forms:
        for size in (length - 1, length, length + 1):
            grouped.setdefault(head, {}).setdefault(size, set()).add(tail)
    index: dict[str, list[frozenset[str] | None]] = {}
    for head, by_size in grouped.items():
        sizes: list[frozenset[str] | None] = [None] * (max(by_size) + 1)
        for size, tails in by_size.items():
            sizes[size] = frozenset(tails)
        index[head] = sizes
    return index


def _fuzzy_matches(
    body: str,
    owners: dict[str, tuple[str, ...]],
    taken: list[_Match],
    genitives: tuple[str, ...],
    words: tuple[list[str], list[int], list[int], list[str]] | None = None,
) -> list[tuple[_Match, str]]:
    """Spans of 1–3 capitalised words one edit from a long alias, with the alias they resemble.

    Conservative on purpose: the alias has at least FUZZY_MIN_LETTERS letters, the first
    and last two letters agree (an ending change is inflection or derivation, not a typo:
    "Ukrainer"), and exactly one entity is that close.
    """
    forms = memo(owners, ("fuzzy_forms", genitives), lambda: _fuzzy_forms(owners, genitives))
    # what a span must share with some variant: its first two letters, and for its
    # length its last two letters
    index = memo(forms, "fuzzy_index", lambda: _fuzzy_index(forms))
    exact = {(m.start, m.end) for m in taken}
    if words is None:
        words = _words_and_gaps(body)
    _texts, starts, stops, gaps = words
    found = []
    count = len(starts)
    for i in range(count):
        start = starts[i]
        by_size = index.get(body[start : start + 2])
        if by_size is None:
            continue  # a span starting unlike any variant is never one
        for n in range(3, 0, -1):
            # the cheapest tests first (each only skips this span)
            if i + n > count:
                continue
            end = stops[i + n - 1]
            if end - start < FUZZY_MIN_LETTERS:
                break  # fewer words are shorter still
            endings = by_size[end - start] if end - start < len(by_size) else None
            if endings is None or body[end - 2 : end] not in endings:
                continue  # no variant of about its length starts and ends like it
            # the words must be separated by exactly one space
            if n > 1 and (gaps[i] != " " or (n == 3 and gaps[i + 1] != " ")):
                continue
            text = body[start:end]
            if (start, end) in exact:
                continue
            near = {
                form
                for size in (len(text) - 1, len(text), len(text) + 1)
                for variant, form in forms.get((size, text[:2], text[-2:]), ())
                if _one_edit(variant, text)
            }
            entities = {owners[form] for form in near}
            if len(entities) == 1:
                form = min(near)
                found.append((_Match(start, end, owners[form], fuzzy=True), form))
                break
    return found


# ── overlap and ambiguity ─────────────────────────────────────────────────


def _longest_first(matches: list[_Match]) -> list[_Match]:
    """Keep non-overlapping matches, longest first (ties: exact before fuzzy, then leftmost).

    Only overlapping matches compete: by start, the matches fall into clusters, each
    match reaching into the stretch its cluster covers so far, and no match overlaps one
    of another cluster. Most matches are alone in theirs and are kept as they are; each
    cluster of several is decided on its own, longest first, then put back in text order
    (the kept matches are disjoint, so their starts differ)."""
    ordered = sorted(matches, key=_MATCH_START)
    kept: list[_Match] = []
    k, total = 0, len(ordered)
    while k < total:
        reach = ordered[k].end
        j = k + 1
        while j < total and ordered[j].start < reach:
            reach = max(reach, ordered[j].end)
            j += 1
        if j == k + 1:
            kept.append(ordered[k])
        else:
            winners = keep_disjoint(
                sorted(ordered[k:j], key=lambda m: (-(m.end - m.start), m.fuzzy, m.start)),
                lambda m: (m.start, m.end),
            )
            kept.extend(sorted(winners, key=_MATCH_START))
        k = j
    return kept


_MATCH_START = itemgetter(0)  # _Match.start, as a sort key called from C


def _resolve(matches: list[_Match], sentence_of: list[int]) -> list[str]:
    """Pick one entity per match; a shared alias goes to the entity under discussion."""
    if all(len(match.ids) == 1 for match in matches):
        return [match.ids[0] for match in matches]  # no shared alias: nothing to weigh
    chosen: list[str] = []
    count: dict[str, int] = {}
    last_sentence: dict[str, int] = {}
    last_position: dict[str, int] = {}
    for n, match in enumerate(matches):
        if len(match.ids) == 1:
            eid = match.ids[0]
        else:
            known = [i for i in match.ids if i in count]
            if known:
                recent = max(known, key=lambda i: last_position[i])
                if last_sentence[recent] >= sentence_of[n] - 1:
                    eid = recent
                else:
                    eid = max(known, key=lambda i: (count[i], last_position[i]))
            else:
                later = [
                    m.ids[0] for m in matches[n + 1 :] if len(m.ids) == 1 and m.ids[0] in match.ids
                ]
                eid = later[0] if later else match.ids[0]
        chosen.append(eid)
        count[eid] = count.get(eid, 0) + 1
        last_sentence[eid] = sentence_of[n]
        last_position[eid] = n
    return chosen


# ── candidates: proper names the gazetteer lacks ─────────────────────────


def _candidate_names(
    body: str,
    taken: list[_Match],
    rules: dict[str, tuple[str, ...]],
    words: tuple[list[str], list[int], list[int], list[str]] | None = None,
    owners: dict[str, tuple[str, ...]] | None = None,
    skipped: tuple[tuple[int, int], ...] = (),
) -> set[str]:
    """Runs of two or more capitalised words, outside any mention, that look like names.

    `words` are the body's capitalised words and gaps (_words_and_gaps). Only they can join a
    run; a lower-case word between two of them leaves more than one space between them,
    which ends the run just as the word itself would - except the connectors of an
    organisation's name ("Center for Strategic and International Studies", "Stiftung
    Wissenschaft und Politik"): in a run holding an organisation head word
    (`organisation_heads`), `name_connectors` join, and capitalised common nouns belong.
    A run that is a gazetteer form plus a demonym ending ("North Korean") is no name, and
    runs starting in a `skipped` span (a title-case heading) are left out."""
    covered = sorted((m.start, m.end) for m in taken)
    covered_starts = [s for s, _ in covered]
    reach, furthest = [], -1
    for _, e in covered:
        furthest = max(furthest, e)
        reach.append(furthest)

    # whether a word looks like part of a name depends on its text alone: remembered
    like: dict[str, bool] = memo(rules, "name_like", dict)
    if len(like) >= _NAME_LIKE_LIMIT:
        like.clear()
    if words is None:
        words = _words_and_gaps(body)
    texts, starts, stops, gaps = words

    runs = _Runs(body, texts, starts, stops, rules, owners, skipped)
    run = runs.run  # indexes of the words of the current run
    function_words, heads, joiners = runs.function_words, runs.heads, runs.joiners
    non_names = memo(rules, "name_filters", lambda: _name_filters(rules))[0]

    # A word whose gaps on both sides join nothing is a run of one: it adds no name
    # and ends the run before it, so only the words next to a joining gap are looked at.
    # joining[k]: the gap after word k may join (one space, or " for ", " of the " within
    # an organisation's name)
    joining = [gap in joiners for gap in gaps]
    joining.append(False)  # after the last word
    close = [k for k, after in enumerate(joining) if after or (k and joining[k - 1])]

    # A word lies inside a mention if some mention starting before its end reaches past
    # its start. The words' ends rise, so the mentions starting before the end (the
    # bisect_left of it in covered_starts) are counted by a pointer that only moves on.
    before, covered_count = 0, len(covered_starts)
    for k in close:
        if run and not (run[-1] == k - 1 and runs.joins(gaps[k - 1])):
            runs.flush()  # (a word left out between them ended the run)
        text = texts[k]
        name = like.get(text)
        if name is None:
            name = like[text] = _name_like(text, rules)
        if not name and heads and (
            text in heads or (run and _in_organisation(text, run, texts, heads))
        ):
            # a head or a common noun inside an organisation's name; role nouns and other
            # listed non-names still end the run ("Council Secretary Sergei Shoigu")
            name = text.lower() not in function_words and text.rstrip(".") not in non_names
        if name:
            end = stops[k]
            while before < covered_count and covered_starts[before] < end:
                before += 1
            if not (before > 0 and reach[before - 1] > starts[k]):
                run.append(k)
                continue
        if run:
            runs.flush()
    runs.flush()
    return runs.names


class _Runs:
    """The runs of _candidate_names and the names they give. A class, not closures:
    compiled, a closure is called through Python's calling convention and reads its
    variables from an environment object; a method is a direct call."""

    def __init__(
        self,
        body: str,
        texts: list[str],
        starts: list[int],
        stops: list[int],
        rules: dict[str, tuple[str, ...]],
        owners: dict[str, tuple[str, ...]] | None,
        skipped: tuple[tuple[int, int], ...],
    ) -> None:
        self.body = body
        self.texts = texts
        self.starts = starts
        self.stops = stops
        self.owners = owners
        self.skipped = skipped
        self.skipped_starts = [start for start, _ in skipped]
        self.adjectives = tuple(rules.get("adjective_endings", ()))
        words = memo(rules, "run_words", lambda: _run_words(rules))
        self.function_words: frozenset[str] = words[0]
        self.heads: frozenset[str] = words[1]
        self.joiners: frozenset[str] = words[2]
        self.demonyms: tuple[str, ...] = words[3]
        self.run: list[int] = []  # indexes of the words of the current run
        self.names: set[str] = set()

    def demonym(self, name: str) -> bool:
        """True if `name` is a gazetteer form plus a demonym ending ("North Korean")."""
        owners = self.owners
        return owners is not None and any(
            name.endswith(suffix) and name[: -len(suffix)] in owners for suffix in self.demonyms
        )

    def flush(self) -> None:
        """End the current run: add it as a name if two or more words remain of it."""
        run, texts = self.run, self.texts
        if run and len(texts[run[0]]) >= 6 and texts[run[0]].endswith(self.adjectives):
            run.pop(0)  # a sentence-initial adjective ("Stärkere Zusammenarbeit")
        while run and texts[run[0]].lower() in self.function_words:
            run.pop(0)  # a sentence-initial function word ("Under Article 5")
        if len(run) >= 2:
            start = self.starts[run[0]]
            at = bisect.bisect_right(self.skipped_starts, start) - 1
            name = self.body[start : self.stops[run[-1]]]
            if not (at >= 0 and start < self.skipped[at][1]) and not self.demonym(name):
                self.names.add(name)
        run.clear()

    def joins(self, gap: str) -> bool:
        """True if the text between two words lets them share a run."""
        return gap == " " or (
            gap in self.joiners and any(self.texts[i] in self.heads for i in self.run)
        )


def _in_organisation(text: str, run: list[int], texts: list[str], heads: frozenset[str]) -> bool:
    """True if a capitalised word continues a run holding an organisation head word: there
    common nouns are part of the name ("Stiftung Wissenschaft und Politik")."""
    return text[:1].isupper() and any(texts[i] in heads for i in run)


def _run_words(
    rules: dict[str, tuple[str, ...]],
) -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    """Function words, organisation heads, the gaps that may join two words of a run,
    demonym endings (longest first).

    The gaps: one space, or one or two name connectors between single spaces (" for ",
    " of the "); those join only within an organisation's name."""
    connectors = [c for c in rules.get("name_connectors", ()) if c.split() == [c]]
    joiners = {" "}
    joiners.update(f" {a} " for a in connectors)
    joiners.update(f" {a} {b} " for a in connectors for b in connectors)
    return (
        frozenset(rules.get("function_words", ())),
        frozenset(rules.get("organisation_heads", ())),
        frozenset(joiners),
        tuple(rules.get("demonym_suffixes", ())),
    )


def _title_case_headings(article: Article, function_words: frozenset[str]) -> tuple:
    """Spans of the body's headings written in title case ("A Supply Line by Rail and Sea",
    "Key Points"): every word capitalised but function words, so capitals name nothing."""
    spans = []
    body = article.body
    for start, end in article.paragraphs:
        text = body[start:end]
        if text.rstrip(_CLOSING).endswith((".", "!", "?", ",", ";")):
            continue
        tokens = _WORD.findall(text)
        capitalised = [t for t in tokens if t[:1].isupper()]
        if len(capitalised) >= 2 and all(
            t[:1].isupper() or t.lower() in function_words for t in tokens
        ):
            spans.append((start, end))
    return tuple(spans)


_CLOSING = "»“”\"')]"


_NAME_LIKE_LIMIT = 100_000  # distinct words remembered per rules (a long serve session)


def _name_like(word: str, rules: dict[str, tuple[str, ...]]) -> bool:
    """True if `word` may be part of a proper name: capitalised (a full stop aside), no
    listed non-name or honorific, no common-noun ending."""
    stop, endings, units = memo(rules, "name_filters", lambda: _name_filters(rules))
    bare = word.rstrip(".")
    return (
        bare[:1].isupper()
        and bare not in stop
        and bare.lower() not in units
        and not (len(bare) > 3 and bare.lower().endswith(endings))
    )


def _name_filters(
    rules: dict[str, tuple[str, ...]],
) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    stop = frozenset(rules.get("not_names", ())) | frozenset(rules.get("honorifics", ()))
    endings = tuple(e.lower() for e in rules.get("common_noun_endings", ()))
    return stop, endings, frozenset(rules.get("unit_words", ()))


# ── public ────────────────────────────────────────────────────────────────


def entity_names(tables: Tables) -> dict[str, str]:
    """Entity id -> canonical name, built once per tables (read, never changed, by every
    article's extraction)."""
    return memo(tables, "entity_names", lambda: {e.id: e.name for e in tables.entities})


def extract_mentions(
    article: Article, tables: Tables
) -> tuple[tuple[EntityMention, ...], tuple[str, ...]]:
    """Return the gazetteer mentions in the body (text order) and the candidate names.

    Mentions carry body spans and sentence indexes so every entity page can cite the
    sentence. Candidates are proper names not in the gazetteer plus every fuzzy match
    ("Pjönjangs → Pjöngjang (fuzzy)"), deduplicated and sorted, for the build report:
    nothing unknown is dropped silently.
    """
    body = article.body
    rules = name_rules(tables)
    genitives = rules.get("genitive_suffixes", ())
    _, owners = _automaton(tables.entities)
    matches = _gazetteer_matches(body, tables)
    matches += _coordinated(body, owners, rules.get("coordination", ()))
    words = _words_and_gaps(body)
    fuzzy = _fuzzy_matches(body, owners, matches, genitives, words)
    kept = _longest_first(matches + [m for m, _ in fuzzy])

    sentences = article.sentences
    starts = [s.start for s in sentences]
    # each mention's sentence: the one containing it, or the last one starting before it
    # (the first if none does); `kept` is in text order, so a pointer only moves on
    sentence_of = []
    at = 0
    for m in kept:
        while at + 1 < len(starts) and starts[at + 1] <= m.start:
            at += 1
        sentence_of.append(sentences[at].index if sentences else 0)
    chosen = _resolve(kept, sentence_of)
    # EntityMention's fields in order (entity, form, sentence, start, end): by position,
    # cheaper than by keyword from compiled code
    mentions = tuple(
        EntityMention(eid, body[m.start : m.end], s, m.start, m.end)
        for m, eid, s in zip(kept, chosen, sentence_of)
    )

    names = entity_names(tables)
    language = (tables.languages.get(article.language) or {}).get("entities") or {}
    headings = (
        _title_case_headings(article, frozenset(rules.get("function_words", ())))
        if language.get("title_case_headings")
        else ()
    )
    candidates = _candidate_names(body, kept, rules, words, owners, headings)
    kept_spans = {(m.start, m.end) for m in kept} if fuzzy else set()
    for match, form in fuzzy:
        if (match.start, match.end) in kept_spans:
            candidates.add(f"{body[match.start : match.end]} → {names[match.ids[0]]} (fuzzy)")
    return mentions, tuple(sorted(candidates))


def _gazetteer_matches(text: str, tables: Tables) -> list[_Match]:
    """The exact gazetteer matches in `text` (body or headline), with the language
    rules' genitive endings, and without names glued to a currency sign ("US$350")."""
    rules = name_rules(tables)
    currency = memo(rules, "currency_signs", lambda: frozenset(rules.get("currency_signs", ())))
    return _exact_matches(text, tables.entities, rules.get("genitive_suffixes", ()), currency)


def extract_title_mentions(
    article: Article, tables: Tables, body_mentions: tuple[EntityMention, ...] = ()
) -> tuple[EntityMention, ...]:
    """Return the gazetteer mentions in the headline (gold §5 counts title and body), with
    spans into `article.title` and sentence -1 (the title is no body sentence).

    A shared alias ("Kims") goes to the entity the body mentions most (`body_mentions`),
    as a reader takes the headline's "Kim" to be the body's Kim Jong-un.
    """
    title = article.title
    kept = _longest_first(_gazetteer_matches(title, tables))
    counts: dict[str, int] = {}
    for mention in body_mentions:
        counts[mention.entity] = counts.get(mention.entity, 0) + 1
    found = []
    for m in kept:
        ids = m.ids
        # the entity the body mentions most; of equals, the first listed
        best = max(range(len(ids)), key=lambda k: (counts.get(ids[k], 0), -k))
        found.append(
            EntityMention(
                entity=ids[best], form=title[m.start : m.end], sentence=-1, start=m.start, end=m.end
            )
        )
    return tuple(found)
