"""`make bench`: build a database of N releases, serve it with gunicorn as in production, load
each page over loopback and print one table (see bench/README.md).

Every load is bounded in time (--duration) and, with the Python load generator, in requests
(--max-requests); every request goes to 127.0.0.1.
"""

import argparse
import datetime
import http.client
import json
import os
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CACHED_PAGES = ("home", "article", "tag", "person", "search (1 word)", "search (3 words)", "feed")
UNCACHED_PAGES = CACHED_PAGES
# Only the article page uses the release cache; the other pages render the same without it.
COLD_PAGES = ("article",)
SEARCH_PAGES = ("search (1 word)", "search (3 words)")
# Each mode: the server's extra environment (a value may name an argument, "{recycle_every}"),
# the pages loaded and, where it is not --connections, the number of connections. "uncached":
# the page cache off, as right after any edit empties it; "cold": the release cache off too, as
# for the edited release itself; "latency": uncached search on one connection, so p95 is the
# time a search takes and not the time spent queueing behind the other connections' requests
# for the two workers; "recycling": cached pages with each worker replaced after
# --recycle-every requests instead of ~50,000, so the p99 shows what a replacement costs the
# readers waiting meanwhile (several a page).
MODES = {
    "cached": ({}, CACHED_PAGES, None),
    "uncached": ({"PAGE_CACHE_ENABLED": "0"}, UNCACHED_PAGES, None),
    "cold": ({"PAGE_CACHE_ENABLED": "0", "RELEASE_CACHE_ENABLED": "0"}, COLD_PAGES, None),
    "latency": ({"PAGE_CACHE_ENABLED": "0"}, SEARCH_PAGES, 1),
    "recycling": ({"GUNICORN_MAX_REQUESTS": "{recycle_every}"}, ("home", "article"), None),
}
QUERY_COLUMN = {"uncached": 0, "cached": 1, "cold": 2, "latency": 0, "recycling": 1}
# Modes left out of the CPU table: on one connection the machine mostly idles, and a worker
# that exits takes its CPU time with it.
NOT_IN_CPU_TABLE = ("latency", "recycling")
# Shares are of the bare floor (bench/bare_floor.py), measured in the same run (issue 17).
# A mode whose bare floor moved by more than this share between its start and its end ran on a
# host whose speed changed: the table says so.
UNSTEADY = 0.2
TARGETS = {
    ("home", "cached"): ["≥ 60% of bare", "p99 ≤ 20 ms"],
    ("article", "cached"): ["≥ 60% of bare", "p99 ≤ 20 ms"],
    ("article", "uncached"): ["≥ 15% of bare"],
    ("article", "cold"): ["≥ 6% of bare"],
    ("search (1 word)", "uncached"): ["≥ 10% of bare"],
    ("search (3 words)", "uncached"): ["≥ 10% of bare"],
    ("feed", "uncached"): ["≥ 10% of bare"],
    ("search (1 word)", "latency"): ["p95 < 50 ms"],
    ("search (3 words)", "latency"): ["p95 < 50 ms"],
    # Worker recycling that does not hurt latency.
    ("home", "recycling"): ["p99 ≤ 20 ms"],
    ("article", "recycling"): ["p99 ≤ 20 ms"],
}


def add_service_arguments(parser):
    """--database-url and --cache-url: the bench database and the Redis the pages use."""
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
        ),
    )
    parser.add_argument(
        "--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12")
    )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=200_000, help="per page (Python)")
    add_service_arguments(parser)
    parser.add_argument("--load", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--keep-data", action="store_true", help="reuse the existing database")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument(
        "--modes", nargs="+", choices=MODES, default=list(MODES), help="a quick run of some"
    )
    parser.add_argument(
        "--recycle-every",
        type=int,
        default=2000,
        help="requests after which the recycling mode replaces a worker (± a tenth)",
    )
    parser.add_argument(
        "--pages", nargs="+", metavar="PAGE", help="a quick run of some (names as in the table)"
    )
    return parser.parse_args(argv)


