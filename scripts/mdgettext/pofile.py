"""Catalog text <-> polib objects: strict reading, canonical (GNU ``msgcat``) writing.

``parse_po`` refuses anything a translator could have broken by hand (bad bytes, unterminated strings,
stray lines, duplicate entries, a broken header, plural forms that do not fit the language) and reports
it as one :class:`CatalogError` with a 1-based line and a hint, never as a traceback of another type.

``format_po`` writes a catalog exactly as GNU ``msgcat`` 0.21 (default options, page width 79) writes
it, so running ``msgcat`` over our files is a no-op and diffs stay small whoever touches a file.  That
needs a port of gettext's ``wrap()`` (write-po.c) and of the Unicode line breaking (UAX #14) and
display widths of libunistring 1.0, which gettext uses to fold long strings.  The property tables at
the end of this module were taken from libunistring 1.0 (Unicode 14) with the ambiguous classes
already resolved the way libunistring resolves them for UTF-8 text.  Where libunistring 1.0 itself is
installed (Debian 12), its breaker is called through ctypes instead of the port, the very call msgcat
makes; the output is the same, only faster.

Choices worth knowing:

* A UTF-8 byte order mark is rejected, as ``msgcat`` does (it reports a syntax error).
* CRLF line ends are accepted; the output always uses LF.
* Only the escapes GNU gettext writes are accepted: ``\\\\ \\" \\n \\t \\r \\a \\b \\f \\v``.
* ``POEntry.linenum`` is the line of the entry's ``msgid`` keyword.
* Flags are checked against the flags ``msgcat`` understands; anything else would be dropped by it.

Known gaps (output is still a msgcat fixed point unless said otherwise): msgcat never breaks a line
inside a format directive, and only c-, python- and python-brace-format directives are recognised
here (for other languages a break inside a directive such as ``%+d`` can differ); a comment made of a
single empty ``#`` (or ``#.``) line cannot be represented in polib and is lost.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import FrozenInstanceError, dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

import polib

__all__ = ["HEADER_ORDER", "CatalogError", "format_po", "parse_po"]


@dataclass(frozen=True)
class CatalogError(Exception):
    """A catalog that cannot be used as it is: where (``path:line``), what, and how to fix it."""

    path: str
    line: int
    message: str
    hint: str

    def __post_init__(self) -> None:
        # Fill ``args`` even for keyword construction; BaseException sets it below __setattr__.
        Exception.__init__(self, self.path, self.line, self.message, self.hint)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} ({self.hint})"

    def __reduce__(self) -> tuple[type[CatalogError], tuple[str, int, str, str]]:
        # The default reduce would restore ``__dict__`` through the frozen ``__setattr__``.
        return (type(self), (self.path, self.line, self.message, self.hint))


def _error_setattr(self: CatalogError, name: str, value: object) -> None:
    """Keep the fields frozen but let the exception machinery attach ``__notes__`` and the like."""
    if name.startswith("__") and name.endswith("__"):
        object.__setattr__(self, name, value)
        return
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


# Installed after the class statement because a frozen dataclass may not define its own __setattr__.
CatalogError.__setattr__ = _error_setattr  # type: ignore[method-assign,assignment]


HEADER_ORDER: tuple[str, ...] = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)
"""Header fields in the order ``format_po`` writes them; other fields follow in ``po.metadata`` order."""

# The format flags msgcat 0.21 knows, in the order it writes them (gettext's format_language[]).
_FORMAT_LANGUAGES: tuple[str, ...] = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript", "scheme",
    "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal", "smalltalk", "qt",
    "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php", "gcc-internal",
    "gfc-internal", "ycp",
)  # fmt: skip
_FORMAT_FLAG_RE = re.compile(r"(no-|possible-)?(" + "|".join(map(re.escape, _FORMAT_LANGUAGES)) + r")-format")
_RANGE_FLAG_RE = re.compile(r"range: ([0-9]+)\.\.([0-9]+)")

_PAGE_WIDTH = 79
_DEFAULT_NPLURALS = 2  # what gettext assumes when a catalog has no Plural-Forms


# ---------------------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------------------

_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
_ESCAPE_VALUES = {
    "\\": "\\",
    '"': '"',
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
_STRING_CHUNK_RE = re.compile(r'[^"\\]*')
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_REFERENCE_RE = re.compile(r"(.*):([0-9]+)", re.DOTALL)
_HEADER_LINE_RE = re.compile(r"([^\s:]+):(.*)", re.DOTALL)
_CHARSET_RE = re.compile(r"charset=([^\s;]+)")
_PLURAL_FORMS_RE = re.compile(r"\s*nplurals\s*=\s*([0-9]+)\s*;\s*plural\s*=\s*([^;]*?)\s*;\s*")

# Where an entry is in its grammar: comments, then msgctxt, msgid, msgid_plural, msgstr / msgstr[N].
_COMMENTS, _CTXT, _ID, _PLURAL, _STR, _STRN = range(6)


@dataclass
class _Field:
    """One keyword's string with the line of each piece, so header problems can point at their line."""

    line: int
    parts: list[tuple[int, str]] = field(default_factory=list)

    @property
    def value(self) -> str:
        return "".join(text for _, text in self.parts)

    def line_at(self, offset: int) -> int:
        """The file line holding character ``offset`` of the joined value."""
        seen = 0
        for line, text in self.parts:
            seen += len(text)
            if offset < seen:
                return line
        return self.parts[-1][0] if self.parts else self.line


@dataclass
class _RawEntry:
    """Everything the scanner read for one entry, decoded, with line numbers for messages."""

    first_line: int
    obsolete: bool | None = None
    tcomments: list[str] = field(default_factory=list)
    ecomments: list[str] = field(default_factory=list)
    refs: list[tuple[str, str]] = field(default_factory=list)
    flags: list[tuple[str, int]] = field(default_factory=list)
    previous: dict[str, _Field] = field(default_factory=dict)
    previous_obsolete: bool | None = None
    previous_line: int = 0
    msgctxt: _Field | None = None
    msgid: _Field | None = None
    msgid_plural: _Field | None = None
    msgstr: _Field | None = None
    msgstr_plural: dict[int, _Field] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt.value if self.msgctxt else None, self.msgid.value if self.msgid else "")

    @property
    def is_header(self) -> bool:
        return (
            self.msgctxt is None and self.msgid is not None and self.msgid.value == "" and not self.obsolete
        )


