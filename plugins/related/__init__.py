"""Related news ("Tin cùng chuyên mục", "Có thể bạn quan tâm") and unit mentions."""


def register():
    from .glue import register as register_glue

    register_glue()
