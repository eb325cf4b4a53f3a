"""Headless Debian chromium driven by Playwright (the wheel's own driver; no browser download).

Browser tests skip only when chromium is missing and CI is unset; in CI (`make test`, `.ci/run`)
scripts/install-system-deps.sh installs chromium and `npm ci` installs axe-core, so they always run.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
#: Where the sites are served: under a sub-path, as a mirror would put them.
MOUNT = "mirror/release-now"


def _need_browser() -> None:
    if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
        pytest.skip("chromium is not installed (make system-deps); CI installs it and runs these tests")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve(root: Path, mount: str = MOUNT) -> Iterator[str]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{mount + '/' if mount else ''}"
    finally:
        server.shutdown()
        server.server_close()


def _mounted(site: Path, tmp: Path) -> Path:
    target = tmp / MOUNT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(site, target_is_directory=True)
    return tmp


@pytest.fixture(scope="session")
def served_site(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site over HTTP at a sub-path: the URL of its root (ends with /)."""
    yield from _serve(_mounted(real_site, tmp_path_factory.mktemp("www")))


@pytest.fixture(scope="session")
def served_partial(partial_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(_mounted(partial_site, tmp_path_factory.mktemp("www-partial")))


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = HERE / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        if os.environ.get("CI"):
            raise AssertionError("axe-core is missing: run `npm ci` in tests/browser (make setup-dev does)")
        pytest.skip("axe-core is not installed: npm ci --prefix tests/browser")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def served_root(real_site: Path) -> Iterator[str]:
    """The real site at the server's root: how 404.html (absolute paths, from site_url) is served."""
    yield from _serve(real_site, mount="")
