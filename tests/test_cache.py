"""The between-builds cache (cache.py): it can make a build faster, never different, never unsafe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from mdgettext.cache import ResultCache, usable_from_json, usable_to_json
from mdgettext.checks import check_catalog, check_catalog_and_usable, usable_entries
from support import FIXTURES, copy_project, mkdocs_build

# -- the store ---------------------------------------------------------------------------------------------


def test_an_answer_is_found_only_for_the_same_bytes_question_and_code(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, fingerprint="code-1")
    cache.put("usable", b"catalog", "de", {"answer": 1})
    assert cache.get("usable", b"catalog", "de") == {"answer": 1}
    assert cache.get("usable", b"catalog ", "de") is None
    assert cache.get("usable", b"catalog", "pl") is None
    assert cache.get("translated", b"catalog", "de") is None
    assert ResultCache(tmp_path, fingerprint="code-2").get("usable", b"catalog", "de") is None


def test_a_damaged_entry_is_a_miss_and_an_unwritable_folder_is_no_error(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, fingerprint="code")
    cache.put("usable", b"catalog", "de", {"answer": 1})
    (stored,) = [path for path in tmp_path.rglob("*.json")]
    stored.write_bytes(b'{"answer": ')
    assert cache.get("usable", b"catalog", "de") is None
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert ResultCache(blocked, fingerprint="code").version_folder is not None
    ResultCache(blocked, fingerprint="code").put("usable", b"x", "de", {"answer": 1})  # nothing raised
    assert ResultCache(blocked, fingerprint="code").get("usable", b"x", "de") is None


def test_storing_an_answer_again_leaves_the_file_alone_and_mends_a_damaged_one(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, fingerprint="code")
    cache.put("usable", b"catalog", "de", {"answer": 1})
    (stored,) = [path for path in tmp_path.rglob("*.json")]
    os.utime(stored, ns=(1, 1))
    cache.put("usable", b"catalog", "de", {"answer": 1})
    assert stored.stat().st_mtime_ns == 1  # not written again
    stored.write_bytes(b'{"answer": ')
    cache.put("usable", b"catalog", "de", {"answer": 1})
    assert cache.get("usable", b"catalog", "de") == {"answer": 1}


def test_a_new_version_of_the_code_drops_the_answers_of_the_old(tmp_path: Path) -> None:
    ResultCache(tmp_path, fingerprint="a" * 64).put("usable", b"catalog", "de", {"answer": 1})
    ResultCache(tmp_path, fingerprint="b" * 64).put("usable", b"catalog", "de", {"answer": 2})
    assert [path.name for path in tmp_path.iterdir()] == ["b" * 16]
    assert ResultCache(tmp_path, fingerprint="b" * 64).get("usable", b"catalog", "de") == {"answer": 2}


def test_a_cache_without_a_folder_never_answers(tmp_path: Path) -> None:
    cache = ResultCache(None, fingerprint="code")
    cache.put("usable", b"catalog", "de", {"answer": 1})
    assert cache.get("usable", b"catalog", "de") is None


def test_the_cache_lives_in_the_users_cache_folder_not_in_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MDGETTEXT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ResultCache.for_user().folder == tmp_path / "xdg" / "mdgettext"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert ResultCache.for_user().folder == tmp_path / "home" / ".cache" / "mdgettext"
    monkeypatch.setenv("MDGETTEXT_CACHE_DIR", str(tmp_path / "chosen"))
    assert ResultCache.for_user().folder == tmp_path / "chosen"
    monkeypatch.setenv("MDGETTEXT_CACHE", "0")
    assert ResultCache.for_user().folder is None


def test_only_folders_of_other_versions_are_deleted(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / ("c" * 16)).mkdir()
    ResultCache(tmp_path, fingerprint="d" * 64).put("usable", b"catalog", "de", {"answer": 1})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["d" * 16, "docs", "notes.txt"]


# -- what is stored ----------------------------------------------------------------------------------------
_HOSTILE = """\
msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#: docs/index.md:1
msgid "Read [the story](story.md)."
msgstr "Lies [die Geschichte](javascript:alert(1))."

#: docs/index.md:3
msgid "Welcome home"
msgstr "Willkommen daheim"

