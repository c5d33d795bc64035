"""Pelican glue of the photos plugin.

- `PhotosGenerator` (from get_generators) prepares every photo of the photo folders in
  generate_context (through the cache) and, in generate_output, copies the variants and the
  EXIF-free stand-ins of the originals into the output.
- all_generators_finalized: takes the photos out of the StaticGenerator's list (so the camera
  files, with their EXIF/GPS, are never copied) and rewrites the <img> tags of every article
  and page once, into <picture> with srcset.
- generator_init: adds the Jinja filter `anh_dai_dien`.
One key is published in the context: `context["photos"]`, a `PhotoIndex`.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator, StaticGenerator
from pelican.utils import get_relative_path, path_to_url

from plugins.vietnamese.contents import pelican_contents
from plugins.vietnamese.errors import SiteError, SiteErrors

from .markup import Found, picture, rewrite, take_lead_figure, url
from .process import Photo, PhotoMaker, is_photo, is_refused, publish
from .settings import PhotoSettings

STATIC_MARKERS = ("{static}", "|static|", "{attach}", "|attach|")
_HAS_IMG = re.compile("<img", re.IGNORECASE)
_STATIC_SRC = re.compile(r'\ssrc="[{|](?:static|attach)[}|][^"]*"')


@dataclass
class PhotoIndex:
    """What templates and other plugins may ask about photos (context["photos"])."""

    settings: PhotoSettings
    photos: dict[str, Photo]  # by content-relative path, "images/hoi-nghi.jpg"
    leads: dict[str, Found] = field(default_factory=dict)  # by content object source_path
    statics: dict[str, object] = field(default_factory=dict)  # photo path → Pelican Static
    # <picture> markup already made by `anh_dai_dien`, by everything it depends on: one
    # article's thumbnail is shown on many list pages (home, category, tag, author, year).
    pictures: dict[tuple, Markup] = field(default_factory=dict, repr=False)

    def get(self, source: str) -> Photo | None:
        return self.photos.get(source)

    def lead_of(self, content) -> Found | None:
        """The lead photo of an article: its Image metadata, else the body's first photo."""
        return self.leads.get(getattr(content, "source_path", None))

    def lead_url(self, content) -> str | None:
        """URL path, from the site root, of the published lead photo (for Open Graph and
        JSON-LD, which want absolute URLs); None when the article has no photo."""
        found = self.lead_of(content)
        static = self.statics.get(found.photo.source) if found else None
        return static.url if static is not None else None


def source_of(src: str, relative_dir: str) -> str | None:
    """Content-relative path of a `{static}…` URL (None when it is not one)."""
    for marker in STATIC_MARKERS:
        if src.startswith(marker):
            path = unquote(urlsplit(src[len(marker) :]).path)
            if path.startswith("/"):
                return posixpath.normpath(path.lstrip("/"))
            return posixpath.normpath(posixpath.join(relative_dir.replace(os.sep, "/"), path))
    return None


