"""Benchmark: subtree summary and member search at 1,000,000 members and 50,000 units.

    GUONG_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python \
        bench/scale_queries.py [--members 1000000] [--units 50000] [--runs 200]

It creates the database guong_bench_scale on that server (or reuses it when it already holds
exactly that data), migrates it with `guong migrate`, loads it with
`guong demo --members N --units U`, then times, over --runs runs after a warm-up:
  (a) org.queries.subtree_summary for the root, a mid-level committee and a cell;
  (b) member search as the member list does it, MemberFilter(unit=…, q=…).apply(…): the first
      page of 50 AND the count, over the whole tree and within one mid-level subtree.
It writes p50 and p95 (ms) to bench/results/scale.md, with the query plan of any query whose
p95 misses the 50 ms goal. The database is kept, so a second run skips the load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DB = "guong_bench_scale"
RESULTS = Path(__file__).resolve().parent / "results" / "scale.md"
GOAL_MS = 50.0
WARM_UP = 20
# What people type in the member search box: (label, query).
SEARCHES = [
    ("full name without diacritics", "nguyen van hung"),
    ("given name + family name", "huong le"),
    ("rare name", "quach uyen"),
    ("card-number prefix", "10765"),
]


def main() -> int:
    args = _arguments()
    server = os.environ.get("GUONG_DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        print(
            "Set GUONG_DATABASE_URL to a PostgreSQL server, e.g. "
            "postgresql://postgres@127.0.0.1:5432/postgres",
            file=sys.stderr,
        )
        return 2
    url = _with_database(server, BENCH_DB)
    generation = _prepare(server, url, args.members, args.units)
    os.environ["GUONG_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guong.settings")
    import django

    django.setup()
    load_before = os.getloadavg()[0]
    rows = _measure_all(args.runs)
    args.load = (load_before, os.getloadavg()[0])
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(_report(rows, generation, args), encoding="utf-8")
    print(f"Written to {RESULTS}")
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=200)
    return parser.parse_args()


# --- the database ---------------------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _guong(url: str, *args: str) -> str:
    env = {**os.environ, "GUONG_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "guong.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _prepare(server: str, url: str, members: int, units: int) -> dict:
    """Create, migrate and load the database unless it already holds this data; return how
    the data was generated (from its audit event)."""
    import psycopg

    with psycopg.connect(_with_database(server, "postgres"), autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    _guong(url, "migrate", "--no-input", "-v", "0")
    if _sizes(url) != (units, members):
        if _sizes(url) != (0, 0):
            sys.exit(f"{BENCH_DB} holds other data: drop it (dropdb {BENCH_DB}) and run again.")
        print(f"Loading {members:,} members and {units:,} units (a few minutes)…")
        started = time.perf_counter()
        _guong(url, "demo", "--members", str(members), "--units", str(units))
        print(f"Loaded in {time.perf_counter() - started:.0f} s.")
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT after FROM core_auditevent WHERE action = 'demo.generated' "
            "ORDER BY seq DESC LIMIT 1"
        ).fetchone()[0]


def _sizes(url: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        units = conn.execute("SELECT count(*) FROM org_unit").fetchone()[0]
        members = conn.execute("SELECT count(*) FROM members_member").fetchone()[0]
    return units, members


# --- the measurements -----------------------------------------------------------------------


def _timed(what: str, run, runs: int) -> tuple[float, float]:
    p50, p95 = _timings(run, runs)
    print(f"{what:<72} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms", flush=True)
    return p50, p95


def _timings(run, runs: int) -> tuple[float, float]:
    for _ in range(WARM_UP):
        run()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def _subjects() -> dict:
    """The root, the mid-level committee with the most units, and its largest cell."""
    from django.db.models import Count

    from guong.org.models import Unit

    root = Unit.objects.get(parent__isnull=True)
    mid = Unit.objects.filter(parent=root).annotate(n=Count("children")).order_by("-n", "pk")[0]
    cell = (
        Unit.objects.filter(path__startswith=mid.path, kind=Unit.Kind.CELL)
        .annotate(n=Count("members"))
        .order_by("-n", "pk")[0]
    )
    return {"root": root, "mid": mid, "cell": cell}


def _measure_all(runs: int) -> list[dict]:
    from guong.core.pagination import PageQuery, page_of
    from guong.members.models import Member
    from guong.members.queries import MemberFilter
    from guong.org.queries import subtree_summary

    units = _subjects()
    rows = []
    for key, label in (("root", "root"), ("mid", "mid-level committee"), ("cell", "cell")):
        unit = units[key]
        what = f"subtree_summary: {label} ({unit.code})"
        p50, p95 = _timed(what, lambda unit=unit: subtree_summary(unit), runs)
        summary = subtree_summary(unit)
        rows.append(
            {
                "what": what,
                "p50": p50,
                "p95": p95,
                "rows": f"members {summary['members']:,}, units {summary['units']:,}",
                "plan": None if p95 < GOAL_MS else _plans(lambda u=unit: subtree_summary(u)),
            }
        )
    for scope, unit in (("whole tree", units["root"]), ("mid-level subtree", units["mid"])):
        for label, q in SEARCHES:

            def search(unit=unit, q=q):
                # As the member list endpoint does it: filter (which may ask the planner how
                # broad the search is), then one page and its count.
                rows = MemberFilter(unit=unit, q=q).apply(Member.objects.select_related("unit"))
                return page_of(rows, PageQuery())

            what = f"search {label} “{q}”, {scope}"
            p50, p95 = _timed(what, search, runs)
            rows.append(
                {
                    "what": what,
                    "p50": p50,
                    "p95": p95,
                    "rows": f"{search()['count']:,} found",
                    "plan": None if p95 < GOAL_MS else _plans(search),
                }
            )
    return rows


def _plans(run) -> str:
    """EXPLAIN ANALYZE of every statement one run executes, exactly as the ORM sent it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run()
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if query["sql"].startswith("EXPLAIN"):
                plans.append(f"-- {query['sql']}\n(the planner's estimate, asked by the query)")
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            plan = "\n".join(line for (line,) in cursor.fetchall())
            plans.append(f"-- {query['sql']}\n{plan}")
    return "\n\n".join(plans)


