import pytest

from articles.models import RichText
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<p>Safe <strong>bold</strong><script>alert(1)</script>"
    '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">link</a>'
    '<a href="https://example.mil/" onclick="alert(4)">ok</a></p>'
)


def test_rich_text_saved_through_the_orm_is_sanitized():
    block = RichText.objects.create(
        parent=ArticleFactory(), region="body", ordering=10, text=HOSTILE
    )
    block.refresh_from_db()
    assert "<script" not in block.text
    assert "onerror" not in block.text
    assert "onclick" not in block.text
    assert "javascript:" not in block.text
    assert "<strong>bold</strong>" in block.text
    assert 'href="https://example.mil/"' in block.text
