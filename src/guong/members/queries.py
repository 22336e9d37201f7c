"""Reads of members: the scoped list with search, filters and Vietnamese order; one member."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from guong.accounts.roles import VIEW_MEMBERS
from guong.core import scope
from guong.core.errors import NotFound
from guong.core.text import fold
from guong.org.models import Unit

from .models import ON_REGISTER, Member, Status

WORD = re.compile(r"[a-z0-9]+")

ORDERINGS = {
    "name": ("sort_key", "card_number"),
    "-name": ("-sort_key", "-card_number"),
    "card_number": ("card_number",),
    "-card_number": ("-card_number",),
    "admitted_on": ("admitted_on", "sort_key"),
    "-admitted_on": ("-admitted_on", "sort_key"),
    "birth_date": ("birth_date", "sort_key"),
    "-birth_date": ("-birth_date", "sort_key"),
}


@dataclass
class MemberFilter:
    """The filters shared by the member list page, the API list and the export."""

    unit: Unit | None = None
    q: str = ""
    status: list[str] = field(default_factory=list)  # empty: everyone on the register
    gender: str = ""
    ordering: str = "name"
    include_left: bool = False

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.unit is not None:
            queryset = queryset.filter(unit__path__startswith=self.unit.path)
        if self.status:
            queryset = queryset.filter(status__in=self.status)
        elif not self.include_left:
            queryset = queryset.filter(status__in=ON_REGISTER)
        if self.gender:
            queryset = queryset.filter(gender=self.gender)
        queryset = search(queryset, self.q)
        return queryset.order_by(*ORDERINGS.get(self.ordering, ORDERINGS["name"]))

    def errors(self) -> list[dict]:
        problems = []
        bad = [s for s in self.status if s not in Status.values]
        if bad:
            problems.append(
                {
                    "field": "status",
                    "message": _("Unknown status: %(values)s.") % {"values": ", ".join(bad)},
                }
            )
        if self.ordering not in ORDERINGS:
            problems.append({"field": "ordering", "message": f"one of: {', '.join(ORDERINGS)}"})
        return problems


def search(queryset: QuerySet, q: str) -> QuerySet:
    """Names without regard to diacritics or case: every word typed must begin a word of the
    name ("nguyen van an" and "an nguyen" find "Nguyễn Văn An"); digits search card numbers by
    prefix."""
    q = (q or "").strip()
    if not q:
        return queryset
    if q.isdigit():
        return queryset.filter(card_number__startswith=q)
    words = WORD.findall(fold(q))
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        # A GIN index on the words of `name_folded` answers prefix queries on any word.
        query = " & ".join(f"{word}:*" for word in words)
        return queryset.filter(
            RawSQL(
                "to_tsvector('simple', members_member.name_folded) @@ to_tsquery('simple', %s)",
                [query],
                output_field=BooleanField(),
            )
        )
    condition = Q()
    for word in words:
        condition &= Q(name_folded__startswith=word) | Q(name_folded__contains=f" {word}")
    return queryset.filter(condition)


def members_for(user, permission: str = VIEW_MEMBERS) -> QuerySet:
    return Member.objects.visible_to(user, permission).select_related("unit")


def member_for(user, card_number: str, permission: str = VIEW_MEMBERS) -> Member:
    """The member if `user` may see them; NotFound otherwise (never reveal existence)."""
    member = Member.objects.filter(card_number=card_number).select_related("unit").first()
    if member is None or not can_see(user, member, permission):
        raise NotFound(card_number)
    return member


def can_see(user, member: Member, permission: str = VIEW_MEMBERS) -> bool:
    if permission == VIEW_MEMBERS and getattr(user, "member_id", None) == member.pk:
        return True
    return scope.allows(user, permission, member.unit)
