"""Built-site tests: parse the HTML that `mkdocs build --strict` produced from the seeds."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from conftest import GOLD, ROOT

SEEDS = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.suffix == ".txt")


class _Collector(HTMLParser):
    """Collect ids, hrefs/srcs and <h1> text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        for key in ("href", "src"):
            if values.get(key) and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.links.append(values[key] or "")
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1[-1] += data


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def records(site: Path) -> list[dict]:
    return json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))


def test_one_page_per_seed_with_its_headline(built_site: Path) -> None:
    recs = {r["file"]: r for r in records(built_site)}
    assert sorted(recs) == SEEDS
    for name, rec in recs.items():
        page = built_site / rec["url"] / "index.html"
        assert page.exists(), name
        h1 = [h.strip().rstrip("¶").strip() for h in parse(page).h1]
        assert h1[0] == rec["title"], name
        gold = GOLD / name.replace(".txt", ".yml")
        if gold.exists():
            assert rec["title"] == yaml.safe_load(gold.read_text(encoding="utf-8"))["title"]


def test_one_page_per_topic(built_site: Path) -> None:
    for topic in ("treaty", "troops", "oil", "munitions"):
        assert (built_site / "themen" / topic / "index.html").exists(), topic


def test_every_figure_links_to_its_sentence(built_site: Path) -> None:
    total = 0
    for rec in records(built_site):
        page = built_site / rec["url"] / "index.html"
        html = page.read_text(encoding="utf-8")
        ids = parse(page).ids
        for figure in rec["figures"]:
            total += 1
            assert figure["anchor"] in ids, (rec["file"], figure["text"])
            assert f'href="#{figure["anchor"]}"' in html, (rec["file"], figure["text"])
    assert total >= 15


def _internal_targets(site: Path):
    for page in sorted(site.rglob("*.html")):
        if page == site / "404.html":
            continue  # served for any missing path, so its links are absolute to site_url
        base = "file://" + str(page)
        for href in parse(page).links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto", "data", "javascript") or href.startswith("//"):
                continue
            yield page, href, urlsplit(urljoin(base, href))


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    """Our own link check: every internal href/src resolves, and so does every #anchor."""
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    checked = 0
    for page, href, target in _internal_targets(built_site):
        path = Path(unquote(target.path))
        if path.is_dir():
            path = path / "index.html"
        checked += 1
        if not path.exists():
            broken.append(f"{page.relative_to(built_site)}: {href} (missing file)")
            continue
        if target.fragment and path.suffix == ".html":
            if path not in ids_cache:
                ids_cache[path] = parse(path).ids
            if unquote(target.fragment) not in ids_cache[path]:
                broken.append(f"{page.relative_to(built_site)}: {href} (missing anchor)")
    assert checked > 500
    assert broken == []


def test_linkchecker_finds_no_broken_links(built_site: Path) -> None:
    """LinkChecker (a real link checker) over the site served on 127.0.0.1, anchors included."""
    import subprocess
    import sys
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    config = built_site.parent / "linkcheckerrc"
    config.write_text("[AnchorCheck]\n", encoding="utf-8")
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "linkchecker"),
                "--config", str(config),
                "--no-status",
                "--output", "failures",
                "--threads", "4",
                "--ignore-url", r"^(?!http://127\.0\.0\.1)",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    finally:
        server.shutdown()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert not re.search(r"anchor .* not found", output, re.IGNORECASE), output[-4000:]


def test_search_index_holds_articles_without_their_figures_table_and_listing_tables(
    built_site: Path,
) -> None:
    """Material's index reads the plugin's search view: an article's sentences but not its
    key-figures table (its numbers are in the text); the tables of the sources page and the
    build report (outlets, seed files) stay searchable."""
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    docs = {doc["location"]: doc["text"] for doc in index["docs"]}
    figures = [text for location, text in docs.items() if location.endswith("/#kennzahlen")]
    assert len(figures) == 5
    for text in figures:  # the intro paragraph only: no table text after it
        assert text.startswith("<p>") and text.endswith("</p>") and text.count("<p>") == 1
    assert "000_aabd89a617830eb2.txt" in docs["bericht/#dateien"]
    assert "Watson" in docs["quellen/#ubersicht"]
