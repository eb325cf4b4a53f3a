"""Markdown -> translatable segments, with the exact source range each one came from.

The parser is line based and recursive: containers (block quotes, list items, admonitions, content tabs,
footnotes, definitions, ``md_in_html`` blocks) strip their own prefix from their lines and hand the rest to
the same block parser.  Every segment remembers the absolute character range it covers in the page, so
rendering is a splice: every byte that is not translatable (markers, indentation, blank lines, code,
attributes, comments) stays exactly as written.

Authors steer extraction with HTML comments, which are kept in the page and never extracted:

* ``<!-- i18n: note TEXT -->``: a note for the translator on every segment of the next block;
* ``<!-- i18n: context TEXT -->``: a msgctxt for every segment of the next block;
* ``<!-- i18n: skip -->``: do not extract the next block;
* ``<!-- i18n: off -->`` ... ``<!-- i18n: on -->``: do not extract anything in between.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import yaml
from markdown.extensions.toc import slugify as default_slugify
from markdown.extensions.toc import unique

__all__ = [
    "Segment",
    "extract_segments",
    "has_prose",
    "heading_anchor_text",
]

Slugify = Callable[[str, str], str]

#: Front-matter keys whose values readers see (page title, meta description).
FRONT_MATTER_KEYS = ("title", "description")

# Inline HTML elements stay inside a segment of a raw HTML block; any other tag ends the segment.
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q s samp small span strong sub sup "
    "time u var wbr".split()
)
# Elements whose content is code or data, never prose.
RAW_TEXT_TAGS = frozenset({"script", "style", "pre", "textarea", "svg", "math"})


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
        return len(self.text.expandtabs(4)) - len(self.text.expandtabs(4).lstrip(" "))


@dataclass
class _Directives:
    notes: tuple[str, ...] = ()
    context: str | None = None
    skip: bool = False


# --- block patterns (applied to a container's stripped lines) ---------------------------------------------
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_QUOTE = re.compile(r"^ {0,3}> ?")
_LIST = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)")
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"(.*)")?[ \t]*$')
_TAB = re.compile(r'^===[+!]*[ \t]+"(.*)"[ \t]*$')
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_DEFINITION = re.compile(r"^:[ \t]{1,3}")
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*")
_ABBREVIATION = re.compile(r"^ {0,3}\*\[[^\]]+\]:[ \t]*(.*?)[ \t]*$")
_LINK_DEFINITION = re.compile(
    r"""^ {0,3}\[[^\]^][^\]]*\]:[ \t]*<?\S+?>?(?:[ \t]+(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|\((?P<pq>[^)]*)\)))?[ \t]*$"""
)
_ATTR_LINE = re.compile(r"^ {0,3}\{:?[ \t]*[^}]*\}[ \t]*$")
_HEADING_ATTRS = re.compile(r"[ \t]*\{:?[ \t]*([^}]*)\}[ \t]*$")
_DIRECTIVE = re.compile(r"^ {0,3}<!--\s*i18n:\s*(\w+)\s*(.*?)\s*-->[ \t]*$", re.S)
_COMMENT_START = re.compile(r"^ {0,3}<!--")
_MD_IN_HTML = re.compile(r"^ {0,3}<([a-zA-Z][\w-]*)\b[^>]*\bmarkdown(?:=[\"']?(?:1|block|span)[\"']?)?[^>]*>[ \t]*$")
_HTML_BLOCK = re.compile(r"^ {0,3}</?([a-zA-Z][\w-]*)(?:[\s/>]|$)")
_SNIPPET = re.compile(r"^ {0,3}-{1,}8<-{1,}")
_HTML_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|[^<]+", re.S)
_TAG_NAME = re.compile(r"</?([a-zA-Z][\w-]*)")
_LETTER = re.compile(r"[^\W\d_]")


def has_prose(text: str) -> bool:
    """A segment worth translating has at least one letter (``140``, ``---`` or ``€20`` alone do not)."""
    return bool(_LETTER.search(text))


_INLINE_MARKUP = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"`+([^`]*)`+"), r"\1"),
    (re.compile(r"(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1"), r"\2"),
    (re.compile(r"<[^>]+>"), ""),
]


def heading_anchor_text(text: str) -> str:
    """The plain text Python-Markdown's toc slugifies: inline markup and tags removed, entities decoded."""
    for pattern, repl in _INLINE_MARKUP:
        text = pattern.sub(repl, text)
    return html.unescape(text)


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
        self.used_ids: set[str] = set()
        self.segments: list[Segment] = []
        self.disabled = False

    # -- emitting ---------------------------------------------------------------------------------------
    def offset(self, line: _Line, pos: int = 0) -> int:
        return self.offsets[line.number] + line.col + pos

    def emit(
        self, text: str, start: int, end: int, line: int, kind: str, directives: _Directives, **extra: str
    ) -> None:
        if self.disabled or directives.skip or not has_prose(text):
            return
        self.segments.append(
            Segment(
                text=text,
                start=start,
                end=end,
                line=line + 1,
                kind=kind,
                context=directives.context,
                notes=directives.notes,
                **extra,
            )
        )

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
            match = re.match(r"^([A-Za-z_][\w-]*):[ \t]*", line.text)
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
                value = yaml.safe_load("\n".join(raw_lines)).get(match.group(1))
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
    def blocks(self, lines: list[_Line]) -> None:
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
            index = self.block(lines, index, directives)
            directives = _Directives()

    def directive(self, name: str, value: str, directives: _Directives) -> _Directives:
        if name == "note":
            return replace(directives, notes=(*directives.notes, value))
        if name == "context":
            return replace(directives, context=value)
        if name == "skip":
            return replace(directives, skip=True)
        if name == "off":
            self.disabled = True
        elif name == "on":
            self.disabled = False
        return directives

    def block(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        """Parse the block starting at ``lines[index]``; return the index just after it."""
        line = lines[index]
        text = line.text
        if _COMMENT_START.match(text):
            return self.skip_comment(lines, index)
        fence = _FENCE.match(text)
        if fence:
            return self.skip_fence(lines, index, fence)
        if line.indent >= 4:
            return self.skip_indented_code(lines, index)
        if _SNIPPET.match(text) or _ATTR_LINE.match(text):
            return index + 1
        heading = _ATX.match(text)
        if heading:
            self.atx_heading(line, heading.end(), directives)
            return index + 1
        if _HR.match(text):
            return index + 1
        if _QUOTE.match(text):
            return self.blockquote(lines, index, directives)
        admonition = _ADMONITION.match(text)
        if admonition:
            return self.titled_container(lines, index, admonition, "admonition-title", directives)
        tab = _TAB.match(text)
        if tab:
            return self.titled_container(lines, index, tab, "tab-title", directives)
        if _LIST.match(text):
            return self.list_items(lines, index, directives)
        if _FOOTNOTE.match(text):
            return self.footnote(lines, index, directives)
        abbreviation = _ABBREVIATION.match(text)
        if abbreviation:
            start = self.offset(line, abbreviation.start(1))
            self.emit(abbreviation.group(1), start, start + len(abbreviation.group(1)), line.number,
                      "abbreviation", directives)
            return index + 1
        link_definition = _LINK_DEFINITION.match(text)
        if link_definition:
            for group in ("dq", "sq", "pq"):
                if link_definition.group(group) is not None:
                    start = self.offset(line, link_definition.start(group))
                    self.emit(link_definition.group(group), start, start + len(link_definition.group(group)),
                              line.number, "link-title", directives)
            return index + 1
        md_in_html = _MD_IN_HTML.match(text)
        if md_in_html:
            return self.markdown_html(lines, index, md_in_html.group(1), directives)
        if _HTML_BLOCK.match(text):
            return self.html_block(lines, index, directives)
        if index + 1 < len(lines) and "|" in text and _TABLE_DELIMITER.match(lines[index + 1].text):
            return self.table(lines, index, directives)
        return self.paragraph(lines, index, directives)

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
    def skip_indented_code(lines: list[_Line], index: int) -> int:
        end = index
        while end < len(lines) and (lines[end].blank or lines[end].indent >= 4):
            end += 1
        while end > index and lines[end - 1].blank:
            end -= 1
        return end

    # -- headings and paragraphs ------------------------------------------------------------------------
    def heading(self, line: _Line, start: int, end: int, directives: _Directives) -> None:
        """Emit a heading's text, without its attribute list, pinning the English anchor."""
        content = line.text[start:end]
        attrs = _HEADING_ATTRS.search(content)
        explicit_id = None
        if attrs:
            id_match = re.search(r"#([\w-]+)", attrs.group(1))
            explicit_id = id_match.group(1) if id_match else None
            content = content[: attrs.start()]
            end = start + len(content)
        anchor = None
        if explicit_id:
            self.used_ids.add(explicit_id)
        else:
            anchor = unique(self.slugify(heading_anchor_text(content), self.separator), self.used_ids)
        self.emit(content, self.offset(line, start), self.offset(line, end), line.number, "heading",
                  directives, **({"anchor": anchor} if anchor else {}))

    def atx_heading(self, line: _Line, content_start: int, directives: _Directives) -> None:
        text = line.text.rstrip()
        closing = re.search(r"(?:^|[ \t]+)#+[ \t]*$", text[content_start:])
        end = content_start + closing.start() if closing else len(text)
        attrs = _HEADING_ATTRS.search(text[content_start:])
        if closing and attrs and attrs.start() > closing.start():
            end = len(text)
        self.heading(line, content_start, max(end, content_start), directives)

    def paragraph(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        """Collect a paragraph (soft breaks joined, hard breaks kept); setext headings end here too."""
        end = index + 1
        while end < len(lines):
            text = lines[end].text
            if lines[end].blank or self.interrupts_paragraph(text):
                break
            if _SETEXT.match(text):
                if end == index + 1:
                    self.heading(lines[index], 0, len(lines[index].text.rstrip()), directives)
                    return end + 1
                break
            if index + 1 < len(lines) and _DEFINITION.match(text):
                break
            end += 1
        if end < len(lines) and _DEFINITION.match(lines[end].text) and end == index + 1:
            self.emit_paragraph(lines[index:end], "definition-term", directives)
            return self.definition(lines, end, directives)
        body = lines[index:end]
        if len(body) > 1 and _ATTR_LINE.match(body[-1].text):
            body = body[:-1]
        self.emit_paragraph(body, "paragraph", directives)
        return end

    @staticmethod
    def interrupts_paragraph(text: str) -> bool:
        return bool(
            _ATX.match(text)
            or _FENCE.match(text)
            or _QUOTE.match(text)
            or _ADMONITION.match(text)
            or _TAB.match(text)
            or _HR.match(text) and not _SETEXT.match(text)
            or _DIRECTIVE.match(text)
            or _COMMENT_START.match(text)
        )

    def emit_paragraph(self, body: list[_Line], kind: str, directives: _Directives) -> None:
        parts: list[str] = []
        for number, line in enumerate(body):
            stripped = line.text.strip()
            if number:
                previous = body[number - 1].text
                hard = previous.endswith("  ") and number < len(body)
                parts.append("\n" if hard else " ")
            parts.append(stripped)
        text = "".join(parts)
        first, last = body[0], body[-1]
        start = self.offset(first, len(first.text) - len(first.text.lstrip()))
        end = self.offset(last, len(last.text.rstrip()))
        continuation = ""
        if len(body) > 1:
            second = body[1]
            raw = self.source[self.offsets[second.number] : self.offset(second)]
            continuation = raw + second.text[: len(second.text) - len(second.text.lstrip())]
        else:
            raw = self.source[self.offsets[first.number] : start]
            continuation = re.sub(r"[^>\s]", " ", raw)
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
            elif not line.blank and inner and not inner[-1].blank and not self.interrupts_paragraph(line.text):
                inner.append(line)  # lazy continuation of the quoted paragraph
            else:
                break
            end += 1
        self.nested(inner, directives)
        return end

    def nested(self, lines: list[_Line], directives: _Directives) -> None:
        """Parse a container's content; the directives given to the container cover all of it."""
        before = len(self.segments)
        self.blocks(lines)
        if directives.notes or directives.context or directives.skip:
            produced = self.segments[before:]
            if directives.skip:
                del self.segments[before:]
                return
            self.segments[before:] = [
                replace(
                    segment,
                    notes=(*directives.notes, *segment.notes),
                    context=segment.context or directives.context,
                )
                for segment in produced
            ]

    def indented_body(self, lines: list[_Line], index: int, width: int = 4) -> tuple[list[_Line], int]:
        """Lines indented by ``width`` (blank lines included while indented lines follow)."""
        body: list[_Line] = []
        end = index
        while end < len(lines):
            line = lines[end]
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

    def titled_container(
        self, lines: list[_Line], index: int, match: re.Match[str], kind: str, directives: _Directives
    ) -> int:
        line = lines[index]
        if match.group(1) is not None:
            self.emit(match.group(1), self.offset(line, match.start(1)), self.offset(line, match.end(1)),
                      line.number, kind, directives)
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
            body, end = self.indented_body(lines, end)
            self.nested(item + body, directives)
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
        body, end = self.indented_body(lines, index + 1)
        self.nested([first, *body], directives)
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

    def markdown_html(self, lines: list[_Line], index: int, tag: str, directives: _Directives) -> int:
        """``<div markdown>``: keep the tags, parse what is between them as Markdown."""
        opening = re.compile(rf"^\s*<{tag}\b", re.I)
        closing = re.compile(rf"</{tag}\s*>", re.I)
        depth = 0
        for end in range(index, len(lines)):
            text = lines[end].text
            if opening.match(text):
                depth += 1
            if closing.search(text):
                depth -= len(closing.findall(text))
                if depth <= 0:
                    self.nested([line.strip(4) if line.indent < 8 else line for line in lines[index + 1 : end]],
                                directives)
                    return end + 1
        self.nested(lines[index + 1 :], directives)
        return len(lines)

    def html_block(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        """Raw HTML: translate the text between block-level tags, keep every tag and attribute."""
        end = index
        while end < len(lines) and not lines[end].blank:
            end += 1
        if self.disabled or directives.skip:
            return end
        # Work on the block's own text, with a map back to source offsets.
        pieces: list[tuple[int, str]] = []
        for line in lines[index:end]:
            pieces.append((self.offset(line), line.text))
        joined = "\n".join(text for _, text in pieces)
        positions: list[int] = []
        for number, (offset, text) in enumerate(pieces):
            positions.extend(range(offset, offset + len(text)))
            if number < len(pieces) - 1:
                positions.append(offset + len(text))
        positions.append(pieces[-1][0] + len(pieces[-1][1]))
        skip_depth = 0
        run_start: int | None = None
        run_end = 0
        for token in _HTML_TOKEN.finditer(joined):
            value = token.group()
            if value.startswith("<!--"):
                continue
            if value.startswith("<"):
                name_match = _TAG_NAME.match(value)
                name = name_match.group(1).lower() if name_match else ""
                if name in RAW_TEXT_TAGS:
                    closing = value.startswith("</")
                    skip_depth = max(0, skip_depth - 1) if closing else skip_depth + (not value.endswith("/>"))
                elif name in INLINE_TAGS and not skip_depth:
                    if run_start is None:
                        run_start = token.start()
                    run_end = token.end()
                    continue
                self.emit_html_run(joined, positions, run_start, run_end, lines[index].number, directives)
                run_start = None
                continue
            if skip_depth:
                continue
            if value.strip():
                if run_start is None:
                    run_start = token.start() + len(value) - len(value.lstrip())
                run_end = token.start() + len(value.rstrip())
        self.emit_html_run(joined, positions, run_start, run_end, lines[index].number, directives)
        return end

    def emit_html_run(
        self,
        joined: str,
        positions: list[int],
        start: int | None,
        end: int,
        first_line: int,
        directives: _Directives,
    ) -> None:
        if start is None or end <= start:
            return
        text = re.sub(r"\s*\n\s*", " ", joined[start:end])
        line = self.source.count("\n", 0, positions[start])
        self.emit(text, positions[start], positions[end - 1] + 1, max(line, first_line), "html", directives)

    def table(self, lines: list[_Line], index: int, directives: _Directives) -> int:
        end = index
        while end < len(lines) and not lines[end].blank and "|" in lines[end].text:
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
            self.emit(stripped, self.offset(line, start + lead), self.offset(line, start + lead + len(stripped)),
                      line.number, "table-cell", directives)


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
            in_code = 0 if in_code == run else (run if not in_code else in_code)
            pos += run
            continue
        if char == "|" and not in_code:
            bounds.append(pos)
        pos += 1
    stripped_end = len(row.rstrip())
    edges = [-1, *bounds, stripped_end]
    for left, right in zip(edges, edges[1:], strict=False):
        start, stop = left + 1, right
        if left == -1 and bounds and not row[:bounds[0]].strip():
            continue
        if right == stripped_end and bounds and bounds[-1] == stripped_end - 1:
            continue
        yield start, stop


def extract_segments(source: str, slugify: Slugify = default_slugify, separator: str = "-") -> list[Segment]:
    """All translatable segments of a Markdown page, in document order."""
    parser = _Parser(source, slugify, separator)
    first = parser.front_matter()
    parser.blocks(parser.lines[first:])
    return parser.segments


def yaml_scalar(text: str) -> str:
    """A translated front-matter value, always double-quoted so no translation can break the YAML."""
    return json.dumps(text, ensure_ascii=False)
