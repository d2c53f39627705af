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
