"""Attribution on sentence shapes the seeds do not have: fronted times, parentheses,
"told <medium>", prenominal genitive owners, split verbs and interview answers."""

from __future__ import annotations

import pytest
from test_attribution import source_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a fronted time is no source; the subject follows the finite verb
        (("Anfang Dezember hatte Südkoreas Geheimdienst unter Berufung auf Überläufer berichtet, "
         "dass 300 Soldaten kamen."), "südkoreanischer Geheimdienst / Überläufer"),
        ("Vergangene Woche hat das Pentagon neue Zahlen vorgelegt.", "US-Verteidigungsministerium"),
        # a prenominal genitive owner qualifies the noun: the noun is the source
        ("Südkoreas Generalstab zufolge kamen 300 Soldaten.", "südkoreanischer Generalstab"),
        # a postnominal genitive still names the owners
        ("Im Gegenzug habe Nordkorea nach Schätzungen Südkoreas und der USA 300 Soldaten entsandt.",
         "Südkorea / USA"),
        ("Der südkoreanische Geheimdienst nannte eine Zahl: 300 Soldaten seien gefallen.",
         "südkoreanischer Geheimdienst"),
        (("300 Soldaten seien verlegt worden, hieß es damals aus dem ukrainischen "
         "Militärgeheimdienst."), "ukrainischer Militärgeheimdienst"),
        ("Inzwischen gehen westliche Dienste davon aus, dass 300 Soldaten kämpfen.",
         "westliche Dienste"),
        # look-alikes that must stay unsourced
        ("Anfang Dezember kamen 300 Soldaten.", None),
        ("Sie gehen davon aus, dass 300 Soldaten kämpfen.", None),
    ],
)  # fmt: skip
def test_german_shapes(text, expected):
    assert source_of(text) == expected


def test_demnach_continues_the_source_of_the_sentence_before():
    text = "Vergangene Woche hat das Pentagon neue Zahlen vorgelegt. Demnach seien 300 Soldaten getötet worden."
    assert source_of(text, 1) == "US-Verteidigungsministerium"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("South Korea's National Intelligence Service (NIS) says about 300 soldiers died.",
         "National Intelligence Service"),
        ('"At least 3,000 soldiers died," a Ukrainian military official told Reuters.',
         "Reuters / Ukrainian military official"),
        (("Shells made up 50% of the ammunition, Kyrylo Budanov, head of Ukraine's military "
         "intelligence, told The Washington Post."), "Washington Post / Kyrylo Budanow"),
        ("Nearly a dozen blasts were heard overnight, the city's mayor said.", "city's mayor"),
        # "told reporters": the object is no medium and no source
        ("Some 300 soldiers died, the official told reporters.", "official"),
        ("Last week 300 soldiers died.", None),
    ],
)  # fmt: skip
def test_english_shapes(text, expected):
    assert source_of(text, language="en") == expected


def test_interview_answer_is_the_addressed_interviewee():
    text = (
        "Der Koreanist Jonas Albrecht-Weiß forscht in Berlin.\n"
        "Frage: Herr Albrecht-Weiß, wie viel verdient Nordkorea?\n"
        "Antwort: Das lässt sich nur schätzen. Wir gehen von 300 Millionen Euro aus.\n"
        "Nordkorea schickte 300 Soldaten."
    )
    assert source_of(text, 3) == "Jonas Albrecht-Weiß"
    assert source_of(text, 4) is None  # the article's own voice after the interview
    assert source_of(text, 1) is None  # the question is no claim of the interviewee
