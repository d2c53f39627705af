"""The office's time zone (TIME_ZONE): what an officer types is read in it, and every time
shown to staff and readers names it."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from articles.models import ArticleStatus
from tests.factories import release_in_state

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def panama(settings):
    settings.TIME_ZONE = "America/Panama"


def test_scheduled_at_four_in_panama_goes_live_at_2100_utc_and_says_est(
    panama, client_for, authority, client
):
    article = release_in_state("cleared", headline="Engineers open a clinic in Yaviza")
    with time_machine.travel(datetime.datetime(2030, 6, 15, 12, 0, tzinfo=UTC), tick=False):
        publish = reverse("admin:articles_article_transition", args=[article.pk, "publish"])
        page = client_for(authority).get(publish).content.decode()
        assert "Time zone: America/Panama (EST)." in page
        assert "Scheduling keeps it hidden until the chosen time" in page
        response = client_for(authority).post(
            publish,
            {"when": "schedule", "at": "2030-06-15T16:00", "shown_version": article.edit_version},
        )
        assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.release_at == datetime.datetime(2030, 6, 15, 21, 0, tzinfo=UTC)

    with time_machine.travel(datetime.datetime(2030, 6, 15, 20, 59, tzinfo=UTC), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(datetime.datetime(2030, 6, 15, 21, 0, 30, tzinfo=UTC), tick=False):
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        html = page.content.decode()
    assert '<time datetime="2030-06-15T16:00:00-05:00">June 15, 2030, 4:00 p.m. EST</time>' in html


def test_the_release_form_names_the_zone_beside_its_date_and_time(panama, client_for, writer):
    article = release_in_state("draft", created_by=writer)
    page = client_for(writer).get(reverse("admin:articles_article_change", args=[article.pk]))
    html = page.content.decode()
    assert '<span class="datetime-zone">America/Panama (EST)</span>' in html


def test_staff_lists_show_times_with_their_zone(panama, client_for, authority):
    release_in_state("scheduled", headline="Border units finish course")
    page = client_for(authority).get(reverse("admin:articles_article_changelist"))
    assert " EST" in page.content.decode()
    desk = client_for(authority).get(reverse("admin:index")).content.decode()
    assert "Times are shown in the office's time zone, America/Panama (EST)." in desk
