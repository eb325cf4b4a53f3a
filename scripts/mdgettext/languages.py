"""What each language needs that translators should never type by hand, from Babel's CLDR data."""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.messages.plurals import get_plural

__all__ = ["display_name", "english_name", "nplurals", "plural_forms"]


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def plural_forms(language: str) -> str:
    """The ``Plural-Forms`` header value, the same table GNU msginit uses."""
    return get_plural(_locale(language)).plural_forms


def nplurals(language: str) -> int:
    return get_plural(_locale(language)).num_plurals


def display_name(language: str) -> str:
    """The language's name in itself (Беларуская, Polski), capitalised as a menu entry."""
    name = _locale(language).get_display_name(_locale(language)) or language
    return name[:1].upper() + name[1:]


def english_name(language: str) -> str:
    return _locale(language).get_display_name("en") or language
