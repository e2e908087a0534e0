"""Read stage: decoding, normalisation, refusals, metadata, Markdown/HTML flattening, slugs."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from generator import read
from generator.read import SeedError, assign_slugs, read_seed, read_seeds

FIXTURES = Path(__file__).parent / "fixtures" / "read"
GERMAN = "Die Größe der Lieferung überraschte „alle“ – sogar Fachleute für Öl."


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# ── encodings and line ends ───────────────────────────────────────────────


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (GERMAN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), "utf-8-sig"),
        (GERMAN.encode("cp1252"), "cp1252"),
        (GERMAN.replace("„", '"').replace("“", '"').replace("–", "-").encode("latin-1"), "cp1252"),
        (GERMAN.encode("utf-16"), "utf-16"),
    ],
)
def test_german_text_decodes_in_every_common_encoding(tmp_path, data, encoding):
    seed = read_seed(write(tmp_path, "a.txt", data))
    assert "Größe" in seed.text and "Öl" in seed.text
    assert "Ã" not in seed.text and not seed.text.startswith("\ufeff")
    assert seed.encoding == encoding


def test_crlf_and_cr_become_newlines(tmp_path):
    seed = read_seed(write(tmp_path, "a.txt", b"Eins\r\nZwei\rDrei\n"))
    assert seed.text == "Eins\nZwei\nDrei\n"


def test_nul_bytes_are_removed_with_a_warning(tmp_path):
    seed = read_seed(write(tmp_path, "a.txt", b"Text mit\x00 Null\x00byte."))
    assert seed.text == "Text mit Nullbyte."
    assert any("NUL" in p.reason and p.file == "a.txt" for p in seed.problems)


def test_sha256_is_of_the_raw_bytes(tmp_path):
    import hashlib

    data = GERMAN.encode("cp1252")
    assert read_seed(write(tmp_path, "a.txt", data)).sha256 == hashlib.sha256(data).hexdigest()


# ── refusals ──────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"", "empty"),
        (b"  \n\t\r\n  ", "whitespace"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(tmp_path, data, reason):
    with pytest.raises(SeedError) as caught:
        read_seed(write(tmp_path, "bild.txt", data))
    assert caught.value.problem.file == "bild.txt"
    assert reason in caught.value.problem.reason
    assert caught.value.problem.severity == "error"


def test_files_above_the_size_cap_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    with pytest.raises(SeedError, match="limit"):
        read_seed(write(tmp_path, "gross.txt", "Wort " * 100))


def test_a_one_megabyte_line_reads_quickly(tmp_path):
    path = write(tmp_path, "lang.md", "Ein Satz. " * 100_000)
    started = time.perf_counter()
    seed = read_seed(path)
    assert time.perf_counter() - started < 10
    assert seed.text.count("\n") == 0 and len(seed.text) > 900_000


# ── metadata ──────────────────────────────────────────────────────────────


def test_front_matter_gives_metadata_and_is_removed(tmp_path):
    text = (
        "---\ntitle: Ein Titel\nsource: Beispiel\nurl: https://example.org/a\n"
        "published: 2024-11-22\nlanguage: DE\ntopics: [oil, troops]\n---\nText.\n"
    )
    seed = read_seed(write(tmp_path, "a.md", text))
    assert seed.text == "Text."
    assert seed.meta.title == "Ein Titel"
    assert seed.meta.source == "Beispiel"
    assert seed.meta.url == "https://example.org/a"
    assert seed.meta.published == "2024-11-22"
    assert seed.meta.language == "de"
    assert seed.meta.topics == ("oil", "troops")
    assert seed.problems == ()


def test_wrong_metadata_values_warn_and_keep_the_valid_rest(tmp_path):
    text = "---\ntitle: Gut\npublished: gestern\nfarbe: rot\nurl: javascript:alert(1)\n---\nText.\n"
    seed = read_seed(write(tmp_path, "a.txt", text))
    assert seed.meta.title == "Gut" and seed.meta.published is None and seed.meta.url is None
    reasons = {p.reason.split(":")[0]: p for p in seed.problems}
    assert reasons["published"].line == 3 and "gestern" in reasons["published"].reason
    assert reasons["url"].line == 5
    assert any("unknown metadata key 'farbe'" in p.reason and p.line == 4 for p in seed.problems)


def test_malformed_front_matter_yaml_warns_with_line_and_article_still_reads(tmp_path):
    text = "---\ntitle: Gut\ntopics: [oil\n---\nDer Text bleibt.\n"
    seed = read_seed(write(tmp_path, "a.md", text))
    assert seed.text == "Der Text bleibt."
    assert seed.meta.title is None
    (problem,) = seed.problems
    assert "invalid metadata YAML" in problem.reason and problem.line is not None


def test_front_matter_without_closing_line_warns(tmp_path):
    seed = read_seed(write(tmp_path, "a.txt", "---\ntitle: Offen\n\nDer Text.\n"))
    assert seed.meta.title == "Offen"
    assert seed.text.strip() == "Der Text."
    assert any("no closing" in p.reason for p in seed.problems)


def test_sidecar_yaml_is_metadata_and_front_matter_wins(tmp_path):
    write(tmp_path, "a.txt", "---\ntitle: Vorne\n---\nText.\n")
    write(tmp_path, "a.yml", "title: Daneben\npublished: 2024-06-18\n")
    seeds, skipped = read_seeds(tmp_path)
    assert [s.file for s in seeds] == ["a.txt"] and skipped == ()
    assert seeds[0].meta.title == "Vorne" and seeds[0].meta.published == "2024-06-18"
    assert any("front matter wins" in p.reason for p in seeds[0].problems)


def test_broken_sidecar_warns_naming_the_sidecar(tmp_path):
    write(tmp_path, "a.txt", "Text.\n")
    write(tmp_path, "a.yml", "title: [kaputt\n")
    (seed,), _ = read_seeds(tmp_path)
    assert seed.text == "Text.\n"
    assert [p.file for p in seed.problems] == ["a.yml"]


def test_yaml_datetime_becomes_iso_date():
    fields, problems = read.validate_meta({"published": dt.datetime(2024, 6, 18, 9, 30)}, "a.txt")
    assert fields == {"published": "2024-06-18"} and problems == ()


# ── folders ───────────────────────────────────────────────────────────────


def test_read_seeds_sorts_skips_hidden_tables_and_reports_unreadable(tmp_path):
    write(tmp_path, "b.txt", "Zweiter Text.")
    write(tmp_path, "a.md", "# Erster\n\nText.")
    write(tmp_path, "sub/c.html", "<p>Dritter Text.</p>")
    write(tmp_path, ".versteckt.txt", "Nein.")
    write(tmp_path, ".git/x.txt", "Nein.")
    write(tmp_path, "_tables/topics.txt", "Nein.")
    write(tmp_path, "leer.txt", "")
    write(tmp_path, "bericht.pdf", b"%PDF-1.4")
    seeds, skipped = read_seeds(tmp_path)
    assert [s.file for s in seeds] == ["a.md", "b.txt", "sub/c.html"]
    assert {s.file: s.status for s in skipped} == {"bericht.pdf": "skipped", "leer.txt": "skipped"}
    assert all(s.slug is None and s.problems and s.problems[0].reason for s in skipped)


# ── Markdown and HTML ─────────────────────────────────────────────────────


def test_markdown_is_flattened_to_plain_lines(tmp_path):
    text = (
        "# Die *Überschrift*\n\nEin Absatz mit [Link](https://example.org) und\n"
        "![Bild](bild.png) **fettem** Text.\n\n- Punkt eins\n- Punkt zwei\n\n## Zwischentitel\n"
    )
    seed = read_seed(write(tmp_path, "a.md", text))
    assert seed.fmt == "md"
    assert seed.text.split("\n") == [
        "Die Überschrift",
        "Ein Absatz mit Link und fettem Text.",
        "Punkt eins",
        "Punkt zwei",
        "Zwischentitel",
    ]


def test_html_text_and_metadata_are_extracted():
    seed = read_seed(FIXTURES / "artikel.html")
    lines = seed.text.split("\n")
    assert lines == [
        (
            "Der russische Präsident ist am Dienstag in Nordkorea eingetroffen. "
            "Es ist sein erster Besuch seit 24\u00a0Jahren."
        ),
        "Ein Vertrag über gegenseitige Hilfe",
        "Beide Seiten unterzeichneten ein Abkommen.",
        "Details blieben offen.",
        "Erster Punkt",
        "Zweiter Punkt",
    ]
    assert seed.meta.title == "Putin besucht Pjöngjang"
    assert seed.meta.source == "Beispiel-Zeitung"
    assert seed.meta.published == "2024-06-18"
    assert seed.meta.language == "de"
    assert seed.meta.url == "https://example.org/politik/putin-pjoengjang"


def test_html_without_closing_head_still_has_text(tmp_path):
    seed = read_seed(write(tmp_path, "a.html", "<html><head><title>T</title><body><p>Text.</p>"))
    assert seed.text == "Text."


# ── slugs ─────────────────────────────────────────────────────────────────


def test_slugs_are_unique_deterministic_and_url_safe():
    files = ["a.txt", "a.md", "A.txt", "Größe.txt", "groesse.txt", "x.y.txt", "x-y.txt", "../..txt"]
    slugs = assign_slugs(files)
    assert assign_slugs(reversed(files)) == slugs
    assert len(set(slugs.values())) == len(files)
    assert all("/" not in s and ".." not in s and s for s in slugs.values())
    assert (slugs["A.txt"], slugs["a.md"], slugs["a.txt"]) == ("a", "a-2", "a-3")
    assert {slugs["Größe.txt"], slugs["groesse.txt"]} == {"groesse", "groesse-2"}
    assert assign_slugs(["000_aabd89a617830eb2.txt"]) == {
        "000_aabd89a617830eb2.txt": "000-aabd89a617830eb2"
    }


def test_read_seeds_again_sees_edits_and_new_sidecars(tmp_path):
    # a second read in the same process reuses unchanged seeds (mkdocs serve) but must see
    # an edited file and a sidecar that appears later
    seed = tmp_path / "a.txt"
    seed.write_text("Titel\n\nErster Satz.\n", encoding="utf-8")
    first, _ = read_seeds(tmp_path)
    again, _ = read_seeds(tmp_path)
    assert again[0] is first[0]
    seed.write_text("Titel\n\nErster Satz. Zweiter Satz.\n", encoding="utf-8")
    edited, _ = read_seeds(tmp_path)
    assert "Zweiter Satz." in edited[0].text
    (tmp_path / "a.yml").write_text("source: Beispielzeitung\n", encoding="utf-8")
    with_sidecar, _ = read_seeds(tmp_path)
    assert with_sidecar[0].meta.source == "Beispielzeitung"


def test_symlinks_cannot_bring_files_from_outside_the_seeds_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Geheim\n\nNicht veröffentlichen.\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "echt.txt").write_text("Titel\n\nEin Satz.\n", encoding="utf-8")
    (seeds / "link.txt").symlink_to(outside / "secret.txt")
    (seeds / "inside.txt").symlink_to(seeds / "echt.txt")
    (seeds / "ordner").symlink_to(outside, target_is_directory=True)
    found, _ = read_seeds(seeds)
    assert [seed.file for seed in found] == ["echt.txt", "inside.txt"]
    assert all("Geheim" not in seed.text for seed in found)
