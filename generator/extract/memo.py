"""Per-Tables memo: values derived from the YAML tables (indexes, compiled patterns) are
built once per Tables object instead of once per article or per call.

Tables holds dicts, so it is not hashable; the memo is keyed by the object's identity and
keeps a reference to the object, so an id can never be reused by another Tables while its
entry lives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_LIMIT = 512  # a build loads a handful of Tables; tests load a few dozen
_MEMO: dict[tuple[int, object], tuple[object, object]] = {}


def memo(owner: object, key: object, build: Callable[[], T]) -> T:
    """Return build() for (owner, key), computed once while `owner` is the same object.

    Callers derive pure values from `owner` (it is never mutated after loading), so the
    cached value is exactly what a fresh build() would return.
    """
    slot = (id(owner), key)
    hit = _MEMO.get(slot)
    if hit is not None and hit[0] is owner:
        return hit[1]  # type: ignore[return-value]
    if len(_MEMO) >= _LIMIT:
        _MEMO.clear()
    value = build()
    _MEMO[slot] = (owner, value)
    return value


_LAST: dict[str, tuple[object, object]] = {}


def memo_last(name: str, owner: object, build: Callable[[], T]) -> T:
    """Return build() for `owner`, remembering only the most recent owner under `name`.

    For values derived from a whole corpus (the timeline, the claims of a topic): two
    renderers of one build ask for the same corpus, and keeping older corpora alive would
    hold every earlier build of a `mkdocs serve` session in memory.
    """
    hit = _LAST.get(name)
    if hit is not None and hit[0] is owner:
        return hit[1]  # type: ignore[return-value]
    value = build()
    _LAST[name] = (owner, value)
    return value


MISSING = object()


class ObjectMemo:
    """Values derived from one of many objects (an Extraction), kept while the object is
    the same and the value's other inputs are equal: in a running `mkdocs serve` the
    unchanged articles' work is reused. Keyed by identity, so the entry keeps the object
    alive and its id cannot be reused while the entry lives; cleared past `limit` entries.
    After a build, entries owned by objects the corpus no longer has are dropped
    (forget_owners), so edited or deleted articles do not stay in memory all session.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._store: dict[tuple[int, object], tuple[object, object, object]] = {}
        _ALL.append(self)

    def clear(self) -> None:
        """Forget every entry."""
        self._store.clear()

    def lookup(self, owner: object, key: object = None, inputs: object = None) -> object:
        """The value stored for (owner, key) with equal `inputs`, or MISSING."""
        hit = self._store.get((id(owner), key))
        if hit is not None and hit[0] is owner and hit[1] == inputs:
            return hit[2]
        return MISSING

    def store(self, owner: object, key: object, inputs: object, value: T) -> T:
        """Remember `value` for (owner, key) and `inputs`; return it."""
        if len(self._store) >= self._limit:
            self.clear()
        self._store[(id(owner), key)] = (owner, inputs, value)
        return value

    def get(
        self, owner: object, key: object, inputs: object, build: Callable[[], T]
    ) -> T:
        """lookup(), or build() and store() it."""
        value = self.lookup(owner, key, inputs)
        if value is MISSING:
            value = self.store(owner, key, inputs, build())
        return value  # type: ignore[return-value]

    def forget(self, kind: type, live: set[int]) -> None:
        """Drop the entries whose owner is a `kind` whose id is not in `live`."""
        store = self._store
        # slot[0] is id(owner), and the entry holds the owner, so the id is still its own
        dead = [slot for slot, e in store.items() if slot[0] not in live and type(e[0]) is kind]
        for slot in dead:
            del store[slot]


_ALL: list[ObjectMemo] = []


def forget_owners(kind: type, live: set[int]) -> None:
    """Drop, in every ObjectMemo, the entries owned by a `kind` object whose id is not in
    `live` (after a build: the extractions of edited or deleted articles, which the corpus
    no longer has)."""
    for memo_ in _ALL:
        memo_.forget(kind, live)
