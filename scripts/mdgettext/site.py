"""The reader's site: what each built page claims about its languages, and how the built files are finished.

Pure helpers (no MkDocs, no printing) used by the plugin:

* coverage: how much of a page a language's catalogs translate, and the rule for "translated";
* English fallback passages marked ``lang="en"``;
* language alternates (switcher, ``hreflang`` links, ``og:locale``) and the sitemap that agrees with them;
* one search index per language, also as a script so search works from ``file://``; the combined index
  deduplicated by static-i18n's rule in linear time;
* the Content-Security-Policy with hashes of the inline scripts the theme needs.

The offline archive of the built site is :mod:`mdgettext.archive`.

The rule: a page counts as translated in a language when every translatable segment of it has a translation
(fuzzy never counts), i.e. its catalog covers 100% of what the page shows. Only translated pages are claimed
in ``hreflang`` links and the sitemap; the others are still built (English passages marked ``lang="en"``, a
notice on top) but never advertised as being in that language.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from posixpath import relpath
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

if TYPE_CHECKING:
    from .segments import Segment

__all__ = [
    "Alternate",
    "Coverage",
    "add_csp",
    "alternates",
    "coverage",
    "coverage_table",
    "english_fallback",
    "language_url",
    "og_locale",
    "rebase_config",
    "search_config",
    "search_index",
    "search_script",
    "sitemap_xml",
    "untranslated_fallback",
]

# ------------------------------------------------------------------------------------------------------
# Coverage and English fallback
# ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How many distinct translatable texts of a page a language translates."""

    translated: int
    total: int

    @property
    def complete(self) -> bool:
        return self.translated >= self.total

    @property
    def share(self) -> float:
        """Rounded down so a page one sentence short never shows as 100%."""
        if not self.total:
            return 1.0
        return int(self.translated * 100 / self.total) / 100


def coverage(
    keys: Iterable[tuple[str | None, str]], translated: Callable[[tuple[str | None, str]], bool]
) -> Coverage:
    """Coverage of a page from its segments' (msgctxt, msgid) keys; each distinct text counts once."""
    distinct = set(keys)
    return Coverage(sum(1 for key in distinct if translated(key)), len(distinct))


def coverage_table(
    pages: Iterable[str],
    segments_of: Callable[[str], Iterable[Segment]],
    languages: Iterable[str],
    default: str,
    translated_keys: Callable[[str, str], set[tuple[str | None, str]]],
) -> dict[tuple[str, str], Coverage]:
    """Coverage of every page in every language, by (language, page).

    A plural segment is one entry, keyed by its singular (the msgid); ``translated_keys(language, page)``
    holds the catalog's translated (msgctxt, msgid), fuzzy never counting. The default language is complete.
    """
    languages = list(languages)
    table: dict[tuple[str, str], Coverage] = {}
    for page in pages:
        keys = [
            (segment.context, (segment.singular or segment.text) if segment.plural else segment.text)
            for segment in segments_of(page)
        ]
        for language in languages:
            if language == default:
                table[(language, page)] = Coverage(len(set(keys)), len(set(keys)))
            else:
                table[(language, page)] = coverage(keys, translated_keys(language, page).__contains__)
    return table


#: Segment kinds whose text is inline Markdown, so a ``<span lang="en">`` can wrap it.
_INLINE_KINDS = frozenset({"paragraph", "heading", "table-cell", "definition-term"})


def english_fallback(kind: str, text: str) -> str | None:
    """The source text of an untranslated segment, marked as English; None where it cannot be marked.

    Python-Markdown processes Markdown between inline HTML tags, so emphasis and links inside still work;
    front matter, titles of admonitions and tabs, link titles and raw HTML are left as written.
    """
    if kind not in _INLINE_KINDS or not text.strip():
        return None
    return f'<span lang="en">{text}</span>'


def _as_written(kind: str, text: str) -> None:
    return None


def untranslated_fallback(language: str, default: str) -> Callable[[str, str], str | None]:
    """What an untranslated segment becomes in ``language``: as written in the default language (None),
    its English text marked ``lang="en"`` in the others."""
    return _as_written if language == default else english_fallback


