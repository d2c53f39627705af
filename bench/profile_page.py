"""Profile one public page in process, as gunicorn would call it, against the bench database.

    .venv/bin/python bench/profile_page.py article --mode uncached --requests 300 \
        --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench \
        --cache-url redis://127.0.0.1:6379/12

Runs the production settings (as bench/run.py does) and calls the WSGI application directly
with a plain GET, so the figure is Django's and this site's own cost of a request, without
gunicorn or the network; the garbage collector is set as gunicorn.conf.py sets each worker's.
Modes as in bench/run.py: cached (a page-cache hit), uncached (PAGE_CACHE_ENABLED=0), cold
(RELEASE_CACHE_ENABLED=0 too). Prints the mean time per request, this process's CPU time per
request and, when PostgreSQL runs on this machine, the CPU time its backend spent answering
(read from /proc), and with --profile cProfile's top functions by cumulative and by own time.
"""

import argparse
import cProfile
import io
import os
import pstats
import runpy
import secrets
import sys
import tempfile
import time
from pathlib import Path

import run  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
STATIC_ROOT = Path(tempfile.gettempdir()) / "newsroom-profile-static"
SEARCH_INDEX_DIR = Path(tempfile.gettempdir()) / "newsroom-profile-search-index"
MODES = {
    "cached": {},
    "uncached": {"PAGE_CACHE_ENABLED": "0"},
    "cold": {"PAGE_CACHE_ENABLED": "0", "RELEASE_CACHE_ENABLED": "0"},
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "page", help="a page name of bench/queries.py (home, article, …) or a path (/bench/floor/)"
    )
    parser.add_argument("--mode", choices=MODES, default="uncached")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--stats", type=Path, help="also write cProfile's statistics here")
    run.add_service_arguments(parser)
    return parser.parse_args()


def configure(args):
    os.environ.pop("REDIS_URL", None)
    os.environ |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.cache_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(STATIC_ROOT),
        "SEARCH_INDEX_DIR": str(SEARCH_INDEX_DIR),
        # Mounts the in-app floor view at /bench/floor/, as bench/run.py does.
        "NEWSROOM_BENCH_FLOOR": "1",
        **MODES[args.mode],
    }


def page_path(name):
    if name.startswith("/"):
        import django

        django.setup()
        return name
    sys.path.insert(0, str(ROOT / "bench"))
    import queries  # bench/queries.py: sets Django up, picks the pages

    return queries.pages()[name]


def environ(path):
    route, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def database_cpu():
    """(pid, CPU seconds so far) of the PostgreSQL backend that serves this process's
    connection, when it runs on this machine (its /proc entry is readable); else None. A page's
    statements are that backend's only work, so the difference over a run is their CPU cost,
    which this process's own CPU time leaves out."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # After the command name in parentheses: state, then fields 4-13, utime and stime (ticks).
    fields = stat.rsplit(")", 1)[1].split()
    return pid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    args = parse_args()
    configure(args)
    path = page_path(args.page)
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    call_command("collectstatic", interactive=False, verbosity=0)
    # Built on first use for this database; `rm -r` the directory after a new bench database.
    call_command("rebuild_search_index", missing=True, verbosity=0, stdout=io.StringIO())

    application = get_wsgi_application()
    # What gunicorn does in each worker it forks (gunicorn.conf.py: the garbage collector's
    # thresholds), so the profile is a worker's.
    runpy.run_path(str(ROOT / "gunicorn.conf.py"))["post_fork"](server=None, worker=None)

    def request():
        statuses = []
        body = application(environ(path), lambda status, headers: statuses.append(status))
        b"".join(body)
        body.close()
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{path} answered {statuses[0]}")

    for _ in range(20):  # warm: connections, templates, caches
        request()
    database_started = database_cpu()
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(args.requests):
        request()
    mean_ms = (time.perf_counter() - started) / args.requests * 1000
    # This process's own CPU time: what the page costs in Python, without the database's share
    # or time the process waited for a core (steadier than the elapsed time on a busy machine).
    cpu_ms = (time.process_time() - cpu_started) / args.requests * 1000
    database_ended = database_cpu()
    print(
        f"{args.page} ({path}), {args.mode}: {mean_ms:.3f} ms per request, "
        f"{cpu_ms:.3f} ms of it this process's CPU"
    )
    if database_started and database_ended and database_started[0] == database_ended[0]:
        database_ms = (database_ended[1] - database_started[1]) / args.requests * 1000
        print(
            f"  and {database_ms:.3f} ms of PostgreSQL's CPU (its backend, pid {database_ended[0]})"
        )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            request()
        profiler.disable()
        if args.stats:
            profiler.dump_stats(args.stats)
        for order in ("cumulative", "tottime"):
            pstats.Stats(profiler).sort_stats(order).print_stats(40)


if __name__ == "__main__":
    main()
