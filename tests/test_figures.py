"""figures: the data file, placeholders, CLDR formatting, plural forms, filling pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdgettext.catalogs import page_template
from mdgettext.figures import (
    Figures,
    FiguresError,
    check_placeholders,
    choose_plural,
    fill_page,
    fill_text,
    parse_figures,
    placeholders,
    plural_index,
    strip_placeholders,
)
from mdgettext.languages import nplurals
from mdgettext.segments import extract_segments

NBSP = "\u00a0"
ROOT = Path(__file__).resolve().parent.parent

DATA = """
prisoners_held: {value: 1100, kind: number, qualifier: more than}
manifesto_date: {value: 2025-05-21, kind: date}
repression_start: {value: 2020, kind: year}
per_million:
  kind: number
  values:
    BY: {value: 140, source: Viasna}
    RU: {value: 4, source: Memorial}
  chart:
    title: Political prisoners per one million inhabitants
    sources: "Sources: Viasna ({country.BY}), Memorial ({country.RU})."
"""


@pytest.fixture
def figures() -> Figures:
    return parse_figures(DATA, "figures.yml")


def with_prisoners(number: int) -> Figures:
    return parse_figures(DATA.replace("1100", str(number)), "figures.yml")


# -- placeholders (also used by checks.py) -----------------------------------------------------------------
def test_placeholders_in_order_with_repeats() -> None:
    text = ("Since {repression_start}, {prisoners_held} remain; {per_million.BY} in {country.BY}; "
            "{prisoners_held}")
    assert placeholders(text) == [
        "repression_start", "prisoners_held", "per_million.BY", "country.BY", "prisoners_held",
    ]


@pytest.mark.parametrize("text", [
    "{#anchor}", "{: .class }", "{ .note }", "{key=value}", "{1}", "{}", "{a b}", "{a:>5}",
    "no braces", "{name!r}",
])
def test_not_placeholders(text: str) -> None:
    # attr_list, format specs and positional fields are not figures: the format comes from CLDR.
    assert placeholders(text) == []


def test_doubled_braces_still_name_the_inner_field() -> None:
    # Python's str.format would print {literal}; figures never double braces, and checks see the same name.
    assert placeholders("{{literal}}") == ["literal"]


def test_strip_placeholders() -> None:
    assert strip_placeholders("{country.BY}") == ""
    assert strip_placeholders("more than {prisoners_held}") == "more than "


@given(st.lists(st.from_regex(r"[a-z_][a-z0-9_]{0,10}(\.[A-Z]{2})?", fullmatch=True), max_size=5),
       st.text(alphabet="abc ,.", max_size=8))
def test_placeholders_round_trip(names: list[str], glue: str) -> None:
    text = glue.join("{" + name + "}" for name in names)
    assert placeholders(text) == names


# -- the data file ------------------------------------------------------------------------------------------
def test_real_data_file_holds_the_seed_figures_only() -> None:
    figures = parse_figures((ROOT / "figures.yml").read_text(encoding="utf-8"), "figures.yml")
    values = {name: figure.value for name, figure in figures.values.items()}
    assert values == {
        "prisoners_held": 1100,
        "released_since_2024": 300,
        "releases_since": 2024,
        "repression_start": 2020,
        "manifesto_date": dt.date(2025, 5, 21),
        "per_million.BY": 140,
        "per_million.AZ": 56,
        "per_million.VE": 33,
        "per_million.RU": 4,
    }
    sources = {name: figure.source for name, figure in figures.values.items()
               if name.startswith("per_million")}
    # The seed names Viasna, Memorial and Foro Penal; it names no source for Azerbaijan, so none is recorded.
    assert sources == {"per_million.BY": "Viasna", "per_million.AZ": None, "per_million.VE": "Foro Penal",
                       "per_million.RU": "Memorial"}
    assert figures.groups["per_million"] == ("BY", "AZ", "VE", "RU")


@pytest.mark.parametrize(("data", "message"), [
    ("x: {value: 1, kind: weight}", "figures.yml:1: 'x' needs a kind"),
    ("x: {value: '1,100', kind: number}", "whole number"),
    ("x: {value: 2025, kind: date}", "YYYY-MM-DD"),
    ("x: {value: 1, kind: number, colour: red}", "unknown key(s) colour"),
    ("country: {value: 1, kind: number}", "cannot be a figure name"),
    ("x:\n  kind: number\n  values:\n    XX: {value: 1}", "figures.yml:4: 'XX' is not an ISO 3166"),
    ("x: {value: 1, kind: number, chart: {title: T}}", "a chart needs values per country"),
    ("x:\n  kind: number\n  values: {BY: {value: 1}}\n  chart: {title: 'In {nowhere}'}",
     "unknown figure {nowhere}"),
    ("- 1\n- 2", "must map figure names"),
    ("x: [", "not valid YAML"),
])
def test_data_file_errors_name_file_and_line(data: str, message: str) -> None:
    with pytest.raises(FiguresError, match=None) as error:
        parse_figures(data, "figures.yml")
    assert message in str(error.value)


# -- CLDR formatting -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("language", "number", "date", "belarus"), [
    ("en", "1,100", "May 21, 2025", "Belarus"),
    ("be", f"1{NBSP}100", "21 мая 2025\u202fг.", "Беларусь"),
    ("ru", f"1{NBSP}100", "21 мая 2025\u202fг.", "Беларусь"),
    ("de", "1.100", "21. Mai 2025", "Belarus"),
    ("pl", f"1{NBSP}100", "21 maja 2025", "Białoruś"),
])
def test_formats_per_language(figures: Figures, language: str, number: str, date: str, belarus: str) -> None:
    assert figures.format("prisoners_held", language) == number
    assert figures.format("manifesto_date", language) == date
    assert figures.format("repression_start", language) == "2020"  # a year is never grouped (not 2,020)
    assert figures.format("country.BY", language) == belarus
    assert figures.format("per_million.BY", language) == "140"


def test_unknown_country_code(figures: Figures) -> None:
    assert not figures.known("country.XX")
    assert figures.known("country.VE")  # any CLDR code, with no entry in the data file


# -- plurals: the form index and the text, for the numbers the issue names ----------------------------------
NUMBERS = (1, 2, 5, 11, 21, 22, 25, 111, 1100)
#: Expected msgstr index for each number above (gettext's Plural-Forms of the language).
EXPECTED_INDEX = {
    "ru": (0, 1, 2, 2, 0, 1, 2, 2, 2),
    "be": (0, 1, 2, 2, 0, 1, 2, 2, 2),
    "pl": (0, 1, 2, 2, 2, 1, 2, 2, 2),
}
#: Real translations of "{n} person remains behind bars" / "{n} people remain behind bars".
FORMS = {
    "ru": ["{prisoners_held} человек остаётся за решёткой.",
           "{prisoners_held} человека остаются за решёткой.",
           "{prisoners_held} человек остаются за решёткой."],
    "be": ["{prisoners_held} чалавек застаецца за кратамі.",
           "{prisoners_held} чалавекі застаюцца за кратамі.",
           "{prisoners_held} чалавек застаюцца за кратамі."],
    "pl": ["{prisoners_held} osoba pozostaje za kratami.", "{prisoners_held} osoby pozostają za kratami.",
           "{prisoners_held} osób pozostaje za kratami."],
}
#: What a reader sees, per number (CLDR grouping with a no-break space for 1 100).
EXPECTED_TEXT = {
    "ru": ["1 человек остаётся за решёткой.", "2 человека остаются за решёткой.",
           "5 человек остаются за решёткой.",
           "11 человек остаются за решёткой.", "21 человек остаётся за решёткой.",
           "22 человека остаются за решёткой.", "25 человек остаются за решёткой.",
           "111 человек остаются за решёткой.", f"1{NBSP}100 человек остаются за решёткой."],
    "be": ["1 чалавек застаецца за кратамі.", "2 чалавекі застаюцца за кратамі.",
           "5 чалавек застаюцца за кратамі.",
           "11 чалавек застаюцца за кратамі.", "21 чалавек застаецца за кратамі.",
           "22 чалавекі застаюцца за кратамі.", "25 чалавек застаюцца за кратамі.",
           "111 чалавек застаюцца за кратамі.", f"1{NBSP}100 чалавек застаюцца за кратамі."],
    "pl": ["1 osoba pozostaje za kratami.", "2 osoby pozostają za kratami.", "5 osób pozostaje za kratami.",
           "11 osób pozostaje za kratami.", "21 osób pozostaje za kratami.", "22 osoby pozostają za kratami.",
           "25 osób pozostaje za kratami.", "111 osób pozostaje za kratami.",
           f"1{NBSP}100 osób pozostaje za kratami."],
}
SINGULAR = "{prisoners_held} person remains behind bars."
PLURAL = "{prisoners_held} people remain behind bars."


@pytest.mark.parametrize("language", ["be", "ru", "pl"])
def test_plural_index_and_text(language: str) -> None:
    assert nplurals(language) == len(FORMS[language]) == 3
    cases = zip(NUMBERS, EXPECTED_INDEX[language], EXPECTED_TEXT[language], strict=True)
    for number, index, expected in cases:
        assert plural_index(language, number) == index, number
        figures = with_prisoners(number)
        text, translated = choose_plural(SINGULAR, PLURAL, FORMS[language], language,
                                         figures.number("prisoners_held"))
        assert translated
        assert text == FORMS[language][index]
        assert fill_text(text, figures, language, "test") == expected


@pytest.mark.parametrize(("language", "number", "index"), [("en", 1, 0), ("en", 0, 1), ("en", 21, 1),
                                                           ("de", 1, 0), ("de", 1100, 1)])
def test_two_form_languages(language: str, number: int, index: int) -> None:
    assert plural_index(language, number) == index


@pytest.mark.parametrize("forms", [None, [], ["", "", ""], ["x {prisoners_held}", "", "z {prisoners_held}"]])
def test_untranslated_plural_falls_back_to_english_with_the_english_rule(forms: list[str] | None) -> None:
    assert choose_plural(SINGULAR, PLURAL, forms, "ru", 1) == (SINGULAR, False)
    assert choose_plural(SINGULAR, PLURAL, forms, "ru", 21) == (PLURAL, False)  # English: 21 is plural


def test_a_plural_needs_a_number(figures: Figures) -> None:
    with pytest.raises(FiguresError, match="needs a number figure"):
        figures.number("manifesto_date")
    with pytest.raises(FiguresError, match="needs a number figure"):
        figures.number("nowhere")


# -- pages --------------------------------------------------------------------------------------------------
PAGE = """---
title: Figures
description: The Manifesto of {manifesto_date}.
---

