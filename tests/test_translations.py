"""The translations themselves: complete, faithful to the glossary, and written in each language's own letters
and quotation marks.

Everything is read from the project (languages from mkdocs.yml, terms from locales/glossary.csv and
locales/do-not-translate.txt, catalogs from locales/); nothing here hard-codes an expected count, so the tests
keep working as pages, terms and languages are added. Each failure lists every problem found, one per line,
naming the catalog file, the msgid and what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

from mdgettext.catalogs import entry_key
from mdgettext.glossary import Glossary, contains_form
from mdgettext.languages import nplurals
from mdgettext.pofile import parse_po
from mdgettext.stats import catalog_stats
from mdgettext.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = Workspace(ROOT)
TARGETS = WORKSPACE.config.target_languages


# -- helpers ------------------------------------------------------------------------------------------------
def _catalogs(language: str) -> Iterator[tuple[str, Path, polib.POFile]]:
    """(domain, file, catalog) for every catalog a target language must have: one per template domain."""
    for domain in WORKSPACE.domains():
        path = WORKSPACE.catalog_file(language, domain)
        if not path.exists():
            yield domain, path, polib.POFile()
            continue
        catalog = parse_po(path.read_bytes(), WORKSPACE.relative(path), nplurals=nplurals(language))
        yield domain, path, catalog


def _live(catalog: polib.POFile) -> Iterator[polib.POEntry]:
    return (entry for entry in catalog if not entry.obsolete and entry.msgid)


def _msgstrs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(label, translation) of each filled msgstr: ``msgstr`` or ``msgstr[N]``."""
    if entry.msgid_plural:
        return [(f"msgstr[{index}]", text) for index, text in sorted(entry.msgstr_plural.items()) if text]
    return [("msgstr", entry.msgstr)] if entry.msgstr else []


def _where(path: Path, entry: polib.POEntry) -> str:
    line = f":{entry.linenum}" if getattr(entry, "linenum", None) else ""
    context = f" (msgctxt {entry.msgctxt!r})" if entry.msgctxt else ""
    return f"{WORKSPACE.relative(path)}{line}: msgid {entry.msgid!r}{context}"


def _report(problems: list[str], what: str) -> str:
    return f"{len(problems)} {what}:\n  " + "\n  ".join(problems)


# Markup whose text is not prose: link targets, inline code, HTML tags, {placeholders}.
_NOT_PROSE = re.compile(r"\]\([^)]*\)|`[^`]*`|<[^>]+>|\{[^}]*\}")


def _prose(text: str) -> str:
    return _NOT_PROSE.sub(" ", text)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return WORKSPACE.glossary()


# -- completeness -------------------------------------------------------------------------------------------
def test_there_are_target_languages() -> None:
    assert TARGETS, "mkdocs.yml declares no language besides the source language"


@pytest.mark.parametrize("language", TARGETS)
def test_every_catalog_is_complete(language: str) -> None:
    """100% translated, 0 fuzzy, and in step with the pages (every template entry is in the catalog)."""
    templates = WORKSPACE.build_templates()
    problems: list[str] = []
    for domain, path, catalog in _catalogs(language):
        if not path.exists():
            problems.append(f"{WORKSPACE.relative(path)}: missing catalog (run `mdgettext update`)")
            continue
        stats = catalog_stats(language, domain, catalog)
        if stats.fuzzy or stats.untranslated:
            problems.append(
                f"{WORKSPACE.relative(path)}: {stats.percent}% translated, "
                f"{stats.fuzzy} fuzzy, {stats.untranslated} untranslated"
            )
        for entry in _live(catalog):
            if "fuzzy" in entry.flags:
                problems.append(f"{_where(path, entry)}: fuzzy (review it, remove the flag and #| lines)")
            elif not entry.msgstr and not (entry.msgid_plural and all(entry.msgstr_plural.values())):
                problems.append(f"{_where(path, entry)}: untranslated")
        present = {entry_key(entry) for entry in _live(catalog)}
        for entry in templates.get(domain, polib.POFile()):
            if entry_key(entry) not in present:
                problems.append(f"{_where(path, entry)}: in the page, not in the catalog (run update)")
    assert not problems, _report(problems, f"incomplete entries in '{language}'")


# -- glossary and do-not-translate --------------------------------------------------------------------------
@pytest.mark.parametrize("language", TARGETS)
def test_glossary_has_a_column_for_the_language(language: str, glossary: Glossary) -> None:
    missing = [term.source for term in glossary.terms if not term.forms(language)]
    assert not missing, f"locales/glossary.csv: no '{language}' form for: {', '.join(missing)}"


@pytest.mark.parametrize("language", TARGETS)
def test_glossary_terms_are_translated_as_agreed(language: str, glossary: Glossary) -> None:
    """A term of the source segment appears in the translation in one of the glossary's forms (inflected)."""
    problems: list[str] = []
    for _domain, path, catalog in _catalogs(language):
        for entry in _live(catalog):
            source = entry.msgid + ("\n" + entry.msgid_plural if entry.msgid_plural else "")
            keep = glossary.keep_in(source)
            # A term inside a do-not-translate name ("Belarus" in "Taskforce Belarus e.V.") is not translated.
            prose = source
            for word in sorted(keep, key=len, reverse=True):
                prose = prose.replace(word, " ")
            terms = glossary.terms_in(prose)
            for label, translation in _msgstrs(entry):
                for term in terms:
                    forms = term.forms(language)
                    if forms and not any(contains_form(translation, form) for form in forms):
                        problems.append(
                            f"{_where(path, entry)}: {label} does not render glossary term {term.source!r} "
                            f"as {' | '.join(forms)!r}"
                        )
                for word in keep:
                    if word not in translation:
                        problems.append(
                            f"{_where(path, entry)}: {label} lacks {word!r} (do-not-translate: keep it as is)"
                        )
    assert not problems, _report(problems, f"terminology problems in '{language}'")