def recreate_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def vacuum_analyze(url):
    """Bring a freshly bulk-loaded database to the state autovacuum keeps a live one in
    (planner statistics, visibility map), so no measured request pays for the load."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the shipped config (and, for Newsroom, the production settings), two
    workers, on a free loopback port."""

    def __init__(self, env, workdir, name, app="newsroom.wsgi"):
        self.port = free_port()
        self.env = env | {"GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.log = open(workdir / f"gunicorn-{name}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", app, "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log.name}")
            try:
                if fetch(self.port, "/bench/floor/") == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within 60 s; see {self.log.name}")

    def worker_rss_mb(self):
        """Resident memory of each worker, from /proc (workers are the master's children). Right
        after a load that replaced workers, one may be between its exit and its successor:
        waits up to two seconds for all of them."""
        deadline = time.monotonic() + 2
        while True:
            sizes = self._live_worker_rss_mb()
            if len(sizes) == int(self.env["GUNICORN_WORKERS"]) or time.monotonic() > deadline:
                return sizes
            time.sleep(0.05)

    def _live_worker_rss_mb(self):
        sizes = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                )
            except OSError:
                continue
            # A worker that has just exited (recycled) has no memory left to read.
            if fields.get("PPid", "").strip() == str(self.process.pid) and "VmRSS" in fields:
                sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
        return sorted(sizes)

    def workers_replaced(self):
        """How many workers gunicorn started beyond its first ones, from its log."""
        self.log.flush()
        booted = Path(self.log.name).read_text(errors="replace").count("Booting worker with pid")
        return booted - int(self.env["GUNICORN_WORKERS"])

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# Where the machine's CPU goes while a page is loaded: the server's processes (gunicorn's
# master and workers), PostgreSQL's (the bench database's backends and the server's own
# background processes, not other databases' backends), Redis's, and the load generator (wrk, a
# child of this process, or this process's own threads). Their sum against the cores' time
# shows what a request costs the machine whole.
CPU_GROUPS = ("app", "postgres", "redis", "load generator")


def process_cpu(server_pid, database):
    """{pid: (group, CPU seconds so far)} of the processes of CPU_GROUPS, from /proc; the load
    generator's under the pseudo-pid 0, from getrusage."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            title = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # gone meanwhile
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        # After the name: state, ppid, then fields 5-13, utime and stime (in ticks).
        fields = text[text.rindex(")") + 2 :].split()
        pid, ppid = int(stat.parent.name), int(fields[1])
        if server_pid in (pid, ppid):
            group = "app"
        elif name.startswith("postgres") and (f" {database} " in title or "(" not in title):
            # A client backend's title names its database and its client's address.
            group = "postgres"
        elif name.startswith("redis-server"):
            group = "redis"
        else:
            continue
        used[pid] = (group, (int(fields[11]) + int(fields[12])) / ticks)
    used[0] = (
        "load generator",
        sum(
            usage.ru_utime + usage.ru_stime
            for usage in (
                resource.getrusage(resource.RUSAGE_CHILDREN),
                resource.getrusage(resource.RUSAGE_SELF),
            )
        ),
    )
    return used


def cpu_ticks():
    """(ticks stolen by the hypervisor, all ticks) of every core so far, from /proc/stat; None
    where it cannot be read."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(field) for field in fields]
    # user nice system idle iowait irq softirq steal guest guest_nice; guest time is counted
    # in user time already.
    return ticks[7], sum(ticks[:8])


def processor(cpuinfo=Path("/proc/cpuinfo")):
    """The processor as /proc/cpuinfo names it, with its cache ("AMD EPYC, 1024 KB cache"), or
    None where it cannot be read. Shares of bare compare across machines only roughly: a page
    that runs much Python loses more than the bare floor does to a slower processor or to
    neighbours on a shared host (bench/README.md, eleventh round)."""
    try:
        lines = cpuinfo.read_text().splitlines()
    except OSError:
        return None
    fields = {
        name.strip(): value.strip()
        for name, value in (line.split(":", 1) for line in lines if ":" in line)
    }
    if "model name" not in fields:
        return None
    cache = fields.get("cache size")
    return f"{fields['model name']}, {cache} cache" if cache else fields["model name"]


def stolen_percent(before, after):
    """The share of the cores' time that a virtual machine's host gave to other guests between
    two cpu_ticks(): time the bench's processes waited for a core without it showing as load, so
    a run with much of it is slower for reasons outside the machine."""
    if before is None or after is None or after[1] == before[1]:
        return None
    return round((after[0] - before[0]) / (after[1] - before[1]) * 100, 1)


