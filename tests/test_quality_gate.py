"""Extraction quality gate: score `extract --format json seeds` against the gold; pinned floors."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import GOLD, ROOT, SCORER

FLOORS = {"figures": 0.95, "strict": 0.90, "dates": 0.90, "entities": 0.90}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SCORER.exists() or not GOLD.exists():
        pytest.skip("../shared gold or scorer not present")
    out = tmp_path_factory.mktemp("gate") / "extract.json"
    extract = subprocess.run(
        [sys.executable, "-m", "generator", "extract", "--format", "json", "seeds"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    out.write_text(extract.stdout, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(out), str(GOLD)],
        capture_output=True,
        text=True,
        check=True,
    )
    return scored.stdout.strip().splitlines()[-1]


def test_extraction_meets_pinned_floors(scores: str) -> None:
    match = re.search(
        r"figures F1 ([\d.]+) \(strict ([\d.]+)\) · dates F1 ([\d.]+) · entities F1 ([\d.]+)"
        r" · titles (\d+)/(\d+) · boilerplate removed (\d+)/(\d+)",
        scores,
    )
    assert match, scores
    figures, strict, dates, entities = (float(match.group(i)) for i in range(1, 5))
    assert figures >= FLOORS["figures"], scores
    assert strict >= FLOORS["strict"], scores
    assert dates >= FLOORS["dates"], scores
    assert entities >= FLOORS["entities"], scores
    assert match.group(5) == match.group(6), f"titles: {scores}"
    assert match.group(7) == match.group(8), f"boilerplate: {scores}"
