"""What the MkDocs plugin keeps between builds of one process (``mkdocs serve`` rebuilds, build workers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from mdgettext import plugin as plugin_module
from support import copy_project


def test_a_rebuild_segments_only_the_pages_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rebuild gets a new plugin (MkDocs loads the config again); pages' segments outlive it, keyed by
    the page's source, so a preview of a big site does not segment every page again for the coverage."""
    project = copy_project(tmp_path / "project")
    calls: list[str] = []
    real = plugin_module.extract_segments

    def counting(source: str, *args: object) -> object:
        calls.append(source)
        return real(source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(plugin_module, "extract_segments", counting)

    def configure() -> plugin_module.GettextPlugin:
        config = load_config(str(project / "mkdocs.yml"))
        ours = config.plugins["mdgettext"]
        config.plugins.on_config(config)
        ours.reader_coverage()  # worked out when first asked for (a page's languages, at its template)
        return ours

    first = configure()
    pages = first.workspace.pages()
    assert len(calls) == len(pages)  # the coverage table segments every page once
    calls.clear()
    second = configure()
    assert second is not first and calls == []
    page = project / "docs" / pages[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    configure()
    assert len(calls) == 1 and calls[0].endswith("A new paragraph.\n")
