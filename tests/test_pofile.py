"""pofile: strict reading (one CatalogError with line and hint for every way a catalog can be broken) and
canonical writing (byte for byte what GNU msgcat 0.21 writes, checked against the real msgcat)."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pickle
import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdgettext import pofile
from mdgettext.pofile import HEADER_ORDER, CatalogError, format_po, parse_po

DATA = Path(__file__).resolve().parent / "data" / "pofile"
CORPUS = sorted(path for path in DATA.glob("*.po*") if ".msgcat." not in path.name)

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: test\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
    '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
)  # lines 1-5


# ---------------------------------------------------------------------------------------------------------
# msgcat
# ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def msgcat() -> Callable[[str], str]:
    """Run GNU msgcat (default options) over a catalog text; skip without gettext, fail loudly in CI."""
    if shutil.which("msgcat") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU msgcat is not installed, but CI must run the gettext comparison tests")
        pytest.skip("GNU msgcat (gettext) is not installed")

    def run(text: str) -> str:
        result = subprocess.run(["msgcat", "-"], input=text.encode("utf-8"), capture_output=True, check=False)
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
        return result.stdout.decode("utf-8")

    return run


@pytest.fixture(params=["libunistring", "pure-python"])
def line_breaker(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a formatting test with each line breaker: libunistring 1.0 through ctypes, and the port."""
    if request.param == "libunistring":
        if pofile._native_line_breaks() is None:
            pytest.skip("libunistring 1.0 is not installed: only the pure-Python line breaker runs here")
    else:
        monkeypatch.setattr(pofile, "_native_line_breaks", lambda: None)
    return str(request.param)


def _expected(path: Path) -> Path:
    return path.with_name(path.name.replace(".", ".msgcat.", 1))


def _snapshot(po: polib.POFile) -> dict[str, Any]:
    """Every field of a catalog that a PO file carries, for round-trip comparisons."""
    fields = (
        "obsolete", "msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural", "tcomment", "comment",
        "occurrences", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural",
    )  # fmt: skip
    return {
        "header": po.header,
        "metadata": dict(po.metadata),
        "fuzzy": bool(po.metadata_is_fuzzy),
        "entries": [{name: getattr(entry, name) for name in fields} for entry in po],
    }


# ---------------------------------------------------------------------------------------------------------
# Strict reading
# ---------------------------------------------------------------------------------------------------------

