"""Link stage: claims group figures that count the same thing; related articles say why.

The builders at the top make Articles and Extractions by hand (no extractor needed);
tests/test_render_pages.py reuses them.
"""

from __future__ import annotations

from generator.link import group_claims, link_corpus, same_noun
from generator.models import (
    Article,
    Corpus,
    DateMention,
    Entity,
    EntityMention,
    Extraction,
    Figure,
    Quote,
    SeedMeta,
    Sentence,
    Tables,
    Topic,
)
from generator.tables import load_language


def make_article(
    slug: str,
    paragraphs: list[list[str]],
    *,
    title: str = "Titel",
    language: str = "de",
    meta: SeedMeta | None = None,
) -> Article:
    """Return an Article whose body is the given sentences: " " within, "\\n" between paragraphs."""
    body = ""
    spans = []
    sentences = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            body += "\n"
        start = len(body)
        for i, text in enumerate(paragraph):
            if i:
                body += " "
            sentences.append(
                Sentence(len(sentences), number, len(body), len(body) + len(text), text)
            )
            body += text
        spans.append((start, len(body)))
    return Article(
        file=f"{slug}.txt",
        slug=slug,
        title=title,
        body=body,
        paragraphs=tuple(spans),
        sentences=tuple(sentences),
        language=language,
        meta=meta or SeedMeta(),
        fmt="txt",
        encoding="utf-8",
        sha256="0" * 64,
    )


