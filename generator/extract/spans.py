"""Overlap removal for spans in O(n log n): the greedy "first in priority order wins"
rule that extractors use (longest match first), without comparing every pair."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def keep_disjoint(ordered: Iterable[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """Return the items of `ordered` that overlap no earlier kept item, in `ordered`'s order.

    Two spans (s, e) and (s2, e2) overlap when s < e2 and s2 < e (touching spans do not).
    The kept spans are disjoint, so sorted by (start, end) their ends rise too: a new span
    overlaps one iff the last kept span starting before its end reaches past its start.
    """
    kept: list[T] = []
    taken: list[tuple[int, int]] = []  # kept spans, sorted by (start, end)
    for item in ordered:
        start, end = span(item)
        before = bisect_left(taken, (end, -1))  # kept spans starting before `end` (ends ≥ 0)
        if before and taken[before - 1][1] > start:
            continue
        insort(taken, (start, end))
        kept.append(item)
    return kept
