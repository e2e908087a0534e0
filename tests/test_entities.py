"""Entity mentions: longest match, boundaries, genitives, glued words, ambiguity, fuzzy."""

from __future__ import annotations

from pathlib import Path

from test_dates import make_article

from generator.extract.entities import extract_mentions
from generator.tables import load_tables

TABLES = load_tables(Path(__file__).resolve().parents[1] / "seeds" / "_tables")


def mentions_of(text: str, language: str = "de"):
    mentions, candidates = extract_mentions(make_article(text, language), TABLES)
    return [(m.entity, m.form) for m in mentions], candidates


def test_hyphen_compounds_genitives_and_whole_compound_names():
    found, _ = mentions_of(
        "Der Ukraine-Krieg: Kreml-Sprecher Peskow lobt Putins Kurs und die Achse Moskau-Pjöngjang. "
        "Der UN-Sicherheitsrat und das US-Verteidigungsministeriums-Team, US-amerikanische Beamte."
    )
    assert ("ukraine", "Ukraine") in found
    assert ("kreml", "Kreml") in found
    assert ("wladimir-putin", "Putins") in found
    assert ("moskau", "Moskau") in found and ("pjoengjang", "Pjöngjang") in found
    assert ("un-sicherheitsrat", "UN-Sicherheitsrat") in found
    assert not any(eid in ("un", "usa") for eid, _ in found)  # embedded UN/US and adjectives


def test_glued_words_closed_compounds_and_truncated_coordination():
    found, _ = mentions_of(
        "Shin Won-sikSüdkoreas Berater sprach mit dem Kremlberater. Spannungen zwischen Nord- und "
        "Südkorea wachsen."
    )
    assert found == [
        ("shin-won-sik", "Shin Won-sik"),
        ("suedkorea", "Südkoreas"),
        ("nordkorea", "Nord-"),
        ("suedkorea", "Südkorea"),
    ]


def test_shared_surname_goes_to_the_person_under_discussion():
    found, _ = mentions_of(
        "Kim Jong Un empfing Putin. Kim lobte den Besuch. Professor Immanuel Kim ist skeptisch. "
        "Kim sagte das auch Newsweek."
    )
    kims = [eid for eid, form in found if form == "Kim"]
    assert kims == ["kim-jong-un", "immanuel-kim"]
    assert ("kim-jong-un", "Kim Jong Un") in found


def test_typos_are_accepted_only_visibly_and_unknown_names_are_reported():
    found, candidates = mentions_of(
        "Laut Kyiv Indpendent lieferte Pjönjangs Regime Waffen. Am Montag sagte "
        "Verteidigungsminister Pistorius in Berlin, Generalmajor Hans Beispielmann sei informiert."
    )
    assert ("kyiv-independent", "Kyiv Indpendent") in found
    assert ("pjoengjang", "Pjönjangs") in found
    assert not any(eid == "kiew" for eid, _ in found)
    assert "Kyiv Indpendent → Kyiv Independent (fuzzy)" in candidates
    assert "Pjönjangs → Pjöngjang (fuzzy)" in candidates
    assert "Hans Beispielmann" in candidates
    assert ("boris-pistorius", "Pistorius") in found and ("berlin", "Berlin") in found


def test_english_text():
    found, _ = mentions_of(
        "North Korea's leader Kim Jong Un met Vladimir Putin in Pyongyang, the Kremlin said, "
        "according to Reuters and Yonhap News Agency.",
        language="en",
    )
    assert [eid for eid, _ in found] == [
        "nordkorea",
        "kim-jong-un",
        "wladimir-putin",
        "pjoengjang",
        "kreml",
        "reuters",
        "yonhap",
    ]
    assert ("nordkorea", "North Korea's") in found
