"""The ``mdgettext`` command: the only module that prints or exits.

Exit codes: 0 success; 1 the command worked but found problems (failed checks, a language below its
threshold); 2 bad input (a malformed catalog, a broken mkdocs.yml, a wrong argument), nothing written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .config import ConfigError
from .figures import FiguresError
from .pofile import CatalogError
from .workspace import Workspace

if TYPE_CHECKING:
    from .stats import CatalogStats

# Modules only some commands use (stats with rapidfuzz, json, subprocess) are imported by those commands:
# every import is paid on each run, and extract, the command run most, needs none of them.

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2


def _languages(workspace: Workspace, asked: Sequence[str] | None, *, targets_only: bool = False) -> list[str]:
    known = workspace.config.target_languages if targets_only else workspace.config.languages
    if not asked:
        return list(known)
    unknown = [lang for lang in asked if lang not in workspace.config.languages]
    if unknown:
        raise ConfigError(
            f"unknown language(s): {', '.join(unknown)}; the languages are declared in mkdocs.yml "
            f"(plugins > i18n > languages): {', '.join(workspace.config.languages)}"
        )
    return list(asked)


def cmd_extract(workspace: Workspace, args: argparse.Namespace) -> int:
    changed = workspace.extract_templates(jobs=args.jobs)
    _report_changed(workspace, changed, "templates")
    return EXIT_OK


def cmd_update(workspace: Workspace, args: argparse.Namespace) -> int:
    from .merge import SimilarTexts

    templates = workspace.build_templates()
    languages = _languages(workspace, args.lang)
    # Read every catalog first: one malformed file stops the command before anything is written. The parsed
    # catalogs are kept for update_language (it only reads them), so nothing is parsed twice.
    workspace.catalog_memo = {}
    for language in languages:
        workspace.read_language(language)
    changed = workspace.write_templates(templates)
    similar = SimilarTexts()
    for language in languages:
        changed += workspace.update_language(language, templates, similar)
    _report_changed(workspace, changed, "templates and catalogs")
    return EXIT_OK


def _report_changed(workspace: Workspace, changed: list[Path], what: str) -> None:
    if not changed:
        print(f"{what}: up to date")
    for path in changed:
        print(f"wrote {workspace.relative(path)}")


def _language_stats(workspace: Workspace, language: str) -> list[CatalogStats]:
    from .stats import catalog_stats

    catalogs = workspace.read_language(language)
    domains = set(workspace.domains())  # once: each call walks docs/ (quadratic in pages inside the loop)
    return [
        catalog_stats(language, domain, catalog)
        for domain, catalog in sorted(catalogs.items())
        if domain in domains
    ]


def cmd_stats(workspace: Workspace, args: argparse.Namespace) -> int:
    import json

    from .stats import total

    rows = {
        language: _language_stats(workspace, language)
        for language in _languages(workspace, args.lang, targets_only=True)
    }
    if args.json:
        print(
            json.dumps(
                {
                    language: {
                        "total": _stats_json(total(language, stats)),
                        "catalogs": {item.domain: _stats_json(item) for item in stats},
                    }
                    for language, stats in rows.items()
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    header = (
        f"{'language':<9}{'catalog':<24}{'translated':>11}{'fuzzy':>7}{'untransl.':>10}{'total':>7}{'%':>8}"
    )
    print(header)
    print("-" * len(header))
    for language, stats in rows.items():
        for item in [*stats, total(language, stats)]:
            name = "= total" if item.domain == "*" else item.domain
            print(
                f"{language:<9}{name:<24}{item.translated:>11}{item.fuzzy:>7}{item.untranslated:>10}"
                f"{item.total:>7}{item.percent:>7.1f}%"
            )
    return EXIT_OK


def _stats_json(item: CatalogStats) -> dict[str, float | int]:
    return {
        "translated": item.translated,
        "fuzzy": item.fuzzy,
        "untranslated": item.untranslated,
        "total": item.total,
        "percent": item.percent,
        "words": {
            "translated": item.translated_words,
            "fuzzy": item.fuzzy_words,
            "untranslated": item.untranslated_words,
        },
    }


def cmd_todo(workspace: Workspace, args: argparse.Namespace) -> int:
    import json

    language = _languages(workspace, [args.lang])[0]
    stats = [item for item in _language_stats(workspace, language) if item.fuzzy or item.untranslated]
    # Fuzzy first: those are translations that only need a look, the quickest wins.
    stats.sort(key=lambda item: (-item.fuzzy, -(item.fuzzy_words + item.untranslated_words), item.domain))
    words_left = sum(item.fuzzy_words + item.untranslated_words for item in stats)
    if args.json:
        print(
            json.dumps(
                {
                    "language": language,
                    "words_left": words_left,
                    "catalogs": [
                        {
                            "catalog": item.domain,
                            "file": workspace.relative(workspace.catalog_file(language, item.domain)),
                            "fuzzy": item.fuzzy,
                            "fuzzy_words": item.fuzzy_words,
                            "untranslated": item.untranslated,
                            "untranslated_words": item.untranslated_words,
                        }
                        for item in stats
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    if not stats:
        print(f"{language}: nothing left to translate")
        return EXIT_OK
    print(f"{'file':<44}{'fuzzy':>7}{'words':>7}{'untransl.':>11}{'words':>7}")
    for item in stats:
        path = workspace.relative(workspace.catalog_file(language, item.domain))
        print(
            f"{path:<44}{item.fuzzy:>7}{item.fuzzy_words:>7}{item.untranslated:>11}{item.untranslated_words:>7}"
        )
    print(f"{language}: {words_left} words left")
    return EXIT_OK


def cmd_check(workspace: Workspace, args: argparse.Namespace) -> int:
    """Every translation check and the completeness gate; see the README's "Checks" section."""
    from .audit import run_checks
    from .report import badge_svg, format_github, format_json, format_summary, format_text

    languages = _languages(workspace, args.lang)
    result = run_checks(workspace, languages, [Path(name) for name in args.files] or None)
    if args.format == "json":
        print(format_json(result.findings, result.stats, result.thresholds), end="")
    elif args.format == "github":
        print(format_github(result.findings), end="")
        print(format_text([], result.stats, result.thresholds), end="")
    else:
        print(format_text(result.findings, result.stats, result.thresholds), end="")
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as stream:
            stream.write(format_summary(result.findings, result.stats, result.thresholds))
    if args.badges:
        folder = Path(args.badges)
        folder.mkdir(parents=True, exist_ok=True)
        for language, item in result.stats.items():
            (folder / f"{language}.svg").write_text(
                badge_svg(language, item.percent, result.thresholds.get(language)), encoding="utf-8"
            )
    if result.bad_input:
        return EXIT_BAD_INPUT
    return EXIT_PROBLEMS if result.errors else EXIT_OK


