"""The offline archive: the whole built site as one deterministic zip whose links work when opened from disk.

Pure (no MkDocs, no printing; it reads no file itself). Readers who cannot reach the site, or should not be
seen reaching it, get every page in every language in one download: a directory link (``pl/``) becomes the
file it means (``pl/index.html``), and search runs from a script instead of a fetched index.

An entry can be made ahead, while the site is still being built (``archive_entry``, from a page's final
HTML); ``build_archive`` uses such an entry only if the file it is given still has the bytes the entry was
made from, and makes the entry itself otherwise. Either way the archive has the same bytes.
"""

from __future__ import annotations

import io
import json
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import deflate

from .site import search_script

__all__ = ["ARCHIVE_NAME", "ArchiveEntry", "archive_entry", "build_archive", "offline_html", "offline_index"]

ARCHIVE_NAME = "release-now-site.zip"

def _offline_url(url: str) -> str:
    """``prisoners/#x`` -> ``prisoners/index.html#x`` for relative links; anything else unchanged."""
    if not url or urlsplit(url).scheme or url.startswith(("/", "#", "//")):
        return url
    path, sep, fragment = url.partition("#")
    path, qsep, query = path.partition("?")
    if path in (".", "..") or path.endswith("/"):
        path = path.rstrip("/") + "/index.html" if path not in ("", ".") else "index.html"
        if url.startswith("./") and path == "index.html":
            path = "./index.html"
    return path + (qsep + query if qsep else "") + (sep + fragment if sep else "")


#: ``href="`` or ``src="`` (after a non-word character, as ``\b`` would say), found from the "=" on: a
#: pattern that starts with a literal is searched for by the regex engine's fast scan.
_URL_ATTRIBUTE = r"""=(?P<quote>["'])(?:(?<=\Whref=.)|(?<=\Wsrc=.))"""
#: A relative URL whose path ends in "/" (``../prisoners/#who``): the common case, rewritten by the regex
#: engine alone (a page's nav holds a link to every page, so a site has pages x pages of them).
_DIRECTORY_LINK = re.compile(
    _URL_ATTRIBUTE
    + r"""(?![A-Za-z][A-Za-z0-9+.\-]*:|/|#)(?P<path>[^"'#?\x00-\x20]*[^"'#?/\x00-\x20])/+"""
    r"""(?=(?:[#?][^"']*)?(?P=quote))"""
)
#: Rare, left to ``_offline_url``: a path "." or "..", or a URL with spaces or control characters (urlsplit
#: strips and drops some of them before it looks for a scheme).
_RARE_LINK = re.compile(
    _URL_ATTRIBUTE + r"""(?P<url>\.\.?(?:[?#][^"']*)?|[^"'\x00-\x20]*[\x00-\x20][^"']*)(?P=quote)"""
)


def offline_html(html: str) -> str:
    """Links that work from disk: a directory URL opens its ``index.html`` instead of a folder listing.

    Each ``href``/``src`` value becomes what ``_offline_url`` makes of it (a property test holds them to
    each other; unlike the single pattern this replaced, ``src=`` written inside another attribute's value
    is not taken for an attribute).
    """
    html = _DIRECTORY_LINK.sub(r"=\g<quote>\g<path>/index.html", " " + html)  # " ": a \W before any
    html = _RARE_LINK.sub(
        lambda m: "=" + m.group("quote") + _offline_url(m.group("url")) + m.group("quote"), html
    )
    return html[1:]


def offline_index(index: Mapping[str, object]) -> dict[str, object]:
    def location(value: str) -> str:
        # The home page is "" and its sections "#id": both must name the same index.html.
        return "index.html" + value if value == "" or value.startswith("#") else _offline_url(value)

    docs = [{**doc, "location": location(str(doc["location"]))} for doc in index.get("docs", [])]  # type: ignore[union-attr]
    return {**index, "docs": docs}


_FIXED_TIME = (2020, 8, 9, 0, 0, 0)  # fixed, so the same site always gives the same archive
_DOS_DATE = (_FIXED_TIME[0] - 1980) << 9 | _FIXED_TIME[1] << 5 | _FIXED_TIME[2]
_DOS_TIME = _FIXED_TIME[3] << 11 | _FIXED_TIME[4] << 5 | _FIXED_TIME[5] // 2
#: libdeflate's level 7: the size zlib's level 6 gave (+0.01% on this site's pages, -0.3% on the benchmark's
#: 1,100-page campaign) in 57% of its time. Its level 6 was 0.5% bigger here; level 8, 0.2% smaller, took 83%.
_ARCHIVE_LEVEL = 7
#: Beyond these the ZIP needs its 64-bit extensions: ``zipfile`` writes those (more slowly).
_ZIP32_ENTRIES, _ZIP32_BYTES = 0xFFFF, 0xFFFFFFFF


