"""The translator-workflow merge, side by side: ours, GNU msgmerge and ``pybabel update`` on the same files.

A translated catalog of ``entries`` paragraphs; the new template edits a quarter of them (a word inserted,
replaced or dropped, as copy-editing does) and adds as many new paragraphs. Because the edits are ours, the
truth is known: an edited entry is *right* when it comes out fuzzy with its own old translation, *wrong* when
it gets another entry's translation; a new entry that gets any translation is a false match.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from .corpus import _paragraph, translate_text

__all__ = ["OURS_SCRIPT", "MergeCase", "Score", "make_merge_case", "score"]

_HEADER = """msgid ""
msgstr ""
"Project-Id-Version: Release NO:W\\n"
"POT-Creation-Date: 2026-01-01 00:00+0000\\n"
"PO-Revision-Date: 2026-01-01 00:00+0000\\n"
"Language: {language}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural_forms}\\n"
"""

_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entry(msgid: str, msgstr: str, reference: str) -> str:
    return f"#: {reference}\nmsgid {_quote(msgid)}\nmsgstr {_quote(msgstr)}\n"


@dataclass(frozen=True)
class MergeCase:
    old_po: Path
    new_pot: Path
    edited: dict[str, str]  # new msgid -> the old msgid it was edited from
    new: frozenset[str]
    translations: dict[str, str]  # old msgid -> its translation
    entries: int


_EDIT_WORDS = ["still", "also", "again", "quietly", "bravely", "often", "now"]


def _edit(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    spot = rng.randrange(1, len(words))
    action = rng.choice(["insert", "replace", "drop"]) if len(words) > 6 else "insert"
    if action == "insert":
        words.insert(spot, rng.choice(_EDIT_WORDS))
    elif action == "replace":
        words[spot] = rng.choice(_EDIT_WORDS)
    else:
        del words[spot]
    return " ".join(words)


def make_merge_case(folder: Path, entries: int = 1200, *, language: str = "be", seed: int = 5) -> MergeCase:
    """Write ``old.po`` (every entry translated) and ``new.pot`` (25% edited, 25% new) into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts: list[str] = []
    seen: set[str] = set()
    while len(texts) < entries:
        text = _paragraph(rng, rng.randint(1, 3))
        if text not in seen:
            seen.add(text)
            texts.append(text)
    translations = {text: translate_text(text, language) for text in texts}
    quarter = entries // 4
    edited_sources = set(rng.sample(range(entries), quarter))
    edited: dict[str, str] = {}
    template: list[str] = []
    for index, text in enumerate(texts):
        if index in edited_sources:
            new_text = _edit(text, rng)
            while new_text in seen or new_text in edited:
                new_text = _edit(text, rng)
            edited[new_text] = text
            template.append(new_text)
        else:
            template.append(text)
    new: list[str] = []
    while len(new) < quarter:
        text = _paragraph(rng, rng.randint(1, 3))
        if text not in seen and text not in edited:
            seen.add(text)
            new.append(text)
    for text in new:
        template.insert(rng.randrange(len(template) + 1), text)
    old_po = folder / "old.po"
    new_pot = folder / "new.pot"
    old_po.write_text(
        _HEADER.format(language=language, plural_forms=_PLURALS)
        + "\n"
        + "\n".join(
            _entry(text, translations[text], f"docs/page.md:{n + 1}") for n, text in enumerate(texts)
        ),
        encoding="utf-8",
    )
    new_pot.write_text(
        _HEADER.format(language="", plural_forms=_PLURALS)
        + "\n"
        + "\n".join(_entry(text, "", f"docs/page.md:{n + 1}") for n, text in enumerate(template)),
        encoding="utf-8",
    )
    return MergeCase(old_po, new_pot, edited, frozenset(new), translations, entries)


@dataclass(frozen=True)
class Score:
    right: int  # edited entries that came back fuzzy with their own old translation
    wrong: int  # edited entries given another entry's translation
    missed: int  # edited entries left untranslated
    false_new: int  # new entries given some old translation (a translator must notice and clear it)
    exact_kept: int  # unchanged entries still translated


def score(case: MergeCase, merged: Path) -> Score:
    """Compare a merged catalog with the truth (read with polib: every tool's output is valid PO)."""
    import polib

    catalog = polib.pofile(str(merged))
    right = wrong = missed = false_new = exact = 0
    for entry in catalog:
        if entry.obsolete:
            continue
        if entry.msgid in case.edited:
            if not entry.msgstr:
                missed += 1
            elif entry.msgstr == case.translations[case.edited[entry.msgid]]:
                right += 1
            else:
                wrong += 1
        elif entry.msgid in case.new:
            false_new += bool(entry.msgstr)
        elif entry.msgstr == case.translations.get(entry.msgid) and "fuzzy" not in entry.flags:
            exact += 1
    return Score(right, wrong, missed, false_new, exact)


#: Run by the project's own Python: read both files strictly, merge, write (what ``mdgettext update`` does
#: per catalog), and print the merge's own time so process start-up can be told apart.
OURS_SCRIPT = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from mdgettext.merge import build_memory, update_catalog
from mdgettext.pofile import parse_po, format_po
from mdgettext.languages import nplurals
old = parse_po(Path(sys.argv[1]).read_bytes(), sys.argv[1], nplurals=nplurals("be"))
template = parse_po(Path(sys.argv[2]).read_bytes(), sys.argv[2])
merged = time.perf_counter()
catalog = update_catalog(template, old, build_memory([old]), "be", nplurals("be"))
merge_seconds = time.perf_counter() - merged
Path(sys.argv[3]).write_text(format_po(catalog), encoding="utf-8")
print(f"merge-only {merge_seconds:.4f}")
"""


def merge_only_seconds(output: str) -> float | None:
    match = re.search(r"merge-only ([0-9.]+)", output)
    return float(match.group(1)) if match else None
