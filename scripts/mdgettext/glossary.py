"""The terminology translators must follow: ``locales/glossary.csv`` and ``locales/do-not-translate.txt``.

The glossary has one row per term and one column per language (``en`` holds the source term), plus a
``note``. A cell may list accepted forms separated by `` | `` (inflected forms, a short and a long form).
Matching allows for inflection: each word of a form matches a word starting with its stem (the word without
its last two letters, for words longer than four letters), so ``палітвязень`` accepts ``палітвязняў``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["Glossary", "Term", "contains_form", "contains_term", "parse_glossary", "parse_keep_list"]

_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*\.?", re.UNICODE)


@dataclass(frozen=True)
class Term:
    source: str
    translations: dict[str, tuple[str, ...]]
    note: str = ""

    def forms(self, language: str) -> tuple[str, ...]:
        return self.translations.get(language, ())


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    keep: tuple[str, ...] = field(default_factory=tuple)

    def terms_in(self, source_text: str) -> list[Term]:
        """Glossary terms that occur in a source segment (case-insensitive, whole words)."""
        return [term for term in self.terms if contains_term(source_text, term.source)]

    def keep_in(self, source_text: str) -> list[str]:
        """Do-not-translate words that occur in a source segment (case-sensitive, exact)."""
        return [word for word in self.keep if word in source_text]


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text.replace("\u00a0", " "))]


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    """Compiled once per term: every segment of every catalog is searched for every term."""
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(r"(?<![\w])" + words + r"(?![\w])", re.IGNORECASE)


def contains_term(text: str, term: str) -> bool:
    """Exact (case-insensitive) whole-word occurrence of ``term`` in ``text``."""
    return _term_pattern(term).search(text) is not None


def _stem(word: str) -> str:
    return word[:-2] if len(word) > 4 else word


def contains_form(text: str, form: str) -> bool:
    """Does ``text`` contain ``form``, allowing each word an inflected ending?"""
    wanted = [_stem(word) for word in _words(form)]
    if not wanted:
        return True
    words = _words(text)
    for start in range(len(words) - len(wanted) + 1):
        if all(words[start + offset].startswith(stem) for offset, stem in enumerate(wanted)):
            return True
    return False


def parse_glossary(text: str, keep_text: str = "") -> Glossary:
    """Read the glossary CSV (and the do-not-translate list); a cell's forms are split on ``|``."""
    reader = csv.DictReader(io.StringIO(text))
    terms = []
    for row in reader:
        source = (row.get("en") or "").strip()
        if not source:
            continue
        translations = {
            language: tuple(form.strip() for form in (value or "").split("|") if form.strip())
            for language, value in row.items()
            if language not in ("en", "note") and language is not None
        }
        terms.append(Term(source, translations, (row.get("note") or "").strip()))
    return Glossary(tuple(terms), parse_keep_list(keep_text))


def parse_keep_list(text: str) -> tuple[str, ...]:
    """One word or name per line; ``#`` starts a comment."""
    return tuple(stripped for line in text.splitlines() if (stripped := line.split("#", 1)[0].strip()))