def _offline_file(relative: str, data: bytes) -> bytes:
    """A site file as the archive holds it: HTML and search scripts get links that work on file://."""
    if relative.endswith(".html"):
        return offline_html(data.decode("utf-8")).encode("utf-8")
    if relative.endswith("search/search_index.json"):
        index = offline_index(json.loads(data))
        return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if relative.endswith("search/search_index.js"):
        text = data.decode("utf-8").removeprefix("var __index = ").rstrip().rstrip(";")
        return search_script(offline_index(json.loads(text))).encode("utf-8")
    return data


def _deflate(data: bytes) -> tuple[int, bytes]:
    """CRC-32 and raw DEFLATE stream of one entry; other threads run meanwhile.

    libdeflate, not zlib: almost twice as fast for the same size, and its output is the same on every CPU
    for a given version (its author: no version has ever been non-deterministic; requirements/site.txt pins
    it), so the archive is the same wherever it is built. zlib-ng, also faster, differs between CPUs.
    """
    return zlib.crc32(data), bytes(deflate.deflate_compress(data, _ARCHIVE_LEVEL))  # it gives a bytearray


@dataclass(frozen=True)
class ArchiveEntry:
    """One file's record in the archive, and the size and CRC-32 of the site file it was made from."""

    source_size: int
    source_crc: int
    size: int
    crc: int
    compressed: bytes

    def made_from(self, data: bytes) -> bool:
        """Whether ``data`` is what this entry was made from (a plugin may rewrite a page after us)."""
        return self.source_size == len(data) and self.source_crc == zlib.crc32(data)


def archive_entry(relative: str, data: bytes) -> ArchiveEntry:
    """The archive's record of the site file ``relative`` holding ``data``: offline links, CRC, DEFLATE."""
    offline = _offline_file(relative, data)
    crc, compressed = _deflate(offline)
    return ArchiveEntry(len(data), zlib.crc32(data), len(offline), crc, compressed)


#: Files per job of ``build_archive``'s threads: a job per file cost more than checking a prepared entry.
_FILES_PER_JOB = 64


def _entries_for(
    files: list[tuple[str, bytes]], prepared: Mapping[str, ArchiveEntry], reused: set[str] | None
) -> list[ArchiveEntry]:
    """Each file's entry: the prepared one if it was made from these bytes, else made now."""
    entries = []
    for relative, data in files:
        entry = prepared.get(relative)
        if entry is not None and entry.made_from(data):
            if reused is not None:
                reused.add(relative)
        else:
            entry = archive_entry(relative, data)
        entries.append(entry)
    return entries


def build_archive(
    files: Iterable[tuple[str, bytes]],
    folder: str = "release-now-site",
    prepared: Mapping[str, ArchiveEntry] | None = None,
    reused: set[str] | None = None,
) -> bytes:
    """Zip the site's files (relative path, content) for opening from disk; archives and .gz are left out.

    Entries are sorted and carry a fixed timestamp, so the same site gives the same bytes. ``prepared``
    entries (by relative path) made from the same bytes are used as they are (their paths are added to
    ``reused``); the others are made, and the prepared ones checked, in threads (the compressor releases
    the GIL).
    The ZIP records are written here: ``zipfile`` compresses in the calling thread only.
    """
    chosen = [
        (relative, data)
        for relative, data in sorted(files, key=lambda item: item[0])
        if not relative.endswith((".zip", ".gz"))
    ]
    if len(chosen) >= _ZIP32_ENTRIES or sum(len(data) for _, data in chosen) >= _ZIP32_BYTES // 2:
        return _archive_with_zipfile(chosen, folder)
    prepared = prepared or {}
    out = io.BytesIO()
    central: list[bytes] = []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        jobs = [
            pool.submit(_entries_for, chosen[start : start + _FILES_PER_JOB], prepared, reused)
            for start in range(0, len(chosen), _FILES_PER_JOB)
        ]
        names = (f"{folder}/{relative}".encode() for relative, _ in chosen)
        for entry, name in zip((entry for job in jobs for entry in job.result()), names, strict=True):
            flags = 0 if name.isascii() else 0x800  # bit 11: the name is UTF-8
            offset = out.tell()
            common = struct.pack(
                "<HHHHIII", flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, entry.crc,
                len(entry.compressed), entry.size,
            )
            out.write(struct.pack("<IH", 0x04034B50, 20) + common + struct.pack("<HH", len(name), 0))
            out.write(name)
            out.write(entry.compressed)
            central.append(
                struct.pack("<IHH", 0x02014B50, 0x0314, 20)
                + common
                + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0o644 << 16, offset)
                + name
            )
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start,
                          start, 0))
    return out.getvalue()


def _archive_with_zipfile(chosen: list[tuple[str, bytes]], folder: str) -> bytes:
    """The same files through ``zipfile``, for a site too big for plain 32-bit ZIP records (compressed by
    zlib, which ``zipfile`` uses: other bytes than ``build_archive``'s own writer, the same for a given
    zlib; a zlib-ng standing in for the system's zlib may give other bytes on other CPUs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for relative, data in chosen:
            info = zipfile.ZipInfo(f"{folder}/{relative}", date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, _offline_file(relative, data), compresslevel=6)  # zlib's scale
    return buffer.getvalue()
