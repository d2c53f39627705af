"""Load figure for alerts: N confirmed subscribers, one release published through the admin,
a real Celery worker on the Redis broker, a real SMTP server on loopback as the sink.

Prints how long the publishing web request took, how fast deliveries were queued and how
fast messages reached the SMTP sink. See bench/README.md ("Alerts at 10,000 subscribers").

    .venv/bin/python bench/distribution.py --subscribers 10000 \
        --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench \
        --broker-url redis://127.0.0.1:6379/10
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--broker-url", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="newsroom-bench-alerts-")
    database_url = args.database_url or f"sqlite:///{scratch}/bench.sqlite3"

    from tests.smtp_server import free_port

    port = free_port()
    # aiosmtpd's own sink, in its own process (a sink sharing this process's interpreter lock
    # answered each SMTP command in milliseconds and was the bottleneck). Started outside the
    # project folder: our app `public` would hide aiosmtpd's helper module of that name.
    sink = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
        cwd=scratch,
    )
    try:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": args.broker_url,
            # The dev settings print mail to the console unless told otherwise: send it.
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "EMAIL_USE_TLS": "false",
            "MEDIA_ROOT": f"{scratch}/media",
            # Measure what the machine can do: no spreading over minutes.
            "DISTRIBUTION_SEND_RATE_PER_MINUTE": "100000000",
            "DISTRIBUTION_BATCH_SIZE": "100",
            "LOG_LEVEL": "WARNING",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        os.environ.update(env)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(args, env)
    finally:
        sink.terminate()
        sink.wait(10)


def run(args, env):
    import redis
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from articles import roles
    from distribution.models import (
        Delivery,
        DeliveryStatus,
        PublicationEvent,
        Subscriber,
        Subscription,
    )
    from tests.factories import UserFactory, release_in_state

    redis.Redis.from_url(args.broker_url).flushdb()
    authority = UserFactory(roles=[roles.RELEASE_AUTHORITY])
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(authority)

    def publish_ms(headline):
        """Publish a new cleared release through the admin: the request's time in ms."""
        release = release_in_state("cleared", headline=headline)
        url = reverse("admin:articles_article_transition", args=[release.pk, "publish"])
        started = time.perf_counter()
        response = client.post(url, {"when": "now", "shown_version": release.edit_version})
        assert response.status_code == 302, response.status_code
        return (time.perf_counter() - started) * 1000, release

    publish_ms("Bench: warm-up")  # imports, URL patterns, templates
    without = statistics.median(publish_ms(f"Bench: none {n}")[0] for n in range(5))
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"reader{n}@example.org", language="en", confirmed_at=now)
            for n in range(args.subscribers)
        ],
        batch_size=2000,
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, confirmed_at=now) for s in Subscriber.objects.all()],
        batch_size=2000,
    )
    # With every subscriber in place (no worker yet: the request only queues the fan-out).
    with_all = statistics.median(publish_ms(f"Bench: all {n}")[0] for n in range(5))
    PublicationEvent.objects.all().delete()
    redis.Redis.from_url(args.broker_url).flushdb()

    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsroom",
            "worker",
            f"--concurrency={args.concurrency}",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        time.sleep(5)  # the worker connects
        publish_ms("Bench: engineers finish a bridge")
        published = time.perf_counter()
        print(
            f"publish request (admin POST), median of 5: {with_all:.0f} ms with "
            f"{args.subscribers} subscribers, {without:.0f} ms with none; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
            flush=True,
        )
        queued_at = sent_at = None
        deadline = published + args.timeout
        sent = 0
        while time.perf_counter() < deadline:
            if queued_at is None and Delivery.objects.count() >= args.subscribers:
                queued_at = time.perf_counter()
            # A delivery is marked sent once the SMTP server has accepted the message.
            sent = Delivery.objects.filter(status=DeliveryStatus.SENT).count()
            if sent >= args.subscribers:
                sent_at = time.perf_counter()
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(30)

    print(f"subscribers:                 {args.subscribers}")
    if queued_at:
        print(
            f"deliveries queued:           {queued_at - published:.1f} s "
            f"({args.subscribers / (queued_at - published):,.0f}/s)"
        )
    if sent_at:
        print(
            f"messages at the SMTP sink:   {sent_at - published:.1f} s "
            f"({args.subscribers / (sent_at - published):,.0f}/s, "
            f"{args.concurrency} worker processes)"
        )
    print(f"messages sent:               {sent}")


if __name__ == "__main__":
    main()
