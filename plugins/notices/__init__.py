"""Notices: public consultations of nominees, emulation campaigns (and their pages)."""


def register():
    from .glue import register as register_glue

    register_glue()
