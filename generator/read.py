"""Read stage: seed files -> Seed (decoded text lines plus optional metadata).

Seeds are untrusted files of unknown origin: any encoding, any line ends, sometimes not
text at all. Reading therefore decodes carefully (strict UTF-8 first, German-looking
single-byte text as Windows-1252, charset-normalizer only as a last guess), refuses
binary, empty and oversized files with a reason, and turns Markdown and HTML into plain
lines so every later stage sees the same shape: one paragraph or heading a line.

Metadata comes from YAML front matter (between `---` lines at the top of .md/.txt), from a
sidecar NAME.yml next to NAME.txt/.md/.html, or from an HTML page's own <meta> tags. A
defect in metadata never costs the article: the seed is read with what is valid and a
warning names the file, the line where YAML gives one, and the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import yaml

from .files import stat_signature
from .language import normalise_language
from .models import Problem, Seed, SeedMeta, SeedStatus
from .tables import LANGUAGES, parse_yaml, slugify

MAX_BYTES = 5 * 1024 * 1024
MAX_FRONT_MATTER = 64 * 1024
SEED_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SIDECAR_SUFFIXES = (".yml", ".yaml")
TABLES_FOLDER = "_tables"
META_KEYS = ("title", "source", "url", "published", "language", "topics")
# Slugs the site already uses in the articles folder (artikel/index.md is the index):
# a seed called "Index.txt" must not overwrite it.
RESERVED_SLUGS = frozenset({"index"})

# Magic numbers of file types that people rename to .txt by mistake.
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
    b"Rar!",
    b"7z\xbc\xaf",
    b"OggS",
    b"ID3",
    b"RIFF",
)
# Control bytes other than tab, line feed, form feed and carriage return.
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13} | {127}))
# Bytes >= 0x80 that German text in Windows-1252/Latin-1 typically contains: umlauts, ß,
# common accented letters, typographic quotes and dashes, €, NBSP, §, °.
_GERMAN_HIGH_BYTES = frozenset(
    b"\xe4\xf6\xfc\xdf\xc4\xd6\xdc\xe9\xe8\xe0\xe7\xea\xe1\xf3\xed\xf1"
    b"\x84\x93\x94\x91\x92\x96\x97\x85\x80\xa0\xa7\xb0\xab\xbb\xb7"
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?$")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)


class SeedError(Exception):
    """A seed that cannot be read at all; `problem` names the file and the reason."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


# ── decoding ──────────────────────────────────────────────────────────────


def _looks_binary(raw: bytes) -> bool:
    """True for known binary formats and for byte strings full of control characters."""
    if raw.startswith(_BINARY_SIGNATURES):
        return True
    sample = raw[:65536]
    # deleting the control bytes in C and comparing lengths counts them without a loop
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(sample) // 10)


def _utf16_without_bom(raw: bytes) -> str | None:
    """Return the codec for BOM-less UTF-16 (every other byte NUL), else None."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _german_single_byte(raw: bytes) -> bool:
    """True if nearly all non-ASCII bytes are ones German cp1252/Latin-1 text uses."""
    high = [byte for byte in raw if byte >= 0x80]
    if not high:
        return False
    typical = sum(1 for byte in high if byte in _GERMAN_HIGH_BYTES)
    return typical >= 0.9 * len(high)


def _declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if Python knows the codec."""
    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        "".encode(name)
    except LookupError:
        return None
    return name.lower()


def decode_bytes(raw: bytes, file: str, fmt: str) -> tuple[str, str, tuple[Problem, ...]]:
    """Return (text, encoding, warnings) for the raw bytes of a seed; raise SeedError for binary.

    Order of trust: a byte-order mark; strict UTF-8 (by far the most common, and a wrong
    guess is impossible when it decodes); an HTML page's declared charset; Windows-1252 for
    German-looking single-byte text (charset-normalizer mistakes short German Latin-1 texts
    for other code pages); charset-normalizer; finally Windows-1252 with replacement.
    """
    problems: list[Problem] = []
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec, ()
            except UnicodeDecodeError:
                problems.append(Problem(file, f"invalid {codec} after its byte-order mark"))
                return raw.decode(codec, errors="replace"), codec, tuple(problems)
    codec16 = _utf16_without_bom(raw)
    if codec16:
        try:
            return raw.decode(codec16), codec16, ()
        except UnicodeDecodeError:
            pass
    if _looks_binary(raw):
        raise SeedError(Problem(file, "binary file, not text (check the file type)", "error"))
    try:
        return raw.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    if fmt == "html":
        declared = _declared_charset(raw)
        if declared and declared.replace("_", "-") not in ("utf-8", "utf8"):
            try:
                return raw.decode(declared), declared, ()
            except UnicodeDecodeError:
                pass
    if _german_single_byte(raw):
        try:
            return raw.decode("cp1252"), "cp1252", ()
        except UnicodeDecodeError:
            return raw.decode("latin-1"), "latin-1", ()
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None:
        problems.append(Problem(file, f"not UTF-8; encoding guessed as {best.encoding}"))
        return str(best), best.encoding, tuple(problems)
    problems.append(Problem(file, "not UTF-8 and no encoding fits; read as cp1252"))
    return raw.decode("cp1252", errors="replace"), "cp1252", tuple(problems)


