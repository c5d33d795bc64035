"""Pages compressed while Pelican writes them, into the compress cache (tools/compress/ahead)."""


def register():
    from .glue import register as register_glue

    register_glue()
