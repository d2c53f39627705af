"""The shipped nginx config (docker/nginx/newsroom.conf) in front of gunicorn, both on loopback:
readers' pages are answered by nginx without reaching the app, staff pass through and are never
stored, and a withdrawal reaches readers once the page's max-age has passed.

Runs the real programs: Debian's nginx, gunicorn with the shipped gunicorn.conf.py and the
production settings, a private redis-server, a SQLite database in a temporary directory. Skipped
without nginx or redis-server, except under CI=true, where that is an error.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CONFIG = ROOT / "docker" / "nginx" / "newsroom.conf"
# The app's max-age for this test: short so it runs in seconds. Production sends 30
# (PAGE_CACHE_CONTROL), which nginx honours the same way.
MAX_AGE = 4


def _require(program):
    path = shutil.which(program) or (f"/usr/sbin/{program}" if program == "nginx" else None)
    if path and Path(path).exists():
        return path
    reason = f"{program} is not installed (apt-get install {program})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run this test", pytrace=False)
    pytest.skip(reason)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port, path="/", timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return _get(port, path)
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered on port {port} within {timeout} s")


def _get(port, path, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Host": "127.0.0.1"}
        if cookie:
            headers["Cookie"] = cookie
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def _replace_once(text, old, new):
    assert text.count(old) == 1, f"the shipped nginx config no longer has {old!r}"
    return text.replace(old, new)


def _nginx_config(workdir, *, listen, upstream):
    """The shipped server config with loopback addresses and temporary paths, inside a main
    config that runs nginx as this user in the foreground."""
    site = SHIPPED_CONFIG.read_text()
    site = _replace_once(site, "server app:8000;", f"server 127.0.0.1:{upstream};")
    site = _replace_once(site, "listen 80;", f"listen 127.0.0.1:{listen};")
    site = _replace_once(site, "/var/cache/nginx/static", str(workdir / "cache-static"))
    site = _replace_once(site, "/var/cache/nginx/pages", str(workdir / "cache-pages"))
    site = _replace_once(site, "alias /srv/media/;", f"alias {workdir / 'media'}/;")
    temp = workdir / "nginx-temp"
    temp.mkdir()
    return f"""
daemon off;
master_process off;
pid {workdir / "nginx.pid"};
error_log {workdir / "nginx-error.log"} warn;
events {{ worker_connections 256; }}
http {{
    access_log {workdir / "nginx-access.log"};
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{site}
}}
"""


SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from newsroom.security.sessions import SIGNED_IN_AT_SESSION_KEY
from tests.factories import ArticleFactory
import time

article = ArticleFactory(headline="Harbor patrol course opens")
user = get_user_model().objects.create_superuser("nginx-test-editor", "e@example.mil", "x")
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session[SIGNED_IN_AT_SESSION_KEY] = time.time()
session.create()
print(json.dumps({"path": article.get_absolute_url(), "session": session.session_key}))
"""

WITHDRAW = """
from django.contrib.auth import get_user_model
from articles.models import Article
from articles.workflow.transitions import withdraw

user = get_user_model().objects.get(username="nginx-test-editor")
article = Article.objects.get(headline="Harbor patrol course opens")
withdraw(article=article, user=user, reason="Published a day early by mistake.")
"""


