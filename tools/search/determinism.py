"""Make a bundle the same bytes whatever run made it.

Pagefind 1.5.2 writes the values of a filter, and the list of filters, in hash-map order,
which changes from run to run (and with it the file names, which are hashes). Page numbers,
index chunks and fragments are already in a stable order; only filters are not. We sort them
and rename the files they change from a hash of their content (bundle.py writes them).
"""

from __future__ import annotations

from pathlib import Path

from tools.search import bundle as fmt


def make_deterministic(bundle: Path) -> None:
    entry = fmt.read_entry(bundle)
    meta = fmt.read_meta(bundle, entry)
    filters = []
    for name, old in meta.filters:
        filter_name, values = fmt.read_filter(bundle, old)
        values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
        (bundle / "filter" / f"{old}.pf_filter").unlink()
        prefix = old.rpartition("_")[0]
        new = fmt.write_filter(bundle, prefix, filter_name, values, fmt.filter_digits(old))
        filters.append([name, new])
    meta.filters = sorted(filters, key=lambda item: item[0])
    fmt.write_meta(bundle, entry, meta)