def load_accounted(load, server, path, args):
    """load(server.port, path, args), with the CPU each group of processes spent per request
    (`cpu_ms`; a process that ended during the load is left out) and the cores' time per
    request (`machine_ms`: cores × elapsed / requests)."""
    database = urlsplit(args.database_url).path.lstrip("/")
    before, started = process_cpu(server.process.pid, database), time.monotonic()
    row = load(server.port, path, args)
    elapsed, after = time.monotonic() - started, process_cpu(server.process.pid, database)
    spent = dict.fromkeys(CPU_GROUPS, 0.0)
    for pid, (group, seconds) in after.items():
        spent[group] += seconds - before.get(pid, (group, 0.0))[1]
    requests = max(row["requests"], 1)
    row["cpu_ms"] = {group: round(spent[group] / requests * 1000, 3) for group in CPU_GROUPS}
    row["machine_ms"] = round(os.cpu_count() * elapsed / requests * 1000, 3)
    return row


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def load_wrk(port, path, args):
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{args.connections}",
            f"-d{max(1, round(args.duration))}s",
            "-s",
            str(ROOT / "bench" / "report.lua"),
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    seconds = result["duration_us"] / 1e6
    return {
        "requests": result["requests"],
        "req_per_s": result["requests"] / seconds,
        "p50_ms": result["p50_us"] / 1000,
        "p95_ms": result["p95_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "errors": result["errors"],
    }


def load_python(port, path, args):
    """Keep-alive connections in threads, until the time or the request budget runs out."""
    deadline = time.monotonic() + args.duration
    latencies, errors, lock = [], [0], threading.Lock()

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            with lock:
                if len(latencies) + errors[0] >= args.max_requests:
                    break
            start = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                ok = False
            elapsed = time.perf_counter() - start
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    latencies.sort()

    def percentile(share):
        return latencies[min(len(latencies) - 1, int(len(latencies) * share))] * 1000

    return {
        "requests": len(latencies),
        "req_per_s": len(latencies) / seconds,
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
        "errors": errors[0],
    }


# On one connection the Python generator, whichever --load: wrk's latency percentiles there are
# not its requests' times (gunicorn's sync workers close each connection and wrk reconnects): on
# the in-app floor it reported p99 134 ms and a mean of 3.9 ms for 7,186 requests in 5.1 s, a
# mean of 0.7 ms by its own count, where the Python generator times every request (p99 1.7 ms).
ONE_CONNECTION_LOAD = load_python


def environment(args, workdir):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CACHE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "0",
        "DATABASE_URL": args.database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no TLS proxy in front.
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "SEARCH_INDEX_DIR": str(workdir / "search-index"),
        "NEWSROOM_BENCH_FLOOR": "1",
        "GUNICORN_WORKERS": "2",
        # Worker recycling as shipped (gunicorn.conf.py): its cost belongs in the figures.
    }
    if args.cache_url and reachable(args.cache_url):
        env["CACHE_URL"] = args.cache_url
    return env


def reachable(url):
    """Whether the cache server answers; without it each worker keeps its own local cache."""
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=2).close()
    except OSError:
        return False
    return True


def measure(server, urls, pages, load, args):
    rows = {}
    for name in pages:
        path = urls[name]
        status = fetch(server.port, path)  # fills the cache where there is one
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        rows[name] = load_accounted(load, server, path, args)
    return rows


def run(args):
    load = {"wrk": load_wrk, "python": load_python}.get(args.load)
    if load is None:
        load = load_wrk if shutil.which("wrk") else load_python
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    report = measure_all(args, load, workdir)
    # Kept when a run fails: the gunicorn logs in it say why.
    shutil.rmtree(workdir, ignore_errors=True)
    return report


