"""A per-country figure as an accessible inline SVG bar chart, built at build time in each language.

Why inline SVG and not a chart library: no JavaScript and no third-party host may be involved (a request to a
foreign CDN can endanger readers in Belarus), and the text in the chart must be the page's language. Colours
come from the theme (``currentColor`` and Material's CSS variables): the chart reads in light and dark mode.
Screen readers get ``role="img"`` named by the ``<title>`` and described by the ``<desc>`` (every value in
words); the page's own table holds the same figures for readers who want a real data table.

Everything from the outside (translations, CLDR names, the data file) is escaped: the output is safe to splice
into a page. This module is pure: text in, text out.
"""

from __future__ import annotations

import re
from html import escape

from babel.lists import format_list

from .figures import Figures, FiguresError

__all__ = ["render_chart"]

#: Geometry in SVG user units; the SVG scales to the content width (viewBox + width 100%).
WIDTH = 640
BAR_HEIGHT = 28
GAP = 12
FONT_SIZE = 16
#: Average glyph width as a share of the font size: enough for Latin and Cyrillic labels in a sans font.
GLYPH = 0.6
VALUE_SPACE = 70


def _id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def render_chart(figures: Figures, name: str, language: str, title: str, sources: str | None = None) -> str:
    """The ``<figure>`` with the SVG bar chart of figure ``name`` in ``language``.

    ``title`` and ``sources`` are already translated and filled (placeholders replaced); escaped here.
    """
    codes = figures.groups.get(name)
    if not codes:
        raise FiguresError(f"{figures.path}: '{name}' has no values per country to chart")
    rows = []
    for code in codes:
        figure = figures.values[f"{name}.{code}"]
        assert isinstance(figure.value, int)
        rows.append((figures.format(f"country.{code}", language), figure.value,
                     figures.format(f"{name}.{code}", language)))
    longest = max(len(label) for label, _, _ in rows)
    label_width = int(longest * FONT_SIZE * GLYPH) + 16
    bar_space = WIDTH - label_width - VALUE_SPACE
    top = max(value for _, value, _ in rows) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    base = f"chart-{_id(name)}"
    description = format_list([f"{label}: {text}" for label, _, text in rows], locale=language)
    parts = [
        f'<figure class="mdgettext-chart" id="{base}">',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{base}-title" aria-describedby="{base}-desc" '
        f'style="max-width:{WIDTH}px;height:auto;color:var(--md-default-fg-color,currentColor)" '
        f'font-size="{FONT_SIZE}" font-family="inherit">',
        f'<title id="{base}-title">{escape(title)}</title>',
        f'<desc id="{base}-desc">{escape(description)}</desc>',
    ]
    for index, (label, value, text) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2
        width = max(2, round(bar_space * value / top))
        parts.append(
            f'<g><text x="{label_width - 8}" y="{middle}" text-anchor="end" dominant-baseline="central" '
            f'fill="currentColor">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{width}" height="{BAR_HEIGHT}" rx="2" '
            f'style="fill:var(--md-primary-fg-color,#c62828)"/>'
            f'<text x="{label_width + width + 8}" y="{middle}" dominant-baseline="central" '
            f'fill="currentColor" font-weight="bold">{escape(text)}</text></g>'
        )
    parts.append("</svg>")
    if sources:
        parts.append(f"<figcaption>{escape(sources)}</figcaption>")
    parts.append("</figure>")
    # One line per element and no blank line: Python-Markdown keeps it as one raw HTML block.
    return "\n".join(parts)
