"""Golden folders, one per construct: ``X.md`` -> ``X.pot``; ``X.md`` + ``X.eo.po`` -> ``X.eo.expected.md``.

The language ``eo`` holds pseudo translations (``⟦Ŧéẋŧ⟧``), so each expected page shows where every
translation landed and that nothing else moved. After a deliberate change, rewrite the goldens with
``UPDATE_GOLDENS=1 pytest tests/test_segments_golden.py`` and review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest

from mdgettext.catalogs import page_template
from mdgettext.pofile import format_po
from mdgettext.pseudo import fill_catalog, pseudo_localise
from mdgettext.render import render_page
from mdgettext.segments import extract_segments, link_labels

DATA = Path(__file__).parent / "data" / "segments"
LANGUAGE = "eo"
STAMP = "2026-01-01 00:00+0000"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
CASES = sorted(path.parent.name for path in DATA.glob("*/*.md") if path.name == f"{path.parent.name}.md")


def _files(name: str) -> tuple[Path, Path, Path, Path]:
    folder = DATA / name
    return (
        folder / f"{name}.md",
        folder / f"{name}.pot",
        folder / f"{name}.{LANGUAGE}.po",
        folder / f"{name}.{LANGUAGE}.expected.md",
    )


def _template(name: str, source: str) -> polib.POFile:
    return page_template(f"{name}.md", extract_segments(source), STAMP)


def _entries(catalog: polib.POFile) -> list[tuple[object, ...]]:
    return [(e.msgctxt, e.msgid, e.msgstr, tuple(e.occurrences), e.comment) for e in catalog]


def _render(source: str, catalog: polib.POFile) -> str:
    lookup = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in catalog if entry.msgstr}
    return render_page(source, extract_segments(source), lambda s: lookup.get((s.context, s.text)))


def test_there_are_goldens() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    page, pot, po, expected = _files(name)
    source = page.read_text(encoding="utf-8")
    template = _template(name, source)
    if UPDATE:
        pot.write_text(format_po(template), encoding="utf-8")
        catalog = polib.pofile(format_po(template))
        catalog.metadata["Language"] = LANGUAGE
        fill_catalog(catalog, link_labels(source))
        po.write_text(format_po(catalog), encoding="utf-8")
        expected.write_text(_render(source, catalog), encoding="utf-8")
    assert _entries(polib.pofile(str(pot))) == _entries(template), f"{pot.name} differs from the extraction"
    catalog = polib.pofile(str(po))
    assert _render(source, catalog) == expected.read_text(encoding="utf-8")
    # Every translation stands where its segment stood: extracting the result gives back exactly the
    # translations, in order.
    rendered = expected.read_text(encoding="utf-8")
    labels = link_labels(source)
    assert [s.text for s in extract_segments(rendered)] == [
        pseudo_localise(s.text, labels) for s in extract_segments(source)
    ]


@pytest.mark.parametrize("name", CASES)
def test_identity_catalog_gives_back_the_page(name: str) -> None:
    page = DATA / name / f"{name}.md"
    source = page.read_text(encoding="utf-8")
    catalog = polib.pofile(format_po(_template(name, source)))
    for entry in catalog:
        entry.msgstr = entry.msgid
    assert _render(source, catalog) == source