# (id, catalog text or bytes, nplurals argument, line, words the message must contain)
MALFORMED: list[tuple[str, str | bytes, int | None, int, str]] = [
    ("not-utf8", HEADER.encode() + b'\nmsgid "caf\xe9"\nmsgstr ""\n', None, 7, "not UTF-8"),
    ("bom", b"\xef\xbb\xbf" + HEADER.encode(), None, 1, "byte order mark"),
    ("unterminated", HEADER + '\nmsgid "a"\nmsgstr "abc\n', None, 8, "unterminated string"),
    ("unterminated-backslash", HEADER + '\nmsgid "a\\"\nmsgstr ""\n', None, 7, "unterminated string"),
    ("garbage-line", HEADER + '\nmsgid "a"\nmsgstr "b"\nthis is not po\n', None, 9, "unknown keyword"),
    ("unknown-keyword", HEADER + '\nmsgid "a"\nmsgtxt "b"\n', None, 8, "unknown keyword"),
    ("msgstr-before-msgid", HEADER + '\nmsgstr "b"\nmsgid "a"\n', None, 7, "msgstr before msgid"),
    ("msgstr-first-in-file", 'msgstr ""\n', None, 1, "msgstr before msgid"),
    ("duplicate-msgstr", HEADER + '\nmsgid "a"\nmsgstr "b"\nmsgstr "c"\n', None, 9, "second msgstr"),
    (
        "duplicate-msgstr-after-continuation",
        HEADER + '\nmsgid "a"\nmsgstr ""\n"b"\nmsgstr "c"\n',
        None,
        10,
        "second",
    ),
    (
        "duplicate-entry",
        HEADER + '\nmsgid "a"\nmsgstr ""\n\nmsgid "a"\nmsgstr "x"\n',
        None,
        10,
        "duplicate entry",
    ),
    (
        "duplicate-entry-context",
        HEADER + '\nmsgctxt "c"\nmsgid "a"\nmsgstr ""\n\nmsgctxt "c"\nmsgid "a"\nmsgstr ""\n',
        None,
        12,
        "line 8",
    ),
    ("missing-header", 'msgid "a"\nmsgstr "b"\n', None, 1, "header"),
    ("empty-file", "", None, 1, "header"),
    (
        "header-line-without-colon",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"junk\\n"\n',
        None,
        4,
        "Name: value",
    ),
    ("header-without-content-type", 'msgid ""\nmsgstr "Project-Id-Version: x\\n"\n', None, 2, "Content-Type"),
    (
        "header-latin1",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
        None,
        3,
        "ISO-8859-1",
    ),
    (
        "header-duplicate-field",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: be\\n"\n"Language: ru\\n"\n',
        None,
        5,
        "twice",
    ),
    (
        "header-last-line-without-newline",
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8"\n',
        None,
        2,
        "\\n",
    ),
    (
        "plural-forms-placeholder",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n',
        None,
        4,
        "malformed Plural-Forms",
    ),
    (
        "plural-forms-no-semicolon",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1)\\n"\n',
        None,
        4,
        "malformed Plural-Forms",
    ),
    (
        "plural-forms-bad-expression",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1;\\n"\n',
        None,
        4,
        "malformed Plural-Forms",
    ),
    (
        "plural-forms-nested-beyond-recursion",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=' + "(" * 5000 + "n" + ")" * 5000 + ';\\n"\n',
        None,
        4,
        "malformed Plural-Forms",
    ),
    (
        "plural-forms-zero",
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=0; plural=0;\\n"\n',
        None,
        4,
        "malformed Plural-Forms",
    ),
    (
        "plural-count-vs-header",
        HEADER + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
        None,
        9,
        "2 plural forms where 3",
    ),
    (
        "plural-count-vs-argument",
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
        4,
        6,
        "where 4 are needed",
    ),
    ("header-disagrees-with-argument", HEADER, 2, 5, "nplurals=3"),
    (
        "plural-gap",
        HEADER + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[2] "y"\nmsgstr[1] "z"\n',
        None,
        10,
        "gap",
    ),
    (
        "plural-duplicate-index",
        HEADER + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[0] "y"\n',
        None,
        10,
        "second msgstr[0]",
    ),
    ("plural-without-msgid-plural", HEADER + '\nmsgid "a"\nmsgstr[0] "x"\n', None, 8, "without msgid_plural"),
    (
        "plain-msgstr-with-msgid-plural",
        HEADER + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr "x"\n',
        None,
        9,
        "plain msgstr",
    ),
    ("invalid-escape", HEADER + '\nmsgid "a\\e"\nmsgstr ""\n', None, 7, "invalid escape sequence \\e"),
    ("octal-escape", HEADER + '\nmsgid "a"\nmsgstr "\\101"\n', None, 8, "invalid escape sequence \\1"),
    ("unescaped-quote", HEADER + '\nmsgid "say "hi""\nmsgstr ""\n', None, 7, "after the closing quote"),
    (
        "unknown-flag",
        HEADER + '\n#, fuzzy, my-flag\nmsgid "a"\nmsgstr "b"\n',
        None,
        7,
        "unknown flag 'my-flag'",
    ),
    (
        "flags-without-commas",
        HEADER + '\n#, fuzzy python-format\nmsgid "a"\nmsgstr "b"\n',
        None,
        7,
        "unknown flag",
    ),
    (
        "comment-inside-entry",
        HEADER + '\nmsgid "a"\n# note\nmsgstr "b"\n',
        None,
        8,
        "between msgid and msgstr",
    ),
    ("entry-without-msgstr", HEADER + '\nmsgid "a"\n', None, 7, "without msgstr"),
    ("msgid-after-msgid", HEADER + '\nmsgid "a"\nmsgid "b"\nmsgstr ""\n', None, 8, "msgid without msgstr"),
    ("trailing-comment", HEADER + '\nmsgid "a"\nmsgstr "b"\n\n# forgotten\n', None, 10, "end of the file"),
    ("obsolete-mixed", HEADER + '\n#~ msgid "a"\nmsgstr "b"\n', None, 8, "obsolete"),
    ("previous-on-wrong-kind", HEADER + '\n#~| msgid "old"\nmsgid "a"\nmsgstr "b"\n', None, 7, "'#~|'"),
    (
        "string-without-keyword",
        HEADER + '\n# note\n"loose string"\nmsgid "a"\nmsgstr ""\n',
        None,
        8,
        "string without a keyword",
    ),
    ("comment-without-space", HEADER + '\n#note\nmsgid "a"\nmsgstr ""\n', None, 7, "comment type"),
    ("empty-msgid", HEADER + '\nmsgctxt "c"\nmsgid ""\nmsgstr "x"\n', None, 8, "empty msgid"),
    ("carriage-return", HEADER + '\nmsgid "a"\rmsgstr ""\n', None, 7, "carriage return"),
    ("nul", HEADER + '\nmsgid "a\0"\nmsgstr ""\n', None, 7, "NUL"),
    ("keyword-without-string", HEADER + '\nmsgid\nmsgstr ""\n', None, 7, "without a string"),
    ("bad-plural-index", HEADER + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[x] ""\n', None, 9, "plural index"),
    (
        "previous-msgctxt-alone",
        HEADER + '\n#| msgctxt "old"\nmsgid "a"\nmsgstr ""\n',
        None,
        7,
        "without previous msgid",
    ),
    (
        "previous-out-of-order",
        HEADER + '\n#| msgid "old"\n#| msgctxt "c"\nmsgid "a"\nmsgstr ""\n',
        None,
        8,
        "out of order",
    ),
    (
        "comment-after-previous",
        HEADER + '\n#| msgid "old"\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n',
        None,
        8,
        "after the '#|' lines",
    ),
    ("surrogate-in-str", HEADER + '\nmsgid "\ud800"\nmsgstr ""\n', None, 7, "surrogate"),
]


