"""The project's settings, read from ``mkdocs.yml`` only: languages, paths and thresholds live in one place.

Languages come from the ``i18n`` (mkdocs-static-i18n) plugin entry; everything that only this tool needs
(where catalogs live, completeness thresholds) sits under the ``mdgettext`` plugin entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml

__all__ = ["SITE_DOMAIN", "ConfigError", "ProjectConfig", "load_mkdocs_yaml", "project_config"]

#: The catalog of everything that is not in a page: nav titles, site name and description, template text.
SITE_DOMAIN = "_site"


class ConfigError(ValueError):
    """mkdocs.yml lacks something this tool needs; the message says what to add."""


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing anything its ``!!python/name`` or ``!ENV`` tags point at."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def load_mkdocs_yaml(text: str) -> dict[str, Any]:
    """Parse mkdocs.yml text into plain data."""
    try:
        data = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"mkdocs.yml:{mark.line + 1}" if mark is not None else "mkdocs.yml"
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(f"{where}: not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise ConfigError("mkdocs.yml is not a mapping")
    return data


@dataclass(frozen=True)
class NavTitle:
    """A title written in the nav of mkdocs.yml (a page's or a section's)."""

    title: str
    target: str | None  # the page path for a page entry, None for a section


@dataclass(frozen=True)
class ProjectConfig:
    source_language: str
    languages: tuple[str, ...]  # every language, the source language first
    docs_dir: str = "docs"
    locales_dir: str = "locales"
    templates_dir: str = "locales/templates"
    site_name: str = ""
    site_description: str = ""
    nav: tuple[NavTitle, ...] = ()
    custom_dir: str | None = None
    #: Minimum percentage of translated entries (fuzzy never counts) per language, for the CI gate.
    thresholds: dict[str, float] = field(default_factory=dict)
    #: The figures data file (``plugins > mdgettext > figures``), relative to the project; None: no figures.
    figures_file: str | None = None

    @property
    def target_languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.source_language)

    def catalog_path(self, language: str, domain: str) -> str:
        return str(PurePosixPath(self.locales_dir) / language / "LC_MESSAGES" / f"{domain}.po")

    def template_path(self, domain: str) -> str:
        return str(PurePosixPath(self.templates_dir) / f"{domain}.pot")


def _plugin_options(plugins: Any, name: str) -> dict[str, Any] | None:
    for item in plugins or []:
        if item == name:
            return {}
        if isinstance(item, dict) and name in item:
            return item[name] or {}
    if isinstance(plugins, dict) and name in plugins:
        return plugins[name] or {}
    return None


def _nav_titles(nav: Any) -> list[NavTitle]:
    titles: list[NavTitle] = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    titles.append(NavTitle(str(title), None))
                    titles.extend(_nav_titles(value))
                else:
                    titles.append(NavTitle(str(title), str(value)))
    return titles


def project_config(data: dict[str, Any]) -> ProjectConfig:
    """Build the project's settings from parsed mkdocs.yml data."""
    i18n = _plugin_options(data.get("plugins"), "i18n")
    if i18n is None or not i18n.get("languages"):
        raise ConfigError("mkdocs.yml: add the 'i18n' plugin with its 'languages' list")
    languages = [str(lang["locale"]) for lang in i18n["languages"] if lang.get("locale") != "null"]
    defaults = [str(lang["locale"]) for lang in i18n["languages"] if lang.get("default")]
    if not defaults:
        raise ConfigError("mkdocs.yml: mark the source language of the i18n plugin with 'default: true'")
    source = defaults[0]
    ordered = (source, *[lang for lang in languages if lang != source])
    options = _plugin_options(data.get("plugins"), "mdgettext") or {}
    locales_dir = str(options.get("locales_dir", "locales"))
    thresholds: dict[str, float] = {}
    for language, value in (options.get("thresholds") or {}).items():
        try:
            thresholds[str(language)] = float(value)
        except (TypeError, ValueError):
            raise ConfigError(
                f"mkdocs.yml: the mdgettext threshold of '{language}' must be a percentage, not {value!r}"
            ) from None
    unknown = sorted(set(thresholds) - set(ordered))
    if unknown:
        raise ConfigError(f"mkdocs.yml: mdgettext thresholds name unknown languages: {', '.join(unknown)}")
    theme = data.get("theme") or {}
    return ProjectConfig(
        source_language=source,
        languages=ordered,
        docs_dir=str(data.get("docs_dir", "docs")),
        locales_dir=locales_dir,
        templates_dir=str(options.get("templates_dir", f"{locales_dir}/templates")),
        site_name=str(data.get("site_name", "")),
        site_description=str(data.get("site_description", "") or ""),
        nav=tuple(_nav_titles(data.get("nav"))),
        custom_dir=theme.get("custom_dir") if isinstance(theme, dict) else None,
        thresholds=thresholds,
        figures_file=str(options["figures"]) if options.get("figures") else None,
    )
