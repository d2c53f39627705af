"""What hidden metadata a photo carries, named the way an officer understands it.

Stripping itself needs no list: the cleaned file is re-encoded from pixels alone (see
`articles.images.uploads`). This module only reports what that removed, so the officer knows
what the camera had recorded.
"""

import datetime

from django.utils.translation import gettext_lazy as _
from PIL import ExifTags

# Stored on Image.removed_metadata as these codes, shown with these words.
METADATA_LABELS = {
    "gps": _("GPS position"),
    "serial": _("camera serial number"),
    "owner": _("camera owner name"),
    "camera": _("camera make and model"),
    "makernote": _("maker notes (can hold the camera serial number)"),
    "datetime": _("date and time taken"),
    "author": _("author and copyright notice"),
    "software": _("editing software and computer name"),
    "thumbnail": _("embedded preview (can show the photo before cropping)"),
    "comment": _("comment"),
    "exif": _("other camera settings (EXIF)"),
    "xmp": _("XMP"),
    "iptc": _("IPTC"),
    "other": _("other embedded data"),
}

_IFD0_CODES = {
    ExifTags.Base.Make: "camera",
    ExifTags.Base.Model: "camera",
    ExifTags.Base.DateTime: "datetime",
    ExifTags.Base.Artist: "author",
    ExifTags.Base.Copyright: "author",
    ExifTags.Base.Software: "software",
    ExifTags.Base.HostComputer: "software",
    ExifTags.Base.ImageDescription: "comment",
    ExifTags.Base.XPComment: "comment",
    ExifTags.Base.XPAuthor: "author",
}
_EXIF_IFD_CODES = {
    ExifTags.Base.BodySerialNumber: "serial",
    ExifTags.Base.LensSerialNumber: "serial",
    ExifTags.Base.CameraOwnerName: "owner",
    ExifTags.Base.LensMake: "camera",
    ExifTags.Base.LensModel: "camera",
    ExifTags.Base.MakerNote: "makernote",
    ExifTags.Base.DateTimeOriginal: "datetime",
    ExifTags.Base.DateTimeDigitized: "datetime",
    ExifTags.Base.UserComment: "comment",
}
# Pointers to sub-directories and the orientation (applied to the pixels) are not findings.
_STRUCTURAL_TAGS = {
    ExifTags.Base.Orientation,
    ExifTags.Base.ExifOffset,
    ExifTags.Base.GPSInfo,
    ExifTags.IFD.Interop,
}
# Image.info keys that describe the pixels rather than the shoot; they are kept or harmless.
_PIXEL_INFO_KEYS = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "dpi",
    "adobe",
    "adobe_transform",
    "progressive",
    "progression",
    "icc_profile",
    "transparency",
    "gamma",
    "srgb",
    "chromaticity",
    "aspect",
    "interlace",
    "duration",
    "loop",
    "background",
    "version",
    "extension",
    "disposal",
    "blend",
    "bbox",
    "default_image",
    "timestamp",
    "exif",
    "xmp",
    "comment",
    "photoshop",
    "mp",
    "mpoffset",
    "flashpix",
}
_JPEG_SEGMENT_CODES = {
    b"Exif\x00": None,  # reported tag by tag above
    b"http://ns.adobe.com/xap/1.0/": "xmp",
    b"http://ns.adobe.com/xmp/extension/": "xmp",
    b"Photoshop 3.0": "iptc",
}
_KEPT_JPEG_SEGMENTS = (b"JFIF", b"ICC_PROFILE", b"Adobe")


def _exif_findings(exif):
    found = set()
    if exif.get_ifd(ExifTags.IFD.GPSInfo):
        found.add("gps")
    if exif.get_ifd(ExifTags.IFD.IFD1):
        found.add("thumbnail")
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
    for tag in exif:
        if tag not in _STRUCTURAL_TAGS:
            found.add(_IFD0_CODES.get(tag, "exif"))
    for tag in exif_ifd:
        found.add(_EXIF_IFD_CODES.get(tag, "exif"))
    return found


def _jpeg_segment_findings(image):
    found = set()
    for marker, payload in getattr(image, "applist", []):
        if marker == "COM":
            found.add("comment")
            continue
        if payload.startswith(_KEPT_JPEG_SEGMENTS):
            continue
        code = next(
            (code for prefix, code in _JPEG_SEGMENT_CODES.items() if payload.startswith(prefix)),
            "other",
        )
        if code:
            found.add(code)
    return found


def _as_bytes(value):
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "replace")


def find_metadata(image):
    """Codes (keys of METADATA_LABELS) for the hidden metadata in an opened Pillow image."""
    found = _exif_findings(image.getexif())
    found |= _jpeg_segment_findings(image)
    info = image.info
    if info.get("xmp"):
        found.add("xmp")
        if b"GPSLatitude" in _as_bytes(info["xmp"]) or b"GPSLongitude" in _as_bytes(info["xmp"]):
            found.add("gps")
    if info.get("comment"):
        found.add("comment")
    if info.get("photoshop"):
        found.add("iptc")
    # PNG text chunks (tEXt, iTXt, zTXt) land in info under their own keywords.
    if any(key not in _PIXEL_INFO_KEYS for key in info):
        found.add("comment")
    return [code for code in METADATA_LABELS if code in found]


def date_taken(image):
    """The day the camera says the photo was taken, or None."""
    raw = image.getexif().get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal, "")
    try:
        return datetime.datetime.strptime(str(raw).strip()[:10], "%Y:%m:%d").date()
    except ValueError:
        return None


def describe(codes):
    """The stored codes in words, in a stable order, ignoring codes no longer known."""
    return [METADATA_LABELS[code] for code in METADATA_LABELS if code in codes]
