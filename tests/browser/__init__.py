"""Real-browser tests of the reader's site (a package, so its conftest does not shadow tests/conftest.py)."""
