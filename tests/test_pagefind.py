"""Pagefind as the search of large corpora: the hook indexes page content only and adds a
working search page; `search: pagefind` in mkdocs.yml (the dossier plugin's switch)
turns Material's search off and Pagefind on for the real site."""

from __future__ import annotations

import gzip
import json
import shutil
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


def _plugin_options(plugins: list, name: str) -> dict:
    (options,) = [p[name] for p in plugins if isinstance(p, dict) and name in p]
    return options


def test_mkdocs_yml_switch_defaults_to_material_and_pagefind_yml_sets_it() -> None:
    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert _plugin_options(site["plugins"], "dossier")["search"] == "material"
    variant = yaml.safe_load((ROOT / "mkdocs.pagefind.yml").read_text(encoding="utf-8"))
    assert variant["INHERIT"] == "mkdocs.yml"
    assert _plugin_options(variant["plugins"], "dossier")["search"] == "pagefind"


def build_seed_site(root: Path, search: str) -> Path:
    """Build the real seeds with mkdocs.yml, its `search` switch set to `search`, into `root`.

    docs/ is a copy and site/ a folder under `root`, so the repository's are not touched.
    Returns the site folder.
    """
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    options = _plugin_options(config["plugins"], "dossier")
    options["search"] = search
    options["seeds"] = str(ROOT / options["seeds"])
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    shutil.copytree(ROOT / "docs", root / "docs", dirs_exist_ok=True)
    config["docs_dir"], config["site_dir"] = str(root / "docs"), str(root / "site")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed_site(tmp_path_factory.mktemp("seeds-pagefind"), "pagefind")


def test_switch_replaces_material_search_by_pagefind_on_the_seed_site(seed_site: Path) -> None:
    assert not (seed_site / "search" / "search_index.json").exists()
    index = (seed_site / "index.html").read_text(encoding="utf-8")
    assert "md-search" not in index  # no Material search box
    assert 'href="suche/"' in index  # the "Suche" tab instead
    assert (seed_site / "suche" / "index.html").is_file()
    articles = json.loads((seed_site / "data" / "articles.json").read_text(encoding="utf-8"))
    indexed = {r["url"] for r in fragments(seed_site)}
    assert {"/" + a["url"] for a in articles} <= indexed
    assert "/suche/" not in indexed
    # content only: the header's site name is not part of any article's record
    site_name = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    article_records = [r for r in fragments(seed_site) if r["url"].startswith("/artikel/")]
    assert article_records and not any(site_name in r["content"] for r in article_records)
