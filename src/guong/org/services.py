"""Every write to the organization tree: create, update, rename, move, merge, dissolve."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from guong.accounts.roles import CHANGE_UNITS
from guong.core import audit, scope
from guong.core.errors import Forbidden, Invalid
from guong.core.text import clean_spaces, fold
from guong.members.models import Member

from . import rules, tally
from .models import Unit, UnitChange

UNIT_FIELDS = (
    "code",
    "name",
    "kind",
    "grassroots",
    "sector",
    "parent_id",
    "founded_on",
    "ended_on",
    "successor_id",
)


@transaction.atomic
def create_unit(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    grassroots: bool = False,
    sector: str = "",
    founded_on: dt.date | None = None,
    decision: str = "",
) -> Unit:
    _require_parent_scope(actor, parent)
    unit = Unit(
        code=clean_spaces(code),
        name=clean_spaces(name),
        kind=kind,
        parent=parent,
        grassroots=grassroots,
        sector=sector or "",
        founded_on=founded_on,
    )
    _validate(unit, parent)
    unit.name_folded = fold(unit.name)
    unit.save()
    unit.path = rules.child_path(parent, unit.pk)
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    tally.add_units([unit])
    UnitChange.objects.create(
        unit=unit,
        kind=UnitChange.Kind.CREATED,
        on=_today(founded_on),
        new_value=unit.name,
        decision=decision,
    )
    audit.record(actor, "unit.created", unit, after=audit.snapshot(unit, UNIT_FIELDS))
    return unit


@transaction.atomic
def update_unit(
    unit: Unit,
    *,
    actor,
    grassroots: bool | None = None,
    sector: str | None = None,
    kind: str | None = None,
    founded_on: dt.date | None = None,
) -> Unit:
    scope.require(actor, CHANGE_UNITS, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = audit.snapshot(unit, UNIT_FIELDS)
    tally.add_units([unit], sign=-1)
    for field, value in (
        ("grassroots", grassroots),
        ("sector", sector),
        ("kind", kind),
        ("founded_on", founded_on),
    ):
        if value is not None:
            setattr(unit, field, value)
    if unit.kind == Unit.Kind.CELL and unit.children.filter(ended_on__isnull=True).exists():
        raise Invalid.field("kind", _("A unit with subordinate units cannot become a cell."))
    _validate(unit, unit.parent, check_parent=False)
    unit.save()
    tally.add_units([unit])
    audit.record(
        actor, "unit.updated", unit, before=before, after=audit.snapshot(unit, UNIT_FIELDS)
    )
    return unit


@transaction.atomic
def rename_unit(unit: Unit, *, actor, name: str, on: dt.date, decision: str = "") -> Unit:
    scope.require(actor, CHANGE_UNITS, unit)
    name = clean_spaces(name)
    if not name:
        raise Invalid.field("name", _("The name is required."))
    old = unit.name
    Unit.objects.filter(pk=unit.pk).update(name=name, name_folded=fold(name))
    unit.name, unit.name_folded = name, fold(name)
    UnitChange.objects.create(
        unit=unit,
        kind=UnitChange.Kind.RENAMED,
        on=on,
        old_value=old,
        new_value=name,
        decision=decision,
    )
    audit.record(actor, "unit.renamed", unit, before={"name": old}, after={"name": name})
    return unit


@transaction.atomic
def move_unit(unit: Unit, *, actor, new_parent: Unit, on: dt.date, decision: str = "") -> Unit:
    """Place `unit` and its whole subtree under `new_parent`, rewriting their paths at once."""
    scope.require(actor, CHANGE_UNITS, unit)
    scope.require(actor, CHANGE_UNITS, new_parent)
    unit, new_parent = _locked(unit), _locked(new_parent)
    errors = rules.parent_errors(unit, new_parent)
    if errors:
        raise Invalid([{"field": "parent", "message": m} for m in errors])
    old_parent, old_path = unit.parent, unit.path
    new_path = rules.child_path(new_parent, unit.pk)
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + (new_parent.depth + 1 - unit.depth),
    )
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    tally.move_subtree(unit, old_path)
    UnitChange.objects.create(
        unit=unit,
        kind=UnitChange.Kind.MOVED,
        on=on,
        old_value=old_parent.name if old_parent else "",
        new_value=new_parent.name,
        related=new_parent,
        decision=decision,
    )
    audit.record(
        actor,
        "unit.moved",
        unit,
        before={"parent": old_parent.code if old_parent else None},
        after={"parent": new_parent.code},
    )
    return unit


@transaction.atomic
def merge_units(sources: list[Unit], *, actor, into: Unit, on: dt.date, decision: str = "") -> Unit:
    """Merge `sources` into `into`: their members, subordinate units and roles move to it;
    each source ends on `on` and names `into` as its successor."""
    from guong.members.services import move_all_members

    scope.require(actor, CHANGE_UNITS, into)
    for source in sources:
        scope.require(actor, CHANGE_UNITS, source)
    into = _locked(into)
    sources = [_locked(source) for source in sources]
    _check_merge(sources, into)
    for source in sources:
        for child in source.children.filter(ended_on__isnull=True):
            move_unit(child, actor=actor, new_parent=into, on=on, decision=decision)
        moved = move_all_members(
            source, into, on=on, actor=actor, reason=_("Merged into %(name)s") % {"name": into.name}
        )
        _move_roles(source, into)
        Unit.objects.filter(pk=source.pk).update(ended_on=on, successor=into)
        tally.add_units([source], sign=-1)
        UnitChange.objects.create(
            unit=source,
            kind=UnitChange.Kind.MERGED,
            on=on,
            new_value=into.name,
            related=into,
            decision=decision,
        )
        UnitChange.objects.create(
            unit=into,
            kind=UnitChange.Kind.ABSORBED,
            on=on,
            old_value=source.name,
            related=source,
            decision=decision,
        )
        audit.record(
            actor,
            "unit.merged",
            source,
            before={"ended_on": None},
            after={"ended_on": on, "successor": into.code, "members_moved": moved},
        )
    into.refresh_from_db()
    return into


@transaction.atomic
def dissolve_unit(unit: Unit, *, actor, on: dt.date, decision: str = "") -> Unit:
    scope.require(actor, CHANGE_UNITS, unit)
    unit = _locked(unit)
    if unit.children.filter(ended_on__isnull=True).exists():
        raise Invalid.field("unit", _("Move or dissolve its subordinate units first."))
    if Member.objects.filter(unit=unit).on_register().exists():
        raise Invalid.field("unit", _("Transfer its members first."))
    if not unit.is_active:
        raise Invalid.field("unit", _("The unit has already ended."))
    Unit.objects.filter(pk=unit.pk).update(ended_on=on)
    tally.add_units([unit], sign=-1)
    unit.ended_on = on
    UnitChange.objects.create(unit=unit, kind=UnitChange.Kind.DISSOLVED, on=on, decision=decision)
    audit.record(actor, "unit.dissolved", unit, before={"ended_on": None}, after={"ended_on": on})
    return unit


def _locked(unit: Unit) -> Unit:
    """The unit as stored now, locked: a caller's copy may predate a move of its branch."""
    return Unit.objects.select_for_update().get(pk=unit.pk)


