"""Template + old catalog + the language's translation memory -> updated catalog, never losing a translation.

For each template entry, in order of trust:

1. the same entry in this catalog (its translation, flags and translator comments are kept);
2. the same entry among this catalog's obsolete entries (revived);
3. the same text translated anywhere else in the language (every catalog of a language is one memory);
4. the closest old text (similarity >= ``FUZZY_CUTOFF``), preferring this catalog's own vanished entries:
   its translation is copied, marked ``fuzzy``, with the old text as ``#| msgid`` so the translator sees
   exactly what changed.

Entries that left the template keep their translation as obsolete (``#~``) entries. Candidate lookup uses
rapidfuzz's C scorer with a length prefilter, so the merge is fast even on catalogs of thousands of entries
(Babel's difflib matcher is quadratic in Python), and a text's scores are shared by the languages of a run
(``SimilarTexts``).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

import polib
from rapidfuzz import fuzz, process

from .catalogs import EntryKey, catalog_header, entry_key

__all__ = ["FUZZY_CUTOFF", "Memory", "SimilarTexts", "build_memory", "is_translated", "update_catalog"]

#: Same threshold as msgmerge (fstrcmp >= 0.6), on rapidfuzz's normalized Indel similarity (0-100).
FUZZY_CUTOFF = 60.0


def _length_window(text: str) -> tuple[int, int]:
    """The shortest and longest old text that can reach the cutoff against ``text``; others are not scored.

    The similarity is 200 * common / (a + b), and common <= the shorter length, so the shorter text must be
    at least cutoff / (200 - cutoff) of the longer: 3/7 at 60 ("Log" and "Logging" score exactly 60).
    Both bounds are exact in floating point (multiples of 1/7 and 1/3, never rounded across an integer).
    """
    length = len(text)
    low = math.ceil(length * FUZZY_CUTOFF / (200 - FUZZY_CUTOFF))
    return low, math.floor(length * (200 - FUZZY_CUTOFF) / FUZZY_CUTOFF)


def is_translated(entry: polib.POEntry) -> bool:
    """Translated means: not obsolete, not fuzzy, and every msgstr filled."""
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _has_text(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


class SimilarTexts:
    """The old texts close enough to a text (fuzzy score >= ``FUZZY_CUTOFF``), scored once per text.

    Every language's memory holds nearly the same English texts, so ``mdgettext update`` shares one of these
    between its languages: each new or edited text is scored against the old ones once, not once per
    language (this scoring is the one part of a merge that grows with edits times site size). Texts are
    added in blocks (a memory's texts not added before, when it is first asked), each sorted by length so
    that only the texts within ``_length_window`` are scored, by rapidfuzz's C scorer; a text asked for
    again is scored only against the blocks added since.
    """

    def __init__(self) -> None:
        self._known: set[str] = set()
        self._blocks: list[tuple[list[int], list[str]]] = []
        self._scored: dict[str, tuple[int, dict[str, float]]] = {}

    def add(self, texts: Iterable[str]) -> None:
        new = sorted(dict.fromkeys(text for text in texts if text not in self._known), key=len)
        if new:
            self._known.update(new)
            self._blocks.append(([len(text) for text in new], new))

    def scores(self, text: str) -> dict[str, float]:
        """Every added text that reaches the cutoff against ``text``, with its score (kept: do not modify)."""
        done, found = self._scored.get(text, (0, {}))
        low, high = _length_window(text)
        for lengths, texts in self._blocks[done:]:
            start, stop = bisect_left(lengths, low), bisect_right(lengths, high)
            if start < stop:
                for choice, score, _ in process.extract(
                    text, texts[start:stop], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
                ):
                    found[choice] = score
        self._scored[text] = (len(self._blocks), found)
        return found


@dataclass
class Memory:
    """Every translation of a language: exact lookups by text, and fuzzy candidates."""

    exact: dict[EntryKey, polib.POEntry] = field(default_factory=dict)
    by_text: dict[str, polib.POEntry] = field(default_factory=dict)
    fuzzy_sources: list[polib.POEntry] = field(default_factory=list)
    #: Scores texts against the fuzzy sources' texts; may be shared with other languages' memories.
    similar: SimilarTexts = field(default_factory=SimilarTexts, repr=False, compare=False)
    #: Each fuzzy source text's first position in fuzzy_sources, built (and given to similar) on first use.
    _first: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def add(self, entry: polib.POEntry) -> None:
        self._first = None
        if not _has_text(entry):
            return
        if is_translated(entry) or (entry.obsolete and "fuzzy" not in entry.flags):
            self.exact.setdefault(entry_key(entry), entry)
            self.by_text.setdefault(entry.msgid, entry)
        self.fuzzy_sources.append(entry)

    def closest(self, text: str) -> polib.POEntry | None:
        """``_closest(text, self.fuzzy_sources)``, same answer, without a Python loop over the whole memory.

        The best score wins; between equal scores, the source met first, as ``extractOne`` over the list
        would pick it.
        """
        if self._first is None:
            self._first = {}
            for position, entry in enumerate(self.fuzzy_sources):
                self._first.setdefault(entry.msgid, position)
            self.similar.add(self._first)
        first, scores = self._first, self.similar.scores(text)
        found = [source for source in scores if source in first]
        if not found:
            return None
        best = max(found, key=lambda source: (scores[source], -first[source]))
        return self.fuzzy_sources[first[best]]


def build_memory(catalogs: Iterable[polib.POFile], similar: SimilarTexts | None = None) -> Memory:
    """One language's memory; ``similar``, when given, is shared with the other languages' memories."""
    memory = Memory() if similar is None else Memory(similar=similar)
    for catalog in catalogs:
        for entry in catalog:
            memory.add(entry)
    return memory


def _copy_translation(target: polib.POEntry, source: polib.POEntry) -> None:
    if target.msgid_plural and source.msgid_plural:
        target.msgstr_plural = dict(source.msgstr_plural)
    elif not target.msgid_plural and not source.msgid_plural:
        target.msgstr = source.msgstr
    elif target.msgid_plural:
        target.msgstr_plural = {0: source.msgstr}
    else:
        target.msgstr = source.msgstr_plural.get(0, "")


def _trust(entry: polib.POEntry) -> tuple[bool, bool, bool]:
    """Order of preference between two old entries for one text: translated, then any text, then active."""
    return (is_translated(entry) or (entry.obsolete and "fuzzy" not in entry.flags and _has_text(entry)),
            _has_text(entry), not entry.obsolete)


def _fresh(template_entry: polib.POEntry, nplurals: int) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=template_entry.msgid,
        msgctxt=template_entry.msgctxt,
        msgid_plural=template_entry.msgid_plural,
        msgstr="",
        occurrences=list(template_entry.occurrences),
        comment=template_entry.comment,
        flags=[flag for flag in template_entry.flags if flag != "fuzzy"],
    )
    if template_entry.msgid_plural:
        entry.msgstr_plural = {index: "" for index in range(nplurals)}
    return entry


def _closest(text: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    if not candidates:
        return None
    # Texts of very different length cannot reach the cutoff: skip them before scoring.
    low, high = _length_window(text)
    pool = [entry for entry in candidates if low <= len(entry.msgid) <= high]
    if not pool:
        return None
    best = process.extractOne(
        text, [entry.msgid for entry in pool], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    return pool[best[2]] if best else None


def _pad_plurals(entry: polib.POEntry, nplurals: int) -> None:
    if entry.msgid_plural:
        entry.msgstr_plural = {index: entry.msgstr_plural.get(index, "") for index in range(nplurals)}


def update_catalog(
    template: polib.POFile,
    old: polib.POFile | None,
    memory: Memory,
    language: str,
    nplurals: int,
) -> polib.POFile:
    """A language catalog for ``template``, carrying over every translation ``old`` and ``memory`` hold."""
    old_entries = {entry_key(entry): entry for entry in (old or []) if not entry.obsolete}
    old_obsolete = {entry_key(entry): entry for entry in (old or []) if entry.obsolete}
    template_keys = {entry_key(entry) for entry in template}
    vanished = [entry for key, entry in old_entries.items() if key not in template_keys and _has_text(entry)]

    catalog = polib.POFile(wrapwidth=79)
    catalog.header = old.header if old is not None and old.header else template.header
    catalog.metadata = catalog_header(language, template, old)
    catalog.metadata_is_fuzzy = False

    for template_entry in template:
        key = entry_key(template_entry)
        entry = _fresh(template_entry, nplurals)
        # An active and an obsolete entry may share a key (a hand edit, another tool): keep the better one.
        candidates = [found for found in (old_entries.get(key), old_obsolete.get(key)) if found is not None]
        previous = max(candidates, key=_trust, default=None)
        if previous is not None:
            _copy_translation(entry, previous)
            entry.tcomment = previous.tcomment
            entry.flags = [*entry.flags, *(f for f in previous.flags if f not in entry.flags)]
            if "fuzzy" in previous.flags and previous.previous_msgid:
                entry.previous_msgid = previous.previous_msgid
                entry.previous_msgctxt = previous.previous_msgctxt
        elif key in memory.exact or template_entry.msgid in memory.by_text:
            source = memory.exact.get(key) or memory.by_text[template_entry.msgid]
            _copy_translation(entry, source)
            if source.msgctxt != template_entry.msgctxt:
                # The same text in another context: show the translator where it came from (`#|` lines).
                entry.flags.append("fuzzy")
                entry.previous_msgid = source.msgid
                entry.previous_msgctxt = source.msgctxt
        else:
            source = _closest(template_entry.msgid, vanished) or memory.closest(template_entry.msgid)
            if source is not None:
                _copy_translation(entry, source)
                entry.flags.append("fuzzy")
                entry.previous_msgid = source.msgid
                entry.previous_msgctxt = source.msgctxt
        _pad_plurals(entry, nplurals)
        catalog.append(entry)

    # Keep every old translation that has no active entry any more, as memory for later.
    seen: set[EntryKey] = set()
    for entry in [*vanished, *old_obsolete.values()]:
        key = entry_key(entry)
        if key in template_keys or key in seen or not _has_text(entry):
            continue
        seen.add(key)
        obsolete = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgid_plural=entry.msgid_plural,
            msgstr=entry.msgstr,
            tcomment=entry.tcomment,
            flags=list(entry.flags),
            obsolete=True,
        )
        obsolete.msgstr_plural = dict(entry.msgstr_plural)
        catalog.append(obsolete)
    return catalog
