"""chart: the per-country bar chart as safe, accessible, theme-coloured inline SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from mdgettext.chart import render_chart
from mdgettext.figures import FiguresError, parse_figures

DATA = """
per_million:
  kind: number
  values:
    BY: {value: 140, source: Viasna}
    AZ: {value: 56}
    VE: {value: 1100, source: Foro Penal}
  chart: {title: T}
held: {value: 1100, kind: number}
"""
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def figures():  # type: ignore[no-untyped-def]
    return parse_figures(DATA, "figures.yml")


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)  # well-formed XML, so also well-formed inline SVG in HTML


@pytest.mark.parametrize(("language", "names", "big"), [
    ("en", ["Belarus", "Azerbaijan", "Venezuela"], "1,100"),
    ("ru", ["Беларусь", "Азербайджан", "Венесуэла"], "1\u00a0100"),
    ("pl", ["Białoruś", "Azerbejdżan", "Wenezuela"], "1\u00a0100"),
    ("de", ["Belarus", "Aserbaidschan", "Venezuela"], "1.100"),
])
def test_labels_and_values_per_language(figures, language: str, names: list[str], big: str) -> None:  # type: ignore[no-untyped-def]
    figure = parse(render_chart(figures, "per_million", language, "Title", "Sources: X."))
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert texts == [names[0], "140", names[1], "56", names[2], big]
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and names[0] in (desc.text or "") and big in (desc.text or "")


def test_accessible_structure(figures) -> None:  # type: ignore[no-untyped-def]
    html = render_chart(figures, "per_million", "en", "Political prisoners", "Sources: Viasna.")
    figure = parse(html)
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    ids = {element.get("id") for element in figure.iter() if element.get("id")}
    assert svg.get("aria-labelledby") in ids and svg.get("aria-describedby") in ids
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == "Political prisoners"
    assert figure.findtext("figcaption") == "Sources: Viasna."
    # Bars scale with the value: the largest fills the available width, the others in proportion.
    widths = [int(rect.get("width", "0")) for rect in svg.iter(f"{SVG}rect")]
    assert widths[2] == max(widths) and widths[0] == round(widths[2] * 140 / 1100)


def test_light_and_dark_no_script_no_remote_host(figures) -> None:  # type: ignore[no-untyped-def]
    html = render_chart(figures, "per_million", "en", "T")
    assert "currentColor" in html and "var(--md-" in html
    assert not re.search(r'fill="#(?:000|000000)"|fill="black"', html)  # no black text on a dark page
    assert "<script" not in html and " on" not in html.replace(" one", "")
    assert re.findall(r"https?://[^\"]+", html) == ["http://www.w3.org/2000/svg"]
    assert "\n\n" not in html  # one raw HTML block for Python-Markdown


def test_text_is_escaped(figures) -> None:  # type: ignore[no-untyped-def]
    hostile = '</title><script>alert(1)</script><title a="'
    html = render_chart(figures, "per_million", "en", hostile, 'x" onload="alert(1)')
    assert "<script>" not in html
    figure = parse(html)
    title = figure.find(f"{SVG}svg/{SVG}title")
    assert title is not None and title.text == hostile
    assert figure.findtext("figcaption") == 'x" onload="alert(1)'


def test_only_per_country_figures_chart(figures) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FiguresError, match="no values per country"):
        render_chart(figures, "held", "en", "T")
