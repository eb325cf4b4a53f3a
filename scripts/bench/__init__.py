"""Benchmark of the mdgettext pipeline against its peers (``python -m bench``, ``make bench``).

Kept outside the ``mdgettext`` package on purpose: the peers (mdpo, Translate Toolkit, Babel's CLI, po4a,
GNU gettext) are installed in a separate environment (``.bench/venv``) and only ever run as subprocesses, so
nothing here becomes a runtime or test dependency of the tool.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
