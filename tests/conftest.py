"""Shared fixtures: the repository paths and the site built once per test session."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
SCORER = SHARED / "tools" / "score_extraction.py"


def mkdocs_build(site: Path, env: dict[str, str] | None = None) -> str:
    """Build the bundled corpus with `mkdocs build --strict` into `site` (with `env` as the
    environment, if given); assert it succeeds and return its log (stderr)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the bundled corpus with `mkdocs build --strict` into a fresh folder; return it."""
    site = tmp_path_factory.mktemp("site")
    mkdocs_build(site)
    return site


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for every browser test of the session (Playwright's sync API
    allows one running instance per thread), or skip when the Debian package is missing."""
    from browser_util import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (make browser-deps installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        yield chromium
        chromium.close()


@pytest.fixture
def reader(browser) -> Iterator[tuple[object, object]]:
    """Yield a fresh desktop browser context and the Watch recording what went wrong in it
    (requests leaving the machine, console errors)."""
    from browser_util import DESKTOP, Watch

    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    watch = Watch()
    watch.attach(context)
    yield context, watch
    context.close()
