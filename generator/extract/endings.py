"""Word endings from the language tables ("Monaten" → "Monate", "-ung" → feminine):
the longest listed ending that ends a word decides."""

from __future__ import annotations

from collections.abc import Mapping


def longest_first(mapping: Mapping) -> tuple[tuple[str, str], ...]:
    """The (ending, value) pairs of a table mapping as text, longest ending first (table
    order among endings of one length)."""
    return tuple(
        (str(ending), str(value))
        for ending, value in sorted(mapping.items(), key=lambda kv: -len(str(kv[0])))
    )


def replace_ending(noun: str, endings: tuple[tuple[str, str], ...]) -> str | None:
    """`noun` with the first of `endings` (longest_first) that ends it, compared in lower
    case, replaced by its value; None when none does. A noun that is the whole ending keeps
    its capital ("Monaten" → "Monate")."""
    low = noun.lower()
    for ending, replacement in endings:
        if low.endswith(ending):
            stem = noun[: len(noun) - len(ending)]
            if not stem and noun[:1].isupper():
                replacement = replacement[:1].upper() + replacement[1:]
            return stem + replacement
    return None
