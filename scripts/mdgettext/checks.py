"""msgid/msgstr pairs -> findings: is a translation safe to publish, and is it a faithful one?

A translation is untrusted input. Python-Markdown passes ``[x](javascript:...)``, raw ``<script>`` and
``onerror=`` straight into the page, so every translation is compared with its source by *parsing both*:
each is rendered with Python-Markdown (what MkDocs uses) and the HTML is read back with ``html.parser``.
Links, images, code, emphasis and block structure are compared as parsed elements, not as counts.

Every check has a stable id and a severity. Errors make ``mdgettext check`` fail and keep the translation out
of the built site (the plugin falls back to English); warnings are advice for the translator.

This module is pure: no printing, no MkDocs, no file access. ``audit`` reads the project and calls it.
"""

from __future__ import annotations

import contextlib
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import quote, urlsplit

import markdown
import polib
import yaml
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from .glossary import Glossary, contains_form, contains_term
from .languages import nplurals
from .merge import Memory, is_translated, update_catalog
from .stats import CatalogStats

__all__ = [
    "CHECKS",
    "ERROR",
    "NOTHING_USABLE",
    "WARNING",
    "Allowlist",
    "Check",
    "Finding",
    "Usable",
    "check_catalog",
    "check_catalog_sync",
    "check_entry",
    "check_pair",
    "check_template_sync",
    "check_thresholds",
    "parse_allowlist",
    "usable_entries",
]

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    title: str
    hint: str


_CHECK_LIST = (
    # validity
    Check(
        "po-syntax",
        ERROR,
        "the catalog is not valid PO",
        "fix the line named (msgfmt --check-format FILE shows the same); a PO editor such as Poedit helps",
    ),
    Check(
        "plural-forms",
        ERROR,
        "wrong number of plural forms for the language",
        "give exactly as many msgstr[N] as the language's Plural-Forms header says (nplurals)",
    ),
    Check(
        "out-of-sync",
        ERROR,
        "the catalogs do not match the pages",
        "run `mdgettext update` (make update) and commit docs/ and locales/ together",
    ),
    Check(
        "threshold",
        ERROR,
        "a published language is below its completeness threshold",
        "translate what `mdgettext todo LANG` lists, or lower plugins > mdgettext > thresholds in mkdocs.yml",
    ),
    # Markdown structure
    Check(
        "link-target",
        ERROR,
        "link targets differ from the source",
        "copy every link target (the part in parentheses) exactly from the msgid; only the link text "
        "is translated",
    ),
    Check(
        "image-target",
        ERROR,
        "image sources differ from the source",
        "copy the image path in ![...](path) exactly from the msgid; translate only the alt text",
    ),
    Check(
        "reference",
        ERROR,
        "reference labels or footnote references differ from the source",
        "keep [text][label] labels and [^note] references exactly as in the msgid",
    ),
    Check(
        "code-span",
        ERROR,
        "code spans differ from the source",
        "copy every `code span` exactly; code is never translated",
    ),
    Check(
        "emphasis",
        ERROR,
        "emphasis or strong emphasis missing, added or unbalanced",
        "mark the same words as the source with *...* or **...**, and close every marker you open",
    ),
    Check(
        "html-tag",
        ERROR,
        "raw HTML tags differ from the source",
        "keep every HTML tag and its attributes exactly as in the msgid; translate only the text between",
    ),
    Check(
        "attr-list",
        ERROR,
        "attribute lists ({#id}, {: .class}) differ from the source",
        "keep {#id} and {: ...} attribute lists exactly as in the msgid",
    ),
    Check(
        "admonition",
        ERROR,
        "admonition or tab markers (!!!, ???, ===) in the translation",
        "remove the marker: admonitions and tabs belong to the page, not to a translation",
    ),
    Check(
        "new-block",
        ERROR,
        "the translation starts new Markdown block structure",
        "do not begin a line with #, >, -, *, +, 1., ``` or an HTML tag, and do not add blank lines; "
        "escape a leading character with a backslash if it must stay (\\#, 1\\.)",
    ),
    Check(
        "placeholders",
        ERROR,
        "placeholders ({name}) dropped, renamed or added",
        "keep every {placeholder} of the msgid exactly, in any order",
    ),
    # security
    Check(
        "unsafe-url",
        ERROR,
        "javascript:, vbscript: or data: URL",
        "remove it; links may only point where the source's links point",
    ),
    Check(
        "unsafe-html",
        ERROR,
        "script-capable HTML: a new <script>/<iframe>/... element or on* attribute",
        "remove it; a translation may not add active HTML",
    ),
    Check(
        "new-url",
        ERROR,
        "a URL or domain the source does not have",
        "use the source's URLs; a localized address must be listed for the language in "
        "locales/allowed-urls.yml by a maintainer",
    ),
    Check(
        "homoglyph-domain",
        ERROR,
        "a domain written with look-alike letters (mixed scripts, punycode)",
        "type the domain exactly as in the source; this is how phishing links are disguised",
    ),
    Check(
        "invisible-char",
        ERROR,
        "bidirectional override or invisible control character",
        "delete the invisible character (your editor's 'show invisibles' finds it); NBSP is fine",
    ),
    Check(
        "template-syntax",
        ERROR,
        "template syntax ({{, {%, {#...#}) not in the source",
        "remove it: template markers would be executed or break the page",
    ),
    # text
    Check(
        "whitespace",
        WARNING,
        "leading/trailing whitespace or line breaks differ from the source",
        "start and end the translation like the msgid, with as many line breaks",
    ),
    Check(
        "numbers",
        WARNING,
        "numbers differ from the source",
        "keep every figure; write it in the language's own format",
    ),
    Check("doubled-word", WARNING, "a word is repeated", "delete the repeated word"),
    Check(
        "untranslated",
        WARNING,
        "the translation is a copy of the source",
        "translate it, or leave msgstr empty so the page shows the source until it is translated",
    ),
    Check(
        "end-punctuation",
        WARNING,
        "ending punctuation differs from the source",
        "end the translation like the msgid (. ? ! : …)",
    ),
    Check(
        "glossary",
        WARNING,
        "a glossary term is not translated with the agreed term",
        "use one of the forms given in locales/glossary.csv (inflected forms are fine)",
    ),
    Check(
        "keep-word",
        WARNING,
        "a do-not-translate word is missing",
        "write the word exactly as in the source (locales/do-not-translate.txt)",
    ),
    Check(
        "foreign-letters",
        WARNING,
        "letters that do not belong to the language",
        "retype the word with the language's own letters (a Latin/Cyrillic look-alike or a letter of "
        "a neighbouring language slipped in)",
    ),
    Check("quotes", WARNING, "quotation marks of another language", "use the language's quotation marks"),
)

