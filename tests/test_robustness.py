"""Bad input never breaks the build and never loses an article.

Every broken seed in tests/fixtures/bad/ (and the binary and huge ones generated here in
tmp_path, so they are never committed) is either read with a warning that names the file
and the reason, or skipped with such a reason; the other seeds still build and the
report accounts for every one. Broken tables stop the build with file and line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import read
from generator.clean import clean_seed
from generator.models import Problem
from generator.read import assign_slugs, read_seed, read_seeds
from generator.tables import TableError, load_tables

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "fixtures" / "bad"
TABLES = ROOT / "seeds" / "_tables"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02" + bytes(200)


@pytest.fixture(scope="module")
def tables():
    return load_tables(TABLES)


def bad_corpus(folder: Path) -> Path:
    """Copy the broken fixtures (not the hostile ones) into `folder` plus a renamed PNG."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in BAD.iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    (folder / "bild.txt").write_bytes(PNG)
    return folder


def reasons(problems: tuple[Problem, ...]) -> str:
    return " | ".join(str(p) for p in problems)


# ── broken files ──────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty.txt", "empty file"), ("whitespace.txt", "only whitespace"), ("bild.txt", "binary")],
)
def test_unreadable_seed_is_skipped_naming_file_and_reason(tmp_path, name, reason):
    seeds, skipped = read_seeds(bad_corpus(tmp_path / "seeds"))
    status = next(s for s in skipped if s.file == name)
    assert status.status == "skipped" and status.slug is None
    assert [p.file for p in status.problems] == [name]
    assert reason in status.problems[0].reason
    # the rest of the corpus is still read
    assert "crlf.txt" in {seed.file for seed in seeds}


@pytest.mark.parametrize("name", ["windows-1252.txt", "latin-1.txt"])
def test_single_byte_german_is_decoded_not_mojibake(name, tables):
    seed = read_seed(BAD / name)
    article = clean_seed(seed, tables, "x")
    assert "Größe" in article.title
    assert "Größe des Hafens" in article.body and "Bürgermeisters" in article.body
    assert "Ã" not in seed.text and "\ufffd" not in seed.text


def test_windows_1252_typographic_quotes_survive():
    assert read_seed(BAD / "windows-1252.txt").text.startswith("„Größe“ des Hafens – Streit")


def test_utf8_bom_is_dropped_and_front_matter_still_found():
    seed = read_seed(BAD / "bom.md")
    assert seed.encoding == "utf-8-sig"
    assert not seed.text.startswith("\ufeff")
    assert (seed.meta.title, seed.meta.published) == ("Hafen mit BOM", "2024-03-01")
    assert seed.problems == ()


@pytest.mark.parametrize("name", ["crlf.txt", "cr.txt"])
def test_crlf_and_cr_line_ends_become_paragraphs(name, tables):
    seed = read_seed(BAD / name)
    assert "\r" not in seed.text
    article = clean_seed(seed, tables, "x")
    assert article.title.startswith("Hafen mit")
    assert len(article.paragraphs) == 3
    assert article.body.endswith("Eine Entscheidung über den Ausbau soll im Herbst fallen.")


def test_nul_bytes_are_removed_with_a_warning(tables):
    article = clean_seed(read_seed(BAD / "nul.txt"), tables, "x")
    assert "\x00" not in article.body and "am Montag neue Zahlen" in article.body
    assert [str(p) for p in article.problems] == ["nul.txt: removed 2 NUL byte(s)"]