def _normalise_text(text: str, file: str) -> tuple[str, tuple[Problem, ...]]:
    """Unify line ends to "\\n" and remove NUL and other control characters (with a warning)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed = len(_CONTROL_CHARS.findall(text))
    if not removed:
        return text, ()
    nuls = text.count("\x00")
    text = _CONTROL_CHARS.sub("", text)
    what = f"{nuls} NUL byte(s)" if nuls == removed else f"{removed} control character(s)"
    return text, (Problem(file, f"removed {what}"),)


# ── metadata ──────────────────────────────────────────────────────────────


def _key_line(yaml_text: str, key: str, first_line: int) -> int | None:
    """File line number where `key:` starts in a YAML block that begins at `first_line`."""
    for number, line in enumerate(yaml_text.split("\n")):
        if line.startswith(f"{key}:"):
            return first_line + number
    return None


def _load_yaml_mapping(
    yaml_text: str, file: str, first_line: int
) -> tuple[dict, tuple[Problem, ...]]:
    """Parse a metadata block; return ({} plus a warning with line number) when it is broken."""
    try:
        data = parse_yaml(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else None
        reason = getattr(exc, "problem", None) or "syntax error"
        return {}, (
            Problem(file, f"invalid metadata YAML ({reason}); metadata ignored", line=line),
        )
    if data is None:
        return {}, ()
    if not isinstance(data, dict):
        found = type(data).__name__
        return {}, (
            Problem(file, f"metadata must be a mapping of keys, got {found}", line=first_line),
        )
    return data, ()


def _as_date(value: object) -> str | None:
    """ISO YYYY-MM-DD for a YAML date/datetime or an ISO date(-time) string, else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        match = _ISO_DATE.match(value.strip())
        if match:
            try:
                return dt.date.fromisoformat(match.group(1)).isoformat()
            except ValueError:
                return None
    return None


def validate_meta(
    data: dict, file: str, yaml_text: str = "", first_line: int = 1
) -> tuple[dict, tuple[Problem, ...]]:
    """Return the valid metadata fields of `data` and a warning for every invalid or unknown key.

    Invalid values are dropped one by one, so a wrong `published` never costs the title.
    """
    fields: dict = {}
    problems: list[Problem] = []

    def warn(key: str, reason: str) -> None:
        problems.append(Problem(file, reason, line=_key_line(yaml_text, key, first_line)))

    for key in sorted(data, key=str):
        value = data[key]
        if key not in META_KEYS:
            warn(str(key), f"unknown metadata key {key!r} (known: {', '.join(META_KEYS)})")
        elif value is None:
            continue
        elif key in ("title", "source"):
            if isinstance(value, (str, int, float)) and " ".join(str(value).split()):
                fields[key] = " ".join(str(value).split())
            else:
                warn(key, f"{key}: expected text, got {type(value).__name__}")
        elif key == "url":
            text = str(value).strip() if isinstance(value, str) else ""
            if re.match(r"https?://[^\s/]+\S*$", text):
                fields[key] = text
            else:
                warn(key, f"url: expected an http(s) address, got {value!r}")
        elif key == "published":
            iso = _as_date(value)
            if iso:
                fields[key] = iso
            else:
                warn(key, f"published: expected an ISO date YYYY-MM-DD, got {value!r}")
        elif key == "language":
            code = normalise_language(value, LANGUAGES)
            if code:
                fields[key] = code
            else:
                warn(key, f"language: expected one of {', '.join(LANGUAGES)}, got {value!r}")
        elif key == "topics":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list):
                warn(key, f"topics: expected a list of topic ids, got {type(value).__name__}")
                continue
            topics: list[str] = []
            for item in items:
                if isinstance(item, (str, int)) and str(item).strip():
                    if str(item).strip() not in topics:
                        topics.append(str(item).strip())
                else:
                    warn(key, f"topics: ignored entry {item!r} (expected a topic id)")
            fields[key] = tuple(topics)
    return fields, tuple(problems)


