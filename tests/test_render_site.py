"""End to end: the constructs fixture site, pseudo-localised by ``mdgettext pseudo`` and built by MkDocs.

Every word a reader sees in the pseudo language's pages (outside code) must be pseudo text; English left
means something was not extracted or did not come back where it belongs. Heading ids must be the English
ones, so ``page.md#id`` links hold in every language.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mdgettext.cli import main
from mdgettext.pseudo import is_pseudo
from support import FIXTURES, copy_project, mkdocs_build

PAGES = ("index.html", "anchors/index.html")


# Attributes readers see or hear; those MkDocs extensions write themselves in English are not page text.
SEEN_ATTRIBUTES = ("alt", "title", "aria-label")
THEME_CLASSES = ("headerlink", "footnote-backref")


class _Visible(HTMLParser):
    """Text nodes and seen attribute values inside the article, outside code."""

    SKIP = frozenset({"code", "pre", "script", "style", "svg"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article>
        self.skip = 0
        self.words: list[tuple[str, str]] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in self.SKIP:
            self.skip += 1
        if re.fullmatch(r"h[1-6]", tag) and values.get("id"):
            self.ids.append(str(values["id"]))
        classes = str(values.get("class") or "")
        if self.skip or any(name in classes.split() for name in THEME_CLASSES):
            return
        for name in SEEN_ATTRIBUTES:
            if values.get(name):
                self.words.extend((word, f"{tag}@{name}") for word in str(values[name]).split())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.depth and tag in self.SKIP:
            self.skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif self.depth and tag in self.SKIP:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.words.extend((word, "text") for word in data.split())


def _visible(path: Path) -> _Visible:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("constructs") / "project", FIXTURES / "constructs")
    assert main(["-C", str(project), "pseudo", "eo"]) == 0
    site = project.parent / "site"
    mkdocs_build(project, site)
    return site


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_no_english_left_outside_code(pseudo_site: Path, page: str) -> None:
    visible = _visible(pseudo_site / "eo" / page)
    english = [(word, where) for word, where in visible.words if not is_pseudo(word)]
    assert len(visible.words) > 20
    assert english == []


@pytest.mark.slow
def test_the_pseudo_page_is_really_translated(pseudo_site: Path) -> None:
    html = (pseudo_site / "eo" / "index.html").read_text(encoding="utf-8")
    assert "⟦Ŧĥéé ŧííɱéé ƒóóř řééłééáášéé ííš ÑÓÓ:Ŵ⟧" in html  # the title, from the front matter
    assert re.search(r'<meta name="description" content="⟦[^"]*⟧"', html)
    assert "code in a tab stays as written" in html
    assert "notProse" in html and "never extracted" in html
    assert "⟦Ñééṽééř ééẋŧřááçŧééð⟧" in html  # the code block's title


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_heading_ids_are_the_english_ones(pseudo_site: Path, page: str) -> None:
    english = _visible(pseudo_site / page).ids
    assert english, "the English page has headings"
    assert _visible(pseudo_site / "eo" / page).ids == english


@pytest.mark.slow
def test_english_ids_are_the_ones_toc_gives(pseudo_site: Path) -> None:
    ids = _visible(pseudo_site / "anchors" / "index.html").ids
    assert ids == [
        "who-are-they",
        "who-are-they_2",
        "who-are-they_1",
        "who-are-they-now-and-a-flower",
        "who-are-they_3",
        "a-humanitarian-crisis",
        "why-we-launched-this-campaign",
    ]


def test_pseudo_refuses_to_overwrite_real_translations(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "constructs")
    assert main(["-C", str(project), "pseudo", "eo"]) == 0
    catalog = project / "locales" / "eo" / "LC_MESSAGES" / "anchors.po"
    text = catalog.read_text(encoding="utf-8")
    real = text.replace('msgstr "⟦Ŵĥóó áářéé ŧĥééýý?⟧"', 'msgstr "Kiuj ili estas?"', 1)
    assert real != text
    catalog.write_text(real, encoding="utf-8")
    assert main(["-C", str(project), "pseudo", "eo"]) == 2
    assert catalog.read_text(encoding="utf-8") == real, "nothing written"
    assert main(["-C", str(project), "pseudo", "eo", "--force"]) == 0
    assert "Kiuj ili estas?" not in catalog.read_text(encoding="utf-8")


def test_pseudo_refuses_the_source_language(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "constructs")
    assert main(["-C", str(project), "pseudo", "en"]) == 2
