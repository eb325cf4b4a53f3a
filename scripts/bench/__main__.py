"""``python -m bench`` (with ``scripts`` on the path; ``make bench`` does that)."""

import sys

from .run import main

sys.exit(main())
