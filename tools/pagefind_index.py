"""The search index's former entry point, kept for `python -m tools.pagefind_index` and for
scripts that import it: the code is the package tools/search/ (see its __init__.py)."""

import sys

from tools.search import PagefindError, index, main

__all__ = ["PagefindError", "index", "main"]

if __name__ == "__main__":
    sys.exit(main())