@pytest.mark.parametrize(
    ("text", "nplurals", "line", "words"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_catalog_names_line_and_fix(
    text: str | bytes, nplurals: int | None, line: int, words: str
) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_po(text, "locales/be/LC_MESSAGES/index.po", nplurals=nplurals)
    error = caught.value
    assert (error.path, error.line) == ("locales/be/LC_MESSAGES/index.po", line), str(error)
    assert words in error.message, str(error)
    assert error.hint[:1].islower() or error.hint[:1] in ("'", '"', "#"), "a hint says what to do"
    assert str(error) == f"locales/be/LC_MESSAGES/index.po:{line}: {error.message} ({error.hint})"
    assert "\n" not in str(error)


def test_catalog_error_is_a_frozen_picklable_exception() -> None:
    error = CatalogError("a.po", 3, "bad", "fix it")
    assert isinstance(error, Exception) and error.args == ("a.po", 3, "bad", "fix it")
    assert pickle.loads(pickle.dumps(error)) == error
    with pytest.raises(AttributeError):
        error.line = 4  # type: ignore[misc]
    error.add_note("notes still work")  # pytest and hypothesis attach notes to exceptions
    keyword = CatalogError(path="b.po", line=1, message="m", hint="h")
    assert keyword.args == ("b.po", 1, "m", "h")


def test_valid_catalog_reads_every_field() -> None:
    text = HEADER.replace('msgid ""', '# Header comment\n#\n#, fuzzy\nmsgid ""', 1) + (
        "\n"
        "# translator\n"
        "#  indented\n"
        "##hash\n"
        "#. extracted\n"
        "#.\n"
        "#: docs/a.md:3 ./docs/b.md docs/a.md:3 docs/c.md:007\n"
        "#, fuzzy, python-format\n"
        '#| msgctxt "old ctx"\n'
        '#| msgid "old "\n'
        '#| "text"\n'
        'msgctxt "ctx"\n'
        'msgid "a\\tb\\\\c\\"d\\a"\n'
        'msgid_plural ""\n'
        '"as"\n'
        'msgstr[0] "x"\n'
        'msgstr[1] "y"\n'
        'msgstr[2] "z"\n'
        "\n"
        "#, fuzzy\n"
        '#~| msgid "older"\n'
        '#~ msgid "gone"\n'
        '#~ msgstr "weg"\n'
    )
    po = parse_po(text, "x.po")
    assert po.header == "Header comment\n" and po.metadata_is_fuzzy is True
    assert list(po.metadata) == ["Project-Id-Version", "Content-Type", "Plural-Forms"]
    entry, old = list(po)
    assert entry.tcomment == "translator\n indented\n#hash"
    assert entry.comment == "extracted\n"
    assert entry.occurrences == [("docs/a.md", "3"), ("./docs/b.md", ""), ("docs/c.md", "7")]
    assert entry.flags == ["fuzzy", "python-format"]
    assert (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural) == (
        "old ctx",
        "old text",
        None,
    )
    assert (entry.msgctxt, entry.msgid, entry.msgid_plural) == ("ctx", 'a\tb\\c"d\a', "as")
    assert entry.msgstr_plural == {0: "x", 1: "y", 2: "z"}
    assert entry.linenum == 21 and not entry.obsolete
    assert old.obsolete and old.previous_msgid == "older" and old.flags == ["fuzzy"] and old.msgstr == "weg"
    assert old.linenum == 30


def test_crlf_and_str_input_are_accepted() -> None:
    text = HEADER + '\nmsgid "a"\nmsgstr "b"\n'
    assert _snapshot(parse_po(text.replace("\n", "\r\n").encode(), "x.po")) == _snapshot(
        parse_po(text, "x.po")
    )


def test_line_separators_inside_strings_do_not_confuse_polib() -> None:
    """polib alone splits lines at U+2028 and U+0085; parse_po must not."""
    po = parse_po(HEADER + '\nmsgid "a\u2028b\x85c"\nmsgstr "d\x1ce"\n', "x.po")
    assert [(entry.msgid, entry.msgstr) for entry in po] == [("a\u2028b\x85c", "d\x1ce")]


def test_parse_po_does_not_touch_the_filesystem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """polib.pofile() treats a string naming an existing file as a path; parse_po must never do that."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "catalog").write_text(HEADER, encoding="utf-8")
    with pytest.raises(CatalogError):
        parse_po("catalog", "x.po")
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if isinstance(path, str | bytes | os.PathLike):
            raise AssertionError(f"parse_po looked at the filesystem: {path!r}")
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]  # raises TypeError, no system call

    with (
        mock.patch("builtins.open", side_effect=AssertionError("parse_po opened a file")),
        mock.patch("os.stat", stat),
    ):
        catalog = parse_po(HEADER + '\nmsgid "a"\nmsgstr ""\n', "x.po")
    assert len(catalog) == 1


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        if not lines:  # every line deleted or cut away already
            break
        index = rng.randrange(len(lines))
        operation = rng.randrange(7)
        if operation == 0:
            del lines[index]
        elif operation == 1:
            lines.insert(index, lines[rng.randrange(len(lines))])
        elif operation == 2 and lines[index]:
            cut = rng.randrange(len(lines[index]))
            lines[index] = lines[index][:cut] + lines[index][cut + 1 :]
        elif operation == 3:
            cut = rng.randrange(len(lines[index]) + 1)
            lines[index] = (
                lines[index][:cut] + rng.choice('"\\#~|,:. []0123msgidstr\t\u2028«') + lines[index][cut:]
            )
        elif operation == 4:
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == 5:
            lines = lines[: index + 1]
        else:
            lines[index] = rng.choice(
                ["#~", "#|", "#,", "#:", "#.", "#", '"', "msgstr[1]", 'msgid ""', "#~ #"]
            )
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), corpus=st.sampled_from(CORPUS), nplurals=st.sampled_from([None, 2, 3]))
def test_mutated_catalogs_fail_only_with_catalog_error(seed: int, corpus: Path, nplurals: int | None) -> None:
    text = _mutate(corpus.read_text(encoding="utf-8"), random.Random(seed))
    try:
        po = parse_po(text, "m.po", nplurals=nplurals)
    except CatalogError as error:
        assert error.line >= 1 and error.message and error.hint
        return
    canonical = format_po(po)  # whatever is accepted can be written, and reads back the same
    assert _snapshot(parse_po(canonical, "m.po", nplurals=nplurals))["metadata"] == dict(po.metadata)
    assert format_po(parse_po(canonical, "m.po", nplurals=nplurals)) == canonical


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_garbage_fails_only_with_catalog_error(data: bytes | str) -> None:
    try:
        parse_po(data, "g.po")
    except CatalogError as error:
        assert error.line >= 1


@settings(max_examples=200, deadline=None)
@given(tail=st.text(alphabet='msgidtrcx_[]0123 "\\#~|,.:\n\tnab«', max_size=120))
def test_po_like_garbage_fails_only_with_catalog_error(tail: str) -> None:
    try:
        parse_po(HEADER + "\n" + tail, "g.po")
    except CatalogError as error:
        assert error.line >= 1


# ---------------------------------------------------------------------------------------------------------
# Canonical writing: golden corpus
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=[path.name for path in CORPUS])
@pytest.mark.usefixtures("line_breaker")
def test_corpus_is_written_as_msgcat_writes_it(path: Path) -> None:
    expected = _expected(path).read_text(encoding="utf-8")
    assert format_po(parse_po(path.read_bytes(), path.name)) == expected
    assert format_po(parse_po(expected, path.name)) == expected  # a fixed point


@pytest.mark.gettext
@pytest.mark.parametrize("path", CORPUS, ids=[path.name for path in CORPUS])
@pytest.mark.usefixtures("line_breaker")
def test_corpus_golden_files_are_msgcat_output(path: Path, msgcat: Callable[[str], str]) -> None:
    source = path.read_text(encoding="utf-8")
    assert msgcat(source) == _expected(path).read_text(encoding="utf-8")
    assert msgcat(format_po(parse_po(source, path.name))) == format_po(parse_po(source, path.name))


@pytest.mark.parametrize("path", CORPUS, ids=[path.name for path in CORPUS])
@pytest.mark.usefixtures("line_breaker")
def test_corpus_round_trip_keeps_every_field(path: Path) -> None:
    po = parse_po(path.read_bytes(), path.name)
    assert _snapshot(parse_po(format_po(po), path.name)) == _snapshot(po)


def test_header_fields_are_written_in_gettext_order() -> None:
    po = polib.POFile()
    po.metadata = {
        "X-Generator": "mdgettext",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "Language": "de",
        "Content-Type": "text/plain; charset=UTF-8",
        "Project-Id-Version": "site",
    }
    lines = [line for line in format_po(po).split("\n") if line.startswith('"')]
    assert [line[1:].split(":")[0] for line in lines] == [
        "Project-Id-Version",
        "Language",
        "Content-Type",
        "Plural-Forms",
        "X-Generator",
    ]
    assert HEADER_ORDER[:3] == ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date")


@pytest.mark.usefixtures("line_breaker")
def test_msgcat_normalisations() -> None:
    """What msgcat drops or reorders, format_po drops or reorders too."""
    po = parse_po(
        HEADER
        + (
            "\n#, python-format, fuzzy, no-wrap, possible-c-format, wrap\n"
            '#: ./a.md:1 a.md:1\nmsgid "a"\nmsgstr "b"\n'
            '\n#, fuzzy\nmsgid "untranslated"\nmsgstr ""\n'
            '\n#~ msgid "obsolete and empty"\n#~ msgstr ""\n'
        ),
        "x.po",
    )
    assert format_po(po).split("\n\n")[1:] == [
        # the last of wrap / no-wrap wins
        '#: a.md:1\n#, fuzzy, c-format, python-format\nmsgid "a"\nmsgstr "b"',
        'msgid "untranslated"\nmsgstr ""\n',
    ]


def test_previous_context_without_previous_msgid_is_refused() -> None:
    """msgcat cannot read '#| msgctxt' without '#| msgid', so format_po must not write it."""
    po = parse_po(HEADER, "x.po")
    po.append(polib.POEntry(msgid="a", msgstr="b", flags=["fuzzy"], previous_msgctxt="old"))
    with pytest.raises(ValueError, match="no previous msgid"):
        format_po(po)


def test_unknown_flags_are_refused_not_dropped() -> None:
    po = parse_po(HEADER, "x.po")
    po.append(polib.POEntry(msgid="a", msgstr="b", flags=["read-only"]))
    with pytest.raises(ValueError, match="read-only"):
        format_po(po)


# ---------------------------------------------------------------------------------------------------------
# Canonical writing: random catalogs against the real msgcat
# ---------------------------------------------------------------------------------------------------------

NBSP, NNBSP = "\u00a0", "\u202f"
WORDS = [
    "палітвязні", "Беларусь", "свабода", "кампанія", "освобождение", "политзаключённых", "справедливость",
    "Freiheit", "Gefangene", "Straße", "Brief", "wolność", "więźniów", "Zażółć", "gęślą", "jaźń", "release",
    "campaign", "letters", "prisoners", "«Рэліз NO:W»", "„Freiheit“", "“quoted”", '"plain"', "'single'",
    "—", "–", "-", "well-known", "co-operate", "1 100", f"1{NBSP}500", f"25{NNBSP}000", "50%", "€20",
    "2024-05-01",
    "e.g.", "(brackets)", "[link](https://example.org/a/very/long/path/to/a/report-about-political-prisoners)",
    "https://example.org/campaigns/release-now/letters/how-to-write", "a\\b", "tab\tstop", "日本語の手紙",
    "中文", "😀", "👍🏽", "🇧🇾", "…", "!", "?", ",", ".", ";", ":", "%(name)s", "{days}", "%d", "%%",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", " ", " ", NBSP, "\n", "", "/", " — ", ", "]


@st.composite
def _texts(draw: st.DrawFn, max_size: int = 400, min_size: int = 0) -> str:
    words = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=70))
    text = "".join(word + separator for word, separator in words)[:max_size]
    return text if len(text) >= min_size else text + "x" * (min_size - len(text))


@st.composite
def _catalogs(draw: st.DrawFn) -> polib.POFile:
    po = polib.POFile()
    po.header = draw(st.sampled_from(["", "Belarusian translation.\n\nSecond paragraph.", "x"]))
    po.metadata = {
        "Project-Id-Version": "Release NO:W",
        "Language-Team": draw(_texts(max_size=90)).replace("\n", " ").strip() or "Team",
        "Language": "be",
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
    }
    po.metadata_is_fuzzy = draw(st.booleans())
    for number in range(draw(st.integers(1, 6))):
        obsolete = draw(st.integers(0, 9)) == 0
        entry = polib.POEntry(msgid=draw(_texts(min_size=1)) + f" #{number}", obsolete=obsolete)
        if draw(st.booleans()):
            entry.msgctxt = draw(_texts(max_size=60))
        if draw(st.integers(0, 3)) == 0:
            entry.msgid_plural = draw(_texts(min_size=1))
            entry.msgstr_plural = {index: draw(_texts(min_size=1 if obsolete else 0)) for index in range(3)}
        else:
            entry.msgstr = draw(_texts(min_size=1 if obsolete else 0))
        translated = (entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr) != ""
        flags = [
            flag
            for flag in draw(
                st.lists(
                    st.sampled_from(["fuzzy", "c-format", "python-format", "python-brace-format", "no-wrap"]),
                    unique=True,
                    max_size=2,
                )
            )
            if flag != "fuzzy" or translated
        ]
        order = ["fuzzy", "c-format", "python-format", "python-brace-format", "no-wrap"]
        entry.flags = sorted(flags, key=order.index)
        if draw(st.booleans()):
            entry.previous_msgid = draw(_texts(max_size=200))
        if entry.previous_msgid is not None and draw(st.integers(0, 4)) == 0:
            entry.previous_msgctxt = draw(_texts(max_size=40))
        if not obsolete and draw(st.booleans()):
            entry.tcomment = draw(_texts(max_size=120))
            entry.comment = draw(_texts(max_size=120))
        if not obsolete:
            entry.occurrences = [
                (
                    draw(
                        st.sampled_from(
                            ["docs/index.md", "docs/prisoners/долг.md", "mkdocs.yml", "docs/a/b/c/d/e/f.md"]
                        )
                    ),
                    draw(st.sampled_from(["", "1", "42", "1234"])),
                )
                for _ in range(draw(st.integers(0, 14)))
            ]
            entry.occurrences = list(dict.fromkeys(entry.occurrences))
        po.append(entry)
    po.sort(key=lambda entry: bool(entry.obsolete))  # msgcat writes obsolete entries last; stable otherwise
    return po


@pytest.mark.gettext
@pytest.mark.usefixtures("line_breaker")
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # line_breaker only selects a function: same for every example
    ],
)
@given(po=_catalogs())
def test_random_catalogs_are_msgcat_fixed_points(po: polib.POFile, msgcat: Callable[[str], str]) -> None:
    text = format_po(po)
    assert msgcat(text) == text
    reread = parse_po(text, "random.po", nplurals=3)
    assert _snapshot(reread) == _comments_as_written(_snapshot(po))
    assert format_po(reread) == text


def _comments_as_written(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A comment line ending in a backslash is written with a space after it (gettext would join it with
    the next line), so it reads back with that space."""

    def written(text: str) -> str:
        return "\n".join(line + " " if line.endswith("\\") else line for line in text.split("\n"))

    for entry in snapshot["entries"]:
        entry["tcomment"], entry["comment"] = written(entry["tcomment"]), written(entry["comment"])
    snapshot["header"] = written(snapshot["header"] or "")
    return snapshot


@pytest.mark.gettext
def test_a_comment_line_ending_in_a_backslash_is_not_joined_with_the_next(
    msgcat: Callable[[str], str],
) -> None:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="x", msgstr="y", tcomment="C:\\\nnext", comment="ends \\"))
    text = format_po(po)
    assert "# C:\\ \n# next\n#. ends \\ \n" in text
    assert msgcat(text) == text
    assert format_po(parse_po(text, "x.po")) == text


