"""Pseudo-localisation: English text -> visibly "translated" text with every piece of markup intact.

A pseudo language shows, before any translator starts, what the pipeline does not extract (it stays plain
English on the built site) and where a longer language will overflow (the text grows by about a third).
Only prose letters change: Markdown and HTML markup, URLs, code spans, placeholders (``{name}``), attribute
lists, footnote references, link labels, emoji shortcodes and entities come through byte for byte, so a
pseudo-translated page has exactly the structure of its source.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import polib

__all__ = [
    "CLOSE",
    "OPEN",
    "fill_catalog",
    "is_pseudo",
    "pseudo_localise",
    "pseudo_page",
    "real_translations",
]

OPEN, CLOSE = "⟦", "⟧"

_ACCENTED = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "áƀçðéƒĝĥíĵķłɱñóþʠřšŧúṽŵẋýžÁɃÇÐÉƑĜĤÍĴĶŁṀÑÓÞǪŘŠŦÚṼŴẊÝŽ",
        strict=True,
    )
)
_VOWELS = frozenset("aeiouyAEIOUY")

# What is never prose, tried in this order at each position; everything else has only its letters changed.
_PROTECTED = re.compile(
    r"""
      (?P<code>(?P<ticks>`+)[\s\S]*?(?P=ticks))          # code span
    | <!--[\s\S]*?-->                                    # HTML comment
    | (?P<tag></?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>)        # HTML tag (attribute values handled below)
    | <(?:https?|ftp|mailto):[^<>\s]*>                   # autolink
    | \\.                                                # backslash escape
    | &(?:[A-Za-z][A-Za-z0-9]*|\#[0-9]+|\#[xX][0-9A-Fa-f]+);   # entity
    | \]\(\s*<[^>\n]*>                                   # ](<url>
    | \]\(\s*[^\s)]*                                     # ](url
    | \]\[[^\]\n]*\]                                     # ][label]
    | \[\^[^\]\n]+\]                                     # [^footnote]
    | \{[^{}\n]*\}                                       # {placeholder}, {: attr list }, {#id}
    | \+\+[\w+-]+\+\+                                    # ++ctrl+alt+del++ (keys)
    | :[a-z0-9][a-z0-9_+-]*:                             # :emoji-shortcode:
    | (?:https?|ftp)://[^\s<>()\[\]]+                    # bare URL (magiclink)
    | [\w.+-]+@[\w-]+\.[\w.-]+                           # e-mail address
    """,
    re.X,
)
_TAG_ATTR = re.compile(r"""(\s(?:alt|title|aria-label)\s*=\s*)("[^"]*"|'[^']*')""", re.I)
_SHORTCUT_LINK = re.compile(r"(?<![\]\\!])\[([^\[\]\n]+)\](?![(\[:])")


def _accent(text: str) -> str:
    out: list[str] = []
    for char in text:
        accented = _ACCENTED.get(char)
        if accented is None:
            out.append(char)
        else:
            out.append(accented * 2 if char in _VOWELS else accented)
    return "".join(out)


def _tag(tag: str) -> str:
    """Keep a tag; pseudo-localise only the values readers see (alt, title, aria-label)."""
    return _TAG_ATTR.sub(
        lambda m: m.group(1) + m.group(2)[0] + _accent(m.group(2)[1:-1]) + m.group(2)[-1], tag
    )


def _prose(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        out.append(_accent(text[position : match.start()]))
        out.append(_tag(match.group()) if match.group("tag") else match.group())
        position = match.end()
    out.append(_accent(text[position:]))
    return "".join(out)


def pseudo_localise(text: str, link_labels: Collection[str] = ()) -> str:
    """``text`` with its prose accented and lengthened, wrapped in ⟦ ⟧; all markup kept.

    ``link_labels`` are the page's reference-link labels (lower case): a shortcut reference ``[Label]`` is
    written ``[Łááƀééł][Label]`` so it still resolves.
    """
    if not text.strip():
        return text
    labels = {label.lower() for label in link_labels}

    def shortcut(match: re.Match[str]) -> str:
        label = match.group(1)
        if label.lower() in labels:
            return f"[{label}][{label}]"
        return match.group()

    if labels:
        text = _SHORTCUT_LINK.sub(shortcut, text)
    return OPEN + _prose(text) + CLOSE


def is_pseudo(word: str) -> bool:
    """A word that went through :func:`pseudo_localise` (no plain ASCII letter left in it)."""
    return not re.search(r"[A-Za-z]", word)


def pseudo_page(source: str) -> str:
    """A whole page pseudo-localised, as a pseudo language's complete catalog would render it."""
    from .render import render_page
    from .segments import extract_segments, link_labels

    labels = link_labels(source)
    return render_page(
        source, extract_segments(source), lambda segment: pseudo_localise(segment.text, labels)
    )


def real_translations(catalog: polib.POFile) -> int:
    """Entries of a catalog that hold a translation someone wrote (not a pseudo one)."""
    return sum(
        1
        for entry in catalog
        if not entry.obsolete
        and any(text and not text.startswith(OPEN) for text in [entry.msgstr, *entry.msgstr_plural.values()])
    )


def fill_catalog(catalog: polib.POFile, link_labels: Collection[str] = ()) -> int:
    """Give every live entry a pseudo translation (fuzzy flags dropped); return how many entries changed."""
    changed = 0
    for entry in catalog:
        if entry.obsolete:
            continue
        before = (entry.msgstr, dict(entry.msgstr_plural), list(entry.flags))
        if entry.msgid_plural:
            for index in entry.msgstr_plural or {0: "", 1: ""}:
                source = entry.msgid if index == 0 else entry.msgid_plural
                entry.msgstr_plural[index] = pseudo_localise(source, link_labels)
        else:
            entry.msgstr = pseudo_localise(entry.msgid, link_labels)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgctxt = None
        changed += before != (entry.msgstr, dict(entry.msgstr_plural), list(entry.flags))
    return changed
