"""Search answers: a small lexicon of the honours data for the search page's direct answers."""


def register():
    from .glue import register as register_glue

    register_glue()
