"""Results about one catalog, kept on disk between builds, keyed by everything that decides them.

Checking a catalog renders every msgid and msgstr with Python-Markdown; on a site of a thousand pages that
is most of what the translation step costs, and almost every catalog is the same as at the last build. A
result is stored under a hash of the catalog's bytes, the question asked (file, language, allow-list, ...)
and a fingerprint of the code that answers it (this package's sources, Python's and the libraries'
versions), so a stale answer can never be read: a changed byte anywhere gives a new key.

The answers are what the build publishes without checking again, so they live outside the project, in the
user's cache folder (``$XDG_CACHE_HOME/mdgettext``, else ``~/.cache/mdgettext``; ``MDGETTEXT_CACHE_DIR``
moves it): a file committed to the repository can never be taken for a checked answer. An answer is a
pure function of its key, so projects and checkouts may share them.

This is an edge module (it reads and writes files); what it stores is plain JSON, never pickle. A damaged
or unreadable entry is a miss, a failed write is ignored: the cache makes a build faster, never different.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import re
import shutil
import sys
import unicodedata
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import polib

from .checks import Finding, Usable, usable_entries
from .merge import is_translated

__all__ = [
    "ResultCache",
    "checked_translations",
    "code_fingerprint",
    "translated_in",
    "translated_keys",
    "translated_keys_from_json",
    "translated_keys_to_json",
    "usable_from_json",
    "usable_question",
    "usable_to_json",
]

#: A version folder's name: the first 16 hex digits of the fingerprint.
_VERSION_NAME = re.compile(r"[0-9a-f]{16}")
#: Libraries whose behaviour the checks depend on (rendering, number symbols, parsing).
_LIBRARIES = ("markdown", "pymdown-extensions", "babel", "polib", "rapidfuzz")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of this package's source files and of the versions of the libraries the checks use."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"python={sys.version}\0unicode={unicodedata.unidata_version}\0".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()


class ResultCache:
    """A folder of JSON answers; ``folder=None`` is a cache that never hits (and never writes).

    ``MDGETTEXT_CACHE=0`` in the environment turns it off (a cold build, for benchmarks and doubts).
    """

    @classmethod
    def for_user(cls) -> ResultCache:
        """The user's cache (see the module's docstring), or none with ``MDGETTEXT_CACHE=0``."""
        if os.environ.get("MDGETTEXT_CACHE", "1") == "0":
            return cls(None)
        folder = os.environ.get("MDGETTEXT_CACHE_DIR")
        if not folder:
            base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
            folder = str(Path(base) / "mdgettext")
        return cls(Path(folder))

    def __init__(self, folder: Path | None, fingerprint: str | None = None) -> None:
        self.folder = folder
        self.fingerprint = fingerprint if fingerprint is not None else code_fingerprint()
        #: One subfolder per version of the code: answers of other versions can never be read again.
        self.version_folder = folder / self.fingerprint[:16] if folder is not None else None
        if self.version_folder is not None and not self.version_folder.is_dir():
            self._drop_other_versions()

    def _drop_other_versions(self) -> None:
        """Delete the answers of earlier versions of the code, so the folder does not grow with every edit.

        Only folders named as this class names them (16 hex digits) are touched, whatever else is there.
        """
        assert self.folder is not None and self.version_folder is not None
        try:
            old = [
                path
                for path in self.folder.iterdir()
                if _VERSION_NAME.fullmatch(path.name) and path.is_dir() and not path.is_symlink()
                and path != self.version_folder
            ]
        except OSError:
            return
        for path in old:
            shutil.rmtree(path, ignore_errors=True)

    def _path(self, kind: str, data: bytes, question: str) -> str | None:
        """The answer's file (a string: a build asks thousands of times, and a Path costs more to make)."""
        if self.version_folder is None:
            return None
        digest = hashlib.sha256()
        for part in (self.fingerprint.encode(), kind.encode(), question.encode(), data):
            digest.update(len(part).to_bytes(8, "big") + part)
        key = digest.hexdigest()
        return f"{self.version_folder}{os.sep}{kind}{os.sep}{key[:2]}{os.sep}{key}.json"

    def get(self, kind: str, data: bytes, question: str) -> Any | None:
        """The stored answer to ``question`` about ``data``, or None."""
        path = self._path(kind, data, question)
        if path is None:
            return None
        try:
            with open(path, "rb") as stream:
                return json.loads(stream.read())
        except (OSError, ValueError):
            return None

    def put(self, kind: str, data: bytes, question: str, answer: Any) -> None:
        """Store an answer, written in place: no temp file and rename, which cost more than the write.

        A reader that sees a half-written file gets a miss (a prefix of a JSON object or array is never
        valid JSON), and two writers of one key write the same bytes. A file that already holds them is
        left alone: ``mdgettext check`` stores every catalog's answers on each run, and rewriting thousands
        of unchanged files cost more than reading them (file systems journal each truncation).
        """
        path = self._path(kind, data, question)
        if path is None:
            return
        encoded = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            with open(path, "rb") as stream:
                if stream.read() == encoded:
                    return
        except OSError:
            pass  # not stored yet (or unreadable): write it
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as stream:
                stream.write(encoded)
        except OSError:
            pass  # a read-only or full disk makes the next build slower, not wrong


