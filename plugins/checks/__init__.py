"""Editors' workflow: `make check` rules (pure) and the drafts / reproducibility glue."""


def register():
    from .glue import register as register_glue

    register_glue()
