"""The ``check`` command's reading side: load the project, run every check, compute the completeness gate.

``checks`` is pure and judges entries and catalogs handed to it; this module fetches them through
``Workspace`` (the only file access), turns a malformed catalog into a ``po-syntax`` finding instead of
stopping at the first one, and returns one ``CheckResult`` that ``report`` formats. It never prints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .cache import (
    TRANSLATED,
    USABLE,
    ResultCache,
    translated_in,
    translated_keys_to_json,
    usable_question,
    usable_to_json,
)
from .checks import (
    ERROR,
    WARNING,
    Finding,
    Usable,
    check_catalog_and_usable,
    check_catalog_sync,
    check_template_sync,
    check_thresholds,
    parse_allowlist,
)
from .config import ConfigError, ProjectConfig
from .languages import nplurals
from .merge import build_memory
from .pofile import CatalogError
from .stats import CatalogStats, catalog_stats, total
from .workspace import Workspace

__all__ = ["ALLOWLIST_FILE", "CheckResult", "read_allowlist", "run_checks"]

#: Per language, localized URLs a translation may use in place of the source's (checks.parse_allowlist).
ALLOWLIST_FILE = "allowed-urls.yml"


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    #: Completeness per checked language (all its page catalogs and the site catalog together).
    stats: dict[str, CatalogStats] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    catalogs_checked: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == WARNING]

    @property
    def bad_input(self) -> bool:
        """A catalog could not even be read: the checks below it are incomplete."""
        return any(finding.check_id == "po-syntax" for finding in self.findings)


def read_allowlist(workspace: Workspace) -> dict[str, tuple[tuple[str, str], ...]]:
    path = workspace.root / workspace.config.locales_dir / ALLOWLIST_FILE
    if not path.exists():
        return {}
    try:
        return parse_allowlist(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError) as error:
        raise ConfigError(f"{workspace.relative(path)}: {error}") from None


def _syntax_finding(error: CatalogError, fallback: str) -> Finding:
    path = getattr(error, "path", fallback) or fallback
    line = int(getattr(error, "line", 0) or 0)
    message = str(getattr(error, "message", "") or error)
    hint = str(getattr(error, "hint", "") or "") or "fix the line named; `msgfmt --check-format FILE` agrees"
    return Finding(str(path), line, "", "po-syntax", ERROR, message, hint)


def _read(workspace: Workspace, path: Path, findings: list[Finding]) -> tuple[polib.POFile | None, bytes]:
    """The parsed catalog (None, with a finding, when it is malformed) and the bytes it was parsed from."""
    try:
        data = workspace.catalog_bytes(path)
        return workspace.read_catalog(path, data=data), data
    except CatalogError as error:
        findings.append(_syntax_finding(error, workspace.relative(path)))
        return None, b""


def _share_with_build(
    cache: ResultCache,
    data: bytes,
    catalog: polib.POFile,
    language: str,
    file: str,
    usable: Usable,
    allowlist: dict[str, tuple[tuple[str, str], ...]],
    config: ProjectConfig,
) -> None:
    """Keep what the build would compute again from these catalog bytes (cache.py), so a build after
    ``mdgettext check`` (CI does both) neither parses nor checks it.

    Only for a header whose plural forms are the language's: the build then parses the catalog exactly as
    this check did (otherwise it must stop with its own parse error, so nothing is stored).
    """
    declared = re.match(r"\s*nplurals\s*=\s*(\d+)", catalog.metadata.get("Plural-Forms", ""))
    if declared is None or int(declared.group(1)) != nplurals(language):
        return
    question = usable_question(file, language, config.source_language, allowlist)
    cache.put(USABLE, data, question, usable_to_json(usable))
    cache.put(TRANSLATED, data, language, translated_keys_to_json(translated_in(catalog)))


def run_checks(
    workspace: Workspace, languages: Sequence[str] | None = None, files: Sequence[Path] | None = None
) -> CheckResult:
    """Every check over the chosen languages (default all) or only the given catalog files.

    With ``files`` only those catalogs are checked and the completeness gate is skipped (it judges whole
    languages); the templates are always compared with the pages, as that comparison is cheap and global.
    """
    config = workspace.config
    result = CheckResult(thresholds=dict(config.thresholds))
    findings = result.findings
    chosen = list(languages or config.languages)
    wanted = {path.resolve() for path in files} if files else None
    glossary = workspace.glossary()
    allowlist = read_allowlist(workspace)
    cache = ResultCache.for_user()

    fresh = workspace.build_templates()
    templates_dir = workspace.root / config.templates_dir
    committed: dict[str, polib.POFile | None] = dict.fromkeys(fresh)
    template_paths = {domain: config.template_path(domain) for domain in fresh}
    broken: set[str] = set()
    for path in sorted(templates_dir.rglob("*.pot")) if templates_dir.exists() else []:
        domain = path.relative_to(templates_dir).with_suffix("").as_posix()
        template_paths[domain] = workspace.relative(path)
        committed[domain] = _read(workspace, path, findings)[0]
        if committed[domain] is None:
            broken.add(domain)  # reported as po-syntax; comparing it would only repeat that
    fresh_ok = {domain: template for domain, template in fresh.items() if domain not in broken}
    committed = {domain: template for domain, template in committed.items() if domain not in broken}
    findings.extend(check_template_sync(fresh_ok, committed, template_paths))

    domains = set(workspace.domains())
    for language in chosen:
        catalogs: dict[str, polib.POFile] = {}
        paths: dict[str, str] = {domain: config.catalog_path(language, domain) for domain in fresh}
        readable = True
        for domain, path in workspace.catalog_files(language):
            paths[domain] = workspace.relative(path)
            catalog, data = _read(workspace, path, findings)
            if catalog is None:
                readable = False
                continue
            catalogs[domain] = catalog
            if wanted is not None and path.resolve() not in wanted:
                continue
            result.catalogs_checked += 1
            found, usable = check_catalog_and_usable(
                catalog, language, paths[domain], glossary, allowlist, source_language=config.source_language
            )
            findings.extend(found)
            _share_with_build(cache, data, catalog, language, paths[domain], usable, allowlist, config)
        if readable:
            selected = {
                domain: template
                for domain, template in fresh.items()
                if wanted is None or (workspace.root / paths[domain]).resolve() in wanted
            }
            memory = build_memory(catalogs.values())
            findings.extend(
                check_catalog_sync(
                    language,
                    selected,
                    {
                        domain: catalog
                        for domain, catalog in catalogs.items()
                        if wanted is None or (workspace.root / paths[domain]).resolve() in wanted
                    },
                    memory,
                    paths,
                )
            )
        if language != config.source_language:
            # A page without a catalog counts as entirely untranslated.
            result.stats[language] = total(
                language,
                [
                    catalog_stats(language, domain, catalogs.get(domain, fresh[domain]))
                    for domain in sorted(domains)
                    if domain in fresh
                ],
            )
    if wanted is None:
        gate = {language: minimum for language, minimum in config.thresholds.items() if language in chosen}
        folders = {language: f"{config.locales_dir}/{language}/LC_MESSAGES" for language in gate}
        findings.extend(check_thresholds(result.stats, gate, folders))
    findings.sort(key=lambda item: (item.file, item.line, item.check_id, item.message))
    return result
