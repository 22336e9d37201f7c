"""Keeping `UnitTally` true: adjusted by every service that moves a member, rebuilt on demand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F

from .models import Unit, UnitTally

COUNTED = ("probationary", "full", "exempt", "suspended")


def adjust(unit_id: int, status: str, delta: int) -> None:
    if status in COUNTED and delta:
        UnitTally.objects.filter(unit_id=unit_id).update(**{status: F(status) + delta})


def adjust_many(deltas: Counter) -> None:
    """`deltas` maps (unit_id, status) to a change in count."""
    for (unit_id, status), delta in deltas.items():
        adjust(unit_id, status, delta)


@transaction.atomic
def recount(units: Iterable[Unit] | None = None) -> int:
    """Rebuild the tallies of `units` (all units when None) from the member records."""
    from guong.members.models import Member

    unit_ids = None if units is None else [u.pk for u in units]
    members = Member.objects.filter(status__in=COUNTED)
    tallies = UnitTally.objects.all()
    if unit_ids is not None:
        members = members.filter(unit_id__in=unit_ids)
        tallies = tallies.filter(unit_id__in=unit_ids)
    counts: dict[int, dict[str, int]] = {}
    for row in members.values("unit_id", "status").annotate(n=Count("id")).order_by():
        counts.setdefault(row["unit_id"], {})[row["status"]] = row["n"]
    missing = Unit.objects.filter(tally__isnull=True)
    if unit_ids is not None:
        missing = missing.filter(pk__in=unit_ids)
    UnitTally.objects.bulk_create(
        [UnitTally(unit_id=pk) for pk in missing.values_list("pk", flat=True)]
    )
    changed = []
    for tally in tallies.iterator(chunk_size=5000):
        fresh = counts.get(tally.unit_id, {})
        values = {s: fresh.get(s, 0) for s in COUNTED}
        if any(getattr(tally, s) != v for s, v in values.items()):
            for s, v in values.items():
                setattr(tally, s, v)
            changed.append(tally)
    UnitTally.objects.bulk_update(changed, COUNTED, batch_size=2000)
    return len(changed)
