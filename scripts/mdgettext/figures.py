"""Figures that change, written once: a data file, named placeholders in pages, CLDR formatting per language.

The campaign's numbers and dates live in one YAML file (``plugins > mdgettext > figures`` in mkdocs.yml).
Pages and translations name them in braces, Python ``str.format`` style, so the entries carry gettext's
``python-brace-format`` flag and Poedit, Weblate and ``msgfmt -c`` check them natively:

* ``{prisoners_held}``: a figure (``kind: number`` -> ``1,100`` / ``1 100`` / ``1.100``; ``kind: date`` ->
  the CLDR long date; ``kind: year`` -> the year as written, never grouped);
* ``{per_million.BY}``: one member of a figure that has a value per country (ISO 3166 code);
* ``{country.BY}``: the CLDR name of a country in the page's language, so no translator types it.

Values are substituted into the Markdown *after* translation lookup, so msgids keep the placeholders and
a new figure never touches a catalog. A sentence whose grammar depends on a figure is a plural entry
(``<!-- i18n: plural NAME -->``); :func:`plural_index` picks its form with the language's Plural-Forms.
``<!-- figures: chart NAME -->`` on a line of its own is replaced by the figure's bar chart (see ``chart``).

This module is pure: it reads no files (the caller passes text) and never prints.
"""

from __future__ import annotations

import datetime as _dt
import gettext
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

import yaml
from babel import Locale
from babel.dates import format_date
from babel.messages.plurals import get_plural
from babel.numbers import format_decimal

__all__ = [
    "CHART_DIRECTIVE",
    "KINDS",
    "PLACEHOLDER",
    "Chart",
    "Figure",
    "Figures",
    "FiguresError",
    "check_placeholders",
    "choose_plural",
    "country_name",
    "fill_page",
    "fill_text",
    "parse_figures",
    "placeholders",
    "plural_index",
    "strip_placeholders",
]

#: How a figure is written in each language.
KINDS = ("number", "date", "year")

#: ``{name}`` or ``{name.KEY}``: what ``python-brace-format`` calls a replacement field, without conversion
#: or format spec (the format comes from CLDR, never from the translator).
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\}")
#: A chart, on a line of its own: ``<!-- figures: chart per_million -->``.
CHART_DIRECTIVE = re.compile(r"^[ \t]*<!--\s*figures:\s*chart\s+([A-Za-z_][A-Za-z0-9_]*)\s*-->[ \t]*$", re.M)
#: The namespace of CLDR country names.
COUNTRY = "country"

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LIST_LIKE = re.compile(r"^(\d+)([.)])")
#: What may stand before a value that still starts a block: quote markers and a list marker.
_MARKER_ONLY = re.compile(r"[ \t>]*(?:[-*+]|\d+[.)])[ \t]+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<])")


class FiguresError(ValueError):
    """The data file or a page misuses figures; the message names the file and line and says what to do."""


def placeholders(text: str) -> list[str]:
    """The placeholder names in ``text``, in order, repeats kept (``checks`` compares them as multisets)."""
    return PLACEHOLDER.findall(text)


def strip_placeholders(text: str) -> str:
    """``text`` without its placeholders: a table cell holding only ``{country.BY}`` is not prose."""
    return PLACEHOLDER.sub("", text)


@dataclass(frozen=True)
class Figure:
    """One value: what it is, where it comes from, how it is written."""

    name: str
    kind: str
    value: int | _dt.date
    source: str | None = None
    as_of: str | None = None
    qualifier: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Chart:
    """The text of a figure's bar chart (English; translated through the site catalog)."""

    title: str
    sources: str | None = None
    title_line: int = 0
    sources_line: int = 0