# Since {repression_start}

More than {prisoners_held} remain behind bars; {per_million.BY} per million in {country.BY}.

| Country | Per million |
|---------|---:|
| {country.RU} | {per_million.RU} |

`{not_a_figure}` stays code, and so does this:

```python
print("{nor_this}")
```

<!-- a comment: {nor_this_one} -->
"""


def test_fill_page_every_language(figures: Figures) -> None:
    out = fill_page(PAGE, figures, "de", "docs/x.md")
    assert "description: The Manifesto of 21. Mai 2025." in out
    assert "# Since 2020" in out
    assert "More than 1.100 remain behind bars; 140 per million in Belarus." in out
    assert "| Russland | 4 |" in out
    assert "`{not_a_figure}`" in out and 'print("{nor_this}")' in out and "{nor_this_one}" in out


def test_value_at_line_start_is_not_a_list(figures: Figures) -> None:
    # A German date at the start of a paragraph must not turn it into an ordered list starting at 21.
    out = fill_page("{manifesto_date} begann es.\n\n- {manifesto_date}\n", figures, "de", "docs/x.md")
    assert out == "21\\. Mai 2025 begann es.\n\n- 21\\. Mai 2025\n"
    # Mid-sentence it stays as CLDR writes it.
    assert fill_page("Am {manifesto_date}.", figures, "de", "x") == "Am 21. Mai 2025."


def test_unknown_placeholder_names_file_and_line(figures: Figures) -> None:
    page = "# Title\n\nText.\n\nMore than {prisoners_hel} remain.\n"
    with pytest.raises(FiguresError, match=r"docs/index\.md:5: unknown figure \{prisoners_hel\}"):
        check_placeholders(page, figures, "docs/index.md")
    with pytest.raises(FiguresError, match=r"docs/index\.md:5: unknown figure"):
        fill_page(page, figures, "ru", "docs/index.md")


def test_chart_directive(figures: Figures) -> None:
    page = "Intro\n\n<!-- figures: chart per_million -->\n\nAfter\n"
    assert fill_page(page, figures, "en", "x", lambda name: f"<svg>{name}</svg>") == (
        "Intro\n\n<svg>per_million</svg>\n\nAfter\n"
    )
    with pytest.raises(FiguresError, match=r"x:1: no chart 'nothing'"):
        fill_page("<!-- figures: chart nothing -->", figures, "en", "x", lambda name: "")


# -- extraction: plural directive and python-brace-format -------------------------------------------------
def test_plural_directive_makes_a_plural_entry() -> None:
    page = (
        "<!-- i18n: plural prisoners_held | More than {prisoners_held} remains. -->\n"
        "More than {prisoners_held} remain.\n\n"
        "<!-- i18n: plural prisoners_held -->\n"
        "| Key | Value |\n|---|---|\n| Held | more than {prisoners_held} |\n\n"
        "Plain {repression_start}.\n"
    )
    segments = extract_segments(page)
    template = page_template("docs/x.md", segments, "2025-01-01 00:00+0000")
    entries = {entry.msgid: entry for entry in template}
    plural = entries["More than {prisoners_held} remains."]
    assert plural.msgid_plural == "More than {prisoners_held} remain."
    assert plural.msgstr_plural == {0: "", 1: ""}
    assert "python-brace-format" in plural.flags
    # In a table the directive covers only the cells naming the figure.
    assert entries["Key"].msgid_plural == "" and "python-brace-format" not in entries["Key"].flags
    assert entries["more than {prisoners_held}"].msgid_plural == "more than {prisoners_held}"
    assert entries["Plain {repression_start}."].flags == ["python-brace-format"]
