"""Draw static/root/favicon.ico (served at /favicon.ico) from the shapes of
static/img/favicon.svg, for browsers and tools that ask for the .ico: run it after changing
the SVG. Needs only Pillow."""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SCALE = 8  # draw large, then shrink: smooth edges without an SVG renderer


def draw():
    size = 32 * SCALE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle([0, 0, size - 1, size - 1], radius=6 * SCALE, fill="#162e51")
    letter = [(8, 24), (8, 8), (11.2, 8), (17.8, 18.3), (17.8, 8), (21, 8), (21, 24)]
    letter += [(17.8, 24), (11.2, 13.7), (11.2, 24)]
    pen.polygon([(x * SCALE, y * SCALE) for x, y in letter], fill="#ffffff")
    pen.rectangle([22.5 * SCALE, 8 * SCALE, 24.5 * SCALE, 24 * SCALE], fill="#e52207")
    return image


if __name__ == "__main__":
    target = ROOT / "static" / "root" / "favicon.ico"
    draw().save(target, sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"wrote {target}")
