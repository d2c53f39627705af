"""A large upload imported by a real Celery worker on the Redis broker: the request only
queues it, the worker makes the draft, the status page then links to it."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.admin import importing
from articles.models import Article
from importers.models import ImportJob, ImportStatus
from tests.signing_in import sign_in
from tests.test_import_drafts import RELEASE

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_large_upload_becomes_a_draft_in_the_worker(client, admin_user, worker, monkeypatch):
    monkeypatch.setattr(importing, "QUEUE_ABOVE_BYTES", 200)  # the test file counts as large
    sign_in(client, admin_user)
    response = client.post(
        reverse("admin:articles_article_import"),
        {"file": SimpleUploadedFile("clinic.txt", RELEASE.encode())},
    )
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("admin:articles_article_import_status", args=[job.pk])

    deadline = time.monotonic() + 30
    while job.is_pending and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    article = Article.objects.get()
    assert article.headline == "Engineers finish clinic in Darién"
    page = client.get(reverse("admin:articles_article_import_status", args=[job.pk]))
    assert reverse("admin:articles_article_change", args=[article.pk]) in page.content.decode()
