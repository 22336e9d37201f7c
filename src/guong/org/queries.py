"""Reads of the tree: scoped lookups, children, ancestors, subtree summaries."""

from __future__ import annotations

from django.db.models import Count, F, Q, QuerySet

from guong.accounts.roles import VIEW_UNITS
from guong.core import scope
from guong.core.errors import NotFound

from .models import Unit, UnitTally
from .tally import COUNTED, SECTORS

MEMBERS_IN_SUBTREE = (
    F("tally__sub_probationary")
    + F("tally__sub_full")
    + F("tally__sub_exempt")
    + F("tally__sub_suspended")
)


def units_for(user, permission: str = VIEW_UNITS) -> QuerySet:
    return Unit.objects.visible_to(user, permission)


def unit_for(user, code: str, permission: str = VIEW_UNITS) -> Unit:
    """The unit with `code` if `user` may see it; NotFound otherwise (never reveal existence)."""
    unit = Unit.objects.filter(code=code).select_related("parent", "successor").first()
    if unit is None or not scope.allows(user, permission, unit):
        raise NotFound(code)
    return unit


def roots_for(user) -> QuerySet:
    """The outermost units a user can see: the starting points of their tree browser."""
    paths = scope.prefixes(user, VIEW_UNITS)
    if paths is None:
        return Unit.objects.filter(parent__isnull=True).order_by("name")
    return Unit.objects.filter(path__in=paths).order_by("name")


def children(unit: Unit, *, include_ended: bool = False) -> QuerySet:
    """The unit's children, each with its number of active subunits and `member_count` over
    its whole subtree (from the tallies)."""
    qs = unit.children.all()
    if not include_ended:
        qs = qs.filter(ended_on__isnull=True)
    return qs.annotate(
        child_count=Count("children", filter=Q(children__ended_on__isnull=True)),
        member_count=MEMBERS_IN_SUBTREE,
    )


def ancestors(unit: Unit, user=None) -> list[Unit]:
    """From the root down to the unit's parent, limited to what `user` may see."""
    ids = unit.ancestor_ids()[:-1]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    chain = [units[i] for i in ids if i in units]
    if user is not None:
        chain = [u for u in chain if scope.allows(user, VIEW_UNITS, u)]
    return chain


def subtree_summary(unit: Unit) -> dict:
    """Counts over the unit's whole active subtree, the unit itself included: one row read,
    whatever the size of the subtree (see UnitTally)."""
    tally = UnitTally.objects.filter(unit_id=unit.pk).first() or UnitTally(unit_id=unit.pk)
    statuses = {s: getattr(tally, f"sub_{s}") for s in COUNTED}
    return {
        "members": sum(statuses.values()),
        **statuses,
        "members_by_status": statuses,
        "units": tally.sub_units,
        "cells": tally.sub_cells,
        "committees": tally.sub_committees,
        "grassroots": tally.sub_grassroots,
        "grassroots_by_sector": {s: getattr(tally, f"sub_grassroots_{s}") for s in SECTORS},
    }