def measure_all(args, load, workdir):
    env = environment(args, workdir)
    if not args.keep_data:
        recreate_database(args.database_url)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "generate_bench_data", "--releases", str(args.releases))
        vacuum_analyze(args.database_url)
    # The search index lives in this run's directory: built anew for data kept from a run before.
    manage(env, "rebuild_search_index", "--missing", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    counts = json.loads(
        subprocess.run(
            [PYTHON, "bench/queries.py"], cwd=ROOT, env=env, capture_output=True, check=True
        ).stdout
    )
    urls = counts["urls"]

    results, rss, replaced = {}, {}, {}
    # The 1-minute load average before and after the measured loads: a run's figures only
    # compare with another's when the machine was as quiet (the load generator counts too).
    load_before, cpu_before = os.getloadavg()[0], cpu_ticks()
    # The bare floor is loaded right before and right after each mode's pages, and the mode's
    # shares are of the mean: on a shared host the machine's speed can change within a run.
    bare = Server(env, workdir, "bare", app="bench.bare_floor:application")
    bare_floor = {}
    try:
        for mode in args.modes:
            results[mode], rss[mode], replaced[mode], bare_floor[mode] = measure_mode(
                mode, env, workdir, bare, urls, load, args
            )
    finally:
        bare.stop()

    report = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "releases": args.releases,
        "duration_s": args.duration,
        "connections": args.connections,
        "load_generator": load.__name__.removeprefix("load_"),
        "one_connection_load_generator": ONE_CONNECTION_LOAD.__name__.removeprefix("load_"),
        "cache": "redis" if "CACHE_URL" in env else "local memory (no cache server answered)",
        "cpus": os.cpu_count(),
        "processor": processor(),
        "load_average": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "stolen_percent": stolen_percent(cpu_before, cpu_ticks()),
        "urls": urls,
        "queries": counts["queries"],
        "bare_floor": bare_floor,
        "results": results,
        "worker_rss_mb": rss,
        "workers_replaced": replaced,
        "requests_served": {
            mode: sum(row["requests"] for row in rows.values()) for mode, rows in results.items()
        },
    }
    print_table(report)
    args.output.mkdir(parents=True, exist_ok=True)
    path = args.output / f"{report['when'].replace(':', '')}-n{args.releases}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nWritten to {path}")
    return report


def measure_mode(mode, env, workdir, bare, urls, load, args):
    """(the mode's rows, its workers' RSS, how many workers were replaced, the bare floor's loads
    before and after them and their mean req/s): the in-app floor and the mode's pages on their
    own gunicorn, between two loads of the `bare` floor with the same connections."""
    extra, pages, connections = MODES[mode]
    extra = {name: value.format_map(vars(args)) for name, value in extra.items()}
    pages = [page for page in pages if not args.pages or page in args.pages]
    mode_args = argparse.Namespace(**vars(args) | {"connections": connections or args.connections})
    mode_load = ONE_CONNECTION_LOAD if mode_args.connections == 1 else load
    before = load_accounted(mode_load, bare, "/bench/floor/", mode_args)
    server = Server(env | extra, workdir, mode)
    try:
        rows = {"floor": load_accounted(mode_load, server, "/bench/floor/", mode_args)}
        rows |= measure(server, urls, pages, mode_load, mode_args)
        rss = server.worker_rss_mb()
        replaced = server.workers_replaced()
    finally:
        server.stop()
    after = load_accounted(mode_load, bare, "/bench/floor/", mode_args)
    mean = (before["req_per_s"] + after["req_per_s"]) / 2
    return rows, rss, replaced, {"before": before, "after": after, "req_per_s": mean}


def _stolen(report):
    stolen = report.get("stolen_percent")
    return "unknown" if stolen is None else f"{stolen:.1f}%"


def _bare(report, mode):
    """The bare floor's req/s for `mode`: the mean of its loads before and after the mode's
    pages, with the mode's connections."""
    return report["bare_floor"][mode]["req_per_s"]


def _unsteady(report, mode):
    """Whether the bare floor changed by more than UNSTEADY between the start and the end of
    `mode`: the host's speed changed under the mode's pages, and its shares are not to be
    trusted."""
    before, after = (report["bare_floor"][mode][when]["req_per_s"] for when in ("before", "after"))
    return abs(before - after) > UNSTEADY * max(before, after)


def _met(target, row, bare):
    """'≥ 60% of bare', 'p99 ≤ 20 ms' or 'p95 < 50 ms', checked against a result row."""
    words = target.split()
    if words[0] in ("p95", "p99"):
        measured, limit = row[f"{words[0]}_ms"], float(words[2])
        return measured < limit if words[1] == "<" else measured <= limit
    return row["req_per_s"] / bare * 100 >= float(words[1].rstrip("%"))


