"""Attribution of claims and modality: cue words, nominative descriptions, adjacency."""

from __future__ import annotations

import pytest
from test_figures import TABLES, make_article

from generator.extract.attribution import attribute, modality
from generator.extract.entities import extract_mentions


def source_of(text: str, sentence: int = 0, language: str = "de") -> str | None:
    article = make_article(text, language)
    mentions, _candidates = extract_mentions(article, TABLES)
    return attribute(article, sentence, mentions, TABLES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Laut Yonhap kamen 300 Soldaten.", "Yonhap"),
        ("Nach Angaben des südkoreanischen Geheimdienstes kamen 300 Soldaten.", "südkoreanischer Geheimdienst"),
        ("Dem Kreml zufolge kamen 300 Soldaten.", "Kreml"),
        ("Der ukrainische Präsident Wolodymyr Selenskyj warnte, dass 300 Soldaten kämen.", "Wolodymyr Selenskyj"),
        ("Darüber hinaus meldete die BBC, dass 300 Soldaten kamen.", "BBC"),
        ("Das geht aus einem Bericht des Verteidigungsministeriums hervor.", "Verteidigungsministerium"),
        ("Bloomberg berichtete unter Berufung auf das südkoreanische Verteidigungsministerium, dass es 300 waren.",
         "Bloomberg / südkoreanisches Verteidigungsministerium"),
        ("Im Gegenzug habe Nordkorea nach Schätzungen Südkoreas und der USA 300 Soldaten entsandt.", "Südkorea / USA"),
        ("US-amerikanische und südkoreanische Beamte haben Kim beschuldigt, Granaten geliefert zu haben.",
         "US-amerikanische und südkoreanische Beamte"),
        ("Nordkorea schickte 300 Soldaten.", None),
    ],
)
def test_german_cues(text, expected):
    assert source_of(text) == expected


def test_next_sentence_that_sources_this_one_is_joined():
    text = "Moskau lieferte laut BBC eine Million Barrel Öl. Dies geht aus einer Analyse des Open Source Centre hervor."
    assert source_of(text) == "BBC / Open Source Centre"


def test_report_refers_back_and_indirect_speech_continues_it():
    text = (
        "Die BBC meldete, dass Moskau Öl geliefert habe.\n"
        "Die Bilder zeigen dem Bericht zufolge zwölf Tanker. Sie sollen 43 Mal angekommen sein."
    )
    assert source_of(text, 1) == "BBC"
    assert source_of(text, 2) == "BBC"


def test_own_voice_sentence_after_sourced_one_stays_unattributed():
    text = "Laut BBC kamen 300 Soldaten. Der Besuch dauert zwei Tage."
    assert source_of(text, 1) is None


def test_pronoun_speaker_is_the_person_named_before():
    text = "Selenskyj sprach von Verlusten. Die Zahl könne auf 4000 steigen, sagte er."
    assert source_of(text, 1) == "Wolodymyr Selenskyj"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Korea sent more than 10,000 troops, according to the Pentagon.", "US-Verteidigungsministerium"),
        ("South Korea's spy agency estimated that 12,000 soldiers arrived.", "South Korea's spy agency"),
        ("Thousands of shells were moved, officials said.", "officials"),
        ("North Korea sent 12,000 troops.", None),
    ],
)
def test_english_cues(text, expected):
    assert source_of(text, language="en") == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Selenskyj warnte, dass die Zahl auf bis zu 100.000 Soldaten steigen könne.", "de", "projection"),
        ("Die Zahl dürfte weiter wachsen.", "de", "projection"),
        ("Die USA haben Nordkorea die Entsendung vorgeworfen.", "de", "accusation"),
        ("Das Militär vermutet, dass Nordkorea Granaten geliefert haben könnte.", "de", "claim"),
        ("Zelensky said the number could rise to 100,000.", "en", "projection"),
        ("Washington accused Pyongyang of sending troops.", "en", "accusation"),
        ("Pyongyang sent 12,000 troops.", "en", "claim"),
    ],
)
def test_modality(text, language, expected):
    assert modality(text, TABLES, language) == expected


# ── regression: plural article forms ("nom.pl") have no gender ─────────────


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Stadt meldet 12.000 Container im Hafen.", "Stadt"),
        ("Die Behörden meldeten neue Zahlenalert(1)", "Behörden"),
    ],
)
def test_subject_with_plural_article_forms_is_named_without_crashing(text, expected):
    assert source_of(text) == expected


def test_body_ending_in_a_stray_counter_extracts_every_figure():
    from test_figures import make_article as article_of

    from generator.extract import extract_article

    extraction = extract_article(article_of("Laut Yonhap kamen 300 Soldaten.\nneue Zahlenalert(1)"), TABLES)
    assert [(f.text, f.attributed_to) for f in extraction.figures] == [("300", "Yonhap"), ("1", None)]
