"""Photos for the demo site, painted with Pillow when the demo is seeded.

They are our own work (no licence to check, nothing downloaded): layered landscapes for release
photos and head-and-shoulders silhouettes for portraits, deterministic per name so a re-seed
gives the same pictures. Their alt text says what they show and that they are illustrations.
"""

import functools
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

# Painted at CANVAS size (the shapes below are laid out for it), stored at the photo size.
PHOTO_CANVAS, PHOTO_SIZE = (1800, 1200), (1440, 960)
PORTRAIT_CANVAS, PORTRAIT_SIZE = (800, 1000), (480, 600)


def _mix(first, second, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))


def _vertical_gradient(size, top, bottom):
    _width, height = size
    column = Image.new("RGB", (1, height))
    column.putdata([_mix(top, bottom, y / max(1, height - 1)) for y in range(height)])
    return column.resize(size)


def _ridge(rng, width, *, base, amplitude, roughness):
    """Heights of a hill line across the picture, from a few summed waves."""
    waves = [
        (rng.uniform(0.5, 3.0) * roughness, rng.uniform(0, math.tau), rng.uniform(0.3, 1.0))
        for _ in range(4)
    ]
    total = sum(weight for _f, _p, weight in waves)
    points = []
    for x in range(0, width + 20, 20):
        wave = sum(
            weight * math.sin(frequency * math.tau * x / width + phase)
            for frequency, phase, weight in waves
        )
        points.append((x, base - amplitude * wave / total))
    return points


def _hills(draw, rng, size, *, colours, horizon):
    width, height = size
    for depth, colour in enumerate(colours):
        base = horizon + depth * height * 0.08
        ridge = _ridge(rng, width, base=base, amplitude=height * 0.06, roughness=1 + depth)
        draw.polygon([(0, height), *ridge, (width, height)], fill=colour)


def _trees(draw, rng, size, *, colour, line, count, clearing=None):
    width, _height = size
    for _ in range(count):
        x = rng.uniform(0, width)
        if clearing and clearing[0] * width < x < clearing[1] * width:
            continue
        top = line - rng.uniform(140, 300)
        radius = rng.uniform(30, 70)
        draw.rectangle([x - 5, top + radius, x + 5, line + 10], fill=colour)
        draw.ellipse([x - radius, top, x + radius, top + radius * 1.6], fill=colour)


def _river(draw, size, *, colour, horizon):
    width, height = size
    draw.polygon(
        [
            (width * 0.46, horizon + 40),
            (width * 0.54, horizon + 40),
            (width * 0.85, height),
            (width * 0.15, height),
        ],
        fill=colour,
    )


def _boat(draw, size, *, hull, at):
    width, height = size
    x, y = width * at[0], height * at[1]
    draw.polygon([(x - 160, y), (x + 160, y), (x + 120, y + 45), (x - 130, y + 45)], fill=hull)
    draw.rectangle([x - 60, y - 60, x + 50, y], fill=hull)


def _tents(draw, size, *, colour, line, count):
    width, _height = size
    for index in range(count):
        x = width * (0.15 + 0.7 * index / max(1, count - 1))
        draw.polygon([(x - 110, line), (x, line - 120), (x + 110, line)], fill=colour)
        draw.polygon([(x - 18, line), (x, line - 60), (x + 18, line)], fill=(40, 40, 40))


def _columns(draw, size, *, colour, line):
    width, height = size
    left, right = width * 0.2, width * 0.8
    draw.rectangle([left - 30, line - height * 0.5, right + 30, line - height * 0.44], fill=colour)
    draw.polygon(
        [
            (left - 40, line - height * 0.5),
            (width / 2, line - height * 0.62),
            (right + 40, line - height * 0.5),
        ],
        fill=colour,
    )
    for index in range(6):
        x = left + (right - left) * index / 5
        draw.rectangle([x - 22, line - height * 0.44, x + 22, line], fill=colour)
    draw.rectangle([left - 60, line, right + 60, line + 30], fill=colour)


def _flags(draw, size, *, line, colours):
    width, height = size
    for index, colour in enumerate(colours):
        x = width * (0.3 + 0.2 * index)
        draw.rectangle([x - 5, line - height * 0.55, x + 5, line], fill=(200, 200, 205))
        draw.rectangle([x + 5, line - height * 0.55, x + 200, line - height * 0.42], fill=colour)


