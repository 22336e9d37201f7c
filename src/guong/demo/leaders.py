"""Who leads what: secretaries and deputies of every cell and the committees above them, for
the 2020–2025 term (ended, so the history shows it) and the current one."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from django.db.models import Q

from guong.members import services as member_services
from guong.members.models import Member, Position, Status
from guong.org.models import Unit

from .people import birthday
from .province import Province

Title = Position.Title
CELL_TITLES = ((Title.SECRETARY, 1), (Title.DEPUTY_SECRETARY, 1))
COMMITTEE_TITLES = ((Title.SECRETARY, 1), (Title.DEPUTY_SECRETARY, 1), (Title.COMMITTEE_MEMBER, 3))
PROVINCE_TITLES = (
    (Title.SECRETARY, 1),
    (Title.DEPUTY_SECRETARY, 2),
    (Title.STANDING_COMMITTEE, 4),
    (Title.INSPECTION_COMMITTEE, 2),
)

# Congress dates of the demo province (invented, in the real calendar of the 2025–2030 term).
DISTRICT_CONGRESS_2020 = dt.date(2020, 7, 16)
CELL_CONGRESS_2020 = dt.date(2020, 4, 1)
CELL_CONGRESSES_2025 = dt.date(2025, 4, 1)  # each cell held its own within 80 days
GRASSROOTS_CONGRESS_2025 = dt.date(2025, 6, 25)
BLOCK_CONGRESS_2025 = dt.date(2025, 8, 20)
PROVINCE_CONGRESS_2025 = dt.date(2025, 10, 9)
LEADER_AGES = (30, 65)
PARTY_YEARS = 3  # a leader has been a member at least this long


def appoint_previous_term(province: Province, *, actor, rng: random.Random) -> None:
    """District committees from 2020 to the reform; every fourth cell's former secretary."""
    ended = province.config["reform"]["ended_on"]
    for district in province.config["districts"]:
        unit = province.unit(district["code"])
        for position in _appoint(unit, COMMITTEE_TITLES, DISTRICT_CONGRESS_2020, actor, rng):
            member_services.end_position(position, actor=actor, ended_on=ended)
    for cell in province.cells[::4]:
        congress = _cell_congress(cell.unit)
        for position in _appoint(cell.unit, CELL_TITLES[:1], CELL_CONGRESS_2020, actor, rng):
            member_services.end_position(
                position, actor=actor, ended_on=congress - dt.timedelta(days=1)
            )


def appoint_current_term(province: Province, *, actor, rng: random.Random) -> None:
    reform_day = province.config["reform"]["founded_on"]
    active = Unit.objects.filter(ended_on__isnull=True).order_by("pk")
    for cell in active.filter(kind=Unit.Kind.CELL):
        _appoint(cell, CELL_TITLES, _cell_congress(cell), actor, rng)
    for committee in active.filter(kind=Unit.Kind.COMMITTEE, parent__isnull=False):
        if committee.sector == Unit.Sector.COMMUNE:
            started = reform_day
        elif committee.grassroots:
            started = GRASSROOTS_CONGRESS_2025
        else:
            started = BLOCK_CONGRESS_2025
        _appoint(committee, COMMITTEE_TITLES, started, actor, rng)
    blocks = Q()
    for block in province.config["blocks"]:
        blocks |= Q(unit__path__startswith=province.unit(block["code"]).path)
    _appoint(
        province.unit(province.root.code),
        PROVINCE_TITLES,
        PROVINCE_CONGRESS_2025,
        actor,
        rng,
        among=blocks,
    )


def _cell_congress(cell: Unit) -> dt.date:
    return CELL_CONGRESSES_2025 + dt.timedelta(days=cell.pk % 80)


def _appoint(
    unit: Unit, titles, started: dt.date, actor, rng: random.Random, among: Q | None = None
) -> list[Position]:
    """Give `titles` ((title, how many), …) on `unit` to distinct full members of its subtree
    (or of `among`), of leading age and with some years in the party."""
    where = among if among is not None else Q(unit__path__startswith=unit.path)
    pool = (
        Member.objects.filter(where)
        .filter(
            status=Status.FULL,
            admitted_on__lte=birthday(started, -PARTY_YEARS),
            birth_date__range=(
                birthday(started, -LEADER_AGES[1]),
                birthday(started, -LEADER_AGES[0]),
            ),
        )
        .order_by("pk")
    )
    wanted = sum(count for _, count in titles)
    candidates = list(pool)
    chosen = iter(rng.sample(candidates, min(wanted, len(candidates))))
    positions = []
    for title, count in titles:
        for member in itertools.islice(chosen, count):
            positions.append(
                member_services.add_position(
                    member, actor=actor, unit=unit, title=title, started_on=started
                )
            )
    return positions