# ------------------------------------------------------------------------------------------------------
# Languages of a page
# ------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def og_locale(language: str) -> str:
    """``be`` -> ``be_BY``: the language with its most likely territory (CLDR likely subtags)."""
    from babel.core import get_global  # here: the archive helper imports this module and needs no Babel

    likely = get_global("likely_subtags").get(language.replace("-", "_"), language)
    parts = [part for part in likely.split("_") if part]
    territory = next((part for part in parts[1:] if len(part) == 2 or part.isdigit()), None)
    return f"{parts[0]}_{territory}" if territory else parts[0]


def language_url(url: str, language: str, default: str) -> str:
    """The site-root-relative URL of a page (``prisoners/``) in a language (``pl/prisoners/``)."""
    url = "" if url in (".", "./") else url
    return url if language == default else f"{language}/{url}"


@dataclass(frozen=True)
class Alternate:
    language: str
    name: str  # the language's own name
    url: str  # site-root-relative
    href: str  # relative to the current page
    absolute: str  # with site_url, for hreflang and the sitemap
    translated: bool
    current: bool


#: A relative path of plain segments (none empty or starting with "."): joined to a base by concatenation.
_PLAIN_PATH = re.compile(r"(?:[\w~%-][\w~%.-]*/)*(?:[\w~%-][\w~%.-]*)?")


def _absolute(site_url: str, url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    if _PLAIN_PATH.fullmatch(url) and "?" not in base and "#" not in base:
        return base + url  # what urljoin gives for a plain relative path, without parsing both
    return urljoin(base, url)


def _plain_relpath(target: str, here: str) -> str:
    """What ``relpath`` gives for two plain paths (``here`` a folder), by comparing their parts only."""
    target_parts = [part for part in target.split("/") if part]
    here_parts = here.split("/")[:-1]
    common = 0
    for mine, theirs in zip(target_parts, here_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(here_parts) - common) + target_parts[common:]) or "."


def _relative(target: str, current: str) -> str:
    """``target`` (site-root-relative) as seen from the page ``current``; directories keep their slash.

    Pages' URLs are plain paths, which need no normalising: five per page, for every page of every
    language, so ``relpath`` (both paths made absolute and normalised) is kept for the others.
    """
    here = current if current.endswith("/") or not current else current.rsplit("/", 1)[0] + "/"
    if _PLAIN_PATH.fullmatch(target) and _PLAIN_PATH.fullmatch(here):
        path = _plain_relpath(target, here)
    else:
        path = relpath("/" + target, "/" + here) if target else relpath("/", "/" + here)
    if target.endswith("/") or not target:
        path = path.rstrip("/") + "/"
    return "./" if path in ("./", "./.", "") else path.removeprefix("./") or "./"


def alternates(
    page_url: str,
    current: str,
    languages: Iterable[str],
    default: str,
    names: Mapping[str, str],
    complete: Mapping[str, bool],
    site_url: str,
) -> list[Alternate]:
    """Every language's version of one page. ``page_url`` is the page's URL in the default language."""
    here = language_url(page_url, current, default)
    result = []
    for language in languages:
        url = language_url(page_url, language, default)
        result.append(
            Alternate(
                language=language,
                name=names.get(language, language),
                url=url,
                href=_relative(url, here),
                absolute=_absolute(site_url, url),
                translated=language == default or complete.get(language, False),
                current=language == current,
            )
        )
    return result


