"""Reads of members: the scoped list with search, filters and Vietnamese order; one member."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, CharField, Count, Q, QuerySet, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
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
        ordering = ORDERINGS.get(self.ordering, ORDERINGS["name"])
        if self.q.strip() and not _matches_many(queryset):
            # A narrow search reads all its matches to sort them: count them in the same pass.
            queryset = queryset.annotate(total_rows=Window(Count("pk")))
            if ordering[0].lstrip("-") == "sort_key":
                ordering = (_sorted_after_matching(ordering[0]), *ordering[1:])
        return queryset.order_by(*ordering)

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


BROAD_SEARCH = 20_000


def _matches_many(queryset: QuerySet) -> bool:
    """Whether PostgreSQL's planner expects more than BROAD_SEARCH matches ("nguyen" across a
    province). Those are dense in name order, so walking the name index finds a page at once;
    narrow ones are sorted after matching. SQLite sorts its matches either way."""
    if connection.vendor != "postgresql" or queryset.query.is_empty():
        return False
    plan = json.loads(queryset.order_by().explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"] > BROAD_SEARCH


def _sorted_after_matching(field: str):
    """Order a search's matches by name without walking the name index.

    Given `ORDER BY sort_key LIMIT 50`, PostgreSQL walks the name index and tests each row,
    expecting matches to be spread evenly; a full name's matches sit together in that order
    (every "Hùng"), so it read half a million rows (4 s at 1,000,000 members). An expression
    that the index does not hold makes it fetch the matches by the word index and sort them.
    """
    expression = Concat(field.lstrip("-"), Value(""), output_field=CharField())
    return expression.desc() if field.startswith("-") else expression.asc()


def search(queryset: QuerySet, q: str) -> QuerySet:
    """Names without regard to diacritics or case, words in any order: each word typed is a
    whole word of the name, the last one may be its beginning, as when typing ("tran an" finds
    "Trần Văn An", "nguyen van h" finds "Nguyễn Văn Hùng"); digits search card numbers by
    prefix."""
    q = (q or "").strip()
    if not q:
        return queryset
    if q.isdigit():
        return queryset.filter(card_number__startswith=q)
    words = WORD.findall(fold(q))
    if not words:
        return queryset.none()
    *whole, last = words
    if connection.vendor == "postgresql":
        # A GIN index on the words of `name_folded`; whole words let it skip through the long
        # posting lists of common words ("nguyen", "van") instead of reading them.
        query = " & ".join([*whole, f"{last}:*"])
        return queryset.filter(
            RawSQL(
                "to_tsvector('simple', members_member.name_folded) @@ to_tsquery('simple', %s)",
                [query],
                output_field=BooleanField(),
            )
        )
    condition = Q(name_folded__startswith=last) | Q(name_folded__contains=f" {last}")
    for word in whole:
        condition &= (
            Q(name_folded=word)
            | Q(name_folded__startswith=f"{word} ")
            | Q(name_folded__endswith=f" {word}")
            | Q(name_folded__contains=f" {word} ")
        )
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