def _check_merge(sources: list[Unit], into: Unit) -> None:
    if not sources:
        raise Invalid.field("sources", _("Choose at least one unit to merge."))
    for source in sources:
        if source.pk == into.pk or into.path.startswith(source.path):
            raise Invalid.field("into", _("A unit cannot be merged into itself or its own unit."))
        if not source.is_active:
            raise Invalid.field(
                "sources", _("The unit %(name)s has ended.") % {"name": source.name}
            )
        if source.kind != into.kind and source.children.exists():
            raise Invalid.field("into", _("A committee with units cannot merge into a cell."))
    if not into.is_active:
        raise Invalid.field("into", _("The unit %(name)s has ended.") % {"name": into.name})


def _move_roles(source: Unit, into: Unit) -> None:
    from guong.accounts.models import RoleAssignment

    for assignment in RoleAssignment.objects.current().filter(unit=source):
        duplicate = RoleAssignment.objects.current().filter(
            user=assignment.user_id, role=assignment.role, unit=into
        )
        if duplicate.exists():
            RoleAssignment.objects.filter(pk=assignment.pk).update(ended_at=timezone.now())
        else:
            RoleAssignment.objects.filter(pk=assignment.pk).update(unit=into)


def _require_parent_scope(actor, parent: Unit | None) -> None:
    if parent is not None:
        scope.require(actor, CHANGE_UNITS, parent)
    elif not getattr(actor, "is_superuser", False):
        raise Forbidden(CHANGE_UNITS)


def _validate(unit: Unit, parent: Unit | None, check_parent: bool = True) -> None:
    errors = []
    if not unit.code:
        errors.append({"field": "code", "message": _("The code is required.")})
    elif Unit.objects.filter(code=unit.code).exclude(pk=unit.pk).exists():
        errors.append(
            {
                "field": "code",
                "message": _("The code %(code)s is already used.") % {"code": unit.code},
            }
        )
    if not unit.name:
        errors.append({"field": "name", "message": _("The name is required.")})
    if unit.kind not in Unit.Kind.values:
        errors.append({"field": "kind", "message": _("The kind must be committee or cell.")})
    if unit.sector and unit.sector not in Unit.Sector.values:
        errors.append(
            {
                "field": "sector",
                "message": _("Unknown sector %(sector)s.") % {"sector": unit.sector},
            }
        )
    if check_parent:
        errors += [{"field": "parent", "message": m} for m in rules.parent_errors(unit, parent)]
    if errors:
        raise Invalid(errors)


def _today(value: dt.date | None) -> dt.date:
    return value or timezone.localdate()
