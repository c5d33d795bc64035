"""Markdown extension: an image alone in its paragraph becomes a <figure> with a caption.

    ![Đại biểu dự hội nghị.]({static}/images/hoi-nghi.jpg "Chú thích")

becomes <figure class="anh"><img alt=... width=.. height=..><figcaption>Chú thích
</figcaption></figure>, replacing the <p> (a figure inside a <p> is not valid HTML). The
caption is the image's title when it has one, else its alt text. Width and height come from
`size_of(src)`, a callable given by the caller (None when the file is unknown).
"""

import xml.etree.ElementTree as ET
from collections.abc import Callable

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

SizeLookup = Callable[[str], tuple[int, int] | None]


class FigureTreeprocessor(Treeprocessor):
    def __init__(self, md, size_of: SizeLookup | None):
        super().__init__(md)
        self.size_of = size_of

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "p" and self._lone_image(child) is not None:
                    parent[index] = self._figure(self._lone_image(child))

    @staticmethod
    def _lone_image(paragraph: ET.Element) -> ET.Element | None:
        if len(paragraph) != 1 or (paragraph.text or "").strip():
            return None
        image = paragraph[0]
        if image.tag != "img" or (image.tail or "").strip():
            return None
        return image

    def _figure(self, image: ET.Element) -> ET.Element:
        caption = (image.get("title") or image.get("alt") or "").strip()
        if "title" in image.attrib:
            del image.attrib["title"]
        image.tail = None
        size = self.size_of(image.get("src", "")) if self.size_of else None
        if size:
            image.set("width", str(size[0]))
            image.set("height", str(size[1]))
        figure = ET.Element("figure", {"class": "anh"})
        figure.append(image)
        if caption:
            figcaption = ET.SubElement(figure, "figcaption")
            figcaption.text = caption
        return figure


class FigureExtension(Extension):
    def __init__(self, size_of: SizeLookup | None = None, **kwargs):
        self.size_of = size_of
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        # After inline processing (priority 20), so the <img> elements exist.
        md.treeprocessors.register(FigureTreeprocessor(md, self.size_of), "figures", 5)
