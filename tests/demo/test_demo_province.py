"""`guong demo` on an empty database: a believable province, its history and six logins."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from guong.accounts.models import User
from guong.accounts.roles import CHANGE_MEMBERS, CHANGE_UNITS
from guong.core import audit, scope
from guong.core.errors import NotFound
from guong.core.models import AuditEvent
from guong.members.models import Member, Membership, Position, Status, StatusChange
from guong.members.queries import member_for, members_for
from guong.members.rules import add_months, age_on
from guong.org.models import Unit, UnitChange
from guong.org.queries import subtree_summary, units_for

PASSWORD = "guong-demo-2026"
REFORM_END = dt.date(2025, 6, 30)
DISTRICTS = ["H-BINHGIANG", "H-LAMTHUONG", "H-YENHA", "TX-PHUSON"]


def login(username: str) -> User | None:
    return authenticate(
        request=RequestFactory().post("/login/"), username=username, password=PASSWORD
    )


def subtree_members(code: str):
    return Member.objects.filter(unit__path__startswith=Unit.objects.get(code=code).path)


def test_it_registers_3000_members_in_one_province(demo):
    root = Unit.objects.get(parent__isnull=True)
    assert root.name == "Đảng bộ tỉnh Sơn Lâm Mẫu"
    assert Member.objects.count() == 3000
    assert Unit.objects.filter(parent__isnull=True).count() == 1
    assert "3.000 members" in demo.output


def test_it_has_communes_agencies_public_services_an_enterprise_and_armed_forces(demo):
    summary = subtree_summary(Unit.objects.get(code="SLM"))
    by_sector = summary["grassroots_by_sector"]
    assert by_sector["commune"] == 12
    assert by_sector["agency"] >= 5
    assert by_sector["public_service"] >= 2
    assert by_sector["enterprise"] == 1
    assert by_sector["armed_forces"] == 3
    assert summary["cells"] > 100
    assert Unit.objects.get(code="X-YENPHU-01").name == "Chi bộ thôn Đông"


def test_the_four_districts_ended_on_30_june_2025_and_their_communes_moved_up(demo):
    root = Unit.objects.get(code="SLM")
    for code in DISTRICTS:
        district = Unit.objects.get(code=code)
        assert district.ended_on == REFORM_END
        assert district.successor == root
        assert district.changes.filter(kind=UnitChange.Kind.MERGED, on=REFORM_END).exists()
        assert not district.children.filter(ended_on__isnull=True).exists()
    commune = Unit.objects.get(code="X-YENPHU")
    assert commune.parent == root
    moved = commune.changes.get(kind=UnitChange.Kind.MOVED)
    assert (moved.on, moved.old_value) == (REFORM_END, "Đảng bộ huyện Yên Hà")
    assert not Unit.objects.filter(ended_on__isnull=True, depth__gt=3).exists()


def test_two_communes_merged_into_a_new_one_and_one_was_renamed(demo):
    new = Unit.objects.get(code="X-YENHA")
    assert new.founded_on == dt.date(2025, 7, 1)
    assert sorted(new.predecessors.values_list("code", flat=True)) == ["TT-YENHA", "X-YENLAC"]
    renamed = Unit.objects.get(code="X-THUONGLAM")
    assert renamed.name == "Đảng bộ xã Lâm Thượng"
    assert renamed.changes.get(kind=UnitChange.Kind.RENAMED).old_value == "Đảng bộ xã Thượng Lâm"


def test_statuses_are_mostly_full_with_some_probationary_exempt_and_a_few_who_left(demo):
    statuses = Counter(Member.objects.values_list("status", flat=True))
    assert 0.03 * 3000 < statuses[Status.PROBATIONARY] < 0.07 * 3000
    assert statuses[Status.EXEMPT] > 50
    assert statuses[Status.DECEASED] == 5
    assert statuses[Status.REMOVED] == 2
    assert StatusChange.objects.filter(
        old_status=Status.PROBATIONARY, new_status=Status.FULL
    ).exists()


def test_family_names_follow_the_national_distribution(demo):
    families = Counter(
        name.split()[0] for name in Member.objects.values_list("full_name", flat=True)
    )
    assert 0.33 < families["Nguyễn"] / 3000 < 0.45
    assert [name for name, _ in families.most_common(3)] == ["Nguyễn", "Trần", "Lê"]


def test_every_member_was_admitted_at_18_or_later_and_official_12_months_on(demo):
    for member in Member.objects.exclude(official_on__isnull=True):
        assert age_on(member.birth_date, member.admitted_on) >= 18
        assert member.official_on == add_months(member.admitted_on, 12)
    assert not Member.objects.filter(residence="").exists()


def test_transfers_leave_a_closed_and_an_open_unit_period(demo):
    moved = Membership.objects.filter(ended_on__isnull=False).values("member").distinct()
    assert moved.count() >= 12
    member = Member.objects.filter(pk__in=moved, status=Status.FULL).first()
    periods = list(member.memberships.order_by("started_on", "id"))
    assert periods[-1].ended_on is None and periods[-1].unit_id == member.unit_id
    assert periods[0].ended_on is not None


def test_every_active_cell_has_a_secretary_and_a_deputy(demo):
    cells = Unit.objects.filter(kind=Unit.Kind.CELL, ended_on__isnull=True)
    current = Position.objects.filter(ended_on__isnull=True, unit__in=cells)
    for title in (Position.Title.SECRETARY, Position.Title.DEPUTY_SECRETARY):
        assert current.filter(title=title).values("unit").distinct().count() == cells.count()
    assert Position.objects.filter(unit__code="H-YENHA", ended_on=REFORM_END).count() == 5


def test_it_prints_the_six_logins_with_their_password(demo):
    for username in ("admin", "leader", "staff", "inspector", "secretary", "member"):
        line = next(line for line in demo.output.splitlines() if line.startswith(username + " "))
        assert PASSWORD in line


@pytest.mark.parametrize(
    "username", ["admin", "leader", "staff", "inspector", "secretary", "member"]
)
def test_each_demo_login_works_with_the_printed_password(demo, username):
    assert login(username) == User.objects.get(username=username)


def test_admin_manages_the_province_without_being_a_superuser(demo):
    admin = login("admin")
    assert not admin.is_superuser
    assert scope.allows(admin, CHANGE_UNITS, Unit.objects.get(code="SLM"))
    assert members_for(admin).count() == 3000


@pytest.mark.parametrize("username", ["leader", "inspector"])
def test_leader_and_inspector_read_the_whole_province_but_change_nothing(demo, username):
    user = login(username)
    assert members_for(user).count() == 3000
    assert units_for(user).count() == Unit.objects.count()
    assert not scope.allows(user, CHANGE_MEMBERS, Unit.objects.get(code="SLM"))


def test_staff_of_a_commune_sees_only_that_commune(demo):
    staff = login("staff")
    assert members_for(staff).count() == subtree_members("X-YENPHU").count() > 100
    outside = subtree_members("X-KHEMO").first()
    with pytest.raises(NotFound):
        member_for(staff, outside.card_number)


def test_secretary_sees_the_cell_and_is_its_secretary(demo):
    secretary = login("secretary")
    cell = Unit.objects.get(code="X-YENPHU-01")
    assert members_for(secretary).count() == Member.objects.filter(unit=cell).count()
    assert secretary.member.positions.filter(
        unit=cell, title=Position.Title.SECRETARY, ended_on__isnull=True
    ).exists()
    assert scope.allows(secretary, CHANGE_MEMBERS, cell)


def test_member_sees_only_their_own_record(demo):
    user = login("member")
    assert user.member.unit.code == "X-YENPHU-01"
    assert list(members_for(user)) == [user.member]
    neighbour = Member.objects.filter(unit=user.member.unit).exclude(pk=user.member_id).first()
    with pytest.raises(NotFound):
        member_for(user, neighbour.card_number)


def test_the_audit_chain_of_the_demo_verifies(demo):
    checked, broken, reason = audit.verify()
    assert (broken, reason) == (None, "")
    assert checked == AuditEvent.objects.count()
    assert AuditEvent.objects.filter(action="member.imported").count() == 3000
    assert AuditEvent.objects.filter(action="unit.merged").count() >= 6


def test_if_empty_does_nothing_the_second_time(demo):
    before = (Unit.objects.count(), Member.objects.count(), AuditEvent.objects.count())
    output = StringIO()
    call_command("demo", "--if-empty", stdout=output)
    assert output.getvalue() == ""
    assert (Unit.objects.count(), Member.objects.count(), AuditEvent.objects.count()) == before
