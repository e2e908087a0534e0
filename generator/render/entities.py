"""Entity pages: one page per mentioned entity and an index grouped by type.

An entity page answers "where is this name mentioned, in which words, and with whom":
its type, aliases from the gazetteer, the surface forms seen in the articles, every
mention (sentence linked, form marked), the articles, and the entities named in the same
sentences, ranked by how often. Mention lists are capped so a page stays readable for
names mentioned thousands of times; the full list is in data/entities.json.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..extract.memo import ObjectMemo, memo_last
from ..models import Corpus, Entity, Extraction, Page, Tables
from .common import (
    DATA_DIR,
    ENTITIES_INDEX,
    a,
    article_path,
    directory_urls,
    entity_path,
    esc,
    heading,
    hesc,
    href,
    html_list,
    html_page,
    link,
)
from .timeline import highlight

TYPE_LABELS = {
    "person": "Person",
    "place": "Ort",
    "country": "Land",
    "organization": "Organisation",
    "media": "Medium",
}
TYPE_HEADINGS = {
    "person": "Personen",
    "place": "Orte",
    "country": "Länder",
    "organization": "Organisationen",
    "media": "Medien",
}
# How many mention sentences an entity page lists before it refers to the data file.
MENTIONS_SHOWN = 200
# How many articles an entity page lists (those mentioning it most), so it stays bounded.
ARTICLES_SHOWN = 50
# How many co-occurring entities an entity page lists.
COOCCURRING_SHOWN = 30


@dataclass(frozen=True, slots=True)
class EntityMentions:
    """Every mention of one entity across the corpus, grouped by sentence."""

    entity: Entity
    forms: tuple[tuple[str, int], ...]  # (form, count), most frequent first
    sentences: tuple[tuple[Extraction, int, tuple[tuple[int, int], ...]], ...]
    count: int  # number of mentions
    cooccurring: tuple[tuple[str, int], ...]  # (entity id, shared sentences), ranked


def collect_mentions(corpus: Corpus) -> tuple[EntityMentions, ...]:
    """Return, per entity with at least one mention, its mentions, forms and co-occurrences.

    Sorted by entity id. Mentions of ids missing from the gazetteer are ignored. The entity
    pages and data/entities.json ask for the same corpus (immutable): computed once.
    """
    return memo_last("entity mentions", corpus, lambda: _collect_mentions(corpus))


def _collect_mentions(corpus: Corpus) -> tuple[EntityMentions, ...]:
    known = {entity.id: entity for entity in corpus.entities}
    forms: dict[str, Counter] = defaultdict(Counter)
    sentences: dict[str, list] = defaultdict(list)
    cooccurring: dict[str, Counter] = defaultdict(Counter)
    # extractions are sorted by file, and each article's sentences by index: appending in
    # this order lists every entity's sentences by (file, sentence)
    for extraction in corpus.extractions:
        part = _article_part(extraction, known)
        for entity_id, counts in part.forms.items():
            _add(forms[entity_id], counts)
        for entity_id, spans in part.spans.items():
            sentences[entity_id].extend(spans)
        for entity_id, counts in part.cooccurring.items():
            _add(cooccurring[entity_id], counts)
    result = []
    for entity_id in sorted(sentences):
        result.append(
            EntityMentions(
                entity=known[entity_id],
                forms=tuple(sorted(forms[entity_id].items(), key=lambda f: (-f[1], f[0]))),
                sentences=tuple(sentences[entity_id]),
                count=sum(forms[entity_id].values()),
                cooccurring=tuple(
                    sorted(cooccurring[entity_id].items(), key=lambda c: (-c[1], c[0]))
                ),
            )
        )
    return tuple(result)


def _add(total: Counter, counts: dict[str, int]) -> None:
    """total += counts (Counter.update checks types and dispatches per call; this is the
    inner loop of merging a thousand articles' counts)."""
    get = total.get
    for key, count in counts.items():
        total[key] = get(key, 0) + count


@dataclass(frozen=True, slots=True)
class _ArticleMentions:
    """One article's share of collect_mentions, per entity id."""

    forms: dict[str, dict[str, int]]  # per entity: form -> count
    # per entity: (extraction, sentence index, spans in the sentence), by sentence
    spans: dict[str, tuple[tuple[Extraction, int, tuple[tuple[int, int], ...]], ...]]
    cooccurring: dict[str, dict[str, int]]  # per entity: other entity -> shared sentences


def _article_part(extraction: Extraction, known: dict[str, Entity]) -> _ArticleMentions:
    """The article's mentions of known entities, kept per extraction object: a rebuild in
    `mkdocs serve` recounts only the edited article."""
    return _PARTS.get(
        extraction, None, known, lambda: _count_article(extraction, known)
    )


_PARTS = ObjectMemo(limit=100_000)


def _count_article(extraction: Extraction, known: dict[str, Entity]) -> _ArticleMentions:
    article = extraction.article
    # plain dicts counted with get(): a Counter per entity and article cost more to set
    # up than the few mentions it counts
    forms: dict[str, dict[str, int]] = defaultdict(dict)
    spans: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(dict)
    in_sentence: dict[int, set[str]] = defaultdict(set)
    for mention in extraction.mentions:
        if mention.entity not in known or not 0 <= mention.sentence < len(article.sentences):
            continue
        entity_forms = forms[mention.entity]
        entity_forms[mention.form] = entity_forms.get(mention.form, 0) + 1
        sentence = article.sentences[mention.sentence]
        relative = (mention.start - sentence.start, mention.end - sentence.start)
        spans[mention.entity].setdefault(mention.sentence, []).append(relative)
        in_sentence[mention.sentence].add(mention.entity)
    cooccurring: dict[str, dict[str, int]] = defaultdict(dict)
    for ids in in_sentence.values():
        if len(ids) < 2:
            continue  # a name alone in its sentence co-occurs with nothing
        for one in ids:
            counts = cooccurring[one]
            for other in ids:
                if one != other:
                    counts[other] = counts.get(other, 0) + 1
    return _ArticleMentions(
        forms=dict(forms),
        spans={
            entity_id: tuple(
                (extraction, index, tuple(sorted(by_index[index]))) for index in sorted(by_index)
            )
            for entity_id, by_index in spans.items()
        },
        cooccurring=dict(cooccurring),
    )


def _entity_page(item: EntityMentions, names: dict[str, str]) -> Page:
    """One entity's page, as raw HTML (see render.common)."""
    entity = item.entity
    page = entity_path(entity.id)
    articles = Counter(extraction.article.file for extraction, _, _ in item.sentences)
    facts = [f"<strong>Typ:</strong> {TYPE_LABELS.get(entity.type, hesc(entity.type))}"]
    if entity.aliases:
        known = ", ".join(hesc(alias) for alias in entity.aliases)
        facts.append(f"<strong>Bekannte Namensformen:</strong> {known}")
    seen = ", ".join(f"{hesc(form)} ({count})" for form, count in item.forms)
    facts += [
        f"<strong>Schreibweisen in den Artikeln:</strong> {seen}",
        f"<strong>Erwähnungen:</strong> {item.count} in {len(articles)} Artikeln",
    ]
    blocks = [f"<h1>{hesc(entity.name)}</h1>", "<p>" + "<br>\n".join(facts) + "</p>"]
    titles: dict[str, tuple[str, str]] = {}
    for extraction, _, _ in item.sentences:
        titles[extraction.article.file] = (extraction.article.slug, extraction.article.title)
    # the articles that mention the entity most; the page stays bounded however many do
    ranked = sorted(titles, key=lambda file: (-articles[file], file))
    listed = []
    for file in ranked[:ARTICLES_SHOWN]:
        slug, title = titles[file]
        listed.append(f"{a(href(page, article_path(slug)), hesc(title))} · {articles[file]}")
    rest = len(ranked) - ARTICLES_SHOWN
    if rest > 0:
        data = a(href(page, f"{DATA_DIR}/entities.json"), "entities.json")
        listed.append(f"… und {rest} weitere Artikel (alle Erwähnungen in {data})")
    blocks += [heading(2, "Artikel", "artikel"), html_list(listed)]
    if item.cooccurring:
        others = []
        for other, shared in item.cooccurring[:COOCCURRING_SHOWN]:
            sentences = "1 Satz" if shared == 1 else f"{shared} Sätze"
            others.append(f"{a(href(page, entity_path(other)), hesc(names[other]))} · {sentences}")
        rest = len(item.cooccurring) - COOCCURRING_SHOWN
        if rest > 0:
            others.append(f"… und {rest} weitere")
        blocks += [
            heading(2, "Im selben Satz genannt", "im-selben-satz-genannt"),
            html_list(others),
        ]
    blocks.append(heading(2, "Erwähnungen", "erwahnungen"))
    current, items, number = None, [], 0
    for extraction, index, spans in item.sentences[:MENTIONS_SHOWN]:
        article = extraction.article
        if article.file != current:
            if items:
                blocks.append(html_list(items))
            current, items, number = article.file, [], number + 1
            blocks.append(heading(3, hesc(article.title), f"artikel-{number}"))
        items.append(_mention_line(page, extraction, index, spans))
    if items:
        blocks.append(html_list(items))
    rest = len(item.sentences) - MENTIONS_SHOWN
    if rest > 0:
        data = a(href(page, f"{DATA_DIR}/entities.json"), "entities.json")
        blocks.append(f"<p>… und {rest} weitere Sätze; alle Erwähnungen stehen in {data}.</p>")
    return Page(page, html_page(entity.name, blocks, searchable=False))


def _mention_line(
    page: str, extraction: Extraction, index: int, spans: tuple[tuple[int, int], ...]
) -> str:
    """One mention sentence on an entity page, linked, the entity's words marked. Kept per
    extraction object, so a rebuild in `mkdocs serve` redoes only the edited article's."""

    def build() -> str:
        sentence = extraction.article.sentences[index]
        target = href(page, article_path(extraction.article.slug), sentence.anchor)
        marked = highlight(sentence.text, list(spans))
        return f"{a(target, f'Satz {sentence.index + 1}')}: {marked}"

    return _LINES.get(extraction, (page, index), (spans, directory_urls()), build)


_LINES = ObjectMemo(limit=200_000)


def _index_page(items: tuple[EntityMentions, ...]) -> Page:
    lines = [
        "# Entitäten",
        "",
        (
            f"{len(items)} Personen, Orte, Länder, Organisationen und Medien, die in den Artikeln "
            "genannt werden, mit der Zahl ihrer Erwähnungen."
        ),
    ]
    by_type: dict[str, list[EntityMentions]] = defaultdict(list)
    for item in items:
        by_type[item.entity.type].append(item)
    order = [*TYPE_HEADINGS, *sorted(set(by_type) - set(TYPE_HEADINGS))]
    for entity_type in order:
        group = by_type.get(entity_type)
        if not group:
            continue
        group.sort(key=lambda i: (-i.count, i.entity.name.casefold(), i.entity.id))
        heading = TYPE_HEADINGS.get(entity_type, esc(entity_type))
        lines += ["", f"## {heading}", "", "| Name | Erwähnungen | Artikel |", "|---|---:|---:|"]
        for item in group:
            target = link(ENTITIES_INDEX, entity_path(item.entity.id))
            articles = len({extraction.article.file for extraction, _, _ in item.sentences})
            lines.append(f"| [{esc(item.entity.name)}]({target}) | {item.count} | {articles} |")
    if not items:
        lines += ["", "Keine Entitäten erwähnt."]
    return Page(ENTITIES_INDEX, "\n".join(lines) + "\n")


def render_entities(corpus: Corpus, tables: Tables) -> tuple[Page, ...]:
    """Return entitaeten/index.md and one page per entity that is mentioned at least once.

    Entities of the gazetteer that no article mentions get no page (nothing to show).
    """
    items = collect_mentions(corpus)
    names = {entity.id: entity.name for entity in corpus.entities}
    style = directory_urls()
    return (
        _index_page(items),
        *(
            _PAGES.get(item.entity, None, (item, names, style, _caps()), lambda i=item: _entity_page(i, names))
            for item in items
        ),
    )


def _caps() -> tuple[int, int, int]:
    """The list caps a page was built with (read at call time: tests change them)."""
    return (MENTIONS_SHOWN, ARTICLES_SHOWN, COOCCURRING_SHOWN)


# An entity's page is rebuilt only when what it shows changed (its mentions, the names
# it links, the URL style): in `mkdocs serve`, an edit touches a few entities' pages.
_PAGES = ObjectMemo(limit=10_000)