SCENES = {
    "river": {
        "sky": ((250, 200, 150), (120, 160, 190)),
        "hills": [(70, 100, 80), (45, 80, 55), (30, 60, 40)],
        "features": ["river", "trees", "boat"],
    },
    "coast": {
        "sky": ((150, 190, 230), (230, 235, 240)),
        "hills": [(90, 120, 110), (50, 90, 130)],
        "features": ["sea", "boat"],
    },
    "camp": {
        "sky": ((140, 180, 220), (240, 230, 200)),
        "hills": [(110, 140, 90), (80, 120, 70), (150, 140, 100)],
        "features": ["tents", "trees"],
    },
    "ministry": {
        "sky": ((110, 150, 200), (220, 225, 235)),
        "hills": [(120, 130, 120), (170, 165, 150)],
        "features": ["columns"],
    },
    "flags": {
        "sky": ((70, 120, 190), (200, 220, 240)),
        "hills": [(90, 110, 90), (140, 150, 130)],
        "features": ["flags"],
    },
    "jungle": {
        "sky": ((200, 220, 200), (150, 190, 170)),
        "hills": [(60, 110, 70), (35, 85, 50), (20, 60, 35)],
        "features": ["trees"],
    },
}


@functools.cache  # re-seeding (tests do it often) paints nothing twice
def landscape(scene, *, seed):
    """JPEG bytes of one of SCENES, the same for the same seed."""
    spec = SCENES[scene]
    rng = random.Random(seed)
    size = PHOTO_CANVAS
    width, height = size
    picture = _vertical_gradient(size, *spec["sky"])
    draw = ImageDraw.Draw(picture)
    sun_x = rng.uniform(0.2, 0.8) * width
    draw.ellipse([sun_x - 70, height * 0.12, sun_x + 70, height * 0.12 + 140], fill=(255, 240, 210))
    horizon = height * 0.5
    _hills(draw, rng, size, colours=spec["hills"], horizon=horizon)
    line = height * 0.78
    features = spec["features"]
    if "sea" in features:
        draw.rectangle([0, height * 0.62, width, height], fill=(40, 90, 130))
    if "river" in features:
        _river(draw, size, colour=(90, 130, 150), horizon=horizon)
    if "columns" in features:
        _columns(draw, size, colour=(225, 220, 205), line=line)
    if "flags" in features:
        _flags(draw, size, line=line, colours=[(180, 40, 50), (30, 60, 130), (240, 240, 240)])
    if "tents" in features:
        _tents(draw, size, colour=(110, 120, 80), line=line, count=4)
    if "trees" in features:
        _trees(
            draw,
            rng,
            size,
            colour=_mix(spec["hills"][-1], (0, 0, 0), 0.35),
            line=height * 0.72,
            count=18,
            clearing=(0.25, 0.75) if "river" in features else None,
        )
    if "boat" in features:
        _boat(draw, size, hull=(60, 65, 60), at=(rng.uniform(0.4, 0.6), 0.72))
    # A little blur and grain so it reads as a photograph rather than a diagram.
    picture = picture.filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(size, 12).convert("RGB")
    picture = Image.blend(picture, noise, 0.06)
    return _jpeg(picture.resize(PHOTO_SIZE, Image.Resampling.LANCZOS))


@functools.cache
def portrait(*, seed, uniform):
    """JPEG bytes of a head-and-shoulders silhouette on a studio backdrop."""
    rng = random.Random(seed)
    size = PORTRAIT_CANVAS
    width, height = size
    backdrop = (rng.randint(60, 110), rng.randint(80, 120), rng.randint(110, 160))
    picture = _vertical_gradient(size, _mix(backdrop, (255, 255, 255), 0.35), backdrop)
    draw = ImageDraw.Draw(picture)
    skin = rng.choice([(225, 190, 160), (190, 140, 105), (150, 105, 75), (110, 75, 55)])
    centre = width / 2
    draw.ellipse([centre - 300, height * 0.62, centre + 300, height * 1.3], fill=uniform)
    draw.rectangle([centre - 55, height * 0.48, centre + 55, height * 0.68], fill=skin)
    draw.ellipse([centre - 150, height * 0.18, centre + 150, height * 0.56], fill=skin)
    draw.chord(
        [centre - 155, height * 0.15, centre + 155, height * 0.45], 180, 360, fill=(50, 40, 35)
    )
    picture = picture.filter(ImageFilter.GaussianBlur(3))
    return _jpeg(picture.resize(PORTRAIT_SIZE, Image.Resampling.LANCZOS))


def _jpeg(picture):
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
