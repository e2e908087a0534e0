"""Clean stage: Seed -> Article. Drops boilerplate lines, finds the headline, segments the body.

Pages copied from news sites carry everything around the article: ad-blocker and paywall
notices, promos, photo captions, "Lesen Sie auch" teasers, navigation, copyright lines,
repeated headlines. Cleaning works line by line in three passes:

1. Pattern rules from YAML (generator/lang/<lang>/boilerplate.yml for general web
   boilerplate of the article's language, seeds/_tables/boilerplate.yml for the corpus'
   outlets) drop lines, and with some rules the line after, the bullets after or the
   lines around (an image widget).
2. Structure decides the rest, using only the shape of the page:
   - a trailing paragraph that shares no content word with the rest is filler;
   - the headline: metadata title, else the first headline-like line before the body
     (a repeated one first), else - for pages that lost their headline - the subheading
     over the largest section, since that section carries most of what the article reports;
   - exact repeats of the headline, and headline-like variants right after it, are
     display/SEO duplicates;
   - short labels before the body that do not stand right above the headline are section
     labels (a label right above the headline is its kicker and stays);
   - a heading that introduces no paragraph (another heading or the end follows) and shares
     no content word with the headline is a related-article link.
3. The remaining lines, text unchanged, form the body: one paragraph a line.

Every decision is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .extract.memo import memo
from .language import detect_language, stopwords
from .models import Article, Problem, Seed, Tables
from .sentences import split_sentences

RULE_KINDS = ("line", "line_and_next", "line_and_bullets", "line_and_neighbours")
# Boilerplate lines are short; longer lines are body text and skip the pattern tests,
# which also keeps regex work bounded on pathological one-line files.
MAX_PATTERN_LINE = 2000
# A line dropped as "the next line" of a label or as part of an image block must look like
# a teaser, outlet name, alt text or caption, not a whole paragraph.
MAX_ATTACHED_WORDS = 40
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
LABEL_MAX_WORDS = 3
# Variant headlines share at least this many content words with the title, and this share
# of the shorter line's content words.
VARIANT_MIN_SHARED = 2
VARIANT_MIN_SHARE = 0.3
# Off-topic filler: a trailing paragraph with this many content words, none of them shared
# with the other lines, in an article with at least this many other paragraphs.
FILLER_MIN_WORDS = 8
FILLER_MIN_OTHERS = 3
# Content words compare by their first letters, so inflected forms meet
# ("Russland"/"Russlands", "Soldaten"/"Soldat").
STEM_LENGTH = 6
FALLBACK_TITLE_CHARS = 120

_BULLET = re.compile(r"^\s*[•·▪●◦‣∙*\-–+]\s+\S")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_TRAILING_QUOTES = "»“”\"')"


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based line number in Seed.text
    raw: str  # as in the seed
    text: str  # without surrounding whitespace
    heading: bool  # headline-like (is_heading), computed once


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Compiled boilerplate patterns, one tuple per rule kind (see boilerplate.yml)."""

    line: tuple[re.Pattern[str], ...] = ()
    line_and_next: tuple[re.Pattern[str], ...] = ()
    line_and_bullets: tuple[re.Pattern[str], ...] = ()
    line_and_neighbours: tuple[re.Pattern[str], ...] = ()


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str] | str:
    """The compiled pattern, or the error message if it is no valid regex."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        return str(exc)


def _table_name(tables: Tables, language: str | None) -> str:
    """File name of a boilerplate table for messages (language table if `language`)."""
    wanted = f"lang/{language}/boilerplate.yml" if language else "_tables/boilerplate.yml"
    for source in tables.sources:
        if source.as_posix().endswith(wanted):
            return str(source)
    return wanted


def boilerplate_rules(
    tables: Tables, language: str
) -> tuple[BoilerplateRules, tuple[Problem, ...]]:
    """Return the rules of the language table plus the corpus table, and warnings for
    unknown rule kinds or invalid regular expressions (those entries are skipped)."""
    compiled: dict[str, list[re.Pattern[str]]] = {kind: [] for kind in RULE_KINDS}
    problems: list[Problem] = []
    layers = (
        ((tables.languages.get(language) or {}).get("boilerplate") or {}, language),
        (tables.boilerplate or {}, None),
    )
    for table, table_language in layers:
        name = _table_name(tables, table_language)
        if not isinstance(table, dict):
            problems.append(Problem(name, "boilerplate table must be a mapping of rule kinds"))
            continue
        for kind in sorted(table, key=str):
            if kind not in RULE_KINDS:
                problems.append(
                    Problem(name, f"unknown rule kind {kind!r} (known: {', '.join(RULE_KINDS)})")
                )
                continue
            for pattern in table[kind] or ():
                result = _compile(str(pattern))
                if isinstance(result, str):
                    problems.append(Problem(name, f"invalid pattern {pattern!r}: {result}"))
                else:
                    compiled[kind].append(result)
    rules = BoilerplateRules(**{kind: _combined(tuple(compiled[kind])) for kind in RULE_KINDS})
    return rules, tuple(problems)


_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


# ── screening: skip patterns whose required text a line lacks ─────────────


def _case_safe_chars() -> frozenset[str]:
    """Characters for which lower-casing decides case-insensitive equality exactly as the
    regex engine does: in these Latin and punctuation blocks, without the few whose
    lower-case form has extra regex equivalents (dotless "ı", long "ſ", ...)."""
    try:
        from re._casefix import _EXTRA_CASES  # Python 3.11+: the engine's own table
    except ImportError:  # pragma: no cover - another Python: screen nothing
        return frozenset()
    classes = {key: min(key, *values) for key, values in _EXTRA_CASES.items()}
    for key, values in _EXTRA_CASES.items():
        for value in values:
            classes.setdefault(value, classes[key])
    safe = set()
    for low, high in ((0x0000, 0x024F), (0x1E00, 0x1EFF), (0x2000, 0x20CF)):
        for code in range(low, high + 1):
            lowered = chr(code).lower()
            if len(lowered) != 1:
                continue
            canonical = classes.get(ord(lowered))
            if canonical is None or canonical == ord(lowered):
                safe.add(chr(code))
    return frozenset(safe)


_CASE_SAFE = _case_safe_chars()
_CASE_UNSAFE = (
    re.compile("[^" + "".join(re.escape(c) for c in sorted(_CASE_SAFE)) + "]")
    if _CASE_SAFE
    else re.compile(r"[\s\S]")
)


def _required_texts(items: list) -> set[str] | None:
    """Texts one of which every match of the parsed sequence `items` contains (the most
    selective such set found), or None if no literal text is required."""
    from re import _constants as c

    best: set[str] | None = None

    def consider(texts: set[str] | None) -> None:
        nonlocal best
        if texts and all(texts) and (best is None or min(map(len, texts)) > min(map(len, best))):
            best = texts

    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider({"".join(run)})
            run = []
        if op is c.SUBPATTERN and not av[1] and not av[2]:  # a group without own flags
            consider(_required_texts(av[3].data))
        elif op is c.BRANCH:
            alternatives = [_required_texts(branch.data) for branch in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required_texts(av[2].data))
        elif op is c.ATOMIC_GROUP:
            consider(_required_texts(av.data))
    if run:
        consider({"".join(run)})
    return best


@dataclass(frozen=True, slots=True)
class _Screened:
    """A boilerplate pattern with texts one of which each of its matches contains
    (lower-case when it ignores case); `texts` None: the pattern is always tried."""

    pattern: re.Pattern[str]
    texts: tuple[str, ...] | None
    ignore_case: bool


@lru_cache(maxsize=1024)
def _screen(pattern: re.Pattern[str]) -> _Screened:
    """The pattern with its required texts, read from its parse tree."""
    try:
        from re import _parser

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        texts = _required_texts(parsed.data)
    except Exception:  # noqa: BLE001 - an internal API changed: try the pattern always
        return _Screened(pattern, None, False)
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    if texts is None:
        return _Screened(pattern, None, ignore_case)
    if ignore_case:
        if any(ch not in _CASE_SAFE for text in texts for ch in text):
            return _Screened(pattern, None, ignore_case)
        texts = {text.lower() for text in texts}
    return _Screened(pattern, tuple(sorted(texts)), ignore_case)


def _screened_rules(tables: Tables, language: str) -> dict[str, tuple[_Screened, ...]]:
    """Each rule kind's patterns one by one, screened; built once per tables."""
    compiled: dict[str, list[_Screened]] = {kind: [] for kind in RULE_KINDS}
    layers = (
        ((tables.languages.get(language) or {}).get("boilerplate") or {}, language),
        (tables.boilerplate or {}, None),
    )
    for table, _ in layers:
        if not isinstance(table, dict):
            continue
        for kind in sorted(table, key=str):
            if kind not in RULE_KINDS:
                continue
            for pattern in table[kind] or ():
                result = _compile(str(pattern))
                if not isinstance(result, str):
                    compiled[kind].append(_screen(result))
    return {kind: tuple(screens) for kind, screens in compiled.items()}