# ---------------------------------------------------------------------------------------------------------
# The Unicode tables against the libunistring gettext uses
# ---------------------------------------------------------------------------------------------------------


def _libunistring() -> ctypes.CDLL:
    name = ctypes.util.find_library("unistring")
    if name is None:
        pytest.skip("libunistring is not installed")
    library = ctypes.CDLL(name)
    if ctypes.c_int.in_dll(library, "_libunistring_version").value >> 8 != 0x0100:
        pytest.skip("the tables are those of libunistring 1.0")
    return library


@pytest.mark.gettext
def test_widths_match_libunistring() -> None:
    library = _libunistring()
    library.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    mismatches = [
        code
        for code in range(0x30000)
        if not 0xD800 <= code < 0xE000
        and pofile._char_props(chr(code))[1] != library.uc_width(code, b"UTF-8")
    ]
    assert mismatches == []


@pytest.mark.gettext
def test_line_breaks_match_libunistring() -> None:
    library = _libunistring()
    library.u8_possible_linebreaks_v2.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_char_p,
        ctypes.c_char_p,
    ]
    rng = random.Random(14)
    alphabet = (
        [chr(code) for code in range(0x20, 0x3000, 7)]
        + list(" \u00a0\u200b\u200d\u0301-—«»„“”()[]%.,1")
        + [
            "\U0001f1e7",
            "\U0001f600",
            "\U0001f3fd",
            "\u05d0",
            "\uac00",
            "\uac01",
            "\u4e00",
            "\u3001",
            "\u2028",
        ]
    )
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        raw = text.encode("utf-8")
        buffer = ctypes.create_string_buffer(len(raw))
        library.u8_possible_linebreaks_v2(raw, len(raw), b"UTF-8", buffer)
        starts = [len(text[:index].encode("utf-8")) for index in range(len(text))]
        assert [buffer.raw[start] for start in starts] == pofile._possible_linebreaks(text), repr(text)