#: Every check, by id; the ids are stable (CI configuration and the README refer to them).
CHECKS: dict[str, Check] = {check.id: check for check in _CHECK_LIST}


@dataclass(frozen=True)
class Finding:
    """One problem: where it is, which check found it, what is wrong and how to fix it."""

    file: str
    line: int
    msgid: str
    check_id: str
    severity: Severity
    message: str
    hint: str
    language: str = ""
    #: Where the text comes from in the pages (``docs/index.md:10``), for the translator's orientation.
    reference: str = ""


def _finding(
    check_id: str,
    message: str,
    *,
    file: str = "",
    line: int = 0,
    msgid: str = "",
    language: str = "",
    reference: str = "",
    hint: str | None = None,
) -> Finding:
    check = CHECKS[check_id]
    return Finding(
        file, line, msgid, check_id, check.severity, message, hint or check.hint, language, reference
    )


# -- the per-language allow-list of localized URLs -------------------------------------------------
#: language -> ((source URL prefix, localized URL prefix), ...)
Allowlist = Mapping[str, Sequence[tuple[str, str]]]


def parse_allowlist(text: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """``locales/allowed-urls.yml``: per language, source URL prefix -> the localized prefix replacing it.

    A localized URL is accepted only *in place of* a source URL under the matching prefix, so an allow-listed
    address can never be added to a segment whose source has no link there.
    """
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError(
            "allowed-urls.yml: expected a mapping of language -> {source prefix: localized prefix}"
        )
    result: dict[str, tuple[tuple[str, str], ...]] = {}
    for language, rules in data.items():
        if not isinstance(rules, dict):
            raise ValueError(f"allowed-urls.yml: '{language}' must map source URL prefixes to localized ones")
        result[str(language)] = tuple((str(src), str(dst)) for src, dst in rules.items())
    return result


# -- parsing a text into structure -----------------------------------------------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EXTENSIONS = ["attr_list", "admonition", "def_list", "tables", "md_in_html"]
_MD = markdown.Markdown(extensions=_EXTENSIONS)
_VOID = _words("area base br col embed hr img input link meta source track wbr")
_DANGEROUS_TAGS = _words(
    "script style iframe frame frameset object embed applet form input button textarea select option link "
    "meta base svg math template noscript portal dialog"
)
_DANGEROUS_ATTRS = _words("srcdoc formaction")
_URL_ATTRS = _words(
    "href src srcset action formaction poster data cite background lowsrc ping manifest codebase xlink:href"
)
_TRANSLATABLE_ATTRS = frozenset({"title", "alt", "aria-label", "placeholder", "label"})
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_REF_PREFIX = "mdgettext-ref:"

_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_RAW_TAG = re.compile(
    r"<(/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>/\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*/?>"
)
_ATTR = re.compile(r"([^\s=>/\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")
_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.:][^{}\n]*\}|\{:[^{}\n]*\}")
_FULL_REF = re.compile(r"\]\s?\[([^\]\n]*)\]")
_SHORT_REF = re.compile(r"(?<![\]\\!])\[([^\]\[\n]+)\](?![(\[:])")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_]\w*(?:\.\w+|\[\w+\])*)(![rsa])?(:[^{}]*)?\}(?!\})")
_TEMPLATE = re.compile(r"\{\{|\{%|\{#.*?#\}|%\}|\}\}", re.S)
_INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_SCRIPT_BLOCK = re.compile(r"(?is)<(script|style)\b.*?(?:</\1\s*>|$)")
_EVENT_ATTR = re.compile(r"(?i)[\s/\"'<]on[a-z]{3,}\s*=")
_SCRIPT_SCHEME = re.compile(
    r"(?i)(?:j[\W_]*a[\W_]*v[\W_]*a[\W_]*|v[\W_]*b[\W_]*)s[\W_]*c[\W_]*r[\W_]*i[\W_]*p[\W_]*t[\s\x00-\x1f]*:"
    r"|[(=<\"']\s*data\s*:"
)
_URL_TEXT = re.compile(r"(?i)\b(?:https?|ftp)://[^\s<>()\[\]\"'«»„“”]+|(?<![\w/])//[\w.-]+\.[a-z]{2,}")
_TLDS = sorted(
    _words(
        "com org net info io me by ru ua de pl eu uk us co biz app dev gov edu int site online link click "
        "xyz top "
        "ly to cc tv fm lt lv ee cz sk fr it es nl ch at se no fi dk ca au su kz ge am news shop store live "
        "space website рф бел укр"
    )
)
_DOMAIN_TEXT = re.compile(
    r"(?<![\w@.\-/])((?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:" + "|".join(_TLDS) + r"|xn--[a-z0-9-]+))(?![\w-])",
    re.IGNORECASE,
)


