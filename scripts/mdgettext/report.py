"""Findings -> text for people and machines: terminal report, JSON, GitHub annotations, summary, badges.

Pure functions returning strings; ``cli`` decides where they go.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from html import escape

from .checks import CHECKS, ERROR, Finding
from .stats import CatalogStats

__all__ = ["badge_svg", "finding_line", "format_github", "format_json", "format_summary", "format_text"]


def _short(text: str, width: int = 72) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _where(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}" if finding.line else finding.file


def finding_line(finding: Finding) -> str:
    """One line naming everything: where, severity, check id, what is wrong."""
    return f"{_where(finding)}: {finding.severity} [{finding.check_id}] {finding.message}"


def _gate_rows(
    stats: Mapping[str, CatalogStats], thresholds: Mapping[str, float]
) -> list[tuple[str, str, str, str]]:
    rows = []
    for language, item in stats.items():
        minimum = thresholds.get(language)
        status = "-" if minimum is None else ("ok" if item.percent >= minimum else "below threshold")
        shown = f"{minimum:g}%" if minimum is not None else "-"
        rows.append(
            (
                language,
                f"{item.percent:.1f}% ({item.translated}/{item.total}, {item.fuzzy} fuzzy)",
                shown,
                status,
            )
        )
    return rows


def format_text(
    findings: Iterable[Finding], stats: Mapping[str, CatalogStats], thresholds: Mapping[str, float]
) -> str:
    """The terminal report: each finding with its msgid, source and fix, then completeness and a count."""
    items = list(findings)
    lines: list[str] = []
    for finding in items:
        lines.append(finding_line(finding))
        if finding.msgid:
            source = f"  ({finding.reference})" if finding.reference else ""
            lines.append(f'    msgid: "{_short(finding.msgid)}"{source}')
        lines.append(f"    fix: {finding.hint}")
    if stats:
        if lines:
            lines.append("")
        lines.append("completeness (fuzzy never counts):")
        for language, shown, minimum, status in _gate_rows(stats, thresholds):
            lines.append(f"  {language:<4} {shown:<36} threshold {minimum:<6} {status}")
    errors = sum(1 for finding in items if finding.severity == ERROR)
    warnings = len(items) - errors
    lines.append(
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        + ("" if errors else " - ok")
    )
    return "\n".join(lines) + "\n"


def format_json(
    findings: Iterable[Finding], stats: Mapping[str, CatalogStats], thresholds: Mapping[str, float]
) -> str:
    items = list(findings)
    return (
        json.dumps(
            {
                "errors": sum(1 for finding in items if finding.severity == ERROR),
                "warnings": sum(1 for finding in items if finding.severity != ERROR),
                "findings": [
                    {
                        "file": f.file,
                        "line": f.line,
                        "language": f.language,
                        "msgid": f.msgid,
                        "check": f.check_id,
                        "severity": f.severity,
                        "message": f.message,
                        "hint": f.hint,
                        "reference": f.reference,
                    }
                    for f in items
                ],
                "languages": {
                    language: {
                        "percent": item.percent,
                        "translated": item.translated,
                        "fuzzy": item.fuzzy,
                        "untranslated": item.untranslated,
                        "total": item.total,
                        "threshold": thresholds.get(language),
                        "passed": language not in thresholds or item.percent >= thresholds[language],
                    }
                    for language, item in stats.items()
                },
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Iterable[Finding]) -> str:
    """Workflow commands: each finding becomes an annotation on the catalog line in the pull request."""
    lines = []
    for finding in findings:
        level = "error" if finding.severity == ERROR else "warning"
        properties = [f"file={_escape_property(finding.file)}"]
        if finding.line:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_escape_property(f'mdgettext {finding.check_id}')}")
        body = finding.message
        if finding.msgid:
            body += f'\nmsgid: "{_short(finding.msgid)}"'
        body += f"\nfix: {finding.hint}"
        lines.append(f"::{level} {','.join(properties)}::{_escape_data(body)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _cell(text: str) -> str:
    return escape(" ".join(text.split()), quote=False).replace("|", "\\|")


def format_summary(
    findings: Iterable[Finding],
    stats: Mapping[str, CatalogStats],
    thresholds: Mapping[str, float],
    *,
    limit: int = 100,
) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: completeness per language, then the findings as a table."""
    items = list(findings)
    errors = sum(1 for finding in items if finding.severity == ERROR)
    out = ["## Translation checks", ""]
    out.append(
        f"**{errors} error{'s' * (errors != 1)}, {len(items) - errors} warning"
        f"{'s' * (len(items) - errors != 1)}**" + (" - ok" if not errors else "")
    )
    out.append("")
    if stats:
        out += ["| language | translated | threshold | status |", "|---|---|---|---|"]
        for language, shown, minimum, status in _gate_rows(stats, thresholds):
            mark = {"ok": "✅ ok", "below threshold": "❌ below threshold"}.get(status, status)
            out.append(f"| {language} | {shown} | {minimum} | {mark} |")
        out.append("")
    if items:
        out += ["| where | check | problem | msgid | fix |", "|---|---|---|---|---|"]
        for finding in items[:limit]:
            icon = "❌" if finding.severity == ERROR else "⚠️"
            out.append(
                f"| `{_cell(_where(finding))}` | {icon} `{finding.check_id}` | {_cell(finding.message)} "
                f"| {_cell(_short(finding.msgid, 60))} | {_cell(finding.hint)} |"
            )
        if len(items) > limit:
            out.append(f"\n… and {len(items) - limit} more: run `mdgettext check` locally.")
        out.append("")
    known = ", ".join(f"`{check}`" for check in CHECKS)
    out.append(f"<details><summary>check ids</summary>\n\n{known}\n</details>\n")
    return "\n".join(out)


def _text_width(text: str) -> int:
    """Approximate width of Verdana 11px, the badge convention, so labels fit their boxes."""
    return (
        int(sum(4.5 if ch in "ilI.:,;|!' " else 8.5 if ch.isupper() or ch in "%mwMW" else 6.8 for ch in text))
        + 10
    )


def badge_svg(language: str, percent: float, threshold: float | None = None) -> str:
    """A flat completeness badge: green at or above the threshold (or 100%), amber from 75%, red below."""
    goal = threshold if threshold is not None else 100.0
    color = "#2ea44f" if percent >= goal else "#dfb317" if percent >= 75 else "#e05d44"
    label, value = (
        f"translated {language}",
        f"{percent:.0f}%" if percent == int(percent) else f"{percent:.1f}%",
    )
    left, right = _text_width(label), _text_width(value)
    width = left + right
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{escape(label)}: {escape(value)}">'
        f"<title>{escape(label)}: {escape(value)}</title>"
        f'<rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{color}"/>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2:.1f}" y="14">{escape(label)}</text>'
        f'<text x="{left + right / 2:.1f}" y="14">{escape(value)}</text>'
        f"</g></svg>\n"
    )
