import datetime

import pytest
from django.utils import timezone

from articles.models import PersonRole
from tests.checks.helpers import draft, findings
from tests.checks.test_quotes import add_quote
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_speaker_without_rank_or_title_is_a_warning_naming_them():
    article = draft()
    add_quote(article, PersonFactory(given_name="Ana", family_name="Soto", rank="", title=""), "Hi")
    found = findings(article, "speaker-identification")
    assert [(f.location.label, f.is_error) for f in found] == [("Block 1 (quote)", False)]
    assert "Ana Soto is quoted without a rank or title" in found[0].message


@pytest.mark.parametrize(
    ("rank", "title"), [("Sgt. 1st Class", ""), ("", "minister of public security")]
)
def test_a_rank_or_a_title_identifies_the_speaker(rank, title):
    article = draft()
    add_quote(article, PersonFactory(rank=rank, title=title), "We are ready.")
    assert findings(article, "speaker-identification") == []


def test_the_rank_and_title_held_on_the_release_date_count():
    """Someone who has a title today but had none on an archived release's date."""
    release_at = timezone.now() - datetime.timedelta(days=400)
    article = draft(release_at=release_at)
    speaker = PersonFactory(rank="Sgt.", title="an instructor")
    held_until = (release_at + datetime.timedelta(days=1)).date()
    PersonRole.objects.create(person=speaker, rank="", title="", held_until=held_until)
    add_quote(article, speaker, "We are ready.")
    assert len(findings(article, "speaker-identification")) == 1
