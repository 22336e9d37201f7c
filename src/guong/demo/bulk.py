"""`guong demo --members N [--units U]`: large data for benchmarks, written in bulk.

FOR BENCHMARKS ONLY. This path bypasses the per-row services to write a million members in
minutes: rows go in with PostgreSQL's COPY (bulk_create on SQLite), with their tree paths,
search and sort keys and open memberships, but without unit or status history and without an
audit event per row. The tallies are rebuilt with `org.tally.recount()` and one audit event,
"demo.generated", records what was written, so `guong audit verify` still holds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from guong.core import audit
from guong.org import tally
from guong.org.models import Unit

from . import bulk_rows
from .bulk_write import analyze, indexes_set_aside, open_memberships, reset_sequences, write_rows
from .story import DEFAULT_SEED

MEMBERS_PER_UNIT = 20  # the default number of units is N / 20, as in a real province
MIN_UNITS = 6


@dataclass(frozen=True)
class Shape:
    """How many units at each level under the one root committee."""

    committees: int  # the level above grassroots (a province's communes, a region's provinces)
    grassroots: int  # grassroots organizations; the committees among them hold the cells
    cells: int  # subordinate cells of the grassroots committees

    @classmethod
    def for_units(cls, units: int) -> Shape:
        committees = max(2, units // 1000)
        grassroots = max(2, units // 12)
        return cls(committees, grassroots, units - 1 - committees - grassroots)


@dataclass(frozen=True)
class Generated:
    units: int
    members: int
    seconds: float


def default_units(members: int) -> int:
    return max(MIN_UNITS, members // MEMBERS_PER_UNIT)


def generate(
    *,
    actor,
    members: int,
    units: int | None = None,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
) -> Generated:
    """Write `members` members over `units` units into an empty database."""
    started = timezone.now()
    units = units or default_units(members)
    if units < MIN_UNITS:
        raise ValueError(f"Generate at least {MIN_UNITS} units.")
    rng = random.Random(seed)
    today = today or timezone.localdate()
    with transaction.atomic():
        tree = bulk_rows.plan_units(Shape.for_units(units), rng)
        write_rows("org.Unit", bulk_rows.UNIT_COLUMNS, tree.rows)
        counts: Counter = Counter()
        with indexes_set_aside("members.Member"):
            write_rows(
                "members.Member",
                bulk_rows.MEMBER_COLUMNS,
                bulk_rows.counted(
                    bulk_rows.member_rows(rng, tree, members, today, started), counts
                ),
            )
        open_memberships()
        write_rows("org.UnitTally", bulk_rows.TALLY_COLUMNS, bulk_rows.tally_rows(tree, counts))
        reset_sequences()
        # The tallies were counted while writing; recount() rebuilds them from the records,
        # so a miscount here would be corrected, never kept.
        tally.recount()
        seconds = (timezone.now() - started).total_seconds()
        audit.record(
            actor,
            "demo.generated",
            None,
            object_type="demo",
            object_id="bulk",
            after={"units": units, "members": members, "seed": seed, "seconds": round(seconds, 1)},
        )
    if connection.vendor == "postgresql":
        analyze()
    return Generated(
        units=Unit.objects.count(),
        members=members,
        seconds=(timezone.now() - started).total_seconds(),
    )
