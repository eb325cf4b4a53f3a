"""A scaled synthetic campaign: N pages of realistic Markdown, and translated catalogs in every language.

The pages read like the campaign's own (prisoners' portraits, letters, appeals) but are generated from a
vocabulary with a fixed seed, so every run and every machine benchmarks the same bytes. No real person is
named: a portrait is "a teacher from Hrodna", never a name. Each portrait uses what the real pages use:
front matter, headings, paragraphs with links and emphasis, lists, a table, an admonition, a quote, a content
tab and a footnote.

Translations are a deterministic transliteration of the English (Cyrillic for be/ru, accents for de/pl) that
keeps every piece of inline markup, so the built site has the shape of a translated one; a small share of the
entries is left fuzzy or untranslated, as in real life.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PORTRAITS_DIR", "Campaign", "EditBatch", "edit_pages", "make_campaign", "translate_text"]

PORTRAITS_DIR = "portraits"

_PEOPLE = [
    "a teacher",
    "a student",
    "a nurse",
    "a journalist",
    "a pensioner",
    "a father of three",
    "a mother of two",
    "a programmer",
    "a musician",
    "a doctor",
    "a railway worker",
    "a librarian",
    "a photographer",
    "a factory engineer",
    "a priest",
    "a lawyer",
    "a volunteer",
    "an artist",
    "a farmer",
    "a bus driver",
]
_PLACES = [
    "Minsk",
    "Hrodna",
    "Brest",
    "Homel",
    "Mahiliou",
    "Vitsebsk",
    "Baranavichy",
    "Pinsk",
    "Lida",
    "Barysau",
    "Maladzechna",
    "Babruisk",
    "Navapolatsk",
    "Slonim",
    "Orsha",
]
_ACTS = [
    "posted a comment against the war",
    "donated twenty euros to a solidarity fund",
    "carried a white-red-white flag",
    "walked in a peaceful march",
    "wrote a letter to a newspaper",
    "took photographs of a protest",
    "sang a song in a courtyard",
    "signed an open letter",
    "shared a news article",
    "tied a ribbon to a fence",
    "hung a flag in a window",
    "observed an election as a volunteer",
]
_SENTENCES = [
    "In {year}, {person} from {place} {act}.",
    "For this, the court sentenced them to {years} years in a penal colony.",
    "Their family writes letters every week, and most of them never arrive.",
    "In the colony, they are held in a punishment cell for weeks at a time.",
    "Relatives are allowed a short visit once a year, if at all.",
    "Their health has worsened since the arrest, and medical care is denied.",
    "Friends describe them as quiet, kind and stubborn about the truth.",
    "The authorities call this extremism; the rest of the world calls it free speech.",
    "Every letter reminds them that they are not forgotten.",
    "A release would return a parent to their children and a colleague to their work.",
    "They have already spent {days} days behind bars.",
    "Human rights defenders recognised them as a political prisoner in {year}.",
]
_ADMONITIONS = [("note", "Write a letter"), ("tip", "How you can help"), ("warning", "Be careful online")]
_YEARS = list(range(2020, 2026))
_LETTERS_ADVICE = "Write in **simple words**, about everyday life; letters about politics are not delivered."


@dataclass(frozen=True)
class Campaign:
    """Where a generated project lives and what it holds."""

    root: Path
    pages: int
    languages: tuple[str, ...]

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def page_paths(self) -> list[Path]:
        return sorted(self.docs.rglob("*.md"))


def _paragraph(rng: random.Random, sentences: int) -> str:
    parts = []
    for _ in range(sentences):
        template = rng.choice(_SENTENCES)
        parts.append(
            template.format(
                year=rng.choice(_YEARS),
                person=rng.choice(_PEOPLE),
                place=rng.choice(_PLACES),
                act=rng.choice(_ACTS),
                years=rng.randint(2, 15),
                days=rng.randint(300, 1900),
            )
        )
    text = " ".join(parts)
    # Capitalise the first letter after a sentence end ("in 2021, a teacher" stays lower case).
    return text[:1].upper() + text[1:]


def _wrap(text: str, width: int = 110, prefix: str = "") -> str:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(prefix) + len(line) + 1 + len(word) > width:
            lines.append(prefix + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(prefix + line)
    return "\n".join(lines)


def portrait_page(number: int, total: int, seed: int) -> str:
    """One portrait page (``portraits/portrait-NNNN.md``), reproducible from its number and the seed."""
    rng = random.Random(seed * 100_003 + number)
    person, place = rng.choice(_PEOPLE), rng.choice(_PLACES)
    title = f"Portrait {number}: {person} from {place}"
    other = rng.randint(1, total)
    kind, admonition_title = rng.choice(_ADMONITIONS)
    arrest_year = rng.choice(_YEARS)
    rows = "\n".join(
        f"| {year} | {rng.choice(['Arrested at home', 'Sentenced', 'Moved to a penal colony', 'Appeal rejected', 'Held in solitary confinement'])} |"  # noqa: E501
        for year in sorted(rng.sample(_YEARS, 3))
    )
    facts = "\n".join(
        f"- {rng.choice(_ACTS).capitalize()} in {rng.choice(_PLACES)}" for _ in range(rng.randint(3, 5))
    )
    return f"""---
