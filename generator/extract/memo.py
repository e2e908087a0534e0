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
