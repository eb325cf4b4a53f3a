"""The campaign as static-i18n's own input: one translated Markdown file per page and language.

static-i18n alone builds a translated site from files (``page.be.md`` beside ``page.md``, its ``suffix``
structure), so "static-i18n alone, the same site" is that site built from such files. They are exactly what
the mdgettext plugin hands MkDocs for each page and language, taken from a real build of the project, so
both builds render the same Markdown and the difference between them is the translation step (and the
reader's side that comes with it).

Run as ``python -m bench.pretranslate PROJECT OUT_DOCS`` (a process of its own: it replaces a plugin method).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = ["suffixed", "write_translated_docs"]


def suffixed(src_uri: str, language: str, default: str) -> str:
    """``portraits/x.md`` -> ``portraits/x.be.md`` (the default language keeps the plain name)."""
    path = PurePosixPath(src_uri)
    if language == default or path.stem.endswith(f".{language}"):
        return src_uri
    return str(path.with_name(f"{path.stem}.{language}{path.suffix}"))


def write_translated_docs(project: Path, out_docs: Path) -> int:
    """Build ``project`` once (into a scratch folder) and write every page's Markdown, as the plugin made
    it for each language, under ``out_docs`` (a copy of the docs folder); the number of pages written."""
    from mkdocs.__main__ import cli

    from mdgettext import plugin as plugin_module
    from mdgettext.workspace import Workspace

    captured: dict[str, str] = {}
    original = plugin_module.GettextPlugin.on_page_read_source

    def capture(self: Any, page: Any, config: Any) -> str | None:
        markdown = original(self, page, config)
        if markdown is not None:
            name = suffixed(page.file.src_uri, self.language, self.reader_default)
            captured[name] = markdown
        return markdown

    plugin_module.GettextPlugin.on_page_read_source = capture  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as site:
        try:
            cli.main(["build", "-q", "-f", str(project / "mkdocs.yml"), "-d", site], standalone_mode=False)
        finally:
            plugin_module.GettextPlugin.on_page_read_source = original  # type: ignore[method-assign]
    shutil.rmtree(out_docs, ignore_errors=True)
    shutil.copytree(Workspace(project).docs_dir, out_docs)  # images and other files, as they are
    for name, markdown in captured.items():
        target = out_docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    return len(captured)


if __name__ == "__main__":
    written = write_translated_docs(Path(sys.argv[1]), Path(sys.argv[2]))
    print(written)
