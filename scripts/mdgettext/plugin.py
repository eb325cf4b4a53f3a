"""The MkDocs edge: render every page, nav title and template string of each language from its catalogs.

mkdocs-static-i18n builds the default language, then rebuilds the site once per other language on the
same config object; every event here therefore runs once per language and must be idempotent. Pages are
translated in ``on_page_read_source`` (static-i18n hands each language the English file), nav titles in
``on_nav`` after static-i18n's own (priority -110), template text through the Jinja global ``t``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify as default_slugify
from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .ahead import AHEAD_MIN_PAGES, TranslationsAhead, catalog_stamp
from .archive_helper import helper_worthwhile
from .audit import read_allowlist
from .cache import ResultCache, checked_translations, translated_keys
from .catalogs import page_domain
from .chart import render_chart
from .checks import NOTHING_USABLE, Finding, Usable
from .config import SITE_DOMAIN
from .figures import Figures, FiguresError, check_placeholders, choose_plural, fill_page, fill_text
from .pofile import CatalogError
from .reader import ReaderSite
from .render import translated_markdown
from .segments import Segment, Slugify, extract_segments
from .site import Coverage
from .workspace import Workspace

__all__ = ["GettextPlugin"]

log = logging.getLogger("mkdocs.plugins.mdgettext")


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


#: Pages' segments for the whole process, by (docs folder, page). static-i18n reads the same English page once
#: per language, and MkDocs makes a new plugin for every build (each `mkdocs serve` rebuild, each task of
#: `mdgettext build`'s workers): a page is segmented again only when its source or the toc's id rules change.
_SEGMENTS: dict[tuple[str, str], tuple[str, Slugify, str, list[Segment]]] = {}


class GettextPluginConfig(Config):
    locales_dir = config_options.Type(str, default="locales")
    templates_dir = config_options.Optional(config_options.Type(str))
    thresholds = config_options.Type(dict, default={})
    contribute_url = config_options.Optional(config_options.Type(str))
    figures = config_options.Optional(config_options.Type(str))


class GettextPlugin(ReaderSite, BasePlugin[GettextPluginConfig]):
    def __init__(self) -> None:
        self.workspace: Workspace | None = None
        self.language = ""
        self.original: dict[str, Any] = {}
        # (language, domain) -> (build generation, the file's stamp, its checked translations).
        self._catalog_cache: dict[tuple[str, str], tuple[int, tuple[int, ...] | None, Usable]] = {}
        self._generation = 0
        self.figures = Figures("")
        self._allowlist: dict[str, tuple[tuple[str, str], ...]] | None = None
        self.result_cache = ResultCache(None)
        # The toc extension's id rules (mkdocs.yml may set its own), so pinned anchors are the English ids.
        self.slugify: Slugify = default_slugify
        self.separator = "-"
        self._ahead: TranslationsAhead | None = None

    #: Whether the languages still to build may be translated ahead in a helper process (ahead.py);
    #: ``mdgettext build``'s workers turn it off, every core is building there.
    translate_ahead = True

    # -- helpers ----------------------------------------------------------------------------------------
    def current_language(self, config: MkDocsConfig) -> str:
        i18n = config.plugins.get("i18n")
        language = getattr(i18n, "current_language", None) or config.theme.get("language")
        assert self.workspace is not None
        return str(language or self.workspace.config.source_language)

    def usable(self, domain: str, language: str | None = None) -> Usable:
        """Checked translations of one catalog (of the current language by default), re-read on change.

        A catalog's file is looked at once per language build (``on_config`` starts a new one), not at
        every nav title and template string that asks.
        """
        assert self.workspace is not None
        language = language or self.language
        cached = self._catalog_cache.get((language, domain))
        if cached and cached[0] == self._generation:
            return cached[2]
        path = self.workspace.catalog_file(language, domain)
        stamp = catalog_stamp(path)  # a file dated 1970 (SOURCE_DATE_EPOCH=0) is a catalog too
        if cached and cached[1] == stamp:
            self._catalog_cache[(language, domain)] = (self._generation, stamp, cached[2])
            return cached[2]
        if stamp is None:
            usable = NOTHING_USABLE
        else:
            try:
                usable = self.safe_translations(path, language)
            except CatalogError as error:
                raise PluginError(f"{error}") from None
        self._catalog_cache[(language, domain)] = (self._generation, stamp, usable)
        return usable

    def segments(self, src_uri: str, source: str) -> list[Segment]:
        """A page's segments, extracted once per process for all the languages and builds that use them."""
        assert self.workspace is not None
        key = (str(self.workspace.docs_dir), src_uri)
        cached = _SEGMENTS.get(key)
        if cached is None or cached[:3] != (source, self.slugify, self.separator):
            cached = _SEGMENTS[key] = (
                source, self.slugify, self.separator, extract_segments(source, self.slugify, self.separator)
            )
        return cached[3]

    def safe_translations(self, path: Path, language: str) -> Usable:
        """Translations that pass every error-level check; the others fall back to English with a warning.

        A translation is untrusted input and CI may have been skipped: a javascript: link, a script or a
        swapped link in a catalog must never reach the site (checks.py says what is refused and why).
        The answer for the same catalog bytes, language and allow-list is kept between builds (cache.py);
        its warnings are repeated on every build that publishes from it.
        """
        assert self.workspace is not None
        usable = checked_translations(self.workspace, self.result_cache, path, language, self.allowlist())
        self.warn_rejected(usable.rejected)
        return usable

    def warn_rejected(self, rejected: list[Finding]) -> None:
        for finding in rejected:
            log.warning("%s:%s: translation not used, English shown instead: [%s] %s (msgid %r)",
                        finding.file, finding.line, finding.check_id, finding.message, finding.msgid[:60])

    def translated_keys(self, language: str, domain: str) -> set[tuple[str | None, str]]:
        """(msgctxt, msgid) of the catalog's translated entries (fuzzy never counts), for coverage.

        Only parsing is needed, not checks; the answer is kept between builds like the checked one.
        """
        assert self.workspace is not None
        return translated_keys(
            self.workspace, self.result_cache, self.workspace.catalog_file(language, domain), language
        )

    def allowlist(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """``locales/allowed-urls.yml``, read once per build (every catalog's checks need it)."""
        assert self.workspace is not None
        if self._allowlist is None:
            self._allowlist = read_allowlist(self.workspace)
        return self._allowlist

    def fill_figures(self, markdown: str, where: str) -> str:
        """Figures in the current language, charts drawn, after translation (msgids keep placeholders)."""
        language = self.language

        def chart(name: str) -> str:
            spec = self.figures.charts[name]
            title = fill_text(self.translate(spec.title), self.figures, language, self.figures.path)
            sources = (fill_text(self.translate(spec.sources), self.figures, language, self.figures.path)
                       if spec.sources else None)
            return render_chart(self.figures, name, language, title, sources)

        try:
            return fill_page(markdown, self.figures, language, where, chart)
        except FiguresError as error:
            raise PluginError(str(error)) from None

    def translate(self, text: str, domain: str = SITE_DOMAIN, context: str | None = None) -> str:
        return self.usable(domain).singular.get((context, text)) or text

    # -- events -------------------------------------------------------------------------------------------
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._generation += 1
        if self.workspace is None:
            self.workspace = Workspace(Path(config.config_file_path).parent)
            # Each catalog is read for coverage, translations and plurals: parse it once per build process.
            self.workspace.catalog_memo = {}
            self.original = {"site_name": config.site_name, "site_description": config.site_description}
            self.result_cache = ResultCache.for_user()
            locales = str(self.workspace.root / self.workspace.config.locales_dir)
            if locales not in config.watch:
                config.watch.append(locales)
        self.language = self.current_language(config)
        # static-i18n builds one language after the other: the pages' answers of the languages already
        # built are not asked again (only the site catalog, for the home page's offer). Letting them go
        # keeps the garbage collector from walking every language's translations at every collection.
        self._catalog_cache = {
            key: value for key, value in self._catalog_cache.items()
            if key[0] == self.language or key[1] == SITE_DOMAIN
        }
        toc = config.mdx_configs.get("toc", {})
        self.slugify = toc.get("slugify") or default_slugify
        self.separator = toc.get("separator", "-")
        if self.workspace.config.figures_file:
            # Read at every build, so `mkdocs serve` shows a changed figure at once (the file is watched).
            figures_path = str(self.workspace.root / self.workspace.config.figures_file)
            if figures_path not in config.watch:
                config.watch.append(figures_path)
            try:
                self.figures = self.workspace.figures()
            except (FiguresError, OSError) as error:
                raise PluginError(str(error)) from None
        config.site_name = self.translate(self.original["site_name"])
        if self.original["site_description"]:
            config.site_description = self.translate(self.original["site_description"])
        self.reader_config(config)  # language names, coverage table (reader.py)
        if self._generation == 1:
            self._start_ahead()
        return config

    def _start_ahead(self) -> None:
        """The helper translating the languages still to build (ahead.py), beside a big enough site."""
        assert self.workspace is not None
        if not self.translate_ahead or self.slugify is not default_slugify or not helper_worthwhile():
            return  # a toc slugify of mkdocs.yml's own would have to reach the helper: not worth it
        if len(self.workspace.pages()) < AHEAD_MIN_PAGES:
            return
        # static-i18n builds the current language, then the others in their order.
        languages = [self.language, *(other for other in self.reader_languages if other != self.language)]
        try:
            self._ahead = TranslationsAhead(
                self.workspace, self.result_cache, languages, self.reader_languages, self.reader_default,
                self.separator, self.allowlist(),
            )
        except (OSError, ValueError) as error:
            log.debug("translations ahead: no helper process (%s); pages are translated here", error)

    def _close_ahead(self) -> None:
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None

    def coverage_ahead(self) -> dict[tuple[str, str], Coverage] | None:
        return self._ahead.coverage() if self._ahead is not None else None

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        source = page.file.content_string
        assert self.workspace is not None
        where = f"{self.workspace.config.docs_dir}/{page.file.src_uri}"
        try:
            check_placeholders(source, self.figures, where)  # the English page, so the line is the source's
        except FiguresError as error:
            raise PluginError(str(error)) from None
        domain = page_domain(page.file.src_uri)
        if self._ahead is not None:
            catalog = self.workspace.catalog_file(self.language, domain)
            ahead = self._ahead.page(self.language, page.file.src_uri, source, catalog)
            if ahead is not None:
                markdown, rejected = ahead
                self.warn_rejected(rejected)
                return self.fill_figures(markdown, where)
        usable = self.usable(domain)
        lookup, plurals = usable.singular, usable.plural
        segments = self.segments(page.file.src_uri, source)
        source_language = self.workspace.config.source_language
        if not lookup and not plurals and self.language == self.reader_default and not any(
            segment.plural for segment in segments
        ):
            return self.fill_figures(source, where)

        def plural(segment: Segment) -> str | None:
            try:
                number = self.figures.number(segment.plural)
            except FiguresError as error:
                raise PluginError(f"{where}:{segment.line}: {error}") from None
            text, translated = choose_plural(
                segment.singular or segment.text, segment.text,
                plurals.get((segment.context, segment.singular or segment.text)),
                self.language, number, source_language,
            )
            if translated:
                return text
            return self.reader_fallback(segment.kind, text) or text

        markdown = translated_markdown(source, segments, lookup, self.reader_fallback, plural)
        return self.fill_figures(markdown, where)

    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Under ``--dirty`` (the one-language preview), a page whose catalog was saved is re-rendered too.

        MkDocs re-renders a page only when its Markdown is newer than its HTML; a translator saves the
        ``.po``, not the page. A page counts as modified when its own catalog, or the site catalog (nav
        titles, site name), is newer than its HTML. Runs after static-i18n's ``on_files`` (-100), which
        makes new files.
        """
        if self.workspace is None:
            return files
        site_catalog = _mtime(self.workspace.catalog_file(self.language, SITE_DOMAIN))
        for file in files.documentation_pages():
            built = _mtime(Path(file.abs_dest_path))
            if built and max(site_catalog, _mtime(self.workspace.catalog_file(
                    self.language, page_domain(file.src_uri)))) > built:
                file.is_modified = lambda: True  # type: ignore[method-assign]
        return files

    @event_priority(-110)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        def walk(items: list[Any]) -> None:
            for item in items:
                if isinstance(item, Section):
                    item.title = self.translate(item.title)
                    walk(item.children)
                elif isinstance(item, Page) and item.title:
                    item.title = self.translate(item.title)

        walk(nav.items)
        return nav

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # Template text is untrusted translation: escaped, so no catalog can open a tag or an attribute.
        env.globals["t"] = lambda text: escape(self.translate(text))
        self.reader_globals(env)
        return env

    @event_priority(-120)
    def on_post_build(self, config: MkDocsConfig) -> None:
        try:
            super().on_post_build(config)
        finally:
            if not getattr(config.plugins.get("i18n"), "building", False):
                self._close_ahead()  # the last language is built

    def on_build_error(self, error: Exception) -> None:
        self._close_ahead()
        super().on_build_error(error)