def cmd_serve(workspace: Workspace, args: argparse.Namespace) -> int:
    import subprocess

    language = _languages(workspace, [args.lang])[0]
    env = dict(os.environ, PREVIEW_LANGUAGE=language)
    # Not strict: a translation rejected mid-edit is a warning, and the preview must keep showing the page.
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", args.address]
    print(f"serving only '{language}' at http://{args.address}/ ; saving a .po re-renders it", flush=True)
    if os.name != "posix":
        return subprocess.call(command, cwd=workspace.root, env=env)
    # Become the server (no parent left between it and the terminal): a SIGTERM from an editor, a test or
    # a service manager stops it, where it would have stopped only this process and left mkdocs serving.
    os.chdir(workspace.root)
    os.execve(sys.executable, command, env)


def cmd_build(workspace: Workspace, args: argparse.Namespace) -> int:
    """Every language built in parallel processes; the same files as ``mkdocs build`` (see build.py)."""
    import logging
    import time

    from mkdocs.exceptions import Abort

    from .build import SiteDirError, build_site

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(name)s: %(message)s")
    site_dir = args.site_dir or workspace.root / "site"
    start = time.perf_counter()
    try:
        tasks = build_site(
            workspace.root / "mkdocs.yml", site_dir, jobs=args.jobs, strict=True if args.strict else None
        )
    except Abort as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except SiteDirError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    languages = sorted({task.language for task in tasks})
    print(
        f"built {', '.join(languages)} into {site_dir} in {time.perf_counter() - start:.1f} s "
        f"({len(tasks)} tasks, {args.jobs or os.cpu_count()} processes)"
    )
    return EXIT_OK


