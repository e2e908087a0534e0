"""Clean stage: boilerplate rules, headline detection, body shape; the five seeds against gold."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.clean import clean_seed
from generator.language import detect_language
from generator.models import Seed, SeedMeta
from generator.read import read_seeds
from generator.tables import load_tables

REPO = Path(__file__).parents[1]
GOLD = Path(__file__).parents[2] / "shared" / "gold"
TABLES = load_tables(REPO / "seeds" / "_tables")


def seed_of(text: str, **meta) -> Seed:
    return Seed(
        path=Path("t.txt"),
        file="t.txt",
        text=text,
        fmt="txt",
        encoding="utf-8",
        meta=SeedMeta(**meta),
        sha256="0",
    )


def clean(text: str, **meta):
    return clean_seed(seed_of(text, **meta), TABLES, "t")


LEAD = "Der Kreml hat die Lieferung von Öl an Nordkorea ausgeweitet, sagte ein Sprecher."
MORE = "Nordkorea schickte im Gegenzug Soldaten nach Russland, berichten Geheimdienste."


# ── the five seeds against the gold ───────────────────────────────────────


def gold_cases():
    if not GOLD.is_dir():
        return []
    return sorted(GOLD.glob("0*.yml"))


@pytest.fixture(scope="module")
def articles():
    seeds, skipped = read_seeds(REPO / "seeds")
    assert skipped == ()
    return {seed.file: (seed, clean_seed(seed, TABLES, seed.file[:3])) for seed in seeds}


@pytest.mark.skipif(not gold_cases(), reason="shared/gold not available")
@pytest.mark.parametrize("gold_path", gold_cases(), ids=lambda p: p.stem)
def test_seed_matches_gold_title_and_boilerplate(articles, gold_path):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    seed, article = articles[gold["file"]]
    assert article.title == gold["title"]
    assert article.language == "de"
    body_lines = article.body.split("\n")
    # Every gold boilerplate line is gone, and nothing else was removed.
    assert Counter(article.boilerplate) == Counter(gold["boilerplate_lines"])
    assert not {line.strip() for line in gold["boilerplate_lines"]} & set(body_lines)
    # Body lines are the remaining seed lines, unchanged and in order: walk the seed and
    # consume the title once and the gold boilerplate lines (listed in file order).
    expected, pending, title_seen = [], list(gold["boilerplate_lines"]), False
    for line in seed.text.split("\n"):
        if not line.strip():
            continue
        if line == gold["title"] and not title_seen:
            title_seen = True
        elif pending and line == pending[0]:
            pending.pop(0)
        else:
            expected.append(line.strip())
    assert title_seen and pending == []
    assert body_lines == expected
    # Sentences the gold relies on exist verbatim.
    sentences = {s.text for s in article.sentences}
    assert {figure["sentence"] for figure in gold["gold_figures"]} <= sentences


def test_paragraph_offsets_and_sentences_point_into_the_body(articles):
    for _, article in articles.values():
        assert [article.body[a:b] for a, b in article.paragraphs] == article.body.split("\n")
        assert all(article.body[s.start : s.end] == s.text for s in article.sentences)


# ── boilerplate rules ─────────────────────────────────────────────────────


def test_pattern_rules_drop_notices_promos_captions_and_navigation():
    page = (
        "Bitte deaktivieren Sie Ihren Ad-Blocker",
        "Lesen Sie wie gewohnt mit aktiviertem Ad-Blocker auf",
        "  • Jetzt für nur 0,99€ im ersten Monat testen",
        "  • Jederzeit kündbar",
        "Öl für Soldaten: Der Handel zwischen Moskau und Pjöngjang",
        "Kim und Putin in Pjöngjang. Foto: KCNA / dpa",
        LEAD,
        "Lesen Sie auch:",
        "Ein ganz anderes Thema im Überblick",
        MORE,
        "Folgen Sie uns auf Instagram und abonnieren Sie unseren Newsletter",
        "© ALLE RECHTE VORBEHALTEN",
        "Lesen Sie den vollständigen Artikel unter",
        "Die Zeitung",
        "-",
        "NEXT Ein anderer Artikel",
        "Kommentare",
    )
    article = clean("\n".join(page))
    assert article.title == "Öl für Soldaten: Der Handel zwischen Moskau und Pjöngjang"
    assert article.body == f"{LEAD}\n{MORE}"
    assert len(article.boilerplate) == 14
    assert article.boilerplate[2] == "  • Jetzt für nur 0,99€ im ersten Monat testen"


def test_lesen_sie_auch_does_not_swallow_a_whole_paragraph():
    long_paragraph = " ".join([LEAD] * 5)
    article = clean(f"Ein Titel über Nordkorea und Öl\nLesen Sie auch:\n{long_paragraph}\n{MORE}")
    assert long_paragraph in article.body.split("\n")


# ── headline ──────────────────────────────────────────────────────────────


def test_metadata_title_wins_and_its_line_leaves_the_body():
    article = clean(
        f"Ein Label\nDie Überschrift im Text\n{LEAD}\n{MORE}", title="Die Überschrift im Text"
    )
    assert article.title == "Die Überschrift im Text"
    assert "Die Überschrift im Text" not in article.body


def test_repeated_headline_is_the_title_and_repeats_are_dropped():
    headline = "Krieg in der Ukraine: Moskau rüstet Nordkorea aus"
    article = clean(
        f"Ein Foto ohne Punkt am Ende\n{headline}\n{headline}\n{LEAD}\n{headline}\n{MORE}"
    )
    assert article.title == headline
    assert article.boilerplate == (headline, headline)
    assert article.body.split("\n") == ["Ein Foto ohne Punkt am Ende", LEAD, MORE]


def test_variant_headline_right_after_the_title_is_dropped_but_a_dek_stays():
    title = "Putins Tauschgeschäft mit Kim: Soldaten gegen Raketen"
    variant = "Putins lukratives Tauschgeschäft: neue Soldaten für Kims Wünsche"
    article = clean(f"{title}\n{variant}\n{LEAD}\n{MORE}")
    assert article.title == title and article.boilerplate == (variant,)
    unrelated = "Ein Bericht aus Seoul über die Lage"
    assert clean(f"{title}\n{unrelated}\n{LEAD}\n{MORE}").boilerplate == ()


def test_kicker_above_the_headline_stays_and_a_detached_label_goes():
    kicker = clean(f"Trotz Sanktionen\nNordkorea liefert Waffen an Russland\n{LEAD}\n{MORE}")
    assert kicker.title == "Nordkorea liefert Waffen an Russland"
    assert kicker.body.split("\n")[0] == "Trotz Sanktionen"
    label = clean(f"Russland\n{LEAD}\nÖl für Nordkorea aus Russland\n{MORE}")
    assert label.boilerplate == ("Russland",)


def test_page_without_headline_takes_the_subheading_over_the_largest_section():
    page = (LEAD, "Ukraine-Krieg: Soldaten aus Nordkorea", MORE)
    page += ("Nordkorea erhielt Öl von Russland", LEAD, MORE, LEAD)
    article = clean("\n".join(page))
    assert article.title == "Nordkorea erhielt Öl von Russland"
    assert "Ukraine-Krieg: Soldaten aus Nordkorea" in article.body.split("\n")
    assert article.body.split("\n").count(LEAD) == 3


def test_no_headline_at_all_falls_back_to_the_first_sentence_with_a_warning():
    article = clean(f"{LEAD} Noch ein Satz.\n{MORE}")
    assert article.title == LEAD
    assert article.body.startswith(LEAD)
    assert any("no headline" in p.reason for p in article.problems)


# ── structure: orphan headings and filler ─────────────────────────────────


def test_heading_without_paragraph_and_unrelated_to_the_title_is_a_link():
    link = "NATO verlegt neue Sprengköpfe nach Europa"
    article = clean(
        f"Putin besucht Nordkorea\n{LEAD}\n{link}\nWas steckt hinter dem Besuch in Nordkorea?\n{MORE}"
    )
    assert article.boilerplate == (link,)
    assert "Was steckt hinter dem Besuch in Nordkorea?" in article.body


def test_trailing_paragraph_sharing_no_word_is_filler():
    filler = (
        "Boris Pistorius ist seit Januar Bundesverteidigungsminister unter Bundeskanzler"
        " Olaf Scholz. Er gilt als einer der beliebtesten Politiker Deutschlands."
    )
    text = f"Putin besucht Nordkorea\n{LEAD}\n{MORE}\n{LEAD} Nordkorea.\n{filler}"
    assert clean(text).boilerplate == (filler,)
    related = "Der Kreml bestätigte die Lieferungen nach Nordkorea am Abend nicht offiziell."
    assert (
        clean(f"Putin besucht Nordkorea\n{LEAD}\n{MORE}\n{LEAD} Nordkorea.\n{related}").boilerplate
        == ()
    )


# ── English ───────────────────────────────────────────────────────────────


def test_english_article_uses_the_english_tables():
    page = (
        "North Korea ships artillery shells to Russia",
        "By Jane Smith",
        "Kim Jong-un met Vladimir Putin in Pyongyang. Photo: Reuters / KCNA",
        "North Korea has sent millions of shells to Russia, according to Dr. Lee of the agency.",
        "Read more:",
        "Another story about something else",
        "The shipments continued through the summer, officials said.",
        "Follow us on Instagram for daily updates",
        "All rights reserved",
    )
    article = clean("\n".join(page))
    assert article.language == "en"
    assert article.title == "North Korea ships artillery shells to Russia"
    assert article.body.split("\n") == [
        "North Korea has sent millions of shells to Russia, according to Dr. Lee of the agency.",
        "The shipments continued through the summer, officials said.",
    ]
    assert article.sentences[0].text.endswith("agency.")


def test_language_detection_by_stopwords_and_declared_metadata():
    assert (
        detect_language("Die Soldaten sind in der Region und werden dort bleiben.", TABLES) == "de"
    )
    assert detect_language("The soldiers are in the region and will stay there.", TABLES) == "en"
    assert detect_language("The soldiers are in the region.", TABLES, declared="de") == "de"
    assert detect_language("The soldiers are in the region.", TABLES, declared="xx") == "en"


# ── robustness ────────────────────────────────────────────────────────────


def test_a_one_megabyte_line_is_cleaned_in_linear_time():
    line = "Ein Satz über Nordkorea. " * 40_000 + "Bild: Foto / dpa"
    started = time.perf_counter()
    article = clean(f"Nordkorea und Russland\n{line}")
    assert time.perf_counter() - started < 10
    assert article.body == line.strip() and len(article.sentences) == 40_001


def test_many_short_unrelated_lines_stay_linear_and_lists_stay():
    items = [f"Punkt Nummer {n} der Liste" for n in range(60_000)]
    started = time.perf_counter()
    article = clean("Putin besucht Nordkorea\n" + LEAD + "\n" + "\n".join(items))
    assert time.perf_counter() - started < 10
    assert article.body.split("\n")[1:] == items


def test_html_page_cleans_to_its_paragraphs_and_list():
    from generator.read import read_seed

    seed = read_seed(Path(__file__).parent / "fixtures" / "read" / "artikel.html")
    article = clean_seed(seed, TABLES, "artikel")
    assert article.title == "Putin besucht Pjöngjang"
    assert article.body.split("\n")[-2:] == ["Erster Punkt", "Zweiter Punkt"]
    assert article.boilerplate == ()


# ── the outlet a page names itself ────────────────────────────────────────


def test_read_more_line_names_the_outlet_on_the_next_line():
    a = clean(
        f"Titel der Meldung über Öl\n{LEAD}\n{MORE}\nLesen Sie den vollständigen Artikel unter\nDer Messenger\n"
    )
    assert a.source_from_text == "Der Messenger" and a.source == "Der Messenger"
    assert "Messenger" not in a.body


def test_promo_line_names_the_outlet():
    a = clean(f"Watson ist jetzt auf Whatsapp\nTitel der Meldung über Öl\n{LEAD}\n{MORE}\n")
    assert a.source_from_text == "Watson"


def test_english_read_more_line_names_the_outlet():
    text = (
        "Oil shipments to North Korea grow\n"
        "Russia shipped more oil to North Korea, officials said on Monday.\n"
        "The shipments continued for months, according to the report.\n"
        "Read the full story at The Guardian\n"
    )
    assert clean(text).source_from_text == "The Guardian"


def test_metadata_source_wins_and_text_never_names_an_outlet():
    text = f"Titel der Meldung über Öl\n{LEAD}\n{MORE}\nLesen Sie den vollständigen Artikel unter\nDer Messenger\n"
    a = clean(text, source="Tagesschau")
    assert a.source == "Tagesschau" and a.source_from_text is None
    # a sentence of the article (full stop) is no promo line, even where cleaning drops it
    a = clean(
        f"Titel der Meldung über Öl\n{LEAD}\nDie Bundesregierung ist jetzt auch auf TikTok.\n{MORE}\n"
    )
    assert a.source_from_text is None and a.source is None
    # a cited source in the text is not the publisher
    a = clean(f"Titel der Meldung über Öl\n{LEAD}\nLaut Reuters ist das Öl angekommen.\n{MORE}\n")
    assert a.source is None