def test_a_20_mb_file_is_skipped_as_too_large_without_reading_it(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    with (folder / "riesig.txt").open("wb") as out:
        out.write(("Ein Satz über den Hafen. " * 40 + "\n").encode() * 20_500)
    assert (folder / "riesig.txt").stat().st_size > 20 * 1024 * 1024
    (folder / "klein.txt").write_text("Kleiner Hafen bleibt klein\nDer Hafen ist klein.\n")
    started = time.perf_counter()
    seeds, skipped = read_seeds(folder)
    assert time.perf_counter() - started < 2
    assert [s.file for s in seeds] == ["klein.txt"]
    (status,) = skipped
    assert status.file == "riesig.txt"
    assert status.problems[0].reason.startswith("too large: 20.")
    assert f"{read.MAX_BYTES // 1024 // 1024} MB limit" in status.problems[0].reason


def test_a_one_megabyte_line_is_read_cleaned_and_extracted_in_reasonable_time(tmp_path):
    # Runs in a child process with a hard timeout, so a superlinear stage fails this test
    # instead of hanging the suite.
    sentence = "Die Stadt meldet 12.000 Container im Hafen von Musterstadt am 4. März 2024. "
    path = tmp_path / "eine-zeile.txt"
    path.write_text("Eine sehr lange Zeile\n" + sentence * (1_000_000 // len(sentence)))
    script = (
        "import sys, time; from pathlib import Path\n"
        "from generator.pipeline import process_seed\n"
        "from generator.read import read_seed\n"
        "from generator.tables import load_tables\n"
        f"tables = load_tables(Path({str(TABLES)!r}))\n"
        "started = time.perf_counter()\n"
        f"result = process_seed(read_seed(Path({str(path)!r})), tables, 'eine-zeile')\n"
        "problems = getattr(result, 'problems', ())\n"
        "assert not hasattr(result, 'status'), [str(p) for p in problems]\n"
        "assert len(result.article.body) > 990_000 and len(result.article.sentences) > 10_000\n"
        "print(f'{time.perf_counter() - started:.1f}')\n"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("clean + extract of a 1 MB line took more than 60 s")
    assert result.returncode == 0, result.stderr[-2000:]


# ── metadata ──────────────────────────────────────────────────────────────


def test_malformed_front_matter_warns_with_line_and_keeps_the_article(tables):
    seed = read_seed(BAD / "front-matter-malformed.md")
    (problem,) = seed.problems
    assert (problem.file, problem.line) == ("front-matter-malformed.md", 3)
    assert "invalid metadata YAML" in problem.reason
    article = clean_seed(seed, tables, "x")
    assert article.title == "Hafen mit kaputten Metadaten"
    assert "published" not in article.body and len(article.paragraphs) == 3


def test_malformed_sidecar_warns_naming_the_sidecar_and_keeps_the_article():
    seed = read_seed(BAD / "sidecar-broken.txt")
    (problem,) = seed.problems
    assert problem.file == "sidecar-broken.yml" and problem.line == 3
    assert seed.meta.title is None and "Hafen mit kaputter Beilage" in seed.text


def test_wrong_types_and_unknown_keys_warn_and_keep_the_valid_rest():
    seed = read_seed(BAD / "front-matter-types.txt")
    assert seed.meta.title == "Hafen mit falschen Typen"
    assert seed.meta.published is None and seed.meta.language is None
    found = {(p.line, p.reason.split(":")[0]) for p in seed.problems}
    assert found == {
        (3, "published"),
        (4, "language"),
        (5, "unknown metadata key 'autor' (known"),
    }
    assert all(
        p.severity == "warning" and p.file == "front-matter-types.txt" for p in seed.problems
    )


def test_front_matter_without_closing_line_warns_and_still_gives_metadata():
    seed = read_seed(BAD / "front-matter-unclosed.txt")
    assert [(p.line, p.reason) for p in seed.problems] == [(1, "front matter has no closing '---'")]
    assert seed.meta.published == "2024-03-02"
    assert seed.text.lstrip().startswith("Die Stadtverwaltung")


def test_unknown_topic_id_in_metadata_is_a_warning_and_the_article_builds(tmp_path, tables):
    from generator.pipeline import extract_seeds

    seed = read_seed(BAD / "front-matter-types.txt")
    extractions, (status,) = extract_seeds((seed,), tables, cache_dir=None)
    assert len(extractions) == 1 and status.status == "warnings"
    assert any("unknown topic id 'hafen-gibt-es-nicht'" in p.reason for p in status.problems)


def write_tables(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for source in TABLES.glob("*.yml"):
        shutil.copy(source, folder / source.name)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "text", "line", "reason"),
    [
        ("topics.yml", "topics:\n  - id: oil\n    name: [Öl\n", 4, "invalid YAML"),
        ("topics.yml", "topics:\n  - id: oil\n  - name: Truppen\n", 3, "has no 'id'"),
        ("topics.yml", "topics:\n  - id: oil\n    keywords: {de: {a: b}}\n", 2, "keywords"),
        ("topics.yml", "topics:\n  - id: oil\n  - id: oil\n", 3, "defined twice"),
        ("entities.yml", "entities:\n  - name: A\n    type: person\n  - name: B\n", 4, "type"),
        ("entities.yml", "entities:\n- name: A\n  type: person\n  aliases: {x: 1}\n", 2, "aliases"),
        (
            "entities.yml",
            "entities:\n  - name: A\n    type: person\n   - oops\n",
            4,
            "invalid YAML",
        ),
        ("boilerplate.yml", "- nur eine Liste\n", None, "expected a mapping"),
    ],
)
def test_broken_table_raises_table_error_with_file_and_line(tmp_path, name, text, line, reason):
    folder = write_tables(tmp_path / "_tables", name, text)
    with pytest.raises(TableError) as caught:
        load_tables(folder)
    problem = caught.value.problem
    assert problem.file == str(folder / name) and problem.severity == "error"
    assert reason in problem.reason
    if line is not None:
        assert problem.line == line


def test_a_single_alias_string_is_one_alias_not_its_letters(tmp_path):
    text = "entities:\n  - name: Kim Jong-un\n    type: person\n    aliases: Kim\n"
    tables = load_tables(write_tables(tmp_path / "_tables", "entities.yml", text))
    assert tables.entities[0].aliases == ("Kim",)


def test_cli_build_with_a_broken_table_prints_file_and_line_and_exits_2(tmp_path):
    seeds = bad_corpus(tmp_path / "seeds")
    write_tables(seeds / "_tables", "topics.yml", "topics:\n  - id: oil\n    name: [Öl\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds),
         "--docs", str(tmp_path / "docs")],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert f"error: {seeds / '_tables' / 'topics.yml'}:4: invalid YAML" in result.stderr
    assert not (tmp_path / "docs" / "artikel").exists()


# ── names ─────────────────────────────────────────────────────────────────


def test_slugs_of_awkward_file_names_are_unique_and_stay_in_the_folder():
    files = [
        "Bericht über Größe.v2.FINAL.txt",
        "bericht-ueber-groesse-v2-final.md",
        "Index.txt",
        "index.md",
        "../../etc/passwd.txt",
        "..txt",
        "---.txt",
        "sub/dir/Ä b.c.html",
        "日本.txt",
    ]
    slugs = assign_slugs(files)
    assert slugs["Bericht über Größe.v2.FINAL.txt"] == "bericht-ueber-groesse-v2-final"
    assert slugs["bericht-ueber-groesse-v2-final.md"] == "bericht-ueber-groesse-v2-final-2"
    # artikel/index.md is the articles index: no seed may take the slug "index"
    assert "index" not in slugs.values()
    assert {slugs["Index.txt"], slugs["index.md"]} == {"index-2", "index-3"}
    assert slugs["sub/dir/Ä b.c.html"] == "sub-dir-ae-b-c"
    assert len(set(slugs.values())) == len(files)
    for slug in slugs.values():
        assert slug and set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-"), slug


def test_every_fixture_seed_is_accounted_for_in_the_report(tmp_path, tables):
    from generator.pipeline import build_corpus

    seeds_dir = bad_corpus(tmp_path / "seeds")
    corpus = build_corpus(seeds_dir, tables, cache_dir=None)
    by_file = {status.file: status for status in corpus.report}
    # a sidecar is metadata of its seed, not a seed of its own
    expected = {p.name for p in seeds_dir.iterdir() if p.is_file()} - {"sidecar-broken.yml"}
    assert set(by_file) == expected
    skipped = {f for f, s in by_file.items() if s.status == "skipped"}
    assert skipped == {"empty.txt", "whitespace.txt", "bild.txt"}
    for status in by_file.values():
        if status.status == "skipped":
            assert status.problems and all(p.reason for p in status.problems)
    titles = [e.article.title for e in corpus.extractions]
    slugs = [e.article.slug for e in corpus.extractions]
    assert titles.count("Zwei Artikel, eine Schlagzeile zum Hafen") == 2
    assert len(set(slugs)) == len(slugs)
    assert by_file["Bericht über Größe.v2.FINAL.txt"].slug == "bericht-ueber-groesse-v2-final"
    assert by_file["Index.txt"].slug == "index-2"


def test_build_without_corpus_tables_warns_and_names_the_folder(tmp_path):
    from generator.pipeline import build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Nordkorea schickt Soldaten\nLaut Südkorea sind 12.000 Soldaten in Russland.\n",
        encoding="utf-8",
    )
    result = build(seeds, tmp_path / "docs", cache_dir=None)
    (warning,) = [p for p in result.problems if "no topics.yml and no entities.yml" in p.reason]
    assert warning.file == str(seeds / "_tables") and warning.severity == "warning"
    assert "no topics.yml and no entities.yml" in (tmp_path / "docs" / "bericht.md").read_text()
    # one table is enough: a corpus with its own gazetteer builds without the warning
    write_tables(seeds / "_tables", "entities.yml", "entities:\n  - name: Nordkorea\n    type: country\n")
    result = build(seeds, tmp_path / "docs", cache_dir=None)
    assert not [p for p in result.problems if "no topics.yml" in p.reason]