@pytest.mark.parametrize("language", TARGETS)
def test_placeholders_and_link_targets_are_kept(language: str) -> None:
    """{placeholders} and [text](target) targets are copied exactly; only the text around them changes."""
    placeholder = re.compile(r"\{[^{}\s]+\}")
    target = re.compile(r"\]\(([^)]*)\)")
    problems: list[str] = []
    for _domain, path, catalog in _catalogs(language):
        for entry in _live(catalog):
            sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
            wanted_placeholders = set().union(*(placeholder.findall(text) for text in sources))
            wanted_targets = sorted(target.findall(entry.msgid))
            for label, translation in _msgstrs(entry):
                if set(placeholder.findall(translation)) - wanted_placeholders:
                    problems.append(f"{_where(path, entry)}: {label} has placeholders not in the msgid")
                lost = {name for name in wanted_placeholders if name not in translation}
                # A plural form may drop the number ("one prisoner"), but a singular text must keep them all.
                if lost and not entry.msgid_plural:
                    problems.append(f"{_where(path, entry)}: {label} lacks {', '.join(sorted(lost))}")
                if sorted(target.findall(translation)) != wanted_targets:
                    problems.append(f"{_where(path, entry)}: {label} changes link targets {wanted_targets}")
    assert not problems, _report(problems, f"markup problems in '{language}'")


# -- letters and quotation marks ----------------------------------------------------------------------------
#: Letters a language's translations must never contain: Belarusian has no и, щ, ъ (it writes і, ў, ’);
#: Russian has no і, ў.
FORBIDDEN_LETTERS = {
    "be": re.compile(r"[ищъИЩЪ]"),
    "ru": re.compile(r"[іўІЎ]"),
}

#: Each language's quotation marks: (opening, closing), and marks that belong to other languages.
QUOTES = {
    "be": ("«", "»"),
    "ru": ("«", "»"),
    "de": ("„", "“"),
    "pl": ("„", "”"),
}


@pytest.mark.parametrize("language", sorted(FORBIDDEN_LETTERS))
def test_letters_of_the_language(language: str) -> None:
    if language not in TARGETS:
        pytest.skip(f"'{language}' is not a target language")
    pattern = FORBIDDEN_LETTERS[language]
    problems: list[str] = []
    for _domain, path, catalog in _catalogs(language):
        for entry in _live(catalog):
            for label, translation in _msgstrs(entry):
                letters = sorted(set(pattern.findall(translation)))
                if letters:
                    problems.append(
                        f"{_where(path, entry)}: {label} has {' '.join(letters)}, "
                        f"letters '{language}' does not use (in {translation!r})"
                    )
    assert not problems, _report(problems, f"letters foreign to '{language}'")


def _quote_problem(language: str, text: str) -> str | None:
    opening, closing = QUOTES[language]
    prose = _prose(text)
    if '"' in prose:
        return 'straight quotation marks (") '
    if language in ("be", "ru"):
        # «…» outside; „…“ only as quotes inside quotes.
        if prose.count("«") != prose.count("»"):
            return "unbalanced «…»"
        outer = prose
        while True:
            inner = re.sub(r"«[^«»]*»", " ", outer)
            if inner == outer:
                break
            outer = inner
        wrong = sorted(set(re.findall(r"[“”„‟]", outer)))
        return f"quotation marks {' '.join(wrong)} (use «…»)" if wrong else None
    other = {"de": "”", "pl": "“"}[language]
    if other in prose:
        return f"quotation mark {other} (use {opening}…{closing})"
    if prose.count(opening) != prose.count(closing):
        return f"unbalanced {opening}…{closing}"
    return None


@pytest.mark.parametrize("language", sorted(QUOTES))
def test_quotation_marks_of_the_language(language: str) -> None:
    if language not in TARGETS:
        pytest.skip(f"'{language}' is not a target language")
    problems: list[str] = []
    for _domain, path, catalog in _catalogs(language):
        for entry in _live(catalog):
            for label, translation in _msgstrs(entry):
                problem = _quote_problem(language, translation)
                if problem:
                    problems.append(f"{_where(path, entry)}: {label} uses {problem} in {translation!r}")
    assert not problems, _report(problems, f"quotation marks foreign to '{language}'")


@pytest.mark.parametrize(
    ("language", "text", "ok"),
    [
        ("be", "Фонд «21 траўня»", True),
        ("ru", "«Весна» и „Мемориал“", False),
        ("ru", "«цитата „внутри“ цитаты»", True),
        ("ru", 'Фонд "21 мая"', False),
        ("de", "Stiftung „21. Mai“", True),
        ("de", "Stiftung „21. Mai”", False),
        ("pl", "Fundacja „21 Maja”", True),
        ("pl", "Fundacja „21 Maja“", False),
        ("be", '[тэкст](page.md "title")', True),
    ],
)
def test_quote_rule_itself(language: str, text: str, ok: bool) -> None:
    assert (_quote_problem(language, text) is None) is ok, _quote_problem(language, text)
