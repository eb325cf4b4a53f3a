"""Catalogs -> completeness figures. Fuzzy never counts as translated; obsolete entries never count."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import polib

from .merge import is_translated

__all__ = ["CatalogStats", "catalog_stats", "total", "word_count"]

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]+>|`[^`]*`|\{[^}]*\}")


def word_count(text: str) -> int:
    """Words a translator reads: link targets, tags, code and placeholders do not count."""
    return len(_WORD.findall(_MARKUP.sub(" ", text)))


#: The counters of CatalogStats, in field order.
COUNTS = ("translated", "fuzzy", "untranslated", "translated_words", "fuzzy_words", "untranslated_words")


@dataclass(frozen=True)
class CatalogStats:
    language: str
    domain: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Share of translated entries, rounded down to one decimal so 99.96% never shows as 100%."""
        if not self.total:
            return 100.0
        return int(self.translated * 1000 / self.total) / 10

    def __add__(self, other: CatalogStats) -> CatalogStats:
        return CatalogStats(
            self.language if self.language == other.language else "*",
            self.domain if self.domain == other.domain else "*",
            *(getattr(self, name) + getattr(other, name) for name in COUNTS),
        )


def catalog_stats(language: str, domain: str, catalog: polib.POFile) -> CatalogStats:
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    words = dict.fromkeys(counts, 0)
    for entry in catalog:
        if entry.obsolete:
            continue
        state = (
            "translated" if is_translated(entry) else "fuzzy" if "fuzzy" in entry.flags else "untranslated"
        )
        counts[state] += 1
        words[state] += word_count(entry.msgid)
    return CatalogStats(
        language,
        domain,
        counts["translated"],
        counts["fuzzy"],
        counts["untranslated"],
        words["translated"],
        words["fuzzy"],
        words["untranslated"],
    )


def total(language: str, stats: Iterable[CatalogStats]) -> CatalogStats:
    """Every catalog of a language added up (its domain is ``*``)."""
    result = CatalogStats(language, "*")
    for item in stats:
        result = result + item
    return replace(result, language=language, domain="*")
