"""The only module that writes output. It owns exactly the files listed in its manifest.

- A file is written only when its bytes changed, so a second run writes nothing and
  `mkdocs serve` (which watches docs/) settles after one pass.
- A file that exists but is not in the manifest was not written by us: it is never
  overwritten (hand-written pages in docs/ are safe); the clash is reported.
- A file we wrote earlier and no longer produce (a deleted seed) is removed, unless
  someone edited it since, in which case it is left and reported.
- A page path that would leave the output folder is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .files import stat_signature
from .models import Page, Problem

MANIFEST = ".dossier-manifest.json"


@dataclass(frozen=True, slots=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: int
    deleted: tuple[str, ...]
    problems: tuple[Problem, ...]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_target(out_dir: Path, rel: str, *, root: Path | None = None) -> Path | None:
    """Return the absolute target for `rel` inside `out_dir`, or None if it would leave it.

    `root` is out_dir.resolve() when the caller already has it (one resolve per build
    instead of one per page).
    """
    posix = PurePosixPath(rel)
    if posix.is_absolute() or not posix.parts or any(p in ("..", "", ".") for p in posix.parts):
        return None
    if "\\" in rel or "\x00" in rel:
        return None
    root = root or out_dir.resolve()
    target = (root / Path(*posix.parts)).resolve()
    if root != target and root not in target.parents:
        return None
    return target


# In a long-running process (`mkdocs serve`), per (output root, page path): the target
# file, the text known to be in it, that text's digest, and the file's stat signature at
# that moment. A page with the same text whose file still has that signature needs no
# encoding, hashing or read-back; any change to the file changes its signature.
_VERIFIED: dict[tuple[Path, str], tuple[Path, str, str, tuple[int, int, int] | None]] = {}


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Return {relative path: sha256} of the files this writer owns in `out_dir`."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _remember(root: Path, page: Page, target: Path, digest: str) -> None:
    _VERIFIED[(root, page.path)] = (target, page.content, digest, stat_signature(target))


def write_pages(pages: tuple[Page, ...], out_dir: Path) -> WriteResult:
    """Write `pages` under `out_dir`, touching only changed files this writer owns."""
    out_dir.mkdir(parents=True, exist_ok=True)
    owned = read_manifest(out_dir)
    manifest: dict[str, str] = {}
    written: list[str] = []
    problems: list[Problem] = []
    unchanged = 0
    root = out_dir.resolve()
    for page in sorted(pages, key=lambda p: p.path):
        known = _VERIFIED.get((root, page.path))
        # a file this process wrote or read, owns, and nobody has touched since
        untouched = (
            known is not None and page.path in owned and known[3] == stat_signature(known[0])
        )
        if untouched and known[1] == page.content:
            manifest[page.path] = known[2]
            unchanged += 1
            continue
        target = safe_target(out_dir, page.path, root=root)
        if target is None:
            problems.append(Problem(page.path, "refused: path leaves the output folder", "error"))
            continue
        data = page.content.encode("utf-8")
        digest = _digest(data)
        # an untouched file needs no read-back to decide: its text differs from the page's
        if not untouched and target.exists():
            current = target.read_bytes()
            if page.path not in owned and _digest(current) != digest:
                problems.append(
                    Problem(
                        str(target),
                        "not overwritten: the file exists and was not written by the generator",
                        "error",
                    )
                )
                continue
            if current == data:
                manifest[page.path] = digest
                _remember(root, page, target, digest)
                unchanged += 1
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        _remember(root, page, target, digest)
        manifest[page.path] = digest
        written.append(page.path)

    deleted: list[str] = []
    for rel, digest in sorted(owned.items()):
        if rel in manifest:
            continue
        target = safe_target(out_dir, rel, root=root)
        if target is None or not target.exists():
            continue
        if _digest(target.read_bytes()) != digest:
            problems.append(Problem(str(target), "stale generated file was edited by hand; left in place"))
            continue
        target.unlink()
        deleted.append(rel)
        parent = target.parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent

    manifest_bytes = (json.dumps({"files": manifest}, indent=1, sort_keys=True) + "\n").encode()
    manifest_path = out_dir / MANIFEST
    if not manifest_path.exists() or manifest_path.read_bytes() != manifest_bytes:
        manifest_path.write_bytes(manifest_bytes)
    return WriteResult(tuple(written), unchanged, tuple(deleted), tuple(problems))
