"""Load the YAML tables: language knowledge (generator/lang/<lang>/*.yml) and corpus
knowledge (topics, entity gazetteer, boilerplate patterns, in the corpus' tables folder).

Code holds the mechanism, YAML holds the language: a new corpus needs new YAML, not code.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .models import ENTITY_TYPES, Entity, Problem, Tables, Topic

LANG_DIR = Path(__file__).parent / "lang"
LANGUAGES = ("de", "en")


class TableError(Exception):
    """A YAML table could not be read; carries the file and line for the message."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def slugify(text: str) -> str:
    """Return a lower-case ASCII slug (umlauts transliterated) usable as file name and URL."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
    text = text.translate(table).lower()
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug or "x"


def read_yaml(path: Path) -> object:
    """Parse one YAML file; raise TableError naming the file and line on any defect."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TableError(Problem(str(path), f"cannot read table: {exc}", "error")) from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise TableError(Problem(str(path), f"invalid YAML: {reason}", "error", line)) from exc


def load_language(lang: str) -> dict:
    """Return the merged language table: {file stem: parsed YAML} for generator/lang/<lang>/."""
    merged: dict = {}
    for path in sorted((LANG_DIR / lang).glob("*.yml")):
        merged[path.stem] = read_yaml(path) or {}
    return merged


def _topics(data: object, path: Path) -> tuple[Topic, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise TableError(Problem(str(path), "expected a mapping with a 'topics' list", "error"))
    topics = []
    for i, item in enumerate(data["topics"]):
        if not isinstance(item, dict) or not item.get("id"):
            raise TableError(Problem(str(path), f"topic #{i + 1} has no 'id'", "error"))
        keywords: list[str] = []
        for value in (item.get("keywords") or {}).values() if isinstance(item.get("keywords"), dict) else [item.get("keywords") or []]:
            keywords.extend(str(k).lower() for k in value or [])
        topics.append(
            Topic(
                id=str(item["id"]),
                name=str(item.get("name") or item["id"]),
                description=str(item.get("description") or ""),
                keywords=tuple(keywords),
            )
        )
    return tuple(topics)


def _entities(data: object, path: Path) -> tuple[Entity, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise TableError(Problem(str(path), "expected a mapping with an 'entities' list", "error"))
    entities = []
    seen: set[str] = set()
    for i, item in enumerate(data["entities"]):
        if not isinstance(item, dict) or not item.get("name"):
            raise TableError(Problem(str(path), f"entity #{i + 1} has no 'name'", "error"))
        etype = str(item.get("type") or "")
        if etype not in ENTITY_TYPES:
            raise TableError(
                Problem(str(path), f"entity {item['name']!r}: unknown type {etype!r}", "error")
            )
        eid = slugify(str(item.get("id") or item["name"]))
        if eid in seen:
            raise TableError(Problem(str(path), f"entity id {eid!r} defined twice", "error"))
        seen.add(eid)
        aliases = tuple(str(a) for a in item.get("aliases") or ())
        entities.append(Entity(id=eid, name=str(item["name"]), type=etype, aliases=aliases))
    return tuple(entities)


def load_tables(tables_dir: Path) -> Tables:
    """Read every table; raise TableError (file, line, reason) on the first broken one."""
    languages = {lang: load_language(lang) for lang in LANGUAGES}
    sources = sorted(LANG_DIR.glob("*/*.yml"))
    topics: tuple[Topic, ...] = ()
    entities: tuple[Entity, ...] = ()
    boilerplate: dict = {}
    topics_path = tables_dir / "topics.yml"
    entities_path = tables_dir / "entities.yml"
    boilerplate_path = tables_dir / "boilerplate.yml"
    if topics_path.exists():
        topics = _topics(read_yaml(topics_path), topics_path)
        sources.append(topics_path)
    if entities_path.exists():
        entities = _entities(read_yaml(entities_path), entities_path)
        sources.append(entities_path)
    if boilerplate_path.exists():
        data = read_yaml(boilerplate_path) or {}
        if not isinstance(data, dict):
            raise TableError(Problem(str(boilerplate_path), "expected a mapping", "error"))
        boilerplate = data
        sources.append(boilerplate_path)
    return Tables(
        languages=languages,
        topics=topics,
        entities=entities,
        boilerplate=boilerplate,
        sources=tuple(sources),
    )
