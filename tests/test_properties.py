"""Property-based tests: arbitrary seed text never crashes read, clean, extraction or
rendering, and never turns into markup on the rendered page.

Each example is written to a file and goes the whole way a seed goes: read_seed, clean_seed,
extract_article, link_corpus, render_articles, then Python-Markdown with the project's
extensions (as MkDocs converts the page). The HTML may contain only the generator's own
tags and attributes, no event handler and no javascript: link, and every sentence of the
article must be visible as literal text.
"""

from __future__ import annotations

import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data  # MkDocs strips front matter before converting
from test_html_pages import project_markdown

from generator.clean import clean_seed
from generator.extract import extract_article
from generator.link import link_corpus
from generator.models import SeedStatus
from generator.read import SeedError, read_seed
from generator.render.articles import render_articles
from generator.tables import load_tables

ROOT = Path(__file__).resolve().parents[1]
TABLES = load_tables(ROOT / "seeds" / "_tables")

# The tags and attributes the generator itself writes on an article page (and the ones
# Python-Markdown produces from the generator's own Markdown: tables, lists, headings
# with permalinks). Anything else in the HTML came from seed text and is a defect.
OWN_TAGS = frozenset(
    [
        "h1",
        "h2",
        "p",
        "ul",
        "li",
        "strong",
        "em",
        "a",
        "span",
        "time",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "div",  # the text of an article in another language, with its lang
    ]
)
OWN_ATTRIBUTES = frozenset(
    ["id", "class", "href", "title", "datetime", "style", "data-search-exclude", "lang"]
)

# Text that is likely to break things: markup, Markdown, Jinja, attribute lists, rules,
# numbers and dates the extractors react to, quotes, umlauts, odd whitespace.
FRAGMENTS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "![x](y)",
    "<!-- c -->",
    "{: onclick=alert(1) }",
    "{{ config }}",
    "{% include 'x' %}",
    "---",
    "# ",
    "| a | b |",
    "*",
    "_",
    "`",
    "&amp;",
    "&#60;",
    "\\",
    "> ",
    "1. ",
    "- ",
    "    ",
    "12.000",
    "4. November 2024",
    "rund eine Million",
    "„",
    "“",
    "»",
    '"',
    "Putin",
    "Nordkorea",
    "Größe",
    ". ",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u2028",
    "\r",
    "Der Hafen von Musterstadt wächst weiter. ",
    "Die Stadt meldet am Montag neue Zahlen",
)
# A seed is a few lines of fragments and random text; most lines end like a sentence, so
# most examples keep a body after the headline and boilerplate are removed.
seed_line = st.tuples(
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=10),
    st.sampled_from(["", ".", ".", ".", "!", " ."]),
).map(lambda parts: "".join(parts[0]) + parts[1])
seed_text = st.lists(seed_line, min_size=1, max_size=8).map("\n".join)
WORKDIR = Path(tempfile.mkdtemp(prefix="dossier-properties-"))


class _Elements(HTMLParser):
    """Collects (tag, attributes) of every element and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.elements.append(("!--", [("comment", data)]))


def folded(text: str) -> str:
    return " ".join(text.split())


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(text=seed_text, fmt=st.sampled_from(["txt", "md", "html"]))
def test_arbitrary_text_never_crashes_and_never_becomes_markup(text, fmt):
    path = WORKDIR / f"seed.{fmt}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        seed = read_seed(path)
    except SeedError as exc:
        # refusing is fine, as long as the reason names the file
        assert exc.problem.file == path.name and exc.problem.reason
        event("refused by read")
        return
    article = clean_seed(seed, TABLES, "seed")
    event(f"rendered ({'with' if article.sentences else 'without'} sentences)")
    for sentence in article.sentences:
        assert article.body[sentence.start : sentence.end] == sentence.text
    extraction = extract_article(article, TABLES)
    report = (SeedStatus(seed.file, "built", "seed"),)
    corpus = link_corpus((extraction,), TABLES, report, ())
    page = next(p for p in render_articles(corpus, TABLES) if p.path == "artikel/seed.md")

    converted = project_markdown().convert(get_data(page.content)[0])
    parser = _Elements()
    parser.feed(converted)
    parser.close()
    for tag, attrs in parser.elements:
        assert tag in OWN_TAGS, (tag, attrs, page.content)
        for name, value in attrs:
            assert name in OWN_ATTRIBUTES, (tag, name, value)
            assert not (value or "").strip().lower().startswith("javascript:"), value
    visible = folded("".join(parser.text))
    assert folded(article.title) in visible
    for sentence in article.sentences:
        assert folded(sentence.text) in visible, (sentence.text, page.content)


@pytest.mark.parametrize("fragment", FRAGMENTS[:12])
def test_each_hostile_fragment_inside_a_sentence_is_shown_literally(fragment):
    text = f"Ein Titel über den Hafen\nDer Bericht zeigt {fragment} als Text im Hafen.\n"
    path = WORKDIR / "einzeln.txt"
    path.write_text(text, encoding="utf-8")
    article = clean_seed(read_seed(path), TABLES, "einzeln")
    extraction = extract_article(article, TABLES)
    corpus = link_corpus((extraction,), TABLES, (), ())
    page = next(p for p in render_articles(corpus, TABLES) if p.path == "artikel/einzeln.md")
    converted = project_markdown().convert(get_data(page.content)[0])
    # no live markup: the fragment may appear only as text ("javascript:" included)
    assert not re.search(r"<(script|img|iframe)\b", converted)
    parser = _Elements()
    parser.feed(converted)
    for tag, attrs in parser.elements:
        assert tag in OWN_TAGS, (tag, attrs)
        for name, value in attrs:
            assert name in OWN_ATTRIBUTES and not name.startswith("on"), (tag, name, value)
            assert not (value or "").strip().lower().startswith("javascript:"), value
    assert folded(f"zeigt {fragment} als") in folded("".join(parser.text))
