"""Markdown -> translatable segments, with the exact source range each one came from.

The parser is line based and recursive: containers (block quotes, list items, admonitions, content tabs,
footnotes, definitions, ``md_in_html`` blocks) strip their own prefix from their lines and hand the rest to
the same block parser.  Every segment remembers the absolute character range it covers in the page, so
rendering is a splice: every byte that is not translatable (markers, indentation, blank lines, code,
attributes, comments) stays exactly as written.  Where the parser has to choose, it follows what
Python-Markdown (and so MkDocs) does with the same text, so a segment never spans two blocks.

Authors steer extraction with HTML comments, which are kept in the page and never extracted:

* ``<!-- i18n: note TEXT -->``: a note for the translator on every segment of the next block;
* ``<!-- i18n: context TEXT -->``: a msgctxt for every segment of the next block;
* ``<!-- i18n: skip -->``: do not extract the next block;
* ``<!-- i18n: off -->`` ... ``<!-- i18n: on -->``: do not extract anything in between;
* ``<!-- i18n: plural NAME [| SINGULAR] -->``: the segments of the next block that contain ``{NAME}`` are
  plural entries (msgid SINGULAR, or the page text; msgid_plural the page text), their form chosen by the
  figure NAME (see ``figures``).
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import yaml
from markdown.extensions.toc import slugify as default_slugify
from markdown.extensions.toc import unique
from markdown.util import BLOCK_LEVEL_ELEMENTS

__all__ = [
    "ADMONITION_TITLE_CONTEXT",
    "Segment",
    "extract_segments",
    "has_prose",
    "heading_anchor_text",
    "is_attr_list",
    "link_labels",
]

Slugify = Callable[[str, str], str]

#: Front-matter keys whose values readers see (page title, meta description).
FRONT_MATTER_KEYS = ("title", "description")
#: msgctxt of the title an admonition without one shows (its type, e.g. "Note").
ADMONITION_TITLE_CONTEXT = "admonition title"

# Tags that start a raw HTML block at the beginning of a line (Python-Markdown's list); any other tag at the
# start of a line is inline HTML inside a paragraph.
BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
# Inline HTML elements stay inside a segment of a raw HTML block; any other tag ends the segment.
INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    ]
)
# Elements whose content is code or data, never prose.
RAW_TEXT_TAGS = frozenset({"script", "style", "pre", "textarea", "svg", "math"})
VOID_TAGS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
#: Attribute values of HTML tags that readers see or hear.
TRANSLATED_ATTRIBUTES = ("alt", "title", "aria-label")


@dataclass(frozen=True)
class Segment:
    """One translatable piece of a page: what the translator sees, and where it lives in the source."""

    text: str
    start: int
    end: int
    line: int
    kind: str
    context: str | None = None
    notes: tuple[str, ...] = ()
    #: The id the heading gets from its English text, pinned in translations so ``page.md#id`` links hold.
    anchor: str | None = None
    #: What goes before each continuation line when a translation has a hard line break.
    continuation: str = ""
    #: For an HTML attribute value: the quote character around it (the translation is escaped for it).
    quote: str = ""
    #: The figure whose value picks this segment's plural form (``<!-- i18n: plural NAME -->``), if any.
    plural: str | None = None
    #: The English singular (the msgid of a plural entry; ``text`` is its msgid_plural).
    singular: str | None = None


@dataclass
class _Line:
    """A line as a container sees it: ``text`` is the original line from column ``col`` on."""

    number: int
    col: int
    text: str

    def strip(self, width: int) -> _Line:
        """Drop up to ``width`` columns of indentation (a tab counts as a full indent)."""
        taken = 0
        pos = 0
        while pos < len(self.text) and taken < width:
            char = self.text[pos]
            if char == " ":
                taken += 1
            elif char == "\t":
                taken = width
            else:
                break
            pos += 1
        return _Line(self.number, self.col + pos, self.text[pos:])

    def cut(self, pos: int) -> _Line:
        return _Line(self.number, self.col + pos, self.text[pos:])

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indent(self) -> int:
        expanded = self.text.expandtabs(4) if "\t" in self.text else self.text
        return len(expanded) - len(expanded.lstrip(" "))


@dataclass
class _Directives:
    notes: tuple[str, ...] = ()
    context: str | None = None
    skip: bool = False
    plural: str | None = None
    singular: str | None = None


@dataclass
class _Heading:
    """A heading as toc sees it: its explicit id, or the text its id is made from."""

    explicit_id: str | None
    anchor_text: str
    segment: int | None  # index in the parser's segments, when extracted


# --- block patterns (applied to a container's stripped lines) ---------------------------------------------
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_FENCE_TITLE = re.compile(r'\btitle="([^"\n]*)"')
_QUOTE = re.compile(r"^ {0,3}> ?")
_LIST = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)")
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]*([\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+"(.*)")?[ \t]*$')
_TAB = re.compile(r'^===[+!]*[ \t]+"(.*)"[ \t]*$')
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_DEFINITION = re.compile(r"^ {0,3}:[ \t]{1,3}(?=\S)")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*")
_ABBREVIATION = re.compile(r"^ {0,3}\*\[[^\]]+\]:[ \t]*(.*?)[ \t]*$")
_LINK_DEFINITION = re.compile(
    r"""^ {0,3}\[[^\]^][^\]]*\]:[ \t]*<?\S+?>?"""
    r"""(?:[ \t]+(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|\((?P<pq>[^)]*)\)))?[ \t]*$"""
)
_LINK_LABEL = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:", re.M)
_ATTR_LINE = re.compile(r"^ {0,3}\{([^}\n]*)\}[ \t]*$")
_TRAILING_ATTRS = re.compile(r"[ \t]+\{([^}\n]*)\}[ \t]*$")
_ID_IN_ATTRS = re.compile(r"(?:^|[\s:])#([^\s}#.]+)")
_DIRECTIVE = re.compile(r"^ {0,3}<!--\s*i18n:\s*(\w+)\s*(.*?)\s*-->[ \t]*$", re.S)
_COMMENT_START = re.compile(r"^ {0,3}<!--")
_MD_IN_HTML = re.compile(
    r"""^ {0,3}<([a-zA-Z][\w-]*)\b[^>]*\smarkdown(?:\s*=\s*["']?(?:1|block|span)["']?)?(?:\s[^>]*)?>[ \t]*$"""
)
_HTML_START = re.compile(r"^ {0,3}<(/?)([a-zA-Z][\w-]*)(?=[\s/>]|$)")
_BLOCKS_FENCE = re.compile(r"^ {0,3}/{3,}(?:[ \t]*([\w-]+)(?:[ \t]*\|[ \t]*(.*?))?)?[ \t]*$")
_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+")
_SNIPPET_LINE = re.compile(r"^ {0,3}-{1,}8<-{1,}[ \t]+\S")
_SNIPPET_BLOCK = re.compile(r"^ {0,3}-{1,}8<-{1,}[ \t]*$")
_HTML_TOKEN = re.compile(r"<!--.*?(?:-->|$)|<[^>]*>|[^<]+|<", re.S)
_TAG_NAME = re.compile(r"</?([a-zA-Z][\w-]*)")
_TAG_ATTRIBUTE = re.compile(r"""\s([a-zA-Z][\w:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_PROSE = re.compile(
    r"(`+).+?(?<!`)\1(?!`)|<[^<>]*>|\{[^{}\n]*\}|:[a-z0-9][a-z0-9_+-]*:|&#?\w+;|\]\([^)]*\)|(?:https?|ftp)://\S+",
    re.S,
)

# Every ASCII character but those a block pattern above can match first (after at most three spaces; the
# digits start ordered list items). A line that starts with one of them, after its spaces, matches none of
# the patterns: it is paragraph text or a table row, so most lines skip the twenty patterns (a speed-up only).
_PLAIN_LEADS = frozenset(map(chr, range(128))) - frozenset("<`~-/{#*_>!?=+[:0123456789")


def _plain(text: str) -> bool:
    """No block pattern can match this line (see ``_PLAIN_LEADS``); False says nothing."""
    return text.lstrip(" ")[:1] in _PLAIN_LEADS


_MAYBE_NOT_PROSE = re.compile(r"[`<{:&\]]")
_URL_SCHEMES = ("http://", "https://", "ftp://")
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*")
_ATX_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_NOT_QUOTE_OR_SPACE = re.compile(r"[^>\s]")


#: libyaml's loader when PyYAML has it (about 10x faster on front matter); same safe subset of YAML.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def has_prose(text: str) -> bool:
    """Worth translating: a letter outside code, tags, URLs, placeholders and shortcodes.

    ``140``, ``---``, ``€20``, ``{prisoners_held}`` or ```mkdocs.yml``` alone give a translator nothing to do.
    """
    letter = _LETTER.search(text)
    if letter is None:
        return False
    # A match of _NOT_PROSE starts with one of _MAYBE_NOT_PROSE's characters or with a URL scheme: with
    # neither before the first letter nor a URL at it, that letter is prose (most texts start with a word).
    first = letter.start()
    if not _MAYBE_NOT_PROSE.search(text, 0, first) and not text.startswith(_URL_SCHEMES, first):
        return True
    if _MAYBE_NOT_PROSE.search(text):  # each alternative of _NOT_PROSE needs one of these characters
        text = _NOT_PROSE.sub(" ", text)
    return bool(_LETTER.search(text))


def is_attr_list(inner: str) -> bool:
    """``{#id .class key=value}`` is an attribute list; ``{prisoners_held}`` (a placeholder) is text."""
    inner = inner.strip()
    return inner.startswith((":", "#", ".")) or "=" in inner


def link_labels(source: str) -> set[str]:
    """The reference-link labels a page defines (lower case), for pseudo-localising shortcut links."""
    return {label.strip().lower() for label in _LINK_LABEL.findall(source)}


_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
_ANCHOR_MARKUP = [
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references (toc drops them)
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?"), ""),  # images have no text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"(\*{1,3})(\S(?:.*?\S)?)\1"), r"\2"),
    (re.compile(r"(?<!\w)(_{1,3})(\S(?:.*?\S)?)\1(?!\w)"), r"\2"),  # never inside a word
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),
]


def heading_anchor_text(text: str) -> str:
    """The plain text Python-Markdown's toc slugifies: inline markup and tags removed, entities decoded."""
    out: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_strip_markup(text[position : match.start()]))
        out.append(match.group(2).strip() if match.group(2).strip() else match.group(2))
        position = match.end()
    out.append(_strip_markup(text[position:]))
    return html.unescape("".join(out))


def _strip_markup(text: str) -> str:
    for pattern, repl in _ANCHOR_MARKUP:
        text = pattern.sub(repl, text)
    return text


class _Parser:
    def __init__(self, source: str, slugify: Slugify, separator: str) -> None:
        self.source = source
        lines = source.split("\n")
        self.offsets: list[int] = []
        pos = 0
        for line in lines:
            self.offsets.append(pos)
            pos += len(line) + 1
        self.lines = [_Line(number, 0, text) for number, text in enumerate(lines)]
        self.slugify = slugify
        self.separator = separator
        self.explicit_ids: set[str] = set()
        self.headings: list[_Heading] = []
        self.segments: list[Segment] = []
        self.disabled = False

    # -- emitting ---------------------------------------------------------------------------------------
    def offset(self, line: _Line, pos: int = 0) -> int:
        return self.offsets[line.number] + line.col + pos

    def emit(
        self, text: str, start: int, end: int, line: int, kind: str, directives: _Directives, **extra: str
    ) -> int | None:
        """Add a segment (unless excluded or without prose); return its index."""
        if self.disabled or directives.skip or not has_prose(text):
            return None
        extra.setdefault("context", directives.context)  # type: ignore[arg-type]
        if directives.plural and "{" + directives.plural + "}" in text:
            extra["plural"] = directives.plural
            extra["singular"] = directives.singular or text
        self.segments.append(
            Segment(
                text=text, start=start, end=end, line=line + 1, kind=kind, notes=directives.notes, **extra
            )
        )
        return len(self.segments) - 1

    # -- front matter ------------------------------------------------------------------------------------
    def front_matter(self) -> int:
        """Extract title and description; return the index of the first line after the front matter."""
        if not self.lines or self.lines[0].text.rstrip() != "---":
            return 0
        for end in range(1, len(self.lines)):
            if self.lines[end].text.rstrip() in ("---", "..."):
                break
        else:
            return 0
        index = 1
        while index < end:
            line = self.lines[index]
            match = _FRONT_MATTER_KEY.match(line.text)
            index += 1
            if not match:
                continue
            following = index
            while following < end and (
                self.lines[following].text.startswith((" ", "\t")) or self.lines[following].blank
            ):
                following += 1
            if match.group(1) not in FRONT_MATTER_KEYS:
                index = following
                continue
            while following > index and self.lines[following - 1].blank:
                following -= 1
            raw_lines = [line.text] + [self.lines[n].text for n in range(index, following)]
            try:
                value = yaml.load("\n".join(raw_lines), Loader=_YAML_LOADER).get(match.group(1))
            except (yaml.YAMLError, AttributeError):
                value = None
            index = following
            if not isinstance(value, str):
                continue
            last = self.lines[following - 1] if following > line.number + 1 else line
            start = self.offset(line, match.end())
            end_offset = self.offset(last, len(last.text.rstrip()))
            self.emit(value.strip(), start, end_offset, line.number, "front-matter", _Directives())
        return end + 1

    # -- blocks -------------------------------------------------------------------------------------------
    def blocks(self, lines: list[_Line], list_item: bool = False) -> None:
        directives = _Directives()
        index = 0
        while index < len(lines):
            line = lines[index]
            if line.blank:
                index += 1
                continue
            directive = _DIRECTIVE.match(line.text)
            if directive:
                directives = self.directive(directive.group(1), directive.group(2), directives)
                index += 1
                continue
            index = self.block(lines, index, directives, list_item)
            directives = _Directives()

    def directive(self, name: str, value: str, directives: _Directives) -> _Directives:
        if name == "note":
            return replace(directives, notes=(*directives.notes, value))
        if name == "context":
            return replace(directives, context=value)
        if name == "skip":
            return replace(directives, skip=True)
        if name == "plural":
            figure, _, singular = value.partition("|")
            return replace(directives, plural=figure.strip() or None, singular=singular.strip() or None)
        if name == "off":
            self.disabled = True
        elif name == "on":
            self.disabled = False
        return directives

    def block(self, lines: list[_Line], index: int, directives: _Directives, list_item: bool = False) -> int:
        """Parse the block starting at ``lines[index]``; return the index just after it."""
        line = lines[index]
        text = line.text
        if not _plain(text):
            end = self.construct(lines, index, directives)
            if end is not None:
                return end
        elif line.indent >= 4:
            return self.skip_indented_code(lines, index)
        if index + 1 < len(lines) and "|" in text and _TABLE_DELIMITER.match(lines[index + 1].text):
            return self.table(lines, index, directives)
        return self.paragraph(lines, index, directives, list_item)

    def construct(self, lines: list[_Line], index: int, directives: _Directives) -> int | None:
        """Parse the block starting at ``lines[index]`` if it is not a paragraph or a table (else None)."""
        line = lines[index]
        text = line.text
        # Each pattern is tried only if the line's first character (after spaces) can start it: the same
        # answers, without most of the twenty regex calls (a speed-up only).
        lead = text.lstrip(" ")[:1]
        if lead == "<" and _COMMENT_START.match(text):
            return self.skip_comment(lines, index)
        fence = _FENCE.match(text) if lead in "`~" else None
        if fence:
            # The code is never prose, but a title shown above it is.
            title = _FENCE_TITLE.search(text, fence.end())
            if title:
                self.emit(title.group(1), self.offset(line, title.start(1)), self.offset(line, title.end(1)),
                          line.number, "code-title", directives)
            return self.skip_fence(lines, index, fence)
        if line.indent >= 4:
            return self.skip_indented_code(lines, index)
        if lead == "-" and _SNIPPET_BLOCK.match(text):
            return self.skip_snippet_block(lines, index)
        if lead == "-" and _SNIPPET_LINE.match(text):
            return index + 1
        blocks_fence = _BLOCKS_FENCE.match(text) if lead == "/" else None
        if blocks_fence:
            return self.blocks_fence(lines, index, blocks_fence, directives)
        attr_line = _ATTR_LINE.match(text) if lead == "{" else None
        if attr_line and is_attr_list(attr_line.group(1)):
            self.note_ids(attr_line.group(1))
            return index + 1
        heading = _ATX.match(text) if lead == "#" else None
        if heading:
            self.atx_heading(line, heading.end(), directives)
            return index + 1
        if lead in "-*_" and _HR.match(text):
            return index + 1
        if lead == ">" and _QUOTE.match(text):
            return self.blockquote(lines, index, directives)
        admonition = _ADMONITION.match(text) if lead in "!?" else None
        if admonition:
            return self.admonition(lines, index, admonition, directives)
        tab = _TAB.match(text) if lead == "=" else None
        if tab:
            return self.titled_container(lines, index, tab, "tab-title", directives)
        if (lead in "-*+0123456789" or not lead.isascii()) and _LIST.match(text):  # \d: any decimal digit
            return self.list_items(lines, index, directives)
        if lead == "[" and _FOOTNOTE.match(text):
            return self.footnote(lines, index, directives)
        if lead == ":" and _DEFINITION.match(text):
            return self.definition(lines, index, directives)
        abbreviation = _ABBREVIATION.match(text) if lead == "*" else None
        if abbreviation:
            start = self.offset(line, abbreviation.start(1))
            self.emit(
                abbreviation.group(1),
                start,
                start + len(abbreviation.group(1)),
                line.number,
                "abbreviation",
                directives,
            )
            return index + 1
        link_definition = _LINK_DEFINITION.match(text) if lead == "[" else None
        if link_definition:
            for group in ("dq", "sq", "pq"):
                if link_definition.group(group) is not None:
                    start = self.offset(line, link_definition.start(group))
                    self.emit(
                        link_definition.group(group),
                        start,
                        start + len(link_definition.group(group)),
                        line.number,
                        "link-title",
                        directives,
                    )
            return index + 1
        md_in_html = _MD_IN_HTML.match(text) if lead == "<" else None
        if md_in_html:
            return self.markdown_html(lines, index, md_in_html.group(1), directives)
        if lead == "<" and self.starts_html_block(text):
            return self.html_block(lines, index, directives)
        return None

    def blocks_fence(
        self, lines: list[_Line], index: int, match: re.Match[str], directives: _Directives
    ) -> int:
        """pymdownx.blocks: ``/// note | Title`` opens a block (its title is prose), ``///`` closes one."""
        line = lines[index]
        name, title = match.group(1), match.group(2)
        if name and title and name.lower() != "html":
            self.emit(
                title,
                self.offset(line, match.start(2)),
                self.offset(line, match.end(2)),
                line.number,
                "block-title",
                directives,
            )
        end = index + 1
        if name:
            while end < len(lines) and not lines[end].blank and lines[end].indent >= 4:
                end += 1  # the block's YAML options
        return end

    @staticmethod
    def starts_html_block(text: str) -> bool:
        tag = _HTML_START.match(text)
        return bool(tag and tag.group(2).lower() in BLOCK_TAGS)

    def note_ids(self, attrs: str) -> None:
        """Ids set by attribute lists: toc never gives a heading one of them."""
        self.explicit_ids.update(_ID_IN_ATTRS.findall(attrs))

    # -- skipped blocks -------------------------------------------------------------------------------
    @staticmethod
    def skip_comment(lines: list[_Line], index: int) -> int:
        for end in range(index, len(lines)):
            if "-->" in lines[end].text:
                return end + 1
        return len(lines)

    @staticmethod
    def skip_fence(lines: list[_Line], index: int, fence: re.Match[str]) -> int:
        marker = fence.group(2)
        closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        for end in range(index + 1, len(lines)):
            if closing.match(lines[end].text):
                return end + 1
        return len(lines)

    @staticmethod
    def skip_snippet_block(lines: list[_Line], index: int) -> int:
        """``--8<--`` on its own line opens a list of files to include, closed by the same line."""
        for end in range(index + 1, len(lines)):
            if _SNIPPET_BLOCK.match(lines[end].text):
                return end + 1
        return len(lines)

    @staticmethod
    def skip_indented_code(lines: list[_Line], index: int) -> int:
        end = index
        while end < len(lines) and (lines[end].blank or lines[end].indent >= 4):
            end += 1
        while end > index and lines[end - 1].blank:
            end -= 1
        return end

    # -- headings and paragraphs ------------------------------------------------------------------------
    def heading(self, line: _Line, start: int, end: int, directives: _Directives) -> None:
        """Emit a heading's text, without its attribute list; its anchor is settled once the page is read."""
        content = line.text[start:end]
        attrs = _TRAILING_ATTRS.search(content)
        explicit_id = None
        if attrs and is_attr_list(attrs.group(1)):
            ids = _ID_IN_ATTRS.findall(attrs.group(1))
            explicit_id = ids[-1] if ids else None
            self.note_ids(attrs.group(1))
            content = content[: attrs.start()]
            end = start + len(content)
        index = self.emit(
            content, self.offset(line, start), self.offset(line, end), line.number, "heading", directives
        )
        self.headings.append(_Heading(explicit_id, heading_anchor_text(content), index))

    def settle_anchors(self) -> None:
        """Give each heading the id toc gives it: ids set by attribute lists first, then unique slugs."""
        used = set(self.explicit_ids)
        for heading in self.headings:
            if heading.explicit_id is not None:
                continue
            anchor = unique(self.slugify(heading.anchor_text, self.separator), used)
            if heading.segment is not None:
                self.segments[heading.segment] = replace(self.segments[heading.segment], anchor=anchor)

    def atx_heading(self, line: _Line, content_start: int, directives: _Directives) -> None:
        text = line.text.rstrip()
        closing = _ATX_CLOSING.search(text[content_start:])
        end = content_start + closing.start() if closing else len(text)
        self.heading(line, content_start, max(end, content_start), directives)

    def paragraph(
        self, lines: list[_Line], index: int, directives: _Directives, list_item: bool = False
    ) -> int:
        """Collect a paragraph (soft breaks joined, hard breaks kept); setext headings end here too."""
        end = index + 1
        while end < len(lines):
            text = lines[end].text
            if lines[end].blank:
                break
            if _plain(text):  # none of the tests below can match
                end += 1
                continue
            if self.interrupts_paragraph(text) or (list_item and _LIST.match(text)):
                break
            if _SETEXT.match(text):
                if end == index + 1:
                    self.heading(lines[index], 0, len(lines[index].text.rstrip()), directives)
                    return end + 1
                break
            if _DEFINITION.match(text):
                break
            end += 1
        if end < len(lines) and _DEFINITION.match(lines[end].text):
            # Each line before a definition is a term of its own.
            for line in lines[index:end]:
                self.emit_paragraph([line], "definition-term", directives, strip_attrs=True)
            return self.definition(lines, end, directives)
        body = lines[index:end]
        if len(body) > 1:
            attr_line = _ATTR_LINE.match(body[-1].text)
            if attr_line and is_attr_list(attr_line.group(1)):
                self.note_ids(attr_line.group(1))
                body = body[:-1]
        self.emit_paragraph(body, "paragraph", directives)
        return end

    def interrupts_paragraph(self, text: str) -> bool:
        """Lines Python-Markdown reads as the start of a new block even right after a paragraph line."""
        if _plain(text):
            return False
        return bool(
            _ATX.match(text)
            or _FENCE.match(text)
            or _QUOTE.match(text)
            or _ADMONITION.match(text)
            or _TAB.match(text)
            or (_HR.match(text) and not _SETEXT.match(text))
            or _DIRECTIVE.match(text)
            or _COMMENT_START.match(text)
            or _FOOTNOTE.match(text)
            or _ABBREVIATION.match(text)
            or _LINK_DEFINITION.match(text)
            or _SNIPPET_BLOCK.match(text)
            or _SNIPPET_LINE.match(text)
            or _BLOCKS_FENCE.match(text)
            or self.starts_html_block(text)
        )

    def emit_paragraph(
        self, body: list[_Line], kind: str, directives: _Directives, strip_attrs: bool = False
    ) -> None:
        parts: list[str] = []
        for number, line in enumerate(body):
            stripped = line.text.strip()
            if number:
                hard = body[number - 1].text.rstrip("\r").endswith("  ")
                parts.append("\n" if hard else " ")
            parts.append(stripped)
        text = "".join(parts)
        first, last = body[0], body[-1]
        start = self.offset(first, len(first.text) - len(first.text.lstrip()))
        last_text = last.text.rstrip()
        if strip_attrs:
            attrs = _TRAILING_ATTRS.search(last_text)
            if attrs and is_attr_list(attrs.group(1)) and attrs.start() > 0:
                self.note_ids(attrs.group(1))
                text = text[: len(text) - (len(last_text) - attrs.start())].rstrip()
                last_text = last_text[: attrs.start()]
        end = self.offset(last, len(last_text))
        if len(body) > 1:
            second = body[1]
            raw = self.source[self.offsets[second.number] : self.offset(second)]
            continuation = raw + second.text[: len(second.text) - len(second.text.lstrip())]
        else:
            raw = self.source[self.offsets[first.number] : start]
            continuation = _NOT_QUOTE_OR_SPACE.sub(" ", raw)
        self.emit(text, start, end, first.number, kind, directives, continuation=continuation)

    # -- containers -----------------------------------------------------------------------------------------
    def blockquote(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        inner: list[_Line] = []
        end = index
        while end < len(lines):
            line = lines[end]
            marker = _QUOTE.match(line.text)
            if marker:
                inner.append(line.cut(marker.end()))
            elif (
                not line.blank and inner and not inner[-1].blank and not self.interrupts_paragraph(line.text)
            ):
                inner.append(line)  # lazy continuation of the quoted paragraph
            else:
                break
            end += 1
        self.nested(inner, directives)
        return end

    def nested(self, lines: list[_Line], directives: _Directives, list_item: bool = False) -> None:
        """Parse a container's content; the directives given to the container cover all of it."""
        before = len(self.segments)
        was_disabled = self.disabled
        if directives.skip:
            self.disabled = True
        self.blocks(lines, list_item)
        if directives.skip:
            self.disabled = was_disabled
            return
        if directives.notes or directives.context:
            self.segments[before:] = [
                replace(
                    segment,
                    notes=(*directives.notes, *segment.notes),
                    context=segment.context
                    if segment.kind == "admonition-type"
                    else (segment.context or directives.context),
                )
                for segment in self.segments[before:]
            ]
        if directives.plural:
            placeholder = "{" + directives.plural + "}"
            self.segments[before:] = [
                replace(segment, plural=directives.plural, singular=directives.singular or segment.text)
                if segment.plural is None and placeholder in segment.text
                else segment
                for segment in self.segments[before:]
            ]

    def indented_body(
        self, lines: list[_Line], index: int, width: int = 4, lazy: bool = False
    ) -> tuple[list[_Line], int]:
        """Lines indented by ``width`` (blank lines included while indented lines follow).

        With ``lazy`` (list items, footnotes), an unindented line right after a paragraph line belongs to
        that paragraph, as in Python-Markdown.
        """
        body: list[_Line] = []
        end = index
        while end < len(lines):
            line = lines[end]
            if (
                lazy
                and body
                and not line.blank
                and line.indent < width
                and not body[-1].blank
                and self.lazy_after(body[-1])
                and not self.interrupts_paragraph(line.text)
                and not _LIST.match(line.text)
                and not _DEFINITION.match(line.text)
            ):
                body.append(line.strip(width))
                end += 1
                continue
            if line.blank:
                following = end
                while following < len(lines) and lines[following].blank:
                    following += 1
                if following < len(lines) and lines[following].indent >= width:
                    body.extend(lines[n].strip(width) for n in range(end, following))
                    end = following
                    continue
                break
            if line.indent < width:
                break
            body.append(line.strip(width))
            end += 1
        return body, end

    def lazy_after(self, line: _Line) -> bool:
        """Can a paragraph continue after this (container-stripped) line?"""
        text = line.text
        return not (
            line.indent >= 4
            or _FENCE.match(text)
            or _ATX.match(text)
            or _HR.match(text)
            or _ATTR_LINE.match(text)
            or text.rstrip().endswith(("```", "~~~"))
        )

    def admonition(
        self, lines: list[_Line], index: int, match: re.Match[str], directives: _Directives
    ) -> int:
        """``!!! type "Title"``; without a title the page shows the type, so that becomes a segment too."""
        line = lines[index]
        if match.group(2) is None:
            # Python-Markdown shows the first type, capitalised; a translation is written as `` "Title"``.
            position = self.offset(line, match.end(1))
            title = match.group(1).split()[0].capitalize()
            self.emit(
                title,
                position,
                position,
                line.number,
                "admonition-type",
                directives,
                context=ADMONITION_TITLE_CONTEXT,
            )
        return self.titled_container(lines, index, match, "admonition-title", directives, title_group=2)

    def titled_container(
        self,
        lines: list[_Line],
        index: int,
        match: re.Match[str],
        kind: str,
        directives: _Directives,
        title_group: int = 1,
    ) -> int:
        line = lines[index]
        if match.group(title_group) is not None:
            # A title written as a heading (``"### Title"``) keeps its hashes out of the msgid.
            mark = _HEADING_MARK.match(match.group(title_group))
            skip = mark.end() if mark else 0
            self.emit(
                match.group(title_group)[skip:],
                self.offset(line, match.start(title_group) + skip),
                self.offset(line, match.end(title_group)),
                line.number,
                kind,
                directives,
            )
        body, end = self.indented_body(lines, index + 1)
        self.nested(body, directives)
        return end

    def list_items(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        end = index
        while end < len(lines):
            marker = _LIST.match(lines[end].text)
            if not marker:
                break
            item = [lines[end].cut(marker.end())]
            end += 1
            # Lazy continuation lines of the item's first paragraph.
            while end < len(lines) and not lines[end].blank and lines[end].indent < 4:
                text = lines[end].text
                if _LIST.match(text) or self.interrupts_paragraph(text):
                    break
                item.append(lines[end])
                end += 1
            body, end = self.indented_body(lines, end, lazy=True)
            self.nested(item + body, directives, list_item=True)
            # A blank line between items keeps the list going.
            following = end
            while following < len(lines) and lines[following].blank:
                following += 1
            if following < len(lines) and _LIST.match(lines[following].text):
                end = following
        return end

    def footnote(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        marker = _FOOTNOTE.match(lines[index].text)
        assert marker is not None
        first = lines[index].cut(marker.end())
        body, end = self.indented_body(lines, index + 1, lazy=True)
        self.nested([first, *body] if not first.blank else body, directives)
        return end

    def definition(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        end = index
        while end < len(lines):
            marker = _DEFINITION.match(lines[end].text)
            if not marker:
                break
            first = lines[end].cut(marker.end())
            body, end = self.indented_body(lines, end + 1)
            self.nested([first, *body], directives)
            following = end
            while following < len(lines) and lines[following].blank:
                following += 1
            if following < len(lines) and _DEFINITION.match(lines[following].text):
                end = following
        return end

    @staticmethod
    def element_end(lines: list[_Line], index: int, tag: str) -> int:
        """Index of the line closing the ``tag`` element opened on ``lines[index]`` (len(lines) if none)."""
        pattern = re.compile(rf"<(/?){re.escape(tag)}\b[^>]*?(/?)>", re.I)
        depth = 0
        for end in range(index, len(lines)):
            for match in pattern.finditer(lines[end].text):
                if match.group(1):
                    depth -= 1
                elif not match.group(2):
                    depth += 1
            if depth <= 0:
                return end
        return len(lines)

    def markdown_html(self, lines: list[_Line], index: int, tag: str, directives: _Directives) -> int:
        """``<div markdown>``: keep the tags, parse what is between them as Markdown (not dedented)."""
        self.html_attributes(lines[index], 0, len(lines[index].text), directives)
        for value in re.findall(r"""\sid\s*=\s*["']?([^"'\s>]+)""", lines[index].text):
            self.explicit_ids.add(value)
        end = self.element_end(lines, index, tag)
        closing_line = lines[end] if end < len(lines) else None
        inner = lines[index + 1 : end]
        if closing_line is not None:
            close = re.search(rf"</{re.escape(tag)}\s*>", closing_line.text, re.I)
            if close and closing_line.text[: close.start()].strip():
                inner = [
                    *inner,
                    _Line(closing_line.number, closing_line.col, closing_line.text[: close.start()]),
                ]
        self.nested(inner, directives)
        return min(end + 1, len(lines))

    def html_attributes(self, line: _Line, start: int, stop: int, directives: _Directives) -> None:
        """alt, title and aria-label values of the tags in ``line.text[start:stop]``."""
        for tag in re.finditer(r"<[a-zA-Z][^<>]*>", line.text[start:stop]):
            self.tag_attributes(tag.group(), self.offset(line, start + tag.start()), line.number, directives)

    def tag_attributes(self, tag: str, offset: int, line_number: int, directives: _Directives) -> None:
        for attribute in _TAG_ATTRIBUTE.finditer(tag):
            if attribute.group(1).lower() not in TRANSLATED_ATTRIBUTES:
                continue
            group = 2 if attribute.group(2) is not None else 3
            value = attribute.group(group)
            self.emit(
                value,
                offset + attribute.start(group),
                offset + attribute.end(group),
                line_number + tag.count("\n", 0, attribute.start(group)),
                "html-attribute",
                directives,
                quote='"' if group == 2 else "'",
            )

    def html_block(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        """Raw HTML: translate the text between block-level tags, keep every tag and attribute."""
        tag = _HTML_START.match(lines[index].text)
        assert tag is not None
        name = tag.group(2).lower()
        if tag.group(1) or name in VOID_TAGS:
            end = index
            while end < len(lines) and not lines[end].blank:
                end += 1
        else:
            end = min(self.element_end(lines, index, name) + 1, len(lines))
        if self.disabled or directives.skip:
            return end
        # Work on the block's own text, with a map back to source offsets.
        block = lines[index:end]
        joined = "\n".join(line.text for line in block)
        positions: list[int] = []
        for number, line in enumerate(block):
            offset = self.offset(line)
            positions.extend(range(offset, offset + len(line.text) + (number < len(block) - 1)))
        positions.append(self.offset(block[-1], len(block[-1].text)))
        skip_depth = 0
        run: list[tuple[int, int, bool]] = []  # (start, end, is_tag) tokens of the current run

        def flush() -> None:
            self.emit_html_run(joined, positions, run, directives)
            run.clear()

        for token in _HTML_TOKEN.finditer(joined):
            value = token.group()
            if value.startswith("<!--"):
                flush()
                continue
            name_match = _TAG_NAME.match(value) if value.startswith("<") and len(value) > 1 else None
            if name_match:
                tag_name = name_match.group(1).lower()
                closing = value.startswith("</")
                if tag_name in RAW_TEXT_TAGS:
                    flush()
                    skip_depth = (
                        max(0, skip_depth - 1) if closing else skip_depth + (not value.endswith("/>"))
                    )
                    continue
                if skip_depth:
                    continue
                if tag_name in INLINE_TAGS or tag_name not in BLOCK_TAGS:
                    run.append((token.start(), token.end(), True))
                    continue
                flush()
                if not closing:
                    self.tag_attributes(
                        value,
                        positions[token.start()],
                        self.source.count("\n", 0, positions[token.start()]),
                        directives,
                    )
                continue
            if skip_depth:
                continue
            # Text: a blank line ends the run (Markdown paragraphs would, and translators see them apart).
            pieces = re.split(r"(\n[ \t]*\n\s*)", value)
            position = token.start()
            for number, piece in enumerate(pieces):
                if number % 2:
                    flush()
                elif piece:
                    run.append((position, position + len(piece), False))
                position += len(piece)
        flush()
        return end

    def emit_html_run(
        self, joined: str, positions: list[int], run: list[tuple[int, int, bool]], directives: _Directives
    ) -> None:
        """A run of text and inline tags is one segment if it has prose outside its tags."""
        prose = "".join(joined[start:end] for start, end, is_tag in run if not is_tag)
        if not has_prose(html.unescape(prose)):
            for start, end, is_tag in run:
                if is_tag:
                    self.tag_attributes(
                        joined[start:end],
                        positions[start],
                        self.source.count("\n", 0, positions[start]),
                        directives,
                    )
            return
        start = run[0][0]
        end = run[-1][1]
        text = joined[start:end]
        start += len(text) - len(text.lstrip())
        end -= len(text) - len(text.rstrip())
        text = re.sub(r"[ \t]*\n\s*", " ", joined[start:end])
        line = self.source.count("\n", 0, positions[start])
        self.emit(text, positions[start], positions[end - 1] + 1, line, "html", directives)

    def table(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        end = index
        while end < len(lines) and not lines[end].blank:
            if end != index + 1:
                self.table_row(lines[end], directives)
            end += 1
        return end

    def table_row(self, line: _Line, directives: _Directives) -> None:
        for start, stop in split_cells(line.text):
            cell = line.text[start:stop]
            stripped = cell.strip()
            if not stripped:
                continue
            lead = len(cell) - len(cell.lstrip())
            attrs = _TRAILING_ATTRS.search(stripped)
            if attrs and is_attr_list(attrs.group(1)) and attrs.start() > 0:
                self.note_ids(attrs.group(1))
                stripped = stripped[: attrs.start()]
            self.emit(
                stripped,
                self.offset(line, start + lead),
                self.offset(line, start + lead + len(stripped)),
                line.number,
                "table-cell",
                directives,
            )


def split_cells(row: str) -> Iterator[tuple[int, int]]:
    """Yield the (start, end) column range of each cell of a table row, honouring ``\\|`` and code spans."""
    bounds: list[int] = []
    in_code = 0
    pos = 0
    while pos < len(row):
        char = row[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "`":
            run = len(row[pos:]) - len(row[pos:].lstrip("`"))
            in_code = 0 if in_code == run else (in_code if in_code else run)
            pos += run
            continue
        if char == "|" and not in_code:
            bounds.append(pos)
        pos += 1
    stripped_end = len(row.rstrip())
    edges = [-1, *bounds, stripped_end]
    for left, right in itertools.pairwise(edges):
        start, stop = left + 1, right
        if left == -1 and bounds and not row[: bounds[0]].strip():
            continue
        if right == stripped_end and bounds and bounds[-1] == stripped_end - 1:
            continue
        yield start, stop


def extract_segments(source: str, slugify: Slugify = default_slugify, separator: str = "-") -> list[Segment]:
    """All translatable segments of a Markdown page, in document order."""
    parser = _Parser(source, slugify, separator)
    first = parser.front_matter()
    parser.blocks(parser.lines[first:])
    parser.settle_anchors()
    return sorted(parser.segments, key=lambda segment: segment.start)


def yaml_scalar(text: str) -> str:
    """A translated front-matter value, always double-quoted so no translation can break the YAML."""
    return json.dumps(text, ensure_ascii=False)