class _Reader(HTMLParser):
    """What a rendered fragment contains: elements, link and image targets, code, text, attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.blocks: list[str] = []
        self.elements: Counter[str] = Counter()
        self.links: list[str] = []
        self.images: list[str] = []
        self.code: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self._code_depth = 0
        self._raw_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag not in _VOID:
            self.depth += 1
            if tag == "code":
                self._code_depth += 1
                self.code.append("")
            if tag in ("script", "style"):
                self._raw_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.blocks.append(tag)
        self.elements[tag] += 1
        for name, value in attrs:
            self.attributes.append((tag, name.lower(), value or ""))
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag == "img":
            self.images.append(values.get("src", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if tag == "code":
            self._code_depth = max(0, self._code_depth - 1)
        if tag in ("script", "style"):
            self._raw_depth = max(0, self._raw_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._code_depth:
            self.code[-1] += data
        elif not self._raw_depth:
            if self.depth == 0 and data.strip():
                self.blocks.append("#text")
            self.text.append(data)


@dataclass(frozen=True)
class _Structure:
    blocks: tuple[str, ...]
    elements: Counter[str]
    links: Counter[str]
    images: Counter[str]
    code: Counter[str]
    attributes: tuple[tuple[str, str, str], ...]
    text: str
    raw_tags: Counter[tuple[str, ...]]
    references: Counter[str]
    footnotes: Counter[str]
    attr_lists: Counter[str]
    plain: str  # the Markdown with code, targets, tags and attribute lists removed: what readers read


def _without_code(text: str) -> str:
    return _CODE_SPAN.sub(" ", text)


def _raw_tags(text: str) -> Counter[tuple[str, ...]]:
    tags: Counter[tuple[str, ...]] = Counter()
    for match in _RAW_TAG.finditer(_without_code(text)):
        name = match.group(2).lower()
        attrs = []
        for attr in _ATTR.finditer(match.group(3)):
            key = attr.group(1).lower()
            value = (attr.group(2) or "").strip("\"'")
            if key in _URL_ATTRS or key in _TRANSLATABLE_ATTRS:
                value = ""  # URLs are the link checks' job; these attributes are translated
            attrs.append(f"{key}={value}")
        tags[(match.group(1), name, *sorted(attrs))] += 1
    return tags


# Large enough to keep every msgid of a 1,100-page site while the build goes through the other languages'
# msgstrs: the msgid's structure is then computed once for all languages, not once per language.
#: Text with none of Markdown's or HTML's inline markers, control characters or line breaks...
_PLAIN_TEXT = re.compile(r"[^\\`*_\[\]<>&|{}\x00-\x1f\x7f]+")
#: ...and not starting like a block (list, heading, quote, definition, admonition, table, ordered list).
_NOT_PLAIN_FIRST = frozenset("-+#>:=!?~%0123456789")


@lru_cache(maxsize=2**16)
def _structure(text: str, labels: tuple[str, ...]) -> _Structure:
    """Parse a segment the way the site will: Python-Markdown, then the HTML read back.

    Most segments are plain sentences, which Python-Markdown turns into one ``<p>`` with the text unchanged:
    their structure is written down without rendering (a property test holds it to the rendered one).
    """
    if not labels and _is_plain(text):
        return _plain_structure(text)
    return _rendered_structure(text, labels)


def _is_plain(text: str) -> bool:
    return (
        text == text.strip()
        and bool(_PLAIN_TEXT.fullmatch(text))
        and text[0] not in _NOT_PLAIN_FIRST
        and not text[0].isdecimal()  # Python-Markdown's list pattern is \d: "١. x" is a list too
    )


def _plain_structure(text: str) -> _Structure:
    return _Structure(
        blocks=("p",),
        elements=Counter({"p": 1}),
        links=Counter(),
        images=Counter(),
        code=Counter(),
        attributes=(),
        text=text,
        raw_tags=Counter(),
        references=Counter(),
        footnotes=Counter(),
        attr_lists=Counter(),
        plain=text,
    )


def _rendered_structure(text: str, labels: tuple[str, ...]) -> _Structure:
    body = text
    if labels:
        # Reference links resolve against definitions elsewhere on the page; stand-ins make them parse.
        body += "\n\n" + "\n".join(f"[{label}]: {_REF_PREFIX}{quote(label.lower())}" for label in labels)
    _MD.reset()
    rendered = _MD.convert(body)
    reader = _Reader()
    reader.feed(rendered)
    reader.close()
    code_free = _without_code(text)
    plain = _SCRIPT_BLOCK.sub(" ", _INLINE_LINK.sub(lambda m: m.group(2), code_free))
    plain = _FOOTNOTE_REF.sub(" ", _ATTR_LIST.sub(" ", _RAW_TAG.sub(" ", plain)))
    references = Counter(link[len(_REF_PREFIX) :] for link in reader.links if link.startswith(_REF_PREFIX))
    return _Structure(
        blocks=tuple(reader.blocks),
        elements=reader.elements,
        links=Counter(link for link in reader.links if not link.startswith(_REF_PREFIX)),
        images=Counter(reader.images),
        code=Counter(reader.code),
        attributes=tuple(reader.attributes),
        text="".join(reader.text),
        raw_tags=_raw_tags(text),
        references=references,
        footnotes=Counter(_FOOTNOTE_REF.findall(code_free)),
        attr_lists=Counter(" ".join(item.split()) for item in _ATTR_LIST.findall(code_free)),
        plain=plain,
    )


def _labels(source: str, translation: str) -> tuple[str, ...]:
    """Reference labels to define: the source's, and full references the translation introduces."""
    src = _without_code(source)
    found = {
        *_FULL_REF.findall(src),
        *_SHORT_REF.findall(src),
        *_FULL_REF.findall(_without_code(translation)),
    }
    found |= {m.group(2) for m in _INLINE_LINK.finditer(src)} & set(_FULL_REF.findall(src))
    return tuple(sorted(label for label in found if label and not label.startswith("^")))


# -- URLs and domains ------------------------------------------------------------------------------
def _normalized_url(value: str) -> str:
    """What a browser makes of an attribute value: entities decoded, whitespace and controls dropped."""
    value = html.unescape(html.unescape(value))
    return "".join(
        ch for ch in value if ord(ch) > 0x20 and not unicodedata.category(ch).startswith("C")
    ).lower()


def _is_unsafe(value: str) -> bool:
    return _normalized_url(value).startswith(_UNSAFE_SCHEMES)


def _host(url: str) -> str | None:
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "ftp", "ftps", "ws", "wss") or not parts.hostname:
        return None
    return _decode_host(parts.hostname)


def _decode_host(host: str) -> str:
    labels = []
    for label in host.lower().rstrip(".").split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError, ValueError):
                label = label[4:].encode("ascii").decode("punycode")
        labels.append(label)
    return ".".join(labels)


def _text_hosts(text: str) -> list[tuple[str, str]]:
    """(what was written, host) for every URL or bare domain in running text."""
    found: list[tuple[str, str]] = []
    for match in _URL_TEXT.finditer(text):
        host = _host(match.group())
        if host:
            found.append((match.group(), host))
    rest = _URL_TEXT.sub(" ", text)
    for match in _DOMAIN_TEXT.finditer(rest):
        found.append((match.group(1), _decode_host(match.group(1))))
    return found


_CONFUSABLES = str.maketrans(
    {
        # Cyrillic and Greek letters that look Latin, and the digits that pass for letters.
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "һ": "h",
        "ԛ": "q",
        "ԝ": "w",
        "ү": "y",
        "к": "k",
        "м": "m",
        "т": "t",
        "в": "b",
        "н": "h",
        "ӏ": "l",
        "ɡ": "g",
        "α": "a",
        "ο": "o",
        "ρ": "p",
        "ν": "v",
        "ι": "i",
        "κ": "k",
        "τ": "t",
        "υ": "u",
        "ε": "e",
        "χ": "x",
        "0": "o",
        "1": "l",
        "ı": "i",
    }
)


