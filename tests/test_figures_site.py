"""End to end: change one figure in the data file, and nothing else; every language re-renders it right."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polib
import pytest

from support import copy_project, mkdocs_build

pytestmark = pytest.mark.slow


#: The index page's plural entry, translated as translators would (one msgstr per Plural-Forms form).
PREFIX = {
    "ru": "С {repression_start} года тысячи невиновных людей в Беларуси подверглись уголовному преследованию "
          "лишь за мирный протест против фальсификации выборов и государственного насилия. ",
    "be": "З {repression_start} года тысячы невінаватых людзей у Беларусі трапілі пад крымінальны пераслед "
          "толькі за мірны пратэст супраць фальсіфікацыі выбараў і дзяржаўнага гвалту. ",
    "pl": "Od {repression_start} roku tysiące niewinnych ludzi na Białorusi stanęły przed zarzutami karnymi "
          "tylko za pokojowy protest przeciwko fałszerstwom wyborczym i przemocy państwa. ",
    "de": "Seit {repression_start} werden Tausende unschuldige Menschen in Belarus strafrechtlich verfolgt, "
          "nur weil sie friedlich gegen Wahlfälschung und staatliche Gewalt protestiert haben. ",
}
FORMS = {
    "ru": ["**За решёткой остаётся более {prisoners_held} человека.**",
           "**За решёткой остаются более {prisoners_held} человек.**",
           "**За решёткой остаётся более {prisoners_held} человек.**"],
    "be": ["**За кратамі застаецца больш за {prisoners_held} чалавека.**",
           "**За кратамі застаюцца больш за {prisoners_held} чалавекі.**",
           "**За кратамі застаецца больш за {prisoners_held} чалавек.**"],
    "pl": ["**Za kratami pozostaje ponad {prisoners_held} osoba.**",
           "**Za kratami pozostają ponad {prisoners_held} osoby.**",
           "**Za kratami pozostaje ponad {prisoners_held} osób.**"],
    "de": ["**Mehr als {prisoners_held} Mensch bleibt in Haft.**",
           "**Mehr als {prisoners_held} Menschen bleiben in Haft.**"],
}
NBSP = "\u00a0"


def translate_plural(project: Path) -> None:
    for language, forms in FORMS.items():
        path = project / "locales" / language / "LC_MESSAGES" / "index.po"
        catalog = polib.pofile(str(path), wrapwidth=79)
        entry = next(e for e in catalog if e.msgid_plural.endswith("{prisoners_held} remain behind bars.**"))
        entry.msgstr_plural = {index: PREFIX[language] + form for index, form in enumerate(forms)}
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        catalog.save(str(path))


def page_text(site: Path, language: str, page: str = "index.html") -> str:
    folder = site if language == "en" else site / language
    text = (folder / page).read_text(encoding="utf-8")
    body = text[text.index("<article"): text.index("</article>")]
    return re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("figures-project"))
    translate_plural(project)
    return project


def build_with(project: Path, number: int, tmp_path: Path) -> Path:
    data = project / "figures.yml"
    original = data.read_text(encoding="utf-8")
    assert original.count("value: 1100\n") == 1
    data.write_text(original.replace("value: 1100\n", f"value: {number}\n"), encoding="utf-8")
    try:
        site = tmp_path / "site"
        mkdocs_build(project, site)
    finally:
        data.write_text(original, encoding="utf-8")
    return site


# number -> what each language's home page must say (grouping per CLDR, the plural form per Plural-Forms).
EXPECTED = {
    21: {
        "en": "More than 21 remain behind bars.",
        "ru": "За решёткой остаётся более 21 человека.",
        "be": "За кратамі застаецца больш за 21 чалавека.",
        "pl": "Za kratami pozostaje ponad 21 osób.",
        "de": "Mehr als 21 Menschen bleiben in Haft.",
    },
    22: {
        "en": "More than 22 remain behind bars.",
        "ru": "За решёткой остаются более 22 человек.",
        "be": "За кратамі застаюцца больш за 22 чалавекі.",
        "pl": "Za kratami pozostają ponad 22 osoby.",
        "de": "Mehr als 22 Menschen bleiben in Haft.",
    },
    1: {
        "en": "More than 1 remains behind bars.",
        "ru": "За решёткой остаётся более 1 человека.",
        "be": "За кратамі застаецца больш за 1 чалавека.",
        "pl": "Za kratami pozostaje ponad 1 osoba.",
        "de": "Mehr als 1 Mensch bleibt in Haft.",
    },
    1101: {
        "en": "More than 1,101 remain behind bars.",
        "ru": f"За решёткой остаётся более 1{NBSP}101 человека.",
        "be": f"За кратамі застаецца больш за 1{NBSP}101 чалавека.",
        "pl": f"Za kratami pozostaje ponad 1{NBSP}101 osób.",
        "de": "Mehr als 1.101 Menschen bleiben in Haft.",
    },
}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_one_line_of_data_rerenders_every_language(project: Path, number: int, tmp_path: Path) -> None:
    site = build_with(project, number, tmp_path)
    grouped = {"en": f"{number:,}", "de": f"{number:,}".replace(",", "."),
               "ru": f"{number:,}".replace(",", NBSP), "be": f"{number:,}".replace(",", NBSP),
               "pl": f"{number:,}".replace(",", NBSP)}
    for language, sentence in EXPECTED[number].items():
        home = page_text(site, language)
        assert sentence in home, (language, home[:400])
        assert "{prisoners_held}" not in home and "{" not in home
        # The key figures table: the same figure, formatted for the language.
        assert re.search(rf"(?<![\d.,{NBSP}]){re.escape(grouped[language])}(?![\d.,{NBSP}]\d)", home)
        crisis = page_text(site, language, "crisis/index.html")
        assert "140" in crisis and "{" not in crisis
        prisoners = page_text(site, language, "prisoners/index.html")
        assert "{" not in prisoners


def test_unknown_figure_is_a_build_error(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "prisoners.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original.replace("{prisoners_held}", "{prisoners_helt}"), encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match=r"docs/prisoners\.md:8: unknown figure \{prisoners_helt\}"):
            mkdocs_build(project, tmp_path / "site")
    finally:
        page.write_text(original, encoding="utf-8")
