"""The units API (/api/v1/units): the tree, its summaries and its restructuring.

Each endpoint finds the unit through the caller's scope (404 outside it) and hands the work to a
query or a service, which checks the role (403) and writes the audit event.
"""

from __future__ import annotations

from django.db.models import QuerySet
from ninja import Query, Router, Status

from guong.accounts.roles import VIEW_AUDIT
from guong.core import audit, scope
from guong.core.pagination import PageQuery, page_of
from guong.core.text import fold

from . import services
from .queries import children, subtree_summary, unit_for, units_for
from .schemas import (
    ChildPage,
    DissolveIn,
    MergeIn,
    MoveIn,
    RenameIn,
    SummaryOut,
    UnitCreate,
    UnitDetail,
    UnitFilters,
    UnitHistory,
    UnitPage,
    UnitUpdate,
)

router = Router(tags=["units"])


@router.get("", response=UnitPage)
def list_units(request, filters: Query[UnitFilters], paging: Query[PageQuery]):
    """The units the caller may see, in tree order."""
    return page_of(_filtered(request.auth, filters), paging)


@router.get("/{code}", response=UnitDetail)
def get_unit(request, code: str):
    return unit_for(request.auth, code)


@router.get("/{code}/children", response=ChildPage)
def list_children(request, code: str, paging: Query[PageQuery], include_ended: bool = False):
    unit = unit_for(request.auth, code)
    rows = children(unit, include_ended=include_ended).select_related("parent").order_by("path")
    return page_of(rows, paging)


@router.get("/{code}/summary", response=SummaryOut)
def get_summary(request, code: str):
    """Members by status, grassroots organizations by sector and cells over the whole subtree."""
    return subtree_summary(unit_for(request.auth, code))


@router.get("/{code}/history", response=UnitHistory)
def get_history(request, code: str):
    """Restructuring history; the audit events only for a caller who holds audit.view here."""
    unit = unit_for(request.auth, code)
    events = audit.history(unit) if scope.allows(request.auth, VIEW_AUDIT, unit) else []
    return {"changes": unit.changes.select_related("related"), "audit": events}


@router.post("", response={201: UnitDetail})
def create_unit(request, payload: UnitCreate):
    parent = unit_for(request.auth, payload.parent)
    unit = services.create_unit(
        actor=request.auth, parent=parent, **payload.dict(exclude={"parent"})
    )
    return Status(201, unit)


@router.patch("/{code}", response=UnitDetail)
def update_unit(request, code: str, payload: UnitUpdate):
    """Change the grassroots flag, sector, kind or founding date; omitted fields stay."""
    unit = unit_for(request.auth, code)
    return services.update_unit(unit, actor=request.auth, **payload.dict(exclude_unset=True))


@router.post("/{code}/rename", response=UnitDetail)
def rename_unit(request, code: str, payload: RenameIn):
    unit = unit_for(request.auth, code)
    return services.rename_unit(unit, actor=request.auth, **payload.dict())


@router.post("/{code}/move", response=UnitDetail)
def move_unit(request, code: str, payload: MoveIn):
    unit = unit_for(request.auth, code)
    new_parent = unit_for(request.auth, payload.parent)
    return services.move_unit(
        unit, actor=request.auth, new_parent=new_parent, on=payload.on, decision=payload.decision
    )


@router.post("/{code}/merge", response=UnitDetail)
def merge_unit(request, code: str, payload: MergeIn):
    """Merge this unit into `into`; answers the receiving unit."""
    unit = unit_for(request.auth, code)
    into = unit_for(request.auth, payload.into)
    return services.merge_units(
        [unit], actor=request.auth, into=into, on=payload.on, decision=payload.decision
    )


@router.post("/{code}/dissolve", response=UnitDetail)
def dissolve_unit(request, code: str, payload: DissolveIn):
    unit = unit_for(request.auth, code)
    return services.dissolve_unit(unit, actor=request.auth, **payload.dict())


def _filtered(user, filters: UnitFilters) -> QuerySet:
    units = units_for(user).select_related("parent")
    if filters.parent:
        units = units.filter(parent=unit_for(user, filters.parent))
    if not filters.include_ended:
        units = units.filter(ended_on__isnull=True)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.grassroots is not None:
        units = units.filter(grassroots=filters.grassroots)
    for word in fold(filters.q).split():
        units = units.filter(name_folded__contains=word)
    return units.order_by("path")