def _skeleton(host: str) -> str:
    text = unicodedata.normalize("NFKC", host).lower().translate(_CONFUSABLES)
    return text.replace("rn", "m").replace("vv", "w")


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def _is_homoglyph(host: str, source_hosts: Iterable[str], written: str = "") -> bool:
    """Mixed scripts in one label, punycode dressing up as ASCII, or a look-alike of a source domain."""
    for label in host.split("."):
        scripts = {script for char in label if (script := _script(char))}
        if len(scripts) > 1:
            return True
    if "xn--" in written.lower() and _skeleton(host).isascii():
        return True
    skeleton = _skeleton(host)
    return any(host != other and skeleton == _skeleton(other) for other in source_hosts)


# -- text helpers ----------------------------------------------------------------------------------
_INVISIBLE = {
    *range(0x0000, 0x0009),
    0x000B,
    0x000C,
    *range(0x000E, 0x0020),
    0x007F,
    *range(0x0080, 0x00A0),
    0x00AD,
    0x034F,
    0x061C,
    0x115F,
    0x1160,
    0x17B4,
    0x17B5,
    0x180E,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x206A),
    0x3164,
    0xFEFF,
    0xFFA0,
    *range(0xFFF9, 0xFFFC),
    *range(0xE0000, 0xE0080),
}


def _invisible(text: str) -> Counter[str]:
    return Counter(char for char in text if ord(char) in _INVISIBLE)


_FOREIGN = {
    "be": "иИщЩъЪєЄїЇґҐ",
    "ru": "іІўЎєЄїЇґҐ",
}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_QUOTE_CHARS = '"“”„«»‟'
_ALLOWED_QUOTES = {
    "be": "«»„“",
    "ru": "«»„“",
    "uk": "«»„“",
    "de": "„“»«",
    "pl": "„”«»",
    "en": "“”",
}
_QUOTE_PAIRS = {"be": ("«", "»"), "ru": ("«", "»"), "de": ("„", "“"), "pl": ("„", "”"), "en": ("“", "”")}
_QUOTE_EXAMPLE = {"be": "«…» („…“ inside)", "ru": "«…» („…“ inside)", "de": "„…“", "pl": "„…”", "en": "“…”"}


@lru_cache(maxsize=64)
def _number_regex(language: str) -> tuple[re.Pattern[str], str, str]:
    """A figure as the language writes it: optional groups of three digits, then an optional fraction."""
    try:
        group, decimal = get_group_symbol(language), get_decimal_symbol(language)
    except Exception:  # a locale Babel does not know: English conventions
        group, decimal = ",", "."
    groups = {group}
    if group in ("\u00a0", "\u202f", " "):
        groups |= {" ", "\u00a0", "\u202f", "\u2009"}
    if group in ("’", "'"):
        groups |= {"’", "'"}
    group_class = "[" + "".join(re.escape(char) for char in sorted(groups)) + "]"
    fraction = rf"(?:{re.escape(decimal)}\d+)?"
    pattern = re.compile(rf"(?<![\w.,])(?:\d{{1,3}}(?:{group_class}\d{{3}})+{fraction}|\d+{fraction})(?!\d)")
    return pattern, group_class, decimal


def _numbers(text: str, language: str) -> Counter[str]:
    """Figures as values: ``1,100`` (en), ``1 100`` (ru, pl, be) and ``1.100`` (de) are all ``1100``."""
    pattern, group_class, decimal = _number_regex(language)
    values: Counter[str] = Counter()
    for match in pattern.finditer(text):
        digits = re.sub(group_class, "", match.group()).replace(decimal, ".")
        try:
            values[format(Decimal(digits).normalize(), "f")] += 1
        except InvalidOperation:
            values[match.group()] += 1
    return values


_END_STRIP = " \t\n*_)]»“”\"'’›\u00a0"


def _ending(text: str) -> str:
    text = _INLINE_LINK.sub(lambda m: m.group(2), text)
    text = _RAW_TAG.sub("", _SCRIPT_BLOCK.sub("", text)).rstrip(_END_STRIP)
    if text.endswith(("...", "…")):
        return "…"
    return text[-1] if text and text[-1] in ".!?:;" else ""


# -- the checks ------------------------------------------------------------------------------------
Problem = tuple[str, str]  # (check id, message)


