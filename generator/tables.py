"""Load the YAML tables: language knowledge (generator/lang/<lang>/*.yml) and corpus
knowledge (topics, entity gazetteer, boilerplate patterns, in the corpus' tables folder).

Code holds the mechanism, YAML holds the language: a new corpus needs new YAML, not code.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from .models import ENTITY_TYPES, Entity, Problem, Tables, Topic

LANG_DIR = Path(__file__).parent / "lang"
LANGUAGES = ("de", "en")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, reading only true/false as booleans (as YAML 1.2 does).

    YAML 1.1 also reads on, off, yes and no as booleans, and word lists in tables are full
    of exactly such words ("name_connectors: [of, for, on]"): True would silently stand in
    for the word "on".
    """


_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse_yaml(text: str) -> object:
    """Parse YAML `text` safely, with only true/false as booleans (see _Loader); raises
    yaml.YAMLError as yaml.safe_load does."""
    return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass: no arbitrary objects


class TableError(Exception):
    """A YAML table could not be read; carries the file and line for the message."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def slugify(text: str) -> str:
    """Return a lower-case ASCII slug (umlauts transliterated) usable as file name and URL."""
    table = str.maketrans(
        {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
    )
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
        return parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise TableError(Problem(str(path), f"invalid YAML: {reason}", "error", line)) from exc


def load_language(lang: str) -> dict:
    """Return the merged language table: {file stem: parsed YAML} for generator/lang/<lang>/."""
    merged: dict = {}
    for path in sorted((LANG_DIR / lang).glob("*.yml")):
        data = read_yaml(path) or {}
        # Every stage reads language tables with .get(): a list or a bare string here
        # would crash deep inside extraction instead of naming this file.
        if not isinstance(data, dict):
            found = type(data).__name__
            raise TableError(Problem(str(path), f"expected a mapping, got {found}", "error", 1))
        merged[path.stem] = data
    return merged


def _item_lines(path: Path, key: str) -> list[int | None]:
    """1-based line of each item of the top-level list `key` in a YAML file (for messages).

    Only called once a table is known to be wrong, so the second parse costs nothing
    in a good build.
    """
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key_node, value_node in root.value:
        if getattr(key_node, "value", None) == key and isinstance(value_node, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value_node.value]
    return []


def _table_error(path: Path, key: str, index: int | None, reason: str) -> TableError:
    """A TableError naming the file, the line of item `index` of list `key`, and the reason."""
    line = None
    if index is not None:
        lines = _item_lines(path, key)
        line = lines[index] if index < len(lines) else None
    return TableError(Problem(str(path), reason, "error", line))


def _strings(value: object) -> list[str] | None:
    """The entries of a YAML list of scalars (one scalar counts as a list of one), else None.

    A bare string must not be iterated character by character ("Kim" -> "K", "i", "m").
    """
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list) and all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
    ):
        return [str(v) for v in value]
    return None


def _scalar(value: object) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _topics(data: object, path: Path) -> tuple[Topic, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise TableError(Problem(str(path), "expected a mapping with a 'topics' list", "error"))
    topics = []
    seen: set[str] = set()
    for i, item in enumerate(data["topics"]):
        if not isinstance(item, dict) or not _scalar(item.get("id")) or not str(item["id"]):
            raise _table_error(path, "topics", i, f"topic #{i + 1} has no 'id'")
        tid = str(item["id"])
        if tid in seen:
            raise _table_error(path, "topics", i, f"topic id {tid!r} defined twice")
        seen.add(tid)
        for key in ("name", "description"):
            if item.get(key) is not None and not _scalar(item[key]):
                raise _table_error(path, "topics", i, f"topic {tid!r}: {key} must be text")
        raw = item.get("keywords")
        # keywords: a list, or a mapping language -> list
        groups = list(raw.values()) if isinstance(raw, dict) else [raw]
        keywords: list[str] = []
        for group in groups:
            words = _strings(group)
            if words is None:
                reason = f"topic {tid!r}: keywords must be a list of words (or lists per language)"
                raise _table_error(path, "topics", i, reason)
            keywords.extend(word.lower() for word in words)
        topics.append(
            Topic(
                id=tid,
                name=str(item.get("name") or tid),
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
        if not isinstance(item, dict) or not _scalar(item.get("name")) or not str(item["name"]):
            raise _table_error(path, "entities", i, f"entity #{i + 1} has no 'name'")
        etype = str(item.get("type") or "")
        if etype not in ENTITY_TYPES:
            reason = (
                f"entity {item['name']!r}: unknown type {etype!r} "
                f"(known: {', '.join(ENTITY_TYPES)})"
            )
            raise _table_error(path, "entities", i, reason)
        if item.get("id") is not None and not _scalar(item["id"]):
            raise _table_error(path, "entities", i, f"entity {item['name']!r}: id must be text")
        eid = slugify(str(item.get("id") or item["name"]))
        if eid in seen:
            raise _table_error(path, "entities", i, f"entity id {eid!r} defined twice")
        seen.add(eid)
        aliases = _strings(item.get("aliases"))
        if aliases is None:
            reason = f"entity {item['name']!r}: aliases must be a list of names"
            raise _table_error(path, "entities", i, reason)
        entities.append(Entity(id=eid, name=str(item["name"]), type=etype, aliases=tuple(aliases)))
    return tuple(entities)


_LAST_TABLES: list = [None, None]  # (fingerprint of the files, Tables) of the last load


def load_tables(tables_dir: Path) -> Tables:
    """Read every table; raise TableError (file, line, reason) on the first broken one.

    When no table file changed since the last call (same paths and bytes), the Tables of
    that call are returned: a running `mkdocs serve` does not parse the YAML again on
    every rebuild, and caches keyed by the Tables object keep hitting.
    """
    fingerprint = _fingerprint(tables_dir)
    if fingerprint is not None and _LAST_TABLES[0] == fingerprint:
        return _LAST_TABLES[1]
    tables = _load_tables(tables_dir)
    _LAST_TABLES[:] = [fingerprint, tables]
    return tables


def _fingerprint(tables_dir: Path) -> str | None:
    """A digest of every table file's path and bytes, or None when one cannot be read."""
    digest = hashlib.sha256()
    paths = sorted(LANG_DIR.glob("*/*.yml"))
    paths += [tables_dir / f"{name}.yml" for name in ("topics", "entities", "boilerplate", "corpus")]
    for path in paths:
        digest.update(str(path).encode("utf-8", "surrogatepass") + b"\0")
        try:
            digest.update(path.read_bytes() if path.exists() else b"\0missing")
        except OSError:
            return None
        digest.update(b"\0")
    return digest.hexdigest()


def _load_tables(tables_dir: Path) -> Tables:
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
    corpus: dict = {}
    corpus_path = tables_dir / "corpus.yml"
    if corpus_path.exists():
        data = read_yaml(corpus_path) or {}
        if not isinstance(data, dict):
            raise TableError(Problem(str(corpus_path), "expected a mapping", "error"))
        corpus = data
        sources.append(corpus_path)
    return Tables(
        languages=languages,
        corpus=corpus,
        topics=topics,
        entities=entities,
        boilerplate=boilerplate,
        sources=tuple(sources),
    )