@dataclass(frozen=True)
class Figures:
    """Every figure of the site, by placeholder name (members of a per-country figure as ``name.CODE``)."""

    path: str
    values: Mapping[str, Figure] = field(default_factory=dict)
    #: Per-country figures: name -> ordered country codes.
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    charts: Mapping[str, Chart] = field(default_factory=dict)

    def known(self, name: str) -> bool:
        if name in self.values:
            return True
        prefix, _, code = name.partition(".")
        return prefix == COUNTRY and bool(code) and _territory_exists(code)

    def number(self, name: str) -> int:
        """The integer a plural entry depends on; FiguresError if there is none."""
        figure = self.values.get(name)
        if figure is None or not isinstance(figure.value, int) or figure.kind == "date":
            raise FiguresError(f"{self.path}: a plural entry needs a number figure, and '{name}' is not one "
                               f"(known: {', '.join(sorted(self.values))})")
        return figure.value

    def format(self, name: str, language: str) -> str:
        """The placeholder's text in ``language``: CLDR number, long date, year or country name."""
        prefix, _, code = name.partition(".")
        if prefix == COUNTRY and name not in self.values:
            return country_name(code, language)
        figure = self.values[name]
        if figure.kind == "number":
            return format_decimal(figure.value, locale=_locale(language))
        if figure.kind == "date":
            assert isinstance(figure.value, _dt.date)
            return format_date(figure.value, format="long", locale=_locale(language))
        return str(figure.value)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


@cache
def _territory_exists(code: str) -> bool:
    return code in Locale("en").territories


def country_name(code: str, language: str) -> str:
    """The country's name as CLDR writes it in ``language`` (``BY`` -> Belarus, Беларусь, Białoruś)."""
    try:
        return str(_locale(language).territories[code])
    except KeyError:
        raise FiguresError(f"'{code}' is not an ISO 3166 country code CLDR knows") from None


@cache
def _plural_function(language: str) -> Callable[[int], int]:
    return gettext.c2py(get_plural(_locale(language)).plural_expr)


def plural_index(language: str, number: int) -> int:
    """Which msgstr[i] a plural entry shows for ``number``: the language's Plural-Forms, evaluated."""
    return int(_plural_function(language)(number))


def choose_plural(
    singular: str,
    plural: str,
    forms: list[str] | None,
    language: str,
    number: int,
    source_language: str = "en",
) -> tuple[str, bool]:
    """The text a plural entry shows for ``number``, and whether it is a translation.

    A translation needs every form filled (one per Plural-Forms of the language); otherwise the English
    singular or plural is shown, chosen by the English rule, so the fallback is grammatical too.
    """
    if forms and all(forms):
        index = plural_index(language, number)
        if index < len(forms):
            return forms[index], True
    return (singular if plural_index(source_language, number) == 0 else plural), False


