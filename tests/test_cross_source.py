"""Cross-source analysis on the built seed site: claims, charts, timeline, exports."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from test_site import parse


def _data(site: Path, name: str):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def _claim_section(html: str, claim_id: str) -> str:
    start = html.index(f'id="{claim_id}"')
    following = html.find('id="angabe-', start + 1)
    return html[start : following if following > 0 else len(html)]


def test_troops_topic_sets_three_sources_side_by_side_with_a_chart(built_site: Path) -> None:
    html = (built_site / "themen" / "troops" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<svg[^>]*role=\"img\"", html)
    claims = re.findall(r'id="(angabe-[^"]+)"', html)
    assert claims, "no claim on the troops page"
    section = _claim_section(html, claims[0])
    articles = set(re.findall(r'href="\.\./\.\./artikel/([^/"#]+)/#s\d+"', section))
    assert len(articles) >= 3, articles


def test_oil_million_barrel_claim_appears_once_with_both_citations(built_site: Path) -> None:
    html = (built_site / "themen" / "oil" / "index.html").read_text(encoding="utf-8")
    assert html.count('id="angabe-barrel-oel"') == 1
    section = _claim_section(html, "angabe-barrel-oel")
    articles = set(re.findall(r'href="\.\./\.\./artikel/([^/"#]+)/#s\d+"', section))
    assert articles == {"000-aabd89a617830eb2", "001-6c4f339eaaf420f2"}


def test_timeline_holds_summit_and_november_events_in_order(built_site: Path) -> None:
    events = _data(built_site, "timeline.json")
    isos = [e["iso"] for e in events]
    assert isos == sorted(isos)
    june = [e for e in events if e["iso"].startswith("2024-06")]
    assert max(len({c["file"] for c in e["citations"]}) for e in june) >= 3
    nov4 = [e for e in events if e["iso"] == "2024-11-04"]
    assert len(nov4) == 1 and len({c["file"] for c in nov4[0]["citations"]}) == 2
    nov22 = [e for e in events if e["iso"] == "2024-11-22"]
    assert nov22
    assert isos.index(june[0]["iso"]) < isos.index("2024-11-04") < isos.index("2024-11-22")


def _resolves(site: Path, url: str) -> bool:
    parts = urlsplit(url)
    page = site / parts.path / "index.html" if parts.path.endswith("/") else site / parts.path
    if not page.exists():
        return False
    return not parts.fragment or parts.fragment in parse(page).ids


def test_every_exported_url_resolves(built_site: Path) -> None:
    urls = [r["url"] for r in _data(built_site, "articles.json")]
    for entity in _data(built_site, "entities.json"):
        urls.append(entity["url"])
        urls.extend(m["url"] for m in entity["mentions"])
    for event in _data(built_site, "timeline.json"):
        urls.extend(c["url"] for c in event["citations"])
    urls.extend(f["url"] for f in _data(built_site, "figures.json"))
    assert len(urls) > 100
    assert [u for u in urls if not _resolves(built_site, u)] == []


def test_figures_csv_json_and_pages_agree(built_site: Path) -> None:
    as_json = _data(built_site, "figures.json")
    text = (built_site / "data" / "figures.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(as_json) == sum(
        len(r["figures"]) for r in _data(built_site, "articles.json")
    )
    for row, fig in zip(rows, as_json, strict=True):
        assert row["url"] == fig["url"] and row["text"] == fig["text"]
        assert float(row["low"]) == fig["low"]
        assert row["qualifier"] == fig["qualifier"] and row["topic"] == fig["topic"]
        page = built_site / urlsplit(fig["url"]).path / "index.html"
        assert f'href="#{urlsplit(fig["url"]).fragment}"' in page.read_text(encoding="utf-8")