class _Scanner:
    """A strict line scanner for the PO grammar: catches what polib lets through or gets wrong."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: list[_RawEntry] = []
        self.entry = _RawEntry(first_line=0)
        self.phase = _COMMENTS
        self.target: _Field | None = None  # the string a '"...' continuation line extends
        self.target_is_previous = False
        self.after_blank = False  # a blank line since the last keyword or string line

    def fail(self, line: int, message: str, hint: str) -> CatalogError:
        return CatalogError(self.path, line, message, hint)

    # -- driver ---------------------------------------------------------------------------------------

    def scan(self, lines: Sequence[str]) -> list[_RawEntry]:
        for number, raw in enumerate(lines, start=1):
            self.line(number, raw)
        self.finish_entry(len(lines), at_eof=True)
        return self.entries

    def line(self, number: int, raw: str) -> None:
        line = raw[:-1] if raw.endswith("\r") else raw
        if "\r" in line:
            raise self.fail(
                number, "carriage return inside a line", "save the file with LF (or CRLF) line ends"
            )
        text = line.lstrip(" \t")
        if not text.rstrip(" \t"):
            self.after_blank = True
            return
        if text.startswith("#~"):
            rest = text[2:]
            if rest.startswith("|"):
                self.previous_line(number, rest[1:], obsolete=True)
                return
            body = rest.lstrip(" \t")
            if not body.rstrip(" \t"):
                raise self.fail(number, "empty '#~' line", "remove the line or complete the obsolete entry")
            if rest[0] not in " \t":
                raise self.fail(
                    number, f"'#~' must be followed by a space: {text!r}", "write '#~ ' before it"
                )
            if body.startswith("#"):
                raise self.fail(
                    number, f"comment inside an obsolete line: {text!r}", "write comments as '# ...'"
                )
            self.body_line(number, body, obsolete=True)
        elif text.startswith("#|"):
            self.previous_line(number, text[2:], obsolete=False)
        elif text.startswith("#"):
            self.comment_line(number, text)
        else:
            self.body_line(number, text, obsolete=False)

    # -- entries --------------------------------------------------------------------------------------

    def start_entry_if_done(self, number: int) -> None:
        """A comment or msgctxt/msgid after a msgstr begins the next entry."""
        if self.phase in (_STR, _STRN):
            self.finish_entry(number, at_eof=False)
        if self.entry.first_line == 0:
            self.entry.first_line = number

    def finish_entry(self, number: int, *, at_eof: bool) -> None:
        entry = self.entry
        if self.phase in (_CTXT, _ID, _PLURAL):
            where = entry.msgid or entry.msgctxt
            assert where is not None
            if self.phase == _PLURAL:
                hint = 'add msgstr[0] "" (one msgstr[N] line per plural form) after msgid_plural'
            else:
                hint = 'add a msgstr line, e.g. msgstr ""'
            raise self.fail(where.line, "entry without msgstr", hint)
        if self.phase == _COMMENTS:
            if entry.first_line:
                raise self.fail(
                    entry.first_line,
                    "comment lines at the end of the file belong to no entry",
                    "remove them or move them above an entry",
                )
            return
        self.entries.append(entry)
        self.entry = _RawEntry(first_line=0)
        self.phase = _COMMENTS
        self.target = None

    # -- comment lines --------------------------------------------------------------------------------

    def comment_line(self, number: int, text: str) -> None:
        if self.phase in (_CTXT, _ID, _PLURAL):
            raise self.fail(
                number, "comment line between msgid and msgstr", "move the comment above the msgid"
            )
        self.start_entry_if_done(number)
        if self.entry.previous:  # msgcat's grammar puts the '#|' lines last
            raise self.fail(
                number, "comment line after the '#|' lines", "put the '#|' lines right before the msgid"
            )
        self.target = None
        kind, rest = (text[:2], text[2:]) if text[1:2] in (",", ":", ".") else ("#", text[1:])
        if kind == "#":
            if rest and rest[0] not in " \t#":
                raise self.fail(
                    number, f"unknown comment type {text[:2]!r}", "start translator comments with '# '"
                )
            self.entry.tcomments.append(rest[1:] if rest.startswith(" ") else rest)
            return
        if rest and rest[0] not in " \t":
            raise self.fail(
                number, f"'{kind}' must be followed by a space: {text!r}", f"write '{kind} ' first"
            )
        if kind == "#.":
            self.entry.ecomments.append(rest[1:] if rest.startswith(" ") else rest)
        elif kind == "#:":
            for token in re.split(r"[ \t]+", rest.strip(" \t")):
                if not token:
                    continue
                match = _REFERENCE_RE.fullmatch(token)
                ref = (match.group(1), str(int(match.group(2)))) if match else (token, "")
                if ref not in self.entry.refs:  # msgcat's reader drops repeated references too
                    self.entry.refs.append(ref)
        else:
            for flag in rest.split(","):
                flag = flag.strip(" \t")
                if not flag:
                    continue
                if not _known_flag(flag):
                    raise self.fail(
                        number,
                        f"unknown flag {flag!r}",
                        "msgcat drops flags it does not know; use fuzzy, no-wrap, range: A..B or *-format, "
                        "separated by commas",
                    )
                self.entry.flags.append((flag, number))

    def previous_line(self, number: int, rest: str, *, obsolete: bool) -> None:
        marker = "#~|" if obsolete else "#|"
        if self.phase in (_CTXT, _ID, _PLURAL):
            raise self.fail(number, f"'{marker}' line between msgid and msgstr", "move it above the msgid")
        if not rest.strip(" \t"):
            raise self.fail(
                number, f"empty '{marker}' line", f'write {marker} msgid "..." or remove the line'
            )
        if rest[0] not in " \t":
            raise self.fail(number, f"'{marker}' must be followed by a space", f"write '{marker} ' first")
        body = rest.lstrip(" \t")
        if body.startswith('"'):
            if self.target is None or not self.target_is_previous or self.entry.previous_obsolete != obsolete:
                raise self.fail(
                    number, "continuation string without a previous msgid", f'start with {marker} msgid "..."'
                )
            self.target.parts.append((number, self.string(number, body)))
            return
        self.start_entry_if_done(number)
        keyword, index, string = self.keyword(number, body)
        if keyword == "msgstr" or index is not None:
            raise self.fail(number, f"'{marker}' lines hold only msgctxt, msgid or msgid_plural", "remove it")
        entry = self.entry
        if keyword in entry.previous:
            raise self.fail(number, f"second previous {keyword} in one entry", "remove one of the two lines")
        order = ("msgctxt", "msgid", "msgid_plural")
        if any(order.index(seen) > order.index(keyword) for seen in entry.previous):
            raise self.fail(
                number, f"previous {keyword} out of order", f"write {marker} msgctxt, msgid, msgid_plural"
            )
        if keyword == "msgid_plural" and "msgid" not in entry.previous:
            raise self.fail(
                number, "previous msgid_plural without previous msgid", f'add {marker} msgid "..." first'
            )
        if entry.previous_obsolete is not None and entry.previous_obsolete != obsolete:
            raise self.fail(number, "mixed '#|' and '#~|' lines", "use '#~|' only on obsolete entries")
        entry.previous_obsolete = obsolete
        entry.previous_line = entry.previous_line or number
        entry.previous[keyword] = self.target = _Field(number, [(number, string)])
        self.target_is_previous = True

    # -- keyword and string lines ---------------------------------------------------------------------

    def body_line(self, number: int, text: str, *, obsolete: bool) -> None:
        entry, after_blank = self.entry, self.after_blank
        self.after_blank = False
        if text.startswith('"'):
            if self.target is None or self.target_is_previous:
                raise self.fail(
                    number, "string without a keyword", 'put msgid, msgstr, ... before the "..." line'
                )
            if entry.obsolete != obsolete:
                raise self.fail(number, "obsolete (#~) and active lines mixed in one entry", _OBSOLETE_HINT)
            self.target.parts.append((number, self.string(number, text)))
            return
        keyword, index, string = self.keyword(number, text)
        if keyword in ("msgctxt", "msgid"):
            self.start_entry_if_done(number)
            entry = self.entry
            if entry.previous and entry.previous_obsolete != obsolete:
                raise self.fail(
                    entry.previous_line,
                    "'#|' on an obsolete entry or '#~|' on an active one",
                    "use '#|' for active entries and '#~|' for obsolete ones",
                )
            if entry.previous and "msgid" not in entry.previous:
                raise self.fail(
                    entry.previous_line,
                    "previous msgctxt without previous msgid",
                    "add the previous msgid line",
                )
            entry.obsolete = obsolete
        elif entry.obsolete is not None and entry.obsolete != obsolete:
            raise self.fail(number, "obsolete (#~) and active lines mixed in one entry", _OBSOLETE_HINT)
        value = _Field(number, [(number, string)])
        self.target, self.target_is_previous = value, False
        if keyword == "msgstr" and after_blank and self.phase in (_STR, _STRN):
            # After a blank line a msgstr reads as the start of a new entry that lacks its msgid.
            raise self.fail(
                number, f"{_keyword_name(keyword, index)} before msgid", "add the msgid line above it"
            )
        self.grammar(number, keyword, index, value)

    def grammar(self, number: int, keyword: str, index: int | None, value: _Field) -> None:
        entry, phase = self.entry, self.phase
        before_msgid = phase in (_COMMENTS, _CTXT)
        if keyword == "msgctxt":
            if phase != _COMMENTS:
                raise self.fail(number, "msgctxt after msgid", "put msgctxt first in the entry, once")
            entry.msgctxt, self.phase = value, _CTXT
        elif keyword == "msgid":
            if phase in (_ID, _PLURAL):
                raise self.fail(number, "msgid without msgstr before it", 'add msgstr "" to the entry above')
            entry.msgid, self.phase = value, _ID
        elif keyword == "msgid_plural":
            if phase != _ID:
                where = "before msgid" if before_msgid else "after msgstr or a second time"
                raise self.fail(
                    number, f"msgid_plural {where}", "write msgid, msgid_plural, then msgstr[N] lines"
                )
            entry.msgid_plural, self.phase = value, _PLURAL
        elif before_msgid:
            raise self.fail(
                number, f"{_keyword_name(keyword, index)} before msgid", "add the msgid line above it"
            )
        elif index is None:
            if phase == _STR:
                raise self.fail(number, "second msgstr in one entry", "remove one of the two msgstr lines")
            if phase != _ID:
                raise self.fail(
                    number,
                    "plain msgstr in an entry with msgid_plural",
                    "use msgstr[0], msgstr[1], ... lines",
                )
            entry.msgstr, self.phase = value, _STR
        else:
            if phase in (_ID, _STR):
                raise self.fail(
                    number, f"msgstr[{index}] without msgid_plural", "add msgid_plural or use a plain msgstr"
                )
            if index in entry.msgstr_plural:
                raise self.fail(number, f"second msgstr[{index}] in one entry", "remove one of the two lines")
            if index != len(entry.msgstr_plural):
                raise self.fail(
                    number,
                    f"gap in plural forms: msgstr[{index}] where msgstr[{len(entry.msgstr_plural)}] belongs",
                    "number the msgstr[N] lines 0, 1, 2, ... without gaps",
                )
            entry.msgstr_plural[index], self.phase = value, _STRN

    def keyword(self, number: int, text: str) -> tuple[str, int | None, str]:
        """Split ``msgstr[1] "..."`` into keyword, index and decoded string."""
        match = _WORD_RE.match(text)
        if match is None or match.group() not in _KEYWORDS:
            word = text.split(None, 1)[0] if text.split(None, 1) else text
            raise self.fail(
                number,
                f"unknown keyword or stray text: {word[:40]!r}",
                "lines must start with msgctxt, msgid, msgid_plural, msgstr, '\"' or '#'",
            )
        keyword, rest, index = match.group(), text[match.end() :], None
        if rest.startswith("["):
            close = rest.find("]")
            digits = rest[1:close] if close > 0 else ""
            if keyword != "msgstr" or not digits.isascii() or not digits.isdigit():
                raise self.fail(
                    number, f"bad plural index in {text[:40]!r}", "write msgstr[0], msgstr[1], ..."
                )
            index, rest = int(digits), rest[close + 1 :]
        name = _keyword_name(keyword, index)
        if not rest.strip(" \t"):
            raise self.fail(number, f"{name} without a string", f'add the string, e.g. {name} ""')
        if rest[0] not in " \t":
            raise self.fail(number, f"no space between {name} and its string", f'write {name} "..."')
        return keyword, index, self.string(number, rest.lstrip(" \t"))

    def string(self, number: int, text: str) -> str:
        """Decode one ``"..."`` token that must fill the rest of the line."""
        if not text.startswith('"'):
            raise self.fail(number, f"expected a string in double quotes: {text[:40]!r}", 'write "..."')
        out: list[str] = []
        pos, end = 1, len(text)
        while True:
            chunk = _STRING_CHUNK_RE.match(text, pos)
            assert chunk is not None
            out.append(chunk.group())
            pos = chunk.end()
            if pos >= end:
                raise self.fail(number, "unterminated string", "close the string with a double quote")
            if text[pos] == '"':
                break
            escaped = text[pos + 1 : pos + 2]
            if not escaped:
                raise self.fail(
                    number, "unterminated string (it ends in a backslash)", "write \\\\ for a backslash"
                )
            if escaped not in _ESCAPE_VALUES:
                raise self.fail(
                    number,
                    f"invalid escape sequence \\{escaped}",
                    'use \\n, \\t, \\" or \\\\ (write other characters as themselves)',
                )
            out.append(_ESCAPE_VALUES[escaped])
            pos += 2
        if text[pos + 1 :].strip(" \t"):
            raise self.fail(
                number,
                "text after the closing quote",
                'escape quotes inside a string as \\" and put one string per line',
            )
        return "".join(out)


_OBSOLETE_HINT = "prefix every msgctxt/msgid/msgstr line of an obsolete entry with '#~ ', or none of them"


def _keyword_name(keyword: str, index: int | None) -> str:
    return keyword if index is None else f"{keyword}[{index}]"


def _known_flag(flag: str) -> bool:
    """Whether msgcat 0.21 understands ``flag`` (it silently drops everything else)."""
    if flag in ("fuzzy", "wrap", "no-wrap") or _FORMAT_FLAG_RE.fullmatch(flag):
        return True
    match = _RANGE_FLAG_RE.fullmatch(flag)
    return bool(match) and int(match.group(1)) <= int(match.group(2))


def _decode(data: bytes | str, path: str) -> str:
    """Bytes to text, pointing at the line of the first byte that is not UTF-8."""
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            raise CatalogError(
                path, 1, "the file starts with a byte order mark", "save it as UTF-8 without BOM"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise CatalogError(
                path,
                line,
                f"bytes that are not UTF-8 (byte 0x{data[exc.start]:02x})",
                "save the file as UTF-8",
            ) from None
    else:
        text = data
        if text.startswith("\ufeff"):
            raise CatalogError(
                path, 1, "the text starts with a byte order mark", "remove the U+FEFF character"
            )
        bad = re.search("[\ud800-\udfff]", text)
        if bad:
            line = text.count("\n", 0, bad.start()) + 1
            raise CatalogError(path, line, "unpaired surrogate character", "decode the file as UTF-8 first")
    nul = text.find("\0")
    if nul >= 0:
        raise CatalogError(path, text.count("\n", 0, nul) + 1, "NUL character", "remove the NUL byte")
    return text


@lru_cache(maxsize=64)
def _plural_expression_ok(expression: str) -> bool:
    """Check a Plural-Forms ``plural=`` C expression against gettext's grammar (n, integers, C operators).

    Cached: every catalog of a language has the same expression, and the recursive parser below is a
    reference cycle per call (its nested functions refer to each other), for the cycle collector to find.
    """
    tokens = re.findall(r"\s*(?:([0-9]+|n)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:()]))", expression)
    if "".join(a + b for a, b in tokens) != re.sub(r"\s+", "", expression):
        return False
    items = [a or b for a, b in tokens] + ["<end>"]
    pos = 0
    binary = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]

    def operand() -> bool:
        nonlocal pos
        token = items[pos]
        pos += 1
        if token == "!":
            return operand()
        if token == "(":
            if not conditional():
                return False
            pos += 1
            return items[pos - 1] == ")"
        return token == "n" or token.isdigit()

    def level(depth: int) -> bool:
        nonlocal pos
        if depth == len(binary):
            return operand()
        if not level(depth + 1):
            return False
        while items[pos] in binary[depth]:
            pos += 1
            if not level(depth + 1):
                return False
        return True

    def conditional() -> bool:
        nonlocal pos
        if not level(0):
            return False
        if items[pos] != "?":
            return True
        pos += 1
        if not conditional() or items[pos] != ":":
            return False
        pos += 1
        return conditional()

    try:
        return bool(expression.strip()) and conditional() and items[pos] == "<end>"
    except RecursionError:  # parentheses nested hundreds deep: no real plural rule, and no traceback
        return False


@dataclass
class _Header:
    """The header entry, parsed: fields in file order, the line of each field, and plural count."""

    comment: str
    fuzzy: bool
    metadata: dict[str, str]
    nplurals: int
    nplurals_source: str


def _check_header(path: str, entry: _RawEntry | None, nplurals: int | None) -> _Header:
    def fail(line: int, message: str, hint: str) -> CatalogError:
        return CatalogError(path, line, message, hint)

    example = 'msgid ""  /  msgstr ""  /  "Content-Type: text/plain; charset=UTF-8\\n" ...'
    if entry is None or not entry.is_header:
        raise fail(
            entry.first_line if entry else 1, "the catalog does not start with a header entry", example
        )
    assert entry.msgid is not None
    if entry.msgstr is None:
        raise fail(
            entry.msgid.line, "the header entry has plural forms", 'write it as msgid "" / msgstr "..."'
        )
    extras = entry.ecomments or entry.refs or entry.previous or [f for f, _ in entry.flags if f != "fuzzy"]
    if extras:
        raise fail(
            entry.first_line,
            "the header entry carries comments or flags other than '#' and fuzzy",
            "remove them",
        )
    value = entry.msgstr.value
    if not value:
        raise fail(entry.msgstr.line, "empty header", example)
    if not value.endswith("\n"):
        raise fail(
            entry.msgstr.line_at(len(value) - 1), "the last header line does not end in \\n", "add \\n"
        )
    metadata: dict[str, str] = {}
    lines: dict[str, int] = {}
    offset = 0
    for text in value[:-1].split("\n"):
        line = entry.msgstr.line_at(offset)
        offset += len(text) + 1
        match = _HEADER_LINE_RE.fullmatch(text)
        if match is None:
            raise fail(line, f"header line is not 'Name: value': {text[:60]!r}", 'write "Name: value\\n"')
        key = match.group(1)
        if key in metadata:
            raise fail(line, f"header field {key} appears twice", "keep one of them")
        metadata[key] = match.group(2).strip()
        lines[key] = line
    content_type = metadata.get("Content-Type")
    if content_type is None:
        raise fail(
            entry.msgstr.line,
            "the header has no Content-Type",
            '"Content-Type: text/plain; charset=UTF-8\\n"',
        )
    charset = _CHARSET_RE.search(content_type)
    if charset is None or charset.group(1).upper() != "UTF-8":
        found = charset.group(1) if charset else "none"
        raise fail(
            lines["Content-Type"], f"charset {found} in Content-Type, not UTF-8", "write charset=UTF-8"
        )
    count, source = (nplurals, "the nplurals argument") if nplurals is not None else (_DEFAULT_NPLURALS, "")
    if "Plural-Forms" in metadata:
        forms = metadata["Plural-Forms"]
        match = _PLURAL_FORMS_RE.fullmatch(forms)
        if match is None or int(match.group(1)) < 1 or not _plural_expression_ok(match.group(2)):
            raise fail(
                lines["Plural-Forms"],
                f"malformed Plural-Forms: {forms[:60]!r}",
                "write it as nplurals=N; plural=EXPRESSION; e.g. nplurals=2; plural=(n != 1);",
            )
        declared = int(match.group(1))
        if nplurals is not None and declared != nplurals:
            raise fail(
                lines["Plural-Forms"],
                f"Plural-Forms says nplurals={declared} but this language has {nplurals} plural forms",
                f"set nplurals={nplurals} and the matching plural expression in the header",
            )
        count, source = declared, "Plural-Forms"
    return _Header(
        comment="\n".join(entry.tcomments),
        fuzzy=any(flag == "fuzzy" for flag, _ in entry.flags),
        metadata=metadata,
        nplurals=count,
        nplurals_source=source
        or f"the gettext default ({_DEFAULT_NPLURALS}; the header has no Plural-Forms)",
    )


def _check_entries(path: str, header: _Header, entries: Iterable[_RawEntry]) -> None:
    """Catalog-level rules: no empty msgid, no duplicates, plural forms that fit the language."""
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        assert entry.msgid is not None
        if entry.msgid.value == "":
            raise CatalogError(
                path,
                entry.msgid.line,
                "empty msgid outside the header",
                "give the entry a msgid or remove it",
            )
        if entry.obsolete:
            continue
        if entry.key in seen:
            raise CatalogError(
                path,
                entry.msgid.line,
                f"duplicate entry: same msgctxt and msgid as the entry at line {seen[entry.key]}",
                "merge the two entries into one",
            )
        seen[entry.key] = entry.msgid.line
        forms = len(entry.msgstr_plural)
        if entry.msgid_plural is not None and forms != header.nplurals:
            first = entry.msgstr_plural[0].line
            if forms < header.nplurals:
                hint = f"add msgstr[{forms}] ... msgstr[{header.nplurals - 1}]"
            else:
                hint = f"remove msgstr[{header.nplurals}] and after"
            raise CatalogError(
                path,
                first,
                f"{forms} plural forms where {header.nplurals} are needed (from {header.nplurals_source})",
                hint,
            )


def _apply(raw: _RawEntry, entry: polib.POEntry) -> None:
    """Copy the scanner's reading onto a polib entry: it decodes escapes, comments and #~| as msgcat does."""
    assert raw.msgid is not None
    entry.obsolete = bool(raw.obsolete)
    entry.msgctxt = raw.msgctxt.value if raw.msgctxt else None
    entry.msgid = raw.msgid.value
    entry.msgid_plural = raw.msgid_plural.value if raw.msgid_plural else ""
    entry.msgstr = raw.msgstr.value if raw.msgstr else ""
    entry.msgstr_plural = {index: value.value for index, value in raw.msgstr_plural.items()}
    entry.tcomment = "\n".join(raw.tcomments)
    entry.comment = "\n".join(raw.ecomments)
    entry.occurrences = list(raw.refs)
    entry.flags = [flag for flag, _ in raw.flags]
    for keyword in ("msgctxt", "msgid", "msgid_plural"):
        previous = raw.previous.get(keyword)
        setattr(entry, f"previous_{keyword}", previous.value if previous else None)
    entry.linenum = raw.msgid.line


