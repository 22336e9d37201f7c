"""Benchmark: import 100,000 members from a CSV file into PostgreSQL, with full validation.

    GUONG_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python \
        bench/import_members.py [--rows 100000]

It creates a fresh database named guong_bench_import on that server, migrates it, imports a
tree of 611 units and then the members file (the same path as `guong import members`: decode,
read, check every row, write members, unit periods, standings, tallies and audit events in
one transaction), loads the same file with PostgreSQL's own COPY into a plain table of the
same columns, prints both rates and their ratio, writes bench/results/import.md and drops
the database.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DB = "guong_bench_import"
RESULTS = Path(__file__).resolve().parent / "results" / "import.md"
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu", "Hồng"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngọc",
    "Phúc",
    "Phương",
    "Quân",
    "Quyên",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Tuấn",
    "Việt",
    "Yến",
]
MEMBER_HEADER = [
    "card_number",
    "full_name",
    "birth_date",
    "gender",
    "unit_code",
    "admitted_on",
    "official_on",
    "residence",
]
COPY_TABLE = """CREATE TABLE bench_copy (card_number varchar(20), full_name varchar(120),
    birth_date date, gender varchar(6), unit_code varchar(40), admitted_on date,
    official_on date, residence varchar(255))"""


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/" + name))


def recreate_database(base: str, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(database_url(base, "postgres"), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        if not drop_only:
            connection.execute(f"CREATE DATABASE {BENCH_DB}")


def write_units(path: Path) -> list[str]:
    """A province of 10 districts, 10 communes each, 5 cells in each commune: the cell codes."""
    cells = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["code", "name", "kind", "parent_code", "grassroots", "sector"])
        out.writerow(["TINH", "Đảng bộ tỉnh", "đảng bộ", "", "không", ""])
        for d in range(1, 11):
            out.writerow([f"H{d:02d}", f"Đảng bộ huyện {d}", "đảng bộ", "TINH", "không", ""])
            for c in range(1, 11):
                commune = f"H{d:02d}-X{c:02d}"
                out.writerow([commune, f"Đảng bộ xã {d}.{c}", "đảng bộ", f"H{d:02d}", "có", "xã"])
                for k in range(1, 6):
                    cells.append(f"{commune}-CB{k}")
                    out.writerow([cells[-1], f"Chi bộ thôn {k}", "chi bộ", commune, "không", ""])
    return cells


def write_members(path: Path, rows: int, cells: list[str]) -> None:
    rng = random.Random(2026)
    today = dt.date.today()
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(MEMBER_HEADER)
        for i in range(rows):
            birth = dt.date(rng.randint(1945, 2000), rng.randint(1, 12), rng.randint(1, 28))
            admitted = birth.replace(year=birth.year + rng.randint(19, 24))
            official = admitted.replace(year=admitted.year + 1)
            if official > today:
                official = None
            gender = rng.choice(("nam", "nữ"))
            name = " ".join(
                (
                    rng.choice(FAMILY),
                    "Thị" if gender == "nữ" else rng.choice(MIDDLE),
                    rng.choice(GIVEN),
                )
            )
            out.writerow(
                [
                    str(30_000_000 + i),
                    name,
                    f"{birth:%d/%m/%Y}",
                    gender,
                    cells[i % len(cells)],
                    f"{admitted:%d/%m/%Y}",
                    f"{official:%d/%m/%Y}" if official else "",
                    f"Thôn {rng.randint(1, 20)}, xã {rng.randint(1, 100)}",
                ]
            )


@contextlib.contextmanager
def audit_timer():
    """Measure the time spent in audit.record_many (the hash-chained log) during the import."""
    from guong.core import audit

    spent = [0.0]
    original = audit.record_many

    def record_many(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    audit.record_many = record_many
    try:
        yield spent
    finally:
        audit.record_many = original


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def copy_baseline(path: Path, rows: int) -> float:
    """Seconds for PostgreSQL's own COPY of the same file into a plain table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(COPY_TABLE)
        cursor.execute("SET DateStyle = 'ISO, DMY'")
        raw = cursor.connection
    data = path.read_bytes()
    start = time.perf_counter()
    statement = "COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)"
    with raw.transaction(), raw.cursor() as cursor, cursor.copy(statement) as copy:
        copy.write(data)
    elapsed = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_copy")
        assert cursor.fetchone()[0] == rows
    return elapsed


