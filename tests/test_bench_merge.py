"""The merge's indexed fuzzy lookup gives exactly the answer of the plain scan it replaces."""

from __future__ import annotations

import random

import polib
import pytest
from rapidfuzz import fuzz

from mdgettext import merge
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


def _entry(rng: random.Random, text: str) -> polib.POEntry:
    """An old entry of any state: most translated, some untranslated, fuzzy or obsolete."""
    entry = polib.POEntry(msgid=text, msgctxt=str(rng.randint(0, 2)), msgstr="x")
    state = rng.random()
    if state < 0.1:
        entry.msgstr = ""
    elif state < 0.2:
        entry.flags.append("fuzzy")
    elif state < 0.3:
        entry.obsolete = True
    return entry


@pytest.mark.parametrize("seed", range(40))
def test_a_shared_scorer_gives_each_language_its_own_answer(seed: int) -> None:
    """Languages sharing one SimilarTexts (as ``mdgettext update`` does) get the answers of separate ones:
    whatever order texts are asked in, whatever each language lacks or holds twice (in two contexts), and
    when a memory grows after it was asked."""
    rng = random.Random(seed)
    texts = [_text(rng) for _ in range(rng.randint(0, 60))]
    shared = SimilarTexts()
    memories = []
    for _ in range(3):
        catalog = polib.POFile()
        for text in texts:
            if rng.random() < 0.8:
                catalog.append(_entry(rng, text))
            if rng.random() < 0.2:
                catalog.append(_entry(rng, text))
        for _ in range(rng.randint(0, 10)):  # texts only this language has
            catalog.append(_entry(rng, _text(rng)))
        rng.shuffle(catalog)
        memories.append((build_memory([catalog], shared), build_memory([catalog])))
    queries = ["", *(_text(rng) for _ in range(20)), *rng.sample(texts, min(5, len(texts)))]
    for _ in range(80):
        together, alone = rng.choice(memories)
        if rng.random() < 0.1:
            entry = _entry(rng, rng.choice([*texts, _text(rng)]))
            together.add(entry)
            alone.add(entry)
        query = rng.choice(queries)
        assert together.closest(query) is alone.closest(query) is _closest(query, alone.fuzzy_sources)


def test_a_text_is_scored_once_for_every_language_sharing_the_scorer(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"the court sentenced them to {n} years in a penal colony" for n in range(20)]
    calls: list[str] = []
    scorer = merge.process.extract

    def counting(query: str, *args: object, **kwargs: object) -> object:
        calls.append(query)
        return scorer(query, *args, **kwargs)

    monkeypatch.setattr(merge.process, "extract", counting)
    shared = SimilarTexts()
    languages = []
    for _ in range(4):
        catalog = polib.POFile()
        for text in texts:
            catalog.append(polib.POEntry(msgid=text, msgstr="x"))
        languages.append(build_memory([catalog], shared))
    query = "the court sentenced them to 7 years in a colony"
    answers = {memory.closest(query).msgid for memory in languages}
    assert calls == [query]
    assert answers == {texts[7]}


@pytest.mark.parametrize(("query", "old"), [("Log", "Logging"), ("Logging", "Log")])
def test_a_text_three_sevenths_as_long_is_still_a_candidate(query: str, old: str) -> None:
    """The length prefilter drops only what cannot reach the cutoff: "Log" and "Logging" score exactly 60
    (2 * 3 / 10), which msgmerge's 0.6 also accepts."""
    assert fuzz.ratio(query, old) == merge.FUZZY_CUTOFF
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid=old, msgstr="x"))
    assert build_memory([catalog]).closest(query) is catalog[0]
    assert _closest(query, list(catalog)) is catalog[0]
