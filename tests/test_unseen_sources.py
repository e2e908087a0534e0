"""Sources and quote speakers a careful analyst gives on unseen articles: apposition
subjects, document nouns, reasons after "citing", obligations, pronouns, German dative
plurals, Konjunktiv I continuation and a quote speaker followed by an apposition."""

from __future__ import annotations

import pytest
from test_attribution import source_of as german_source_of
from test_quotes import quotes_of


def source_of(text: str, sentence: int = 0, language: str = "en") -> str | None:
    """test_attribution.source_of, English unless told otherwise."""
    return german_source_of(text, sentence, language)


def speakers_of(text: str, language: str = "en") -> list[str | None]:
    """The speakers of the quotes test_quotes.quotes_of finds, English unless told otherwise."""
    return [speaker for _text, speaker in quotes_of(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 1. the subject stands before an apposition between commas
        (("Fatih Birol, head of the International Energy Agency (IEA), warned that Europe "
          "could face a shortfall of up to 27 billion cubic metres."), "Fatih Birol"),
        ("Olaf Scholz, the German chancellor, said that 300 soldiers had arrived.", "Olaf Scholz"),
        ("In March, after the talks, prices rose by 20 percent, officials said.", "officials"),
        # 2. the document names no party: the organisation behind it does
        ("Storage sites were 80% full, according to data from ship-tracking firm Kpler.",
         "ship-tracking firm Kpler"),
        ("Storage sites were 80% full, according to figures from Yonhap.", "Yonhap"),
        ("According to data, storage sites were 80% full.", None),
        # 3. "citing" a reason is no source, "citing" people is
        ("Gazprom said it would halt flows for three days, citing maintenance.", "Gazprom"),
        ("Yonhap reported that 300 soldiers had arrived, citing diplomats.", "Yonhap / diplomats"),
        # 4. an obligation is no report
        ("Under Article 5 of the regulation, countries must report their savings every two months.",
         None),
        ("Member states will report 300 cases to Brussels.", None),
        ("The ministry reported 300 cases.", "ministry"),
    ],
)  # fmt: skip
def test_english_sources(text, expected):
    assert source_of(text) == expected


def test_pronoun_subject_is_the_person_named_before():
    text = "Olaf Scholz spoke of losses. Some 12,000 customers had asked for help, he said."
    assert source_of(text, 1) == "Olaf Scholz"


def test_plural_pronoun_is_no_person():
    text = "Olaf Scholz spoke of losses. Some 12,000 customers had asked for help, they said."
    assert source_of(text, 1) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aus Katar kamen zwischen 12 und 15 Tanker, hieß es in Branchenkreisen.", "Branchenkreise"),
        ("Aus Katar kamen 15 Tanker, hieß es in Sicherheitskreisen.", "Sicherheitskreise"),
        ("Laut Experten kamen 300 Soldaten.", "Experten"),
        ("Laut Zahlen des Verteidigungsministeriums kamen 300 Soldaten.", "Verteidigungsministerium"),
        ("Laut Daten von Yonhap kamen 300 Soldaten.", "Yonhap"),
    ],
)  # fmt: skip
def test_german_sources(text, expected):
    assert source_of(text, language="de") == expected


def test_konjunktiv_continues_the_source_of_the_sentence_before():
    text = "Im März kamen laut Yonhap 1,7 Millionen Tonnen an. Das entspreche etwa acht Prozent."
    assert source_of(text, 1, "de") == "Yonhap"


def test_indicative_and_new_paragraph_keep_the_own_voice():
    indicative = "Im März kamen laut Yonhap 1,7 Millionen Tonnen an. Das entspricht etwa acht Prozent."
    assert source_of(indicative, 1, "de") is None
    paragraph = "Im März kamen laut Yonhap 1,7 Millionen Tonnen an.\nDas entspreche etwa acht Prozent."
    assert source_of(paragraph, 1, "de") is None


def test_lower_case_prefix_compound_before_a_name_is_its_title():
    text = "„Es ist zu spät“, sagte vzbv-Chef Olaf Scholz. Zwischen 20.000 Haushalten sei das Gas abgestellt worden."
    assert source_of(text, 1, "de") == "Olaf Scholz"


def test_quote_speaker_is_the_name_not_the_employer_in_the_apposition():
    text = '"The worst is over for this winter," said Laura Page, a senior analyst at Yonhap.'
    assert speakers_of(text) == ["Laura Page"]


def test_quote_speaker_from_the_gazetteer_and_roles_stay():
    assert speakers_of('"We will help," said Olaf Scholz, the German chancellor.') == ["Olaf Scholz"]
    assert speakers_of('"We will help," said Yonhap.') == ["Yonhap"]
    assert speakers_of('"We will help," said the spokesman.') == ["spokesman"]