def sitemap_xml(pages: Iterable[list[Alternate]], default: str) -> str:
    """One ``<url>`` per translated version of each page, with the alternates of its ``hreflang`` links."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for versions in pages:
        claimed = [alt for alt in versions if alt.translated]
        english = next(alt for alt in versions if alt.language == default)
        for version in claimed:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(version.absolute)}</loc>")
            for alt in claimed:
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang="{alt.language}" '
                    f'href="{escape(alt.absolute)}"/>'
                )
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="x-default" href="{escape(english.absolute)}"/>'
            )
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_gz(xml: str) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as stream:
        stream.write(xml.encode("utf-8"))
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------------
# Search, one index per language
# ------------------------------------------------------------------------------------------------------

#: Word separators: white space, dashes and punctuation. Letters with diacritics (ў, і, ą, ę, ł, ż, ß) and the
#: apostrophe inside Belarusian and Ukrainian words are word characters.
SEARCH_SEPARATOR = r"[\s\-–—,.:;!?()\[\]{}\"«»„“”…/]+"

#: Languages whose stop words lunr (as shipped with Material) knows; the others keep every word.
LUNR_LANGUAGES = frozenset({"en", "de", "ru"})


def search_config(language: str) -> dict[str, object]:
    """The ``config`` of a language's search index, as Material's search worker reads it.

    The worker *removes* lunr's trimmer, stop-word filter and stemmer unless ``pipeline`` lists them.
    No language keeps the stemmer: Material searches with trailing wildcards ("gefangene*"), which lunr never
    stems, so a stemmed index would miss them; the wildcard already matches the longer forms. No language
    keeps the trimmer: lunr's English trimmer strips every non-ASCII letter from the edges of words (it would
    cut "był" to "by" and drop Belarusian words whole). Belarusian and Polish, which lunr does not know, are
    indexed as whole lower-cased words, split only at ``SEARCH_SEPARATOR``.
    """
    if language in LUNR_LANGUAGES:
        return {"lang": [language], "separator": SEARCH_SEPARATOR, "pipeline": ["stopWordFilter"]}
    return {"lang": ["en"], "separator": SEARCH_SEPARATOR, "pipeline": []}


def search_index(
    merged: Mapping[str, object], language: str, default: str, languages: Iterable[str]
) -> dict[str, object]:
    """A language's own index from Material's: only its documents, locations relative to its root."""
    prefixes = tuple(f"{lang}/" for lang in languages if lang != default)
    docs = []
    for doc in merged.get("docs", []):  # type: ignore[union-attr]
        location = str(doc["location"])
        if language == default:
            if location.startswith(prefixes):
                continue
        elif location.startswith(f"{language}/"):
            location = location[len(language) + 1 :]
        else:
            continue
        docs.append({**doc, "location": location})
    config = dict(merged.get("config", {}))  # type: ignore[call-overload]
    config.update(search_config(language))
    return {"config": config, "docs": docs}


def search_script(index: Mapping[str, object]) -> str:
    """The index as a script: Material loads ``search/search_index.js`` instead of fetching JSON on file://."""
    return "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n"


def dedupe_search_entries(entries: list[dict[str, Any]], languages: Sequence[str]) -> None:
    """static-i18n's ``reconfigure_search_duplicates``, result for result, without its quadratic scan.

    Its rule: a non-default-language entry whose title and text equal an English entry's, at the same page
    under ``<lang>/``, is removed. Its loop removes from the list it is iterating, so of two such entries
    that are adjacent among the non-default ones, the second is skipped and kept; this reproduces that.
    """
    prefixes = tuple(f"{language}/" for language in languages)
    is_target = [entry["location"].startswith(prefixes) for entry in entries]
    targets = [n for n, target in enumerate(is_target) if target]
    defaults = [entry for entry, target in zip(entries, is_target, strict=True) if not target]
    keys = [(entries[n]["title"], entries[n]["text"], entries[n]["location"]) for n in targets]
    default_after_target = bool(targets) and not all(is_target[targets[0] :])
    if len(set(keys)) != len(keys) or default_after_target:
        # Equal entries would make list.remove() pick a different element, and static-i18n's lazy filter
        # sees removals made before it reaches a default entry that follows another language's (the
        # default language is built first, so neither happens in a build): use the original loop.
        _dedupe_slow(entries, prefixes)
        return
    by_content: dict[tuple[str, str], list[int]] = {}
    for slot, n in enumerate(targets):
        by_content.setdefault((entries[n]["title"], entries[n]["text"]), []).append(slot)
    # A doubly linked list over the live non-default entries (slots), to know what "next" is after removals.
    following = list(range(1, len(targets) + 1))
    preceding = list(range(-1, len(targets) - 1))
    alive = [True] * len(targets)
    removed: set[int] = set()
    for default in defaults:
        slots = by_content.get((default["title"], default["text"]))
        if not slots:
            continue
        skip = -1
        for slot in slots:
            if not alive[slot] or not entries[targets[slot]]["location"].endswith(default["location"]):
                continue
            if slot == skip:
                continue  # the element that slid into the removed one's place: the iterator steps over it
            alive[slot] = False
            removed.add(targets[slot])
            before, after = preceding[slot], following[slot]
            if before >= 0:
                following[before] = after
            if after < len(targets):
                preceding[after] = before
            skip = after
    if removed:
        entries[:] = [entry for n, entry in enumerate(entries) if n not in removed]


