"""Pages of the languages still to build, translated ahead by a helper process (ahead.py).

The helper is only a shortcut: a site built with it must be byte for byte the site built without it, with the
same warnings, and an answer made from other inputs than the build's must never be used.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import polib
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mdgettext import plugin as plugin_module
from mdgettext.ahead import TranslationsAhead, catalog_stamp
from mdgettext.cache import ResultCache
from mdgettext.workspace import Workspace
from support import copy_project

UNSAFE = "[Quelle](javascript:alert(1))"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _make_one_translation_unsafe(project: Path) -> str:
    """A German translation the build must refuse (and warn about), whether the helper checked it or not."""
    path = project / "locales" / "de" / "LC_MESSAGES" / "crisis.po"
    catalog = polib.pofile(str(path))
    entry = next(entry for entry in catalog if entry.msgstr and not entry.msgid.startswith("#"))
    entry.msgstr = f"{entry.msgstr} {UNSAFE}"
    catalog.save(str(path))
    return entry.msgid


def _build(
    project: Path, site: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """An in-process ``mkdocs build`` (so the threshold can be lowered), with a cache of its own (nothing
    checked by an earlier build); the plugin's log lines."""
    monkeypatch.setenv("MDGETTEXT_CACHE_DIR", str(site.with_name(site.name + "-cache")))
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.mdgettext"):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
        build(config)
    return [record.getMessage() for record in caplog.records if record.name == "mkdocs.plugins.mdgettext"]


def _warnings(lines: list[str]) -> list[str]:
    return [line for line in lines if "translation not used" in line]


def test_a_site_translated_ahead_is_the_site_translated_in_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project(tmp_path / "project")
    _make_one_translation_unsafe(project)
    # A page saved with a byte-order mark (MkDocs reads "utf-8-sig"), a catalog dated 1970.
    page = project / "docs" / "crisis.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    os.utime(project / "locales" / "de" / "LC_MESSAGES" / "releases.po", ns=(0, 0))
    monkeypatch.setattr(plugin_module, "helper_worthwhile", lambda: True)

    here = _build(project, tmp_path / "here", caplog, monkeypatch)  # 5 pages: under the threshold, no helper
    assert not any(line.startswith("translations ahead") for line in here)

    class Patient(TranslationsAhead):
        """Waits for every answer, so this small site's pages are all answered ahead."""

        def __init__(self, *args: object) -> None:
            super().__init__(*args)  # type: ignore[arg-type]
            assert self._helper is not None
            self._helper.reader.join(60)

    monkeypatch.setattr(plugin_module, "AHEAD_MIN_PAGES", 1)
    monkeypatch.setattr(plugin_module, "TranslationsAhead", Patient)
    ahead = _build(project, tmp_path / "ahead", caplog, monkeypatch)
    taken = [line for line in ahead if line.startswith("translations ahead:")]
    assert len(taken) == 1, ahead
    used, asked = map(int, taken[0].split(": ")[1].split(" pages")[0].split(" of "))
    workspace = Workspace(project)
    pages = workspace.pages()
    by_build = [  # plural forms depend on the figures; a byte-order mark changes where segments are
        page for page in pages
        if any(segment.plural for segment in workspace.segments(page)) or page == "crisis.md"
    ]
    assert asked == len(pages) * 5  # every page of every language asked the helper ...
    assert used == (len(pages) - len(by_build)) * 5  # ... and got its answer but where the build decides

    assert _files(tmp_path / "ahead") == _files(tmp_path / "here")
    # Checked by the helper, said by the build:
    assert _warnings(ahead) and _warnings(ahead) == _warnings(here)
    assert b"javascript:" not in (tmp_path / "ahead" / "de" / "crisis" / "index.html").read_bytes()


def test_an_answer_made_from_other_inputs_is_not_used(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    workspace = Workspace(project)
    page = next(page for page in workspace.pages() if not any(s.plural for s in workspace.segments(page)))
    domain, source = page.removesuffix(".md"), workspace.read_page(page)
    languages = ["en", "be", "ru", "de", "pl"]
    ahead = TranslationsAhead(workspace, ResultCache(tmp_path / "cache"), languages, languages, "en", "-", {})
    try:
        assert ahead._helper is not None
        ahead._helper.reader.join(60)  # every answer is in
        # The page's text changed since the helper read it.
        assert ahead.page("de", page, source + "\nNew.\n", workspace.catalog_file("de", domain)) is None
        # Its catalog was saved after the helper read it.
        catalog = workspace.catalog_file("ru", domain)
        stamp = catalog_stamp(catalog)
        assert stamp is not None
        os.utime(catalog, ns=(stamp[0] + 1_000_000_000, stamp[0] + 1_000_000_000))
        assert ahead.page("ru", page, source, catalog) is None
        # The same inputs: the answer, once.
        catalog = workspace.catalog_file("pl", domain)
        answer = ahead.page("pl", page, source, catalog)
        assert answer is not None and answer[0] != source and answer[1] == []
        assert ahead.page("pl", page, source, catalog) is None
        assert (ahead.used, ahead.asked) == (1, 4)
    finally:
        ahead.close()


def test_no_interpreter_no_helper_the_build_translates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.setattr(sys, "executable", None)
    with pytest.raises(OSError, match="no Python interpreter"):  # the plugin then translates every page
        TranslationsAhead(Workspace(project), ResultCache(None), ["de"], ["en", "de"], "en", "-", {})


def test_a_broken_catalog_is_reported_by_the_build_with_a_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The helper cannot read it: the build reads it, and names the file and line as it always does."""
    project = copy_project(tmp_path / "project")
    path = project / "locales" / "ru" / "LC_MESSAGES" / "crisis.po"
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    monkeypatch.setattr(plugin_module, "helper_worthwhile", lambda: True)
    monkeypatch.setattr(plugin_module, "AHEAD_MIN_PAGES", 1)
    with pytest.raises(Exception, match=r"locales/ru/LC_MESSAGES/crisis\.po:\d+"):
        _build(project, tmp_path / "site", caplog, monkeypatch)
