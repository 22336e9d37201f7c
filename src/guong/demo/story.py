"""`guong demo`: a believable province with its history, built only through the services (the
members through the import service, as a province loads its register), so every unit, member,
position and login has its audit events and the chain verifies."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from guong.members.models import Member
from guong.org.models import Unit

from . import accounts, events, leaders, reform, roster
from .accounts import DemoAccount
from .province import build_tree

DEFAULT_MEMBERS = 3_000
DEFAULT_SEED = 2026


@dataclass(frozen=True)
class Demo:
    root: Unit
    units: int
    members: int
    accounts: list[DemoAccount]


@transaction.atomic
def build(
    *, actor, members: int = DEFAULT_MEMBERS, seed: int = DEFAULT_SEED, today: dt.date | None = None
) -> Demo:
    """Build the demo province on an empty database, the same way for the same seed and day."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    province = build_tree(actor=actor)
    roster.fill(province, actor=actor, total=members, rng=rng, today=today)
    leaders.appoint_previous_term(province, actor=actor, rng=rng)
    reform.apply(province, actor=actor)
    events.record(province, actor=actor, rng=rng, today=today)
    leaders.appoint_current_term(province, actor=actor, rng=rng)
    logins = accounts.create(province, actor=actor)
    return Demo(
        root=province.unit(province.root.code),
        units=Unit.objects.count(),
        members=Member.objects.count(),
        accounts=logins,
    )
