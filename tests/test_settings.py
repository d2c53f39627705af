"""The production settings, exercised outside Docker exactly as the container loads them."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process for the rest of the session; a
# production process never has it (and `check --deploy` rightly refuses it).
NOT_INHERITED = ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment |= {"DJANGO_SETTINGS_MODULE": "newsroom.settings.production", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    for key in ("", "change-me", "short"):
        result = manage("check", SECRET_KEY=key)
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        # What alerts and webhooks need (docs/distribution.md); without them the check warns.
        NEWSROOM_SITE_URL="https://news.example.mil",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_HOST="smtp.example.mil",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