def _any_match(
    screens: tuple[_Screened, ...],
    text: str,
    lowered: str,
    case_safe: bool,
    present: set[int] | None = None,
) -> bool:
    """True if one of the patterns matches `text` (the same answer as their alternation),
    trying only those whose required text occurs in it. `present`, if given, holds the
    ids of the screens whose required text occurs (see _present), found in one scan."""
    for screen in screens:
        if screen.texts is not None and (case_safe or not screen.ignore_case):
            if present is not None:
                if id(screen) not in present:
                    continue
            else:
                haystack = lowered if screen.ignore_case else text
                if not any(needle in haystack for needle in screen.texts):
                    continue
        if screen.pattern.search(text):
            return True
    return False


def _needles(
    rules: dict[str, tuple[_Screened, ...]],
) -> tuple[ahocorasick.Automaton | None, ahocorasick.Automaton | None]:
    """Automata over the required texts of the case-insensitive (lower-case texts) and
    the case-sensitive screens; each text maps to the ids of the screens requiring it."""
    owners: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
    for kind in RULE_KINDS:
        for screen in rules[kind]:
            for text in screen.texts or ():
                owners[0 if screen.ignore_case else 1].setdefault(text, set()).add(id(screen))
    automata: list[ahocorasick.Automaton | None] = []
    for texts in owners:
        if not texts:
            automata.append(None)
            continue
        automaton = ahocorasick.Automaton()
        for text, ids in sorted(texts.items()):
            automaton.add_word(text, tuple(sorted(ids)))
        automaton.make_automaton()
        automata.append(automaton)
    return automata[0], automata[1]