def parse_po(data: bytes | str, path: str, *, nplurals: int | None = None) -> polib.POFile:
    """Read a catalog strictly; any problem becomes one ``CatalogError`` naming the line and the fix.

    ``path`` is only used in messages.  ``nplurals`` is the number of plural forms the language needs;
    when given, the header must agree with it.  Without it the header's Plural-Forms (or gettext's
    default of 2) decides how many ``msgstr[N]`` lines plural entries need.
    """
    text = _decode(data, path)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    raw_entries = _Scanner(path).scan(lines)
    header = _check_header(path, raw_entries[0] if raw_entries else None, nplurals)
    _check_entries(path, header, raw_entries[1:])
    # The objects are built from the scanner's reading alone: it decodes every field as msgcat does, so a
    # second parse by polib would only cost time (it did, once: half of reading a catalog).
    po = polib.POFile(encoding="utf-8")
    for raw in raw_entries[1:]:
        entry = polib.POEntry()
        _apply(raw, entry)
        po.append(entry)
    po.header = header.comment
    po.metadata = header.metadata
    po.metadata_is_fuzzy = header.fuzzy
    return po


# ---------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------

# Break codes, as in libunistring's unilbrk.h.
_UNDEFINED, _PROHIBITED, _POSSIBLE, _MANDATORY = 0, 1, 2, 3
_C_ESCAPES = {
    "\a": "a",
    "\b": "b",
    "\f": "f",
    "\n": "n",
    "\r": "r",
    "\t": "t",
    "\v": "v",
    "\\": "\\",
    '"': '"',
}
_ESCAPED = {char: "\\" + letter for char, letter in _C_ESCAPES.items()}
_ESCAPE_TABLE = {ord(char): escaped for char, escaped in _ESCAPED.items()}
_ESCAPABLE_RE = re.compile("[" + re.escape("".join(_C_ESCAPES)) + "]")


def format_po(po: polib.POFile) -> str:
    """Write ``po`` byte for byte as GNU msgcat 0.21 would (width 79), header first, obsolete entries last.

    Like msgcat it leaves out what carries no meaning: obsolete entries without translation, the fuzzy
    flag on untranslated entries, ``wrap`` and repeated references.  Flags it does not know raise
    ``ValueError`` instead of being dropped silently.
    """
    metadata = dict(po.metadata)
    ordered = [(key, metadata.pop(key)) for key in HEADER_ORDER if key in metadata] + list(metadata.items())
    header = polib.POEntry(
        msgid="",
        msgstr="".join(f"{key}: {value}\n" for key, value in ordered),
        tcomment=po.header or "",
        flags=["fuzzy"] if po.metadata_is_fuzzy else [],
    )
    active = [entry for entry in po if not entry.obsolete]
    obsolete = [entry for entry in po if entry.obsolete and _msgstrs(entry)[0] != ""]
    blocks = [_format_entry(header, obsolete=False)]
    blocks += [_format_entry(entry, obsolete=False) for entry in active]
    blocks += [_format_entry(entry, obsolete=True) for entry in obsolete]
    return "\n\n".join(blocks) + "\n"