def run(rows: int) -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from guong.core.commands import command_actor
    from guong.core.imports import run_import
    from guong.members.imports import import_members, read_members

    actor = command_actor(None)
    figures: dict = {"rows": rows, "load": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="guong-bench-") as directory:
        units_path, members_path = Path(directory, "units.csv"), Path(directory, "members.csv")
        cells = write_units(units_path)
        (_, units), figures["units_s"] = timed(
            run_import, "units", units_path.read_bytes(), units_path.name, actor=actor
        )
        figures["units"] = units.created
        write_members(members_path, rows, cells)
        data = members_path.read_bytes()
        figures["file_mb"] = len(data) / 1e6
        sheet, figures["read_s"] = timed(read_members, data, members_path.name)
        _, figures["check_s"] = timed(import_members, sheet, actor=actor, dry_run=True)
        with audit_timer() as spent:
            result, figures["import_s"] = timed(import_members, sheet, actor=actor)
        figures["audit_s"] = spent[0]
        assert result.created == rows, result
        figures["total_s"] = figures["read_s"] + figures["import_s"]
        figures["copy_s"] = copy_baseline(members_path, rows)
    figures.update(verify(rows))
    return figures


def verify(rows: int) -> dict:
    """The import's results are complete and consistent; the audit chain holds."""
    from guong.core import audit
    from guong.core.models import AuditEvent
    from guong.members.models import Member, Membership, StatusChange
    from guong.org.models import Unit
    from guong.org.queries import subtree_summary

    counts = {
        "members": Member.objects.count(),
        "memberships": Membership.objects.count(),
        "status_changes": StatusChange.objects.count(),
        "province summary": subtree_summary(Unit.objects.get(code="TINH"))["members"],
        "imported_events": AuditEvent.objects.filter(action="member.imported").count(),
    }
    assert all(n == rows for n in counts.values()), counts
    checked, broken, reason = audit.verify()
    assert broken is None, reason
    return {"audit_events": checked}


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return f"{os.cpu_count()} cores ({model}), {memory} GB RAM, {platform.system()}"


def report(figures: dict, server: str) -> str:
    rate = figures["rows"] / figures["total_s"]
    copy_rate = figures["rows"] / figures["copy_s"]
    return "\n".join(
        [
            "# Import benchmark: 100,000 members",
            "",
            "Produced by `bench/import_members.py` (do not edit by hand).",
            "",
            f"- Date: {dt.date.today():%d/%m/%Y}",
            f"- Machine: {machine()}; load average at the start {figures['load']:.1f} "
            "(the machine was shared)",
            f"- Database: {server}, Python {platform.python_version()}",
            f"- File: {figures['rows']:,} member rows, CSV UTF-8, {figures['file_mb']:.1f} MB; "
            f"{figures['units']} units imported first in {figures['units_s']:.2f} s",
            "",
            "| step | seconds | rows/s |",
            "| --- | ---: | ---: |",
            f"| read and decode the file | {figures['read_s']:.2f} | "
            f"{figures['rows'] / figures['read_s']:,.0f} |",
            f"| check every row (dry run) | {figures['check_s']:.2f} | "
            f"{figures['rows'] / figures['check_s']:,.0f} |",
            f"| check and write (import) | {figures['import_s']:.2f} | "
            f"{figures['rows'] / figures['import_s']:,.0f} |",
            f"| — of which the audit log (`audit.record_many`, {figures['rows'] + 1:,} events) "
            f"| {figures['audit_s']:.2f} | |",
            f"| — of which members, unit periods, standings, tallies "
            f"| {figures['import_s'] - figures['check_s'] - figures['audit_s']:.2f} | |",
            f"| **whole import (read + check + write)** | **{figures['total_s']:.2f}** | "
            f"**{rate:,.0f}** |",
            f"| PostgreSQL `COPY` of the same file into a plain table | {figures['copy_s']:.2f} | "
            f"{copy_rate:,.0f} |",
            "",
            f"Ratio import/COPY: **{rate / copy_rate:.3f}** (COPY is {copy_rate / rate:.1f}× "
            "faster; it checks nothing, keeps no history and writes one table without indexes).",
            f"Goal ≥ 20,000 rows/s: **{'met' if rate >= 20_000 else 'NOT met'}**.",
            "",
            f"The hash-chained audit log (one `member.imported` event per member) takes "
            f"{figures['audit_s'] / figures['total_s']:.0%} of the whole import; the rest runs at "
            f"{figures['rows'] / (figures['total_s'] - figures['audit_s']):,.0f} rows/s.",
            "",
            f"The import wrote {figures['rows']:,} members, as many unit periods, standings and "
            f"`member.imported` audit events (chain verified: {figures['audit_events']:,} events), "
            "and adjusted the counts of the touched units and their ancestors, in one transaction.",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    base = os.environ.get("GUONG_DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "Set GUONG_DATABASE_URL to a PostgreSQL server, e.g. "
            "postgresql://postgres@127.0.0.1:5432/postgres"
        )
    recreate_database(base)
    os.environ["GUONG_DATABASE_URL"] = database_url(base, BENCH_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guong.settings")
    try:
        figures = run(args.rows)
        from django.db import connection

        server = f"PostgreSQL {connection.cursor().connection.info.server_version // 10000}"
        connection.close()
    finally:
        recreate_database(base, drop_only=True)
    text = report(figures, server)
    if args.rows == 100_000:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
