"""Updates never lose a translation: edits become fuzzy, moves follow, removals become obsolete."""

from __future__ import annotations

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from mdgettext.catalogs import page_template
from mdgettext.merge import build_memory, is_translated, update_catalog
from mdgettext.segments import extract_segments

STAMP = "2026-01-01 00:00+0000"


def template(page: str, paragraphs: list[str]) -> polib.POFile:
    return page_template(f"docs/{page}.md", extract_segments("\n\n".join(paragraphs) + "\n"), STAMP)


def update(pages: dict[str, list[str]], old: dict[str, polib.POFile]) -> dict[str, polib.POFile]:
    """What `mdgettext update` does for one language, without the disk."""
    memory = build_memory(old.values())
    new = {
        page: update_catalog(template(page, paragraphs), old.get(page), memory, "de", 2)
        for page, paragraphs in pages.items()
    }
    for page, catalog in old.items():
        if page not in new:
            new[page] = update_catalog(polib.POFile(), catalog, memory, "de", 2)
    return new


def translate_all(catalogs: dict[str, polib.POFile]) -> None:
    for catalog in catalogs.values():
        for entry in catalog:
            if not entry.obsolete and not entry.msgstr:
                entry.msgstr = f"DE[{entry.msgid}]"


def all_msgstrs(catalogs: dict[str, polib.POFile]) -> set[str]:
    return {entry.msgstr for catalog in catalogs.values() for entry in catalog if entry.msgstr}


def entry(catalog: polib.POFile, msgid: str) -> polib.POEntry:
    found = catalog.find(msgid)
    assert found is not None, f"no entry {msgid!r}"
    return found


def test_an_edited_paragraph_becomes_fuzzy_with_its_previous_text_and_old_translation() -> None:
    before = update({"index": ["The time for release is now.", "Many are ill."]}, {})
    translate_all(before)
    after = update({"index": ["The time for release is NOW.", "Many are ill."]}, before)
    edited = entry(after["index"], "The time for release is NOW.")
    assert "fuzzy" in edited.flags
    assert edited.previous_msgid == "The time for release is now."
    assert edited.msgstr == "DE[The time for release is now.]"
    assert is_translated(entry(after["index"], "Many are ill."))


def test_a_paragraph_moved_to_another_page_keeps_its_translation_exactly() -> None:
    before = update({"a": ["Some are kept in permanent isolation."], "b": ["Others died."]}, {})
    translate_all(before)
    after = update({"a": [], "b": ["Others died.", "Some are kept in permanent isolation."]}, before)
    moved = entry(after["b"], "Some are kept in permanent isolation.")
    assert is_translated(moved) and moved.msgstr == "DE[Some are kept in permanent isolation.]"


def test_a_removed_paragraph_is_kept_as_obsolete_and_revived_when_it_returns() -> None:
    before = update({"index": ["They are not radicals.", "Many are ill."]}, {})
    translate_all(before)
    removed = update({"index": ["Many are ill."]}, before)
    obsolete = [e for e in removed["index"] if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in obsolete] == [
        ("They are not radicals.", "DE[They are not radicals.]")
    ]
    back = update({"index": ["They are not radicals.", "Many are ill."]}, removed)
    assert is_translated(entry(back["index"], "They are not radicals."))
    assert not [e for e in back["index"] if e.obsolete]


def test_a_fuzzy_translation_stays_fuzzy_and_keeps_the_translators_comment() -> None:
    before = update({"index": ["Many are ill."]}, {})
    translate_all(before)
    first = entry(before["index"], "Many are ill.")
    first.flags.append("fuzzy")
    first.tcomment = "check with the team"
    after = update({"index": ["Many are ill."]}, before)
    kept = entry(after["index"], "Many are ill.")
    assert "fuzzy" in kept.flags and kept.tcomment == "check with the team"


def test_update_is_idempotent() -> None:
    pages = {"index": ["The time for release is now.", "Many are ill."]}
    once = update(pages, {})
    translate_all(once)
    twice = update(pages, once)
    thrice = update(pages, twice)
    assert [str(c) for c in twice.values()] == [str(c) for c in thrice.values()]


WORDS = [
    "prisoners",
    "release",
    "Belarus",
    "campaign",
    "freedom",
    "support",
    "families",
    "court",
    "peace",
    "dignity",
    "truth",
    "the",
    "of",
    "for",
    "and",
    "now",
]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(
    lambda w: " ".join(w).capitalize() + "."
)


@st.composite
def edit_sequences(draw: st.DrawFn) -> tuple[dict[str, list[str]], list[dict[str, list[str]]]]:
    pages = {name: draw(st.lists(sentence, min_size=1, max_size=6, unique=True)) for name in ("a", "b")}
    steps = []
    current = {name: list(paragraphs) for name, paragraphs in pages.items()}
    for _ in range(draw(st.integers(1, 4))):
        current = {name: list(paragraphs) for name, paragraphs in current.items()}
        for _ in range(draw(st.integers(1, 4))):
            page = draw(st.sampled_from(sorted(current)))
            paragraphs = current[page]
            action = draw(st.sampled_from(["edit", "delete", "add", "move"]))
            if action == "add" or not paragraphs:
                paragraphs.insert(draw(st.integers(0, len(paragraphs))), draw(sentence))
            elif action == "edit":
                index = draw(st.integers(0, len(paragraphs) - 1))
                words = paragraphs[index].rstrip(".").split()
                words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
                paragraphs[index] = " ".join(words) + "."
            elif action == "delete":
                paragraphs.pop(draw(st.integers(0, len(paragraphs) - 1)))
            else:
                other = "b" if page == "a" else "a"
                current[other].append(paragraphs.pop(draw(st.integers(0, len(paragraphs) - 1))))
            current[page] = list(dict.fromkeys(paragraphs))
        steps.append(current)
    return pages, steps


@settings(max_examples=150, deadline=None)
@given(edit_sequences())
def test_no_update_ever_loses_a_translation(
    sequence: tuple[dict[str, list[str]], list[dict[str, list[str]]]],
) -> None:
    pages, steps = sequence
    catalogs = update(pages, {})
    translate_all(catalogs)
    for step in steps:
        before = all_msgstrs(catalogs)
        catalogs = update(step, catalogs)
        lost = before - all_msgstrs(catalogs)
        assert not lost, f"translations lost: {sorted(lost)}"
        translate_all(catalogs)


def test_an_obsolete_translation_wins_over_an_empty_active_entry_with_the_same_text() -> None:
    template_entry = polib.POEntry(msgid="Many are ill.", msgstr="")
    template = polib.POFile()
    template.append(template_entry)
    old = polib.POFile()
    old.append(polib.POEntry(msgid="Many are ill.", msgstr=""))
    old.append(polib.POEntry(msgid="Many are ill.", msgstr="Многія хворыя.", obsolete=True))
    merged = update_catalog(template, old, build_memory([old]), "be", 3)
    assert [(e.msgid, e.msgstr, e.obsolete) for e in merged] == [("Many are ill.", "Многія хворыя.", False)]
