"""`make run`: the development web server and, when a broker answers, the Celery worker and
scheduler beside it (one command, one terminal, honcho prefixing each line with its process).

The broker is CELERY_BROKER_URL, else REDIS_URL, else a Redis on this machine's default port.
With none reachable, only the web server starts and tasks run inside it after each commit.
"""

import os
import sys

import redis
from honcho.manager import Manager

ADDRESS = os.environ.get("RUN_ADDRESS", "127.0.0.1:8000")
PYTHON = sys.executable


def reachable(url):
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except (redis.RedisError, ValueError):
        return False
    return True


def main():
    broker = (
        os.environ.get("CELERY_BROKER_URL")
        or os.environ.get("REDIS_URL")
        or "redis://127.0.0.1:6379/0"
    )
    web = [PYTHON, "manage.py", "runserver", ADDRESS]
    if not broker.startswith("redis") or not reachable(broker):
        print(
            f"No task broker at {broker}: background tasks (alerts, webhooks, photo copies) "
            "run inside the web server after each change. Start Redis (or set "
            "CELERY_BROKER_URL) and run `make run` again for a worker and scheduler.",
            flush=True,
        )
        os.execv(PYTHON, web)
    print(f"Task broker at {broker}: starting the web server, a worker and the scheduler.")
    env = {**os.environ, "CELERY_BROKER_URL": broker}
    manager = Manager()
    manager.add_process("web", " ".join(web), env=env)
    manager.add_process(
        "worker",
        f"{PYTHON} -m celery -A newsroom worker --loglevel=INFO --concurrency=2",
        env=env,
    )
    manager.add_process(
        "scheduler",
        f"{PYTHON} -m celery -A newsroom beat --loglevel=INFO --schedule=.celerybeat-schedule",
        env=env,
    )
    manager.loop()
    sys.exit(manager.returncode)


if __name__ == "__main__":
    main()