def check_pair(
    source: str,
    translation: str,
    language: str,
    *,
    glossary: Glossary | None = None,
    allowlist: Allowlist | None = None,
    source_language: str = "en",
    brace_format: bool = False,
) -> list[Problem]:
    """Compare one translation with its source text; return (check id, message) pairs.

    ``glossary`` None skips the terminology checks (the build only needs the error-level ones).
    """
    problems: list[Problem] = []
    add = problems.append
    rules = tuple((allowlist or {}).get(language, ()))
    labels = _labels(source, translation)
    src = _structure(source, labels)
    dst = _structure(translation, labels)

    # -- security ----------------------------------------------------------------------------------
    unsafe = sorted(
        {
            value
            for _, name, value in dst.attributes
            if (name in _URL_ATTRS or name.startswith(("on", "xlink"))) and _is_unsafe(value)
        }
        - {value for _, _, value in src.attributes}
    )
    for value in unsafe:
        add(("unsafe-url", f"unsafe URL {value!r}"))
    if not unsafe:
        decoded = html.unescape(html.unescape(translation))
        source_schemes = len(_SCRIPT_SCHEME.findall(html.unescape(source)))
        if len(_SCRIPT_SCHEME.findall(decoded)) > source_schemes:
            add(("unsafe-url", "a javascript:, vbscript: or data: URL is written in the translation"))
    for tag, count in sorted(dst.elements.items()):
        if tag in _DANGEROUS_TAGS and count > src.elements[tag]:
            add(("unsafe-html", f"new <{tag}> element"))
    src_attrs = Counter((tag, name) for tag, name, _ in src.attributes)
    dst_attrs = Counter((tag, name) for tag, name, _ in dst.attributes)
    for (tag, name), count in sorted(dst_attrs.items()):
        if (name.startswith("on") or name in _DANGEROUS_ATTRS) and count > src_attrs[(tag, name)]:
            add(("unsafe-html", f"new {name}= attribute on <{tag}>"))
    if not any(pid == "unsafe-html" for pid, _ in problems) and len(_EVENT_ATTR.findall(translation)) > len(
        _EVENT_ATTR.findall(source)
    ):
        add(("unsafe-html", "an on*= event-handler attribute is written in the translation"))

    # -- links, images and the domains they point at -----------------------------------------------
    source_hosts = {host for url in [*src.links, *src.images] if (host := _host(url))}
    source_hosts |= {host for _, host in _text_hosts(source)}
    reported_hosts: set[str] = set()

    def classify(url: str) -> str | None:
        """The security finding an added URL deserves, if any (it is then reported here, once)."""
        if _is_unsafe(url):
            return "unsafe-url"  # reported above
        host = _host(url)
        if host is None or host in source_hosts:
            return None
        if host not in reported_hosts:
            reported_hosts.add(host)
            if _is_homoglyph(host, source_hosts, urlsplit(url).netloc if "//" in url else ""):
                add(("homoglyph-domain", f"look-alike domain {host!r} in {url!r}"))
                return "homoglyph-domain"
            add(("new-url", f"{url!r} points to {host!r}, which the source does not link to"))
        return "new-url"

    for kind, check_id, src_targets, dst_targets in (
        ("link", "link-target", src.links, dst.links),
        ("image", "image-target", src.images, dst.images),
    ):
        dropped = src_targets - dst_targets
        added = dst_targets - src_targets
        for url in sorted(added.elements()):
            localized = next(
                (
                    d
                    for d in sorted(dropped.elements())
                    for s_prefix, l_prefix in rules
                    if url.startswith(l_prefix) and d.startswith(s_prefix)
                ),
                None,
            )
            if localized is not None:
                dropped[localized] -= 1
                dropped = +dropped
                continue
            verdict = classify(url)
            if verdict is None:
                add(
                    (
                        check_id,
                        f"{kind} target {url!r} is not in the source"
                        + (f" (the source has {', '.join(map(repr, sorted(dropped)))})" if dropped else ""),
                    )
                )
                dropped = Counter()  # the change is reported once, as a change
            elif dropped:
                gone = sorted(dropped.elements())[0]
                dropped[gone] -= 1
                dropped = +dropped
        for url in sorted(dropped.elements()):
            add((check_id, f"{kind} target {url!r} of the source is missing"))

    allowed_hosts = {host for _, prefix in rules if (host := _host(prefix))}
    for written, host in _text_hosts(translation):
        if host in source_hosts or host in allowed_hosts or host in reported_hosts:
            continue
        reported_hosts.add(host)
        if _is_homoglyph(host, source_hosts, written):
            add(("homoglyph-domain", f"look-alike domain {host!r} in the text"))
        else:
            add(("new-url", f"{written!r} is an address the source does not have"))

    if src.references != dst.references:
        add(("reference", _difference("reference label", src.references, dst.references)))
    if src.footnotes != dst.footnotes:
        add(("reference", _difference("footnote reference", src.footnotes, dst.footnotes, "[^{}]")))

    # -- Markdown structure ------------------------------------------------------------------------
    if src.code != dst.code:
        add(("code-span", _difference("code span", src.code, dst.code, "`{}`")))
    for tag, name in (("em", "emphasis (*...*)"), ("strong", "strong emphasis (**...**)")):
        have, want = dst.elements[tag], src.elements[tag]
        if have != want:
            add(("emphasis", f"{name}: {have} in the translation, {want} in the source"))
    if dst.text.count("*") > src.text.count("*") or dst.text.count("__") > src.text.count("__"):
        add(("emphasis", "unbalanced emphasis marker: a * or _ is left open and shows as a character"))
    src_raw, dst_raw = _benign_tags(src.raw_tags), _benign_tags(dst.raw_tags)
    if src_raw != dst_raw:
        add(("html-tag", _difference("HTML tag", src_raw, dst_raw, formatter=_tag_text)))
    if src.attr_lists != dst.attr_lists:
        add(("attr-list", _difference("attribute list", src.attr_lists, dst.attr_lists)))
    admonitions = re.compile(r"(?m)^[ \t]*(?:!!!|\?\?\?\+?|===[+!]*)(?:[ \t]|$)")
    if len(admonitions.findall(translation)) > len(admonitions.findall(source)):
        add(("admonition", "an admonition or tab marker (!!!, ???, ===) starts a line"))
    elif src.blocks != dst.blocks or _block_starts(translation) - _block_starts(source):
        opened = (
            sorted(_block_starts(translation) - _block_starts(source))
            or [b for b in dst.blocks if b not in src.blocks]
            or list(dst.blocks)
        )
        add(("new-block", f"the translation opens block structure the source does not: {', '.join(opened)}"))

    if brace_format or _PLACEHOLDER.search(source):
        src_ph = Counter(m.group() for m in _PLACEHOLDER.finditer(source))
        dst_ph = Counter(m.group() for m in _PLACEHOLDER.finditer(translation))
        if src_ph != dst_ph:
            add(("placeholders", _difference("placeholder", src_ph, dst_ph)))

    # -- invisible characters and template syntax --------------------------------------------------
    hidden = _invisible(translation) - _invisible(source)
    if hidden:
        names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'CONTROL')}" for ch in sorted(hidden))
        add(("invisible-char", f"invisible or direction-changing character: {names}"))
    if len(_TEMPLATE.findall(translation)) > len(_TEMPLATE.findall(source)):
        add(("template-syntax", "template markers ({{ }}, {% %}, {# #}) are not in the source"))

    # -- text --------------------------------------------------------------------------------------
    problems.extend(_text_checks(source, translation, language, src, dst, glossary, source_language))
    return problems


def _benign_tags(tags: Counter[tuple[str, ...]]) -> Counter[tuple[str, ...]]:
    """Raw tags without the active parts (unsafe-html reports those): active elements, on* attributes."""
    result: Counter[tuple[str, ...]] = Counter()
    for key, count in tags.items():
        if key[1] in _DANGEROUS_TAGS:
            continue
        attrs = [
            attr
            for attr in key[2:]
            if not attr.startswith("on") and attr.split("=")[0] not in _DANGEROUS_ATTRS
        ]
        result[(key[0], key[1], *attrs)] += count
    return result


def _tag_text(key: tuple[str, ...]) -> str:
    slash, name, *attrs = key
    return "<" + slash + name + "".join(" " + attr.rstrip("=") for attr in attrs) + ">"