# -- the data file ------------------------------------------------------------------------------------------
class _LineLoader(yaml.SafeLoader):
    """Remembers the line of each mapping so errors and catalog references point into the file."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, object]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping  # type: ignore[return-value]


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_FIGURE_KEYS = {"value", "kind", "source", "as_of", "qualifier", "values", "chart", "__line__"}


def _value(raw: object, kind: str, where: str) -> int | _dt.date:
    if kind == "date":
        if isinstance(raw, _dt.date):
            return raw
        raise FiguresError(f"{where}: a date figure needs a value written YYYY-MM-DD")
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise FiguresError(f"{where}: a {kind} figure needs a whole number as its value, without separators")
    return raw


def _optional_text(raw: object, where: str, key: str) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, (str, int, _dt.date)):
        return str(raw)
    raise FiguresError(f"{where}: '{key}' must be text")


def parse_figures(text: str, path: str = "figures.yml") -> Figures:
    """Read the data file strictly: unknown keys, kinds or codes are errors naming ``path:line``."""
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as error:
        raise FiguresError(f"{path}: not valid YAML: {error}") from None
    if data is None:
        return Figures(path)
    if not isinstance(data, dict):
        raise FiguresError(f"{path}: the file must map figure names to their settings")
    data.pop("__line__", None)
    values: dict[str, Figure] = {}
    groups: dict[str, tuple[str, ...]] = {}
    charts: dict[str, Chart] = {}
    for name, spec in data.items():
        if not isinstance(spec, dict):
            raise FiguresError(f"{path}: '{name}' needs value, kind and source keys")
        line = int(spec.get("__line__", 0))
        where = f"{path}:{line}"
        if not _NAME.match(str(name)) or name == COUNTRY:
            raise FiguresError(f"{where}: '{name}' cannot be a figure name "
                               "(letters, digits and _, and not 'country')")
        unknown = sorted(set(spec) - _FIGURE_KEYS)
        if unknown:
            raise FiguresError(f"{where}: unknown key(s) {', '.join(unknown)} in '{name}'")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise FiguresError(f"{where}: '{name}' needs a kind: {' | '.join(KINDS)}")
        source = _optional_text(spec.get("source"), where, "source")
        as_of = _optional_text(spec.get("as_of"), where, "as_of")
        qualifier = _optional_text(spec.get("qualifier"), where, "qualifier")
        if "values" in spec:
            members = spec["values"]
            if "value" in spec or not isinstance(members, dict):
                raise FiguresError(f"{where}: '{name}' has either one value or values per country code")
            members.pop("__line__", None)
            codes: list[str] = []
            for code, member in members.items():
                member_line = int(member.get("__line__", line)) if isinstance(member, dict) else line
                member_where = f"{path}:{member_line}"
                if not isinstance(member, dict) or ("value" in member and set(member) - _FIGURE_KEYS):
                    raise FiguresError(f"{member_where}: '{name}.{code}' needs value (and source, as_of)")
                if not _territory_exists(str(code)):
                    raise FiguresError(f"{member_where}: '{code}' is not an ISO 3166 country code CLDR knows")
                values[f"{name}.{code}"] = Figure(
                    name=f"{name}.{code}",
                    kind=kind,
                    value=_value(member.get("value"), kind, member_where),
                    source=_optional_text(member.get("source"), member_where, "source"),
                    as_of=_optional_text(member.get("as_of"), member_where, "as_of") or as_of,
                    qualifier=qualifier,
                    line=member_line,
                )
                codes.append(str(code))
            groups[name] = tuple(codes)
        else:
            value = _value(spec.get("value"), kind, where)
            values[name] = Figure(name, kind, value, source, as_of, qualifier, line)
        chart = spec.get("chart")
        if chart is not None:
            if name not in groups or not isinstance(chart, dict) or not isinstance(chart.get("title"), str):
                raise FiguresError(f"{where}: a chart needs values per country and a 'title'")
            chart_line = int(chart.get("__line__", line))
            sources = chart.get("sources")
            charts[name] = Chart(chart["title"], sources if isinstance(sources, str) else None,
                                 chart_line + 1, chart_line + 2 if sources else 0)
    figures = Figures(path, values, groups, charts)
    for chart in charts.values():
        for text, text_line in ((chart.title, chart.title_line), (chart.sources or "", chart.sources_line)):
            for placeholder in placeholders(text):
                if not figures.known(placeholder):
                    raise FiguresError(f"{path}:{text_line}: unknown figure {{{placeholder}}} in chart text")
    return figures


# -- pages ------------------------------------------------------------------------------------------------
def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after the front matter (0 when there is none)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return 0


def _markdown_safe(value: str, line_start: bool) -> str:
    """A value spliced into Markdown prose reads as text: ``21. Mai 2025`` at a line start is no list."""
    value = _MD_SPECIAL.sub(r"\\\1", value)
    if line_start:
        value = _LIST_LIKE.sub(r"\1\\\2", value)
    return value


def _scan(
    markdown: str,
    on_placeholder: Callable[[str, int, bool, bool], str],
) -> str:
    """Call ``on_placeholder(name, line, in_front_matter, at_line_start)`` for each placeholder outside code
    and comments, and splice in what it returns."""
    if PLACEHOLDER.search(markdown) is None:
        return markdown  # most pages name no figure: nothing to scan line by line
    lines = markdown.split("\n")
    front_end = _front_matter_end(lines)
    out: list[str] = []
    fence: str | None = None
    in_comment = False
    for number, line in enumerate(lines):
        if number >= front_end:
            marker = _FENCE.match(line)
            if fence is not None:
                if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                    fence = None
                out.append(line)
                continue
            if marker and not in_comment:
                fence = marker.group(1)
                out.append(line)
                continue
        # Protect comments (which may span lines) and code spans; fill everything else.
        pieces: list[str] = []
        position = 0
        text = line
        if in_comment:
            end = text.find("-->")
            if end < 0:
                out.append(line)
                continue
            pieces.append(text[: end + 3])
            position = end + 3
            in_comment = False
        protected = [(m.start(), m.end()) for m in _COMMENT.finditer(text, position)]
        protected += [(m.start(), m.end()) for m in _CODE_SPAN.finditer(text, position)]
        unclosed = text.find("<!--", max([position, *(end for _, end in protected)]))
        if unclosed >= 0 and "-->" not in text[unclosed:]:
            protected.append((unclosed, len(text)))
            in_comment = True
        protected.sort()
        cursor = position
        for start, end in [*protected, (len(text), len(text))]:
            if start < cursor:
                continue
            chunk = text[cursor:start]
            filled: list[str] = []
            last = 0
            for match in PLACEHOLDER.finditer(chunk):
                before = text[: cursor + match.start()]
                at_start = not before.strip(" \t>") or bool(_MARKER_ONLY.fullmatch(before))
                filled.append(chunk[last : match.start()])
                filled.append(on_placeholder(match.group(1), number + 1, number < front_end, at_start))
                last = match.end()
            filled.append(chunk[last:])
            pieces.append("".join(filled))
            pieces.append(text[start:end])
            cursor = end
        out.append("".join(pieces))
    return "\n".join(out)


def check_placeholders(markdown: str, figures: Figures, where: str) -> None:
    """Raise FiguresError ``where:line: unknown figure {x}`` for the first placeholder the data lacks."""

    def check(name: str, line: int, front: bool, start: bool) -> str:
        if not figures.known(name):
            raise FiguresError(
                f"{where}:{line}: unknown figure {{{name}}}; the figures are "
                f"{', '.join(sorted(figures.values))} and country.<ISO code> (data: {figures.path})"
            )
        return "{" + name + "}"

    _scan(markdown, check)


def fill_page(
    markdown: str,
    figures: Figures,
    language: str,
    where: str,
    render_chart: Callable[[str], str] | None = None,
) -> str:
    """Every placeholder of a (translated) page replaced by its value in ``language``; chart directives
    replaced by ``render_chart(name)``. Code blocks, code spans and comments are left as written."""

    def chart(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in figures.charts:
            line = markdown.count("\n", 0, match.start()) + 1
            raise FiguresError(f"{where}:{line}: no chart '{name}' in {figures.path} "
                               f"(charts: {', '.join(sorted(figures.charts)) or 'none'})")
        return render_chart(name) if render_chart else match.group(0)

    def fill(name: str, line: int, front: bool, start: bool) -> str:
        if not figures.known(name):
            raise FiguresError(f"{where}:{line}: unknown figure {{{name}}} (language {language}; "
                               f"data: {figures.path})")
        value = figures.format(name, language)
        return value if front else _markdown_safe(value, start)

    filled = _scan(markdown, fill)
    return CHART_DIRECTIVE.sub(chart, filled) if "figures:" in filled else filled


def fill_text(text: str, figures: Figures, language: str, where: str) -> str:
    """Placeholders of plain text (a chart title, not Markdown) replaced by their values, unescaped."""

    def fill(match: re.Match[str]) -> str:
        if not figures.known(match.group(1)):
            raise FiguresError(f"{where}: unknown figure {{{match.group(1)}}} (data: {figures.path})")
        return figures.format(match.group(1), language)

    return PLACEHOLDER.sub(fill, text)
