"""The members API (/api/v1/members): the scoped list, one member, and every change of record.

A member outside the caller's scope answers 404; a role that may see but not change answers 403
(the service decides); every write is a service call that writes the audit event.
"""

from __future__ import annotations

from ninja import Query, Router, Status

from guong.accounts.roles import VIEW_AUDIT, VIEW_MEMBERS
from guong.core import audit, scope
from guong.core.errors import Invalid, NotFound
from guong.core.pagination import PageQuery, page_of
from guong.org.queries import subtree_summary, unit_for

from . import services
from .models import Member
from .queries import MemberFilter, member_for, members_for
from .schemas import (
    MemberCreate,
    MemberDetail,
    MemberFilters,
    MemberHistory,
    MemberPage,
    MemberUpdate,
    PositionEndIn,
    PositionIn,
    PositionOut,
    StatusIn,
    TransferIn,
)

router = Router(tags=["members"])


@router.get("", response=MemberPage)
def list_members(request, filters: Query[MemberFilters], paging: Query[PageQuery]):
    """`unit=CODE` lists the unit's whole subtree; `ordering=name` sorts the Vietnamese way."""
    member_filter = _member_filter(request.auth, filters)
    rows = member_filter.apply(members_for(request.auth))
    return page_of(rows, paging, count=lambda: _tallied_count(request.auth, member_filter))


@router.get("/{card_number}", response=MemberDetail)
def get_member(request, card_number: str):
    return member_for(request.auth, card_number)


@router.get("/{card_number}/history", response=MemberHistory)
def get_history(request, card_number: str):
    """Units, standings and positions over time; the audit events for audit.view holders."""
    member = member_for(request.auth, card_number)
    allowed = scope.allows(request.auth, VIEW_AUDIT, member.unit)
    return {
        "memberships": member.memberships.select_related("unit"),
        "status_changes": member.status_changes.select_related("rule_set"),
        "positions": member.positions.select_related("unit"),
        "audit": audit.history(member) if allowed else [],
    }


@router.post("", response={201: MemberDetail})
def create_member(request, payload: MemberCreate):
    unit = unit_for(request.auth, payload.unit)
    member = services.create_member(actor=request.auth, unit=unit, **payload.dict(exclude={"unit"}))
    return Status(201, member)


@router.patch("/{card_number}", response=MemberDetail)
def update_member(request, card_number: str, payload: MemberUpdate):
    """Correct the record; omitted fields stay. Standing and unit change through their own
    endpoints, which check the rules."""
    member = member_for(request.auth, card_number)
    return services.update_member(member, actor=request.auth, **payload.dict(exclude_unset=True))


@router.post("/{card_number}/transfer", response=MemberDetail)
def transfer_member(request, card_number: str, payload: TransferIn):
    member = member_for(request.auth, card_number)
    to_unit = unit_for(request.auth, payload.unit)
    services.transfer_member(
        member, to_unit, actor=request.auth, on=payload.on, reason=payload.reason
    )
    return _reloaded(member)


@router.post("/{card_number}/status", response=MemberDetail)
def change_status(request, card_number: str, payload: StatusIn):
    member = member_for(request.auth, card_number)
    services.change_status(
        member,
        payload.status,
        actor=request.auth,
        on=payload.on,
        reason=payload.reason,
        decision=payload.decision,
    )
    return _reloaded(member)


@router.post("/{card_number}/positions", response={201: PositionOut})
def add_position(request, card_number: str, payload: PositionIn):
    member = member_for(request.auth, card_number)
    unit = unit_for(request.auth, payload.unit) if payload.unit else member.unit
    position = services.add_position(
        member,
        actor=request.auth,
        unit=unit,
        title=payload.title,
        started_on=payload.started_on,
        detail=payload.detail,
    )
    return Status(201, position)


@router.post("/{card_number}/positions/{position_id}/end", response=PositionOut)
def end_position(request, card_number: str, position_id: int, payload: PositionEndIn):
    member = member_for(request.auth, card_number)
    position = member.positions.select_related("unit", "member").filter(pk=position_id).first()
    if position is None:
        raise NotFound(position_id)
    return services.end_position(position, actor=request.auth, ended_on=payload.ended_on)


def _member_filter(user, filters: MemberFilters) -> MemberFilter:
    unit = unit_for(user, filters.unit) if filters.unit else None
    member_filter = MemberFilter(
        unit=unit,
        q=filters.q,
        status=list(filters.status),
        gender=filters.gender or "",
        ordering=filters.ordering,
        include_left=filters.include_left,
    )
    errors = member_filter.errors()
    if errors:
        raise Invalid(errors)
    return member_filter


def _tallied_count(user, member_filter: MemberFilter) -> int | None:
    """A whole visible subtree, unfiltered, is counted from the unit tallies, not row by row."""
    unit = member_filter.unit
    narrowed = (
        member_filter.q
        or member_filter.status
        or member_filter.gender
        or member_filter.include_left
    )
    if unit is None or narrowed or not scope.allows(user, VIEW_MEMBERS, unit):
        return None
    return subtree_summary(unit)["members"]


def _reloaded(member: Member) -> Member:
    return Member.objects.select_related("unit").get(pk=member.pk)
