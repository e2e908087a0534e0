"""The fast paths of cleaning and extraction give exactly what the plain scans give.

Boilerplate patterns are tried only on lines holding their required text
(generator/clean.py _screen) and must agree with a full regex scan on any text,
including the characters that fold to ASCII letters only for the regex engine
("ſ" ~ "s", "K" (Kelvin) ~ "k", "ı" ~ "i", "İ"). The tokenizer (generator/extract/numbers.py
tokenize, read with findall) must give the tokens a plain _TOKEN.finditer gives.
"""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

from generator.clean import (
    _CASE_UNSAFE,
    _any_match,
    _needles,
    _present,
    _screen,
    _screened_rules,
)
from generator.extract.numbers import _TOKEN, Token, tokenize
from generator.tables import load_tables

ROOT = Path(__file__).resolve().parent.parent
TABLES = load_tables(ROOT / "seeds" / "_tables")

# Pieces that make boilerplate patterns fire (and date words around them), plus tricky characters.
PIECES = (
    "am",
    "Am",
    "im",
    "seit",
    "vom",
    "Mitte",
    "Anfang",
    "Ende",
    "des Jahres",
    "4.",
    "18",
    "2024",
    "1999",
    "November",
    "Juni",
    "Nov.",
    "Dienstag",
    "Freitag",
    "letzten",
    "vergangenen",
    "heute",
    "gestern",
    "Woche",
    "in der",
    "last",
    "August",
    "mid-",
    "on",
    "Monday",
    "the",
    "summer",
    "of",
    "Lesen Sie auch",
    "Werbeblocker",
    "WERBEBLOCKER",
    "kein ſpam",
    "Foto:",
    "©",
    "Anzeige",
    "İhr Adblocker",
    "Kommentare",
    "Von",
    "dpa",
    "jetzt testen",
    "-",
    "–",
    ",",
    " ",
    "  ",
    "\n",
    "x",
    "Soldaten",
    "ﬀ",
    "ı",
    "K",
)


def random_texts(count: int = 600) -> list[str]:
    """Seeded texts from PIECES, glued and spaced (deterministic: same texts every run)."""
    rng = random.Random(2024)
    joints = ("", " ", " ", "\n")
    return [
        rng.choice(joints).join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        for _ in range(count)
    ]


def test_screened_boilerplate_agrees_with_every_pattern():
    for text, language in itertools.product(random_texts(), ("de", "en")):
        line = text.strip()
        rules = _screened_rules(TABLES, language)
        safe = _CASE_UNSAFE.search(line) is None
        present = _present(_needles(rules), line, line.lower(), safe)
        for kind, screens in rules.items():
            plain = any(screen.pattern.search(line) for screen in screens)
            assert _any_match(screens, line, line.lower(), safe) == plain, (kind, line)
            assert _any_match(screens, line, line.lower(), safe, present) == plain, (kind, line)


def test_screen_reads_required_text_and_folds_case():
    screen = _screen(re.compile(r"(?i)\bkein spam\b"))
    assert screen.texts == ("kein spam",) and screen.ignore_case
    anchored = _screen(re.compile(r"^[-+–—*•·|=_~]+$"))
    assert anchored.texts is None  # no literal required: always tried
    # "ſ" matches "s" for the regex engine only: such a line is never screened out
    assert _CASE_UNSAFE.search("kein ſpam") is not None
    assert _any_match((screen,), "kein ſpam", "kein ſpam".lower(), False)


def _plain_tokens(text: str, offset: int) -> list[tuple]:
    """The tokens of `text` as a plain _TOKEN.finditer reads them."""
    return [
        (m.group(), m.lastgroup, offset + m.start(), offset + m.end(), False, m.group().lower())
        for m in _TOKEN.finditer(text)
    ]


def test_tokenize_reads_what_finditer_reads():
    odd = ("\u00a0", "\t", "\u2009", "F-16", "152-Millimeter", "1.6m", "'s", "’", "_", "İ", "ΟΣ")
    rng = random.Random(7)
    texts = random_texts() + [
        "".join(rng.choice(PIECES + odd) for _ in range(rng.randint(0, 20))) for _ in range(300)
    ]
    for text in texts:
        tokens = tokenize(text, 17, ())
        assert [t.fields() for t in tokens] == _plain_tokens(text, 17), text
        assert all(isinstance(t, Token) for t in tokens)


def test_tokenize_offsets_and_kinds():
    tokens = tokenize("  rund 1.500 US-Soldaten, F-16\u00a0!", 100, ((107, 112),))
    assert [(t.text, t.kind, t.start, t.end, t.blocked) for t in tokens] == [
        ("rund", "word", 102, 106, False),
        ("1.500", "num", 107, 112, True),
        ("US-Soldaten", "word", 113, 124, False),
        (",", "sym", 124, 125, False),
        ("F-16", "word", 126, 130, False),
        ("!", "sym", 131, 132, False),
    ]