def _present(
    needles: tuple[ahocorasick.Automaton | None, ahocorasick.Automaton | None],
    text: str,
    lowered: str,
    case_safe: bool,
) -> set[int]:
    """Ids of the screens whose required text occurs in the line (the lower-cased line for
    case-insensitive ones, only where lower-casing is exact: `case_safe`)."""
    present: set[int] = set()
    folded, exact = needles
    if folded is not None and case_safe:
        for _, ids in folded.iter(lowered):
            present.update(ids)
    if exact is not None:
        for _, ids in exact.iter(text):
            present.update(ids)
    return present


@lru_cache(maxsize=64)
def _combined(patterns: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], ...]:
    """One alternation for all patterns of a kind (one regex pass per line instead of dozens);
    the separate patterns if they cannot be combined (e.g. they use group references)."""
    if len(patterns) < 2:
        return patterns
    parts = []
    for pattern in patterns:
        # A leading global flag such as (?i) becomes a scoped group (?i:...) so it keeps
        # applying to its own pattern only.
        flags = _LEADING_FLAGS.match(pattern.pattern)
        body = pattern.pattern[flags.end() :] if flags else pattern.pattern
        parts.append(f"(?{flags.group(1)}:{body})" if flags else f"(?:{body})")
    result = _compile("|".join(parts))
    return patterns if isinstance(result, str) else (result,)


# ── line shapes ───────────────────────────────────────────────────────────


def fold(text: str) -> str:
    """Whitespace-folded, case-folded text: how lines are compared for repeats."""
    return " ".join(text.split()).casefold()


def is_heading(text: str) -> bool:
    """True for a headline-like line: short, and not closed like a sentence or a label."""
    words = text.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or len(text) > HEADLINE_MAX_CHARS:
        return False
    return not text.rstrip(_TRAILING_QUOTES).endswith((".", ":", ",", ";", "…"))