# --- the report -----------------------------------------------------------------------------


def _machine() -> str:
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return f"{os.cpu_count()} cores{memory}, {platform.system()} {platform.machine()}"


def _database() -> tuple[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    return version, size


def _report(rows: list[dict], generation: dict, args: argparse.Namespace) -> str:
    version, size = _database()
    lines = [
        "# Scale benchmark: subtree summary and member search",
        "",
        f"- Date: {dt.date.today():%d/%m/%Y}",
        f"- Machine: {_machine()}; PostgreSQL {version.split()[0]}",
        f"- Data: {generation['members']:,} members, {generation['units']:,} units "
        f"(`guong demo --members {generation['members']} --units {generation['units']}`, "
        f"seed {generation['seed']}); database size {size}",
        f"- Generation time: {generation['seconds']:.0f} s",
        f"- Load average (1 min) before and after the measurements: {args.load[0]:.1f} and "
        f"{args.load[1]:.1f} on {os.cpu_count()} cores (anything near or above the number of "
        "cores means other work shared the machine and widened p95).",
        f"- Each query: {WARM_UP} warm-up runs, then {args.runs} timed runs, in one process "
        "through the Django ORM, as a page or the API runs it. Search = "
        "`MemberFilter(unit=…, q=…).apply(…)` then `core.pagination.page_of`: the first page "
        "of 50 in Vietnamese order and "
        "the count, exactly as `GET /api/v1/members?unit=…&q=…` answers.",
        f"- Goal: p95 under {GOAL_MS:.0f} ms.",
        "",
        "| query | result | p50 (ms) | p95 (ms) | goal |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for row in rows:
        verdict = "met" if row["p95"] < GOAL_MS else "**missed**"
        lines.append(
            f"| {row['what']} | {row['rows']} | {row['p50']:.1f} | {row['p95']:.1f} | {verdict} |"
        )
    missed = [row for row in rows if row["plan"]]
    if missed:
        lines += ["", "## Plans of the queries that missed the goal", ""]
        for row in missed:
            lines += [f"### {row['what']}", "", "```", row["plan"], "```", ""]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    sys.exit(main())
