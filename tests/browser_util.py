"""Helpers for the browser tests: serve a built site locally and watch what a page requests.

Kept apart from the tests so the fixtures in test_browser.py stay short. Nothing here
imports the generator: the browser tests judge the built site only, as a reader sees it.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")

# Headless Debian chromium as a reader's browser, with everything that phones home switched
# off (component updates, sync, background networking), so any outside request we see was
# caused by the site itself.
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr (pytest would show them)."""

    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 at a free port in a thread; yield its base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def is_local(url: str) -> bool:
    """Return whether a request stays on this machine: the test server, file:// or inline data."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1"


@dataclass
class Watch:
    """What the pages of one browser context did wrong: outside requests and console errors."""

    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        """Abort and record every outside request; record console errors of every page."""

        def route(route) -> None:
            url = route.request.url
            if is_local(url):
                route.continue_()
            else:
                self.outside_requests.append(url)
                route.abort()

        context.route("**/*", route)
        context.on("page", self._watch_page)

    def _watch_page(self, page) -> None:
        page.on(
            "console",
            lambda msg: (
                self.console_errors.append(f"{page.url}: {msg.text}")
                if msg.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda exc: self.console_errors.append(f"{page.url}: {exc}"))
