"""URL converters shared by the page and feed URLconfs."""

from django.urls import register_converter

from articles.models import ArticleKind


class KindConverter:
    """Only the kinds of release the site knows, so /releases/type/<other>/ is a plain 404."""

    regex = "|".join(ArticleKind.values)

    def to_python(self, value):
        return ArticleKind(value)

    def to_url(self, value):
        return str(value)


register_converter(KindConverter, "kind")
