"""Photos with captions: a lone Markdown image becomes <figure> with <figcaption>."""


def register():
    from .glue import register as register_glue

    register_glue()
