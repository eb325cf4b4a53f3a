#!/bin/sh
# git textconv for catalogs: drop `#:` reference lines and header dates, so `git diff` shows only the
# changes a translator or an author made. Installed by `make git-setup`.
exec sed -e '/^#: /d' -e '/^"POT-Creation-Date: /d' -e '/^"PO-Revision-Date: /d' "$1"
