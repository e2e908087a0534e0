"""Timeline: the same event from several articles appears once, with every citation.

Also holds the small builders the other render tests use to make Corpus values by hand.
"""

from __future__ import annotations

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
    Topic,
)
from generator.timeline import build_timeline, format_iso_de

ENTITIES = (
    Entity("wladimir-putin", "Wladimir Putin", "person", ("Putin",)),
    Entity("kim-jong-un", "Kim Jong-un", "person", ("Kim",)),
    Entity("moskau", "Moskau", "place"),
    Entity("choe-son-hui", "Choe Son Hui", "person"),
    Entity("seoul", "Seoul", "place"),
)
TOPICS = (Topic("treaty", "Vertrag", keywords=("vertrag", "abkommen", "treaty")),)


def make_article(
    file: str, paragraphs: list[list[str]], title: str = "", **meta: object
) -> Article:
    """An Article whose body is the paragraphs' sentences, one paragraph a line."""
    sentences: list[Sentence] = []
    lines: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for p, paragraph in enumerate(paragraphs):
        line_start = offset
        for k, text in enumerate(paragraph):
            if k:
                offset += 1  # the space between sentences
            sentences.append(Sentence(len(sentences), p, offset, offset + len(text), text))
            offset += len(text)
        lines.append(" ".join(paragraph))
        spans.append((line_start, offset))
        offset += 1  # the newline
    slug = file.rsplit(".", 1)[0].replace("_", "-")
    return Article(
        file=file,
        slug=slug,
        title=title or f"Titel {slug}",
        body="\n".join(lines),
        paragraphs=tuple(spans),
        sentences=tuple(sentences),
        language=str(meta.pop("language", "de")),
        meta=SeedMeta(**meta),  # type: ignore[arg-type]
        fmt="txt",
        encoding="utf-8",
        sha256="0" * 64,
    )


def find(article: Article, text: str, nth: int = 0) -> tuple[int, int, int]:
    """(sentence index, start, end) of the nth occurrence of `text` in the body."""
    start = -1
    for _ in range(nth + 1):
        start = article.body.index(text, start + 1)
    return article.sentence_at(start).index, start, start + len(text)


def date(article: Article, text: str, iso: str, approx: bool = False) -> DateMention:
    sentence, start, end = find(article, text)
    return DateMention(text, iso, approx, False, sentence, start, end)


def mention(article: Article, entity: str, form: str, nth: int = 0) -> EntityMention:
    sentence, start, end = find(article, form, nth)
    return EntityMention(entity, form, sentence, start, end)


def figure(article: Article, text: str, low: float, high: float | None, **kw: object) -> Figure:
    sentence, start, end = find(article, text)
    values = {
        "qualifier": "exact",
        "counts": "Soldaten",
        "topic": "troops",
        "attributed_to": None,
        "modality": "claim",
    }
    values.update(kw)
    return Figure(text, low, high, sentence=sentence, start=start, end=end, **values)  # type: ignore[arg-type]


def quote(article: Article, text: str, speaker: str | None) -> Quote:
    sentence, start, end = find(article, text)
    return Quote(text, speaker, sentence, start, end)


def extraction(article: Article, published: str | None = None, **facts: object) -> Extraction:
    return Extraction(
        article=article,
        published=published,
        published_basis="metadata" if published else "unknown",
        **facts,  # type: ignore[arg-type]
    )


def corpus(*extractions: Extraction) -> Corpus:
    ordered = tuple(sorted(extractions, key=lambda e: e.article.file))
    return Corpus(extractions=ordered, topics=TOPICS, entities=ENTITIES)


def summit_corpus() -> Corpus:
    """Three articles: a June summit (day and month precision), a 4 November visit, noise."""
    a = make_article(
        "a.txt",
        [
            ["Erst am 4. November besuchte Choe Son Hui Moskau.", "Das war wichtig."],
            ["Bereits im Juni war diese besiegelt worden.", "Damals unterschrieben Putin und Kim."],
        ],
    )
    b = make_article(
        "b.txt",
        [
            ["Putin reist heute, Dienstag, 18. Juni, nach Pjöngjang.", "Ein Abkommen folgt."],
            ["Im Juni regnete es in Seoul."],
        ],
    )
    c = make_article(
        "c.txt",
        [["Am 4. November war Choe Son Hui in Moskau.", "Im Juni 2024 hat Kim ein Abkommen."]],
    )
    ea = extraction(
        a,
        "2024-11-22",
        dates=(date(a, "am 4. November", "2024-11-04"), date(a, "im Juni", "2024-06")),
        mentions=(
            mention(a, "choe-son-hui", "Choe Son Hui"),
            mention(a, "moskau", "Moskau"),
            mention(a, "wladimir-putin", "Putin"),
            mention(a, "kim-jong-un", "Kim"),
        ),
    )
    eb = extraction(
        b,
        "2024-06-18",
        dates=(date(b, "Dienstag, 18. Juni", "2024-06-18"), date(b, "Im Juni", "2024-06")),
        mentions=(mention(b, "wladimir-putin", "Putin"), mention(b, "seoul", "Seoul")),
    )
    ec = extraction(
        c,
        "2024-11-22",
        dates=(date(c, "Am 4. November", "2024-11-04"), date(c, "Im Juni 2024", "2024-06")),
        mentions=(
            mention(c, "choe-son-hui", "Choe Son Hui"),
            mention(c, "moskau", "Moskau"),
            mention(c, "kim-jong-un", "Kim"),
        ),
    )
    return corpus(ec, ea, eb)


