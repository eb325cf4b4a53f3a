"""Segments -> catalog templates (one per page, plus the site catalog), and the headers they carry.

Catalog objects are ``polib.POFile``/``POEntry``: every stage (merge, checks, stats, render) speaks them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

import polib

from .figures import placeholders
from .languages import plural_forms
from .segments import Segment

__all__ = [
    "PROJECT",
    "SiteString",
    "catalog_header",
    "entry_key",
    "page_domain",
    "page_template",
    "same_entries",
    "site_template",
    "template_header",
]

PROJECT = "Release NO:W"
#: The placeholder gettext uses for a date nobody has set yet.
UNSET_DATE = "YEAR-MO-DA HO:MI+ZONE"

EntryKey = tuple[str | None, str]


def entry_key(entry: polib.POEntry) -> EntryKey:
    return (entry.msgctxt, entry.msgid)


@dataclass(frozen=True)
class SiteString:
    """A string the site shows outside the pages (nav title, site name, template text)."""

    text: str
    reference: str
    note: str | None = None
    context: str | None = None


@cache
def page_domain(page_path: str) -> str:
    """``docs``-relative page path -> catalog name: ``why/manifesto.md`` -> ``why/manifesto``."""
    return str(PurePosixPath(page_path).with_suffix(""))


def template_header(creation_date: str) -> dict[str, str]:
    return {
        "Project-Id-Version": PROJECT,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": UNSET_DATE,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def catalog_header(language: str, template: polib.POFile, old: polib.POFile | None) -> dict[str, str]:
    """A language catalog's header: the template's, with the translator's own fields kept."""
    header = dict(template.metadata)
    kept = old.metadata if old is not None else {}
    for key in ("PO-Revision-Date", "Last-Translator", "Language-Team"):
        if kept.get(key):
            header[key] = kept[key]
    header["Language"] = language
    header["Plural-Forms"] = plural_forms(language)
    for key, value in kept.items():
        header.setdefault(key, value)
    return header


def _new_template(creation_date: str, comment: str) -> polib.POFile:
    template = polib.POFile(wrapwidth=79)
    template.header = comment
    template.metadata = template_header(creation_date)
    template.metadata_is_fuzzy = True
    return template


def _add(
    template: polib.POFile,
    index: dict[EntryKey, polib.POEntry],
    text: str,
    context: str | None,
    reference: tuple[str, str],
    notes: Iterable[str],
    plural: str | None = None,
) -> None:
    """Add (or extend) an entry; ``plural`` makes it a plural entry with ``text`` as the singular."""
    entry = index.get((context, text))
    if entry is None:
        entry = polib.POEntry(msgid=text, msgctxt=context, msgstr="")
        if plural is not None:
            entry.msgid_plural = plural
            entry.msgstr_plural = {0: "", 1: ""}
        # Figures are named placeholders: let Poedit, Weblate and msgfmt -c check them natively.
        if placeholders(text) or placeholders(plural or ""):
            entry.flags.append("python-brace-format")
        index[(context, text)] = entry
        template.append(entry)
    if reference not in entry.occurrences:
        entry.occurrences.append(reference)
    existing = entry.comment.split("\n") if entry.comment else []
    for note in notes:
        if note not in existing:
            existing.append(note)
    entry.comment = "\n".join(existing)


def page_template(page_file: str, segments: Sequence[Segment], creation_date: str) -> polib.POFile:
    """One template per page; identical text on a page is one entry with every reference."""
    template = _new_template(creation_date, f"Translations of {page_file} for the {PROJECT} site.")
    index: dict[EntryKey, polib.POEntry] = {}
    for segment in segments:
        reference = (page_file, str(segment.line))
        if segment.plural:
            _add(
                template,
                index,
                segment.singular or segment.text,
                segment.context,
                reference,
                segment.notes,
                plural=segment.text,
            )
        else:
            _add(template, index, segment.text, segment.context, reference, segment.notes)
    return template


def site_template(strings: Sequence[SiteString], creation_date: str) -> polib.POFile:
    template = _new_template(
        creation_date, f"Site-wide strings of the {PROJECT} site: navigation, site name, templates."
    )
    index: dict[EntryKey, polib.POEntry] = {}
    for string in strings:
        path, _, line = string.reference.partition(":")
        _add(template, index, string.text, string.context, (path, line), [string.note] if string.note else [])
    return template


def same_entries(left: polib.POFile, right: polib.POFile) -> bool:
    """True when two catalogs differ at most in their header dates (so a rewrite would only churn dates)."""

    def content(catalog: polib.POFile) -> list[tuple[object, ...]]:
        return [
            (
                e.msgctxt,
                e.msgid,
                e.msgid_plural,
                e.msgstr,
                tuple(sorted(e.msgstr_plural.items())),
                tuple(e.occurrences),
                e.comment,
                e.tcomment,
                tuple(e.flags),
                e.previous_msgid,
                e.previous_msgctxt,
                e.obsolete,
            )
            for e in catalog
        ]

    def header(catalog: polib.POFile) -> dict[str, str]:
        return {
            k: v for k, v in catalog.metadata.items() if k not in ("POT-Creation-Date", "PO-Revision-Date")
        }

    return content(left) == content(right) and header(left) == header(right) and left.header == right.header