def cmd_pseudo(workspace: Workspace, args: argparse.Namespace) -> int:
    """Fill one language's catalogs with pseudo translations (meant for a throwaway copy or language)."""
    from .catalogs import page_domain
    from .pofile import format_po
    from .pseudo import fill_catalog, real_translations
    from .segments import link_labels
    from .workspace import write_if_changed

    language = _languages(workspace, [args.lang], targets_only=True)[0]
    if language not in workspace.config.target_languages:
        raise ConfigError(f"{language} is the source language; pick a target language")
    real = sum(real_translations(catalog) for catalog in workspace.read_language(language).values())
    if real and not args.force:
        print(
            f"error: {language} holds {real} real translations that pseudo would overwrite; use a "
            f"throwaway copy of the project (make pseudo does), or pass --force.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    templates = workspace.build_templates()
    changed = workspace.write_templates(templates) + workspace.update_language(language, templates)
    labels = {page_domain(page): link_labels(workspace.read_page(page)) for page in workspace.pages()}
    for domain, path in workspace.catalog_files(language):
        if domain not in templates:
            continue
        catalog = workspace.read_catalog(path, language)
        fill_catalog(catalog, labels.get(domain, ()))
        if write_if_changed(path, format_po(catalog)) and path not in changed:
            changed.append(path)
    _report_changed(workspace, changed, f"{language} pseudo catalogs")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mdgettext", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "-C", "--project", type=Path, default=None, help="project folder (default: find mkdocs.yml)"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="write the templates (locales/templates/*.pot) from docs/")
    extract.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        help="worker processes (default: one per CPU above 50 pages, else 1)",
    )
    extract.set_defaults(run=cmd_extract)

    update = commands.add_parser("update", help="extract, then update every language's catalogs")
    update.add_argument("--lang", action="append", help="only this language (repeatable)")
    update.set_defaults(run=cmd_update)

    stats = commands.add_parser("stats", help="translated / fuzzy / untranslated, per language and catalog")
    stats.add_argument("--lang", action="append", help="only this language (repeatable)")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    stats.set_defaults(run=cmd_stats)

    todo = commands.add_parser("todo", help="what is left to translate in one language, fuzzy first")
    todo.add_argument("lang")
    todo.add_argument("--json", action="store_true", help="machine-readable output")
    todo.set_defaults(run=cmd_todo)

    serve = commands.add_parser("serve", help="live preview of one language (re-renders when a .po is saved)")
    serve.add_argument("lang")
    serve.add_argument("--address", default="127.0.0.1:8000")
    serve.set_defaults(run=cmd_serve)

    build = commands.add_parser("build", help="every language in parallel processes (mkdocs build's files)")
    build.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: one per CPU)")
    build.add_argument("-d", "--site-dir", type=Path, default=None, help="output folder (default: site/)")
    build.add_argument("--strict", action="store_true", help="abort on warnings (default: as in mkdocs.yml)")
    build.set_defaults(run=cmd_build)

    pseudo = commands.add_parser(
        "pseudo", help="fill a language's catalogs with pseudo translations (⟦Ŧéẋŧ⟧)"
    )
    pseudo.add_argument("lang")
    pseudo.add_argument("--force", action="store_true", help="overwrite real translations too")
    pseudo.set_defaults(run=cmd_pseudo)

    check = commands.add_parser(
        "check", help="translation checks and the completeness gate (exit 1 on errors)"
    )
    check.add_argument("files", nargs="*", help="only these catalogs (.po); default: every catalog")
    check.add_argument("--lang", action="append", help="only this language (repeatable)")
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json, or github (workflow annotations)",
    )
    check.add_argument(
        "--summary", metavar="PATH", help="append a Markdown summary (e.g. $GITHUB_STEP_SUMMARY)"
    )
    check.add_argument("--badges", metavar="DIR", help="write an SVG completeness badge per language")
    check.set_defaults(run=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        workspace = Workspace(args.project) if args.project else Workspace.find()
        return int(args.run(workspace, args))
    except CatalogError as error:
        print(f"error: {error}", file=sys.stderr)
        print("nothing was written.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (ConfigError, FiguresError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        print("nothing was written.", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