def split_front_matter(text: str, file: str) -> tuple[dict, str, tuple[Problem, ...]]:
    """Return (metadata, text without front matter, warnings) for text that may open with `---`.

    Without a closing `---` the block is taken to end at the first blank line, the usual
    slip; if that block is no YAML mapping the whole text stays article text.
    """
    if not text.startswith(("---\n", "---\r")):
        return {}, text, ()
    lines = text.split("\n")
    close = None
    size = 0
    for number in range(1, len(lines)):
        if lines[number].rstrip() in ("---", "..."):
            close = number
            break
        size += len(lines[number]) + 1
        if size > MAX_FRONT_MATTER:
            break
    problems: list[Problem] = []
    if close is None:
        end = next((n for n in range(1, len(lines)) if not lines[n].strip()), len(lines))
        block = "\n".join(lines[1:end])
        problems.append(Problem(file, "front matter has no closing '---'", line=1))
        if len(block) > MAX_FRONT_MATTER:
            return {}, text, tuple(problems)
        data, yaml_problems = _load_yaml_mapping(block, file, 2)
        if not data:
            return {}, text, tuple(problems)
        rest = "\n".join(lines[end:])
    else:
        block = "\n".join(lines[1:close])
        data, yaml_problems = _load_yaml_mapping(block, file, 2)
        rest = "\n".join(lines[close + 1 :])
    fields, field_problems = validate_meta(data, file, block, 2)
    return fields, rest, tuple(problems) + yaml_problems + field_problems


def read_sidecar(path: Path, file: str) -> tuple[dict, tuple[Problem, ...]]:
    """Return the valid metadata of a NAME.yml sidecar and warnings naming the sidecar file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, (Problem(file, f"cannot read sidecar: {exc.strerror or exc}"),)
    if len(raw) > MAX_FRONT_MATTER:
        return {}, (Problem(file, f"sidecar larger than {MAX_FRONT_MATTER} bytes; ignored"),)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, (Problem(file, "sidecar is not UTF-8; ignored"),)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    data, problems = _load_yaml_mapping(text, file, 1)
    fields, field_problems = validate_meta(data, file, text, 1)
    return fields, problems + field_problems


# ── Markdown and HTML to lines ────────────────────────────────────────────


def markdown_lines(text: str) -> str:
    """Return Markdown flattened to plain lines: one paragraph, heading or list item a line.

    Link targets, images and markup are dropped, link texts kept; raw HTML blocks go
    through the HTML extractor.
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    lines: list[str] = []
    row: list[str] | None = None
    for token in parser.parse(text):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            lines.append(" | ".join(cell for cell in row or () if cell))
            row = None
        elif token.type == "inline":
            parts = _inline_text(token.children or ())
            if row is not None:
                row.append(" ".join(parts))
            else:
                lines.extend(parts)
        elif token.type in ("fence", "code_block"):
            lines.extend(token.content.split("\n"))
        elif token.type == "html_block":
            lines.extend(html_to_text(token.content).text.split("\n"))
    # Dropped images and markup leave double spaces behind; Markdown collapses them too.
    return "\n".join(re.sub(r"  +", " ", line).strip() for line in lines if line.strip())


def _inline_text(children: Iterable) -> list[str]:
    """Plain text of an inline token's children; a hard break starts a new line."""
    parts: list[str] = [""]
    in_autolink = False
    for child in children:
        if child.type == "link_open" and child.markup == "autolink":
            in_autolink = True
        elif child.type == "link_close":
            in_autolink = False
        elif in_autolink:
            continue
        elif child.type in ("text", "code_inline"):
            parts[-1] += child.content
        elif child.type == "softbreak":
            parts[-1] += " "
        elif child.type == "hardbreak":
            parts.append("")
    return [part.strip() for part in parts if part.strip()]


