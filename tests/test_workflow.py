"""The translator workflow on a copy of the real project: idempotent commands, a new language in one line."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from mdgettext.catalogs import page_domain
from mdgettext.cli import main
from mdgettext.config import SITE_DOMAIN
from mdgettext.workspace import Workspace
from support import copy_project, mkdocs_build


def snapshot(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((root / "locales").rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_extract_and_update_twice_change_nothing_the_second_time(project: Path) -> None:
    assert main(["-C", str(project), "update"]) == 0
    first = snapshot(project)
    assert main(["-C", str(project), "extract"]) == 0
    assert main(["-C", str(project), "update"]) == 0
    assert snapshot(project) == first


def test_update_fuzzy_matches_a_new_text_once_for_all_languages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``update`` shares one scorer between the languages (merge.SimilarTexts): a new paragraph close to
    an old one is scored against the old texts once, not once per language, and every language gets its
    old translation as a fuzzy suggestion."""
    from mdgettext import merge

    workspace = Workspace(project)
    page = next(p for p in workspace.pages() if p != "index.md")
    path = project / workspace.config.docs_dir / page
    old = next(
        segment.text
        for segment in workspace.segments(page)
        if segment.kind == "paragraph" and len(segment.text) > 60 and "\n" not in segment.text
    )
    new = old[:-1] + " today" + old[-1]
    path.write_text(path.read_text(encoding="utf-8") + "\n" + new + "\n", encoding="utf-8")
    scorers: list[int] = []
    scores = merge.SimilarTexts.scores

    def recording(self: merge.SimilarTexts, text: str) -> dict[str, float]:
        if text == new:
            scorers.append(id(self))
        return scores(self, text)

    monkeypatch.setattr(merge.SimilarTexts, "scores", recording)
    assert main(["-C", str(project), "update"]) == 0
    targets = workspace.config.target_languages
    assert len(scorers) == len(workspace.config.languages) and len(set(scorers)) == 1
    for language in targets:
        catalog = workspace.read_catalog(workspace.catalog_file(language, page_domain(page)), language)
        entry = catalog.find(new)
        assert entry is not None and "fuzzy" in entry.flags and entry.previous_msgid == old


def test_the_committed_catalogs_are_already_up_to_date(project: Path) -> None:
    before = snapshot(project)
    assert main(["-C", str(project), "update"]) == 0
    assert snapshot(project) == before, "run `make update` and commit the catalogs"


def test_adding_a_language_is_one_line_of_config_and_one_command(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "        - locale: pl\n"
    assert anchor in text
    config.write_text(
        text.replace(anchor, "        - {locale: uk, name: Українська}\n" + anchor), encoding="utf-8"
    )

    assert main(["-C", str(project), "update"]) == 0

    workspace = Workspace(project)
    assert "uk" in workspace.config.target_languages
    for domain in workspace.domains():
        catalog = workspace.read_catalog(workspace.catalog_file("uk", domain), "uk")
        assert catalog.metadata["Language"] == "uk"
        assert catalog.metadata["Plural-Forms"].startswith("nplurals=3;")
    assert workspace.catalog_file("uk", SITE_DOMAIN).exists()

    site = tmp_path / "site"
    mkdocs_build(project, site)
    assert '<html lang="uk"' in (site / "uk" / "index.html").read_text(encoding="utf-8")


def test_a_malformed_catalog_stops_update_before_anything_is_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = project / "locales" / "de" / "LC_MESSAGES" / "index.po"
    broken.write_text(
        broken.read_text(encoding="utf-8") + '\nmsgid "unterminated\nmsgstr ""\n', encoding="utf-8"
    )
    (project / "docs" / "index.md").write_text(
        (project / "docs" / "index.md").read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8"
    )
    before = snapshot(project)
    assert main(["-C", str(project), "update"]) == 2
    assert snapshot(project) == before
    error = capsys.readouterr().err
    assert "locales/de/LC_MESSAGES/index.po:" in error and "Traceback" not in error


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


@pytest.mark.slow
def test_the_preview_serves_one_language_and_shows_a_saved_translation(project: Path) -> None:
    """`mdgettext serve be`: Belarusian at /, and a .po saved by a translator shows up on reload."""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mdgettext.cli",
            "-C",
            str(project),
            "serve",
            "be",
            "--address",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/prisoners/"
    try:
        deadline = time.monotonic() + 60
        while 'lang="be"' not in (page := _get(url)) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert 'lang="be"' in page, "the preview did not come up"
        catalog = project / "locales" / "be" / "LC_MESSAGES" / "prisoners.po"
        text = catalog.read_text(encoding="utf-8")
        old = 'msgstr "Яны не радыкалы."'
        assert old in text
        catalog.write_text(text.replace(old, 'msgstr "Яны зусім не радыкалы."'), encoding="utf-8")
        deadline = time.monotonic() + 30
        while "Яны зусім не радыкалы." not in (page := _get(url)) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "Яны зусім не радыкалы." in page
    finally:
        server.terminate()
        server.wait(timeout=10)
    # Stopping `mdgettext serve` stops the server itself: no mkdocs left serving the port.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
