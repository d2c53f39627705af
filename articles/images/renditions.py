"""Smaller copies of a stored photo for responsive pages: which ones, and how to make them.

Every photo gets each configured width (never wider than the original) in WebP, plus a
fallback for browsers without WebP: JPEG, or PNG when the photo has transparency.
"""

from django.conf import settings
from PIL import Image, ImageSequence

from .uploads import save_frames

WEBP, JPEG, PNG = "webp", "jpeg", "png"
EXTENSIONS = {WEBP: "webp", JPEG: "jpg", PNG: "png"}
ENCODER_OPTIONS = {
    WEBP: {"format": "WEBP", "quality": 80, "method": 4},
    JPEG: {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    PNG: {"format": "PNG"},
}


def fallback_format(*, has_alpha):
    return PNG if has_alpha else JPEG


def planned(*, width, has_alpha):
    """(width, format) pairs an image of this width should have, narrowest first."""
    widths = sorted({min(target, width) for target in settings.IMAGE_RENDITION_WIDTHS})
    return [(w, f) for w in widths for f in (WEBP, fallback_format(has_alpha=has_alpha))]


class Source:
    """A stored original decoded once, to make several renditions from it."""

    def __init__(self, file, *, has_alpha):
        with Image.open(file) as image:
            self.icc_profile = image.info.get("icc_profile")
            if image.mode not in {"RGB", "RGBA", "P", "PA"}:
                # Converting CMYK or grayscale to RGB below makes their profile wrong for it.
                self.icc_profile = None
            self.loop = image.info.get("loop", 0)
            mode = "RGBA" if has_alpha else "RGB"
            self.frames, self.durations = [], []
            for frame in ImageSequence.Iterator(image):
                self.frames.append(frame.convert(mode))
                # Read after decoding: WebP sets a frame's duration only when it is loaded.
                self.durations.append(frame.info.get("duration", 100))
        self.width, self.height = self.frames[0].size

    def height_at(self, width):
        return max(1, round(self.height * width / self.width))

    def render(self, *, width, format):
        """Encoded bytes of the rendition; only WebP keeps an animation moving."""
        size = (width, self.height_at(width))
        frames = self.frames if format == WEBP else self.frames[:1]
        # reducing_gap: a quick box reduction first, then Lanczos; same look, much faster.
        resized = [
            frame.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0) for frame in frames
        ]
        options = dict(ENCODER_OPTIONS[format])
        if self.icc_profile:
            options["icc_profile"] = self.icc_profile
        return save_frames(resized, self.durations, loop=self.loop, **options)
