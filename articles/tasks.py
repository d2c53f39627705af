"""Background work of the editorial core, run by the Celery worker (newsroom/celery.py)."""

from celery import shared_task

from articles.models import Image


@shared_task
def make_renditions(image_id):
    """The responsive copies of a large photo. Idempotent: only missing copies are made, and
    a copy made twice at once keeps one row (articles.images.services)."""
    from articles.images.services import renditions_for

    image = Image.objects.filter(pk=image_id).first()
    if image is not None:
        renditions_for(image)


@shared_task
def build_photo_archive(article_id):
    """The zip of a release's photos, after it is published or corrected or a photo it shows
    changes. Idempotent: an archive that already holds the photos as they are is kept."""
    from articles.images.archives import build_logged

    build_logged(article_id)


@shared_task
def send_workflow_email(*, event, article_id, actor_id, comment):
    """The staff e-mails of one workflow step (articles.notifications). Run once per step; a
    redelivery after a worker crash is the only way a message goes twice."""
    from articles.notifications import deliver

    deliver(event=event, article_id=article_id, actor_id=actor_id, comment=comment)
