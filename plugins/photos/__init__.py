"""Responsive photos: resized WebP and original-format variants, no EXIF/GPS, cached."""


def register():
    from .glue import register as register_glue

    register_glue()
