"""The benchmark harness still runs end to end (a few seconds at 50 releases), so it cannot rot.

Speeds are not asserted (they depend on the machine); what is checked is that every page was
served under load without errors and that the report holds every column.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the harness serves a PostgreSQL database (CI runs the suite on PostgreSQL too)",
)
def test_the_harness_serves_every_page_under_load(tmp_path):
    test_database = urlsplit(os.environ["DATABASE_URL"])
    bench_database = urlunsplit(test_database._replace(path=test_database.path + "_benchsmoke"))
    completed = subprocess.run(
        [
            sys.executable,
            "bench/run.py",
            "--releases=50",
            "--duration=1",
            "--connections=2",
            # The recycling mode replaces each worker after about 30 requests here.
            "--recycle-every=30",
            f"--database-url={bench_database}",
            f"--output={tmp_path}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "% bare" in completed.stdout and "% app" in completed.stdout
    (result,) = tmp_path.glob("*-n50.json")
    report = json.loads(result.read_text())
    for mode in ("cached", "uncached"):
        rows = report["results"][mode]
        assert set(rows) == {
            "floor",
            "home",
            "article",
            "tag",
            "person",
            "search (1 word)",
            "search (3 words)",
            "feed",
        }
    assert set(report["results"]["cold"]) == {"floor", "article"}
    # Workers were replaced under the recycling mode's load, and said so; the shipped ~50,000
    # requests are far off in the others.
    assert set(report["results"]["recycling"]) == {"floor", "home", "article"}
    assert report["workers_replaced"]["recycling"] > 0
    assert report["workers_replaced"]["cached"] == 0
    assert f"workers replaced: {report['workers_replaced']['recycling']}" in completed.stdout
    # How much of the cores' time the host gave to other guests, as a share, and said in the
    # table's header: a run slowed by its neighbours says so.
    assert 0 <= report["stolen_percent"] <= 100
    # The processor the run had (bench_run.processor()), named in the header: shares of bare
    # differ between processors.
    if report["processor"]:
        assert f"CPUs ({report['processor']})" in completed.stdout
    assert f"{report['stolen_percent']:.1f}% of the cores' time stolen by the host" in (
        completed.stdout
    )
    # The bare floor (a minimal Django project on its own gunicorn) served its page before and
    # after each mode's pages, and each mode's shares are of the mean of the two.
    assert set(report["bare_floor"]) == set(report["results"])
    for mode, floor in report["bare_floor"].items():
        for load in (floor["before"], floor["after"]):
            assert load["requests"] > 0 and load["errors"] == 0, (mode, load)
        assert (
            floor["req_per_s"] == (floor["before"]["req_per_s"] + floor["after"]["req_per_s"]) / 2
        )
        assert f"{mode} {floor['before']['req_per_s']:.0f} → " in completed.stdout
    for mode, rows in report["results"].items():
        for name, row in rows.items():
            assert row["requests"] > 0 and row["errors"] == 0, (mode, name, row)
        # Both workers' memory, under recycling too (the harness waits for a replacement).
        assert len(report["worker_rss_mb"][mode]) == 2
    # Where the machine's CPU went, per request: the app's processes served every page, and
    # PostgreSQL answered the pages rendered without the page cache.
    assert "CPU ms per request" in completed.stdout
    for mode, rows in report["results"].items():
        for name, row in rows.items():
            assert row["cpu_ms"]["app"] > 0 and row["machine_ms"] > 0, (mode, name, row)
            if mode not in ("cached", "recycling") and name != "floor":
                assert row["cpu_ms"]["postgres"] > 0, (mode, name, row)
    assert (
        report["bare_floor"]["cached"]["before"]["cpu_ms"]["postgres"]
        < (report["results"]["cold"]["article"]["cpu_ms"]["postgres"])
    )
    # Served from the page cache: not one query; rendered: some; with no cache: at least as many.
    assert all(
        cached == 0 < uncached <= cold for uncached, cached, cold in report["queries"].values()
    )


def _bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    return run


def test_a_mode_whose_bare_floor_moved_by_more_than_a_fifth_is_marked_unsteady():
    run = _bench_run()

    def floors(before, after):
        return {
            "bare_floor": {
                "uncached": {"before": {"req_per_s": before}, "after": {"req_per_s": after}}
            }
        }

    assert not run._unsteady(floors(3000, 2500), "uncached")
    assert run._unsteady(floors(3000, 2300), "uncached")
    assert run._unsteady(floors(1000, 3000), "uncached")


def test_the_report_names_the_processor_and_its_cache(tmp_path):
    run = _bench_run()
    x86 = tmp_path / "x86"
    x86.write_text(
        "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"
        "cache size\t: 512 KB\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n"
    )
    assert run.processor(x86) == "AMD EPYC 7B13, 512 KB cache"
    # ARM kernels name no model in /proc/cpuinfo, and a container may hide the file.
    arm = tmp_path / "arm"
    arm.write_text("processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n")
    assert run.processor(arm) is None
    assert run.processor(tmp_path / "missing") is None
