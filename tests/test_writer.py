"""The writer owns only what it wrote, writes only changed bytes and never leaves its folder."""

from __future__ import annotations

from pathlib import Path

from generator.models import Page
from generator.writer import MANIFEST, read_manifest, write_pages


def test_second_run_writes_nothing(tmp_path: Path) -> None:
    pages = (Page("a.md", "# A\n"), Page("sub/b.md", "# B\n"))
    first = write_pages(pages, tmp_path)
    assert first.written == ("a.md", "sub/b.md")
    mtime = (tmp_path / "a.md").stat().st_mtime_ns
    second = write_pages(pages, tmp_path)
    assert second.written == () and second.unchanged == 2
    assert (tmp_path / "a.md").stat().st_mtime_ns == mtime
    assert set(read_manifest(tmp_path)) == {"a.md", "sub/b.md"}


def test_never_overwrites_hand_written_file(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("hand-written\n", encoding="utf-8")
    result = write_pages((Page("index.md", "generated\n"),), tmp_path)
    assert result.written == ()
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "hand-written\n"
    assert "not written by the generator" in result.problems[0].reason


def test_removes_only_its_own_stale_files(tmp_path: Path) -> None:
    write_pages((Page("artikel/x.md", "x\n"), Page("artikel/y.md", "y\n")), tmp_path)
    (tmp_path / "artikel" / "mine.md").write_text("keep me\n", encoding="utf-8")
    result = write_pages((Page("artikel/y.md", "y\n"),), tmp_path)
    assert result.deleted == ("artikel/x.md",)
    assert not (tmp_path / "artikel" / "x.md").exists()
    assert (tmp_path / "artikel" / "mine.md").read_text(encoding="utf-8") == "keep me\n"


def test_keeps_a_stale_file_edited_by_hand(tmp_path: Path) -> None:
    write_pages((Page("x.md", "x\n"),), tmp_path)
    (tmp_path / "x.md").write_text("edited\n", encoding="utf-8")
    result = write_pages((), tmp_path)
    assert result.deleted == ()
    assert (tmp_path / "x.md").exists()
    assert "edited by hand" in result.problems[0].reason


def test_refuses_paths_that_leave_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    bad = (Page("../evil.md", "x"), Page("/etc/evil.md", "x"), Page("a/../../evil.md", "x"))
    result = write_pages(bad, out)
    assert result.written == ()
    assert len(result.problems) == 3
    assert not (tmp_path / "evil.md").exists()
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST]


def test_a_hand_edit_after_a_write_is_seen_in_the_same_process(tmp_path: Path) -> None:
    # the writer skips reading files it knows are unchanged (same process, same stat
    # signature); an edit changes the signature, so the page is compared and restored
    pages = (Page("a.md", "# A\n"),)
    write_pages(pages, tmp_path)
    assert write_pages(pages, tmp_path).unchanged == 1
    (tmp_path / "a.md").write_text("# A, edited by hand\n", encoding="utf-8")
    third = write_pages(pages, tmp_path)
    assert third.written == ("a.md",)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "# A\n"
    (tmp_path / "a.md").unlink()
    assert write_pages(pages, tmp_path).written == ("a.md",)
