"""Pseudo-localisation changes prose letters only: every piece of markup comes through byte for byte."""

from __future__ import annotations

import re

import polib
import pytest

from mdgettext.pseudo import fill_catalog, is_pseudo, pseudo_localise, real_translations

KEPT = [
    "`code span`",
    "``a ` b``",
    "[^1]",
    "{prisoners_held}",
    "{: .lead #id }",
    "](https://example.org/a_b)",
    "][label]",
    "<em>",
    "</em>",
    "<https://example.org>",
    "&amp;",
    "&#8212;",
    "++ctrl+alt+del++",
    ":material-heart:",
    "https://example.org/path?q=1",
    "team@example.org",
    "\\*",
    "<!-- note -->",
]


@pytest.mark.parametrize("markup", KEPT)
def test_markup_is_kept(markup: str) -> None:
    assert markup in pseudo_localise(f"They are {markup} not radicals")


def test_prose_is_accented_lengthened_and_wrapped() -> None:
    text = "The time for release is NO:W"
    pseudo = pseudo_localise(text)
    assert pseudo.startswith("⟦") and pseudo.endswith("⟧")
    assert all(is_pseudo(word) for word in pseudo.split())
    assert len(pseudo) >= 1.3 * len(text)


def test_only_seen_attributes_of_tags_change() -> None:
    pseudo = pseudo_localise('<img src="flag.png" alt="A flag" class="wide"> text')
    assert 'src="flag.png"' in pseudo and 'class="wide"' in pseudo
    assert re.search(r'alt="[^"A-Za-z]+ [^"A-Za-z]+"', pseudo)


def test_shortcut_reference_links_still_resolve() -> None:
    assert pseudo_localise("See [Viasna].", {"viasna"}).startswith("⟦Šéééé [Ṽííáášñáá][Viasna]")
    assert pseudo_localise("See [Viasna].") == "⟦Šéééé [Ṽííáášñáá].⟧"  # not a known label: plain brackets


def test_blank_text_stays_blank() -> None:
    assert pseudo_localise("  ") == "  "


def test_fill_catalog_counts_real_translations() -> None:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="They are not radicals.", msgstr="Яны не радыкалы."))
    catalog.append(polib.POEntry(msgid="Who are they?", msgstr="", flags=["fuzzy"]))
    assert real_translations(catalog) == 1
    assert fill_catalog(catalog) == 2
    assert real_translations(catalog) == 0
    assert all(entry.msgstr.startswith("⟦") and not entry.fuzzy for entry in catalog)