class PhotosGenerator(Generator):
    """Prepares the photos (generate_context) and copies them into the output.

    The photos are prepared (read, hashed, resized on a cold build) from the moment the
    generator is made, in a thread, while the generators before it read the articles:
    Pillow and hashlib let go of the GIL while they work, so that runs on the other core.
    generate_context takes the result (and raises what went wrong there)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._preparing = ThreadPoolExecutor(1, thread_name_prefix="photos")
        self._prepared = self._preparing.submit(self._prepare)
        self._preparing.shutdown(wait=False)

    def _prepare(self):
        cfg = PhotoSettings.from_pelican(self.settings)
        if not Path(cfg.cache_path).is_absolute():
            # relative to where Pelican runs, as Pelican's own CACHE_PATH
            cfg = replace(cfg, cache_path=Path(os.path.abspath(cfg.cache_path)))
        files = sorted(
            p.replace(os.sep, "/")
            for p in self.get_files(list(cfg.dirs), extensions=False)
            if is_photo(p) or is_refused(p)
        )
        maker = PhotoMaker(cfg)
        photos, problems = maker.prepare_all([(Path(self.path, p), p) for p in files])
        return cfg, maker, photos, problems

    def generate_context(self) -> None:
        cfg, maker, photos, problems = self._prepared.result()
        if problems:
            raise SiteErrors(problems)
        maker.prune(cfg.cache_max_age_days)
        self.index = PhotoIndex(settings=cfg, photos=photos)
        self.context["photos"] = self.index

    def generate_output(self, writer) -> None:
        del writer  # binary files: copied like the StaticGenerator does
        output = Path(self.output_path)
        for source, photo in sorted(self.index.photos.items()):
            static = self.index.statics.get(source)
            publish(photo, output, static.save_as if static is not None else None)


def _prefix(cfg: PhotoSettings, content) -> str:
    """SITEURL as seen from the page of `content` (the writer computes the same)."""
    if cfg.relative_urls:
        return path_to_url(get_relative_path(content.save_as or ""))
    return cfg.siteurl


def _lead_source(content) -> str | None:
    image = content.metadata.get("image")
    if not image:
        return None
    image = str(image).strip()
    found = source_of(image, content.relative_dir)
    if found is None and "://" not in image:
        found = posixpath.normpath(unquote(image).lstrip("/"))
    return found


def finalize(generators) -> None:
    """Keep the camera files out of the static copy; rewrite the photos of every page."""
    photos_generator = next((g for g in generators if isinstance(g, PhotosGenerator)), None)
    if photos_generator is None:
        return
    index: PhotoIndex = photos_generator.index
    cfg = index.settings
    problems: list[SiteError] = []

    statics = _take_statics(generators, index) + list(index.statics.values())
    ours = {v.path: photo.source for photo in index.photos.values() for v in photo.variants}
    for static in sorted(statics, key=lambda s: s.save_as):
        if static.save_as in ours:
            problems.append(
                SiteError(
                    file=static.relative_source_path or static.save_as,
                    message=(
                        f"Tệp này sẽ được chép ra {static.save_as}, trùng đường dẫn với một "
                        f"ảnh thu nhỏ của {ours[static.save_as]}."
                    ),
                    hint=f"Đổi tên tệp, hoặc chuyển nó ra khỏi thư mục {cfg.output_dir}/.",
                )
            )
    if problems:
        raise SiteErrors(problems)

    changed = set()
    for article, content in pelican_contents(generators):
        if _rewrite_content(content, index, cfg, article):
            changed.add(id(content))
    if changed:
        _forget_rendered(changed)


def _take_statics(generators, index: PhotoIndex) -> list:
    """Take our photos out of the StaticGenerator's files (remembering their Static objects,
    for their URL and save_as); return the static files left to it."""
    kept = []
    for generator in generators:
        if not isinstance(generator, StaticGenerator):
            continue
        left = []
        for static in generator.staticfiles:
            source = (static.relative_source_path or "").replace(os.sep, "/")
            if source in index.photos:
                index.statics[source] = static
            else:
                left.append(static)
        generator.staticfiles[:] = left  # the same list object as context["staticfiles"]
        kept += left
    return kept


def _rewrite_content(content, index: PhotoIndex, cfg: PhotoSettings, article: bool) -> bool:
    """Rewrite the photos of one article or page. For an article, also set `lead_figure`:
    the lead photo's figure (with its caption) to show under the lead, taken out of the body
    so that it is never shown twice; None when the body starts with it or has no lead."""
    body = getattr(content, "_content", None)
    lead_source = _lead_source(content)
    relative_dir = content.relative_dir
    prefix = _prefix(cfg, content)

    def lookup(src: str) -> Photo | None:
        source = source_of(src, relative_dir)
        return index.photos.get(source) if source else None

    changed = False
    found: list[Found] = []
    if body and _HAS_IMG.search(body):
        new_body, found = rewrite(body, lookup, prefix, cfg.sizes, lead_source)
        if new_body != body:
            content._content = new_body
            changed = True
    lead = None
    if lead_source and lead_source in index.photos:
        alt = next((f.alt for f in found if f.photo.source == lead_source), "")
        lead = Found(index.photos[lead_source], alt)
    elif found:
        lead = found[0]
    if lead is not None:
        index.leads[content.source_path] = lead
    if article and not hasattr(content, "lead_figure"):
        content.lead_figure = None
        if lead is not None and lead.photo.fallback:
            in_body = any(f.photo.source == lead.photo.source for f in found)
            if in_body:
                rest, figure = take_lead_figure(content._content or "")
                static = index.statics.get(lead.photo.source)
                if figure is not None and static is not None:
                    # Pelican resolves {static} links only in the body: resolve this one here
                    src = html.escape(url(prefix, static.url), quote=True)
                    figure = _STATIC_SRC.sub(f' src="{src}"', figure, count=1)
                    content._content = rest
                    content.lead_figure = Markup(figure)
                    changed = True
            else:  # the Image metadata names a photo the body does not show
                static = index.statics.get(lead.photo.source)
                src = None if static is None else url(prefix, static.url)
                made = picture(
                    lead.photo, prefix, src=src, alt=lead.alt, sizes=cfg.sizes, lead=True
                )
                content.lead_figure = Markup(f'<figure class="anh">{made}</figure>')
    return changed


def _forget_rendered(changed: set[int]) -> None:
    """Drop HTML rendered before the rewrite (Pelican memoizes it per object and SITEURL)."""
    for method in (Content.get_content, Content.get_summary):
        cache = method.cache  # one dict shared by every content object
        for key in [k for k in cache if k and id(k[0]) in changed]:
            del cache[key]


@pass_context
def anh_dai_dien(context, item, sizes=None, lazy=True, alt="", class_=None):
    """A responsive <picture> of an article's lead photo, for lists and the home page.

    `item`: an article or page (its Image metadata, else its first photo), or a photo path
    ("images/hoi-nghi.jpg" or "{static}/images/hoi-nghi.jpg"). `sizes`: the sizes attribute
    (default: the article column, PHOTOS_SIZES). `lazy=False` for a photo on the first screen.
    `alt`: "" by default, right for a thumbnail next to the article's linked title; `alt=None`
    uses the author's alt text. `class_`: a class for the <img>. Empty when there is no photo.
    """
    index: PhotoIndex | None = context.get("photos")
    if index is None or item is None:
        return ""
    if isinstance(item, str):
        source = source_of(item, "") or posixpath.normpath(item.lstrip("/"))
        photo = index.get(source)
        found = Found(photo, "") if photo else None
    else:
        found = index.lead_of(item)
    if found is None or not found.photo.fallback:
        return ""
    prefix = context.get("SITEURL") or ""
    key = (found.photo.source, found.alt, prefix, sizes, lazy, alt, class_)
    made = index.pictures.get(key)
    if made is not None:
        return made
    static = index.statics.get(found.photo.source)
    extra = [("class", class_)] if class_ else []
    made = index.pictures[key] = Markup(
        picture(
            found.photo,
            prefix,
            src=None if static is None else url(prefix, static.url),
            alt=found.alt if alt is None else alt,
            sizes=sizes or index.settings.sizes,
            lead=not lazy,
            attributes=extra,
        )
    )
    return made


def add_filter(generator) -> None:
    generator.env.filters.setdefault("anh_dai_dien", anh_dai_dien)


def add_generator(pelican):
    return PhotosGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_filter)
    signals.all_generators_finalized.connect(finalize)
