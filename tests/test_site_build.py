"""End to end: build real sites with mkdocs and read their HTML, as a reader's browser would get it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mdgettext.workspace import Workspace
from support import FIXTURES, copy_project, mkdocs_build

pytestmark = pytest.mark.slow


class _Page(HTMLParser):
    """Just enough of a page: <html lang>, heading ids and texts, links with their hreflang."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.headings: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.text: list[str] = []
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        if re.fullmatch(r"h[1-6]", tag) and "id" in values:
            self._heading = values["id"]
            self.headings[self._heading] = ""
        if tag == "a":
            self.links.append(values)

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data.strip())
        if self._heading:
            self.headings[self._heading] += data


def read(site: Path, path: str) -> _Page:
    page = _Page()
    page.feed((site / path).read_text(encoding="utf-8"))
    page.body = " ".join(" ".join(page.text).split())  # type: ignore[attr-defined]
    return page


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("tiny"), FIXTURES / "tiny")
    site = project / "site"
    mkdocs_build(project, site)
    return site


def test_every_language_gets_its_own_tree_with_the_right_lang(tiny_site: Path) -> None:
    assert read(tiny_site, "index.html").lang == "en"
    for language in ("de", "pl"):
        assert read(tiny_site, f"{language}/index.html").lang == language
        assert read(tiny_site, f"{language}/sub/story/index.html").lang == language


def test_translated_entries_replace_the_english_and_the_rest_falls_back(tiny_site: Path) -> None:
    german = read(tiny_site, "de/index.html").body  # type: ignore[attr-defined]
    assert "Willkommen daheim" in german
    assert "Ein übersetzter Absatz über die Geschichte" in german
    # Fuzzy and untranslated entries fall back to the English text, never to a stale translation.
    assert "An edited paragraph whose translation is fuzzy." in german
    assert "dessen Übersetzung unscharf ist" not in german
    assert "An untranslated paragraph." in german


def test_english_catalog_is_a_copy_editing_layer(tiny_site: Path) -> None:
    english = read(tiny_site, "sub/story/index.html")
    assert english.headings.get("the-middle") == "The middle part"
    assert "Welcome home" in read(tiny_site, "index.html").body  # type: ignore[attr-defined]


def test_heading_anchors_stay_english_in_every_language(tiny_site: Path) -> None:
    for language in ("de", "pl"):
        headings = read(tiny_site, f"{language}/sub/story/index.html").headings
        assert "the-middle" in headings, headings
    assert read(tiny_site, "de/sub/story/index.html").headings["the-middle"] == "Die Mitte"
    links = [link["href"] for link in read(tiny_site, "de/index.html").links]
    assert any(href.endswith("sub/story/#the-middle") for href in links), links


def test_nav_titles_and_site_name_come_from_the_site_catalog(tiny_site: Path) -> None:
    german = read(tiny_site, "de/sub/story/index.html").body  # type: ignore[attr-defined]
    assert "Startseite" in german and "Geschichten" in german and "Kleine Kampagne" in german
    polish = read(tiny_site, "pl/sub/story/index.html").body  # type: ignore[attr-defined]
    assert "Strona główna" in polish and "Tiny campaign" in polish  # untranslated: English


def test_theme_strings_follow_the_page_language(tiny_site: Path) -> None:
    german = (tiny_site / "de/index.html").read_text(encoding="utf-8")
    polish = (tiny_site / "pl/index.html").read_text(encoding="utf-8")
    assert 'placeholder="Suche"' in german
    assert 'placeholder="Szukaj"' in polish


def test_language_switcher_leads_to_the_same_page(tiny_site: Path) -> None:
    links = read(tiny_site, "de/sub/story/index.html").links
    switcher = {link["hreflang"]: link["href"] for link in links if link.get("hreflang")}
    assert set(switcher) >= {"en", "de", "pl"}
    assert switcher["pl"].rstrip("/").endswith("pl/sub/story")
    assert switcher["en"].rstrip("/").endswith("sub/story") and "/de/" not in switcher["en"]


def test_the_real_site_builds_in_five_languages(real_site: Path, project_root: Path) -> None:
    pages = sorted(
        p.relative_to(project_root / "docs").with_suffix("") for p in (project_root / "docs").rglob("*.md")
    )
    for language in Workspace(project_root).config.languages:
        prefix = "" if language == Workspace(project_root).config.source_language else f"{language}/"
        for page in pages:
            path = f"{prefix}index.html" if page.name == "index" else f"{prefix}{page}/index.html"
            assert read(real_site, path).lang == language, path


def test_a_reader_on_a_german_page_who_picks_polski_lands_on_the_same_page(real_site: Path) -> None:
    links = read(real_site, "de/prisoners/index.html").links
    switcher = {link["hreflang"]: link["href"] for link in links if link.get("hreflang")}
    assert switcher["pl"].rstrip("/").endswith("pl/prisoners"), switcher


def test_a_translated_site_name_cannot_break_out_of_an_attribute(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "tiny")
    catalog = project / "locales" / "de" / "LC_MESSAGES" / "_site.po"
    text = catalog.read_text(encoding="utf-8")
    hostile = 'Kleine Kampagne\\" onmouseover=\\"alert(1)'
    assert 'msgstr "Kleine Kampagne"' in text
    catalog.write_text(text.replace('msgstr "Kleine Kampagne"', f'msgstr "{hostile}"'), encoding="utf-8")
    site = tmp_path / "site"
    mkdocs_build(project, site, strict=False)
    html = (site / "de" / "index.html").read_text(encoding="utf-8")
    assert 'onmouseover="alert(1)' not in html
