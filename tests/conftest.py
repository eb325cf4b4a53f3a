"""Shared fixtures: the project itself, and real site builds (built once per session, into temp dirs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import PARTIAL_LANGUAGE, PARTIAL_PAGE, ROOT, copy_project, mkdocs_build


@pytest.fixture(scope="session", autouse=True)
def _own_result_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tests' builds and checks (and their subprocesses) keep their answers in a folder of their own,
    not in the user's cache (cache.py)."""
    import os

    os.environ["MDGETTEXT_CACHE_DIR"] = str(tmp_path_factory.mktemp("mdgettext-cache"))


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real five-language site, built once for every test that reads its HTML."""
    site = tmp_path_factory.mktemp("real-site") / "site"
    mkdocs_build(ROOT, site)
    return site




@pytest.fixture(scope="session")
def partial_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with one Polish page half translated (the rest of Polish complete), built once."""
    import polib

    project = copy_project(tmp_path_factory.mktemp("partial-project"))
    for extra in ROOT.glob("*.yml"):  # data files mkdocs.yml may name (figures)
        if not (project / extra.name).exists():
            shutil.copy2(extra, project / extra.name)
    folder = project / "locales" / PARTIAL_LANGUAGE / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")):
        catalog = polib.pofile(str(path), wrapwidth=78)
        entries = [entry for entry in catalog if not entry.obsolete]
        for number, entry in enumerate(entries):
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            if path.stem == PARTIAL_PAGE and number % 2:
                entry.msgstr = ""  # every other text of the page untranslated
            elif not entry.msgstr and not entry.msgid_plural:
                entry.msgstr = f"[{PARTIAL_LANGUAGE}] {entry.msgid}"
        catalog.save(str(path))
    site = tmp_path_factory.mktemp("partial-site") / "site"
    mkdocs_build(project, site)
    return site