def test_same_event_in_two_articles_appears_once_with_both_citations() -> None:
    events = build_timeline(summit_corpus())
    november = [e for e in events if e.iso == "2024-11-04"]
    assert len(november) == 1
    assert [c.file for c in november[0].citations] == ["a.txt", "c.txt"]
    assert november[0].label == "4. November 2024"
    assert {"choe-son-hui", "moskau"} <= set(november[0].context)


def test_month_mentions_join_the_day_precise_event_they_share_context_with() -> None:
    events = build_timeline(summit_corpus())
    summit = next(e for e in events if e.iso == "2024-06-18")
    # b's own day mention, a's "im Juni" (context borrowed from the next sentence: Putin, Kim)
    # and c's "Im Juni 2024" (Kim, via a's cluster features)
    assert [(c.file, c.date_text) for c in summit.citations] == [
        ("a.txt", "im Juni"),
        ("b.txt", "Dienstag, 18. Juni"),
        ("c.txt", "Im Juni 2024"),
    ]
    assert summit.slugs == ("a", "b", "c")
    assert not summit.approx


def test_unrelated_mention_of_the_same_month_stays_a_separate_event() -> None:
    events = build_timeline(summit_corpus())
    rain = [e for e in events if any("regnete" in c.text for c in e.citations)]
    assert len(rain) == 1 and rain[0].iso == "2024-06" and len(rain[0].citations) == 1


def test_events_are_in_date_order_and_deterministic() -> None:
    events = build_timeline(summit_corpus())
    assert [e.iso for e in events] == sorted(e.iso for e in events)
    assert [e.iso for e in events] == ["2024-06", "2024-06-18", "2024-11-04"]
    assert build_timeline(summit_corpus()) == events


def test_different_days_never_merge_even_with_shared_context() -> None:
    a = make_article("a.txt", [["Putin kam am 17. Juni.", "Putin blieb bis 18. Juni."]])
    e = extraction(
        a,
        dates=(date(a, "17. Juni", "2024-06-17"), date(a, "18. Juni", "2024-06-18")),
        mentions=(mention(a, "wladimir-putin", "Putin"), mention(a, "wladimir-putin", "Putin", 1)),
    )
    assert [ev.iso for ev in build_timeline(corpus(e))] == ["2024-06-17", "2024-06-18"]


def test_approx_only_event_is_flagged_and_year_only_dates_are_labelled() -> None:
    a = make_article("a.txt", [["Im Sommer unterschrieb Putin.", "Das war 2019."]])
    e = extraction(
        a,
        dates=(date(a, "Im Sommer", "2024-06", approx=True), date(a, "2019", "2019")),
        mentions=(mention(a, "wladimir-putin", "Putin"),),
    )
    events = build_timeline(corpus(e))
    assert [(ev.iso, ev.label, ev.approx) for ev in events] == [
        ("2019", "2019", False),
        ("2024-06", "Juni 2024", True),
    ]
    assert format_iso_de("2024-03-01") == "1. März 2024"


def test_bare_year_does_not_join_a_finer_event_and_unresolved_dates_are_left_out() -> None:
    a = make_article("a.txt", [["Putin kam am 18. Juni 2019, seine erste Reise seit 2019."]])
    b = make_article("b.txt", [["Putin kam im Juni XXXX."]])
    events = build_timeline(
        corpus(
            extraction(
                a,
                dates=(date(a, "18. Juni 2019", "2019-06-18"), date(a, "2019", "2019")),
                mentions=(mention(a, "wladimir-putin", "Putin"),),
            ),
            extraction(
                b,
                dates=(date(b, "im Juni XXXX", "XXXX-06"),),
                mentions=(mention(b, "wladimir-putin", "Putin"),),
            ),
        )
    )
    assert [(e.iso, len(e.citations)) for e in events] == [("2019", 1), ("2019-06-18", 1)]
