"""Uploads too large for a web request are imported by the task queue: the officer follows the
import on its status page (their own only), which ends with a link to the draft or with the
reason at the file field. Tasks run in-process here (the test settings' eager queue); the real
worker's run is in tests/distribution/test_queued_import.py."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from articles.admin import importing
from articles.models import Article, ArticleStatus
from importers import queued
from importers.models import ImportJob, ImportStatus
from importers.tasks import import_upload
from tests.factories import UserFactory
from tests.signing_in import sign_in

from .test_import_drafts import RELEASE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch):
    """Any upload over 200 bytes counts as large: the test files stay small."""
    monkeypatch.setattr(importing, "QUEUE_ABOVE_BYTES", 200)


@pytest.fixture
def writer_client(client, writer):
    return sign_in(client, writer)


def upload(client, content=None, name="clinic.txt"):
    content = RELEASE.encode() if content is None else content
    return client.post(
        reverse("admin:articles_article_import"), {"file": SimpleUploadedFile(name, content)}
    )


def run_as_the_worker_does(job):
    import_upload.apply(kwargs={"job_id": job.pk})


def status_page(client, job):
    return client.get(reverse("admin:articles_article_import_status", args=[job.pk]))


def test_a_large_upload_is_queued_and_its_page_follows_it_to_the_draft(
    writer_client, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued_work:
        response = upload(writer_client)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_import_status", args=[job.pk])
    assert not Article.objects.exists()  # not in the request

    waiting = status_page(writer_client, job).content.decode()
    assert "Queued." in waiting
    assert 'data-refresh="3"' in waiting and "admin/js/import_status" in waiting
    assert "<script>" not in waiting  # no inline script (CSP)

    for callback in queued_work:  # the worker's turn
        callback()
    job.refresh_from_db()
    article = Article.objects.get()
    assert (job.status, job.article, job.data) == (ImportStatus.DONE, article, b"")
    assert (article.status, article.created_by) == (ArticleStatus.DRAFT, writer)
    assert article.headline == "Engineers finish clinic in Darién"
    done = status_page(writer_client, job).content.decode()
    assert "Done." in done and "data-refresh" not in done
    assert reverse("admin:articles_article_change", args=[article.pk]) in done
    assert "Created the draft “Engineers finish clinic in Darién”." in done

    queued.run_import(job.pk)  # a redelivered task
    assert Article.objects.count() == 1


def test_an_unreadable_large_upload_fails_with_the_reason_at_the_file_field(
    writer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(writer_client, b"\x00\x01\x02" * 2000)
    job = ImportJob.objects.get()
    assert (job.status, job.data) == (ImportStatus.FAILED, b"")
    response = status_page(writer_client, job)
    assert "Failed." in response.content.decode()
    assert "binary file" in response.context["form"].errors["file"][0]
    assert not Article.objects.exists()


def test_small_uploads_and_pasted_text_are_still_imported_in_the_request(
    writer_client, monkeypatch
):
    monkeypatch.setattr(importing, "QUEUE_ABOVE_BYTES", 1024 * 1024)
    response = upload(writer_client)
    assert response["Location"].endswith(f"/{Article.objects.get().pk}/change/")
    assert not ImportJob.objects.exists()


def test_an_officer_sees_only_their_own_imports(client, writer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        upload(sign_in(client, writer))
    job = ImportJob.objects.get()
    other = UserFactory(username="writer2", roles=["Writer"])
    assert status_page(sign_in(client, other), job).status_code == 404


def test_a_database_hiccup_is_retried_and_still_makes_one_draft(
    writer_client, monkeypatch, retries_run, django_capture_on_commit_callbacks
):
    create_draft = queued.create_draft
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return create_draft(*args, **kwargs)

    monkeypatch.setattr(queued, "create_draft", flaky)
    with django_capture_on_commit_callbacks():
        upload(writer_client)
    run_as_the_worker_does(ImportJob.objects.get())
    assert len(calls) == 2
    assert ImportJob.objects.get().status == ImportStatus.DONE
    assert Article.objects.count() == 1


def test_an_import_that_keeps_failing_is_marked_failed_and_logged(
    writer_client, monkeypatch, caplog, retries_run, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OperationalError("the database is gone")

    monkeypatch.setattr(queued, "create_draft", broken)
    with django_capture_on_commit_callbacks():
        upload(writer_client)
    job = ImportJob.objects.get()
    with caplog.at_level(logging.ERROR):
        run_as_the_worker_does(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "server had a problem" in job.error
    assert any("failed for good" in record.getMessage() for record in caplog.records)
    assert (
        "server had a problem" in status_page(writer_client, job).context["form"].errors["file"][0]
    )
