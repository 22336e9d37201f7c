"""Writing the bulk generator's rows: PostgreSQL's COPY, or bulk_create on SQLite.

For benchmark data only (see `demo/bulk.py`): these functions write tables directly.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

from guong.members.models import ON_REGISTER

SQLITE_BATCH = 2_000
BULK_TABLES = ("org.Unit", "org.UnitTally", "members.Member", "members.Membership")


def write_rows(label: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    model = apps.get_model(label)
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        sql = f"COPY {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    rows = iter(rows)
    while batch := list(itertools.islice(rows, SQLITE_BATCH)):
        model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in batch])


def open_memberships() -> None:
    """One membership per member, from admission; closed when the member left the register."""
    membership = apps.get_model("members.Membership")._meta.db_table
    member = apps.get_model("members.Member")._meta.db_table
    placeholders = ", ".join(["%s"] * len(ON_REGISTER))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {membership} (member_id, unit_id, started_on, ended_on, reason) "
            f"SELECT id, unit_id, admitted_on, CASE WHEN status IN ({placeholders}) THEN NULL "
            f"ELSE status_since END, '' FROM {member}",
            [str(status) for status in ON_REGISTER],
        )


def reset_sequences() -> None:
    """Ids were given explicitly: move each id sequence past them (PostgreSQL)."""
    models = [apps.get_model(label) for label in BULK_TABLES]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def analyze() -> None:
    """Fresh planner statistics, so that the first queries on the new data plan well."""
    with connection.cursor() as cursor:
        for label in BULK_TABLES:
            cursor.execute(f"ANALYZE {apps.get_model(label)._meta.db_table}")


@contextlib.contextmanager
def indexes_set_aside(label: str) -> Iterator[None]:
    """On PostgreSQL, drop the table's secondary indexes for the load and build them again
    from their own definitions afterwards: one build is far cheaper than a million updates of
    a trigram index. Indexes that back a constraint (primary key, unique) stay."""
    if connection.vendor != "postgresql":
        yield
        return
    table = apps.get_model(label)._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname "
            "NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        definitions = cursor.fetchall()
        for name, _ in definitions:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; an index cannot be built over rows
        # whose checks are pending, so run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in definitions:
            cursor.execute(definition)