@pytest.mark.gettext
def test_libunistring_and_the_port_break_lines_alike() -> None:
    """The two line breakers format_po can use give the same breaks, overrides and start columns included."""
    native = pofile._native_line_breaks()
    if native is None:
        pytest.skip("libunistring 1.0 is not installed")
    rng = random.Random(9)
    words = [word for word in WORDS if "\n" not in word]
    alphabet = [*' \u00a0\u200b\u200d\u0301-—«»„“”()[]%.,1\\"', "\x01", "\x1b", "\x7f", "\u0085", "\u2028"]
    alphabet += ["\U0001f1e7", "\U0001f600", "\U0001f3fd", "\u05d0", "\uac00", "\u4e00", "\u3001"]
    for _ in range(4000):
        if rng.random() < 0.5:
            text = "".join(rng.choice(words) + rng.choice([" ", " ", "", "/", NBSP]) for _ in range(40))
        else:
            text = "".join(rng.choice(alphabet + words) for _ in range(rng.randint(1, 120)))
        text = text[: rng.randint(1, len(text))]
        width = rng.choice([rng.randint(0, 100), 76, 2**31 - 1 - 1 - 1])
        start_column = rng.randint(-5, 90)
        prohibited = sorted(rng.sample(range(len(text)), rng.randint(0, min(len(text), 12))))
        expected = pofile._width_linebreaks(text, width, start_column, prohibited)
        assert native(text, width, start_column, prohibited) == expected, (text, width, start_column)


