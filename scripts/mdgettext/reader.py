"""The reader's side of the MkDocs plugin: languages of each page, notices, search, 404s, sitemap, archive.

A mixin of :class:`mdgettext.plugin.GettextPlugin` (which calls ``reader_config`` and ``reader_source`` from
its own events and inherits the events defined here). It reads MkDocs and static-i18n objects by duck typing
and leaves every decision to the pure helpers in :mod:`mdgettext.site`.

Events and their order with mkdocs-static-i18n (which rebuilds the site once per language from its own
``on_post_build`` at priority -100):

* ``on_post_page`` / ``on_post_template``: the Content-Security-Policy, Material's ``base`` per language, the
  404 page of each language (every build writes ``404.html`` to the same place, so it is kept in memory);
  each page's offline-archive entry is started there too (archive_helper.py);
* ``on_post_build`` at -120: after each language's build its own search index (``<lang>/search/``); after the
  last, the default language's index, the 404 pages, the sitemap and the offline archive.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.numbers import format_percent

from .archive import ARCHIVE_NAME, ArchiveEntry, build_archive
from .archive_helper import PageArchiver, helper_worthwhile
from .catalogs import page_domain
from .checks import Usable
from .config import SITE_DOMAIN
from .languages import display_name
from .segments import Segment
from .site import (
    Alternate,
    Coverage,
    add_csp,
    alternates,
    coverage_table,
    dedupe_search_entries,
    og_locale,
    rebase_config,
    search_index,
    search_script,
    sitemap_gz,
    sitemap_xml,
    untranslated_fallback,
)

__all__ = ["ReaderSite"]

log = logging.getLogger("mkdocs.plugins.mdgettext")


def _dedupe_search_linearly(i18n: Any) -> None:
    """Give static-i18n our linear search deduplication, result for result the same as its own.

    Its own compares every English search entry with every other language's: 4 s of a 1,100-page build,
    and the one part of the sequential build that grows faster than the site (tests/test_build.py checks
    that the two agree, quirks included).
    """
    i18n.reconfigure_search_duplicates = lambda entries: dedupe_search_entries(entries, i18n.build_languages)


def _priority(value: int) -> Any:
    def mark(method: Any) -> Any:
        method.mkdocs_priority = value  # what mkdocs.plugins.event_priority sets
        return method

    return mark


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


@lru_cache(maxsize=4096)
def _percent(share: float, language: str) -> str:
    """``72 %`` as the language writes it (Babel's formatting is slow for a call per page)."""
    return format_percent(share, locale=language)


def _archive_wanted() -> bool:
    return os.environ.get("RELEASE_NOW_ARCHIVE", "1") != "0"


def _not_found_path(language: str, default: str) -> str:
    """Where a language's 404 page lives in the site (the default language's at the root)."""
    return "404.html" if language == default else f"{language}/404.html"


def _site_files(folder: str, prefix: str = "") -> Iterator[tuple[str, bytes]]:
    """Every file under ``folder`` (relative POSIX path, bytes), as ``Path.rglob("*")`` would list them
    (symbolic links to folders are not followed; a link in a loop or an unreadable folder is skipped), without
    a Path object per file."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        try:
            is_folder = entry.is_dir() and not entry.is_symlink()
            is_file = not is_folder and entry.is_file()
        except OSError:  # a link in a loop, or through a file
            continue
        if is_folder:
            yield from _site_files(entry.path, f"{prefix}{entry.name}/")
        elif is_file:
            with open(entry.path, "rb") as stream:
                yield f"{prefix}{entry.name}", stream.read()


class ReaderSite:
    """Mixin: needs ``self.workspace``, ``self.language``, ``self.config`` (contribute_url, archive), and the
    plugin's cached ``segments(page, source)``, checked ``usable(domain, language)`` and
    ``translated_keys(language, domain)``."""

    workspace: Any
    language: str
    config: Any
    segments: Callable[[str, str], list[Segment]]
    usable: Callable[[str, str], Usable]
    translated_keys: Callable[[str, str], set[tuple[str | None, str]]]
    #: The coverage table worked out by the translation helper (ahead.py), or None.
    coverage_ahead: Callable[[], dict[tuple[str, str], Coverage] | None]

    # -- state -------------------------------------------------------------------------------------
    def _reader_state(self) -> dict[str, Any]:
        state = self.__dict__.get("_reader")
        if state is None:
            state = self.__dict__["_reader"] = {"coverage": None, "urls": {}, "not_found": {}, "names": {}}
        return state

    @property
    def reader_default(self) -> str:
        return str(self._reader_state().get("default") or self.workspace.config.source_language)

    @property
    def reader_languages(self) -> list[str]:
        return list(self._reader_state().get("languages") or self.workspace.config.languages)

    # -- called from the plugin's own events ----------------------------------------------------------------
    def reader_config(self, config: Any) -> None:
        """Once per language build: language names from CLDR; the coverage table is worked out again at the
        default language's build (or the first), when first asked for."""
        state = self._reader_state()
        i18n = config.plugins.get("i18n")
        if i18n is not None:
            state["default"] = i18n.default_language
            state["languages"] = list(i18n.build_languages)
            _dedupe_search_linearly(i18n)
            # Languages are named in themselves from Babel's CLDR data, whatever mkdocs.yml says.
            for language_config in i18n.config.languages:
                language_config.name = display_name(language_config.locale)
            for alternates_list in (
                config.extra.get("alternate") or [],
                getattr(i18n, "extra_alternate", None) or [],
            ):
                for entry in alternates_list:
                    if entry.get("lang"):
                        entry["name"] = display_name(entry["lang"])
        state["names"] = {language: display_name(language) for language in self.reader_languages}
        state["alternates"] = {}
        state["site_url"] = config.site_url or ""
        if self.language == self.reader_default:
            state["coverage"] = None
            state["not_found"] = {}

    def reader_coverage(self) -> dict[tuple[str, str], Coverage]:
        """Coverage of every page in every language: from the translation helper if it has it, else here."""
        state = self._reader_state()
        if state["coverage"] is None:
            state["coverage"] = self.coverage_ahead() or coverage_table(
                self.workspace.pages(),
                lambda page: self.segments(page, self.workspace.read_page(page)),
                self.reader_languages,
                self.reader_default,
                lambda language, page: self.translated_keys(language, page_domain(page)),
            )
        return state["coverage"]

    def reader_fallback(self, kind: str, text: str) -> str | None:
        """What an untranslated segment becomes: its English text marked ``lang="en"`` (None: as written)."""
        return untranslated_fallback(self.language, self.reader_default)(kind, text)

    # -- what templates see ------------------------------------------------------------------------
    def reader_globals(self, env: Any) -> None:
        env.globals.update(
            rn_alternates=self.page_alternates,
            rn_coverage=self.page_coverage,
            rn_translate=self.translate_in,
            rn_og_locale=og_locale,
            rn_offers=self.offers,
            rn_contribute_url=lambda: self.config.get("contribute_url") or "",
            rn_archive=ARCHIVE_NAME,
            rn_language_name=display_name,
        )

    def _page_key(self, page: Any) -> tuple[str, str]:
        url = page.url
        prefix = f"{self.language}/"
        if self.language != self.reader_default and url.startswith(prefix):
            url = url[len(prefix) :]
        return page.file.src_uri, url

    def page_alternates(self, page: Any) -> list[Alternate]:
        """Every language's version of the page (or of the home page, for a 404).

        Templates ask several times per page; the answer is kept until the next language build.
        """
        state = self._reader_state()
        src, url = self._page_key(page) if page is not None and getattr(page, "file", None) else ("", "")
        memo = state.setdefault("alternates", {})
        key = (self.language, src, url, page is None or not getattr(page, "file", None))
        if key not in memo:
            memo[key] = self._compute_alternates(page, src, url)
        return list(memo[key])

    def _compute_alternates(self, page: Any, src: str, url: str) -> list[Alternate]:
        state = self._reader_state()
        complete = {
            language: self.reader_coverage().get((language, src), Coverage(1, 1)).complete
            for language in self.reader_languages
        }
        current_url = url
        if page is None or not getattr(page, "file", None):
            complete = dict.fromkeys(self.reader_languages, True)
        result = alternates(
            current_url,
            self.language,
            self.reader_languages,
            self.reader_default,
            state["names"],
            complete,
            state["site_url"] or "https://example.invalid/",
        )
        return result

    def page_coverage(self, page: Any) -> dict[str, Any]:
        """``{"complete": bool, "percent": "72 %"}`` for the current language's version of the page."""
        if page is None or not getattr(page, "file", None) or self.language == self.reader_default:
            return {"complete": True, "percent": ""}
        found = self.reader_coverage().get((self.language, page.file.src_uri))
        if found is None:
            return {"complete": True, "percent": ""}
        return {"complete": found.complete, "percent": _percent(found.share, self.language)}

    def translate_in(self, language: str, text: str) -> str:
        """Template text in another language than the one being built (the English home page's offer)."""
        if language == self.reader_default:
            return text
        # The same checked translations the build publishes: a rejected one is not offered either.
        return self.usable(SITE_DOMAIN, language).singular.get((None, text)) or ""

    def offers(self, page: Any, texts: list[str]) -> list[dict[str, Any]]:
        """For the default language's home page: the languages whose home page and offer are translated."""
        if page is None or not getattr(page, "is_homepage", False) or self.language != self.reader_default:
            return []
        result = []
        for alt in self.page_alternates(page):
            if alt.language == self.reader_default or not alt.translated:
                continue
            translated = [self.translate_in(alt.language, text) for text in texts]
            if all(translated):
                result.append({"lang": alt.language, "href": alt.href, "name": alt.name, "texts": translated})
        return result

    # -- events ------------------------------------------------------------------------------------
    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        if self.language == self.reader_default:
            src, url = self._page_key(page)
            self._reader_state()["urls"][src] = url
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        output = add_csp(rebase_config(output, self.language, self.reader_default))
        if _archive_wanted():
            file = page.file
            relative = (
                file.dest_uri  # the usual case, without relpath's normalising of both paths
                if file.dest_dir == config.site_dir and "\\" not in file.dest_uri
                else os.path.relpath(file.abs_dest_path, config.site_dir).replace(os.sep, "/")
            )
            self.page_archiver().add(relative, output)
        return output

    #: The search index static-i18n would have left in ``search/search_index.json``, as ``json.loads``
    #: gives it: ``mdgettext build``'s parent hands it here instead of writing it to be read back.
    merged_search_index: dict[str, Any] | None = None

    #: Whether the language's own search index is written after its build: ``mdgettext build``'s workers
    #: leave the default language's and a sliced language's to the parent, which writes each once.
    language_index_here = True

    #: Whether page entries of the offline archive may be made in a helper process (``mdgettext build``'s
    #: workers turn it off: every core is building there).
    archive_in_background = True

    def page_archiver(self) -> PageArchiver:
        archiver = self.__dict__.get("_page_archiver")
        if archiver is None:
            background = self.archive_in_background and helper_worthwhile()
            archiver = self.__dict__["_page_archiver"] = PageArchiver(background=background)
        return archiver

    def _archive_early(self, relative: str, text: str) -> None:
        """A file this plugin writes after the pages (a search index, a 404 page, the sitemap): its archive
        entry is made now, in the helper while the next language builds, instead of at the end."""
        if _archive_wanted():
            self.page_archiver().add(relative, text)

    def take_archive_entries(self) -> dict[str, ArchiveEntry]:
        """The page entries made so far, handed over (the archiver is closed)."""
        archiver = self.__dict__.pop("_page_archiver", None)
        if archiver is None:
            return {}
        entries = archiver.entries()
        archiver.close()
        return entries

    def on_build_error(self, error: Exception) -> None:
        archiver = self.__dict__.pop("_page_archiver", None)
        if archiver is not None:
            archiver.close()

    def on_post_template(self, output: str, template_name: str, config: Any) -> str:
        if template_name == "404.html":
            output = add_csp(rebase_config(output, self.language, self.reader_default))
            self._reader_state()["not_found"][self.language] = output
            self._archive_early(_not_found_path(self.language, self.reader_default), output)
        return output

    @_priority(-120)
    def on_post_build(self, config: Any) -> None:
        i18n = config.plugins.get("i18n")
        building = bool(getattr(i18n, "building", False))
        default = self.reader_default
        language = getattr(i18n, "current_language", None) if building else default
        language = language or default
        site = Path(config.site_dir)
        merged_path = site / "search" / "search_index.json"
        merged, self.merged_search_index = self.merged_search_index, None
        if building and not self.language_index_here:
            return
        if merged is None and merged_path.exists():
            merged = json.loads(merged_path.read_text(encoding="utf-8"))
        if merged is not None:
            index = search_index(merged, language, default, self.reader_languages)
            folder = site / "search" if language == default else site / language / "search"
            for name, text in (
                ("search_index.json", json.dumps(index, ensure_ascii=False, separators=(",", ":"))),
                ("search_index.js", search_script(index)),
            ):
                _write(folder / name, text)
                self._archive_early((folder / name).relative_to(site).as_posix(), text)
        if building:
            return
        state = self._reader_state()
        for lang, html in state["not_found"].items():
            _write(site / _not_found_path(lang, default), html)
        pages = []
        for page in self.workspace.pages():
            url = state["urls"].get(page)
            if url is None:
                continue
            complete = {
                lang: self.reader_coverage().get((lang, page), Coverage(1, 1)).complete
                for lang in self.reader_languages
            }
            pages.append(
                alternates(
                    url,
                    default,
                    self.reader_languages,
                    default,
                    state["names"],
                    complete,
                    state["site_url"] or "https://example.invalid/",
                )
            )
        xml = sitemap_xml(pages, default)
        _write(site / "sitemap.xml", xml)
        self._archive_early("sitemap.xml", xml)
        _write(site / "sitemap.xml.gz", sitemap_gz(xml))
        if _archive_wanted():
            # Entries made while pages were built: this process's, and those of mdgettext build's workers.
            prepared = {**(state.pop("archive_entries", None) or {}), **self.take_archive_entries()}
            files = _site_files(str(site))
            reused: set[str] = set()
            _write(site / ARCHIVE_NAME, build_archive(files, prepared=prepared, reused=reused))
            log.debug("offline archive: %d entries made while pages were built, of %d made then",
                      len(reused), len(prepared))