def _msgstrs(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        plural = entry.msgstr_plural or {0: ""}
        return [plural[key] for key in sorted(plural, key=int)]
    return [entry.msgstr or ""]


def _comment_text(comment: str) -> str:
    """A comment line as written: gettext's reader joins a line that ends in a backslash with the next
    line (comments too), so such a line gets a space after the backslash and reads back as one line."""
    return comment + " " if comment.endswith("\\") else comment


def _format_entry(entry: polib.POEntry, *, obsolete: bool) -> str:
    lines: list[str] = []
    for comment in (entry.tcomment or "").split("\n") if entry.tcomment else []:
        lines.append(f"# {_comment_text(comment)}" if comment else "#")
    for comment in (entry.comment or "").split("\n") if entry.comment else []:
        lines.append(f"#. {_comment_text(comment)}" if comment else "#.")
    lines += _reference_lines(entry.occurrences or [])
    msgstrs = _msgstrs(entry)
    if entry.flags:
        flags, do_wrap, protect_format = _canonical_flags(entry.flags, msgstrs[0] != "", obsolete=obsolete)
    else:  # the common case, and what _canonical_flags gives for no flags
        flags, do_wrap, protect_format = [], True, _no_directives
    if flags:
        lines.append("#, " + ", ".join(flags))
    previous_prefix, prefix = ("#~| ", "#~ ") if obsolete else ("#| ", "")
    previous = (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural)
    if previous[1] is None and (previous[0] is not None or previous[2]):
        # msgcat cannot read '#| msgctxt' or '#| msgid_plural' without '#| msgid'.
        raise ValueError(
            f"entry {entry.msgid[:40]!r} has a previous msgctxt or msgid_plural but no previous msgid"
        )
    if previous != (None, None, None):
        for keyword, value in zip(("msgctxt", "msgid", "msgid_plural"), previous, strict=True):
            if value is not None:
                _wrap(lines, previous_prefix, keyword, value, protect_format(value, False), do_wrap=do_wrap)
    if entry.msgctxt is not None:
        _wrap(lines, prefix, "msgctxt", entry.msgctxt, protect_format(entry.msgctxt, False), do_wrap=do_wrap)
    _wrap(lines, prefix, "msgid", entry.msgid, protect_format(entry.msgid, False), do_wrap=do_wrap)
    if entry.msgid_plural:
        _wrap(
            lines,
            prefix,
            "msgid_plural",
            entry.msgid_plural,
            protect_format(entry.msgid_plural, False),
            do_wrap=do_wrap,
        )
        for index, value in enumerate(msgstrs):
            _wrap(lines, prefix, f"msgstr[{index}]", value, protect_format(value, True), do_wrap=do_wrap)
    else:
        _wrap(lines, prefix, "msgstr", msgstrs[0], protect_format(msgstrs[0], True), do_wrap=do_wrap)
    return "\n".join(lines)


def _no_directives(value: str, is_msgstr: bool) -> None:
    return None


def _reference_lines(occurrences: Iterable[tuple[str, str | int | None]]) -> list[str]:
    """``#:`` lines: msgcat fills them up to column 79, counting bytes, and drops a leading ``./``."""
    refs: list[str] = []
    for name, number in occurrences:
        while name.startswith("./"):
            name = name[2:]
        ref = f"{name}:{number}" if number not in (None, "") else name
        if ref not in refs:
            refs.append(ref)
    lines: list[str] = []
    current, column = "#:", 2
    for ref in refs:
        width = len(ref.encode("utf-8")) + 1
        if column > 2 and column + width > _PAGE_WIDTH:
            lines.append(current)
            current, column = "#:", 2
        current += " " + ref
        column += width
    if refs:
        lines.append(current)
    return lines


_ProtectFn = Callable[[str, bool], "frozenset[int] | None"]


def _canonical_flags(
    flags: Iterable[str], translated: bool, *, obsolete: bool
) -> tuple[list[str], bool, _ProtectFn]:
    """The ``#,`` line as msgcat writes it: fuzzy, formats in gettext's order, range, no-wrap.

    Also returns whether strings may be wrapped and how to find format directives (msgcat never breaks
    a line inside one).
    """
    fuzzy, do_wrap, value_range = False, True, ""
    formats: dict[str, str] = {}
    for flag in flags:
        flag = flag.strip()
        if not flag:  # polib reads "#, fuzzy," as ["fuzzy", ""]
            continue
        format_match = _FORMAT_FLAG_RE.fullmatch(flag)
        if flag == "fuzzy":
            fuzzy = True
        elif flag in ("wrap", "no-wrap"):
            do_wrap = flag == "wrap"
        elif format_match:
            formats[format_match.group(2)] = "no-" if format_match.group(1) == "no-" else ""
        elif _known_flag(flag):
            value_range = flag
        else:
            raise ValueError(f"flag {flag!r} is unknown to msgcat, which would drop it")
    out = ["fuzzy"] if fuzzy and translated else []
    out += [f"{formats[language]}{language}-format" for language in _FORMAT_LANGUAGES if language in formats]
    if value_range and not obsolete:  # msgcat 0.21 keeps formats and no-wrap on obsolete entries, not range
        out.append(value_range)
    if not do_wrap:
        out.append("no-wrap")
    enabled = [name for name in _FORMAT_LANGUAGES if formats.get(name) == ""] if formats else []
    language = enabled[0] if enabled else None
    parser = _DIRECTIVE_PARSERS.get(language or "")

    def protect(value: str, is_msgstr: bool) -> frozenset[int] | None:
        return parser(value, is_msgstr) if parser is not None and value else None

    return out, do_wrap, protect


def _python_directives(value: str, translated: bool) -> frozenset[int]:
    """Offsets inside Python ``%`` directives but their first character: port of gettext's format-python.c.

    As there, parsing stops at the first invalid directive (also when named and unnamed arguments are
    mixed); the directives before it stay unbreakable, the rest of the string is ordinary text.
    """
    inside: set[int] = set()
    named = unnamed = False
    pos, end = 0, len(value)
    while (start := value.find("%", pos)) >= 0:
        pos = start + 1
        name = None
        if value[pos : pos + 1] == "(":
            depth, pos = 0, pos + 1
            name_start = pos
            while pos < end and (value[pos] != ")" or depth):
                depth += {"(": 1, ")": -1}.get(value[pos], 0)
                pos += 1
            if pos >= end:
                break
            name, pos = value[name_start:pos], pos + 1
        while value[pos : pos + 1] in ("-", "+", " ", "#", "0"):
            pos += 1
        for part in ("width", "precision"):
            if part == "precision":
                if value[pos : pos + 1] != ".":
                    break
                pos += 1
            if value[pos : pos + 1] == "*":
                pos += 1
                if named:
                    return frozenset(inside)
                unnamed = True
            else:
                pos = _skip_digits(value, pos)
        if value[pos : pos + 1] in ("h", "l", "L"):
            pos += 1
        conversion = value[pos : pos + 1]
        if not conversion or conversion not in "%csridiuoxXeEfgG":
            break
        if name is not None:
            if unnamed:
                break
            named = True
        elif conversion != "%":
            if named:
                break
            unnamed = True
        inside.update(range(start + 1, pos + 1))
        pos += 1
    return frozenset(inside)


def _c_directives(value: str, translated: bool) -> frozenset[int]:
    """Offsets inside C ``printf`` directives but their first character, after gettext 0.21's format-c.c.

    Covers ``%m$``, flags (``I`` only in translations), ``*m$`` width and precision, sizes,
    conversions and the ISO C 99 ``<PRId64>`` forms, as checked against msgcat.
    """
    inside: set[int] = set()
    numbered = unnumbered = False
    pos = 0
    while (start := value.find("%", pos)) >= 0:
        pos = start + 1
        digits_end = _skip_digits(value, pos)
        if digits_end > pos and value[digits_end : digits_end + 1] == "$":
            if int(value[pos:digits_end]) == 0:
                break
            this_numbered, pos = True, digits_end + 1
        else:
            this_numbered = False
        while value[pos : pos + 1] in (" ", "+", "-", "#", "0", "'") or (
            translated and value[pos : pos + 1] == "I"
        ):
            pos += 1
        mixed = False
        for part in ("width", "precision"):
            if part == "precision":
                if value[pos : pos + 1] != ".":
                    break
                pos += 1
            if value[pos : pos + 1] == "*":
                pos += 1
                digits_end = _skip_digits(value, pos)
                if digits_end > pos and value[digits_end : digits_end + 1] == "$":
                    if int(value[pos:digits_end]) == 0:
                        return frozenset(inside)
                    pos = digits_end + 1
                    mixed = mixed or unnumbered
                    numbered = True
                else:
                    mixed = mixed or numbered
                    unnumbered = True
            else:
                pos = _skip_digits(value, pos)
        if mixed:
            break
        macro = _C99_MACRO_RE.match(value, pos)
        if macro:
            pos, conversion = macro.end() - 1, "d"
        else:
            for size in ("hh", "h", "ll", "l", "L", "q", "j", "z", "Z", "t"):
                if value.startswith(size, pos):
                    pos += len(size)
                    break
            conversion = value[pos : pos + 1]
            if not conversion or conversion not in "%cCsSdiouxXeEfFgGaApnm":
                break
        if conversion != "%":
            if (this_numbered and unnumbered) or (not this_numbered and numbered):
                break
            numbered, unnumbered = numbered or this_numbered, unnumbered or not this_numbered
        inside.update(range(start + 1, pos + 1))
        pos += 1
    return frozenset(inside)


def _skip_digits(value: str, pos: int) -> int:
    while value[pos : pos + 1] in _ASCII_DIGITS:
        pos += 1
    return pos


_ASCII_DIGITS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")


def _brace_directives(value: str, translated: bool) -> frozenset[int]:
    """Where gettext 0.21 forbids breaks in a ``python-brace-format`` string, bug included.

    Its format-python-brace.c records each directive's marks relative to that directive's own ``{``
    instead of the string start, so whatever the directives are, the protected span is the start of
    the string: byte offsets 1 .. (length of the shortest directive - 1), unless the first invalid
    directive put its error mark inside that span.  msgcat's output depends on it, so we copy it.
    """
    ends: list[int] = []  # END marks, in bytes relative to each directive's "{"
    error: int | None = None  # the ERROR mark of the first invalid directive, same convention
    pos = 0
    while (start := value.find("{", pos)) >= 0:
        if value[start + 1 : start + 2] == "{":  # an escaped brace, not a directive
            pos = start + 2
            continue
        close, failed_at, origin = _brace_field(value, start, toplevel=True)
        if close is None:
            error = len(value[origin:failed_at].encode("utf-8"))
            break
        ends.append(len(value[start:close].encode("utf-8")))
        pos = close + 1
    if not ends:
        return frozenset()
    limit = min(ends)
    if error is not None and error <= limit:
        return frozenset()
    inside: set[int] = set()
    offset = 0
    for index, char in enumerate(value):
        if offset > limit:
            break
        if offset >= 1:
            inside.add(index)
        offset += len(char.encode("utf-8"))
    return frozenset(inside)


def _brace_field(value: str, brace: int, *, toplevel: bool) -> tuple[int | None, int, int]:
    """Parse the field opened at ``brace`` like gettext 0.21's ``parse_directive``.

    Returns (offset of the closing brace or None, offset of the error, offset of the "{" it is
    relative to).
    """
    pos = brace + 1
    name_end, failed_at = _brace_name(value, pos)
    if name_end is None:
        return None, failed_at, brace
    pos = name_end
    if value[pos : pos + 1] == ":":
        if not toplevel:
            return None, pos, brace
        pos += 1
        if value[pos : pos + 1] == "{":
            inner, failed_at, origin = _brace_field(value, pos, toplevel=False)
            if inner is None:
                return None, failed_at, origin
            pos = inner + 1
        else:
            if not value[pos : pos + 1]:
                return None, pos, brace
            if value[pos + 1 : pos + 2] in ("<", ">", "=", "^"):
                pos += 2
            elif value[pos : pos + 1] in ("<", ">", "=", "^"):
                pos += 1
            for optional in (("+", "-", " "), ("#",), ("0",)):
                if value[pos : pos + 1] in optional:
                    pos += 1
            pos = _skip_digits(value, pos)
            if value[pos : pos + 1] == "." and value[pos + 1 : pos + 2] in _ASCII_DIGITS:
                pos = _skip_digits(value, pos + 1)
            if value[pos : pos + 1] and value[pos] in "bcdoxXneEfFgG%":
                pos += 1
    if value[pos : pos + 1] != "}":
        return None, pos, brace
    return pos, pos, brace


def _brace_name(value: str, pos: int) -> tuple[int | None, int]:
    """Skip a field name and its ``.attr`` / ``[key]`` chain: (end, None) or (None, error offset).

    The error offsets are where gettext 0.21 puts its error mark (after the character where a
    ``]`` was missing, on the offending character otherwise).
    """
    match = _BRACE_KEY_RE.match(value, pos)
    if match is None:
        return None, pos
    pos = match.end()
    while value[pos : pos + 1] in (".", "["):
        bracket = value[pos] == "["
        match = (_BRACE_KEY_RE if bracket else _BRACE_IDENTIFIER_RE).match(value, pos + 1)
        if match is None:
            return None, pos + 1
        pos = match.end()
        if bracket:
            if value[pos : pos + 1] != "]":
                return None, pos + 1
            pos += 1
    return pos, pos


_BRACE_IDENTIFIER_RE = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_BRACE_KEY_RE = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|[0-9]+")
_C99_MACRO_RE = re.compile(r"<PRI[diouxX](?:(?:LEAST|FAST)?(?:8|16|32|64)|MAX|PTR)>")
_DIRECTIVE_PARSERS: dict[str, Callable[[str, bool], frozenset[int]]] = {
    "c": _c_directives,
    "python": _python_directives,
    "python-brace": _brace_directives,
}


def _wrap(
    lines: list[str], prefix: str, name: str, value: str, protect: frozenset[int] | None, *, do_wrap: bool
) -> None:
    """Port of gettext's ``wrap()`` (write-po.c): one keyword with its string, folded like msgcat does.

    The string is cut after every embedded newline; each piece is escaped and then broken at UAX #14
    break opportunities so that no line passes column 79 (quotes included) where that can be avoided.
    A string that needs more than one line starts with an empty ``""`` on the keyword line.
    """
    if not value:  # every msgstr of a template
        lines.append(f'{prefix}{name} ""')
        return
    if "\n" not in value and _fits_on_one_line(len(prefix) + len(name) + 3, value):
        lines.append(f'{prefix}{name} "{_escape(value)}"')
        return
    first_line = True
    startcol_after_break = len(prefix) + 1
    width = (_PAGE_WIDTH if do_wrap else 2**31 - 1) - 1 - startcol_after_break
    separator = f'"\n{prefix}"'
    start, end_of_value = 0, len(value)
    while True:
        end = value.find("\n", start)
        end = end_of_value if end < 0 else end + 1
        portion, prohibited = _escape_portion(value, start, end, protect)
        # Lines after the first start at column 0 (relative to startcol_after_break); the first one after
        # the keyword. gettext breaks with the keyword's column first and, when that needs a break, puts
        # an empty string on the keyword line and breaks again from column 0. A piece that needs a break
        # from column 0 needs one from further right too, so that is tried first: one call, not two.
        breaks = _fitting_line_breaks(portion, width, 0, prohibited)
        if first_line and portion:
            first_column = len(name) + 1
            if (
                end < end_of_value
                or first_column > width
                or breaks
                or _fitting_line_breaks(portion, width, first_column, prohibited)
            ):
                lines.append(f'{prefix}{name} ""')
                first_line = False
        head = f'{prefix}{name} "' if first_line else f'{prefix}"'
        first_line = False
        if breaks:
            bounds = [0, *breaks, len(portion)]
            portion = separator.join([portion[a:b] for a, b in pairwise(bounds)])
        lines.append(f'{head}{portion}"')
        start = end
        if start >= end_of_value:
            break


def _escape_portion(
    value: str, start: int, end: int, protect: frozenset[int] | None
) -> tuple[str, list[int]]:
    """``value[start:end]`` escaped as in a PO file, and the sorted offsets (in it) where no line may break.

    As in gettext's wrap(): never inside an escape sequence, never inside a format directive (``protect``
    holds offsets in ``value``), never right before the ``\\n`` that ends a piece.
    """
    piece = value[start:end]
    escapes = [match.start() for match in _ESCAPABLE_RE.finditer(piece)]
    if not escapes:
        escaped, prohibited = piece, []
    else:
        escaped = piece.translate(_ESCAPE_TABLE)
        prohibited = [offset + count + 1 for count, offset in enumerate(escapes)]
    if protect:
        prohibited += [
            offset - start + bisect.bisect_left(escapes, offset - start)
            for offset in protect
            if start <= offset < end
        ]
    if piece.endswith("\n"):
        prohibited.append(len(escaped) - 2)
    if len(prohibited) > len(escapes):
        prohibited = sorted(set(prohibited))
    return escaped, prohibited


def _escape(value: str) -> str:
    return value.translate(_ESCAPE_TABLE) if _ESCAPABLE_RE.search(value) else value  # search: 10x faster


def _fits_on_one_line(taken: int, value: str) -> bool:
    """Fast path of ``_wrap``: a string that fits its line whole needs no line breaking at all.

    ``taken`` counts the prefix, the keyword, its space and the two quotes. Characters that force a break
    (or reset the column) send the string down the full path.
    """
    room = _PAGE_WIDTH - taken
    if len(value) > room * 2:
        return False
    if value.isascii():
        if not value.isprintable():
            return False
        return len(value) + value.count('"') + value.count("\\") <= room
    used = 0
    for char in value:
        escaped = _C_ESCAPES.get(char)
        if escaped is not None:
            used += 2
            continue
        prop, width = _char_props(char)
        if width < 0 or prop in (_BK, _CR, _LF):
            return False
        used += width
        if used > room:
            return False
    return True


def _fitting_line_breaks(text: str, width: int, start_column: int, prohibited: Sequence[int]) -> list[int]:
    """``_line_breaks``, answered at once for ASCII text that fits: no character is wider than one column
    (controls count none), so no piece can pass the width and nothing is broken (header lines, short
    pieces of multi-line strings)."""
    if text.isascii() and start_column + len(text) <= width:
        return []
    return _line_breaks(text, width, start_column, prohibited)


def _line_breaks(text: str, width: int, start_column: int, prohibited: Sequence[int]) -> list[int]:
    """Offsets in ``text`` (an escaped piece) where msgcat breaks the line, ascending.

    libunistring's own breaker when it is the library and version msgcat's output depends on (about four
    times faster, ctypes overhead included), the pure-Python port of it otherwise: both give the same breaks.
    """
    native = _native_line_breaks()
    if native is not None:
        return native(text, width, start_column, prohibited)
    return _width_linebreaks(text, width, start_column, prohibited)


def _width_linebreaks(text: str, width: int, start_column: int, prohibited: Sequence[int]) -> list[int]:
    """Port of libunistring's ``u8_width_linebreaks``: the break opportunities taken to keep within width.

    ``prohibited`` are the offsets gettext overrides with UC_BREAK_PROHIBITED (the only override it uses).
    """
    props = list(map(_char_props, text))
    breaks = _possible_linebreaks(text, props)
    for index in prohibited:
        breaks[index] = _PROHIBITED
    taken: list[int] = []
    last_break = -1  # none
    last_column, piece_width = start_column, 0
    for index, brk in enumerate(breaks):
        if brk != _PROHIBITED:  # possible or mandatory: an atomic piece of text ends here
            if last_break >= 0 and last_column + piece_width > width:
                taken.append(last_break)
                last_column = 0
            if brk == _MANDATORY:
                last_break, last_column, piece_width = -1, 0, 0
                continue
            last_break = index
            last_column += piece_width
            piece_width = 0
        char_width = props[index][1]
        if char_width >= 0:  # control characters do not count
            piece_width += char_width
    if last_break >= 0 and last_column + piece_width > width:
        taken.append(last_break)
    return taken


def _possible_linebreaks(chars: Sequence[str], props: Sequence[tuple[int, int]] | None = None) -> list[int]:
    """Port of libunistring 1.0's ``u8_possible_linebreaks_loop`` (UAX #14 as it implements it).

    ``props`` are the characters' ``_char_props`` when the caller has them already.
    """
    breaks = [_PROHIBITED] * len(chars)
    prev, last = _BK, _BK  # previous character's class; last one that is not a space or combining mark
    seen_space = False
    regional_indicators = 0
    pair_table = _PAIR_TABLE
    for index, (prop, _) in enumerate(props if props is not None else map(_char_props, chars)):
        if prop == _AL and last == _AL and prev == _AL:
            continue  # the commonest pair (letter after letter): never a break, nothing changes
        if prop in (_BK, _CR, _LF):
            breaks[index] = _MANDATORY
            prev, last, seen_space = prop, _BK, False
        else:
            if prop == _SP:
                seen_space = True
            elif prop == _ZW:
                last, seen_space = _ZW, False
            elif prop in (_CM, _ZWJ):
                if last == _BK:
                    last, seen_space = _AL, False
                elif last == _ZW or seen_space:
                    breaks[index] = _POSSIBLE
                    last, seen_space = _AL, False
            else:
                if last == _BK or prev in (_ZWJ, _HL_BA):
                    pass
                elif last == _ZW:
                    breaks[index] = _POSSIBLE
                elif last == _RI and prop == _RI:
                    if seen_space or regional_indicators % 2 == 0:
                        breaks[index] = _POSSIBLE
                else:
                    rule = pair_table[last][prop]
                    if rule == "D" or (rule == "I" and seen_space):
                        breaks[index] = _POSSIBLE
                last, seen_space = prop, False
            prev = _HL_BA if prev == _HL and prop in (_HY, _BA) else prop
        regional_indicators = regional_indicators + 1 if prop == _RI else 0
    return breaks


_NativeBreaker = Callable[[str, int, int, Sequence[int]], list[int]]


def _load_libunistring() -> tuple[Any, Any] | None:
    """ctypes and libunistring 1.0 (the soname first: ``find_library`` runs ``ldconfig``), or None."""
    try:
        import ctypes
        import ctypes.util
    except ImportError:  # a Python built without ctypes
        return None
    for find in (lambda: "libunistring.so.2", lambda: ctypes.util.find_library("unistring")):
        name = find()
        if name is None:
            continue
        try:
            library = ctypes.CDLL(name)
            version = ctypes.c_int.in_dll(library, "_libunistring_version").value
        except (OSError, ValueError):
            continue
        if version >> 8 == 0x0100 and hasattr(library, "ulc_width_linebreaks_v2"):
            return ctypes, library
    return None


@lru_cache(maxsize=1)
def _native_line_breaks() -> _NativeBreaker | None:
    """libunistring's ``ulc_width_linebreaks_v2`` as ``_width_linebreaks``, or None where it would differ.

    That is the very call GNU gettext 0.21's wrap() makes (UTF-8 text, at_end_columns 0, the same
    overrides); only libunistring 1.0 is used, the version whose tables the port copies and Debian 12's
    msgcat links, so the output is the same on every machine. Loaded once, on first use.
    """
    loaded = _load_libunistring()
    if loaded is None:
        return None
    ctypes, library = loaded
    function = library.ulc_width_linebreaks_v2
    function.argtypes = [
        ctypes.c_char_p,  # s
        ctypes.c_size_t,  # n
        ctypes.c_int,  # width
        ctypes.c_int,  # start_column
        ctypes.c_int,  # at_end_columns
        ctypes.c_char_p,  # o: overrides, one per byte, or NULL
        ctypes.c_char_p,  # encoding
        ctypes.c_char_p,  # p: the result, one per byte
    ]
    function.restype = ctypes.c_int
    create_buffer = ctypes.create_string_buffer
    possible = bytes([_POSSIBLE])

    def line_breaks(text: str, width: int, start_column: int, prohibited: Sequence[int]) -> list[int]:
        data = text.encode("utf-8")
        size = len(data)
        if not size:
            return []
        offsets = None if size == len(text) else _Utf8Offsets(text)
        overrides = None
        if prohibited:
            marks = bytearray(size)
            for index in prohibited:
                marks[index if offsets is None else offsets.to_byte(index)] = _PROHIBITED
            overrides = bytes(marks)
        result = create_buffer(size)
        function(data, size, width, start_column, 0, overrides, b"UTF-8", result)
        raw = result.raw
        taken: list[int] = []
        position = raw.find(possible)
        while position >= 0:
            taken.append(position if offsets is None else offsets.to_char(position))
            position = raw.find(possible, position + 1)
        return taken

    return line_breaks


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


class _Utf8Offsets:
    """Character offsets in a string <-> byte offsets in its UTF-8 form, in time that grows with the
    non-ASCII characters only (prose is mostly ASCII)."""

    def __init__(self, text: str) -> None:
        self.chars: list[int] = []  # offsets of the non-ASCII characters
        self.bytes: list[int] = []  # their byte offsets
        self.extra: list[int] = [0]  # bytes beyond one per character, before each of them and at the end
        extra = 0
        for match in _NON_ASCII_RE.finditer(text):
            index = match.start()
            self.chars.append(index)
            self.bytes.append(index + extra)
            code = ord(text[index])
            extra += 1 if code < 0x800 else 2 if code < 0x10000 else 3
            self.extra.append(extra)

    def to_byte(self, index: int) -> int:
        return index + self.extra[bisect.bisect_left(self.chars, index)]

    def to_char(self, offset: int) -> int:
        return offset - self.extra[bisect.bisect_left(self.bytes, offset)]


@lru_cache(maxsize=8192)
def _char_props(char: str) -> tuple[int, int]:
    """Line breaking class and display width (-1 for control characters) of one character."""
    code = ord(char)
    prop = _LB_VALUES[bisect.bisect_right(_LB_STARTS, code) - 1]
    if prop == _H3 and (code - 0xAC00) % 28 == 0:  # Hangul syllables alternate LV / LVT
        prop = _H2
    return prop, _WIDTH_VALUES[bisect.bisect_right(_WIDTH_STARTS, code) - 1]


# ---------------------------------------------------------------------------------------------------------
# Unicode tables (libunistring 1.0, Unicode 14)
# ---------------------------------------------------------------------------------------------------------

# Line breaking classes, indexed as in libunistring's pair table; the last six are handled in code.
# AI, SA and XX were resolved to AL and CB to ID, as libunistring does for UTF-8 text.
_CLASS_NAMES = (
    "WJ", "GL", "B2", "BA", "BB", "HY", "CL", "CP", "CP2", "EX", "IN", "NS", "OP", "OP2", "QU", "IS", "NU",
    "PO", "PR", "SY", "AL", "H2", "H3", "ID", "ID2", "JL", "JV", "JT", "HL", "RI", "ZWJ", "EB", "EM",
    "BK", "CR", "LF", "CM", "ZW", "SP",
)  # fmt: skip
_CLASS = {name: index for index, name in enumerate(_CLASS_NAMES)}
_BA, _HY, _AL, _H2, _H3, _HL, _RI, _ZWJ = (
    _CLASS[name] for name in ("BA", "HY", "AL", "H2", "H3", "HL", "RI", "ZWJ")
)
_BK, _CR, _LF, _CM, _ZW, _SP = (_CLASS[name] for name in ("BK", "CR", "LF", "CM", "ZW", "SP"))
_HL_BA = 100  # runtime-only: Hebrew letter followed by a hyphen (UAX #14 LB21a)

# Line breaking class of every code point from the given one up to the next start (hex).
_LB_RUNS = (
    "0:CM 9:BA a:LF b:BK d:CR e:CM 20:SP 21:EX 22:QU 23:AL 24:PR 25:PO 26:AL 27:QU 28:OP 29:CP "
    "2a:AL 2b:PR 2c:IS 2d:HY 2e:IS 2f:SY 30:NU 3a:IS 3c:AL 3f:EX 40:AL 5b:OP 5c:PR 5d:CP 5e:AL "
    "7b:OP 7c:BA 7d:CL 7e:AL 7f:CM 85:BK 86:CM a0:GL a1:OP a2:PO a3:PR a6:AL ab:QU ac:AL ad:BA "
    "ae:AL b0:PO b1:PR b2:AL b4:BB b5:AL bb:QU bc:AL bf:OP c0:AL 2c8:BB 2c9:AL 2cc:BB 2cd:AL "
    "2df:BB 2e0:AL 300:CM 34f:GL 350:CM 35c:GL 363:CM 370:AL 37e:IS 37f:AL 483:CM 48a:AL 589:IS "
    "58a:BA 58b:AL 58f:PR 590:AL 591:CM 5be:BA 5bf:CM 5c0:AL 5c1:CM 5c3:AL 5c4:CM 5c6:EX 5c7:CM "
    "5c8:AL 5d0:HL 5eb:AL 5ef:HL 5f3:AL 609:PO 60c:IS 60e:AL 610:CM 61b:EX 61c:CM 61d:EX 620:AL "
    "64b:CM 660:NU 66a:PO 66b:NU 66d:AL 670:CM 671:AL 6d4:EX 6d5:AL 6d6:CM 6dd:AL 6df:CM 6e5:AL "
    "6e7:CM 6e9:AL 6ea:CM 6ee:AL 6f0:NU 6fa:AL 711:CM 712:AL 730:CM 74b:AL 7a6:CM 7b1:AL 7c0:NU "
    "7ca:AL 7eb:CM 7f4:AL 7f8:IS 7f9:EX 7fa:AL 7fd:CM 7fe:PR 800:AL 816:CM 81a:AL 81b:CM 824:AL "
    "825:CM 828:AL 829:CM 82e:AL 859:CM 85c:AL 898:CM 8a0:AL 8ca:CM 8e2:AL 8e3:CM 904:AL 93a:CM "
    "93d:AL 93e:CM 950:AL 951:CM 958:AL 962:CM 964:BA 966:NU 970:AL 981:CM 984:AL 9bc:CM 9bd:AL "
    "9be:CM 9c5:AL 9c7:CM 9c9:AL 9cb:CM 9ce:AL 9d7:CM 9d8:AL 9e2:CM 9e4:AL 9e6:NU 9f0:AL 9f2:PO "
    "9f4:AL 9f9:PO 9fa:AL 9fb:PR 9fc:AL 9fe:CM 9ff:AL a01:CM a04:AL a3c:CM a3d:AL a3e:CM a43:AL "
    "a47:CM a49:AL a4b:CM a4e:AL a51:CM a52:AL a66:NU a70:CM a72:AL a75:CM a76:AL a81:CM a84:AL "
    "abc:CM abd:AL abe:CM ac6:AL ac7:CM aca:AL acb:CM ace:AL ae2:CM ae4:AL ae6:NU af0:AL af1:PR "
    "af2:AL afa:CM b00:AL b01:CM b04:AL b3c:CM b3d:AL b3e:CM b45:AL b47:CM b49:AL b4b:CM b4e:AL "
    "b55:CM b58:AL b62:CM b64:AL b66:NU b70:AL b82:CM b83:AL bbe:CM bc3:AL bc6:CM bc9:AL bca:CM "
    "bce:AL bd7:CM bd8:AL be6:NU bf0:AL bf9:PR bfa:AL c00:CM c05:AL c3c:CM c3d:AL c3e:CM c45:AL "
    "c46:CM c49:AL c4a:CM c4e:AL c55:CM c57:AL c62:CM c64:AL c66:NU c70:AL c77:BB c78:AL c81:CM "
    "c84:BB c85:AL cbc:CM cbd:AL cbe:CM cc5:AL cc6:CM cc9:AL cca:CM cce:AL cd5:CM cd7:AL ce2:CM "
    "ce4:AL ce6:NU cf0:AL d00:CM d04:AL d3b:CM d3d:AL d3e:CM d45:AL d46:CM d49:AL d4a:CM d4e:AL "
    "d57:CM d58:AL d62:CM d64:AL d66:NU d70:AL d79:PO d7a:AL d81:CM d84:AL dca:CM dcb:AL dcf:CM "
    "dd5:AL dd6:CM dd7:AL dd8:CM de0:AL de6:NU df0:AL df2:CM df4:AL e3f:PR e40:AL e50:NU e5a:BA "
    "e5c:AL ed0:NU eda:AL f01:BB f05:AL f06:BB f08:GL f09:BB f0b:BA f0c:GL f0d:EX f12:GL f13:AL "
    "f14:EX f15:AL f18:CM f1a:AL f20:NU f2a:AL f34:BA f35:CM f36:AL f37:CM f38:AL f39:CM f3a:OP "
    "f3b:CL f3c:OP f3d:CL f3e:CM f40:AL f71:CM f7f:BA f80:CM f85:BA f86:CM f88:AL f8d:CM f98:AL "
    "f99:CM fbd:AL fbe:BA fc0:AL fc6:CM fc7:AL fd0:BB fd2:BA fd3:BB fd4:AL fd9:GL fdb:AL 1040:NU "
    "104a:BA 104c:AL 1090:NU 109a:AL 1100:JL 1160:JV 11a8:JT 1200:AL 135d:CM 1360:AL 1361:BA "
    "1362:AL 1400:BA 1401:AL 1680:BA 1681:AL 169b:OP 169c:CL 169d:AL 16eb:BA 16ee:AL 1712:CM "
    "1716:AL 1732:CM 1735:BA 1737:AL 1752:CM 1754:AL 1772:CM 1774:AL 17d4:BA 17d6:NS 17d7:AL "
    "17d8:BA 17d9:AL 17da:BA 17db:PR 17dc:AL 17e0:NU 17ea:AL 1802:EX 1804:BA 1806:BB 1807:AL "
    "1808:EX 180a:AL 180b:CM 180e:GL 180f:CM 1810:NU 181a:AL 1885:CM 1887:AL 18a9:CM 18aa:AL "
    "1920:CM 192c:AL 1930:CM 193c:AL 1944:EX 1946:NU 1950:AL 19d0:NU 19da:AL 1a17:CM 1a1c:AL "
    "1a7f:CM 1a80:NU 1a8a:AL 1a90:NU 1a9a:AL 1ab0:CM 1acf:AL 1b00:CM 1b05:AL 1b34:CM 1b45:AL "
    "1b50:NU 1b5a:BA 1b5c:AL 1b5d:BA 1b61:AL 1b6b:CM 1b74:AL 1b7d:BA 1b7f:AL 1b80:CM 1b83:AL "
    "1ba1:CM 1bae:AL 1bb0:NU 1bba:AL 1be6:CM 1bf4:AL 1c24:CM 1c38:AL 1c3b:BA 1c40:NU 1c4a:AL "
    "1c50:NU 1c5a:AL 1c7e:BA 1c80:AL 1cd0:CM 1cd3:AL 1cd4:CM 1ce9:AL 1ced:CM 1cee:AL 1cf4:CM "
    "1cf5:AL 1cf7:CM 1cfa:AL 1dc0:CM 1e00:AL 1ffd:BB 1ffe:AL 2000:BA 2007:GL 2008:BA 200b:ZW "
    "200c:CM 200d:ZWJ 200e:CM 2010:BA 2011:GL 2012:BA 2014:B2 2015:AL 2018:QU 201a:OP 201b:QU "
    "201e:OP 201f:QU 2020:AL 2024:IN 2027:BA 2028:BK 202a:CM 202f:GL 2030:PO 2038:AL 2039:QU "
    "203b:AL 203c:NS 203e:AL 2044:IS 2045:OP 2046:CL 2047:NS 204a:AL 2056:BA 2057:AL 2058:BA "
    "205c:AL 205d:BA 2060:WJ 2061:AL 2066:CM 2070:AL 207d:OP 207e:CL 207f:AL 208d:OP 208e:CL "
    "208f:AL 20a0:PR 20a7:PO 20a8:PR 20b6:PO 20b7:PR 20bb:PO 20bc:PR 20be:PO 20bf:PR 20c0:PO "
    "20c1:PR 20d0:CM 20f1:AL 2103:PO 2104:AL 2109:PO 210a:AL 2116:PR 2117:AL 2212:PR 2214:AL "
    "22ef:IN 22f0:AL 2308:OP 2309:CL 230a:OP 230b:CL 230c:AL 231a:ID 231c:AL 2329:OP2 232a:CL "
    "232b:AL 23f0:ID 23f4:AL 2600:ID 2604:AL 2614:ID 2616:AL 2618:ID 2619:AL 261a:ID 261d:EB "
    "261e:ID 2620:AL 2639:ID 263c:AL 2668:ID 2669:AL 267f:ID 2680:AL 26bd:ID 26c9:AL 26cd:ID "
    "26ce:AL 26cf:ID 26d2:AL 26d3:ID 26d5:AL 26d8:ID 26da:AL 26dc:ID 26dd:AL 26df:ID 26e2:AL "
    "26ea:ID 26eb:AL 26f1:ID 26f6:AL 26f7:ID 26f9:EB 26fa:ID 26fb:AL 26fd:ID 2705:AL 2708:ID "
    "270a:EB 270e:AL 275b:QU 2761:AL 2762:EX 2764:ID 2765:AL 2768:OP 2769:CL 276a:OP 276b:CL "
    "276c:OP 276d:CL 276e:OP 276f:CL 2770:OP 2771:CL 2772:OP 2773:CL 2774:OP 2775:CL 2776:AL "
    "27c5:OP 27c6:CL 27c7:AL 27e6:OP 27e7:CL 27e8:OP 27e9:CL 27ea:OP 27eb:CL 27ec:OP 27ed:CL "
    "27ee:OP 27ef:CL 27f0:AL 2983:OP 2984:CL 2985:OP 2986:CL 2987:OP 2988:CL 2989:OP 298a:CL "
    "298b:OP 298c:CL 298d:OP 298e:CL 298f:OP 2990:CL 2991:OP 2992:CL 2993:OP 2994:CL 2995:OP "
    "2996:CL 2997:OP 2998:CL 2999:AL 29d8:OP 29d9:CL 29da:OP 29db:CL 29dc:AL 29fc:OP 29fd:CL "
    "29fe:AL 2cef:CM 2cf2:AL 2cf9:EX 2cfa:BA 2cfd:AL 2cfe:EX 2cff:BA 2d00:AL 2d70:BA 2d71:AL "
    "2d7f:CM 2d80:AL 2de0:CM 2e00:QU 2e0e:BA 2e16:AL 2e17:BA 2e18:OP 2e19:BA 2e1a:AL 2e1c:QU "
    "2e1e:AL 2e20:QU 2e22:OP 2e23:CL 2e24:OP 2e25:CL 2e26:OP 2e27:CL 2e28:OP 2e29:CL 2e2a:BA "
    "2e2e:EX 2e2f:AL 2e30:BA 2e32:AL 2e33:BA 2e35:AL 2e3a:B2 2e3c:BA 2e3f:AL 2e40:BA 2e42:OP "
    "2e43:BA 2e4b:AL 2e4c:BA 2e4d:AL 2e4e:BA 2e50:AL 2e53:EX 2e55:OP 2e56:CL 2e57:OP 2e58:CL "
    "2e59:OP 2e5a:CL 2e5b:OP 2e5c:CL 2e5d:BA 2e5e:AL 2e80:ID 2e9a:AL 2e9b:ID 2ef4:AL 2f00:ID "
    "2fd6:AL 2ff0:ID 2ffc:AL 3000:BA 3001:CL 3003:ID 3005:NS 3006:ID 3008:OP2 3009:CL 300a:OP2 "
    "300b:CL 300c:OP2 300d:CL 300e:OP2 300f:CL 3010:OP2 3011:CL 3012:ID 3014:OP2 3015:CL 3016:OP2 "
    "3017:CL 3018:OP2 3019:CL 301a:OP2 301b:CL 301c:NS 301d:OP2 301e:CL 3020:ID 302a:CM 3030:ID "
    "3035:CM 3036:ID 303b:NS 303d:ID 3040:AL 3041:NS 3042:ID 3043:NS 3044:ID 3045:NS 3046:ID "
    "3047:NS 3048:ID 3049:NS 304a:ID 3063:NS 3064:ID 3083:NS 3084:ID 3085:NS 3086:ID 3087:NS "
    "3088:ID 308e:NS 308f:ID 3095:NS 3097:AL 3099:CM 309b:NS 309f:ID 30a0:NS 30a2:ID 30a3:NS "
    "30a4:ID 30a5:NS 30a6:ID 30a7:NS 30a8:ID 30a9:NS 30aa:ID 30c3:NS 30c4:ID 30e3:NS 30e4:ID "
    "30e5:NS 30e6:ID 30e7:NS 30e8:ID 30ee:NS 30ef:ID 30f5:NS 30f7:ID 30fb:NS 30ff:ID 3100:AL "
    "3105:ID 3130:AL 3131:ID 318f:AL 3190:ID 31e4:AL 31f0:NS 3200:ID 321f:AL 3220:ID 3248:AL "
    "3250:ID 4dc0:AL 4e00:ID a015:NS a016:ID a48d:AL a490:ID a4c7:AL a4fe:BA a500:AL a60d:BA "
    "a60e:EX a60f:BA a610:AL a620:NU a62a:AL a66f:CM a673:AL a674:CM a67e:AL a69e:CM a6a0:AL "
    "a6f0:CM a6f2:AL a6f3:BA a6f8:AL a802:CM a803:AL a806:CM a807:AL a80b:CM a80c:AL a823:CM "
    "a828:AL a82c:CM a82d:AL a838:PO a839:AL a874:BB a876:EX a878:AL a880:CM a882:AL a8b4:CM "
    "a8c6:AL a8ce:BA a8d0:NU a8da:AL a8e0:CM a8f2:AL a8fc:BB a8fd:AL a8ff:CM a900:NU a90a:AL "
    "a926:CM a92e:BA a930:AL a947:CM a954:AL a960:JL a97d:AL a980:CM a984:AL a9b3:CM a9c1:AL "
    "a9c7:BA a9ca:AL a9d0:NU a9da:AL a9f0:NU a9fa:AL aa29:CM aa37:AL aa43:CM aa44:AL aa4c:CM "
    "aa4e:AL aa50:NU aa5a:AL aa5d:BA aa60:AL aaeb:CM aaf0:BA aaf2:AL aaf5:CM aaf7:AL abe3:CM "
    "abeb:BA abec:CM abee:AL abf0:NU abfa:AL ac00:H3 d7a4:AL d7b0:JV d7c7:AL d7cb:JT d7fc:AL "
    "f900:ID fb00:AL fb1d:HL fb1e:CM fb1f:HL fb29:AL fb2a:HL fb37:AL fb38:HL fb3d:AL fb3e:HL "
    "fb3f:AL fb40:HL fb42:AL fb43:HL fb45:AL fb46:HL fb50:AL fd3e:CL fd3f:OP fd40:AL fdfc:PO "
    "fdfd:AL fe00:CM fe10:IS fe11:CL fe13:IS fe15:EX fe17:OP2 fe18:CL fe19:IN fe1a:AL fe20:CM "
    "fe30:ID fe35:OP2 fe36:CL fe37:OP2 fe38:CL fe39:OP2 fe3a:CL fe3b:OP2 fe3c:CL fe3d:OP2 fe3e:CL "
    "fe3f:OP2 fe40:CL fe41:OP2 fe42:CL fe43:OP2 fe44:CL fe45:ID fe47:OP2 fe48:CL fe49:ID fe50:CL "
    "fe51:ID fe52:CL fe53:AL fe54:NS fe56:EX fe58:ID fe59:OP2 fe5a:CL fe5b:OP2 fe5c:CL fe5d:OP2 "
    "fe5e:CL fe5f:ID fe67:AL fe68:ID fe69:PR fe6a:PO fe6b:ID fe6c:AL feff:WJ ff00:AL ff01:EX "
    "ff02:ID ff04:PR ff05:PO ff06:ID ff08:OP2 ff09:CL ff0a:ID ff0c:CL ff0d:ID ff0e:CL ff0f:ID "
    "ff1a:NS ff1c:ID ff1f:EX ff20:ID ff3b:OP2 ff3c:ID ff3d:CL ff3e:ID ff5b:OP2 ff5c:ID ff5d:CL "
    "ff5e:ID ff5f:OP2 ff60:CL ff62:OP2 ff63:CL ff65:NS ff66:ID ff67:NS ff71:ID ff9e:NS ffa0:ID "
    "ffbf:AL ffc2:ID ffc8:AL ffca:ID ffd0:AL ffd2:ID ffd8:AL ffda:ID ffdd:AL ffe0:PO ffe1:PR "
    "ffe2:ID ffe5:PR ffe7:AL fff9:CM fffc:ID fffd:AL 10100:BA 10103:AL 101fd:CM 101fe:AL 102e0:CM "
    "102e1:AL 10376:CM 1037b:AL 1039f:BA 103a0:AL 103d0:BA 103d1:AL 104a0:NU 104aa:AL 10857:BA "
    "10858:AL 1091f:BA 10920:AL 10a01:CM 10a04:AL 10a05:CM 10a07:AL 10a0c:CM 10a10:AL 10a38:CM "
    "10a3b:AL 10a3f:CM 10a40:AL 10a50:BA 10a58:AL 10ae5:CM 10ae7:AL 10af0:BA 10af6:IN 10af7:AL "
    "10b39:BA 10b40:AL 10d24:CM 10d28:AL 10d30:NU 10d3a:AL 10eab:CM 10ead:BA 10eae:AL 10f46:CM "
    "10f51:AL 10f82:CM 10f86:AL 11000:CM 11003:AL 11038:CM 11047:BA 11049:AL 11066:NU 11070:CM "
    "11071:AL 11073:CM 11075:AL 1107f:CM 11083:AL 110b0:CM 110bb:AL 110be:BA 110c2:CM 110c3:AL "
    "110f0:NU 110fa:AL 11100:CM 11103:AL 11127:CM 11135:AL 11136:NU 11140:BA 11144:AL 11145:CM "
    "11147:AL 11173:CM 11174:AL 11175:BB 11176:AL 11180:CM 11183:AL 111b3:CM 111c1:AL 111c5:BA "
    "111c7:AL 111c8:BA 111c9:CM 111cd:AL 111ce:CM 111d0:NU 111da:AL 111db:BB 111dc:AL 111dd:BA "
    "111e0:AL 1122c:CM 11238:BA 1123a:AL 1123b:BA 1123d:AL 1123e:CM 1123f:AL 112a9:BA 112aa:AL "
    "112df:CM 112eb:AL 112f0:NU 112fa:AL 11300:CM 11304:AL 1133b:CM 1133d:AL 1133e:CM 11345:AL "
    "11347:CM 11349:AL 1134b:CM 1134e:AL 11357:CM 11358:AL 11362:CM 11364:AL 11366:CM 1136d:AL "
    "11370:CM 11375:AL 11435:CM 11447:AL 1144b:BA 1144f:AL 11450:NU 1145a:BA 1145c:AL 1145e:CM "
    "1145f:AL 114b0:CM 114c4:AL 114d0:NU 114da:AL 115af:CM 115b6:AL 115b8:CM 115c1:BB 115c2:BA "
    "115c4:EX 115c6:AL 115c9:BA 115d8:AL 115dc:CM 115de:AL 11630:CM 11641:BA 11643:AL 11650:NU "
    "1165a:AL 11660:BB 1166d:AL 116ab:CM 116b8:AL 116c0:NU 116ca:AL 11730:NU 1173a:AL 1173c:BA "
    "1173f:AL 1182c:CM 1183b:AL 118e0:NU 118ea:AL 11930:CM 11936:AL 11937:CM 11939:AL 1193b:CM "
    "1193f:AL 11940:CM 11941:AL 11942:CM 11944:BA 11947:AL 11950:NU 1195a:AL 119d1:CM 119d8:AL "
    "119da:CM 119e1:AL 119e2:BB 119e3:AL 119e4:CM 119e5:AL 11a01:CM 11a0b:AL 11a33:CM 11a3a:AL "
    "11a3b:CM 11a3f:BB 11a40:AL 11a41:BA 11a45:BB 11a46:AL 11a47:CM 11a48:AL 11a51:CM 11a5c:AL "
    "11a8a:CM 11a9a:BA 11a9d:AL 11a9e:BB 11aa1:BA 11aa3:AL 11c2f:CM 11c37:AL 11c38:CM 11c40:AL "
    "11c41:BA 11c46:AL 11c50:NU 11c5a:AL 11c70:BB 11c71:EX 11c72:AL 11c92:CM 11ca8:AL 11ca9:CM "
    "11cb7:AL 11d31:CM 11d37:AL 11d3a:CM 11d3b:AL 11d3c:CM 11d3e:AL 11d3f:CM 11d46:AL 11d47:CM "
    "11d48:AL 11d50:NU 11d5a:AL 11d8a:CM 11d8f:AL 11d90:CM 11d92:AL 11d93:CM 11d98:AL 11da0:NU "
    "11daa:AL 11ef3:CM 11ef7:AL 11fdd:PO 11fe1:AL 11fff:BA 12000:AL 12470:BA 12475:AL 13258:OP "
    "1325b:CL 1325e:AL 13282:CL 13283:AL 13286:OP 13287:CL 13288:OP 13289:CL 1328a:AL 13379:OP "
    "1337a:CL 1337c:AL 13430:GL 13437:OP 13438:CL 13439:AL 145ce:OP 145cf:CL 145d0:AL 16a60:NU "
    "16a6a:AL 16a6e:BA 16a70:AL 16ac0:NU 16aca:AL 16af0:CM 16af5:BA 16af6:AL 16b30:CM 16b37:BA "
    "16b3a:AL 16b44:BA 16b45:AL 16b50:NU 16b5a:AL 16e97:BA 16e99:AL 16f4f:CM 16f50:AL 16f51:CM "
    "16f88:AL 16f8f:CM 16f93:AL 16fe0:NS 16fe4:GL 16fe5:AL 16ff0:CM 16ff2:AL 17000:ID 187f8:AL "
    "18800:ID 18b00:AL 18d00:ID 18d09:AL 1b000:ID 1b123:AL 1b150:NS 1b153:AL 1b164:NS 1b168:AL "
    "1b170:ID 1b2fc:AL 1bc9d:CM 1bc9f:BA 1bca0:CM 1bca4:AL 1cf00:CM 1cf2e:AL 1cf30:CM 1cf47:AL "
    "1d165:CM 1d16a:AL 1d16d:CM 1d183:AL 1d185:CM 1d18c:AL 1d1aa:CM 1d1ae:AL 1d242:CM 1d245:AL "
    "1d7ce:NU 1d800:AL 1da00:CM 1da37:AL 1da3b:CM 1da6d:AL 1da75:CM 1da76:AL 1da84:CM 1da85:AL "
    "1da87:BA 1da8b:AL 1da9b:CM 1daa0:AL 1daa1:CM 1dab0:AL 1e000:CM 1e007:AL 1e008:CM 1e019:AL "
    "1e01b:CM 1e022:AL 1e023:CM 1e025:AL 1e026:CM 1e02b:AL 1e130:CM 1e137:AL 1e140:NU 1e14a:AL "
    "1e2ae:CM 1e2af:AL 1e2ec:CM 1e2f0:NU 1e2fa:AL 1e2ff:PR 1e300:AL 1e8d0:CM 1e8d7:AL 1e944:CM "
    "1e94b:AL 1e950:NU 1e95a:AL 1e95e:OP 1e960:AL 1ecac:PO 1ecad:AL 1ecb0:PO 1ecb1:AL 1f000:ID "
    "1f02c:ID2 1f030:ID 1f094:ID2 1f0a0:ID 1f0af:ID2 1f0b1:ID 1f0c0:ID2 1f0c1:ID 1f0d0:ID2 "
    "1f0d1:ID 1f0f6:ID2 1f100:AL 1f10d:ID 1f110:AL 1f16d:ID 1f170:AL 1f1ad:ID 1f1ae:ID2 1f1e6:RI "
    "1f200:ID 1f203:ID2 1f210:ID 1f23c:ID2 1f240:ID 1f249:ID2 1f250:ID 1f252:ID2 1f260:ID "
    "1f266:ID2 1f300:ID 1f385:EB 1f386:ID 1f39c:AL 1f39e:ID 1f3b5:AL 1f3b7:ID 1f3bc:AL 1f3bd:ID "
    "1f3c2:EB 1f3c5:ID 1f3c7:EB 1f3c8:ID 1f3ca:EB 1f3cd:ID 1f3fb:EM 1f400:ID 1f442:EB 1f444:ID "
    "1f446:EB 1f451:ID 1f466:EB 1f479:ID 1f47c:EB 1f47d:ID 1f481:EB 1f484:ID 1f485:EB 1f488:ID "
    "1f48f:EB 1f490:ID 1f491:EB 1f492:ID 1f4a0:AL 1f4a1:ID 1f4a2:AL 1f4a3:ID 1f4a4:AL 1f4a5:ID "
    "1f4aa:EB 1f4ab:ID 1f4af:AL 1f4b0:ID 1f4b1:AL 1f4b3:ID 1f500:AL 1f507:ID 1f517:AL 1f525:ID "
    "1f532:AL 1f54a:ID 1f574:EB 1f576:ID 1f57a:EB 1f57b:ID 1f590:EB 1f591:ID 1f595:EB 1f597:ID "
    "1f5d4:AL 1f5dc:ID 1f5f4:AL 1f5fa:ID 1f645:EB 1f648:ID 1f64b:EB 1f650:AL 1f676:QU 1f679:NS "
    "1f67c:AL 1f680:ID 1f6a3:EB 1f6a4:ID 1f6b4:EB 1f6b7:ID 1f6c0:EB 1f6c1:ID 1f6cc:EB 1f6cd:ID "
    "1f6d8:ID2 1f6dd:ID 1f6ed:ID2 1f6f0:ID 1f6fd:ID2 1f700:AL 1f774:ID2 1f780:AL 1f7d5:ID "
    "1f7d9:ID2 1f7e0:ID 1f7ec:ID2 1f7f0:ID 1f7f1:ID2 1f800:AL 1f80c:ID2 1f810:AL 1f848:ID2 "
    "1f850:AL 1f85a:ID2 1f860:AL 1f888:ID2 1f890:AL 1f8ae:ID2 1f8b0:ID 1f8b2:ID2 1f900:AL "
    "1f90c:EB 1f90d:ID 1f90f:EB 1f910:ID 1f918:EB 1f920:ID 1f926:EB 1f927:ID 1f930:EB 1f93a:ID "
    "1f93c:EB 1f93f:ID 1f977:EB 1f978:ID 1f9b5:EB 1f9b7:ID 1f9b8:EB 1f9ba:ID 1f9bb:EB 1f9bc:ID "
    "1f9cd:EB 1f9d0:ID 1f9d1:EB 1f9de:ID 1fa00:AL 1fa54:ID2 1fa60:ID 1fa6e:ID2 1fa70:ID 1fa75:ID2 "
    "1fa78:ID 1fa7d:ID2 1fa80:ID 1fa87:ID2 1fa90:ID 1faad:ID2 1fab0:ID 1fabb:ID2 1fac0:ID "
    "1fac3:EB 1fac6:ID2 1fad0:ID 1fada:ID2 1fae0:ID 1fae8:ID2 1faf0:EB 1faf7:ID2 1fb00:AL "
    "1fbf0:NU 1fbfa:AL 1fc00:ID2 1fffe:AL 20000:ID 2fffe:AL 30000:ID 3fffe:AL e0001:CM e0002:AL "
    "e0020:CM e0080:AL e0100:CM e01f0:AL"
)

# Display width as libunistring's uc_width() gives it for UTF-8 (-1: control character).
_WIDTH_RUNS = (
    "0:0 1:-1 20:1 7f:-1 a0:1 ad:0 ae:1 300:0 370:1 483:0 48a:1 591:0 5be:1 5bf:0 5c0:1 5c1:0 "
    "5c3:1 5c4:0 5c6:1 5c7:0 5c8:1 600:0 606:1 610:0 61b:1 61c:0 61d:1 64b:0 660:1 670:0 671:1 "
    "6d6:0 6de:1 6df:0 6e5:1 6e7:0 6e9:1 6ea:0 6ee:1 70f:0 710:1 711:0 712:1 730:0 74b:1 7a6:0 "
    "7b1:1 7eb:0 7f4:1 7fd:0 7fe:1 816:0 81a:1 81b:0 824:1 825:0 828:1 829:0 82e:1 859:0 85c:1 "
    "890:0 892:1 898:0 8a0:1 8ca:0 903:1 93a:0 93b:1 93c:0 93d:1 941:0 949:1 94d:0 94e:1 951:0 "
    "958:1 962:0 964:1 981:0 982:1 9bc:0 9bd:1 9c1:0 9c5:1 9cd:0 9ce:1 9e2:0 9e4:1 9fe:0 9ff:1 "
    "a01:0 a03:1 a3c:0 a3d:1 a41:0 a43:1 a47:0 a49:1 a4b:0 a4e:1 a51:0 a52:1 a70:0 a72:1 a75:0 "
    "a76:1 a81:0 a83:1 abc:0 abd:1 ac1:0 ac6:1 ac7:0 ac9:1 acd:0 ace:1 ae2:0 ae4:1 afa:0 b00:1 "
    "b01:0 b02:1 b3c:0 b3d:1 b3f:0 b40:1 b41:0 b45:1 b4d:0 b4e:1 b55:0 b57:1 b62:0 b64:1 b82:0 "
    "b83:1 bc0:0 bc1:1 bcd:0 bce:1 c00:0 c01:1 c04:0 c05:1 c3c:0 c3d:1 c3e:0 c41:1 c46:0 c49:1 "
    "c4a:0 c4e:1 c55:0 c57:1 c62:0 c64:1 c81:0 c82:1 cbc:0 cbd:1 ccc:0 cce:1 ce2:0 ce4:1 d00:0 "
    "d02:1 d3b:0 d3d:1 d41:0 d45:1 d4d:0 d4e:1 d62:0 d64:1 d81:0 d82:1 dca:0 dcb:1 dd2:0 dd5:1 "
    "dd6:0 dd7:1 e31:0 e32:1 e34:0 e3b:1 e47:0 e4f:1 eb1:0 eb2:1 eb4:0 ebd:1 ec8:0 ece:1 f18:0 "
    "f1a:1 f35:0 f36:1 f37:0 f38:1 f39:0 f3a:1 f71:0 f7f:1 f80:0 f85:1 f86:0 f88:1 f8d:0 f98:1 "
    "f99:0 fbd:1 fc6:0 fc7:1 102d:0 1031:1 1032:0 1038:1 1039:0 103b:1 103d:0 103f:1 1058:0 "
    "105a:1 105e:0 1061:1 1071:0 1075:1 1082:0 1083:1 1085:0 1087:1 108d:0 108e:1 109d:0 109e:1 "
    "1100:2 1160:0 1200:1 135d:0 1360:1 1712:0 1715:1 1732:0 1734:1 1752:0 1754:1 1772:0 1774:1 "
    "17b4:0 17b6:1 17b7:0 17be:1 17c6:0 17c7:1 17c9:0 17d4:1 17dd:0 17de:1 180b:0 1810:1 1885:0 "
    "1887:1 18a9:0 18aa:1 1920:0 1923:1 1927:0 1929:1 1932:0 1933:1 1939:0 193c:1 1a17:0 1a19:1 "
    "1a1b:0 1a1c:1 1a56:0 1a57:1 1a58:0 1a5f:1 1a60:0 1a61:1 1a62:0 1a63:1 1a65:0 1a6d:1 1a73:0 "
    "1a7d:1 1a7f:0 1a80:1 1ab0:0 1acf:1 1b00:0 1b04:1 1b34:0 1b35:1 1b36:0 1b3b:1 1b3c:0 1b3d:1 "
    "1b42:0 1b43:1 1b6b:0 1b74:1 1b80:0 1b82:1 1ba2:0 1ba6:1 1ba8:0 1baa:1 1bab:0 1bae:1 1be6:0 "
    "1be7:1 1be8:0 1bea:1 1bed:0 1bee:1 1bef:0 1bf2:1 1c2c:0 1c34:1 1c36:0 1c38:1 1cd0:0 1cd3:1 "
    "1cd4:0 1ce1:1 1ce2:0 1ce9:1 1ced:0 1cee:1 1cf4:0 1cf5:1 1cf8:0 1cfa:1 1dc0:0 1e00:1 200b:0 "
    "2010:1 202a:0 202f:1 2060:0 2065:1 2066:0 2070:1 20d0:0 20f1:1 231a:2 231c:1 2329:2 232b:1 "
    "23e9:2 23ed:1 23f0:2 23f1:1 23f3:2 23f4:1 25fd:2 25ff:1 2614:2 2616:1 2648:2 2654:1 267f:2 "
    "2680:1 2693:2 2694:1 26a1:2 26a2:1 26aa:2 26ac:1 26bd:2 26bf:1 26c4:2 26c6:1 26ce:2 26cf:1 "
    "26d4:2 26d5:1 26ea:2 26eb:1 26f2:2 26f4:1 26f5:2 26f6:1 26fa:2 26fb:1 26fd:2 26fe:1 2705:2 "
    "2706:1 270a:2 270c:1 2728:2 2729:1 274c:2 274d:1 274e:2 274f:1 2753:2 2756:1 2757:2 2758:1 "
    "2795:2 2798:1 27b0:2 27b1:1 27bf:2 27c0:1 2b1b:2 2b1d:1 2b50:2 2b51:1 2b55:2 2b56:1 2cef:0 "
    "2cf2:1 2d7f:0 2d80:1 2de0:0 2e00:1 2e80:2 302a:0 302e:2 303f:1 3040:2 3099:0 309b:2 3248:1 "
    "3250:2 4dc0:1 4e00:2 a4d0:1 a66f:0 a673:1 a674:0 a67e:1 a69e:0 a6a0:1 a6f0:0 a6f2:1 a802:0 "
    "a803:1 a806:0 a807:1 a80b:0 a80c:1 a825:0 a827:1 a82c:0 a82d:1 a8c4:0 a8c6:1 a8e0:0 a8f2:1 "
    "a8ff:0 a900:1 a926:0 a92e:1 a947:0 a952:1 a960:2 a97d:1 a980:0 a983:1 a9b3:0 a9b4:1 a9b6:0 "
    "a9ba:1 a9bc:0 a9be:1 a9e5:0 a9e6:1 aa29:0 aa2f:1 aa31:0 aa33:1 aa35:0 aa37:1 aa43:0 aa44:1 "
    "aa4c:0 aa4d:1 aa7c:0 aa7d:1 aab0:0 aab1:1 aab2:0 aab5:1 aab7:0 aab9:1 aabe:0 aac0:1 aac1:0 "
    "aac2:1 aaec:0 aaee:1 aaf6:0 aaf7:1 abe5:0 abe6:1 abe8:0 abe9:1 abed:0 abee:1 ac00:2 d7a4:1 "
    "d7b0:0 d7c7:1 d7cb:0 d7fc:1 f900:2 fb00:1 fb1e:0 fb1f:1 fe00:0 fe10:2 fe20:0 fe30:2 fe70:1 "
    "feff:0 ff00:2 ff61:1 ffe0:2 ffe7:1 fff9:0 fffc:1 101fd:0 101fe:1 102e0:0 102e1:1 10376:0 "
    "1037b:1 10a01:0 10a04:1 10a05:0 10a07:1 10a0c:0 10a10:1 10a38:0 10a3b:1 10a3f:0 10a40:1 "
    "10ae5:0 10ae7:1 10d24:0 10d28:1 10eab:0 10ead:1 10f46:0 10f51:1 10f82:0 10f86:1 11001:0 "
    "11002:1 11038:0 11047:1 11070:0 11071:1 11073:0 11075:1 1107f:0 11082:1 110b3:0 110b7:1 "
    "110b9:0 110bb:1 110bd:0 110be:1 110c2:0 110c3:1 110cd:0 110ce:1 11100:0 11103:1 11127:0 "
    "1112c:1 1112d:0 11135:1 11173:0 11174:1 11180:0 11182:1 111b6:0 111bf:1 111c9:0 111cd:1 "
    "111cf:0 111d0:1 1122f:0 11232:1 11234:0 11235:1 11236:0 11238:1 1123e:0 1123f:1 112df:0 "
    "112e0:1 112e3:0 112eb:1 11300:0 11302:1 1133b:0 1133d:1 11340:0 11341:1 11366:0 1136d:1 "
    "11370:0 11375:1 11438:0 11440:1 11442:0 11445:1 11446:0 11447:1 1145e:0 1145f:1 114b3:0 "
    "114b9:1 114ba:0 114bb:1 114bf:0 114c1:1 114c2:0 114c4:1 115b2:0 115b6:1 115bc:0 115be:1 "
    "115bf:0 115c1:1 115dc:0 115de:1 11633:0 1163b:1 1163d:0 1163e:1 1163f:0 11641:1 116ab:0 "
    "116ac:1 116ad:0 116ae:1 116b0:0 116b6:1 116b7:0 116b8:1 1171d:0 11720:1 11722:0 11726:1 "
    "11727:0 1172c:1 1182f:0 11838:1 11839:0 1183b:1 1193b:0 1193d:1 1193e:0 1193f:1 11943:0 "
    "11944:1 119d4:0 119d8:1 119da:0 119dc:1 119e0:0 119e1:1 11a01:0 11a07:1 11a09:0 11a0b:1 "
    "11a33:0 11a39:1 11a3b:0 11a3f:1 11a47:0 11a48:1 11a51:0 11a57:1 11a59:0 11a5c:1 11a8a:0 "
    "11a97:1 11a98:0 11a9a:1 11c30:0 11c37:1 11c38:0 11c3e:1 11c92:0 11ca8:1 11caa:0 11cb1:1 "
    "11cb2:0 11cb4:1 11cb5:0 11cb7:1 11d31:0 11d37:1 11d3a:0 11d3b:1 11d3c:0 11d3e:1 11d3f:0 "
    "11d46:1 11d47:0 11d48:1 11d90:0 11d92:1 11d95:0 11d96:1 11d97:0 11d98:1 11ef3:0 11ef5:1 "
    "13430:0 13439:1 16af0:0 16af5:1 16b30:0 16b37:1 16f4f:0 16f50:1 16f8f:0 16f93:1 16fe0:2 "
    "16fe4:0 16fe5:1 16ff0:2 16ff2:1 17000:2 187f8:1 18800:2 18cd6:1 18d00:2 18d09:1 1aff0:2 "
    "1aff4:1 1aff5:2 1affc:1 1affd:2 1afff:1 1b000:2 1b123:1 1b150:2 1b153:1 1b164:2 1b168:1 "
    "1b170:2 1b2fc:1 1bc9d:0 1bc9f:1 1bca0:0 1bca4:1 1cf00:0 1cf2e:1 1cf30:0 1cf47:1 1d167:0 "
    "1d16a:1 1d173:0 1d183:1 1d185:0 1d18c:1 1d1aa:0 1d1ae:1 1d242:0 1d245:1 1da00:0 1da37:1 "
    "1da3b:0 1da6d:1 1da75:0 1da76:1 1da84:0 1da85:1 1da9b:0 1daa0:1 1daa1:0 1dab0:1 1e000:0 "
    "1e007:1 1e008:0 1e019:1 1e01b:0 1e022:1 1e023:0 1e025:1 1e026:0 1e02b:1 1e130:0 1e137:1 "
    "1e2ae:0 1e2af:1 1e2ec:0 1e2f0:1 1e8d0:0 1e8d7:1 1e944:0 1e94b:1 1f004:2 1f005:1 1f0cf:2 "
    "1f0d0:1 1f18e:2 1f18f:1 1f191:2 1f19b:1 1f200:2 1f321:1 1f32d:2 1f336:1 1f337:2 1f37d:1 "
    "1f37e:2 1f394:1 1f3a0:2 1f3cb:1 1f3cf:2 1f3d4:1 1f3e0:2 1f3f1:1 1f3f4:2 1f3f5:1 1f3f8:2 "
    "1f43f:1 1f440:2 1f441:1 1f442:2 1f4fd:1 1f4ff:2 1f53e:1 1f54b:2 1f54f:1 1f550:2 1f568:1 "
    "1f57a:2 1f57b:1 1f595:2 1f597:1 1f5a4:2 1f5a5:1 1f5fb:2 1f650:1 1f680:2 1f6c6:1 1f6cc:2 "
    "1f6cd:1 1f6d0:2 1f6d3:1 1f6d5:2 1f6d8:1 1f6dd:2 1f6e0:1 1f6eb:2 1f6ed:1 1f6f4:2 1f6fd:1 "
    "1f7e0:2 1f7ec:1 1f7f0:2 1f7f1:1 1f90c:2 1f93b:1 1f93c:2 1f946:1 1f947:2 1fa00:1 1fa70:2 "
    "1fa75:1 1fa78:2 1fa7d:1 1fa80:2 1fa87:1 1fa90:2 1faad:1 1fab0:2 1fabb:1 1fac0:2 1fac6:1 "
    "1fad0:2 1fada:1 1fae0:2 1fae8:1 1faf0:2 1faf7:1 20000:2 40000:1 e0001:0 e0002:1 e0020:0 "
    "e0080:1 e0100:0 e01f0:1"
)

# UAX #14 pair table [before][after]: D direct break, I break only after spaces, P prohibited.
_PAIR_TABLE = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",
)


def _decode_runs(text: str, convert: Callable[[str], int]) -> tuple[list[int], list[int]]:
    """``"start:value start:value ..."`` (start in hex) -> sorted starts and their values."""
    starts: list[int] = []
    values: list[int] = []
    for item in text.split():
        start, value = item.split(":")
        starts.append(int(start, 16))
        values.append(convert(value))
    return starts, values


_LB_STARTS, _LB_VALUES = _decode_runs(_LB_RUNS, _CLASS.__getitem__)
_WIDTH_STARTS, _WIDTH_VALUES = _decode_runs(_WIDTH_RUNS, int)
