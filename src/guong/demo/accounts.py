"""The demo's logins, one per role, each with its role on a unit that shows what it reaches."""

from __future__ import annotations

from dataclasses import dataclass

from guong.accounts import services as account_services
from guong.accounts.models import Role
from guong.members.models import Member, Position, Status
from guong.org.models import Unit

from .province import Province

# One known password for every demo login; printed by `guong demo`. Never use it elsewhere.
DEMO_PASSWORD = "guong-demo-2026"
DEMO_COMMUNE = "X-YENPHU"
DEMO_CELL = "X-YENPHU-01"  # Chi bộ thôn Đông, xã Yên Phú


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit: Unit
    member: Member | None = None


def create(province: Province, *, actor) -> list[DemoAccount]:
    root, commune, cell = (
        province.unit(province.root.code),
        province.unit(DEMO_COMMUNE),
        province.unit(DEMO_CELL),
    )
    secretary = _secretary_of(cell)
    accounts = [
        DemoAccount("admin", Role.ADMIN, root),
        DemoAccount("leader", Role.LEADER, root),
        DemoAccount("staff", Role.COMMITTEE_STAFF, commune),
        DemoAccount("inspector", Role.INSPECTOR, root),
        DemoAccount("secretary", Role.CELL_SECRETARY, cell, secretary),
        DemoAccount("member", Role.MEMBER, cell, _plain_member_of(cell, secretary)),
    ]
    for account in accounts:
        full_name = account.member.full_name if account.member else ""
        user, _ = account_services.create_user(
            actor=actor,
            username=account.username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            member=account.member,
        )
        account_services.assign_role(actor=actor, user=user, role=account.role, unit=account.unit)
    return accounts


def _secretary_of(cell: Unit) -> Member:
    position = (
        Position.objects.filter(unit=cell, title=Position.Title.SECRETARY, ended_on__isnull=True)
        .select_related("member")
        .order_by("-started_on", "pk")
        .first()
    )
    return position.member


def _plain_member_of(cell: Unit, secretary: Member) -> Member:
    leaders = Position.objects.filter(unit=cell, ended_on__isnull=True).values("member_id")
    return (
        Member.objects.filter(unit=cell, status=Status.FULL)
        .exclude(pk=secretary.pk)
        .exclude(pk__in=leaders)
        .order_by("pk")
        .first()
    )
