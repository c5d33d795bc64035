"""Draw the sample photos of the demo site with Pillow (no downloads).

Run once from the repository root:

    .venv/bin/python tools/make_sample_images.py

It writes 1200×800 JPEG files (quality 80) into content/images/. The JPEG files are
committed; the script is kept so that anyone can see how they were made and redraw them.
Every scene uses its own fixed random seed, so the drawing is the same on every run.
Banner text uses DejaVu Sans Bold (Debian package fonts-dejavu-core) when it is installed;
without it the banners show plain bars instead of letters.

One photo, the border post, is saved the way a phone saves a picture taken while held
upright: the pixels are stored rotated, with EXIF Orientation 6 and a GPS position.
The photos plugin must apply the rotation and strip the EXIF/GPS before publishing.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from PIL.ExifTags import GPS, IFD, Base

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "content" / "images"
WIDTH, HEIGHT = 1200, 800
QUALITY = 80
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
)

Color = tuple[int, int, int]


def font(size: int) -> ImageFont.FreeTypeFont | None:
    for name in FONT_FILES:
        if Path(name).exists():
            # BASIC layout: the same glyph placement with or without libraqm.
            return ImageFont.truetype(name, size, layout_engine=ImageFont.Layout.BASIC)
    return None


def mix(a: Color, b: Color, t: float) -> Color:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def vertical_gradient(draw: ImageDraw.ImageDraw, box, top: Color, bottom: Color) -> None:
    x0, y0, x1, y1 = box
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        draw.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / span))


def centered_text(draw, box, text: str, size: int, fill: Color) -> None:
    """Text centred in box; bars of the same width when no font is available."""
    x0, y0, x1, y1 = box
    face = font(size)
    while face is not None and draw.textlength(text, font=face) > (x1 - x0) * 0.92:
        size -= 2
        face = font(size)
    if face is None:
        width = min(x1 - x0 - 40, len(text) * size // 2)
        cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
        draw.rectangle(
            [cx - width // 2, cy - size // 4, cx + width // 2, cy + size // 4], fill=fill
        )
        return
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
    x = (x0 + x1 - (right - left)) // 2 - left
    y = (y0 + y1 - (bottom - top)) // 2 - top
    draw.text((x, y), text, font=face, fill=fill)


def mountains(draw, rng: random.Random, base: int, height: int, colour: Color, step: int) -> None:
    points = [(0, HEIGHT)]
    y = base - rng.randint(0, height)
    for x in range(0, WIDTH + step, step):
        y = min(base, max(base - height, y + rng.randint(-height // 3, height // 3)))
        points.append((x, y))
    points.append((WIDTH, HEIGHT))
    draw.polygon(points, fill=colour)


def star(draw, cx: float, cy: float, radius: float, fill: Color) -> None:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def national_flag(draw, x: int, y: int, w: int, wave: float = 0.0) -> None:
    h = w * 2 // 3
    draw.polygon([(x, y), (x + w, y + wave), (x + w, y + h + wave), (x, y + h)], fill=(218, 37, 29))
    star(draw, x + w / 2, y + h / 2 + wave / 2, h * 0.32, (255, 221, 0))


def flagpole(draw, x: int, top: int, bottom: int, flag_width: int) -> None:
    draw.rectangle([x - 3, top, x + 3, bottom], fill=(205, 205, 200))
    national_flag(draw, x + 3, top + 4, flag_width, wave=6)


def person(draw, x: int, y: int, scale: float, shirt: Color, rng: random.Random) -> None:
    """A seated person seen from behind: head and shoulders."""
    hair = rng.choice([(25, 22, 20), (40, 32, 28), (60, 50, 45), (90, 90, 90)])
    r = 11 * scale
    draw.ellipse([x - r, y - 2.6 * r, x + r, y - 0.6 * r], fill=hair)
    draw.rounded_rectangle([x - 2 * r, y - 0.8 * r, x + 2 * r, y + 1.6 * r], radius=r, fill=shirt)


# Scenes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hall:
    banner_lines: tuple[str, ...]
    wall: Color
    banner: Color
    carpet: Color
    seats: Color
    seed: int
    people_on_stage: int = 0
    signing_table: bool = False


def draw_hall(spec: Hall) -> Image.Image:
    rng = random.Random(spec.seed)
    img = Image.new("RGB", (WIDTH, HEIGHT), spec.wall)
    draw = ImageDraw.Draw(img)
    vertical_gradient(draw, (0, 0, WIDTH, 430), mix(spec.wall, (255, 255, 255), 0.15), spec.wall)
    # Ceiling lights.
    for i in range(8):
        cx = 90 + i * 146
        draw.ellipse([cx - 26, 18, cx + 26, 34], fill=(255, 248, 220))
    # Wall pilasters.
    for x in (40, 1120):
        draw.rectangle([x, 40, x + 40, 430], fill=mix(spec.wall, (0, 0, 0), 0.12))
    # Banner with a gold border and the text.
    draw.rectangle([150, 60, 1050, 250], fill=(212, 175, 55))
    draw.rectangle([158, 68, 1042, 242], fill=spec.banner)
    star(draw, 220, 155, 46, (255, 221, 0))
    rows = len(spec.banner_lines)
    for i, line in enumerate(spec.banner_lines):
        top = 78 + i * (160 // rows)
        size = 40 if i == rows - 1 else 26
        centered_text(draw, (280, top, 1030, top + 160 // rows), line, size, (255, 236, 140))
    # Flower pots beside the stage.
    for x in (90, 1060):
        draw.polygon([(x, 430), (x + 50, 430), (x + 40, 470), (x + 10, 470)], fill=(120, 70, 40))
        for _ in range(14):
            fx, fy = x + rng.randint(0, 50), 385 + rng.randint(0, 50)
            petal = rng.choice([(250, 200, 40), (240, 120, 40), (230, 60, 70)])
            draw.ellipse([fx - 9, fy - 9, fx + 9, fy + 9], fill=petal)
    # Stage.
    draw.rectangle([0, 430, WIDTH, 470], fill=mix(spec.carpet, (0, 0, 0), 0.25))
    draw.rectangle([0, 470, WIDTH, HEIGHT], fill=spec.carpet)
    draw.rectangle([380, 330, 820, 430], fill=(250, 250, 245) if spec.signing_table else spec.seats)
    draw.rectangle([380, 410, 820, 430], fill=mix(spec.banner, (0, 0, 0), 0.2))
    for i in range(spec.people_on_stage):
        x = 430 + i * (340 // max(1, spec.people_on_stage - 1))
        shirt = rng.choice([(250, 250, 250), (40, 50, 80), (230, 230, 235)])
        draw.ellipse([x - 13, 268, x + 13, 296], fill=(235, 200, 170))
        draw.rectangle([x - 24, 296, x + 24, 340], fill=shirt)
        if spec.signing_table:
            draw.rectangle([x - 30, 322, x - 2, 336], fill=(255, 255, 255))
    # Rows of seats in perspective, nearest row last.
    for row in range(6):
        y = 500 + row * 52
        scale = 0.8 + row * 0.12
        spacing = int(70 * scale)
        shade = mix(spec.seats, (0, 0, 0), 0.05 * row)
        offset = (row % 2) * spacing // 2
        for x in range(20 + offset, WIDTH, spacing):
            draw.rounded_rectangle(
                [x - 26 * scale, y - 10 * scale, x + 26 * scale, y + 30 * scale],
                radius=int(6 * scale),
                fill=shade,
            )
            if rng.random() < 0.8:
                shirt = rng.choice(
                    [(250, 250, 250), (230, 235, 240), (40, 55, 90), (150, 30, 40), (60, 90, 60)]
                )
                person(draw, x, int(y - 4 * scale), scale, shirt, rng)
    return img.filter(ImageFilter.GaussianBlur(0.6))


def draw_flag() -> Image.Image:
    """An emulation flag (cờ thi đua) on its stand in front of a red curtain."""
    rng = random.Random(2024_04)
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    vertical_gradient(draw, (0, 0, WIDTH, HEIGHT), (120, 12, 20), (60, 6, 12))
    for x in range(0, WIDTH, 60):  # curtain folds
        draw.line([(x, 0), (x + 10, HEIGHT)], fill=(95, 10, 18), width=18)
    draw.rectangle([0, 640, WIDTH, HEIGHT], fill=(45, 35, 30))
    # Pole, finial and stand.
    draw.rectangle([396, 70, 408, 660], fill=(200, 160, 70))
    draw.polygon([(402, 30), (416, 70), (388, 70)], fill=(230, 190, 80))
    draw.ellipse([350, 640, 454, 676], fill=(150, 110, 50))
    # Swallow-tailed pennant with a gold fringe.
    body = [(408, 100), (880, 100), (880, 520), (644, 610), (408, 520)]
    draw.polygon(body, fill=(210, 20, 30))
    for x in range(408, 880, 12):
        t = (x - 408) / (880 - 408)
        y = 520 + 90 * (1 - abs(2 * t - 1))
        draw.line([(x, y), (x, y + 36)], fill=(240, 200, 60), width=5)
    draw.line([(408, 100), (880, 100)], fill=(240, 200, 60), width=8)
    star(draw, 644, 190, 58, (255, 221, 0))
    centered_text(draw, (420, 270, 870, 340), "CỜ THI ĐUA", 52, (255, 221, 0))
    centered_text(draw, (420, 350, 870, 400), "CỦA CHÍNH PHỦ", 36, (255, 221, 0))
    centered_text(
        draw, (420, 420, 870, 460), "ĐƠN VỊ DẪN ĐẦU PHONG TRÀO THI ĐUA", 22, (255, 230, 150)
    )
    # Flowers in front.
    for _ in range(60):
        x, y = rng.randint(0, WIDTH), rng.randint(660, 780)
        petal = rng.choice([(250, 200, 40), (240, 240, 240), (230, 60, 70), (250, 150, 50)])
        draw.ellipse([x - 14, y - 14, x + 14, y + 14], fill=petal)
        draw.ellipse([x - 4, y - 4, x + 4, y + 4], fill=(60, 110, 40))
    return img.filter(ImageFilter.GaussianBlur(0.5))


def draw_terraces(seed: int, sky: tuple[Color, Color], bands: tuple[Color, ...]) -> Image.Image:
    """Terraced rice fields on a mountainside, bands in the colours of the season."""
    rng = random.Random(seed)
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    vertical_gradient(draw, (0, 0, WIDTH, 360), sky[0], sky[1])
    for _ in range(5):  # clouds
        cx, cy = rng.randint(50, 1150), rng.randint(40, 180)
        for k in range(5):
            r = rng.randint(25, 50)
            dx = k * 35 - 70
            draw.ellipse([cx + dx - r, cy - r / 2, cx + dx + r, cy + r / 2], fill=(250, 250, 252))
    mountains(draw, rng, 300, 140, (120, 140, 160), 60)
    mountains(draw, rng, 360, 120, (85, 115, 110), 50)
    y = 330
    i = 0
    while y < HEIGHT + 40:
        thickness = 26 + i * 5
        phase = rng.uniform(0, math.tau)
        amplitude = 18 + i * 2
        top = [(x, y + amplitude * math.sin(x / 170 + phase)) for x in range(0, WIDTH + 20, 20)]
        bottom = [(x, py + thickness) for x, py in reversed(top)]
        draw.polygon(top + bottom, fill=bands[i % len(bands)])
        draw.line(top, fill=mix(bands[i % len(bands)], (60, 45, 25), 0.45), width=3)
        y += thickness - 2
        i += 1
    # A stilt house and a path.
    draw.polygon([(900, 420), (990, 380), (1080, 420)], fill=(110, 80, 55))
    draw.rectangle([915, 420, 1065, 470], fill=(150, 110, 75))
    draw.rectangle([975, 435, 1005, 470], fill=(70, 50, 35))
    return img.filter(ImageFilter.GaussianBlur(0.7))


def draw_building(
    seed: int,
    wall: Color,
    roof: Color,
    sign: str,
    sign_colour: Color,
    floors: int,
    extra: Callable[[ImageDraw.ImageDraw, random.Random], None] | None = None,
    sky: tuple[Color, Color] = ((140, 190, 235), (215, 235, 250)),
    ground: Color = (170, 160, 145),
) -> Image.Image:
    """A public building (school, health station, office) with its sign and a flagpole."""
    rng = random.Random(seed)
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    vertical_gradient(draw, (0, 0, WIDTH, 520), sky[0], sky[1])
    mountains(draw, rng, 470, 160, (110, 140, 125), 60)
    draw.rectangle([0, 560, WIDTH, HEIGHT], fill=ground)
    top = 560 - floors * 110
    draw.rectangle([200, top, 1000, 560], fill=wall)
    draw.polygon([(170, top), (600, top - 110), (1030, top)], fill=roof)
    for floor in range(floors):
        y = top + 20 + floor * 110
        draw.rectangle([200, y + 80, 1000, y + 88], fill=mix(wall, (0, 0, 0), 0.2))
        for x in range(235, 980, 95):
            if floor == floors - 1 and 540 < x < 660:
                continue
            draw.rectangle([x, y, x + 55, y + 65], fill=(70, 110, 150))
            draw.line([(x + 27, y), (x + 27, y + 65)], fill=wall, width=3)
    draw.rectangle([545, 470, 655, 560], fill=(90, 60, 40))  # door
    draw.rectangle([340, top - 58, 860, top - 4], fill=sign_colour)
    centered_text(draw, (350, top - 56, 850, top - 6), sign, 30, (255, 255, 255))
    flagpole(draw, 110, 260, 560, 90)
    # Trees.
    for x in (60, 1080, 1150):
        draw.rectangle([x - 6, 470, x + 6, 565], fill=(100, 70, 45))
        draw.ellipse([x - 45, 390, x + 45, 490], fill=rng.choice([(60, 120, 60), (80, 140, 70)]))
    if extra is not None:
        extra(draw, rng)
    return img.filter(ImageFilter.GaussianBlur(0.6))


def pupils(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    for _ in range(36):
        x, y = rng.randint(180, 1020), rng.randint(600, 760)
        draw.ellipse([x - 9, y - 30, x + 9, y - 12], fill=(30, 25, 20))
        draw.rectangle([x - 13, y - 12, x + 13, y + 22], fill=(250, 250, 250))
        draw.rectangle([x - 11, y + 22, x + 11, y + 48], fill=(30, 50, 110))
        draw.polygon([(x - 6, y - 12), (x + 6, y - 12), (x, y + 4)], fill=(220, 30, 40))


def red_cross(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    draw.rectangle([880, 200, 960, 280], fill=(255, 255, 255))
    draw.rectangle([910, 210, 930, 270], fill=(220, 30, 40))
    draw.rectangle([890, 230, 950, 250], fill=(220, 30, 40))
    draw.rounded_rectangle([250, 600, 420, 690], radius=18, fill=(245, 245, 245))  # ambulance
    draw.rectangle([310, 615, 360, 635], fill=(220, 30, 40))
    for x in (285, 385):
        draw.ellipse([x - 18, 675, x + 18, 711], fill=(30, 30, 30))


def plaza(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    for x in range(0, WIDTH, 80):
        draw.line([(x, 560), (x - 200, HEIGHT)], fill=(150, 140, 128), width=3)
    for _ in range(10):
        x, y = rng.randint(150, 1050), rng.randint(620, 740)
        draw.ellipse([x - 10, y - 34, x + 10, y - 14], fill=(30, 25, 20))
        draw.rectangle(
            [x - 14, y - 14, x + 14, y + 30], fill=rng.choice([(245, 245, 245), (40, 60, 100)])
        )


def draw_border_post() -> Image.Image:
    """A border post in the mountains, its flag and a border marker."""
    rng = random.Random(2024_05)
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    vertical_gradient(draw, (0, 0, WIDTH, 450), (95, 150, 210), (205, 225, 240))
    mountains(draw, rng, 330, 180, (105, 125, 150), 45)
    mountains(draw, rng, 420, 150, (70, 110, 80), 40)
    vertical_gradient(draw, (0, 520, WIDTH, HEIGHT), (95, 135, 70), (70, 105, 55))
    # The post: a long building with a green roof.
    draw.rectangle([150, 400, 760, 560], fill=(235, 220, 170))
    draw.polygon([(120, 400), (455, 320), (790, 400)], fill=(40, 100, 60))
    for x in range(185, 740, 80):
        draw.rectangle([x, 430, x + 45, 490], fill=(80, 110, 130))
    draw.rectangle([420, 480, 490, 560], fill=(100, 70, 45))
    draw.rectangle([280, 360, 630, 395], fill=(30, 80, 50))
    centered_text(draw, (285, 361, 625, 394), "ĐỒN BIÊN PHÒNG", 26, (255, 230, 120))
    flagpole(draw, 830, 230, 560, 110)
    # Border marker (cột mốc) in front.
    draw.polygon([(960, 560), (1060, 560), (1045, 380), (975, 380)], fill=(235, 235, 230))
    draw.polygon([(975, 380), (1045, 380), (1010, 350)], fill=(215, 215, 210))
    draw.rectangle([955, 560, 1065, 580], fill=(180, 180, 175))
    centered_text(draw, (975, 410, 1045, 460), "VIỆT NAM", 14, (200, 30, 30))
    draw.line([(0, 640), (WIDTH, 600)], fill=(170, 150, 110), width=26)  # patrol path
    for i in range(3):  # soldiers on patrol
        x = 300 + i * 90
        draw.ellipse([x - 12, 540, x + 12, 564], fill=(210, 180, 150))
        draw.ellipse([x - 16, 532, x + 16, 548], fill=(60, 90, 50))
        draw.rectangle([x - 16, 564, x + 16, 620], fill=(70, 100, 60))
    return img.filter(ImageFilter.GaussianBlur(0.6))


def draw_village() -> Image.Image:
    """A new-rural village: a concrete road, new houses, fields."""
    rng = random.Random(2023_09)
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    vertical_gradient(draw, (0, 0, WIDTH, 380), (120, 175, 225), (230, 240, 245))
    mountains(draw, rng, 330, 120, (95, 130, 110), 50)
    vertical_gradient(draw, (0, 380, WIDTH, HEIGHT), (150, 190, 80), (90, 150, 60))
    draw.polygon([(560, 380), (640, 380), (1000, HEIGHT), (200, HEIGHT)], fill=(200, 200, 195))
    for y in range(420, HEIGHT, 60):  # lane markings
        t = (y - 380) / (HEIGHT - 380)
        draw.line([(600, y), (600, y + 20 + 20 * t)], fill=(250, 250, 250), width=int(2 + 6 * t))
    for i, (x, y, w) in enumerate(
        [(120, 360, 170), (330, 372, 120), (760, 360, 180), (960, 340, 200)]
    ):
        wall = [(245, 235, 210), (230, 240, 245), (250, 225, 200), (240, 240, 235)][i]
        roof = [(180, 60, 40), (60, 90, 140), (170, 70, 50), (90, 60, 50)][i]
        h = w * 0.55
        draw.rectangle([x, y, x + w, y + h], fill=wall)
        draw.polygon([(x - 12, y), (x + w / 2, y - h * 0.6), (x + w + 12, y)], fill=roof)
        draw.rectangle([x + w * 0.4, y + h * 0.45, x + w * 0.6, y + h], fill=(110, 80, 50))
    for x in range(40, 560, 70):  # street lights and flags along the road
        draw.line([(x + 200, 760 - x // 3), (x + 200, 680 - x // 3)], fill=(90, 90, 90), width=4)
        national_flag(draw, x + 202, 680 - x // 3, 28)
    for _ in range(40):
        x, y = rng.randint(0, 180), rng.randint(600, 790)
        draw.ellipse(
            [x - 12, y - 12, x + 12, y + 12], fill=rng.choice([(240, 80, 120), (250, 200, 60)])
        )
    return img.filter(ImageFilter.GaussianBlur(0.6))


def draw_forest() -> Image.Image:
    """Hills planted with cinnamon trees, a drying yard of bark in front."""
    rng = random.Random(2025_04)
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    vertical_gradient(draw, (0, 0, WIDTH, 400), (170, 200, 220), (235, 235, 225))
    mountains(draw, rng, 300, 120, (130, 150, 150), 60)
    mountains(draw, rng, 430, 170, (70, 115, 70), 45)
    for _ in range(260):
        x, y = rng.randint(0, WIDTH), rng.randint(330, 640)
        r = rng.randint(10, 22)
        draw.ellipse([x - r, y - 2 * r, x + r, y], fill=rng.choice([(50, 100, 50), (70, 120, 55)]))
    draw.rectangle([0, 620, WIDTH, HEIGHT], fill=(190, 170, 140))
    for row in range(4):
        for x in range(60 + row * 20, WIDTH - 40, 70):
            y = 650 + row * 35
            draw.rounded_rectangle([x, y, x + 55, y + 14], radius=7, fill=(150, 80, 40))
    return img.filter(ImageFilter.GaussianBlur(0.6))


# Output ------------------------------------------------------------------------------------


def phone_exif(lat: tuple[float, float, float], lon: tuple[float, float, float]) -> Image.Exif:
    exif = Image.Exif()
    exif[Base.Make] = "Mau"
    exif[Base.Model] = "Dien thoai mau"
    exif[Base.Orientation] = 6  # stored rotated; a viewer turns it 90° clockwise
    exif[Base.DateTime] = "2024:05:14 09:12:30"
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSLatitudeRef] = "N"
    gps[GPS.GPSLatitude] = lat
    gps[GPS.GPSLongitudeRef] = "E"
    gps[GPS.GPSLongitude] = lon
    return exif


def save(img: Image.Image, name: str, exif: Image.Exif | None = None) -> Path:
    path = OUT_DIR / name
    options = {"quality": QUALITY, "optimize": True}
    if exif is not None:
        options["exif"] = exif
    img.save(path, "JPEG", **options)
    return path


HALLS = {
    "2022-ky-ket-giao-uoc-bao-thang.jpg": Hall(
        ("KHỐI THI ĐUA CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ", "LỄ KÝ KẾT GIAO ƯỚC THI ĐUA NĂM 2022"),
        wall=(225, 215, 190),
        banner=(190, 25, 35),
        carpet=(150, 40, 45),
        seats=(120, 30, 40),
        seed=2022_02,
        people_on_stage=5,
        signing_table=True,
    ),
    "2023-tong-ket-khoi-bac-ha.jpg": Hall(
        (
            "KHỐI THI ĐUA CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ",
            "HỘI NGHỊ TỔNG KẾT CÔNG TÁC THI ĐUA NĂM 2023",
        ),
        wall=(235, 225, 205),
        banner=(180, 20, 30),
        carpet=(130, 30, 35),
        seats=(60, 60, 90),
        seed=2023_12,
        people_on_stage=6,
    ),
    "2023-trao-giay-khen-bac-ha.jpg": Hall(
        ("HUYỆN BẮC HÀ", "TRAO KHEN THƯỞNG NĂM 2023"),
        wall=(230, 220, 200),
        banner=(180, 20, 30),
        carpet=(130, 30, 35),
        seats=(60, 60, 90),
        seed=2023_1219,
        people_on_stage=7,
    ),
    "2024-tong-ket-khoi-sa-pa.jpg": Hall(
        ("KHỐI THI ĐUA CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ", "TỔNG KẾT CÔNG TÁC THI ĐUA NĂM 2024"),
        wall=(205, 220, 235),
        banner=(20, 60, 130),
        carpet=(40, 60, 100),
        seats=(150, 40, 50),
        seed=2024_12,
        people_on_stage=4,
    ),
    "2025-dai-hoi-thi-dua-tinh.jpg": Hall(
        ("TỈNH LÀO CAI", "ĐẠI HỘI THI ĐUA YÊU NƯỚC"),
        wall=(245, 235, 215),
        banner=(200, 30, 30),
        carpet=(160, 120, 60),
        seats=(110, 25, 30),
        seed=2025_10,
        people_on_stage=9,
    ),
}


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    written = [save(draw_hall(spec), name) for name, spec in HALLS.items()]
    written.append(save(draw_flag(), "2024-co-thi-dua-chinh-phu-bac-ha.jpg"))
    written.append(
        save(
            draw_terraces(
                2024_07,
                ((110, 170, 230), (225, 235, 245)),
                ((215, 180, 60), (190, 170, 50), (160, 165, 60), (225, 195, 80)),
            ),
            "2024-ruong-bac-thang-sa-pa.jpg",
        )
    )
    written.append(
        save(
            draw_terraces(
                2022_04,
                ((150, 185, 215), (235, 235, 230)),
                ((70, 150, 70), (95, 170, 80), (120, 185, 90), (80, 160, 75)),
            ),
            "2022-doi-che-muong-khuong.jpg",
        )
    )
    written.append(
        save(
            draw_building(
                2023_08,
                (250, 235, 170),
                (180, 60, 45),
                "TRƯỜNG THPT SỐ 1 BẮC HÀ",
                (30, 70, 140),
                floors=3,
                extra=pupils,
            ),
            "2023-truong-thpt-bac-ha.jpg",
        )
    )
    written.append(
        save(
            draw_building(
                2022_11,
                (240, 245, 245),
                (60, 120, 150),
                "TRẠM Y TẾ XÃ",
                (20, 120, 90),
                floors=2,
                extra=red_cross,
                ground=(185, 185, 180),
            ),
            "2022-tram-y-te-van-ban.jpg",
        )
    )
    written.append(
        save(
            draw_building(
                2025_07,
                (245, 230, 200),
                (150, 40, 40),
                "UBND PHƯỜNG LÀO CAI",
                (170, 25, 30),
                floors=3,
                extra=plaza,
                sky=((160, 200, 240), (240, 240, 235)),
            ),
            "2025-tru-so-phuong-lao-cai.jpg",
        )
    )
    written.append(save(draw_village(), "2023-nong-thon-moi-bao-yen.jpg"))
    written.append(save(draw_forest(), "2025-rung-que-van-ban.jpg"))
    # The phone photo: pixels stored turned 90° anticlockwise, Orientation 6 turns them back.
    post = draw_border_post().transpose(Image.Transpose.ROTATE_90)
    written.append(
        save(
            post,
            "2024-don-bien-phong-muong-khuong.jpg",
            phone_exif((22.0, 41.0, 12.5), (104.0, 7.0, 48.0)),
        )
    )
    for path in written:
        with Image.open(path) as img:
            size = path.stat().st_size
            print(f"{path.relative_to(ROOT)}  {img.width}×{img.height}  {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
