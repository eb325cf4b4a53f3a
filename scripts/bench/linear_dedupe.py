"""``mkdocs`` with static-i18n's search deduplication swapped for mdgettext's linear one, nothing else.

static-i18n compares every English search entry with every other language's at the end of a build: about
4 s at 1,100 pages, and the one part of its build that grows faster than the site. The mdgettext plugin
replaces it with :func:`mdgettext.site.dedupe_search_entries` (same result, tests/test_build.py), so a build
with the plugin no longer pays it. To measure what the translation step itself adds, the benchmark also
times static-i18n alone with the same replacement: this command.

Run as ``python -m bench.linear_dedupe build -f CONFIG -d SITE`` (a process of its own: it replaces a method).
"""

from __future__ import annotations

from typing import Any


def main() -> None:
    from mkdocs.__main__ import cli
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    from mdgettext.site import dedupe_search_entries

    def linear(self: Any, entries: list[dict[str, Any]]) -> None:
        dedupe_search_entries(entries, self.build_languages)

    ExtendedPlugin.reconfigure_search_duplicates = linear  # type: ignore[method-assign]
    cli(prog_name="mkdocs")


if __name__ == "__main__":
    main()
