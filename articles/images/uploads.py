"""Check an uploaded photo and rebuild it from its pixels, without any hidden metadata.

`clean_upload` is the one gate between an upload and storage: the Image admin form calls it to
show errors at the field, and Image.save() calls it for files that arrive any other way.
"""

import io
import secrets
import warnings
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin, UnidentifiedImageError

from . import metadata

# Pillow's format name -> file extension. Everything else Pillow can read is refused.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Many cameras and phones write JPEGs with extra embedded pictures (previews, depth maps), which
# Pillow calls MPO. They are JPEGs: only the main picture is kept.
STILL_ALIASES = {"MPO": "JPEG"}
ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
# Quality for JPEG originals whose quantization tables cannot be reused.
FALLBACK_JPEG_QUALITY = 95


class CleanedImage(ContentFile):
    """An accepted upload, re-encoded without metadata; Image.save() stores it as it is."""

    def __init__(self, content, *, name, width, height, has_alpha, removed, date_taken):
        super().__init__(content, name=name)
        self.width, self.height = width, height
        self.has_alpha = has_alpha
        self.removed = removed
        self.date_taken = date_taken


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _check_size(upload):
    limit = settings.IMAGE_MAX_BYTES
    if upload.size > limit:
        _refuse(
            _(
                "This file is %(size)s; the largest photo the library accepts is %(limit)s. "
                "Export a smaller JPEG and upload that."
            )
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            "too_large",
        )


def _refuse_unreadable(data):
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in start:
        _refuse(
            _(
                "SVG drawings cannot be uploaded because they can carry scripts. "
                "Export the drawing as PNG and upload that."
            ),
            "svg",
        )
    if start.startswith(b"<"):
        _refuse(
            _(
                "This file is a web page or other text, not a photo, whatever its name says. "
                "Upload the photo itself as JPEG, PNG, WebP or GIF."
            ),
            "not_an_image",
        )
    _refuse(
        _(
            "This file is not a photo we can read. Upload a JPEG, PNG, WebP or GIF image "
            "(save or export it in one of those formats first)."
        ),
        "not_an_image",
    )


def _too_many_pixels():
    _refuse(
        _(
            "This image is larger than %(limit)s megapixels. Resize it (for example to 6,000 "
            "pixels on the long side) and upload it again."
        )
        % {"limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
        "too_many_pixels",
    )


def _open(data):
    """Identify the format from the content (never the name) and check the declared size."""
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that; we refuse both.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            _too_many_pixels()
        except UnidentifiedImageError:
            _refuse_unreadable(data)
        # Some of Pillow's format parsers raise their own errors on malformed headers.
        except Exception:
            _refuse_unreadable(data)
    if STILL_ALIASES.get(image.format, image.format) not in ALLOWED_FORMATS:
        _refuse(
            _("%(format)s files are not accepted. Save the photo as JPEG, PNG, WebP or GIF.")
            % {"format": image.format},
            "format",
        )
    frames = 1 if image.format in STILL_ALIASES else getattr(image, "n_frames", 1)
    if image.width * image.height * frames > settings.IMAGE_MAX_PIXELS:
        _too_many_pixels()
    return image


def _upright_frames(image):
    """Every frame decoded in full, turned as the camera's orientation tag says, info cleared."""
    frames, durations = [], []
    sequence = [image] if image.format in STILL_ALIASES else ImageSequence.Iterator(image)
    try:
        for frame in sequence:
            upright = ImageOps.exif_transpose(frame)
            upright.load()
            durations.append(frame.info.get("duration", 100))
            # Pillow copies some info keys (comments among them) into what it saves.
            upright.info = {}
            frames.append(upright)
    # Pillow's decoders raise many exception types on damaged or hostile files.
    except Exception:
        _refuse(
            _(
                "This image file is damaged or incomplete; the upload may have been cut off. "
                "Export the photo again and upload the new file."
            ),
            "damaged",
        )
    return frames, durations


def _encode_options(image, data):
    """How to re-encode the original so it keeps its quality and nothing else."""
    options = {}
    if icc_profile := image.info.get("icc_profile"):
        # Colour profiles describe the pixels, not the shoot; dropping them shifts colours.
        options["icc_profile"] = icc_profile
    if image.format in {"JPEG", "MPO"}:
        sampling = JpegImagePlugin.get_sampling(image)
        if image.quantization and sampling != -1:
            # The camera's own tables: re-encoding adds no visible loss.
            options |= {"qtables": image.quantization, "subsampling": sampling}
        else:
            options["quality"] = FALLBACK_JPEG_QUALITY
    elif image.format == "WEBP":
        is_lossless = b"VP8L" in data[12:4096]
        options |= {"lossless": True} if is_lossless else {"quality": 90, "method": 4}
    if "transparency" in image.info and image.format in {"PNG", "GIF"}:
        options["transparency"] = image.info["transparency"]
    if image.format == "GIF" and "background" in image.info:
        options["background"] = image.info["background"]
    return options


def save_frames(frames, durations, *, format, loop=0, **options):
    """Encode frames (one for a still) with exactly the given options, nothing inherited."""
    buffer = io.BytesIO()
    first, *rest = frames
    if rest:
        options |= {"save_all": True, "append_images": rest, "duration": durations, "loop": loop}
    first.save(buffer, format=format, **options)
    return buffer.getvalue()


def clean_upload(upload):
    """Validate `upload` (a Django File) and return it rebuilt as a CleanedImage.

    Raises ValidationError with a message for the officer when the file is too big, is not a
    JPEG/PNG/WebP/GIF image, declares too many pixels, or cannot be decoded in full.
    """
    _check_size(upload)
    upload.seek(0)
    data = upload.read()
    image = _open(data)
    removed = metadata.find_metadata(image)
    taken = metadata.date_taken(image)
    has_alpha = image.mode in ALPHA_MODES or "transparency" in image.info
    options = _encode_options(image, data)
    loop = image.info.get("loop", 0)
    frames, durations = _upright_frames(image)
    stored_format = STILL_ALIASES.get(image.format, image.format)
    content = save_frames(frames, durations, format=stored_format, loop=loop, **options)
    extension = ALLOWED_FORMATS[stored_format]
    stem = slugify(Path(upload.name or "").stem)[:60] or "photo"
    # A random part: names are never reused (caches can keep them) nor guessed.
    name = f"{stem}-{secrets.token_hex(6)}.{extension}"
    width, height = frames[0].size
    return CleanedImage(
        content,
        name=name,
        width=width,
        height=height,
        has_alpha=has_alpha,
        removed=removed,
        date_taken=taken,
    )