def usable_to_json(usable: Usable) -> dict[str, Any]:
    return {
        "singular": [[context, msgid, msgstr] for (context, msgid), msgstr in usable.singular.items()],
        "plural": [[context, msgid, forms] for (context, msgid), forms in usable.plural.items()],
        "rejected": [dataclasses.asdict(finding) for finding in usable.rejected],
    }


def usable_from_json(data: Any) -> Usable | None:
    """The stored answer, or None when there is none or it is not one this version wrote."""
    if data is None:
        return None
    try:
        return Usable(
            {(context, msgid): msgstr for context, msgid, msgstr in data["singular"]},
            {(context, msgid): list(forms) for context, msgid, forms in data["plural"]},
            [Finding(**finding) for finding in data["rejected"]],
        )
    except (KeyError, TypeError, ValueError):
        return None


# -- the questions and answers the build and ``mdgettext check`` share ------------------------------------
#: Kind of answer: the catalog's checked translations (``checks.Usable``).
USABLE = "usable"
#: Kind of answer: (msgctxt, msgid) of its translated entries, for the coverage of each page.
TRANSLATED = "translated"


def usable_question(file: str, language: str, source_language: str, allowlist: Any) -> str:
    """Everything besides the catalog's bytes and the code that decides which translations are usable.

    Findings name the file, so two catalogs with the same bytes do not share an answer.
    """
    return json.dumps([file, language, source_language, allowlist], sort_keys=True)


def translated_in(catalog: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in catalog if is_translated(entry)}


def translated_keys_to_json(keys: set[tuple[str | None, str]]) -> list[list[str | None]]:
    return [list(key) for key in sorted(keys, key=lambda key: (key[0] is not None, key[0] or "", key[1]))]


def translated_keys_from_json(data: Any) -> set[tuple[str | None, str]] | None:
    if not isinstance(data, list) or not all(isinstance(key, list) and len(key) == 2 for key in data):
        return None
    return {(context, msgid) for context, msgid in data}


#: What ``Path.exists()`` takes for "no such file" (a folder in the way, a link loop): no catalog, no error.
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


# -- what the build asks of one catalog, through the cache (the plugin and its helper, ahead.py) -----------
def checked_translations(
    workspace: Any, cache: ResultCache, path: Path, language: str, allowlist: Any
) -> Usable:
    """The catalog's translations that pass every error-level check (``checks.usable_entries``), cached.

    ``workspace`` reads and parses the file (workspace.py); the answer is about exactly the bytes read.
    """
    source_language = workspace.config.source_language
    data = workspace.catalog_bytes(path)
    file = workspace.relative(path)
    question = usable_question(file, language, source_language, allowlist)
    usable = usable_from_json(cache.get(USABLE, data, question))
    if usable is None:
        catalog = workspace.read_catalog(path, language, data)
        usable = usable_entries(catalog, language, file, allowlist, source_language=source_language)
        cache.put(USABLE, data, question, usable_to_json(usable))
    return usable


def translated_keys(
    workspace: Any, cache: ResultCache, path: Path, language: str
) -> set[tuple[str | None, str]]:
    """(msgctxt, msgid) of the catalog's translated entries (fuzzy never counts), cached; none if no file."""
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as error:
        if error.errno in _MISSING:
            return set()
        data = workspace.catalog_bytes(path)  # raises the error that names the file
    except ValueError:  # a name the system cannot hold (a NUL): no such file, as Path.exists() says
        return set()
    keys = translated_keys_from_json(cache.get(TRANSLATED, data, language))
    if keys is None:
        keys = translated_in(workspace.read_catalog(path, language, data))
        cache.put(TRANSLATED, data, language, translated_keys_to_json(keys))
    return keys
