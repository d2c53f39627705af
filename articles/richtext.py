"""The one definition of what rich text may contain, shared by the editor and the sanitizer.

The editor offers exactly these extensions, and nh3 strips everything else, so what an officer
can make in the editor is what survives sanitizing on every save path (form, ORM, import).
"""

from django_prose_editor.fields import create_sanitizer

RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}

RICH_TEXT_CONFIG = {"extensions": RICH_TEXT_EXTENSIONS}

sanitize_rich_text = create_sanitizer(RICH_TEXT_EXTENSIONS)
