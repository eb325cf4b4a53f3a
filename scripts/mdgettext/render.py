"""Translated Markdown: the source page with each segment's text replaced in place.

Nothing outside a segment's range is touched, so markers, indentation, code and attributes come through
byte for byte, and an identity translation gives back the page exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .segments import Segment, yaml_scalar

__all__ = ["format_translation", "render_page", "translated_markdown"]

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)", re.S)
_ATTRS_AFTER = re.compile(r"[ \t]*\{:?[ \t]*")


def _escape_pipes(text: str) -> str:
    """A ``|`` would end the table cell, except inside a code span (tables honour those)."""
    out: list[str] = []
    position = 0
    for code in _CODE_SPAN.finditer(text):
        out.append(_UNESCAPED_PIPE.sub(r"\\|", text[position : code.start()]))
        out.append(code.group())
        position = code.end()
    out.append(_UNESCAPED_PIPE.sub(r"\\|", text[position:]))
    return "".join(out)


def format_translation(segment: Segment, translation: str) -> str:
    """How a translation is written back where its segment stood (quoting, escaping, line breaks)."""
    if segment.kind == "front-matter":
        return yaml_scalar(" ".join(translation.split("\n")))
    if segment.kind == "table-cell":
        return _escape_pipes(translation.replace("\n", " "))
    if segment.kind in ("paragraph", "definition-term", "html"):
        return translation.replace("\n", "  \n" + segment.continuation)
    if segment.kind == "admonition-type":
        # The page showed the type as its title; a translated title is written after the type.
        return ' "' + translation.replace("\n", " ") + '"'
    if segment.kind == "html-attribute":
        # Only the quote that delimits the value needs escaping; entities the translator wrote stay entities.
        return translation.replace("\n", " ").replace(
            segment.quote, "&quot;" if segment.quote == '"' else "&#39;"
        )
    return translation.replace("\n", " ")


def render_page(source: str, segments: list[Segment], translate: Callable[[Segment], str | None]) -> str:
    """Splice translations into ``source``; ``translate`` returns None to keep a segment as written."""
    out: list[str] = []
    position = 0
    for segment in sorted(segments, key=lambda seg: seg.start):
        translation = translate(segment)
        if translation is None or translation == segment.text or segment.start < position:
            continue
        out.append(source[position : segment.start])
        out.append(format_translation(segment, translation))
        position = segment.end
        if segment.anchor:
            # Pin the English id so ``page.md#id`` links and shared URLs keep working in every language.
            attrs = _ATTRS_AFTER.match(source, position)
            if attrs:
                out.append(source[position : attrs.end()] + f"#{segment.anchor} ")
                position = attrs.end()
            else:
                out.append(f" {{#{segment.anchor}}}")
    out.append(source[position:])
    return "".join(out)


def translated_markdown(
    source: str,
    segments: list[Segment],
    lookup: Mapping[tuple[str | None, str], str],
    fallback: Callable[[str, str], str | None],
    plural: Callable[[Segment], str | None] | None = None,
) -> str:
    """The page in one language: each segment's checked translation, else ``fallback(kind, text)``.

    ``lookup`` holds the catalog's usable translations by (msgctxt, msgid); ``fallback`` returns None to
    keep an untranslated segment as written. Plural segments need the figures to pick a form, so
    ``plural`` answers them; a page that has some cannot be translated without it (ValueError).
    """

    def translation(segment: Segment) -> str | None:
        if segment.plural:
            if plural is None:
                raise ValueError("a plural segment needs the figures to choose its form")
            return plural(segment)
        found = lookup.get((segment.context, segment.text))
        return found if found is not None else fallback(segment.kind, segment.text)

    return render_page(source, segments, translation)
