"""Request and response bodies of the units API (/api/v1/units)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator

from guong.core.text import parse_date

from .models import Unit
from .queries import ancestors


def _day(value: Any) -> Any:
    """ISO "yyyy-mm-dd" or "dd/mm/yyyy", as people write dates in Vietnam; blank is no date."""
    if isinstance(value, str):
        return parse_date(value) if value.strip() else None
    return value


# A date in a request body: ISO, or dd/mm/yyyy; "31/02/2024" is refused naming the field.
Day = Annotated[dt.date, BeforeValidator(_day)]


class UnitFilters(Schema):
    parent: str | None = Field(None, description="code of a unit: list its direct children")
    q: str = Field("", description="words of the name, without regard to diacritics or case")
    kind: Unit.Kind | None = None
    grassroots: bool | None = None
    include_ended: bool = False


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    grassroots: bool
    sector: str
    parent: str | None = Field(None, description="code of the parent unit")
    founded_on: dt.date | None
    ended_on: dt.date | None

    @staticmethod
    def resolve_parent(unit) -> str | None:
        return unit.parent.code if unit.parent_id else None


class UnitPage(Schema):
    count: int
    items: list[UnitOut]


class ChildOut(UnitOut):
    child_count: int


class ChildPage(Schema):
    count: int
    items: list[ChildOut]


class UnitDetail(UnitOut):
    path: list[str] = Field(description="codes of the ancestors the caller may see, root first")
    successor: str | None = Field(None, description="the unit this one was merged into")

    @staticmethod
    def resolve_path(unit, context) -> list[str]:
        return [a.code for a in ancestors(unit, context["request"].auth)]

    @staticmethod
    def resolve_successor(unit) -> str | None:
        return unit.successor.code if unit.successor_id else None


class SummaryOut(Schema):
    """Counts over the unit's whole active subtree, the unit itself included."""

    members: int
    probationary: int
    full: int
    exempt: int
    suspended: int
    units: int
    cells: int
    committees: int
    grassroots: int
    grassroots_by_sector: dict[str, int]


class UnitCreate(Schema):
    code: str
    name: str
    kind: Unit.Kind
    parent: str = Field(description="code of the parent committee")
    grassroots: bool = False
    sector: Unit.Sector | None = None
    founded_on: Day | None = None
    decision: str = ""


class UnitUpdate(Schema):
    grassroots: bool | None = None
    sector: Unit.Sector | None = None
    kind: Unit.Kind | None = None
    founded_on: Day | None = None


class RenameIn(Schema):
    name: str
    on: Day
    decision: str = ""


class MoveIn(Schema):
    parent: str = Field(description="code of the new parent committee")
    on: Day
    decision: str = ""


class MergeIn(Schema):
    into: str = Field(description="code of the unit that receives this one")
    on: Day
    decision: str = ""


class DissolveIn(Schema):
    on: Day
    decision: str = ""


class ChangeOut(Schema):
    kind: str
    on: dt.date
    old_value: str
    new_value: str
    related: str | None = None
    decision: str

    @staticmethod
    def resolve_related(change) -> str | None:
        return change.related.code if change.related_id else None


class AuditOut(Schema):
    seq: int
    at: dt.datetime
    actor: str
    action: str
    before: dict | None
    after: dict | None

    @staticmethod
    def resolve_actor(event) -> str:
        return event.actor_label


class UnitHistory(Schema):
    changes: list[ChangeOut]
    audit: list[AuditOut] = Field(description="empty unless the caller holds audit.view here")
