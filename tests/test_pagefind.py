"""Pagefind as the search of large corpora: the hook indexes page content only, adds a
working search page, and mkdocs.pagefind.yml switches Material's search off."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOK = ROOT / "generator" / "pagefind_hook.py"

pytest.importorskip("pagefind", reason="pagefind[extended] is not installed")


def fragments(site: Path) -> list[dict]:
    """Pagefind's per-page records: gzip, a fixed signature, then JSON."""
    records = []
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return sorted(records, key=lambda r: r["url"])


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A three-article Material site built with the hook, served under /dossier/."""
    root = tmp_path_factory.mktemp("pagefind")
    docs = root / "docs"
    (docs / "artikel").mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n\nÜbersicht.\n", encoding="utf-8")
    for number, counted in enumerate(("Soldaten", "Granaten", "Barrel Öl"), start=1):
        (docs / "artikel" / f"a{number}.md").write_text(
            f"# Artikel {number}\n\nRussland erhielt mehr als 12.000 {counted}.\n",
            encoding="utf-8",
        )
    config = {
        "site_name": "Seitenkopf",
        "site_url": "https://example.org/dossier/",
        "theme": {"name": "material", "language": "de"},
        "plugins": [],
        "hooks": [str(HOOK)],
        "nav": [{"Start": "index.md"}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_only_page_content_is_indexed(pagefind_site: Path) -> None:
    entry = json.loads((pagefind_site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["de"]["page_count"] == 4  # start + 3 articles; no search, no 404
    records = fragments(pagefind_site)
    assert [r["url"] for r in records] == ["/", "/artikel/a1/", "/artikel/a2/", "/artikel/a3/"]
    assert "mehr als 12.000 Barrel Öl" in records[3]["content"]
    # The header's site name and the sidebar are chrome, not content.
    assert not any("Seitenkopf" in r["content"] for r in records)


def test_search_page_loads_pagefind_under_the_site_path(pagefind_site: Path) -> None:
    html = (pagefind_site / "suche" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../pagefind/pagefind-ui.js"></script>' in html
    assert 'baseUrl: "/dossier/"' in html
    assert (pagefind_site / "pagefind" / "pagefind-ui.js").is_file()
    assert 'href="suche/"' in (pagefind_site / "index.html").read_text(encoding="utf-8")
    assert not (pagefind_site / "search" / "search_index.json").exists()


def test_pagefind_config_replaces_material_search() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.pagefind.yml").read_text(encoding="utf-8"))
    assert config["INHERIT"] == "mkdocs.yml"
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "search" not in names and "dossier" in names
    assert [ROOT / hook for hook in config["hooks"]] == [HOOK]