def _dedupe_slow(entries: list[dict[str, Any]], prefixes: tuple[str, ...]) -> None:
    """static-i18n's loop as it is: its default entries are a lazy filter over the list it removes from."""
    defaults = filter(lambda entry: not entry["location"].startswith(prefixes), entries)
    target_entries = [entry for entry in entries if entry["location"].startswith(prefixes)]
    for default in defaults:
        duplicated = filter(
            lambda entry, default=default: (
                entry["title"] == default["title"]
                and entry["location"].endswith(default["location"])
                and entry["text"] == default["text"]
            ),
            target_entries,
        )
        for entry in duplicated:
            entries.remove(entry)
            target_entries.remove(entry)


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def rebase_config(html: str, language: str, default: str) -> str:
    """Point Material's ``base`` at the language's root, so search loads that language's own index."""
    if language == default:
        return html
    return _CONFIG.sub(
        lambda match: match.group(1) + _rebased(match.group(2), language) + match.group(3), html, count=1
    )


@lru_cache(maxsize=256)
def _rebased(config_json: str, language: str) -> str:
    """The config with its ``base`` under ``language/`` (pages of one depth share one: computed once)."""
    config = json.loads(config_json)
    base = str(config.get("base", ".")).rstrip("/")
    # With the slash: URLs are resolved against it ("../../pl" would resolve to the site root).
    config["base"] = f"{base}/{language}/" if base not in ("", ".") else f"{language}/"
    # The page is HTML; keep "</" out of the JSON the way Jinja's tojson does.
    return json.dumps(config, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


# ------------------------------------------------------------------------------------------------------
# Content-Security-Policy
# ------------------------------------------------------------------------------------------------------

_SCRIPT_OPEN = re.compile(r"<script(?P<attrs>[^>]*)>", re.I)
_SCRIPT_CLOSE = re.compile(r"</script>", re.I)
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)
_CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)
_NON_JS = re.compile(r"""type=["']?(application/(ld\+)?json|text/template)""", re.I)

#: style-src keeps 'unsafe-inline': Material sets style attributes in its HTML (icons, tables, the search
#: result counters); styles cannot load anything from elsewhere under default-src 'self'.
CSP_BASE = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; "
    "frame-src 'self'; worker-src 'self'; manifest-src 'self'"
)


def inline_script_hashes(html: str) -> list[str]:
    """CSP tokens of the inline scripts, in order, each once.

    Each script's end is searched for from its start tag (one scan, where a lazy ``.*?`` tried every
    character of the site's configuration script).
    """
    hashes: list[str] = []
    position = 0
    while (opening := _SCRIPT_OPEN.search(html, position)) is not None:
        closing = _SCRIPT_CLOSE.search(html, opening.end())
        if closing is None:
            break
        position = closing.end()
        attrs = opening.group("attrs")
        if "src=" in attrs or _NON_JS.search(attrs):
            continue
        digest = hashlib.sha256(html[opening.end() : closing.start()].encode("utf-8")).digest()
        token = f"'sha256-{base64.b64encode(digest).decode()}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def add_csp(html: str) -> str:
    """Insert (or refresh) the CSP ``<meta>`` right after ``<meta charset>``, hashing every inline script."""
    html = _CSP_META.sub("", html)
    hashes = "".join(" " + token for token in inline_script_hashes(html))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP_BASE.format(hashes=hashes)}">'
    html, count = _CHARSET.subn(lambda m: m.group(0) + "\n    " + meta, html, count=1)
    if not count:
        raise ValueError("no <meta charset> to put the Content-Security-Policy after")
    return html
