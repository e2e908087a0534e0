"""Thin MkDocs seam: `plugins: [dossier]` runs the generator before MkDocs collects docs/.

The core never imports mkdocs; this adapter only maps MkDocs events to pipeline calls
and generator problems to MkDocs warnings (so `--strict` fails and names every one).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from .pipeline import build
from .render.report import format_report
from .tables import TableError

log = get_plugin_logger(__name__)


class DossierConfig(base.Config):
    seeds = c.Type(str, default="seeds")
    tables = c.Optional(c.Type(str))  # default: <seeds>/_tables


class DossierPlugin(BasePlugin[DossierConfig]):
    """Generate article, topic, entity and data pages into docs_dir on every (re)build."""

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _seeds(self, config) -> Path:
        return self._root(config) / self.config.seeds

    def _tables(self, config) -> Path:
        if self.config.tables:
            return self._root(config) / self.config.tables
        return self._seeds(config) / "_tables"

    def on_pre_build(self, config) -> None:
        try:
            result = build(self._seeds(config), Path(config.docs_dir), self._tables(config))
        except TableError as exc:
            raise PluginError(f"dossier: {exc.problem}") from exc
        log.info(format_report(result.corpus).splitlines()[0] if result.corpus.report else "no seeds")
        for problem in result.problems:
            log.warning(str(problem))

    def on_serve(self, server, config, builder):
        # docs/ is watched by MkDocs; seeds and tables are ours to add.
        server.watch(str(self._seeds(config)))
        tables = self._tables(config)
        if tables.exists() and not str(tables).startswith(str(self._seeds(config))):
            server.watch(str(tables))
        return server
