"""Schemathesis against a running server: requests generated from the OpenAPI document, none
of which may get a 5xx, and every answer must match the document. Bounded: a few examples per
operation, well under the CI budget."""

import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from articles.models import InitiativeTable, InitiativeTableRow, Quote, RichText
from tests.factories import ArticleFactory, InitiativeFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def unthrottled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }
    api_settings.reload()
    AnonRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    yield
    api_settings.reload()
    AnonRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


def test_schemathesis_finds_no_server_error_and_no_answer_off_the_schema(
    live_server, unthrottled, tmp_path
):
    unit = OrganizationFactory(slug="jtf-bravo")
    for number in range(3):
        release = ArticleFactory(kind="press-release" if number else "statement")
        release.tags.add("Aviation")
        release.organizations.add(unit)
        release.people.add(PersonFactory(organization=unit))
        RichText.objects.create(parent=release, region="body", ordering=10, text="<p>Text</p>")
        Quote.objects.create(
            parent=release, region="body", ordering=20, speaker=PersonFactory(), text="Words"
        )
        table = InitiativeTable.objects.create(
            parent=release, region="body", ordering=30, caption="Work", headings=["A", "B"]
        )
        InitiativeTableRow.objects.create(table=table, initiative=InitiativeFactory(), cells=["b"])
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"{live_server.url}/api/v1/openapi.json",
            "--checks",
            "not_a_server_error,response_schema_conformance,content_type_conformance",
            "--max-examples",
            "15",
            "--request-timeout",
            "20",
            "--seed",
            "19",
            "--no-color",
        ],
        cwd=tmp_path,  # schemathesis keeps its cache in the working directory
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
