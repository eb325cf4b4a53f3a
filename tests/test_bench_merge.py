"""The merge's indexed fuzzy lookup gives exactly the answer of the plain scan it replaces."""

from __future__ import annotations

import random

import polib
import pytest

from mdgettext.merge import _closest, build_memory

WORDS = [
    "the",
    "court",
    "sentenced",
    "them",
    "to",
    "years",
    "in",
    "a",
    "penal",
    "colony",
    "letters",
    "arrive",
    "every",
    "week",
    "family",
    "friends",
]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14)))


@pytest.mark.parametrize("seed", range(30))
def test_indexed_lookup_matches_the_plain_scan(seed: int) -> None:
    rng = random.Random(seed)
    catalog = polib.POFile()
    for _ in range(rng.randint(0, 60)):
        entry = polib.POEntry(msgid=_text(rng), msgstr="x" if rng.random() < 0.9 else "")
        catalog.append(entry)
    memory = build_memory([catalog])
    for _ in range(25):
        query = _text(rng)
        assert memory.closest(query) is _closest(query, memory.fuzzy_sources)
