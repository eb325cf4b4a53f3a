"""Shared fixtures: the project itself, and real site builds (built once per session, into temp dirs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def mkdocs_build(
    project: Path, site_dir: Path, *, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Build a project with the venv's mkdocs (strict), as a reader's site would be built."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    env.pop("PREVIEW_LANGUAGE", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def copy_project(destination: Path, source: Path = ROOT) -> Path:
    """A throwaway copy of a project (pages, catalogs, config, overrides), safe to edit in a test."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "figures.yml", "docs", "locales", "overrides"):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, destination / name)
        elif path.exists():
            shutil.copy2(path, destination / name)
    return destination


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real five-language site, built once for every test that reads its HTML."""
    site = tmp_path_factory.mktemp("real-site") / "site"
    mkdocs_build(ROOT, site)
    return site


#: The partly translated fixture: Polish "prisoners" page half translated, everything else of Polish complete.
PARTIAL_LANGUAGE, PARTIAL_PAGE = "pl", "prisoners"


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
