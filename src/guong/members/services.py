"""Every write to a member's record: create, update, transfer, change of standing, positions."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guong.accounts.roles import CHANGE_MEMBERS
from guong.core import audit, rulesets, scope
from guong.core.errors import Invalid
from guong.core.text import clean_spaces, fold, name_sort_key
from guong.org import tally
from guong.org.models import Unit

from . import rules
from .models import Member, Membership, Position, Status, StatusChange

MEMBER_FIELDS = (
    "card_number",
    "full_name",
    "birth_date",
    "gender",
    "admitted_on",
    "official_on",
    "status",
    "unit_id",
    "residence",
)
EDITABLE = ("full_name", "birth_date", "gender", "admitted_on", "official_on", "residence")


@transaction.atomic
def create_member(
    *,
    actor,
    unit: Unit,
    card_number: str,
    full_name: str,
    birth_date: dt.date,
    gender: str,
    admitted_on: dt.date,
    official_on: dt.date | None = None,
    residence: str = "",
) -> Member:
    scope.require(actor, CHANGE_MEMBERS, unit)
    unit = Unit.objects.get(pk=unit.pk)
    _check_unit_open(unit)
    data = {
        "card_number": clean_spaces(card_number),
        "full_name": clean_spaces(full_name),
        "birth_date": birth_date,
        "gender": gender,
        "admitted_on": admitted_on,
        "official_on": official_on,
        "residence": clean_spaces(residence),
    }
    _validate(data)
    if Member.objects.filter(card_number=data["card_number"]).exists():
        raise Invalid.field(
            "card_number",
            _("The card number %(card)s is already registered.") % {"card": data["card_number"]},
        )
    status = Status.FULL if official_on else Status.PROBATIONARY
    member = Member(unit=unit, status=status, status_since=official_on or admitted_on, **data)
    _set_name_keys(member)
    member.save()
    Membership.objects.create(member=member, unit=unit, started_on=admitted_on)
    StatusChange.objects.create(
        member=member, new_status=status, on=member.status_since, reason=_("Registered")
    )
    tally.adjust(unit, status, +1)
    audit.record(actor, "member.created", member, after=audit.snapshot(member, MEMBER_FIELDS))
    return member


@transaction.atomic
def update_member(member: Member, *, actor, **changes) -> Member:
    scope.require(actor, CHANGE_MEMBERS, member.unit)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise Invalid(
            [
                {"field": f, "message": _("This field cannot be changed here.")}
                for f in sorted(unknown)
            ]
        )
    member = Member.objects.select_for_update().get(pk=member.pk)
    before = audit.snapshot(member, MEMBER_FIELDS)
    for field, value in changes.items():
        setattr(member, field, clean_spaces(value) if isinstance(value, str) else value)
    _validate({f: getattr(member, f) for f in MEMBER_FIELDS if f != "unit_id"})
    _set_name_keys(member)
    member.save()
    audit.record(
        actor, "member.updated", member, before=before, after=audit.snapshot(member, MEMBER_FIELDS)
    )
    return member


@transaction.atomic
def transfer_member(
    member: Member, to_unit: Unit, *, actor, on: dt.date, reason: str = ""
) -> Membership:
    """Close the member's current unit period and open one in `to_unit`."""
    scope.require(actor, CHANGE_MEMBERS, member.unit)
    scope.require(actor, CHANGE_MEMBERS, to_unit)
    member = Member.objects.select_for_update().select_related("unit").get(pk=member.pk)
    to_unit = Unit.objects.get(pk=to_unit.pk)
    _check_unit_open(to_unit)
    if not member.on_register:
        raise Invalid.field("member", _("Only a member on the register can be transferred."))
    if to_unit.pk == member.unit_id:
        raise Invalid.field("unit", _("The member is already in this unit."))
    old_unit = member.unit
    membership = _move(member, to_unit, on, reason)
    audit.record(
        actor,
        "member.transferred",
        member,
        before={"unit": old_unit.code},
        after={"unit": to_unit.code, "on": on, "reason": reason},
    )
    return membership


@transaction.atomic
def change_status(
    member: Member, new_status: str, *, actor, on: dt.date, reason: str = "", decision: str = ""
) -> StatusChange:
    scope.require(actor, CHANGE_MEMBERS, member.unit)
    member = Member.objects.select_for_update().get(pk=member.pk)
    if new_status not in Status.values:
        raise Invalid.field("status", _("Unknown status %(status)s.") % {"status": new_status})
    if on > timezone.localdate():
        raise Invalid.field("on", _("The date is in the future."))
    rule_set = rulesets.in_force("membership", on)
    verdict = rules.can_change_status(member, new_status, on, rule_set)
    if not verdict.allowed:
        raise Invalid.field("status", verdict.reason)
    if new_status in (Status.REMOVED, Status.EXPELLED, Status.SUSPENDED) and not reason:
        raise Invalid.field("reason", _("Give the reason and the decision."))
    old_status = member.status
    _apply_status(member, old_status, new_status, on)
    change = StatusChange.objects.create(
        member=member,
        old_status=old_status,
        new_status=new_status,
        on=on,
        reason=reason,
        decision=decision,
        rule_set=rule_set,
    )
    audit.record(
        actor,
        "member.status_changed",
        member,
        before={"status": old_status},
        after={"status": new_status, "on": on, "reason": reason, "rule_set": rule_set.code},
    )
    return change


