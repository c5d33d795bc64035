"""Each article's and page's URL computed once, when the content is final (see glue.py)."""


def register():
    from .glue import register as register_glue

    register_glue()