title: "{title}"
description: {_paragraph(rng, 1)}
---

# {title}

{_wrap(_paragraph(rng, rng.randint(3, 5)))}

{_wrap(_paragraph(rng, rng.randint(2, 4)))} Read [the campaign's appeal](../campaign.md) and
[another portrait](portrait-{other:04d}.md).

## Arrest in {arrest_year}

{_wrap(_paragraph(rng, rng.randint(2, 4)))}[^1]

{facts}

| Year | What happened |
| ---- | ------------- |
{rows}

## Life behind bars

> {_wrap(_paragraph(rng, 2), prefix="> ")[2:]}
>
> — A letter from {place}, {rng.choice(_YEARS)}

!!! {kind} "{admonition_title}"

{_wrap(_paragraph(rng, rng.randint(1, 2)), prefix="    ")}

=== "Letters"

{_wrap(_LETTERS_ADVICE, prefix="    ")}

=== "Parcels"

{_wrap("Parcels are allowed " + _paragraph(rng, 1).lower(), prefix="    ")}

[^1]: {_paragraph(rng, 1)}
"""


def portraits_index(total: int) -> str:
    links = "\n".join(f"- [Portrait {number}](portrait-{number:04d}.md)" for number in range(1, total + 1))
    return f"""---
title: Portraits
description: One page for every political prisoner whose story we may tell.
---

# Portraits

Behind every number is a person. These portraits tell their stories without their names.

{links}
"""


def make_campaign(
    root: Path,
    pages: int,
    *,
    seed: int = 2020,
    source: Path | None = None,
    languages: tuple[str, ...] | None = None,
) -> Campaign:
    """Write a project of ``pages`` pages into ``root`` (docs, mkdocs.yml, overrides; no catalogs yet).

    The real project's pages and configuration come first (``source``, the repository), then generated
    portraits fill the site up to ``pages``; the nav gains a "Portraits" section whose index lists them all
    (1,100 entries in a sidebar would help no reader, and would make every page's size grow with N).
    """
    source = source or Path(__file__).resolve().parents[2]
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    real_pages = sorted((source / "docs").glob("*.md"))
    for path in real_pages[: max(pages, 1)]:
        shutil.copy2(path, root / "docs" / path.name)
    portraits = max(pages - len(real_pages) - 1, 0)
    if portraits:
        folder = root / "docs" / PORTRAITS_DIR
        folder.mkdir()
        (folder / "index.md").write_text(portraits_index(portraits), encoding="utf-8")
        for number in range(1, portraits + 1):
            (folder / f"portrait-{number:04d}.md").write_text(
                portrait_page(number, portraits, seed), encoding="utf-8"
            )
    if (source / "overrides").is_dir():
        shutil.copytree(source / "overrides", root / "overrides")
    # The project's other inputs (figures, glossary, allowed URLs) and the real pages' real translations.
    for path in source.glob("*.yml"):
        if path.name != "mkdocs.yml":
            shutil.copy2(path, root / path.name)
    if (source / "locales").is_dir():
        shutil.copytree(
            source / "locales", root / "locales", ignore=shutil.ignore_patterns("templates", "*.pot")
        )
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    kept = {path.name for path in (root / "docs").glob("*.md")}
    # Drop nav entries of real pages that were not copied (tiny N), add the portraits section.
    lines = [
        line
        for line in config.split("\n")
        if not (re.match(r'^  - ".*": (\S+\.md)$', line) and line.rsplit(": ", 1)[1] not in kept)
    ]
    config = "\n".join(lines)
    if portraits:
        config = config.replace(
            "\ntheme:", f'\n  - "Portraits": {PORTRAITS_DIR}/index.md\n\ntheme:', 1
        ).replace('\n\n\n  - "Portraits"', '\n  - "Portraits"')
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    if languages is None:
        languages = tuple(re.findall(r"^        - locale: (\S+)$", config, re.M))
    return Campaign(root, len(list((root / "docs").rglob("*.md"))), languages)


# --- translations ------------------------------------------------------------------------------------------
_CYRILLIC = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "абцдэфгхіжклмнопкрстувўкызАБЦДЭФГХІЖКЛМНОПКРСТУВЎКЫЗ",
        strict=True,
    )
)
_RUSSIAN = {**_CYRILLIC, "і": "и", "ў": "в", "І": "И", "Ў": "В"}
_GERMAN = dict(zip("aouAOUs", "äöüÄÖÜß", strict=True))
_POLISH = dict(zip("aelnoszcAELNOSZC", "ąęłńóśżćĄĘŁŃÓŚŻĆ", strict=True))
_TABLES = {
    "be": _CYRILLIC,
    "ru": {k: _RUSSIAN.get(v, v) for k, v in _CYRILLIC.items()},
    "de": _GERMAN,
    "pl": _POLISH,
}
# Markup a translation must keep byte for byte: code, tags, link targets, attribute lists, footnote refs.
_KEEP = re.compile(
    r"`[^`]*`|<[^>]+>|\]\([^)]*\)|\{[^}]*\}|\[\^[^\]]+\]|&\w+;|https?://\S+|\b[\w.-]+\.(?:me|org|com|by|net|eu)\b"
)


def translate_text(text: str, language: str) -> str:
    """A stand-in translation: letters transliterated, markup untouched, about as long as the English."""
    table = str.maketrans(_TABLES.get(language, {}))
    out: list[str] = []
    position = 0
    for match in _KEEP.finditer(text):
        out.append(text[position : match.start()].translate(table))
        out.append(match.group())
        position = match.end()
    out.append(text[position:].translate(table))
    return "".join(out)


def translate_catalogs(
    root: Path, languages: tuple[str, ...], *, seed: int = 2020, share: float = 0.97
) -> None:
    """Fill every target-language catalog: ``share`` of the entries translated, the rest left empty."""
    # Imported here so generating pages alone (for the peers) needs nothing but the standard library.
    from mdgettext.pofile import format_po
    from mdgettext.workspace import Workspace, write_if_changed

    workspace = Workspace(root)
    rng = random.Random(seed)
    for language in languages:
        if language == workspace.config.source_language:
            continue
        for _domain, path in workspace.catalog_files(language):
            catalog = workspace.read_catalog(path, language)
            for entry in catalog:
                if entry.obsolete or entry.msgid_plural:
                    continue
                if entry.msgstr or "fuzzy" in entry.flags:
                    continue  # a real translation (or a real translator's fuzzy) stays as it is
                if rng.random() < share:
                    entry.msgstr = translate_text(entry.msgid, language)
            write_if_changed(path, format_po(catalog))


# --- edits -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EditBatch:
    """What ``edit_pages`` changed, so a merge can be scored against the truth."""

    edited: dict[str, str]  # new paragraph text -> the paragraph it was edited from
    added: list[str]


_SEGMENT_LINE = re.compile(r"^[A-Z][^\n]{60,}$", re.M)


def edit_pages(docs: Path, *, fraction: float = 0.25, seed: int = 7) -> EditBatch:
    """Edit ``fraction`` of the first lines of long paragraphs (a word changed) and add as many new ones.

    A one-word edit of a 15-word sentence is what copy-editing does; msgmerge and our merge should both
    find the old translation for it.
    """
    rng = random.Random(seed)
    edited: dict[str, str] = {}
    added: list[str] = []
    for path in sorted(docs.rglob("portrait-*.md")):
        text = path.read_text(encoding="utf-8")
        paragraphs = [match for match in _SEGMENT_LINE.finditer(text) if "|" not in match.group()]
        for match in paragraphs:
            if rng.random() >= fraction:
                continue
            words = match.group().split(" ")
            spot = rng.randrange(1, len(words) - 1)
            words[spot] = rng.choice(["still", "also", "again", "quietly", "bravely"]) + " " + words[spot]
            text = text.replace(match.group(), " ".join(words), 1)
            edited[" ".join(words)] = match.group()
        new = [_paragraph(rng, 2) for _ in range(sum(1 for _ in paragraphs if rng.random() < fraction))]
        added.extend(new)
        if new:
            text += "\n" + "\n\n".join(new) + "\n"
        path.write_text(text, encoding="utf-8")
    return EditBatch(edited, added)