#: docs/index.md:5
msgid "{count} prisoner"
msgid_plural "{count} prisoners"
msgstr[0] "{count} Gefangener"
msgstr[1] "{count} Gefangene"

#: docs/index.md:7
msgctxt "button"
msgid "Close"
msgstr "Schliessen  schliessen"
"""


def test_check_gives_the_build_the_same_answer_it_would_compute() -> None:
    catalog = polib.pofile(_HOSTILE)
    findings, usable = check_catalog_and_usable(catalog, "de", "de/index.po")
    assert findings == check_catalog(catalog, "de", "de/index.po")
    assert usable == usable_entries(catalog, "de", "de/index.po")
    assert [finding.check_id for finding in usable.rejected] == ["unsafe-url"]
    assert (None, "Welcome home") in usable.singular
    assert usable_from_json(usable_to_json(usable)) == usable
    assert usable_from_json({"singular": 1}) is None and usable_from_json(None) is None


# -- builds ------------------------------------------------------------------------------------------------
def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in site.rglob("*") if path.is_file()}


def _answers(cache: Path) -> set[Path]:
    return set(cache.rglob("*.json"))


@pytest.mark.slow
def test_a_warm_build_writes_the_same_site_and_still_refuses_an_unsafe_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    cache = {"MDGETTEXT_CACHE_DIR": str(tmp_path / "cache")}
    mkdocs_build(project, tmp_path / "cold", extra_env=cache)
    stored = _answers(tmp_path / "cache")
    assert stored, "the first build keeps its answers"
    mkdocs_build(project, tmp_path / "warm", extra_env=cache)
    assert _files(tmp_path / "cold") == _files(tmp_path / "warm")
    assert _answers(tmp_path / "cache") == stored, "the second build computed nothing again"

    catalog = project / "locales" / "de" / "LC_MESSAGES" / "index.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace("[die Geschichte](sub/story.md#the-middle)", "[die Geschichte](javascript:alert(1))"),
        encoding="utf-8",
    )
    assert "(javascript:alert(1))" in catalog.read_text(encoding="utf-8")
    mkdocs_build(project, tmp_path / "edited", strict=False, extra_env=cache)
    html = (tmp_path / "edited" / "de" / "index.html").read_text(encoding="utf-8")
    assert "javascript:alert" not in html
    assert "A translated paragraph about" in html, "the refused translation falls back to English"
    # A build that reads the stored answer warns again, so a strict build still stops.
    with pytest.raises(AssertionError, match="warning"):
        mkdocs_build(project, tmp_path / "strict", extra_env=cache)


@pytest.mark.slow
def test_a_build_after_check_neither_parses_nor_checks_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    env = dict(os.environ, MDGETTEXT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("MDGETTEXT_CACHE", None)
    subprocess.run(
        [sys.executable, "-m", "mdgettext.cli", "-C", str(project), "check"],
        env=env, capture_output=True, text=True, check=False,
    )
    stored = _answers(tmp_path / "cache")
    assert stored, "check keeps what the build needs"
    mkdocs_build(project, tmp_path / "site", extra_env={"MDGETTEXT_CACHE_DIR": str(tmp_path / "cache")})
    assert _answers(tmp_path / "cache") == stored
    assert not (project / ".cache").exists(), "nothing is kept inside the project"


def test_a_catalog_behind_a_file_counts_as_missing_and_an_unreadable_one_is_an_error(tmp_path: Path) -> None:
    """What ``Path.exists()`` takes for no file (a file where a folder should be) is no catalog, no error."""
    from mdgettext.cache import translated_keys
    from mdgettext.pofile import CatalogError
    from mdgettext.workspace import Workspace

    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    workspace = Workspace(project)
    cache = ResultCache(None)
    (project / "blocker").write_text("a file, not a folder")
    assert translated_keys(workspace, cache, project / "blocker" / "index.po", "de") == set()
    assert translated_keys(workspace, cache, project / "nowhere" / "index.po", "de") == set()
    folder_named_po = project / "locales" / "de" / "LC_MESSAGES" / "folder.po"
    folder_named_po.mkdir(parents=True)
    with pytest.raises(CatalogError, match=r"folder\.po"):
        translated_keys(workspace, cache, folder_named_po, "de")
