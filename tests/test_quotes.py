"""Direct quotes: marks, unopened quotes, speakers from verbs, pronouns, sources, reports."""

from __future__ import annotations

from pathlib import Path

from test_dates import make_article

from generator.extract.entities import extract_mentions
from generator.extract.quotes import extract_quotes
from generator.tables import load_tables

TABLES = load_tables(Path(__file__).resolve().parents[1] / "seeds" / "_tables")


def quotes_of(text: str, language: str = "de"):
    article = make_article(text, language)
    mentions, _ = extract_mentions(article, TABLES)
    return [(q.text, q.speaker) for q in extract_quotes(article, TABLES, mentions)]


def test_speech_verbs_after_and_before_the_quote():
    assert quotes_of(
        "„Wir stehen fest zur Seite“, sagte Shin in einem Interview.\n"
        "Während Kreml-Sprecher Dmitri Peskow sagte, dass man kooperiere «in allen Bereichen». "
        "Die Partnerschaft ist «sehr wichtig», fügte er hinzu."
    ) == [
        ("Wir stehen fest zur Seite", "Shin Won-sik"),
        ("in allen Bereichen", "Dmitri Peskow"),
        ("sehr wichtig", "Dmitri Peskow"),
    ]


def test_pronoun_resolves_to_an_unnamed_role_in_the_nominative():
    assert quotes_of(
        "Als der nordkoreanische Außenminister Moskau besuchte, sagte er: „Wir siegen“. "
        "Er nannte es einen „heiligen Kampf“.\n"
        "Das nordkoreanische Außenministerium hat die Übungen als „Provokation“ kritisiert."
    ) == [
        ("Wir siegen", "nordkoreanischer Außenminister"),
        ("heiligen Kampf", "nordkoreanischer Außenminister"),
        ("Provokation", "nordkoreanisches Außenministerium"),
    ]


def test_reports_are_credited_to_their_issuer_and_unopened_quotes_start_the_sentence():
    found = quotes_of(
        "Das steht in einem Bericht der Defense Intelligence Agency (DIA). „Russland nutzt "
        "Nordkorea als Basis“, zitierte Yonhap aus dem Bericht. Nordkorea habe Vorteile "
        "erlangt“, so der Bericht."
    )
    assert found == [
        ("Russland nutzt Nordkorea als Basis", "Defense Intelligence Agency"),
        ("Nordkorea habe Vorteile erlangt", "Defense Intelligence Agency"),
    ]


def test_sources_mixed_marks_inheritance_and_no_source():
    found = quotes_of(
        "Laut Newsweek “Daher bestehen Bedenken». Und «Beide rücken näher».\n"
        "Der Vertrag verlangt „unverzüglich“ Hilfe.\n"
        "Es handelt sich russischen staatlichen Nachrichtenagenturen zufolge um ein „Abkommen“."
    )
    assert found == [
        ("Daher bestehen Bedenken", "Newsweek"),
        ("Beide rücken näher", "Newsweek"),
        ("unverzüglich", None),
        ("Abkommen", "russische staatliche Nachrichtenagenturen"),
    ]


def test_english_quotes():
    found = quotes_of(
        '"We will stand with our comrades," Choe Son Hui told reporters. '
        'The alliance is "very important", he said. According to Reuters, the deal was "historic".',
        language="en",
    )
    assert found == [
        ("We will stand with our comrades,", "Choe Son Hui"),
        ("very important", "Choe Son Hui"),
        ("historic", "Reuters"),
    ]
