"""Keeping `UnitTally` true: adjusted by every service that moves a member or a unit, and
rebuilt from the records on demand (`guong recount`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F

from .models import Unit, UnitTally

COUNTED = ("probationary", "full", "exempt", "suspended")
SECTORS = tuple(Unit.Sector.values)
UNIT_COLUMNS = ("sub_units", "sub_cells", "sub_committees", "sub_grassroots") + tuple(
    f"sub_grassroots_{s}" for s in SECTORS
)
SUBTREE_COLUMNS = tuple(f"sub_{s}" for s in COUNTED) + UNIT_COLUMNS


def adjust(unit: Unit, status: str, delta: int) -> None:
    adjust_many(Counter({(unit, status): delta}))


def adjust_many(deltas: Counter) -> None:
    """`deltas` maps (unit, status) to a change in its direct member count; the unit's own
    count and the subtree counts of the unit and its ancestors follow, one UPDATE per row."""
    changes: dict[int, Counter] = defaultdict(Counter)
    for (unit, status), delta in deltas.items():
        if status not in COUNTED or not delta:
            continue
        changes[unit.pk][status] += delta
        for ancestor_id in unit.ancestor_ids():
            changes[ancestor_id][f"sub_{status}"] += delta
    _apply(changes)


def add_units(units: Iterable[Unit], sign: int = 1) -> None:
    """Count new units (sign 1) or ended ones (sign -1) in their own and ancestors' subtrees.
    New units get their tally row here."""
    units = list(units)
    if sign > 0:
        UnitTally.objects.bulk_create(
            [UnitTally(unit_id=u.pk) for u in units], ignore_conflicts=True
        )
    changes: dict[int, Counter] = defaultdict(Counter)
    for unit in units:
        for column, value in contribution(unit).items():
            for ancestor_id in unit.ancestor_ids():
                changes[ancestor_id][column] += sign * value
    _apply(changes)


def move_subtree(unit: Unit, old_path: str) -> None:
    """After `unit` moved from under `old_path`'s parent, carry its subtree counts along."""
    totals = UnitTally.objects.filter(unit_id=unit.pk).values(*SUBTREE_COLUMNS).first() or {}
    old_ancestors = [int(p) for p in old_path.split(".") if p][:-1]
    new_ancestors = unit.ancestor_ids()[:-1]
    changes: dict[int, Counter] = defaultdict(Counter)
    for column, value in totals.items():
        for ancestor_id in old_ancestors:
            changes[ancestor_id][column] -= value
        for ancestor_id in new_ancestors:
            changes[ancestor_id][column] += value
    _apply(changes)


def contribution(unit: Unit) -> dict[str, int]:
    """What one active unit adds to the unit counts of every subtree it belongs to."""
    sector = unit.sector or "other"
    return {
        "sub_units": 1,
        "sub_cells": int(unit.kind == Unit.Kind.CELL),
        "sub_committees": int(unit.kind == Unit.Kind.COMMITTEE),
        "sub_grassroots": int(unit.grassroots),
        f"sub_grassroots_{sector}": int(unit.grassroots),
    }


@transaction.atomic
def recount(units: Iterable[Unit] | None = None) -> int:
    """Rebuild the counts from the records; returns how many rows were wrong.

    With `units` (say, after a bulk import into them), only their direct member counts are
    recounted, and the differences carried up to their ancestors."""
    if units is not None:
        return _recount_members_of(list(units))
    from guong.members.models import Member

    units = list(
        Unit.objects.filter(ended_on__isnull=True).only(
            "pk", "path", "kind", "grassroots", "sector"
        )
    )
    fresh: dict[int, Counter] = defaultdict(Counter)
    for unit in units:
        for column, value in contribution(unit).items():
            for ancestor_id in unit.ancestor_ids():
                fresh[ancestor_id][column] += value
    paths = dict(Unit.objects.values_list("pk", "path"))
    direct = Member.objects.filter(status__in=COUNTED).values("unit_id", "status")
    for row in direct.annotate(n=Count("id")).order_by():
        fresh[row["unit_id"]][row["status"]] += row["n"]
        for ancestor_id in (int(p) for p in paths[row["unit_id"]].split(".") if p):
            fresh[ancestor_id][f"sub_{row['status']}"] += row["n"]
    UnitTally.objects.bulk_create(
        [
            UnitTally(unit_id=pk)
            for pk in Unit.objects.filter(tally__isnull=True).values_list("pk", flat=True)
        ],
        batch_size=5000,
    )
    columns = COUNTED + SUBTREE_COLUMNS
    wrong = []
    for row in UnitTally.objects.iterator(chunk_size=5000):
        values = fresh.get(row.unit_id, Counter())
        if any(getattr(row, c) != values[c] for c in columns):
            for column in columns:
                setattr(row, column, values[column])
            wrong.append(row)
    # Small batches: bulk_update writes one CASE branch per row, and its cost grows with the
    # square of the batch on PostgreSQL.
    UnitTally.objects.bulk_update(wrong, columns, batch_size=200)
    return len(wrong)


def _recount_members_of(units: list[Unit]) -> int:
    from guong.members.models import Member

    stored = {t.unit_id: t for t in UnitTally.objects.filter(unit__in=units)}
    actual = Counter()
    rows = Member.objects.filter(unit__in=units, status__in=COUNTED).values("unit_id", "status")
    for row in rows.annotate(n=Count("id")).order_by():
        actual[row["unit_id"], row["status"]] = row["n"]
    deltas = Counter()
    for unit in units:
        tally = stored.get(unit.pk) or UnitTally(unit_id=unit.pk)
        for status in COUNTED:
            deltas[unit, status] = actual[unit.pk, status] - getattr(tally, status)
    adjust_many(deltas)
    return len({unit for (unit, _), delta in deltas.items() if delta})


def _apply(changes: dict[int, Counter]) -> None:
    for unit_id, counter in changes.items():
        updates = {c: F(c) + v for c, v in counter.items() if v}
        if updates:
            UnitTally.objects.filter(unit_id=unit_id).update(**updates)
