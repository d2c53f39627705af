"""System checks: a deployed site must know its public address (messages and webhooks carry
absolute links) and needs a broker and a mail server for alerts to leave at all."""

from django.conf import settings
from django.core.checks import Warning, register

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@register(deploy=True)
def distribution_settings(app_configs, **kwargs):
    problems = []
    site = settings.NEWSROOM_SITE_URL
    host = site.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    if not site.startswith("https://") or host in LOCAL_HOSTS:
        problems.append(
            Warning(
                f"NEWSROOM_SITE_URL is {site!r}: links in alerts and webhooks would not work.",
                hint="Set it to the site's public https:// address.",
                id="distribution.W001",
            )
        )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        problems.append(
            Warning(
                "No task broker: alerts and webhooks are sent inside web requests.",
                hint="Set CELERY_BROKER_URL or REDIS_URL and run a worker and celery beat.",
                id="distribution.W002",
            )
        )
    if not settings.EMAIL_HOST and settings.EMAIL_BACKEND.endswith(
        ("smtp.EmailBackend", "console.EmailBackend")
    ):
        problems.append(
            Warning(
                "EMAIL_HOST is not set: subscriber alerts are printed to the console, not sent.",
                hint="Set EMAIL_HOST (and its port and credentials), or a provider's backend.",
                id="distribution.W003",
            )
        )
    return problems
