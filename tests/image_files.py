"""Photo files built in memory, as cameras, phones and attackers produce them."""

import io
import struct
import zlib

from PIL import ExifTags
from PIL import Image as PILImage

RED, BLUE = (220, 20, 20), (20, 20, 220)
SERIAL = "CAM-SN-8841207"
COMMENT = b"Shot at FOB Lion, grid 17P PK 123 456"


def _scene(width, height):
    """Smooth gradients, like sky and ground: quick to encode at any size."""
    red = PILImage.linear_gradient("L").resize((width, height))
    green = red.transpose(PILImage.Transpose.ROTATE_180)
    blue = PILImage.radial_gradient("L").resize((width, height))
    return PILImage.merge("RGB", (red, green, blue))


def _iptc_segment():
    """A JPEG APP13 segment with an IPTC caption, as Photoshop and newsroom tools write it."""
    caption = b"Patrol leaving the outpost"
    dataset = b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(dataset)) + dataset
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def camera_jpeg(width=1200, height=800, *, orientation=None, gps=True, secrets=True):
    """A JPEG as a camera writes it: GPS, serial number, make/model, comment, XMP, IPTC."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS R5"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps_ifd[ExifTags.GPS.GPSLatitude] = (8.0, 57.0, 30.0)
        gps_ifd[ExifTags.GPS.GPSLongitudeRef] = "W"
        gps_ifd[ExifTags.GPS.GPSLongitude] = (79.0, 32.0, 10.0)
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
    exif_ifd[ExifTags.Base.DateTimeOriginal] = "2025:03:14 09:30:00"
    if secrets:
        exif_ifd[ExifTags.Base.BodySerialNumber] = SERIAL
    image = _scene(width, height)
    buffer = io.BytesIO()
    options = {"exif": exif, "quality": 90}
    if secrets:
        options |= {
            "comment": COMMENT,
            "xmp": b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>8,57.5N'
            b"</exif:GPSLatitude></x:xmpmeta>",
            "extra": _iptc_segment(),
        }
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def sideways_jpeg():
    """Stored landscape, red left half and blue right half; orientation 6 says turn it 90° CW."""
    image = PILImage.new("RGB", (600, 400), BLUE)
    image.paste(RED, (0, 0, 300, 400))
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def png_with_alpha(width=700, height=300):
    image = PILImage.new("RGBA", (width, height), (0, 94, 162, 0))
    image.paste((0, 94, 162, 255), (0, 0, width // 2, height))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png(width, height):
    """A tiny PNG whose header declares width x height pixels: decoding it would eat memory."""
    buffer = io.BytesIO()
    PILImage.new("1", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = 8  # the IHDR chunk follows the signature: length, type, then the dimensions
    data[ihdr + 8 : ihdr + 16] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr + 4 : ihdr + 8 + 13]))
    data[ihdr + 8 + 13 : ihdr + 8 + 17] = struct.pack(">I", crc)
    return bytes(data)


def truncated_jpeg():
    data = camera_jpeg(800, 600, gps=False, secrets=False)
    return data[: len(data) // 2]


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def animated_gif(frames=4, width=600, height=300):
    """A short animation with a comment block, as GIF tools write it."""
    images = [PILImage.new("RGB", (width, height), (60 * i, 90, 160)) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=images[1:],
        duration=[100 * (i + 1) for i in range(frames)],
        loop=0,
        comment=COMMENT,
    )
    return buffer.getvalue()