def test_without_libunistring_the_port_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without libunistring 1.0 (another version, none, no ctypes) formats with the port."""
    monkeypatch.setattr(pofile, "_load_libunistring", lambda: None)
    pofile._native_line_breaks.cache_clear()
    try:
        assert pofile._native_line_breaks() is None
        long = " ".join(["прыклад", "example", "«quoted»", 'a "b" c\\d'] * 12)
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        po.append(polib.POEntry(msgid=long, msgstr=long + "\nsecond line"))
        text = format_po(po)
        assert max(len(line) for line in text.split("\n")) <= 79
        assert _snapshot(parse_po(text, "x.po"))["entries"][0]["msgstr"] == long + "\nsecond line"
    finally:
        pofile._native_line_breaks.cache_clear()


def test_ascii_text_that_fits_is_not_broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut for ASCII pieces that fit gives what the line breaker gives (controls included)."""
    monkeypatch.setattr(pofile, "_native_line_breaks", lambda: None)
    rng = random.Random(3)
    alphabet = [*"ab -/,.()[]%\\\"'1", "\x01", "\x1b", "\x7f", "  "]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 90)))
        width = rng.randint(0, 90)
        start_column = rng.randint(0, 20)
        prohibited = sorted(rng.sample(range(len(text)), rng.randint(0, min(len(text), 5))))
        expected = pofile._width_linebreaks(text, width, start_column, prohibited)
        assert pofile._fitting_line_breaks(text, width, start_column, prohibited) == expected
