import pytest
from django.core.management import call_command

from articles.checks import blocking_findings
from articles.models import Article

pytestmark = pytest.mark.django_db


def test_the_published_demo_releases_pass_the_clearance_gate(settings):
    settings.DEBUG = True  # seed_demo is for development sites
    call_command("seed_demo", verbosity=0)
    releases = list(Article.objects.all())
    assert releases
    assert {release.headline: blocking_findings(release) for release in releases} == {
        release.headline: [] for release in releases
    }
