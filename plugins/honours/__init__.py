"""Honours: units, blocs, decisions and their annexes; a page for each, and open data."""


def register():
    from .glue import register as register_glue

    register_glue()