@transaction.atomic
def add_position(
    member: Member, *, actor, unit: Unit, title: str, started_on: dt.date, detail: str = ""
) -> Position:
    scope.require(actor, CHANGE_MEMBERS, unit)
    if title not in Position.Title.values:
        raise Invalid.field("title", _("Unknown position."))
    position = Position.objects.create(
        member=member, unit=unit, title=title, started_on=started_on, detail=clean_spaces(detail)
    )
    audit.record(
        actor,
        "member.position_added",
        member,
        after={"title": title, "unit": unit.code, "from": started_on},
    )
    return position


@transaction.atomic
def end_position(position: Position, *, actor, ended_on: dt.date) -> Position:
    scope.require(actor, CHANGE_MEMBERS, position.unit)
    if ended_on < position.started_on:
        raise Invalid.field("ended_on", _("The end date is before the start date."))
    Position.objects.filter(pk=position.pk).update(ended_on=ended_on)
    position.ended_on = ended_on
    audit.record(
        actor,
        "member.position_ended",
        position.member,
        after={"title": position.title, "unit": position.unit.code, "to": ended_on},
    )
    return position


def move_all_members(source: Unit, into: Unit, *, on: dt.date, actor, reason: str) -> int:
    """Move everyone on `source`'s register to `into` (a merger); called inside its service."""
    moved = 0
    for member in Member.objects.filter(unit=source).on_register().select_for_update():
        member.unit = source
        _move(member, into, on, reason)
        audit.record(
            actor,
            "member.transferred",
            member,
            before={"unit": source.code},
            after={"unit": into.code, "on": on, "reason": reason},
        )
        moved += 1
    return moved


def _move(member: Member, to_unit: Unit, on: dt.date, reason: str) -> Membership:
    current = member.memberships.filter(ended_on__isnull=True).first()
    if current and on < current.started_on:
        raise Invalid.field(
            "on",
            _("The date is before %(name)s joined %(unit)s on %(date)s.")
            % {
                "name": member.full_name,
                "unit": member.unit.name,
                "date": current.started_on.strftime("%d/%m/%Y"),
            },
        )
    Membership.objects.filter(member=member, ended_on__isnull=True).update(ended_on=on)
    deltas = Counter({(member.unit, member.status): -1, (to_unit, member.status): +1})
    Member.objects.filter(pk=member.pk).update(unit=to_unit)
    tally.adjust_many(deltas)
    member.unit = to_unit
    return Membership.objects.create(member=member, unit=to_unit, started_on=on, reason=reason)


def _apply_status(member: Member, old: str, new: str, on: dt.date) -> None:
    fields = {"status": new, "status_since": on}
    if old == Status.PROBATIONARY and new == Status.FULL:
        fields["official_on"] = on
    if old in (Status.REMOVED, Status.EXPELLED) and new == Status.PROBATIONARY:
        fields.update(admitted_on=on, official_on=None)
    Member.objects.filter(pk=member.pk).update(**fields)
    tally.adjust_many(Counter({(member.unit, old): -1, (member.unit, new): +1}))
    if new not in (Status.PROBATIONARY, Status.FULL, Status.EXEMPT, Status.SUSPENDED):
        Membership.objects.filter(member=member, ended_on__isnull=True).update(ended_on=on)
    elif not member.memberships.filter(ended_on__isnull=True).exists():
        Membership.objects.create(member=member, unit_id=member.unit_id, started_on=on)
    for field, value in fields.items():
        setattr(member, field, value)


def _check_unit_open(unit: Unit) -> None:
    if not unit.is_active:
        raise Invalid.field("unit", _("The unit %(name)s has ended.") % {"name": unit.name})


def _set_name_keys(member: Member) -> None:
    member.name_folded = fold(member.full_name)
    member.sort_key = name_sort_key(member.full_name)


def _validate(data: dict) -> None:
    # A record is checked against the rules in force today; decisions use the rules of their date.
    today = timezone.localdate()
    rule_set = rulesets.in_force("membership", today)
    errors = rules.member_errors(data, today=today, rules=rule_set)
    if errors:
        raise Invalid(errors)
