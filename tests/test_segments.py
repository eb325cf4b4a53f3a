"""Extraction details the goldens do not pin down: anchors equal to toc's ids, attr lists, kinds."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdgettext.segments import (
    _LETTER,
    _NOT_PROSE,
    extract_segments,
    has_prose,
    heading_anchor_text,
    is_attr_list,
)

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]
PAGES = sorted(
    [
        *ROOT.glob("docs/*.md"),
        *(ROOT / "tests/data/segments").glob("*/*[!d].md"),
        *(ROOT / "tests/fixtures/constructs/docs").glob("*.md"),
    ]
)
PAGES = [page for page in PAGES if not page.name.endswith(".expected.md")]


def _toc_ids(source: str) -> list[str]:
    html = markdown.markdown(re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.S), extensions=EXTENSIONS)
    return re.findall(r"<h[1-6][^>]*\bid=\"([^\"]*)\"", html)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_anchors_are_the_ids_toc_gives(page: Path) -> None:
    source = page.read_text(encoding="utf-8")
    if re.search(r"\{[a-z_]+\}\s*$", source, re.M):
        pytest.skip("a placeholder ends a heading: attr_list would eat it unless figures are filled first")
    headings = [s for s in extract_segments(source) if s.kind == "heading"]
    ids = _toc_ids(source)
    anchors = [s.anchor for s in headings if s.anchor]
    assert all(anchor in ids for anchor in anchors)
    # In document order, the pinned anchors are exactly toc's ids of the headings that have no explicit id.
    assert anchors == [i for i in ids if i in anchors]


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Who are *they*: `NO:W` and [a flower](x.md)[^1]", "Who are they: NO:W and a flower"),
        ("![image](a.png) Title", " Title"),
        ("snake_case_name and _emphasis_", "snake_case_name and emphasis"),
        ("`<div>` &amp; \\*", "<div> & *"),
    ],
)
def test_heading_anchor_text(text: str, plain: str) -> None:
    assert heading_anchor_text(text) == plain


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("#id", True),
        (": .x", True),
        (".lead", True),
        ("width=300", True),
        (" #id .x ", True),
        ("prisoners_held", False),
        ("name", False),
    ],
)
def test_attr_list_or_placeholder(inner: str, expected: bool) -> None:
    assert is_attr_list(inner) is expected


def test_what_is_prose() -> None:
    assert has_prose("They are not radicals")
    assert not any(
        has_prose(text)
        for text in (
            "140",
            "---",
            "€20",
            "{prisoners_held}",
            "`mkdocs.yml`",
            "<br>",
            ":material-heart:",
            "1,100+",
        )
    )


def test_heading_with_placeholder_keeps_it_in_the_msgid() -> None:
    [segment] = extract_segments("## More than {prisoners_held} remain {prisoners_held}\n")
    assert segment.text == "More than {prisoners_held} remain {prisoners_held}"


def test_admonition_without_title_extracts_its_type() -> None:
    segments = extract_segments("!!! warning inline\n    Many are ill.\n")
    assert next((s.text, s.kind, s.context, s.start, s.end) for s in segments) == (
        "Warning",
        "admonition-type",
        "admonition title",
        18,
        18,
    )


def test_segments_of_the_campaign_pages_never_overlap() -> None:
    for page in sorted(ROOT.glob("docs/*.md")):
        segments = extract_segments(page.read_text(encoding="utf-8"))
        assert all(a.end <= b.start for a, b in itertools.pairwise(segments)), page


_PROSE_PIECES = [*"ab hf tps:/`<>{}&#;]()[x1_-. \n", "http://", "https://", "ftp://", "é", "Ж", "日"]
_PROSE_PIECES += ["`code`", "<b>", "{x}", ":smile:", "&amp;", "](u)"]


@given(st.lists(st.sampled_from(_PROSE_PIECES), max_size=12).map("".join))
def test_has_prose_shortcuts_agree_with_its_definition(text: str) -> None:
    """has_prose answers most texts from their first letter; the answer is the definition's."""
    assert has_prose(text) == bool(_LETTER.search(_NOT_PROSE.sub(" ", text)))
