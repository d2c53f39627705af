"""The feeds' XML: Django's feed generators (RSS 2.0 and Atom), each item written once per
release version and the document written around the items on every request.

An item's XML depends only on its release (and the language and site address it is cached
under, public.release_cache); the document around the items only on the feed's scope, language,
site address and newest item's date. Writing every item's elements through the XML writer on
every request was most of a feed's cost, so public.feeds keeps each item written, and a request
writes the channel's dozen elements and copies the items in.
"""

import io
import re

from django.utils import feedgenerator
from django.utils.xmlutils import SimplerXMLGenerator

# Characters XML 1.0 cannot carry. Django's XML writer refuses them with an error, which would
# take the whole feed down for one headline or tag pasted with one; pages show nothing for them.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def writable(text):
    """`text` without the characters XML cannot carry."""
    return _UNWRITABLE.sub("", text)


class WrittenItems:
    """A feed generator whose items come written (written_item), each with its dates for the
    feed's own date, and which writes the document in one piece: each write to an HttpResponse
    is encoded and stored as a chunk of its own."""

    @classmethod
    def written_item(cls, **fields):
        """{"xml", "pubdate", "updateddate"} for an item: the XML this generator writes for
        add_item(**fields), written by its own write_items()."""
        feed = cls(title=None, link=None, description=None)
        feed.add_item(**fields)
        buffer = io.StringIO()
        super(WrittenItems, feed).write_items(
            SimplerXMLGenerator(buffer, "utf-8", short_empty_elements=True)
        )
        [item] = feed.items
        return {
            "xml": buffer.getvalue(),
            "pubdate": item["pubdate"],
            "updateddate": item["updateddate"],
        }

    def add_written_item(self, written):
        """Add an item from written_item(): latest_post_date() reads its dates."""
        self.items.append(written)

    def write_items(self, handler):
        for item in self.items:
            # Copied as it is: the item's text was escaped when it was written. The channel's
            # last element is closed by now, so no start tag is left open.
            handler.ignorableWhitespace(item["xml"])

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class ContentRss(WrittenItems, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the full release in <content:encoded>, as most feed readers expect."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content"])


class ContentAtom(WrittenItems, feedgenerator.Atom1Feed):
    """Atom with the summary in <summary> and the full release in <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})