_SKIP_TAGS = frozenset(
    ("script", "style", "nav", "footer", "header", "aside", "figure", "figcaption", "noscript")
    + ("template", "svg", "form", "button", "iframe", "select", "object", "canvas")
    + ("head", "title")
)
_BLOCK_TAGS = frozenset(
    ("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6")
    + ("li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "address", "hr", "br")
    + ("table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th")
    + ("html", "body", "center", "details", "summary", "fieldset", "legend")
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_PUBLISHED_META = frozenset(
    ("article:published_time", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued")
)


# Regions whose <time> elements date something else: related links, comments, captions.
_OFF_ARTICLE_TAGS = frozenset(("nav", "footer", "aside", "figure", "figcaption", "form"))
# How much visible text may stand between the headline and a byline's <time>: the kicker,
# the author and the teaser, not the article's paragraphs (whose <time>s date events).
_BYLINE_REACH = 300


class _TimeCandidate(NamedTuple):
    """A <time datetime> element: its value and where it stands on the page."""

    value: str
    declared: bool  # itemprop="datePublished" or the pubdate attribute
    in_article: bool
    near_headline: bool  # within _BYLINE_REACH characters after the <h1> (or before it)
    before_headline: bool


class _PageText(HTMLParser):
    """Collects visible text as lines plus headline and metadata candidates of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skipping: list[str] = []
        self.pre = 0
        self.h1: str | None = None
        self.h1_parts: list[str] | None = None
        self.title_parts: list[str] | None = None
        self.title: str | None = None
        self.meta: dict[str, str] = {}
        self.articles = 0  # open <article> elements
        self.seen_article = False
        self.headline_at: int | None = None  # visible characters emitted when </h1> closed
        self.visible = 0  # visible characters emitted so far
        self.times: list[_TimeCandidate] = []

    def _time(self, values: dict[str, str]) -> None:
        """Record a <time datetime> unless it marks an update or stands off the article."""
        value = values.get("datetime", "").strip()
        marks = f"{values.get('itemprop', '')} {values.get('class', '')}".lower()
        if not value or any(w in marks for w in ("modified", "update", "aktualisiert")):
            return
        if any(tag in _OFF_ARTICLE_TAGS for tag in self.skipping):
            return
        after = 0 if self.headline_at is None else self.visible - self.headline_at
        self.times.append(
            _TimeCandidate(
                value=value,
                declared="datepublished" in marks or "pubdate" in values,
                in_article=self.articles > 0,
                near_headline=after <= _BYLINE_REACH,
                before_headline=self.headline_at is None,
            )
        )

    def published_time(self) -> str | None:
        """The page's publication date from its <time> elements, or None.

        A declared one (itemprop="datePublished", pubdate) wins; else the first one near
        the headline, inside the <article> when the page has one (else after the <h1>): the
        byline's date, not the dates of events the text goes on to mark up."""
        for time in self.times:
            if time.declared:
                return time.value
        for time in self.times:
            if not time.near_headline:
                continue
            # outside any <article>, a date above the headline is the site's, not the text's
            if time.in_article or not (self.seen_article or (time.before_headline and self.h1)):
                return time.value
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and values.get("content") and key not in self.meta:
                self.meta[key] = values["content"]
            equiv = values.get("http-equiv", "").lower()
            if equiv == "content-language" and values.get("content"):
                self.meta.setdefault("language", values["content"])
            return
        if tag == "article":
            self.articles += 1
            self.seen_article = True
        if tag == "time":
            self._time(values)
        if tag == "html" and values.get("lang"):
            self.meta.setdefault("lang", values["lang"])
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.meta.setdefault("canonical", values.get("href", ""))
        if tag == "h1" and self.h1 is None:
            self.h1_parts = []
        if tag == "title" and self.title is None:
            self.title_parts = []
        if tag == "body" and "head" in self.skipping:
            # </head> is optional in HTML: the body starts the visible text regardless.
            self.skipping = [t for t in self.skipping if t not in ("head", "title")]
        if tag in _SKIP_TAGS:
            self.skipping.append(tag)
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Void elements (<br/>, <meta/>) must not open a skip region that never closes.
        if tag in _SKIP_TAGS:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.h1_parts is not None:
            self.h1 = " ".join("".join(self.h1_parts).split()) or None
            self.h1_parts = None
            self.headline_at = self.visible
        if tag == "article" and self.articles:
            self.articles -= 1
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split()) or None
            self.title_parts = None
        if tag in self.skipping:
            # Close the innermost open element of this name and whatever was left open in it.
            while self.skipping and self.skipping.pop() != tag:
                pass
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.title_parts is not None:
            self.title_parts.append(data)
        if self.skipping:
            return
        self.pieces.append(data if self.pre else _HTML_SPACE.sub(" ", data))
        self.visible += len(data.strip())


class PageText:
    """Visible text of an HTML page (one block a line) and the metadata its tags reveal."""

    __slots__ = ("meta", "text")

    def __init__(self, text: str, meta: dict) -> None:
        self.text = text
        self.meta = meta


def html_to_text(html: str) -> PageText:
    """Return the page's visible text as lines and its metadata (headline, date, language, …).

    Navigation, header, footer, asides, figures and scripts are dropped: they are page
    furniture, not the article. The first <h1> gives the headline, else og:title, else
    <title>.
    """
    parser = _PageText()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.pieces).split("\n"))
    text = "\n".join(line for line in lines if line)
    meta = parser.meta
    fields: dict = {}
    headline = parser.h1 or meta.get("og:title") or parser.title
    if headline:
        fields["title"] = " ".join(headline.split())
    if meta.get("og:site_name"):
        fields["source"] = " ".join(meta["og:site_name"].split())
    url = meta.get("og:url") or meta.get("canonical")
    if url:
        fields["url"] = url.strip()
    published = next((meta[key] for key in sorted(_PUBLISHED_META) if meta.get(key)), None)
    published = published or parser.published_time()
    if published:
        fields["published"] = published
    language = meta.get("lang") or meta.get("language") or meta.get("og:locale")
    if language:
        fields["language"] = language
    return PageText(text, fields)