def content_stems(text: str, stop: frozenset[str]) -> set[str]:
    """Stems of the content words of `text` (no stopwords, no numbers, three letters or more)."""
    stems = set()
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) >= 3 and word not in stop:
            stems.add(word[:STEM_LENGTH])
    return stems


# ── passes ────────────────────────────────────────────────────────────────


def _pattern_drops(lines: list[_Line], rules: dict[str, tuple[_Screened, ...]]) -> set[int]:
    """Indices of lines the YAML pattern rules drop, with the lines the rules attach."""
    dropped: set[int] = set()
    needles = memo(rules, "needles", lambda: _needles(rules))
    line_rules, next_rules = rules["line"], rules["line_and_next"]
    bullet_rules, neighbour_rules = rules["line_and_bullets"], rules["line_and_neighbours"]

    def attached(index: int) -> bool:
        return 0 <= index < len(lines) and len(lines[index].text.split()) <= MAX_ATTACHED_WORDS

    for index, line in enumerate(lines):
        text = line.text
        if len(text) > MAX_PATTERN_LINE:
            continue
        lowered = text.lower()
        case_safe = _CASE_UNSAFE.search(text) is None
        present = _present(needles, text, lowered, case_safe)

        if _any_match(line_rules, text, lowered, case_safe, present):
            dropped.add(index)
        if _any_match(next_rules, text, lowered, case_safe, present):
            dropped.add(index)
            if attached(index + 1):
                dropped.add(index + 1)
        if _any_match(bullet_rules, text, lowered, case_safe, present):
            dropped.add(index)
            following = index + 1
            while following < len(lines) and _BULLET.match(lines[following].raw):
                dropped.add(following)
                following += 1
        if _any_match(neighbour_rules, text, lowered, case_safe, present):
            dropped.add(index)
            dropped.update(i for i in (index - 1, index + 1) if attached(i))
    return dropped


def _trailing_filler(lines: list[_Line], remaining: list[int], stop: frozenset[str]) -> int | None:
    """Index of a last paragraph that shares no content word with any other line, if any."""
    if not remaining or lines[remaining[-1]].heading:
        return None
    last = remaining[-1]
    others = remaining[:-1]
    if sum(1 for i in others if not lines[i].heading) < FILLER_MIN_OTHERS:
        return None
    stems = content_stems(lines[last].text, stop)
    if len(stems) < FILLER_MIN_WORDS:
        return None
    # one shared word is enough: stop at the first line that has one
    for i in others:
        if not stems.isdisjoint(content_stems(lines[i].text, stop)):
            return None
    return last


def _largest_section(lines: list[_Line], remaining: list[int]) -> int | None:
    """Index of the subheading over the most paragraph text (earliest on ties), if any."""
    best: tuple[int, int] | None = None  # (characters, index)
    current: int | None = None
    sizes: dict[int, int] = {}
    for i in remaining:
        text = lines[i].text
        if lines[i].heading:
            current = i if len(text.split()) >= HEADLINE_MIN_WORDS else None
            if current is not None:
                sizes[current] = 0
        elif current is not None:
            sizes[current] += len(text)
    for i in sorted(sizes):
        if sizes[i] and (best is None or sizes[i] > best[0]):
            best = (sizes[i], i)
    return best[1] if best else None


def _first_sentence(text: str) -> str:
    """The first sentence of `text`, cut at a word boundary to a headline's length."""
    match = _SENTENCE_END.search(text)
    sentence = text[: match.end()] if match else text
    if len(sentence) <= FALLBACK_TITLE_CHARS:
        return sentence
    return sentence[:FALLBACK_TITLE_CHARS].rsplit(" ", 1)[0] + " …"


def _is_variant(title_stems: set[str], text: str, stop: frozenset[str]) -> bool:
    """True if a headline-like line shares enough content words with the title."""
    stems = content_stems(text, stop)
    shared = len(title_stems & stems)
    smaller = min(len(title_stems), len(stems)) or 1
    return shared >= VARIANT_MIN_SHARED and shared >= VARIANT_MIN_SHARE * smaller


def _neighbours(
    remaining: list[int], removed: set[int]
) -> tuple[dict[int, int | None], dict[int, int | None]]:
    """For every kept line, the kept line before and after it (None at the ends)."""
    kept = [i for i in remaining if i not in removed]
    before = {i: kept[k - 1] if k else None for k, i in enumerate(kept)}
    after = {i: kept[k + 1] if k + 1 < len(kept) else None for k, i in enumerate(kept)}
    return before, after