def _locate(article: Article, text: str, occurrence: int = 0) -> tuple[int, int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(text, start + 1)
    return start, start + len(text), article.sentence_at(start).index


def figure(
    article: Article,
    text: str,
    low: float,
    high: float | None,
    qualifier: str,
    counts: str,
    topic: str,
    attributed_to: str | None = None,
    modality: str = "claim",
) -> Figure:
    """Return a Figure for the first occurrence of `text` in the article body."""
    start, end, sentence = _locate(article, text)
    return Figure(
        text, low, high, qualifier, counts, topic, attributed_to, sentence, start, end, modality
    )


def mention(article: Article, entity: str, form: str, occurrence: int = 0) -> EntityMention:
    start, end, sentence = _locate(article, form, occurrence)
    return EntityMention(entity, form, sentence, start, end)


def date(article: Article, text: str, iso: str) -> DateMention:
    start, end, sentence = _locate(article, text)
    return DateMention(text, iso, False, False, sentence, start, end)


def quote(article: Article, text: str, speaker: str | None = None) -> Quote:
    start, end, sentence = _locate(article, text)
    return Quote(text, speaker, sentence, start, end)


def extraction(article: Article, published: str | None = "2024-11-01", **facts) -> Extraction:
    return Extraction(
        article=article,
        published=published,
        published_basis="inferred" if published else "unknown",
        **{k: tuple(v) for k, v in facts.items()},
    )


TOPICS = (
    Topic("troops", "Truppen", "Entsandte Soldaten", ("soldat", "truppe", "troop")),
    Topic("oil", "Öl", "Öllieferungen", ("öl", "oil", "barrel")),
)
ENTITIES = (
    Entity("russland", "Russland", "country"),
    Entity("wolodymyr-selenskyj", "Wolodymyr Selenskyj", "person", ("Selenskyj",)),
    Entity("bbc", "BBC", "media"),
)


def tables() -> Tables:
    """The real language tables (stopwords) with a small inline corpus table."""
    return Tables(
        languages={"de": load_language("de"), "en": load_language("en")},
        topics=TOPICS,
        entities=ENTITIES,
    )


def troop_corpus() -> tuple[Extraction, ...]:
    """Five articles with troop and oil figures, worded the way different outlets word them."""
    a = make_article(
        "a",
        [
            [
                "Tausende Soldaten kämpfen für Russland.",
                "Russland bekam rund eine Million Barrel Öl.",
            ]
        ],
    )
    b = make_article(
        "b",
        [
            [
                "Zwischen 12.000 und 15.000 nordkoreanische Soldaten sind in Russland.",
                "Mehr als ein Dutzend Öltanker legten an.",
            ]
        ],
    )
    c = make_article(
        "c",
        [
            [
                "Es seien mehr als 10.000 Soldaten nach Russland entsandt worden.",
                "Selenskyj warnte, es könnten bis zu 100.000 Soldaten werden.",
                "Die BBC berichtete über eine Million Barrel Öl.",
            ]
        ],
    )
    d = make_article("d", [["Nordkorea hat mehr als 10.000 Soldaten geschickt."]])
    e = make_article("e", [["Das Wetter in Russland war gut."]])
    return (
        extraction(
            a,
            "2024-10-01",
            figures=[
                figure(a, "Tausende", 1000, None, "at_least", "Soldaten", "troops"),
                figure(a, "rund eine Million", 1e6, 1e6, "approx", "Barrel Öl", "oil"),
            ],
            mentions=[mention(a, "russland", "Russland"), mention(a, "russland", "Russland", 1)],
        ),
        extraction(
            b,
            "2024-10-20",
            figures=[
                figure(
                    b,
                    "Zwischen 12.000 und 15.000",
                    12000,
                    15000,
                    "range",
                    "nordkoreanische Soldaten",
                    "troops",
                    "Südkorea",
                ),
                figure(b, "Mehr als ein Dutzend", 12, 12, "more_than", "Öltanker", "oil"),
            ],
            mentions=[mention(b, "russland", "Russland")],
        ),
        extraction(
            c,
            "2024-11-22",
            figures=[
                figure(
                    c,
                    "mehr als 10.000",
                    10000,
                    10000,
                    "more_than",
                    "Soldaten nach Russland",
                    "troops",
                    "Südkorea / USA",
                ),
                figure(
                    c,
                    "bis zu 100.000",
                    100000,
                    100000,
                    "up_to",
                    "Soldaten",
                    "troops",
                    "Wolodymyr Selenskyj",
                    "projection",
                ),
                figure(c, "über eine Million", 1e6, 1e6, "more_than", "Barrel Öl", "oil", "BBC"),
            ],
            mentions=[
                mention(c, "russland", "Russland"),
                mention(c, "wolodymyr-selenskyj", "Selenskyj"),
                mention(c, "bbc", "BBC"),
            ],
        ),
        extraction(
            d,
            None,
            figures=[figure(d, "mehr als 10.000", 10000, 10000, "more_than", "Soldaten", "troops")],
        ),
        extraction(e, "2024-11-02", mentions=[mention(e, "russland", "Russland")]),
    )


def corpus() -> Corpus:
    return link_corpus(tuple(reversed(troop_corpus())), tables(), (), ())


def test_troop_figures_form_one_claim_with_every_citation() -> None:
    claims = group_claims(corpus(), "troops", tables())
    assert len(claims) == 1
    claim = claims[0]
    assert claim.label == "Soldaten"
    assert claim.key == "soldaten"
    assert [(c.slug, c.figure_text) for c in claim.citations] == [
        ("a", "Tausende"),
        ("b", "Zwischen 12.000 und 15.000"),
        ("c", "mehr als 10.000"),
        ("c", "bis zu 100.000"),
        ("d", "mehr als 10.000"),  # undated: last
    ]
    projection = claim.citations[3]
    assert (projection.modality, projection.attributed_to, projection.anchor) == (
        "projection",
        "Wolodymyr Selenskyj",
        "s2",
    )
    assert projection.sentence_text.startswith("Selenskyj warnte")
    assert (claim.low, claim.high) == (1000, 100000)
    assert claim.slugs == ("a", "b", "c", "d")


def test_oil_volumes_are_one_claim_and_tankers_another() -> None:
    claims = group_claims(corpus(), "oil", tables())
    by_label = {c.label: [x.figure_text for x in c.citations] for c in claims}
    assert by_label == {
        "Barrel Öl": ["rund eine Million", "über eine Million"],
        "Öltanker": ["Mehr als ein Dutzend"],
    }
    assert claims[0].label == "Barrel Öl"  # most cited first


def test_group_claims_without_tables_still_groups_by_shared_words() -> None:
    labels = [c.label for c in group_claims(corpus(), "troops")]
    assert labels == ["Soldaten"]


def test_same_noun_allows_inflection_and_compound_heads_only() -> None:
    assert same_noun("soldat", "soldaten")
    assert same_noun("tanker", "öltankern")
    assert same_noun("geschosse", "artilleriegeschosse")
    assert same_noun("soldaten", "kindersoldat")
    assert not same_noun("raketen", "raketenwerfer")
    assert not same_noun("öl", "öltanker")
    assert not same_noun("jahre", "monate")
    # a unit prefix makes another quantity, not a kind of the last part
    assert not same_noun("cent", "percent")
    assert not same_noun("meter", "kilometer")
    assert not same_noun("tonnen", "megatonnen")
    assert same_noun("tonnen", "öltonnen")


def test_english_phrases_are_cut_at_function_words() -> None:
    x = make_article("x", [["Russia shipped 1 million barrels of oil."]], language="en")
    y = make_article("y", [["Another 200,000 barrels followed."]], language="en")
    extractions = (
        extraction(x, figures=[figure(x, "1 million", 1e6, 1e6, "exact", "barrels of oil", "oil")]),
        extraction(y, figures=[figure(y, "200,000", 2e5, 2e5, "exact", "barrels", "oil")]),
    )
    claims = group_claims(link_corpus(extractions, tables(), (), ()), "oil", tables())
    assert [len(c.citations) for c in claims] == [2]


def test_link_corpus_sorts_by_file_and_relates_articles_with_named_reasons() -> None:
    linked = corpus()
    assert [e.article.file for e in linked.extractions] == [
        "a.txt",
        "b.txt",
        "c.txt",
        "d.txt",
        "e.txt",
    ]
    related = dict(linked.related)
    assert sorted(related) == ["a", "b", "c", "d", "e"]
    # c shares the oil claim, the troop claim and both topics with a: it ranks first
    top = related["a"][0]
    assert top.slug == "c"
    assert top.reasons == (
        "gemeinsame Zahlenangaben: Barrel Öl, Soldaten",
        "gemeinsame Entitäten: Russland",
        "gemeinsame Themen: Öl, Truppen",
    )
    scores = [r.score for r in related["a"]]
    assert scores == sorted(scores, reverse=True)
    assert all(r.slug != "a" for r in related["a"])
    # e shares only Russland, which b, c and a mention too: a weak but named link
    assert all(r.reasons == ("gemeinsame Entitäten: Russland",) for r in related["e"])


def test_related_is_deterministic_and_capped() -> None:
    many = []
    for i in range(8):
        art = make_article(f"m{i}", [["Mehr als 10.000 Soldaten kamen."]])
        many.append(
            extraction(
                art,
                figures=[
                    figure(art, "Mehr als 10.000", 1e4, 1e4, "more_than", "Soldaten", "troops")
                ],
            )
        )
    first = link_corpus(tuple(many), tables(), (), ()).related
    second = link_corpus(tuple(reversed(many)), tables(), (), ()).related
    assert first == second
    assert [r.slug for r in dict(first)["m0"]] == ["m1", "m2", "m3", "m4", "m5"]


def test_topic_keywords_find_what_a_word_start_regex_per_topic_finds() -> None:
    """link.TopicKeywords (one Aho–Corasick pass) against the plain computation: per topic,
    a regex for its keywords at a word start (no letter or digit before them), on random
    lower-cased texts of keywords, parts of them, digits, letters, underscores, spaces and
    punctuation, with keywords shared between topics and one a prefix of another."""
    import random
    import re

    from generator.link import TopicKeywords

    topics = (
        Topic("troops", "Truppen", "", ("soldat", "truppe", "troop", " Öl ")),
        Topic("oil", "Öl", "", ("öl", "oil", "barrel", "ölpreis")),
        Topic("arms", "Waffen", "", ("waffe", "granate", "ölpreis", "a_b")),
        Topic("none", "Leer", "", ("  ",)),
    )

    def reference(text: str) -> set[str]:
        found = set()
        for topic in topics:
            keywords = sorted({k.strip().lower() for k in topic.keywords if k.strip()})
            if not keywords:
                continue
            alternatives = "|".join(re.escape(k) for k in sorted(keywords, key=lambda k: (-len(k), k)))
            if re.search(rf"(?<![^\W_])(?:{alternatives})", text):
                found.add(topic.id)
        return found

    matcher = TopicKeywords(topics)
    pieces = ["soldat", "truppe", "öl", "oil", "barrel", "ölpreis", "waffe", "granate", "a_b",
              "sol", "x", "9", "_", " ", "-", ".", "ä", "ß", "é", "\u0301"]
    rng = random.Random(7)
    texts = ["", "öl", "xöl", "_öl", "9öl", "a_b", "ba_b", "-a_b"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for text in texts:
        assert matcher.topics_in(text) == reference(text), text
    assert TopicKeywords(()).topics_in("öl") == set()
