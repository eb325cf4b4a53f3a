"""Properties of extraction and rendering, over documents generated from a grammar of MkDocs-Material blocks.

(a) an identity translation gives back the page byte for byte; (b) rendering never raises, whatever the text;
(c) extracting a pseudo-localised render gives exactly the pseudo-localised msgids, in the same order: every
translation went back where it belongs and no block structure broke around it.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdgettext.pseudo import pseudo_localise, pseudo_page
from mdgettext.render import render_page
from mdgettext.segments import extract_segments, link_labels

WORDS = [
    "They",
    "are",
    "not",
    "radicals",
    "NO:W",
    "Belarus",
    "1,100",
    "€20",
    "release",
    "prisoners",
    "—",
    "2020.",
]
INLINE = [
    "**bold text**",
    "*they*",
    "`code span`",
    "[a link](page.md#id)",
    "[^1]",
    "{prisoners_held}",
    "<em>inline</em>",
    "![an image](flag.png)",
    "__strong__",
    "&amp;",
    ":material-heart:",
]
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))

word = st.sampled_from(WORDS) | st.from_regex(r"[A-Za-z][a-z]{0,8}", fullmatch=True)
phrase = st.lists(word | st.sampled_from(INLINE), min_size=1, max_size=8).map(" ".join)
title = st.lists(word, min_size=1, max_size=4).map(" ".join)


def _indent(lines: list[str], width: int = 4) -> list[str]:
    return [(" " * width + line) if line.strip() else "" for line in lines]


@st.composite
def paragraph(draw: st.DrawFn) -> list[str]:
    lines = draw(st.lists(phrase, min_size=1, max_size=3))
    breaks = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    return [
        line + ("  " if hard and n < len(lines) - 1 else "")
        for n, (line, hard) in enumerate(zip(lines, breaks, strict=True))
    ]


@st.composite
def heading(draw: st.DrawFn) -> list[str]:
    text = draw(phrase)
    attrs = draw(st.sampled_from(["", " {#pinned}", " { .lead }", " {: #other .x }"]))
    if draw(st.booleans()):
        return [f"{'#' * draw(st.integers(1, 6))} {text}{attrs}"]
    return [text + attrs, draw(st.sampled_from(["===", "---"]))]


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    columns = draw(st.integers(1, 3))
    rows = draw(
        st.lists(
            st.lists(word | st.just("`a|b`"), min_size=columns, max_size=columns), min_size=1, max_size=3
        )
    )
    head = draw(st.lists(title, min_size=columns, max_size=columns))
    return [
        "| " + " | ".join(head) + " |",
        "|" + "|".join([":---"] * columns) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


leaf = st.one_of(
    paragraph(),
    heading(),
    table(),
    st.just(["```python", "print('not prose')", "```"]),
    st.just(["    indented code, not prose"]),
    st.just(["<!-- a comment, kept -->"]),
    st.just(["---"]),
    title.map(lambda t: [f"*[NO:W]: {t}"]),
    title.map(lambda t: [f'[ref]: https://example.org "{t}"']),
    phrase.map(lambda t: ['<div class="x" title="Banner">', f"  <p>{t}</p>", "</div>"]),
    title.map(lambda t: [f"{t}", "{ .lead }"]),
)


def _containers(children: st.SearchStrategy[list[list[str]]]) -> st.SearchStrategy[list[str]]:
    def body(blocks: list[list[str]]) -> list[str]:
        lines: list[str] = []
        for block in blocks:
            lines += [*block, ""]
        return lines[:-1]

    return st.one_of(
        st.tuples(
            st.sampled_from(["!!!", "???", "???+"]),
            st.sampled_from(["note", "tip inline end"]),
            st.none() | title,
            children,
        ).map(
            lambda t: [f"{t[0]} {t[1]}" + (f' "{t[2]}"' if t[2] is not None else ""), *_indent(body(t[3]))]
        ),
        st.tuples(title, children).map(lambda t: [f'=== "{t[0]}"', "", *_indent(body(t[1]))]),
        children.map(lambda blocks: [("> " + line).rstrip() for line in body(blocks)]),
        st.lists(children, min_size=1, max_size=3).map(
            lambda items: [line for item in items for line in _list_item("- ", body(item))]
        ),
        st.tuples(title, children).map(
            lambda t: (
                [t[0], ":   " + body(t[1])[0], *_indent(body(t[1])[1:])]
                if not body(t[1])[0].startswith(
                    (" ", "#", "`", "<", "|", "!", "?", "=", "-", ">", "*", "[", "{")
                )
                else [t[0], ":   " + "definition text"]
            )
        ),
        children.map(lambda blocks: ["<div markdown>", "", *body(blocks), "", "</div>"]),
        children.map(lambda blocks: ["[^1]:", *_indent(body(blocks))]),
    )


def _list_item(marker: str, lines: list[str]) -> list[str]:
    if (
        not lines
        or not lines[0].strip()
        or lines[0].startswith((" ", "-", "=", "|", "#", "!", "?", "<", "`"))
    ):
        return [marker + "item", *_indent(["", *lines])]
    return [marker + lines[0], *_indent(lines[1:])]


block = st.recursive(leaf, lambda inner: _containers(st.lists(inner, min_size=1, max_size=3)), max_leaves=8)


@st.composite
def document(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(block, min_size=1, max_size=6))
    front = draw(st.sampled_from(["", "---\ntitle: The time for release\ntags: [a, b]\n---\n\n"]))
    return front + "\n\n".join("\n".join(lines) for lines in blocks) + "\n"


def _identity(source: str) -> str:
    return render_page(source, extract_segments(source), lambda segment: segment.text)


def _check_round_trip(source: str) -> None:
    segments = extract_segments(source)
    labels = link_labels(source)
    rendered = pseudo_page(source)
    assert [s.text for s in extract_segments(rendered)] == [pseudo_localise(s.text, labels) for s in segments]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_identity_translation_gives_back_the_page(source: str) -> None:
    assert _identity(source) == source


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_pseudo_translations_come_back_where_they_belong(source: str) -> None:
    _check_round_trip(source)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400),
    st.text(max_size=40),
)
def test_any_text_extracts_and_renders(source: str, translation: str) -> None:
    segments = extract_segments(source)
    for segment in segments:
        assert 0 <= segment.start <= segment.end <= len(source)
    assert _identity(source) == source
    render_page(source, segments, lambda segment: translation)
    pseudo_page(source)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "# ",
                "- ",
                "> ",
                "    ",
                "!!! note",
                '=== "T"',
                "| a |",
                "|---|",
                "```",
                "<div>",
                "</div>",
                "<div markdown>",
                "[^1]: ",
                ":   ",
                "{ .x }",
                "---",
                "  ",
                "text",
                "\n",
                "\n\n",
                "<!--",
                "-->",
                "*[A]: ",
                "///",
                "\t",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_markup_soup_never_breaks(source: str) -> None:
    assert _identity(source) == source
    segments = extract_segments(source)
    ends = [(s.start, s.end) for s in segments]
    assert all(left[1] <= right[0] for left, right in itertools.pairwise(ends)), "segments overlap"
    pseudo_page(source)


REAL_DOCS = os.environ.get("MDGETTEXT_REAL_DOCS")


@pytest.mark.skipif(not REAL_DOCS, reason="set MDGETTEXT_REAL_DOCS to a folder of real MkDocs pages")
def test_real_documentation_set() -> None:
    """Opt-in: every page of a real docs set extracts, comes back byte-identical, and round-trips."""
    pages = sorted(Path(str(REAL_DOCS)).rglob("*.md"))
    assert pages
    identical = round_trips = 0
    for page in pages:
        source = page.read_text(encoding="utf-8")
        identical += _identity(source) == source
        try:
            _check_round_trip(source)
            round_trips += 1
        except AssertionError:
            pass
    assert (identical, round_trips) == (len(pages), len(pages))