def _all_stopwords(tables: Tables) -> frozenset[str]:
    """The stopwords of every language: content words are compared across languages."""
    return frozenset().union(*(stopwords(tables, lang) for lang in sorted(tables.languages)))


def clean_seed(seed: Seed, tables: Tables, slug: str) -> Article:
    """Return the Article of `seed`: headline, boilerplate-free body (one paragraph a line,
    text unchanged), paragraph offsets, sentences, and the removed lines in file order."""
    language = detect_language(seed.text, tables, seed.meta.language)
    # warnings about the tables; the patterns themselves are tried screened (see below)
    _, problems = memo(
        tables, ("boilerplate_rules", language), lambda: boilerplate_rules(tables, language)
    )
    stop = memo(tables, "all_stopwords", lambda: _all_stopwords(tables))
    lines = [
        _Line(number, raw, raw.strip(), is_heading(raw.strip()))
        for number, raw in enumerate(seed.text.split("\n"), start=1)
        if raw.strip()
    ]
    screened = memo(
        tables, ("screened_boilerplate", language), lambda: _screened_rules(tables, language)
    )
    removed = _pattern_drops(lines, screened)
    remaining = [i for i in range(len(lines)) if i not in removed]
    filler = _trailing_filler(lines, remaining, stop)
    if filler is not None:
        removed.add(filler)
        remaining.remove(filler)

    first_paragraph = next(
        (k for k, i in enumerate(remaining) if not lines[i].heading), len(remaining)
    )
    head_zone = remaining[:first_paragraph]

    # The headline.
    title_index: int | None = None
    if seed.meta.title:
        title = seed.meta.title
        title_index = next((i for i in remaining if fold(lines[i].text) == fold(title)), None)
    else:
        candidates = [
            i
            for i in head_zone
            if lines[i].heading and len(lines[i].text.split()) >= HEADLINE_MIN_WORDS
        ]
        counts: dict[str, int] = {}
        for i in remaining:
            counts[fold(lines[i].text)] = counts.get(fold(lines[i].text), 0) + 1
        repeated = [i for i in candidates if counts[fold(lines[i].text)] > 1]
        if candidates:
            title_index = (repeated or candidates)[0]
        else:
            title_index = _largest_section(lines, remaining)
        if title_index is not None:
            title = lines[title_index].text
        elif remaining:
            title = _first_sentence(lines[remaining[0]].text)
            problems += (
                Problem(seed.file, "no headline found; title taken from the first sentence"),
            )
        else:
            title = seed.file
    title_stems = content_stems(title, stop)

    # Repeated and variant headlines after the title.
    if title_index is not None:
        after = [i for i in remaining if i > title_index]
        removed.update(i for i in after if fold(lines[i].text) == fold(title))
        for i in after:
            if i in removed:
                continue
            if lines[i].heading and _is_variant(title_stems, lines[i].text, stop):
                removed.add(i)
                continue
            break
    else:
        for i in head_zone:
            if lines[i].heading and _is_variant(title_stems, lines[i].text, stop):
                removed.add(i)

    # Section labels before the headline (a label right above the headline is its kicker).
    _, following = _neighbours(remaining, removed)
    for i in remaining[:first_paragraph]:
        if i in removed or (title_index is not None and i >= title_index):
            continue
        short = len(lines[i].text.split()) <= LABEL_MAX_WORDS
        if lines[i].heading and short and (title_index is None or following[i] != title_index):
            removed.add(i)

    # Related-article links: a headline-length line after a paragraph that introduces none
    # (the page ends, or another heading follows that does introduce one) and shares no
    # content word with the headline. Runs of three or more short lines are lists and stay.
    preceding, following = _neighbours(remaining, removed)
    links = set()
    for i in remaining[first_paragraph:]:
        line = lines[i]
        if i in removed or i == title_index or not line.heading or _BULLET.match(line.raw):
            continue
        if len(line.text.split()) < HEADLINE_MIN_WORDS:
            continue
        if content_stems(line.text, stop) & title_stems:
            continue
        after, before = following[i], preceding[i]
        if before is not None and lines[before].heading:
            continue  # inside a run of short lines: a list, or a heading over a heading
        if after is None:
            links.add(i)
        elif lines[after].heading:
            beyond = following[after]
            if beyond is not None and not lines[beyond].heading:
                links.add(i)
    removed |= links

    body_lines = [lines[i].text for i in remaining if i not in removed and i != title_index]
    body = "\n".join(body_lines)
    paragraphs: list[tuple[int, int]] = []
    offset = 0
    for text in body_lines:
        paragraphs.append((offset, offset + len(text)))
        offset += len(text) + 1
    if not body_lines:
        problems += (Problem(seed.file, "no article text left after removing boilerplate"),)
    kept = [i for i in remaining if i not in removed and i != title_index]
    outlet = (
        None
        if seed.meta.source
        else _outlet_from_page(lines, removed, kept[-1] if kept else -1, tables, language)
    )
    table = (tables.languages.get(language) or {}).get("language") or {}
    sentences = split_sentences(
        body,
        tuple(paragraphs),
        tuple(str(a) for a in table.get("abbreviations") or ()),
        bool(table.get("initials")),
    )
    return Article(
        file=seed.file,
        slug=slug,
        title=title,
        body=body,
        paragraphs=tuple(paragraphs),
        sentences=sentences,
        language=language,
        meta=seed.meta,
        fmt=seed.fmt,
        encoding=seed.encoding,
        sha256=seed.sha256,
        boilerplate=tuple(lines[i].raw for i in sorted(removed)),
        problems=seed.problems + problems,
        source_from_text=outlet,
    )


