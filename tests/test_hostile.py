"""Built-site tests with broken and hostile seeds: each builds a small MkDocs project in
tmp_path (the project's mkdocs.yml, hand-written pages, assets, theme overrides and
tables, plus seeds from tests/fixtures/bad/) and parses the HTML MkDocs produced.

- Hostile text is shown literally: no script but the theme's, no on* attribute, no
  javascript: link, the hostile strings visible as text (also in the search index, which
  Material renders as HTML).
- Modes: plain `mkdocs build` builds what it can and exits 0; `--strict` fails and names
  every problem. The build report page lists every seed with its status.
- Names and paths: same headlines, deleted seeds, hand-written pages and the output folder.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_html_pages import parse_page

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "fixtures" / "bad"
HOSTILE = BAD / "hostile"
PROJECT_FILES = ("mkdocs.yml", "docs/index.md", "docs/methodik.md", "docs/assets", "overrides")


# ── helpers ───────────────────────────────────────────────────────────────


def make_project(root: Path, seeds: list[Path]) -> Path:
    """Copy the project skeleton into `root` and the given seed files into root/seeds/."""
    for rel in PROJECT_FILES:
        source, target = ROOT / rel, root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.exists():
            shutil.copy(source, target)
    shutil.copytree(ROOT / "seeds" / "_tables", root / "seeds" / "_tables")
    for seed in seeds:
        shutil.copy(seed, root / "seeds" / seed.name)
    return root


def mkdocs_build(project: Path, *, strict: bool) -> subprocess.CompletedProcess:
    """Run `mkdocs build` (optionally --strict) in `project`; return the finished process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site")]
    return subprocess.run(
        [*command, "--strict"] if strict else command,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class Page(HTMLParser):
    """Every element with its attributes, script elements and the visible text of a page."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.parts: list[str] = []
        self._in_script = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        self.elements.append((tag, values))
        if tag == "script":
            self.scripts.append((values, ""))
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def pages(site: Path) -> dict[str, Page]:
    return {
        path.relative_to(site).as_posix(): Page(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }


def theme_inline(text: str) -> str:
    """Inline script text without the page-relative scope URL, which differs per page."""
    return re.sub(r'new URL\("[^"]*",location\)', "new URL(SCOPE,location)", text)


def theme_scripts(site: Path) -> frozenset[str]:
    """The inline scripts of the hand-written start page (no seed text there): the theme's."""
    start = Page((site / "index.html").read_text(encoding="utf-8"))
    return frozenset(theme_inline(text) for attrs, text in start.scripts if not attrs.get("src"))


def theme_script(attrs: dict[str, str], text: str, theme: frozenset[str]) -> bool:
    """True for the scripts Material itself puts on pages: its bundles, its bootstrap code
    (as on the start page) and its JSON config."""
    if attrs.get("src"):
        return "assets/javascripts/" in attrs["src"] and not text.strip()
    if attrs.get("id") == "__config" and attrs.get("type") == "application/json":
        return "alert" not in text
    return theme_inline(text) in theme


def assert_no_active_content(site: Path) -> None:
    """No script but the theme's, no on* attribute, no javascript: URL on any page."""
    theme = theme_scripts(site)
    for name, page in pages(site).items():
        for attrs, text in page.scripts:
            assert theme_script(attrs, text, theme), (name, attrs, text[:200])
        for tag, attrs in page.elements:
            for attribute, value in attrs.items():
                assert not attribute.lower().startswith("on"), (name, tag, attribute, value)
                if attribute in ("href", "src", "action", "formaction", "data", "srcdoc"):
                    cleaned = "".join(value.split()).lower()
                    assert not cleaned.startswith(("javascript:", "data:text")), (name, value)
            assert tag not in ("iframe", "object", "embed", "img"), (name, tag, attrs)


# ── hostile text ──────────────────────────────────────────────────────────

# Slugs follow the sorted file names: hostile.html, hostile.md, hostile.txt.
HOSTILE_TEXT = {
    "hostile-3": [
        '</title><script>alert("titel")</script> Hafen {: onclick="alert(0)" }',
        "[Quelle](javascript:alert('quelle'))",
        '<script>alert("xss")</script>',
        "<img src=x onerror=alert(1)>",
        "[Klick mich](javascript:alert(2))",
        '<a href="javascript:alert(3)">hier</a>',
        "<!-- versteckter Kommentar -->",
        "# Keine Überschrift, sondern ein Satz",
        "![Hafenbild](javascript:alert(4))",
        "| Spalte | Wert | stand als Tabelle",
        '{: onclick="alert(5)" }',
        '{{ config }} und {% include "geheim.html" %}',
        "--- ein Trenner ---",
    ],
    "hostile-2": [  # hostile.md: Markdown is the seed's format, so only its text remains
        "[Link](javascript:alert('md-link'))",
        "{: onclick=\"alert('md-attr')\" }",
        '{{ config.site_name }} und {% include "x.html" %}',
    ],
    "hostile": [  # hostile.html: markup is the seed's format; entities are text
        '<script>alert("entity")</script>',
        "{{ config }} und {: onclick=\"alert('attr')\" }",
    ],
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile seeds built with `mkdocs build --strict`; returns the site folder."""
    project = make_project(
        tmp_path_factory.mktemp("hostile"),
        [HOSTILE / "hostile.txt", HOSTILE / "hostile.md", HOSTILE / "hostile.html"],
    )
    result = mkdocs_build(project, strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def test_hostile_seeds_build_strict_with_one_page_each(hostile_site: Path) -> None:
    built = {p.parent.name for p in (hostile_site / "artikel").glob("*/index.html")}
    assert {"hostile", "hostile-2", "hostile-3"} <= built


def test_no_script_event_handler_or_javascript_link_on_any_page(hostile_site: Path) -> None:
    assert_no_active_content(hostile_site)


@pytest.mark.parametrize("slug", sorted(HOSTILE_TEXT))
def test_hostile_strings_are_visible_as_literal_text(hostile_site: Path, slug: str) -> None:
    page = Page((hostile_site / "artikel" / slug / "index.html").read_text(encoding="utf-8"))
    for hostile in HOSTILE_TEXT[slug]:
        assert hostile in page.text, hostile


def test_dropped_markup_of_html_and_markdown_seeds_leaves_no_trace(hostile_site: Path) -> None:
    # Markup is the format of these seeds: it is read as markup (tags dropped, their text
    # kept), scripts, comments and event handlers leave nothing behind.
    for slug in ("hostile", "hostile-2"):
        source = (hostile_site / "artikel" / slug / "index.html").read_text(encoding="utf-8")
        for payload in ("md-block", "body-script", "kommentar", "'h1'", "'p'", "'div'", "'a'"):
            assert payload not in source, (slug, payload)


def test_search_index_holds_hostile_text_only_escaped(hostile_site: Path) -> None:
    # Material renders search results as HTML, so the index must not carry raw markup.
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    texts = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    for raw in ("<script", "<img", "<a href", "<!--", "<div"):
        assert raw not in texts, raw
    assert "&lt;script&gt;alert" in texts


# ── modes and the build report ────────────────────────────────────────────


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with one good seed and several bad ones (unreadable, bad metadata)."""
    root = tmp_path_factory.mktemp("modes")
    seeds = [BAD / n for n in ("same-headline-a.txt", "empty.txt", "front-matter-types.txt")]
    project = make_project(root, [*seeds, HOSTILE / "hostile-meta.txt"])
    (project / "seeds" / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    return project


EXPECTED_PROBLEMS = (
    "empty.txt: empty file",
    "bild.txt: binary file",
    "front-matter-types.txt:3: published: expected an ISO date YYYY-MM-DD, got 'gestern'",
    "front-matter-types.txt:5: unknown metadata key 'autor'",
    "unknown topic id 'hafen-gibt-es-nicht'",
    "hostile-meta.txt:3: url: expected an http(s) address",
)


def test_plain_build_builds_what_it_can_exits_0_and_reports_the_rest(bad_project: Path) -> None:
    result = mkdocs_build(bad_project, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    site = bad_project / "site"
    assert (site / "artikel" / "same-headline-a" / "index.html").exists()
    assert (site / "artikel" / "front-matter-types" / "index.html").exists()
    assert not (site / "artikel" / "empty").exists()
    for problem in EXPECTED_PROBLEMS:
        assert problem in result.stderr, problem
    assert_no_active_content(site)
    report = Page((site / "bericht" / "index.html").read_text(encoding="utf-8")).text
    for file in ("same-headline-a.txt", "empty.txt", "bild.txt", "front-matter-types.txt"):
        assert file in report, file
    assert "übersprungen" in report and "mit Warnungen" in report
    assert "empty file" in report and "binary file" in report
    assert "\"<img src=x onerror=alert('key')>\"" in report  # hostile key shown as text


def test_strict_build_fails_and_names_every_problem(bad_project: Path) -> None:
    result = mkdocs_build(bad_project, strict=True)
    assert result.returncode != 0
    for problem in EXPECTED_PROBLEMS:
        assert problem in result.stderr, problem


def test_broken_table_stops_the_build_naming_file_and_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, [BAD / "same-headline-a.txt"])
    (project / "seeds" / "_tables" / "entities.yml").write_text(
        "entities:\n  - name: A\n    type: person\n   - kaputt\n", encoding="utf-8"
    )
    result = mkdocs_build(project, strict=False)
    assert result.returncode != 0
    assert "seeds/_tables/entities.yml:4: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr


# ── names, deleted seeds, hand-written pages, output folder ───────────────


def test_same_headline_gives_two_reachable_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path, [BAD / "same-headline-a.txt", BAD / "same-headline-b.md"])
    result = mkdocs_build(project, strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    for slug, ending in (("same-headline-a", "Herbst"), ("same-headline-b", "Winter")):
        page = Page((site / "artikel" / slug / "index.html").read_text(encoding="utf-8"))
        assert "Zwei Artikel, eine Schlagzeile zum Hafen" in page.text
        assert f"soll im {ending} fallen" in page.text
    index = Page((site / "artikel" / "index.html").read_text(encoding="utf-8"))
    hrefs = {attrs.get("href", "") for tag, attrs in index.elements if tag == "a"}
    assert {"same-headline-a/", "same-headline-b/"} <= hrefs


def test_awkward_file_names_build_inside_the_output_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path, [BAD / "Bericht über Größe.v2.FINAL.txt", BAD / "Index.txt"])
    shutil.copy(BAD / "crlf.txt", project / "seeds" / "a..b...txt")
    shutil.copy(BAD / "cr.txt", project / "seeds" / "..txt")  # hidden file: not a seed
    before = {p for p in project.rglob("*") if p.is_file()}
    result = mkdocs_build(project, strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    docs = project / "docs"
    assert (docs / "artikel" / "bericht-ueber-groesse-v2-final.md").exists()
    assert (docs / "artikel" / "index-2.md").exists()
    assert (docs / "artikel" / "a-b.md").exists()
    assert not (docs / "artikel" / "x.md").exists()
    # the seed "Index.txt" did not replace the index: it is the generated list of articles,
    # which links to that seed's page under its own name
    index = parse_page((docs / "artikel" / "index.md").read_text(encoding="utf-8"))
    assert next(index.iter("h1")).text() == "Artikel"
    (table,) = index.iter("table")
    assert sorted(href for href, _ in table.links()) == [
        "a-b/",
        "bericht-ueber-groesse-v2-final/",
        "index-2/",
    ]
    site_index = (project / "site" / "artikel" / "index.html").read_text(encoding="utf-8")
    assert 'href="index-2/"' in site_index
    # the generator wrote only into docs/, the site and its cache
    new = {p for p in project.rglob("*") if p.is_file()} - before
    outside = [
        p
        for p in new
        if not any(p.is_relative_to(project / d) for d in ("docs", "site", ".dossier-cache"))
    ]
    assert outside == []


def test_deleted_seed_disappears_and_hand_written_pages_stay(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, [BAD / "same-headline-a.txt", BAD / "crlf.txt", BAD / "latin-1.txt"]
    )
    docs = project / "docs"
    (docs / "notizen.md").write_text("# Notizen\n\nVon Hand.\n", encoding="utf-8")
    hand_written = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert mkdocs_build(project, strict=True).returncode == 0
    assert (docs / "artikel" / "crlf.md").exists()

    (project / "seeds" / "crlf.txt").unlink()
    result = mkdocs_build(project, strict=True)
    assert result.returncode == 0, result.stderr[-3000:]  # no dangling link anywhere
    assert not (docs / "artikel" / "crlf.md").exists()
    assert not (project / "site" / "artikel" / "crlf").exists()
    for page in (project / "site").rglob("*.html"):
        assert "artikel/crlf" not in page.read_text(encoding="utf-8"), page
    for path, data in hand_written.items():
        assert path.read_bytes() == data, path


def test_hand_written_page_at_a_generated_path_is_never_overwritten(tmp_path: Path) -> None:
    project = make_project(tmp_path, [BAD / "crlf.txt"])
    mine = project / "docs" / "artikel" / "crlf.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# Meine Seite\n\nVon Hand geschrieben.\n", encoding="utf-8")
    result = mkdocs_build(project, strict=False)
    assert mine.read_text(encoding="utf-8") == "# Meine Seite\n\nVon Hand geschrieben.\n"
    assert "crlf.md: not overwritten" in result.stderr
    assert mkdocs_build(project, strict=True).returncode != 0