# ── seeds ─────────────────────────────────────────────────────────────────


def _sidecar_path(path: Path) -> Path | None:
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def _merge_meta(*layers: dict) -> dict:
    """Merge metadata layers; earlier layers win key by key."""
    merged: dict = {}
    for layer in layers:
        for key, value in layer.items():
            merged.setdefault(key, value)
    return merged


def read_seed(path: Path, file: str | None = None) -> Seed:
    """Return the decoded, flattened seed at `path`; raise SeedError naming file and reason.

    `file` is the name reported in Seed.file and in problems (default: the file name).
    """
    file = file or path.name
    fmt = SEED_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SeedError(Problem(file, f"unsupported file type {path.suffix!r}", "error"))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // (1024 * 1024)
            reason = f"too large: {size / 1024 / 1024:.1f} MB, above the {limit} MB limit"
            raise SeedError(Problem(file, reason, "error"))
        raw = path.read_bytes()
    except OSError as exc:
        raise SeedError(Problem(file, f"cannot read file: {exc.strerror or exc}", "error")) from exc
    if not raw.strip():
        raise SeedError(
            Problem(file, "empty file" if not raw else "file has only whitespace", "error")
        )
    text, encoding, problems = decode_bytes(raw, file, fmt)
    text, control_problems = _normalise_text(text, file)
    problems += control_problems
    if not text.strip():
        raise SeedError(Problem(file, "file has only whitespace", "error"))

    front: dict = {}
    page: dict = {}
    if fmt in ("txt", "md"):
        front, text, front_problems = split_front_matter(text, file)
        problems += front_problems
    if fmt == "md":
        text = markdown_lines(text)
    elif fmt == "html":
        page_text = html_to_text(text)
        text = page_text.text
        page, page_problems = validate_meta(page_text.meta, file)
        problems += page_problems
    sidecar: dict = {}
    sidecar_path = _sidecar_path(path)
    if sidecar_path is not None:
        sidecar_file = str(PurePosixPath(file).with_name(sidecar_path.name))
        sidecar, sidecar_problems = read_sidecar(sidecar_path, sidecar_file)
        problems += sidecar_problems
        for key in sorted(set(front) & set(sidecar)):
            if front[key] != sidecar[key]:
                reason = f"{key} differs in front matter and {sidecar_path.name}; front matter wins"
                problems += (Problem(file, reason),)
    if not text.strip():
        raise SeedError(Problem(file, "no article text (only metadata or markup)", "error"))
    meta = SeedMeta(**_merge_meta(front, sidecar, page))
    return Seed(
        path=path,
        file=file,
        text=text,
        fmt=fmt,
        encoding=encoding,
        meta=meta,
        sha256=hashlib.sha256(raw).hexdigest(),
        problems=problems,
    )


