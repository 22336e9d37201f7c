"""What happened to the demo's members over the years, through `members.services`:
recognition as full members, exemptions for old age, deaths, removals and transfers."""

from __future__ import annotations

import datetime as dt
import random

from guong.members import services as member_services
from guong.members.models import Member, Status
from guong.members.rules import add_months
from guong.org.models import Unit

from .people import birthday, random_day
from .province import Province

# Status changes are judged by the rule set of their date; the oldest one loaded starts here.
FIRST_RULED_DAY = dt.date(2021, 7, 30)
EXEMPT_SHARE = 0.35  # of full members aged 70 or more in village cells
DECEASED, REMOVED, TRANSFERS = 5, 2, 12

EXEMPTION_REASON = "Tuổi cao, sức yếu; có đơn đề nghị miễn công tác và sinh hoạt đảng"
REMOVAL_REASON = (
    "Bỏ sinh hoạt chi bộ ba tháng trong năm không có lý do chính đáng (Điều lệ Đảng, Điều 8)"
)
TRANSFER_REASONS = (
    "Chuyển sinh hoạt đảng do thay đổi nơi công tác",
    "Chuyển sinh hoạt đảng về nơi cư trú",
    "Điều động, luân chuyển cán bộ",
)


def record(province: Province, *, actor, rng: random.Random, today: dt.date) -> None:
    _recognize(actor, today)
    _exempt(province, actor, rng, today)
    since = province.config["reform"]["founded_on"]
    villages = _village_members(province)
    leaving = (
        (
            villages.filter(birth_date__lte=birthday(today, -80)),
            DECEASED,
            Status.DECEASED,
            "Từ trần",
        ),
        (
            villages.filter(
                status=Status.FULL, birth_date__range=(birthday(today, -55), birthday(today, -30))
            ),
            REMOVED,
            Status.REMOVED,
            REMOVAL_REASON,
        ),
    )
    for candidates, count, status, reason in leaving:
        candidates = list(candidates)
        for member in rng.sample(candidates, min(count, len(candidates))):
            member_services.change_status(
                member,
                status,
                actor=actor,
                reason=reason,
                on=random_day(rng, max(since, member.status_since), today),
                decision=f"Quyết định số {rng.randint(10, 99)}-QĐ/ĐU",
            )
    _transfer(actor, rng, since, today)


def _village_members(province: Province):
    villages = [cell.unit.pk for cell in province.cells if cell.profile == "village"]
    return Member.objects.filter(unit_id__in=villages).on_register().order_by("pk")


def _recognize(actor, today: dt.date) -> None:
    """Probationers whose 12 months are over become full members on the day they end."""
    for member in Member.objects.filter(status=Status.PROBATIONARY).order_by("pk"):
        due = add_months(member.admitted_on, 12)
        if due <= today:
            member_services.change_status(
                member,
                Status.FULL,
                actor=actor,
                on=due,
                reason="Công nhận đảng viên chính thức",
                decision=f"Quyết định số {member.pk % 90 + 10}-QĐ/ĐU",
            )


def _exempt(province: Province, actor, rng: random.Random, today: dt.date) -> None:
    old = _village_members(province).filter(
        status=Status.FULL, birth_date__lte=birthday(today, -70)
    )
    for member in old:
        if rng.random() >= EXEMPT_SHARE:
            continue
        of_age = birthday(member.birth_date, 60 if member.gender == "male" else 55)
        first = max(of_age, member.official_on + dt.timedelta(days=1), FIRST_RULED_DAY)
        on = random_day(rng, first, min(add_months(first, 36), today))
        member_services.change_status(
            member,
            Status.EXEMPT,
            actor=actor,
            on=on,
            reason=EXEMPTION_REASON,
            decision="Nghị quyết chi bộ",
        )


def _transfer(actor, rng: random.Random, since: dt.date, today: dt.date) -> None:
    cells = list(Unit.objects.filter(kind=Unit.Kind.CELL, ended_on__isnull=True).order_by("pk"))
    movers = list(Member.objects.filter(status=Status.FULL).order_by("pk"))
    for member in rng.sample(movers, min(TRANSFERS, len(movers))):
        to_unit = rng.choice([cell for cell in cells if cell.pk != member.unit_id])
        member_services.transfer_member(
            member,
            to_unit,
            actor=actor,
            on=random_day(rng, since, today),
            reason=rng.choice(TRANSFER_REASONS),
        )