@pytest.fixture
def stack(tmp_path):
    """nginx → gunicorn → (SQLite, Redis), all on loopback; yields ports and paths."""
    nginx = _require("nginx")
    redis_server = _require("redis-server")
    processes = []
    redis_port, app_port, proxy_port = _free_port(), _free_port(), _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    } | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "PAGE_CACHE_CONTROL": (
            f"public, max-age={MAX_AGE}, stale-while-revalidate=20, stale-if-error=86400"
        ),
    }

    def start(args, log_name, **kwargs):
        log = open(tmp_path / log_name, "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, **kwargs)
        processes.append((process, log))
        return process

    def manage(*args, code=None):
        command = [sys.executable, "manage.py", *args]
        if code:
            command += ["-c", code]
        return subprocess.run(
            command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout

    try:
        start(
            [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
            "redis.log",
        )
        manage("migrate", "--noinput", "-v0")
        manage("collectstatic", "--noinput", "-v0")
        created = json.loads(manage("shell", code=SETUP).strip().splitlines()[-1])
        start(
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-c", "gunicorn.conf.py"],
            "gunicorn.log",
            cwd=ROOT,
            env=env,
        )
        _wait_for(app_port, "/healthz")
        (tmp_path / "media").mkdir(exist_ok=True)
        config = tmp_path / "nginx.conf"
        config.write_text(_nginx_config(tmp_path, listen=proxy_port, upstream=app_port))
        start([nginx, "-c", str(config), "-p", str(tmp_path)], "nginx.log")
        _wait_for(proxy_port, "/healthz")
        yield {
            "proxy": proxy_port,
            "app_log": tmp_path / "gunicorn.log",
            "withdraw": lambda: manage("shell", code=WITHDRAW),
            **created,
        }
    finally:
        for process, log in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


def _app_requests(log, path, *, at_least=0):
    """How many requests for `path` gunicorn has logged (its access log), once at least
    `at_least` are: gunicorn writes a request's line after its response, late on a busy machine."""
    deadline = time.monotonic() + 15
    while True:
        logged = re.findall(rf'"GET {re.escape(path)} HTTP', log.read_text(errors="replace"))
        if len(logged) >= at_least or time.monotonic() > deadline:
            return len(logged)
        time.sleep(0.1)


def test_nginx_serves_readers_from_its_cache_lets_staff_through_and_shows_a_withdrawal(stack):
    proxy, path, log = stack["proxy"], stack["path"], stack["app_log"]

    status, headers, body = _get(proxy, path)
    assert status == 200 and "Harbor patrol course opens" in body
    assert headers["X-Cache-Status"] == "MISS"
    reached_app = _app_requests(log, path, at_least=1)
    for _ in range(5):
        status, headers, again = _get(proxy, path)
        assert (status, headers["X-Cache-Status"], again) == (200, "HIT", body)
    time.sleep(1)  # gunicorn writes its log line after the response
    assert _app_requests(log, path) == reached_app, "a cached page still reached the app"

    # A signed-in officer: past the cache to the app, and the answer (private, with a renewed
    # session cookie) is not stored for readers.
    status, headers, _ = _get(proxy, path, cookie=f"sessionid={stack['session']}")
    assert status == 200 and headers["X-Cache-Status"] == "BYPASS"
    assert headers["Cache-Control"].startswith("private")
    assert _app_requests(log, path, at_least=reached_app + 1) == reached_app + 1
    assert _get(proxy, path)[1]["X-Cache-Status"] == "HIT"

    stack["withdraw"]()
    withdrawn_at = time.monotonic()
    while True:
        status, headers, body = _get(proxy, path)
        elapsed = time.monotonic() - withdrawn_at
        if "Published a day early by mistake." in body:
            break
        assert "Harbor patrol course opens" in body
        assert elapsed <= MAX_AGE + 2, "readers still saw the withdrawn release after max-age"
        time.sleep(0.25)
    assert status == 200 and elapsed <= MAX_AGE + 2


def test_the_shipped_max_age_bounds_readers_staleness_at_60_seconds():
    """The nginx test above runs with a short max-age; production's is the 60 s bound."""
    from newsroom.settings import base

    max_age = int(re.search(r"\bmax-age=(\d+)", base.PAGE_CACHE_CONTROL).group(1))
    stale = re.search(r"\bstale-while-revalidate=(\d+)", base.PAGE_CACHE_CONTROL)
    assert max_age + (int(stale.group(1)) if stale else 0) <= 60
    assert "proxy_cache_background_update" not in SHIPPED_CONFIG.read_text()
