"""The check corpus: every broken or malicious translation raises exactly the expected check ids, and no
benign one (localized URLs on the allow-list, «» quotes, ``1 100`` for ``1,100``...) raises any."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mdgettext.checks import CHECKS, ERROR, check_entry, check_pair, parse_allowlist, usable_entries
from mdgettext.glossary import parse_glossary

DATA = Path(__file__).parent / "data" / "checks"
CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "cases.yml").read_text(encoding="utf-8"))
GLOSSARY = parse_glossary((DATA / "glossary.csv").read_text(encoding="utf-8"),
                          (DATA / "do-not-translate.txt").read_text(encoding="utf-8"))
ALLOWLIST = parse_allowlist((DATA / "allowed-urls.yml").read_text(encoding="utf-8"))


def entry_of(case: dict[str, Any]) -> polib.POEntry:
    entry = polib.POEntry(msgid=case["msgid"], flags=list(case.get("flags", [])),
                          occurrences=[("docs/index.md", "1")])
    if "msgid_plural" in case:
        entry.msgid_plural = case["msgid_plural"]
        entry.msgstr_plural = dict(enumerate(case["msgstr_plural"]))
    else:
        entry.msgstr = case["msgstr"]
    entry.linenum = 7
    return entry


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(case: dict[str, Any]) -> None:
    findings = check_entry(entry_of(case), case["language"], GLOSSARY, ALLOWLIST, file="x.po")
    assert {finding.check_id for finding in findings} == set(case["expect"]), [
        (finding.check_id, finding.message) for finding in findings
    ]
    for finding in findings:
        assert finding.file == "x.po" and finding.line == 7 and finding.msgid == case["msgid"]
        assert finding.message and finding.hint and finding.reference == "docs/index.md:1"


def test_corpus_covers_every_entry_level_check() -> None:
    """One case per check at least (the catalog-level ones are in test_checks_catalogs.py)."""
    covered = {check for case in CASES for check in case["expect"]}
    catalog_level = {"po-syntax", "out-of-sync", "threshold"}
    assert set(CHECKS) - catalog_level <= covered
    assert sum(1 for case in CASES if not case["expect"]) >= 20


def test_check_ids_are_stable_and_described() -> None:
    for check_id, check in CHECKS.items():
        assert check.id == check_id and check_id == check_id.lower() and " " not in check_id
        assert check.severity in ("error", "warning") and check.title and check.hint


def test_every_security_and_structure_check_is_an_error() -> None:
    for check_id in ("unsafe-url", "unsafe-html", "new-url", "homoglyph-domain", "invisible-char",
                     "template-syntax", "link-target", "image-target", "code-span", "html-tag", "new-block",
                     "placeholders", "plural-forms", "out-of-sync", "threshold", "po-syntax"):
        assert CHECKS[check_id].severity == ERROR


def test_fuzzy_obsolete_and_empty_entries_are_not_judged() -> None:
    hostile = "[x](javascript:alert(1))"
    assert check_entry(polib.POEntry(msgid="[x](a.md)", msgstr=hostile, flags=["fuzzy"]), "be") == []
    assert check_entry(polib.POEntry(msgid="[x](a.md)", msgstr=hostile, obsolete=True), "be") == []
    assert check_entry(polib.POEntry(msgid="[x](a.md)", msgstr=""), "be") == []


def test_usable_entries_hold_back_errors_only() -> None:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="[Who?](a.md)", msgstr="[Хто?](javascript:alert(1))"))
    catalog.append(polib.POEntry(msgid="Who are they?", msgstr="Хто яны."))  # a warning only
    catalog.append(polib.POEntry(msgid="Safe.", msgstr="Бяспечна."))
    plural = polib.POEntry(msgid="{n} prisoner", msgid_plural="{n} prisoners", flags=["python-brace-format"])
    plural.msgstr_plural = {0: "{n} вязень", 1: "{n} вязні", 2: "<script>x</script> {n}"}
    catalog.append(plural)
    usable = usable_entries(catalog, "be", "be.po")
    assert usable.singular == {(None, "Who are they?"): "Хто яны.", (None, "Safe."): "Бяспечна."}
    assert usable.plural == {}
    by_msgid = {finding.msgid: set() for finding in usable.rejected}
    for finding in usable.rejected:
        by_msgid[finding.msgid].add(finding.check_id)
    assert by_msgid["[Who?](a.md)"] == {"unsafe-url"}
    assert "unsafe-html" in by_msgid["{n} prisoner"]


def test_glossary_none_skips_terminology() -> None:
    problems = check_pair("NO:W is when we must act", "JETZT ist die Zeit zu handeln", "de")
    assert problems == []


def test_allowlist_needs_a_matching_source_url() -> None:
    """An allow-listed address may replace its source URL, never appear where the source has no link."""
    problems = check_pair("Read the news.", "Чытайце [навіны](https://example.org/be/news).", "be",
                          allowlist=ALLOWLIST)
    assert {check_id for check_id, _ in problems} == {"new-url"}


def test_allowlist_file_must_be_a_mapping() -> None:
    with pytest.raises(ValueError, match="allowed-urls"):
        parse_allowlist("- just a list")


_PIECES = st.sampled_from([
    "word", "Belarus", "1,100", "2020", "[a link](page.md)", "[out](https://example.org/x?a=1)", "`code`",
    "**strong**", "*em*", "<abbr title=\"t\">T</abbr>", "{count}", "—", "«quoted»", "\"quoted\"", "e.g.",
    "politzek.me", "[^1]", "![img](a.png)", "{#anchor}", "?", "!", ":", "(aside)", "\u00a0", "x_y",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12))
def test_an_identical_copy_never_raises_an_error(pieces: list[str]) -> None:
    """Whatever the source holds, copying it unchanged is never an error (only warnings may apply)."""
    text = " ".join(pieces)
    for language in ("en", "be", "de"):
        problems = check_pair(text, text, language, glossary=GLOSSARY)
        errors = [(check_id, message) for check_id, message in problems if CHECKS[check_id].severity == ERROR]
        assert errors == [], (text, language)


def test_every_real_source_text_passes_against_itself() -> None:
    root = Path(__file__).resolve().parent.parent / "locales" / "templates"
    for path in sorted(root.glob("*.pot")):
        for entry in polib.pofile(str(path)):
            brace = "python-brace-format" in entry.flags
            problems = check_pair(entry.msgid, entry.msgid, "en", brace_format=brace)
            assert [p for p in problems if CHECKS[p[0]].severity == ERROR] == [], (path.name, entry.msgid)


_PAYLOADS = st.sampled_from([
    "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](java&#115;cript:alert(1))",
    "[x](&#106;avascript:alert(1))", "[x](java&#x0A;script:alert(1))",
    "<a href=\"  javascript:void(0)\">x</a>",
    "<a href='vbscript:x'>x</a>", "[x](data:text/html,<b>x</b>)", "<img src=\"data:image/svg+xml,x\">",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=8), _PAYLOADS, st.integers(min_value=0, max_value=8))
def test_an_unsafe_url_anywhere_is_caught(pieces: list[str], payload: str, position: int) -> None:
    source = " ".join(pieces)
    translated = [*pieces]
    translated.insert(min(position, len(translated)), payload)
    ids = {check_id for check_id, _ in check_pair(source, " ".join(translated), "pl")}
    assert "unsafe-url" in ids, (source, payload)


# -- plain sentences are not rendered ------------------------------------------------------------------------
_RISKY = st.sampled_from(
    [*"abcXYZ019 .,;:!?'\"()-–—/%$@^~=+#…«»„“ёўłßé١１𝟎",
     "\u00a0", "\u2028", "\u0085", "\u200b", "\ufeff", "  ", "1.", "1)", "!!! note", "? ", ": ", "http://x.org",
       "www.x.org", "a@b.c", "(c)", "--", "...", "'s", "&", "<", "*", "_", "[", "`", "{", "|", "\\", "\n"]
)


@given(st.lists(_RISKY, min_size=1, max_size=12).map("".join))
@settings(max_examples=3000, deadline=None)
def test_a_plain_sentence_has_the_structure_python_markdown_gives_it(text: str) -> None:
    from mdgettext.checks import _is_plain, _plain_structure, _rendered_structure

    if _is_plain(text):
        assert _plain_structure(text) == _rendered_structure(text, ())