def _seed_files(folder: Path) -> list[tuple[str, Path]]:
    """(relative POSIX name, path) of every candidate file, hidden and _tables excluded."""
    found: list[tuple[str, Path]] = []
    root = folder.resolve()
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != TABLES_FOLDER)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(current) / name
            relative = path.relative_to(folder).as_posix()
            # A symlink must not smuggle files from outside the seeds folder onto the site.
            # os.walk does not follow linked folders, so only the file itself can be one.
            if os.path.islink(path):
                try:
                    path.resolve().relative_to(root)
                except ValueError:
                    continue
            found.append((relative, path))
    return found


def read_seeds(folder: Path) -> tuple[tuple[Seed, ...], tuple[SeedStatus, ...]]:
    """Return the readable seeds under `folder` sorted by file name, and a skipped status
    (with the reason) for every seed or stray file that could not be read.

    NAME.yml next to NAME.txt/.md/.html is that seed's metadata, not a seed.
    """
    files = _seed_files(folder)
    stems = {
        str(PurePosixPath(name).with_suffix(""))
        for name, _ in files
        if PurePosixPath(name).suffix.lower() in SEED_FORMATS
    }
    seeds: list[Seed] = []
    skipped: list[SeedStatus] = []
    for name, path in sorted(files):
        suffix = PurePosixPath(name).suffix.lower()
        if suffix in SIDECAR_SUFFIXES:
            if str(PurePosixPath(name).with_suffix("")) not in stems:
                reason = "metadata file without a seed of the same name; ignored"
                skipped.append(SeedStatus(name, "skipped", None, (Problem(name, reason),)))
            continue
        if suffix not in SEED_FORMATS:
            reason = f"not a seed ({suffix or 'no extension'}); use .txt, .md or .html"
            skipped.append(SeedStatus(name, "skipped", None, (Problem(name, reason),)))
            continue
        try:
            seeds.append(_read_seed_again(path, name))
        except SeedError as exc:
            skipped.append(SeedStatus(name, "skipped", None, (exc.problem,)))
    return tuple(seeds), tuple(skipped)


# In a long-running process (`mkdocs serve`): the last Seed read from each file, with the
# stat signatures of the file and its possible sidecars at that moment.
_LAST_READ: dict[tuple[Path, str], tuple[tuple, Seed]] = {}
_LAST_READ_LIMIT = 100_000


def _read_seed_again(path: Path, name: str) -> Seed:
    """read_seed(path, name), reusing the last result while neither the file nor a sidecar
    candidate has changed (inode, size and modification time in ns all equal): a rebuild
    in `mkdocs serve` re-reads only the edited seed. Failures are never remembered."""
    signature = (
        stat_signature(path),
        *(stat_signature(path.with_suffix(suffix)) for suffix in SIDECAR_SUFFIXES),
    )
    hit = _LAST_READ.get((path, name))
    if hit is not None and hit[0] == signature and signature[0] is not None:
        return hit[1]
    seed = read_seed(path, name)
    if len(_LAST_READ) >= _LAST_READ_LIMIT:
        _LAST_READ.clear()
    _LAST_READ[(path, name)] = (signature, seed)
    return seed


def assign_slugs(files: Iterable[str]) -> dict[str, str]:
    """Return a unique URL-safe slug for every seed file name.

    The slug is slugify(name without extension). Names that collide (a.txt + a.md,
    "Größe.txt" + "groesse.txt", case or dot variants) are told apart deterministically:
    in sorted file-name order the first keeps the plain slug, the others get "-2", "-3", …,
    skipping any slug another file owns outright. Reserved slugs (RESERVED_SLUGS, pages
    the site itself needs) always get a number. Slugs contain only a-z, 0-9 and "-", so
    they can never name a path outside the articles folder.
    """
    names = sorted(set(files))
    base = {name: slugify(str(PurePosixPath(name).with_suffix(""))) for name in names}
    taken = set(base.values())
    slugs: dict[str, str] = {}
    used: set[str] = set(RESERVED_SLUGS)
    for name in names:
        slug = base[name]
        if slug in used:
            number = 2
            while f"{slug}-{number}" in taken or f"{slug}-{number}" in used:
                number += 1
            slug = f"{slug}-{number}"
        used.add(slug)
        slugs[name] = slug
    return slugs
