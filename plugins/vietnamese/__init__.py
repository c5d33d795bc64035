"""Vietnamese text for Pelican: NFC reading, ASCII slugs, collation, dates, categories."""


def register():
    from .glue import register as register_glue

    register_glue()
