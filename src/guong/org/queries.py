"""Reads of the tree: scoped lookups, children, ancestors, subtree summaries."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum

from guong.accounts.roles import VIEW_UNITS
from guong.core import scope
from guong.core.errors import NotFound

from .models import Unit


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
    qs = unit.children.all()
    if not include_ended:
        qs = qs.filter(ended_on__isnull=True)
    return qs.annotate(child_count=Count("children", filter=Q(children__ended_on__isnull=True)))


def ancestors(unit: Unit, user=None) -> list[Unit]:
    """From the root down to the unit's parent, limited to what `user` may see."""
    ids = unit.ancestor_ids()[:-1]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    chain = [units[i] for i in ids if i in units]
    if user is not None:
        chain = [u for u in chain if scope.allows(user, VIEW_UNITS, u)]
    return chain


def subtree_summary(unit: Unit) -> dict:
    """Counts over the unit's whole active subtree, the unit itself included (two queries)."""
    units = Unit.objects.filter(path__startswith=unit.path, ended_on__isnull=True)
    totals = units.aggregate(
        units=Count("pk"),
        cells=Count("pk", filter=Q(kind=Unit.Kind.CELL)),
        committees=Count("pk", filter=Q(kind=Unit.Kind.COMMITTEE)),
        grassroots=Count("pk", filter=Q(grassroots=True)),
        probationary=Sum("tally__probationary"),
        full=Sum("tally__full"),
        exempt=Sum("tally__exempt"),
        suspended=Sum("tally__suspended"),
    )
    by_sector = {s: 0 for s in Unit.Sector.values}
    for row in units.filter(grassroots=True).values("sector").annotate(n=Count("pk")).order_by():
        by_sector[row["sector"] or "other"] += row["n"]
    statuses = {k: totals[k] or 0 for k in ("probationary", "full", "exempt", "suspended")}
    return {
        "members": sum(statuses.values()),
        **statuses,
        "members_by_status": statuses,
        "units": totals["units"],
        "cells": totals["cells"],
        "committees": totals["committees"],
        "grassroots": totals["grassroots"],
        "grassroots_by_sector": by_sector,
    }
