"""Data exports: figures.csv and figures.json agree row for row; JSON is byte-deterministic."""

from __future__ import annotations

import csv
import io
import json

from test_render_extras import TABLES, figures_corpus
from test_timeline import summit_corpus

from generator.render.data import FIGURE_FIELDS, render_data


def files(corpus) -> dict[str, str]:
    return {page.path: page.content for page in render_data(corpus, TABLES)}


def test_data_files_are_the_five_exports() -> None:
    assert sorted(files(figures_corpus())) == [
        "data/articles.json",
        "data/entities.json",
        "data/figures.csv",
        "data/figures.json",
        "data/timeline.json",
    ]


def test_figures_csv_and_json_agree_row_for_row() -> None:
    out = files(figures_corpus())
    rows = json.loads(out["data/figures.json"])
    text = out["data/figures.csv"]
    assert text.startswith("\ufeff")  # BOM, so spreadsheet programs read UTF-8
    table = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    assert len(rows) == len(table) == 5
    for row, line in zip(rows, table, strict=True):
        assert tuple(line) == FIGURE_FIELDS
        for key in FIGURE_FIELDS:
            expected = "" if row[key] is None else str(row[key])
            assert line[key] == expected, key
    first = rows[0]
    assert first["url"] == "artikel/a/#s1"
    assert (first["text"], first["low"], first["high"]) == ("Tausende", 1000, None)
    assert rows[1]["low"] == 12000 and isinstance(rows[1]["low"], int)


def test_entities_json_lists_every_mention_with_its_sentence_url() -> None:
    records = json.loads(files(summit_corpus())["data/entities.json"])
    choe = next(r for r in records if r["name"] == "Choe Son Hui")
    assert choe["url"] == "entitaeten/choe-son-hui/"
    assert choe["type"] == "person" and choe["forms"] == ["Choe Son Hui"]
    assert [(m["file"], m["url"]) for m in choe["mentions"]] == [
        ("a.txt", "artikel/a/#s1"),
        ("c.txt", "artikel/c/#s1"),
    ]


def test_timeline_json_merges_citations_and_is_sorted() -> None:
    events = json.loads(files(summit_corpus())["data/timeline.json"])
    assert [e["iso"] for e in events] == sorted(e["iso"] for e in events)
    november = next(e for e in events if e["iso"] == "2024-11-04")
    assert [c["url"] for c in november["citations"]] == ["artikel/a/#s1", "artikel/c/#s1"]


def test_json_is_byte_deterministic_unescaped_with_trailing_newline() -> None:
    first, second = files(summit_corpus()), files(summit_corpus())
    assert first == second
    articles = first["data/articles.json"]
    assert articles.endswith("]\n") and "Bereits im Juni" in articles
    assert "Pjöngjang" in first["data/timeline.json"]  # ensure_ascii=False


def test_reused_compact_encoder_writes_what_json_dumps_writes() -> None:
    from generator.render.data import _ENCODER

    records = [
        {"text": 'Zitat „x“ mit "Anführung", \\ Backslash,\nZeile\u2028 und \x01', "n": None},
        {"low": 1.7e9, "high": -0.0, "big": 10**30, "tiny": 1e-7, "inf": float("inf")},
        {"nested": [{"a": [1, 2, []]}, {}], "ok": True, "no": False, "ü": "ß"},
        [],
        {},
        "nur ein Text",
    ]
    for record in records:
        expected = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        assert _ENCODER.encode(record) == expected
