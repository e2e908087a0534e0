"""YAML tables are read as written: a word in a word list stays that word."""

from __future__ import annotations

from pathlib import Path

from generator.read import read_seeds
from generator.tables import LANG_DIR, load_language, parse_yaml


def _list_items(value: object):
    if isinstance(value, dict):
        for item in value.values():
            yield from _list_items(item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                yield from _list_items(item)
            else:
                yield item


def test_yaml_1_1_boolean_words_stay_words():
    data = parse_yaml("words: [of, on, off, yes, no, On, NO]\nflag: true\nother: False\n")
    assert data == {
        "words": ["of", "on", "off", "yes", "no", "On", "NO"],
        "flag": True,
        "other": False,
    }


def test_no_language_table_list_holds_a_boolean():
    # English lists hold "on" and "no" (stop words, name connectors, stopwords for language
    # detection); read as YAML 1.1 they were True and False and matched nothing
    for lang in sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir()):
        items = list(_list_items(load_language(lang)))
        assert items, lang
        assert not [item for item in items if isinstance(item, bool)], lang
    english = load_language("en")
    assert "on" in english["entities"]["name_connectors"]
    assert "no" in english["language"]["stopwords"]


def test_seed_metadata_reads_words_as_words(tmp_path: Path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Yes\nsource: No Comment TV\nauthor: on\n---\nEin Satz über Pjöngjang.\n",
        encoding="utf-8",
    )
    seeds, problems = read_seeds(tmp_path)
    assert not problems
    assert seeds[0].meta.title == "Yes"