# An outlet's name is short; a longer "next line" is text, not a name.
OUTLET_MAX_WORDS = 6


def _outlet_patterns(
    tables: Tables, language: str
) -> dict[str, tuple[re.Pattern[str], ...]]:
    """The language's outlet patterns by key (see generator/lang/<lang>/outlets.yml)."""
    table = (tables.languages.get(language) or {}).get("outlets") or {}
    return {
        key: tuple(re.compile(str(pattern), re.IGNORECASE) for pattern in table.get(key) or ())
        for key in ("self_references", "closing_references", "credit_lines")
    }


def _outlet_in(match: re.Match[str], lines: list[_Line], i: int, stop: frozenset[str]) -> str:
    """The outlet named by `match` on line `i` (or on the short line after a read-more
    line that ends before the name), or "" when it names none or only a function word."""
    outlet = (match.group("outlet") or "").strip(" :–-")
    if not outlet and i + 1 < len(lines):
        following = lines[i + 1].text
        if len(following.split()) <= OUTLET_MAX_WORDS and not following.endswith((".", "!", "?")):
            outlet = following.strip(" :–-")
    words = outlet.split()
    if words and (words[0].lower() not in stop or len(words) > 1):
        return " ".join(words)
    return ""


def _outlet_from_page(
    lines: list[_Line], removed: set[int], last_kept: int, tables: Tables, language: str
) -> str | None:
    """Return the outlet a page names itself, or None.

    Only lines cleaning removed are read (the page's promos, read-more lines and
    disclaimers, never the article's text, where a cited source could match), with the
    language's `outlets.self_references`. A read-more line that ends before the name
    ("… Artikel unter") takes the next line when that is short and no sentence. Failing
    those, a copyright line after the article's last line (`last_kept`), the page's
    footer, names the publisher (`closing_references`) - unless it stands right under a
    photo credit (`credit_lines`): then it is the picture's credit.
    """
    patterns = memo(
        tables, ("outlet_patterns", language), lambda: _outlet_patterns(tables, language)
    )
    if not any(patterns.values()):
        return None
    stop = stopwords(tables, language)
    for i in sorted(removed):
        for pattern in patterns["self_references"]:
            match = pattern.search(lines[i].text)
            outlet = _outlet_in(match, lines, i, stop) if match else ""
            if outlet:
                return outlet
    for i in sorted(removed):
        if i <= last_kept:
            continue
        if i and any(p.search(lines[i - 1].text) for p in patterns["credit_lines"]):
            continue
        for pattern in patterns["closing_references"]:
            match = pattern.search(lines[i].text)
            outlet = _outlet_in(match, lines, i, stop) if match else ""
            if outlet:
                return outlet
    return None
