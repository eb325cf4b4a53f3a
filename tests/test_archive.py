"""The offline archive's entries made while pages are built: the same archive, whoever made them."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from mdgettext import archive_helper
from mdgettext.archive import ArchiveEntry, archive_entry, build_archive
from mdgettext.archive_helper import PageArchiver
from mdgettext.workspace import Workspace
from support import ROOT, copy_project, mkdocs_build

FILES = [
    ("index.html", b'<a href="pl/">pl</a>'),
    ("pl/index.html", '<a href="../">en</a> żółw'.encode()),
    ("search/search_index.json", b'{"docs": [{"location": "pl/#a"}]}'),
]


def _contents(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        assert zipped.testzip() is None
        return {info.filename: zipped.read(info) for info in zipped.infolist()}


def test_an_entry_made_ahead_from_the_same_bytes_is_what_the_archive_holds() -> None:
    plain = build_archive(FILES)
    ahead = {relative: archive_entry(relative, data) for relative, data in FILES}
    reused: set[str] = set()
    assert build_archive(FILES, prepared=ahead, reused=reused) == plain
    assert reused == {relative for relative, _ in FILES}


def test_an_entry_made_from_other_bytes_is_not_used() -> None:
    # Made from the page before a later plugin changed it: the file on disk is what the archive must hold.
    stale = archive_entry("index.html", b'<a href="de/">de</a>')
    reused: set[str] = set()
    archive = build_archive(FILES, prepared={"index.html": stale}, reused=reused)
    assert archive == build_archive(FILES) and reused == set()
    # And a used entry really is used as it is (here one forged to say so).
    other = archive_entry("index.html", b"forged")
    data = FILES[0][1]
    forged = ArchiveEntry(len(data), zlib.crc32(data), other.size, other.crc, other.compressed)
    assert _contents(build_archive(FILES, prepared={"index.html": forged}))[
        "release-now-site/index.html"
    ] == b"forged"


@pytest.mark.slow
def test_entries_are_plain_deflate_the_size_zlib_gave(real_site: Path) -> None:
    """libdeflate makes the entries (archive.py): any unzip must read them, and readers who download the
    archive must not pay for the faster compressor with a bigger file than zlib's level 6 gave (within
    0.1%: libdeflate's level 7 is 0.01% over it on these pages, its level 6 0.5%)."""
    pages = sorted(real_site.rglob("*.html"))
    ours = zlib_size = 0
    for path in pages:
        entry = archive_entry(path.relative_to(real_site).as_posix(), path.read_bytes())
        offline = zlib.decompress(entry.compressed, -15)
        assert zlib.crc32(offline) == entry.crc and len(offline) == entry.size
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        zlib_size += len(compressor.compress(offline) + compressor.flush())
        ours += len(entry.compressed)
    assert len(pages) > 20 and ours <= zlib_size * 1.001


@pytest.mark.parametrize("background", [True, False])
def test_page_entries_are_made_from_what_mkdocs_writes(background: bool) -> None:
    pages = {
        "index.html": '<a href="pl/">pl</a>',
        "pl/index.html": "<p>żółw</p>" * 5000,  # more than one batch to the helper
        "de/index.html": "<p>a lone surrogate \udc80 becomes a character reference</p>",
    }
    archiver = PageArchiver(background=background)
    for relative, html in pages.items():
        archiver.add(relative, html)
    entries = archiver.entries()
    archiver.close()
    written = {relative: html.encode("utf-8", errors="xmlcharrefreplace") for relative, html in pages.items()}
    assert entries == {relative: archive_entry(relative, data) for relative, data in written.items()}


