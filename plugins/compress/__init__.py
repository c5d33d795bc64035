"""gzip and brotli copies (.gz, .br) of the site's text files, for hosts that serve them."""


def register():
    from .glue import register as register_glue

    register_glue()
