"""Test data built through the real services, so paths, tallies and audit events are true."""

from __future__ import annotations

import datetime as dt
import itertools

import factory
from faker import Faker

from guong.accounts import services as account_services
from guong.accounts.models import User
from guong.members import services as member_services
from guong.members.models import Member
from guong.org import services as org_services
from guong.org.models import Unit

fake = Faker("vi_VN")
_cards = itertools.count(20_000_001)


def system_user() -> User:
    user, _ = User.objects.get_or_create(
        username="system", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def make_unit(
    code: str,
    parent: Unit | None = None,
    *,
    kind: str = Unit.Kind.COMMITTEE,
    name: str | None = None,
    grassroots: bool = False,
    sector: str = "",
) -> Unit:
    return org_services.create_unit(
        actor=system_user(),
        code=code,
        name=name or f"Đảng bộ {code}",
        kind=kind,
        parent=parent,
        grassroots=grassroots,
        sector=sector,
        founded_on=dt.date(2000, 1, 1),
    )


def make_cell(
    code: str,
    parent: Unit | None,
    *,
    name: str | None = None,
    grassroots: bool = False,
    sector: str = "",
) -> Unit:
    return make_unit(
        code,
        parent,
        kind=Unit.Kind.CELL,
        name=name or f"Chi bộ {code}",
        grassroots=grassroots,
        sector=sector,
    )


class MemberData(factory.DictFactory):
    card_number = factory.LazyFunction(lambda: str(next(_cards)))
    full_name = factory.LazyFunction(fake.name)
    birth_date = factory.LazyFunction(
        lambda: fake.date_between(dt.date(1950, 1, 1), dt.date(1995, 12, 31))
    )
    gender = factory.Iterator(["male", "female"])
    admitted_on = factory.LazyAttribute(lambda o: dt.date(o.birth_date.year + 25, 5, 19))
    official_on = factory.LazyAttribute(lambda o: dt.date(o.birth_date.year + 26, 5, 19))
    residence = factory.LazyFunction(lambda: fake.address().replace("\n", ", "))


def make_member(unit: Unit, **overrides) -> Member:
    data = MemberData(**overrides)
    return member_services.create_member(actor=system_user(), unit=unit, **data)


def make_user(
    username: str, role: str | None = None, unit: Unit | None = None, member: Member | None = None
) -> User:
    user, _ = account_services.create_user(
        actor=system_user(), username=username, password="Mat-khau-2026!", member=member
    )
    if role:
        account_services.assign_role(actor=system_user(), user=user, role=role, unit=unit)
    return user