BIG_PAGE = "<p>x</p>" * (archive_helper._BATCH_CHARS // 8 + 1)  # one page fills a batch for the helper


@pytest.mark.parametrize("executable", ["/bin/false", "/nonexistent/python", None])
def test_a_helper_that_cannot_run_leaves_the_entries_to_the_end(
    monkeypatch: pytest.MonkeyPatch, executable: str | None
) -> None:
    monkeypatch.setattr(sys, "executable", executable)
    archiver = PageArchiver(background=True)
    for n in range(5):
        archiver.add(f"{n}.html", BIG_PAGE)
    helper = archiver._helper
    if helper is not None:  # it started, then stopped reading: later pages are not queued to wait in memory
        helper.stopped.wait(10)
        archiver.add("late.html", BIG_PAGE)
        assert helper.outbox.qsize() <= 1
    entries = archiver.entries()
    assert set(entries) <= {f"{n}.html" for n in range(5)}  # what it did not make is made at the end
    archiver.close()


def test_a_site_smaller_than_a_batch_starts_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a helper was started for a few small pages")

    monkeypatch.setattr(archive_helper, "HelperProcess", refuse)
    archiver = PageArchiver(background=True)
    archiver.add("index.html", "<p>x</p>")
    assert archiver.entries() == {"index.html": archive_entry("index.html", b"<p>x</p>")}


def test_each_config_load_gets_its_own_plugin() -> None:
    """MkDocs keeps a plugin with ``on_startup`` for the whole process, whatever project is loaded next: a
    second build (another project, a ``mkdocs serve`` rebuild) would then keep the first one's allow-list
    and options. The plugin has none."""
    from mkdocs.config import load_config

    first = load_config(str(ROOT / "mkdocs.yml"))
    second = load_config(str(ROOT / "mkdocs.yml"))
    assert first.plugins["mdgettext"] is not second.plugins["mdgettext"]


def test_the_helper_does_not_run_the_callers_script_again(tmp_path: Path) -> None:
    """``multiprocessing``'s spawn would import the caller's ``__main__``: a build script without a guard
    would build twice. The helper runs only the archiver."""
    runs = tmp_path / "runs.txt"
    script = tmp_path / "build_script.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / 'scripts')!r})\n"
        "from mdgettext.archive_helper import PageArchiver\n"
        f"open({str(runs)!r}, 'a').write('run\\n')\n"
        "archiver = PageArchiver(background=True)\n"
        "archiver.add('index.html', '<a href=\"pl/\">x</a>')\n"
        "print(len(archiver.entries()))\n",
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "1"
    assert runs.read_text(encoding="utf-8") == "run\n"


def _written_by_the_build(project: Path, site: Path) -> list[Path]:
    """Pages, 404 pages, each language's search index and the sitemap: everything but the theme's assets."""
    written = [
        path for path in site.rglob("*")
        if path.suffix == ".html" or path.name in ("search_index.json", "search_index.js", "sitemap.xml")
    ]
    languages = len(Workspace(project).config.languages)
    assert len([path for path in written if path.name == "404.html"]) == languages
    assert len([path for path in written if path.name == "search_index.js"]) == languages
    return written


def _debug_counts(text: str) -> tuple[int, int]:
    found = re.search(r"offline archive: (\d+) entries made while pages were built, of (\d+) made then", text)
    assert found, text
    return int(found.group(1)), int(found.group(2))


@pytest.mark.slow
def test_every_page_of_a_sequential_build_is_compressed_while_it_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site", verbose=True)
    written = _written_by_the_build(project, tmp_path / "site")
    assert _debug_counts(result.stdout + result.stderr) == (len(written), len(written))


@pytest.mark.slow
def test_every_page_of_a_parallel_build_is_compressed_by_its_worker(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mdgettext.build import build_site

    project = copy_project(tmp_path / "project")
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.mdgettext"):
        build_site(project / "mkdocs.yml", tmp_path / "site", jobs=2, strict=True)
    written = _written_by_the_build(project, tmp_path / "site")
    assert _debug_counts(caplog.text) == (len(written), len(written))


def test_the_site_is_listed_as_path_rglob_lists_it(tmp_path: Path) -> None:
    """Hidden files and links to files are archived; links to folders, dangling links, links in a loop or
    through a file are skipped, not fatal (MkDocs keeps hidden entries, a .git say, in the site folder)."""
    from mdgettext.reader import _site_files

    site = tmp_path / "site"
    (site / "pl" / "x").mkdir(parents=True)
    (site / "index.html").write_text("home")
    (site / ".nojekyll").write_text("")
    (site / "pl" / "x" / "index.html").write_text("pl")
    (site / "file-link").symlink_to(site / "index.html")
    (site / "folder-link").symlink_to(site / "pl")
    (site / "dangling").symlink_to(site / "nowhere")
    (site / "loop").symlink_to(site / "loop")
    (site / "through-a-file").symlink_to(site / "index.html" / "child")
    expected = sorted((path.relative_to(site).as_posix(), path.read_bytes())
                      for path in site.rglob("*") if path.is_file())
    assert sorted(_site_files(str(site))) == expected
    assert [name for name, _ in expected] == [".nojekyll", "file-link", "index.html", "pl/x/index.html"]
