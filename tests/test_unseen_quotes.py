"""Quote speakers in styles the seeds lack: the subject of the speech verb speaks, not a
name in a later clause, not the medium that carried or received the words; unknown names
and unnamed descriptions are speakers too."""

from __future__ import annotations

from test_quotes import quotes_of as speakers  # (quote text, speaker) pairs


def test_subject_before_said_beats_a_name_in_a_later_clause():
    assert speakers(
        'North Korea will "always stand by" Russia, leader Kim Jong-un\'s sister Kim Yo-jong '
        "said Tuesday, as a delegation sent by Sergei Shoigu arrived in Pyongyang.",
        "en",
    ) == [("always stand by", "Kim Yo-jong")]


def test_the_medium_that_carried_or_heard_the_words_does_not_speak():
    assert speakers(
        '"We will fulfill the treaty," Kim Yo-jong said in a statement carried by KCNA.\n'
        '"Thousands were hurt," a Ukrainian military official told Reuters on Monday.\n'
        '"It is over," he told Reuters.',
        "en",
    ) == [
        ("We will fulfill the treaty,", "Kim Yo-jong"),
        ("Thousands were hurt,", "Ukrainian military official"),
        ("It is over,", "Ukrainian military official"),
    ]


def test_a_medium_that_reports_on_its_own_still_speaks():
    # look-alike: no person or role before the verb, the medium is the only source
    assert speakers('"Troops are moving," Reuters reported.', "en") == [
        ("Troops are moving,", "Reuters")
    ]


def test_a_name_missing_from_the_gazetteer_speaks_before_its_affiliation():
    assert speakers(
        '"This is an alliance," said Victor Cha of the Center for Strategic Studies.', "en"
    ) == [("This is an alliance,", "Victor Cha")]
    assert speakers(
        "„Das ist ein Bündnis“, sagte Hanna Berger vom Institut für Sicherheit.", "de"
    ) == [("Das ist ein Bündnis", "Hanna Berger")]


def test_capitalised_words_before_a_plain_lowercase_word_are_not_a_name():
    # look-alike: "said Tuesday Night in …" has no affiliation word after the capitals
    assert speakers('"We are ready," said Tuesday Night in the capital.', "en") == [
        ("We are ready,", None)
    ]


def test_unnamed_german_speaker_is_described_in_the_nominative():
    assert speakers(
        "„Die Truppen kämpfen diszipliniert“, sagte ein ukrainischer Offizier der ZEIT.\n"
        "„Wir halten durch“, sagte eine ukrainische Soldatin dem Sender.",
        "de",
    ) == [
        ("Die Truppen kämpfen diszipliniert", "ukrainischer Offizier"),
        ("Wir halten durch", "ukrainische Soldatin"),
    ]


def test_a_role_after_the_verb_gives_way_to_the_name_in_apposition():
    assert speakers(
        "„Raketen wurden geliefert“, erklärte der Nationale Sicherheitsberater Südkoreas, "
        "Shin Won-sik, am Freitag.",
        "de",
    ) == [("Raketen wurden geliefert", "Shin Won-sik")]
