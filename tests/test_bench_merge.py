"""The merge's indexed fuzzy lookup gives exactly the answer of the plain scan it replaces."""

from __future__ import annotations

import random

import polib
import pytest

from mdgettext.merge import SimilarTexts, _closest, build_memory

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


@pytest.mark.parametrize("seed", range(30))
def test_a_shared_scorer_gives_each_language_its_own_answer(seed: int) -> None:
    """Languages sharing one SimilarTexts (as ``mdgettext update`` does) get the answers of separate ones,
    whatever order texts are asked in, and whatever each language lacks or holds twice."""
    rng = random.Random(seed)
    texts = [_text(rng) for _ in range(rng.randint(0, 60))]
    shared = SimilarTexts()
    memories = []
    for _ in range(3):
        catalog = polib.POFile()
        for text in texts:
            if rng.random() < 0.8:
                catalog.append(polib.POEntry(msgid=text, msgctxt=str(rng.randint(0, 2)), msgstr="x"))
        for _ in range(rng.randint(0, 10)):  # texts only this language has
            catalog.append(polib.POEntry(msgid=_text(rng), msgstr="y"))
        rng.shuffle(catalog)
        memories.append((build_memory([catalog], shared), build_memory([catalog])))
    queries = [_text(rng) for _ in range(20)] + rng.sample(texts, min(5, len(texts)))
    for _ in range(60):
        together, alone = rng.choice(memories)
        query = rng.choice(queries)
        assert together.closest(query) is alone.closest(query) is _closest(query, alone.fuzzy_sources)
