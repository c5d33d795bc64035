"""gzip and brotli copies (.gz, .br) of the site's text files: the last step of a build.

Not a Pelican plugin: tools/build.py runs it once, after Pelican and Pagefind have written
everything (pages, feeds, sitemap.xml, the search files), so nothing depends on the order of
PLUGINS. `compress.compress_tree` is pure (standard library and brotli); `settings` reads the
COMPRESS_* settings once into a frozen dataclass.
"""
