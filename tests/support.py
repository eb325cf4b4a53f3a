"""Helpers shared by the tests: real MkDocs builds and throwaway project copies.

A plain module (not ``conftest``) so any test, in any folder, can import it by name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The partly translated fixture (conftest's partial_site): this page half translated, the rest complete.
PARTIAL_LANGUAGE, PARTIAL_PAGE = "pl", "prisoners"
#: Everything a build of a project reads.
PROJECT_FILES = ("mkdocs.yml", "figures.yml", "docs", "locales", "overrides")


def mkdocs_build(
    project: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    extra_env: dict[str, str] | None = None,
    verbose: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Build a project with the venv's mkdocs, as the reader's site is built; AssertionError if it fails."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    env.pop("PREVIEW_LANGUAGE", None)
    # Not -q: it silences warnings before MkDocs counts them, and --strict would then pass anything.
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    command += ["-d", str(site_dir), *(["--strict"] if strict else []), *(["-v"] if verbose else [])]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def copy_project(destination: Path, source: Path = ROOT) -> Path:
    """A throwaway copy of a project (pages, catalogs, config, figures, overrides), safe to edit in a test."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, destination / name)
        elif path.exists():
            shutil.copy2(path, destination / name)
    return destination
