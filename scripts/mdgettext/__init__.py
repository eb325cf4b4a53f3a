"""Markdown <-> gettext catalogs for MkDocs sites.

Data flows one way through the core modules, none of which prints or knows MkDocs:

    segments  (Markdown -> Segment list)
    catalogs  (segments of all pages -> templates / catalog entries)
    pofile    (catalog text <-> polib objects, strict and canonical)
    merge     (template + old catalogs -> updated catalog, nothing lost)
    checks    (msgid/msgstr pairs -> findings)
    stats     (catalogs -> completeness figures)
    render    (Markdown + translations -> translated Markdown)

The edges do I/O: ``workspace`` (files on disk), ``cli`` (the ``mdgettext`` command) and ``plugin`` (MkDocs).
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
