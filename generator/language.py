"""Language of an article: declared metadata, else stopword scoring.

The stopword lists live in generator/lang/<lang>/language.yml (key `stopwords`); the
language whose function words cover most tokens of the text wins. Function words are the
most frequent and least topic-dependent words of a language, so a few hundred tokens
decide reliably even for short news items.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from .extract.memo import memo
from .models import Tables

# Scanning a bounded prefix keeps detection linear and fast on very large seeds; the
# first 20,000 words are far more than the scores need.
MAX_TOKENS = 20_000
FALLBACK_LANGUAGES = ("de", "en")

_WORD = re.compile(r"[^\W\d_]+")


def stopwords(tables: Tables, lang: str) -> frozenset[str]:
    """Return the lower-case stopwords of `lang` from its language table (empty if none);
    built once per tables, since every article asks for every language's list."""
    return memo(tables, ("stopwords", lang), lambda: _build_stopwords(tables, lang))


def _build_stopwords(tables: Tables, lang: str) -> frozenset[str]:
    table = (tables.languages.get(lang) or {}).get("language") or {}
    words = table.get("stopwords") if isinstance(table, dict) else None
    return frozenset(str(w).lower() for w in words or ())


def normalise_language(value: object, known: tuple[str, ...]) -> str | None:
    """Return the language code for `value` ("de", "DE", "de-AT", "de_CH" → "de"), or None."""
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if code in known else None


def detect_language(text: str, tables: Tables, declared: str | None = None) -> str:
    """Return the language code of `text` ("de" or "en").

    Declared metadata wins when it names a known language: the researcher knows better
    than a word count. Otherwise each language scores the number of tokens found in its
    stopword list; ties and texts without any stopword fall back to the first language in
    sorted order, so the result is deterministic.
    """
    known = tuple(sorted(tables.languages)) or FALLBACK_LANGUAGES
    chosen = normalise_language(declared, known)
    if chosen:
        return chosen
    lists = {lang: stopwords(tables, lang) for lang in known}
    scores = dict.fromkeys(known, 0)
    # each distinct word is looked up once, weighted by how often it occurs
    counts = Counter(map(str.lower, map(re.Match.group, islice(_WORD.finditer(text), MAX_TOKENS))))
    for word, count in counts.items():
        for lang in known:
            if word in lists[lang]:
                scores[lang] += count
    # max() keeps the first of equal scores; `known` is sorted, so ties are stable.
    return max(known, key=lambda lang: scores[lang])
