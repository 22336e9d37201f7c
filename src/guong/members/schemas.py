"""Request and response bodies of the members API (/api/v1/members)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator

from guong.core.text import fold
from guong.org.schemas import AuditOut, Day

from .models import Gender, Position, Status
from .queries import ORDERINGS

_GENDER_WORDS = {"nam": Gender.MALE, "nu": Gender.FEMALE}


def _gender(value: Any) -> Any:
    """male/female, or the Vietnamese nam/nữ."""
    if isinstance(value, str):
        return _GENDER_WORDS.get(fold(value), value.strip().lower())
    return value


# A plain string, checked by the service with the other fields, so that one answer lists
# every problem of the record.
GenderIn = Annotated[
    str, BeforeValidator(_gender), Field(description="male or female (also nam, nữ)")
]


class MemberFilters(Schema):
    unit: str | None = Field(None, description="code of a unit: list its whole subtree")
    q: str = Field(
        "",
        description="words of the name, without regard to diacritics or case; "
        "digits search card numbers",
    )
    status: list[Status] = Field(
        default_factory=list, description="repeatable; none: everyone on the register"
    )
    gender: Gender | None = None
    ordering: str = Field("name", description=f"one of: {', '.join(ORDERINGS)}")
    include_left: bool = Field(False, description="also those who left the register")


class MemberOut(Schema):
    card_number: str
    full_name: str
    birth_date: dt.date
    gender: str
    status: str
    admitted_on: dt.date
    official_on: dt.date | None
    unit: str
    unit_name: str

    @staticmethod
    def resolve_unit(member) -> str:
        return member.unit.code

    @staticmethod
    def resolve_unit_name(member) -> str:
        return member.unit.name


class MemberPage(Schema):
    count: int
    items: list[MemberOut]


class MemberDetail(MemberOut):
    status_since: dt.date | None
    residence: str


class MemberCreate(Schema):
    card_number: str
    full_name: str
    birth_date: Day
    gender: GenderIn
    unit: str = Field(description="code of the member's unit")
    admitted_on: Day
    official_on: Day | None = Field(None, description="empty: still probationary")
    residence: str = ""


class MemberUpdate(Schema):
    full_name: str | None = None
    birth_date: Day | None = None
    gender: GenderIn | None = None
    admitted_on: Day | None = None
    official_on: Day | None = None
    residence: str | None = None


class TransferIn(Schema):
    unit: str = Field(description="code of the receiving unit")
    on: Day
    reason: str = ""


class StatusIn(Schema):
    status: Status
    on: Day
    reason: str = ""
    decision: str = ""


class PositionIn(Schema):
    title: Position.Title
    started_on: Day
    unit: str | None = Field(None, description="code of the unit; the member's own by default")
    detail: str = ""


class PositionEndIn(Schema):
    ended_on: Day


class PositionOut(Schema):
    id: int
    title: str
    detail: str
    unit: str
    started_on: dt.date
    ended_on: dt.date | None

    @staticmethod
    def resolve_unit(position) -> str:
        return position.unit.code


class MembershipOut(Schema):
    unit: str
    unit_name: str
    started_on: dt.date
    ended_on: dt.date | None
    reason: str

    @staticmethod
    def resolve_unit(membership) -> str:
        return membership.unit.code

    @staticmethod
    def resolve_unit_name(membership) -> str:
        return membership.unit.name


class StatusChangeOut(Schema):
    old_status: str
    new_status: str
    on: dt.date
    reason: str
    decision: str
    rule_set: str | None = None

    @staticmethod
    def resolve_rule_set(change) -> str | None:
        return change.rule_set.code if change.rule_set_id else None


class MemberHistory(Schema):
    memberships: list[MembershipOut]
    status_changes: list[StatusChangeOut]
    positions: list[PositionOut]
    audit: list[AuditOut] = Field(description="empty unless the caller holds audit.view here")