def print_table(report):
    header = (
        f"{'page':<18} {'mode':<9} {'req/s':>8} {'% bare':>7} {'% app':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7} {'queries':>7} {'errors':>6}  target"
    )
    bare = report["bare_floor"]
    processor = f" ({report['processor']})" if report.get("processor") else ""
    print(
        f"\nNewsroom bench: {report['releases']} releases, {report['connections']} connections "
        "(latency: 1), "
        f"{report['duration_s']:g} s per page, {report['load_generator']} "
        f"(one connection: {report['one_connection_load_generator']}), "
        f"{report['cpus']} CPUs{processor}, 2 gunicorn workers (shipped gunicorn.conf.py), "
        f"cache: {report['cache']}; load average {report['load_average']['before']:.1f} "
        f"before, {report['load_average']['after']:.1f} after; "
        f"{_stolen(report)} of the cores' time stolen by the host\n"
        "Bare floor (a minimal Django project on its own gunicorn), req/s before → after each "
        "mode's pages: "
        + "; ".join(
            f"{mode} {bare[mode]['before']['req_per_s']:.0f} → "
            f"{bare[mode]['after']['req_per_s']:.0f}"
            + (" (UNSTEADY: the host's speed changed)" if _unsteady(report, mode) else "")
            for mode in report["results"]
        )
        + ". % bare: of their mean. % app: of the floor view inside Newsroom (its whole "
        "middleware).\n"
    )
    print(header)
    print("-" * len(header))
    for mode, rows in report["results"].items():
        floor = rows["floor"]["req_per_s"]
        bare_floor = _bare(report, mode)
        for name, row in rows.items():
            queries = report["queries"].get(name, [None] * 3)[QUERY_COLUMN[mode]]
            unsteady = " (host unsteady)" if _unsteady(report, mode) else ""
            targets = [
                f"{target}: {'met' if _met(target, row, bare_floor) else 'MISSED'}{unsteady}"
                for target in TARGETS.get((name, mode), [])
            ]
            print(
                f"{name:<18} {mode:<9} {row['req_per_s']:>8.0f} "
                f"{row['req_per_s'] / bare_floor * 100:>6.1f}% "
                f"{row['req_per_s'] / floor * 100:>6.1f}% {row['p50_ms']:>7.1f} "
                f"{row['p95_ms']:>7.1f} {row['p99_ms']:>7.1f} "
                f"{'' if queries is None else queries:>7} {row['errors']:>6}  " + "; ".join(targets)
            )
    print_cpu_table(report)
    for mode, sizes in report["worker_rss_mb"].items():
        print(
            f"worker RSS after {report['requests_served'][mode]} requests ({mode}): "
            + ", ".join(f"{size:.0f} MB" for size in sizes)
            + f"; workers replaced: {report['workers_replaced'][mode]}"
        )


def print_cpu_table(report):
    """What a request cost each group of processes (CPU_GROUPS), in CPU ms, and the cores'
    time per request; what the groups leave of it went to the kernel's work for other
    processes, to the rest of the machine, or idle."""
    header = (
        f"{'CPU ms per request':<18} {'mode':<9} "
        + " ".join(f"{group:>14}" for group in CPU_GROUPS)
        + f" {'sum':>7} {'machine':>8}"
    )
    print(f"\n{header}\n{'-' * len(header)}")
    rows = [
        ("bare floor", mode, report["bare_floor"][mode]["before"])
        for mode in report["results"]
        if mode not in NOT_IN_CPU_TABLE
    ] + [
        (name, mode, row)
        for mode, rows in report["results"].items()
        if mode not in NOT_IN_CPU_TABLE
        for name, row in rows.items()
    ]
    for name, mode, row in rows:
        cpu = row["cpu_ms"]
        print(
            f"{name:<18} {mode:<9} "
            + " ".join(f"{cpu[group]:>14.3f}" for group in CPU_GROUPS)
            + f" {sum(cpu.values()):>7.3f} {row['machine_ms']:>8.3f}"
        )


if __name__ == "__main__":
    run(parse_args())
