"""Write a photo's title, caption, credit, VIRIN and date taken into its high-resolution copy.

Uploads lose every piece of hidden metadata (articles.images.uploads); what an officer typed in
the library is then written back into the copy readers download, as IPTC and XMP, so a photo
saved from the site keeps its caption and credit in any picture desk's software. Only these
fields are written, never anything the upload check removed. exiv2 (through pyexiv2) edits the
metadata blocks in place: the pixels are not re-encoded.
"""

import threading

import pyexiv2

# pyexiv2 keeps state in globals of the C++ library; one photo at a time per process.
_EXIV2 = threading.Lock()
UTF8 = "\x1b%G"  # IPTC's "coded character set" value for UTF-8


# Each library field and where it goes. The VIRIN goes to the IPTC job identifier
# ("transmission reference"), where picture desks look for an agency's own record number.
WHERE = {
    "title": (["Iptc.Application2.ObjectName"], ["Xmp.dc.title"]),
    "caption": (["Iptc.Application2.Caption"], ["Xmp.dc.description"]),
    "credit": (["Iptc.Application2.Credit"], ["Xmp.photoshop.Credit"]),
    "virin": (
        ["Iptc.Application2.TransmissionReference"],
        ["Xmp.photoshop.TransmissionReference", "Xmp.dc.identifier"],
    ),
    "date_taken": (["Iptc.Application2.DateCreated"], ["Xmp.photoshop.DateCreated"]),
}


def fields(*, title, caption, credit, virin, date_taken):
    """The (IPTC, XMP) values to write; empty fields are left out."""
    values = {
        "title": title,
        "caption": caption,
        "credit": credit,
        "virin": virin,
        "date_taken": date_taken.isoformat() if date_taken else "",
    }
    iptc, xmp = {}, {}
    for name, value in values.items():
        if value:
            iptc_keys, xmp_keys = WHERE[name]
            iptc |= dict.fromkeys(iptc_keys, value)
            xmp |= dict.fromkeys(xmp_keys, value)
    if iptc:
        iptc["Iptc.Envelope.CharacterSet"] = UTF8
    return iptc, xmp


def with_credits(data, **values):
    """`data` (a stripped JPEG, PNG, WebP or GIF) with the fields written in. GIF has no room
    for IPTC or XMP that exiv2 can write: it comes back as it was."""
    iptc, xmp = fields(**values)
    if data[:4] == b"GIF8" or not (iptc or xmp):
        return data
    with _EXIV2, pyexiv2.ImageData(data) as image:
        if iptc:
            image.modify_iptc(iptc, encoding="utf-8")
        if xmp:
            image.modify_xmp(xmp, encoding="utf-8")
        return image.get_bytes()


def read(data):
    """(IPTC, XMP, EXIF) of a stored file, for checks and tests."""
    with _EXIV2, pyexiv2.ImageData(data) as image:
        return (
            image.read_iptc(encoding="utf-8"),
            image.read_xmp(encoding="utf-8"),
            image.read_exif(),
        )
