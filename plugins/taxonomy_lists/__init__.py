"""Pelican's tag, category and author lists of articles answer `in` from a set (glue.py)."""


def register():
    from .glue import register as register_glue

    register_glue()
