"""sitemap.xml listing every published page, honours pages included."""


def register():
    from .glue import register as register_glue

    register_glue()