def _difference(
    what: str, source: Counter, translation: Counter, template: str = "{!r}", formatter=None
) -> str:  # type: ignore[no-untyped-def,type-arg]
    show = formatter or (lambda item: template.format(item))
    missing = [show(item) for item in sorted((source - translation).elements(), key=str)]
    extra = [show(item) for item in sorted((translation - source).elements(), key=str)]
    parts = []
    if missing:
        parts.append(f"missing {what}{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    if extra:
        parts.append(f"{what}{'s' if len(extra) > 1 else ''} not in the source: {', '.join(extra)}")
    return "; ".join(parts)


_BLOCK_START = [
    ("heading (#)", re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")),
    ("quote (>)", re.compile(r"^ {0,3}>")),
    ("list item", re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")),
    ("code fence", re.compile(r"^ {0,3}(?:`{3,}|~{3,})")),
    ("indented code", re.compile(r"^(?: {4}|\t)")),
    ("rule or setext underline", re.compile(r"^ {0,3}(?:[-=*_][ \t]*){3,}$")),
    ("footnote or link definition", re.compile(r"^ {0,3}\[[^\]]+\]:")),
    ("definition (:)", re.compile(r"^:[ \t]")),
    ("table row", re.compile(r"^ {0,3}\|")),
    (
        "HTML block",
        re.compile(
            r"^ {0,3}</?(?:address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|footer|form"
            r"|h[1-6]"
            r"|header|hr|iframe|main|nav|ol|p|pre|script|section|style|table|ul)\b",
            re.I,
        ),
    ),
]


def _block_starts(text: str) -> set[str]:
    """Block constructs a line of the text would open once spliced into the page."""
    found = set()
    for line in text.split("\n"):
        for name, pattern in _BLOCK_START:
            if pattern.match(line):
                found.add(name)
    if "\n\n" in text.replace("\r", "") or re.search(r"\n[ \t]*\n", text):
        found.add("blank line (new paragraph)")
    return found


def _strip_for_words(structure: _Structure) -> str:
    text = _URL_TEXT.sub(" ", structure.plain)
    text = _PLACEHOLDER.sub(" ", text)
    return html.unescape(text)


def _text_checks(
    source: str,
    translation: str,
    language: str,
    src: _Structure,
    dst: _Structure,
    glossary: Glossary | None,
    source_language: str,
) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    src_plain, dst_plain = _strip_for_words(src), _strip_for_words(dst)
    target = language != source_language

    def lead(text: str) -> str:
        return text[: len(text) - len(text.lstrip())]

    def trail(text: str) -> str:
        return text[len(text.rstrip()) :]

    if lead(source) != lead(translation) or trail(source) != trail(translation):
        add(("whitespace", "leading or trailing whitespace differs from the source"))
    elif source.count("\n") != translation.count("\n"):
        add(
            (
                "whitespace",
                f"{translation.count(chr(10))} line breaks, the source has {source.count(chr(10))}",
            )
        )

    src_numbers, dst_numbers = _numbers(src_plain, source_language), _numbers(dst_plain, language)
    if src_numbers != dst_numbers:
        missing = sorted((src_numbers - dst_numbers).elements())
        extra = sorted((dst_numbers - src_numbers).elements())
        parts = []
        if missing:
            parts.append("missing " + ", ".join(_show_number(n, language) for n in missing))
        if extra:
            parts.append("not in the source: " + ", ".join(extra))
        add(("numbers", "; ".join(parts)))

    doubled = re.compile(r"(?<![\w-])([^\W\d_]{2,})\s+\1(?![\w-])", re.IGNORECASE)
    src_doubled = Counter(m.lower() for m in doubled.findall(src_plain))
    dst_doubled = Counter(m.lower() for m in doubled.findall(dst_plain))
    if dst_doubled - src_doubled:
        add(("doubled-word", f"repeated word: {', '.join(sorted(dst_doubled - src_doubled))}"))

    if target and translation.strip() == source.strip() and _needs_translation(src_plain, glossary, language):
        add(("untranslated", "the translation is identical to the source text"))

    if _ending(source) != _ending(translation):
        want, have = _ending(source) or "no punctuation", _ending(translation) or "no punctuation"
        add(("end-punctuation", f"ends with {have!r}, the source with {want!r}"))

    if glossary is not None:
        keep = set(glossary.keep_in(source))
        terms = glossary.terms_in(source)
        # Names kept as written ("Taskforce Belarus e.V.") hide the shorter terms inside them.
        kept = sorted((term.source for term in terms if term.forms(language) == (term.source,)), key=len)
        for term in terms:
            forms = term.forms(language)
            if term.source in keep or not forms:
                continue  # a do-not-translate word: keep-word reports it
            masked = source
            for name in kept:
                if len(name) > len(term.source):
                    masked = re.sub(re.escape(name), " ", masked, flags=re.IGNORECASE)
            if masked != source and not contains_term(masked, term.source):
                continue
            if not any(contains_form(translation, form) for form in forms):
                add(("glossary", f"{term.source!r} should be {' | '.join(forms)}"))
        for word in glossary.keep_in(source):
            if word not in translation:
                add(("keep-word", f"{word!r} must stay as written"))

    foreign = _foreign_letters(src_plain, dst_plain, language)
    if foreign:
        add(("foreign-letters", foreign))

    quotes = _quote_problem(src_plain, dst_plain, language, target)
    if quotes:
        add(("quotes", quotes))
    return problems


def _show_number(value: str, language: str) -> str:
    try:
        return repr(format_decimal(Decimal(value), locale=language))
    except Exception:
        return repr(value)


def _needs_translation(plain: str, glossary: Glossary | None, language: str) -> bool:
    """Does the source have words a translator would change (not only names and do-not-translate words)?"""
    text = plain
    if glossary is not None:
        for word in glossary.keep:
            text = text.replace(word, " ")
        for term in glossary.terms:
            if term.source in term.forms(language):
                text = re.sub(re.escape(term.source), " ", text, flags=re.IGNORECASE)
    words = [word for word in _WORD_RE.findall(text) if len(word) > 1]
    return any(word[0].islower() for word in words)


def _foreign_letters(source: str, translation: str, language: str) -> str | None:
    letters = _FOREIGN.get(language.split("-")[0])
    found: set[str] = set()
    if letters:
        found |= {char for char in translation if char in letters and char not in source}
    elif language.split("-")[0] in ("de", "pl", "en", "fr", "es", "it", "nl"):
        found |= {char for char in _CYRILLIC.findall(translation) if char not in source}
    mixed = sorted(
        {
            word
            for word in _WORD_RE.findall(translation)
            if _CYRILLIC.search(word) and re.search(r"[A-Za-z]", word) and word not in source
        }
    )
    parts = []
    if found:
        parts.append(f"letters foreign to '{language}': {' '.join(sorted(found))}")
    if mixed:
        parts.append(f"words mixing Latin and Cyrillic letters: {', '.join(mixed)}")
    return "; ".join(parts) or None


def _quote_problem(source: str, translation: str, language: str, target: bool) -> str | None:
    base = language.split("-")[0]
    allowed = _ALLOWED_QUOTES.get(base)
    if allowed is None:
        return None
    wrong = sorted(
        {
            char
            for char in translation
            if char in _QUOTE_CHARS and char not in allowed and (target or char not in source)
        }
    )
    example = _QUOTE_EXAMPLE.get(base, allowed)
    if wrong:
        return f"quotation marks {' '.join(wrong)} are not '{language}' ones; use {example}"
    pair = _QUOTE_PAIRS.get(base)
    if pair and pair[0] != pair[1] and translation.count(pair[0]) != translation.count(pair[1]):
        return (
            f"unbalanced quotation marks: {translation.count(pair[0])} {pair[0]} and "
            f"{translation.count(pair[1])} {pair[1]}; use {example}"
        )
    return None


# -- entries and catalogs --------------------------------------------------------------------------
def _reference(entry: polib.POEntry) -> str:
    return ":".join(entry.occurrences[0]) if entry.occurrences else ""


def check_entry(
    entry: polib.POEntry,
    language: str,
    glossary: Glossary | None = None,
    allowlist: Allowlist | None = None,
    *,
    file: str = "",
    source_language: str = "en",
    plural_count: int | None = None,
) -> list[Finding]:
    """Every finding for one catalog entry; fuzzy, obsolete and empty entries are not published, so pass."""
    if entry.obsolete or "fuzzy" in entry.flags:
        return []
    common = {
        "file": file,
        "line": entry.linenum or 0,
        "msgid": entry.msgid,
        "language": language,
        "reference": _reference(entry),
    }
    findings: list[Finding] = []
    brace = "python-brace-format" in entry.flags
    pairs: list[tuple[str, str]] = []
    if entry.msgid_plural:
        if not any(entry.msgstr_plural.values()):
            return []
        expected = plural_count if plural_count is not None else nplurals(language)
        indexes = sorted(int(key) for key in entry.msgstr_plural)
        if indexes != list(range(expected)):
            findings.append(
                _finding(
                    "plural-forms",
                    f"{len(indexes)} plural forms (msgstr[{']/['.join(map(str, indexes))}]); "
                    f"'{language}' has {expected}",
                    **common,
                )
            )
        for index in indexes:
            text = (
                entry.msgstr_plural[index]
                if index in entry.msgstr_plural
                else entry.msgstr_plural[str(index)]
            )
            if text:
                pairs.append((entry.msgid if index == 0 else entry.msgid_plural, text))
    elif entry.msgstr:
        pairs.append((entry.msgid, entry.msgstr))
    seen: set[tuple[str, str]] = set()
    for source, translation in pairs:
        for check_id, message in check_pair(
            source,
            translation,
            language,
            glossary=glossary,
            allowlist=allowlist,
            source_language=source_language,
            brace_format=brace,
        ):
            if entry.msgid_plural and check_id in ("numbers", "placeholders"):
                # A plural form may spell its count ("one prisoner") but never invent a placeholder.
                if check_id == "numbers":
                    continue
                union = Counter(m.group() for m in _PLACEHOLDER.finditer(entry.msgid + entry.msgid_plural))
                have = Counter(m.group() for m in _PLACEHOLDER.finditer(translation))
                common_ph = Counter(m.group() for m in _PLACEHOLDER.finditer(entry.msgid)) & Counter(
                    m.group() for m in _PLACEHOLDER.finditer(entry.msgid_plural)
                )
                if not (have - union) and not (common_ph - have):
                    continue
            if (check_id, message) not in seen:
                seen.add((check_id, message))
                findings.append(_finding(check_id, message, **common))
    return findings


def check_catalog(
    catalog: polib.POFile,
    language: str,
    file: str,
    glossary: Glossary | None = None,
    allowlist: Allowlist | None = None,
    *,
    source_language: str = "en",
) -> list[Finding]:
    """Every entry of one parsed catalog, and its Plural-Forms header."""
    return check_catalog_and_usable(
        catalog, language, file, glossary, allowlist, source_language=source_language
    )[0]


def check_catalog_and_usable(
    catalog: polib.POFile,
    language: str,
    file: str,
    glossary: Glossary | None = None,
    allowlist: Allowlist | None = None,
    *,
    source_language: str = "en",
) -> tuple[list[Finding], Usable]:
    """``check_catalog``'s findings and, from the same work, what ``usable_entries`` answers.

    The build refuses a translation for its error-level findings only; terminology (the glossary) only
    ever warns, so the errors found here are the ones the build would find.
    """
    count = nplurals(language)
    findings: list[Finding] = []
    header = catalog.metadata.get("Plural-Forms", "")
    match = re.search(r"nplurals\s*=\s*(\d+)", header)
    if match and int(match.group(1)) != count:
        findings.append(
            _finding(
                "plural-forms",
                f"the header says nplurals={match.group(1)}; '{language}' has {count}",
                file=file,
                line=1,
                language=language,
            )
        )
    errors: dict[int, list[Finding]] = {}
    for entry in catalog:
        found = check_entry(
            entry,
            language,
            glossary,
            allowlist,
            file=file,
            source_language=source_language,
            plural_count=count,
        )
        findings.extend(found)
        errors[id(entry)] = [finding for finding in found if finding.severity == ERROR]
    return findings, _usable(catalog, lambda entry: errors[id(entry)])


@dataclass(frozen=True)
class Usable:
    """What the build may publish from one catalog, and the findings that held the rest back."""

    singular: dict[tuple[str | None, str], str]
    #: (msgctxt, singular msgid) -> msgstr[0..n-1]
    plural: dict[tuple[str | None, str], list[str]]
    rejected: list[Finding]


#: A language without a catalog for a page: nothing to publish, everything shows in English.
NOTHING_USABLE = Usable({}, {}, [])


def _usable(catalog: polib.POFile, errors_of: Callable[[polib.POEntry], list[Finding]]) -> Usable:
    singular: dict[tuple[str | None, str], str] = {}
    plural: dict[tuple[str | None, str], list[str]] = {}
    rejected: list[Finding] = []
    for entry in catalog:
        if not is_translated(entry):
            continue
        errors = errors_of(entry)
        if errors:
            rejected.extend(errors)
        elif entry.msgid_plural:
            plural[(entry.msgctxt, entry.msgid)] = [
                entry.msgstr_plural.get(index, "") for index in range(len(entry.msgstr_plural))
            ]
        else:
            singular[(entry.msgctxt, entry.msgid)] = entry.msgstr
    return Usable(singular, plural, rejected)


def usable_entries(
    catalog: polib.POFile,
    language: str,
    file: str,
    allowlist: Allowlist | None = None,
    *,
    source_language: str = "en",
) -> Usable:
    """Translated entries (singular and plural) passing every error-level check, and the rest's findings."""

    def errors_of(entry: polib.POEntry) -> list[Finding]:
        found = check_entry(entry, language, None, allowlist, file=file, source_language=source_language)
        return [finding for finding in found if finding.severity == ERROR]

    return _usable(catalog, errors_of)


# -- the catalogs against the pages ----------------------------------------------------------------
def _keys(catalog: polib.POFile) -> list[tuple[str | None, str]]:
    return [(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete]


def _first_change(old: polib.POFile | None, new: polib.POFile) -> tuple[int, str, str]:
    """(line, msgid, description) of the first entry that differs, for a useful pointer."""
    old_keys = _keys(old) if old is not None else []
    new_keys = _keys(new)
    old_set, new_set = set(old_keys), set(new_keys)
    for key in new_keys:
        if key not in old_set:
            return 0, key[1], f"new text {key[1][:60]!r}"
    by_key = {(entry.msgctxt, entry.msgid): entry for entry in old or [] if not entry.obsolete}
    for key in old_keys:
        if key not in new_set:
            return by_key[key].linenum or 0, key[1], f"{key[1][:60]!r} is no longer in the pages"
    if old is not None:
        new_by_key = {(entry.msgctxt, entry.msgid): entry for entry in new if not entry.obsolete}
        for key in old_keys:
            a, b = by_key[key], new_by_key[key]
            if a.occurrences != b.occurrences:
                was = " ".join(":".join(o) for o in a.occurrences)
                now = " ".join(":".join(o) for o in b.occurrences)
                return a.linenum or 0, key[1], f"{key[1][:50]!r} is now at {now} (the catalog says {was})"
            if " ".join((a.comment or "").split()) != " ".join((b.comment or "").split()):
                return a.linenum or 0, key[1], f"the translator note of {key[1][:50]!r} changed"
            if (a.msgstr, sorted(a.flags)) != (b.msgstr, sorted(b.flags)):
                return a.linenum or 0, key[1], f"{key[1][:50]!r} would be merged differently"
    return 0, "", "entries are ordered or described differently"


def _content(catalog: polib.POFile) -> tuple[object, ...]:
    """What ``update`` decides on: entries, states, references and notes (notes compared unwrapped)."""
    entries = tuple(
        (
            e.msgctxt,
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            tuple(sorted((str(k), v) for k, v in e.msgstr_plural.items())),
            tuple(tuple(o) for o in e.occurrences),
            " ".join((e.comment or "").split()),
            " ".join((e.tcomment or "").split()),
            tuple(sorted(e.flags)),
            e.previous_msgid,
            e.previous_msgctxt,
            e.obsolete,
        )
        for e in catalog
    )
    header = {k: v for k, v in catalog.metadata.items() if k not in ("POT-Creation-Date", "PO-Revision-Date")}
    return entries, tuple(sorted(header.items()))


def _equivalent(old: polib.POFile, new: polib.POFile) -> bool:
    return _content(old) == _content(new)


def check_template_sync(
    fresh: Mapping[str, polib.POFile], committed: Mapping[str, polib.POFile | None], paths: Mapping[str, str]
) -> list[Finding]:
    """Templates rebuilt from the pages in memory against the committed ones: equal but for dates?"""
    compare = _equivalent
    findings = []
    for domain, template in fresh.items():
        old = committed.get(domain)
        if old is not None and compare(old, template):
            continue
        line, msgid, what = _first_change(old, template)
        message = (
            f"no template for {domain!r}" if old is None else f"the template does not match the pages: {what}"
        )
        findings.append(_finding("out-of-sync", message, file=paths[domain], line=line, msgid=msgid))
    for domain, old in committed.items():
        if domain not in fresh and old is not None:
            findings.append(
                _finding(
                    "out-of-sync", f"template of a page that no longer exists: {domain!r}", file=paths[domain]
                )
            )
    return findings


def check_catalog_sync(
    language: str,
    templates: Mapping[str, polib.POFile],
    catalogs: Mapping[str, polib.POFile],
    memory: Memory,
    paths: Mapping[str, str],
) -> list[Finding]:
    """Would ``mdgettext update`` change this language's catalogs? Then they are out of sync."""
    compare = _equivalent
    count = nplurals(language)
    findings = []
    for domain, template in templates.items():
        old = catalogs.get(domain)
        if old is None:
            findings.append(
                _finding("out-of-sync", f"no catalog for {domain!r}", file=paths[domain], language=language)
            )
            continue
        updated = update_catalog(template, old, memory, language, count)
        if not compare(old, updated):
            line, msgid, what = _first_change(old, updated)
            findings.append(
                _finding(
                    "out-of-sync",
                    f"the catalog does not match the pages: {what}",
                    file=paths[domain],
                    line=line,
                    msgid=msgid,
                    language=language,
                )
            )
    for domain, old in catalogs.items():
        if domain not in templates and any(not entry.obsolete for entry in old):
            findings.append(
                _finding(
                    "out-of-sync",
                    f"catalog of a page that no longer exists: {domain!r}",
                    file=paths[domain],
                    language=language,
                )
            )
    return findings


def check_thresholds(
    totals: Mapping[str, CatalogStats], thresholds: Mapping[str, float], paths: Mapping[str, str]
) -> list[Finding]:
    """The completeness gate: each language with a threshold must reach it; fuzzy never counts."""
    findings = []
    for language, minimum in thresholds.items():
        stats = totals.get(language)
        percent = stats.percent if stats is not None else 0.0
        if percent < minimum:
            detail = (
                f"{stats.translated} of {stats.total} entries translated, {stats.fuzzy} fuzzy"
                if stats is not None
                else "no catalogs"
            )
            findings.append(
                _finding(
                    "threshold",
                    f"'{language}' is {percent:.1f}% translated ({detail}); the threshold is {minimum:g}%",
                    file=paths.get(language, ""),
                    language=language,
                    hint=f"translate what `mdgettext todo {language}` lists (fuzzy entries need a review and "
                    f"the fuzzy flag removed), or lower plugins > mdgettext > thresholds > {language} "
                    "in mkdocs.yml",
                )
            )
    return findings
