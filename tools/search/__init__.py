"""Search indexing: Pagefind run on the built site, made deterministic, cached, merged from
parts on large sites, with the Vietnamese word list. One module per concern:

- index.py: the entry point `index(site, cache=...)` (tools/build.py) and the command line;
- run.py: running the Pagefind binary of `pagefind[bin]`, its version, its errors;
- scan.py: one reading of the pages: cache key, --glob, the parts of a large site;
- bundle.py: Pagefind's bundle format (the only module that knows it) and the supported
  versions;
- determinism.py: the same bytes from run to run;
- lexicon.py: `tieng-viet.json`, the site's words with their diacritics;
- cache.py: bundles kept between builds;
- parts.py: a large site indexed in parts and merged into one bundle.
"""

from tools.search.index import index, main
from tools.search.run import PagefindError

__all__ = ["PagefindError", "index", "main"]
