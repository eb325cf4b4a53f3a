"""Writing files: atomic, unchanged files left alone, modes kept; only translators' work is fsynced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mdgettext.cli import main
from mdgettext.workspace import write_if_changed
from support import copy_project


@pytest.fixture
def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the fsync calls the code under test makes (and still make them)."""
    calls: list[int] = []
    real = os.fsync

    def counting(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", counting)
    return calls


def test_durable_write_is_fsynced_and_a_regenerable_one_is_not(tmp_path: Path, fsyncs: list[int]) -> None:
    assert write_if_changed(tmp_path / "a.po", "x\n")
    assert len(fsyncs) == 1
    assert write_if_changed(tmp_path / "b.pot", "y\n", durable=False)
    assert len(fsyncs) == 1
    assert (tmp_path / "a.po").read_text() == "x\n"
    assert (tmp_path / "b.pot").read_text() == "y\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.po", "b.pot"]  # no temp files left


@pytest.mark.parametrize("durable", [True, False])
def test_unchanged_file_is_left_alone_and_a_changed_one_keeps_its_mode(tmp_path: Path, durable: bool) -> None:
    path = tmp_path / "sub" / "t.pot"
    assert write_if_changed(path, "one\n", durable=durable)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    inode = path.stat().st_ino
    assert not write_if_changed(path, "one\n", durable=durable)
    assert path.stat().st_ino == inode
    assert write_if_changed(path, "two\n", durable=durable)
    assert path.stat().st_ino != inode  # replaced by rename, not rewritten in place
    assert path.stat().st_mode & 0o777 == 0o640
    assert path.read_text() == "two\n"


def test_extract_does_not_fsync_templates(tmp_path: Path, fsyncs: list[int]) -> None:
    project = copy_project(tmp_path / "project")
    for path in (project / "locales" / "templates").rglob("*.pot"):
        path.unlink()
    assert main(["-C", str(project), "extract"]) == 0
    assert list((project / "locales" / "templates").rglob("*.pot"))
    assert fsyncs == []


@pytest.mark.parametrize("folder", ["locales", "./locales/", "ABSOLUTE"])
def test_a_catalog_is_found_where_locales_dir_says_relative_or_absolute(tmp_path: Path, folder: str) -> None:
    from mdgettext.workspace import Workspace

    project = copy_project(tmp_path / "project")
    locales = project / "locales"
    setting = str(locales) if folder == "ABSOLUTE" else folder
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "locales_dir: locales\n" in text
    config.write_text(text.replace("locales_dir: locales\n", f"locales_dir: {setting}\n"), encoding="utf-8")
    workspace = Workspace(project)
    assert workspace.catalog_file("de", "index") == locales / "de" / "LC_MESSAGES" / "index.po"
    assert workspace.catalog_file("de", "index").is_file()
    assert workspace.relative(workspace.catalog_file("de", "index")) == "locales/de/LC_MESSAGES/index.po"
