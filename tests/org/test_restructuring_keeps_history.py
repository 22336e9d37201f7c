import datetime as dt

import pytest

from guong.core.errors import Invalid, NotFound
from guong.core.models import AuditEvent
from guong.members.models import Member, Membership
from guong.org import services
from guong.org.models import Unit, UnitChange
from guong.org.queries import subtree_summary

ON = dt.date(2025, 7, 1)


def test_rename_keeps_the_old_name_in_history(world):
    services.rename_unit(
        world.cell_a, actor=world.staff, name="Chi bộ thôn Đông Hưng", on=ON, decision="QĐ 12-QĐ/ĐU"
    )
    change = UnitChange.objects.get(unit=world.cell_a, kind="renamed")
    assert (change.old_value, change.new_value) == ("Chi bộ thôn Đông", "Chi bộ thôn Đông Hưng")
    assert Unit.objects.get(pk=world.cell_a.pk).name_folded == "chi bo thon dong hung"


def test_move_rewrites_the_whole_subtree_and_its_summaries(world):
    services.move_unit(world.commune, actor=world.admin, new_parent=world.province, on=ON)
    commune = Unit.objects.get(pk=world.commune.pk)
    cell = Unit.objects.get(pk=world.cell_a.pk)
    assert commune.parent_id == world.province.pk
    assert cell.path.startswith(commune.path)
    assert (commune.depth, cell.depth) == (1, 2)
    assert subtree_summary(world.district_a)["members"] == 0
    assert subtree_summary(world.province)["members"] == 4


def test_a_unit_cannot_move_under_its_own_descendant(world):
    with pytest.raises(Invalid) as error:
        services.move_unit(world.district_a, actor=world.admin, new_parent=world.commune, on=ON)
    assert error.value.errors[0]["field"] == "parent"
    assert Unit.objects.get(pk=world.district_a.pk).parent_id == world.province.pk


def test_a_cell_cannot_hold_units(world):
    with pytest.raises(Invalid) as error:
        services.create_unit(
            actor=world.admin, code="TO-1", name="Tổ đảng 1", kind="cell", parent=world.cell_a
        )
    assert "cell cannot contain" in error.value.errors[0]["message"]


def test_merge_moves_members_children_and_roles_and_ends_the_sources(world):
    on = dt.date(2026, 7, 1)
    services.merge_units(
        [world.cell_a2], actor=world.staff, into=world.cell_a, on=on, decision="Nghị quyết sáp nhập"
    )
    old = Unit.objects.get(pk=world.cell_a2.pk)
    assert old.ended_on == on and old.successor_id == world.cell_a.pk
    moved = Member.objects.get(pk=world.probationer.pk)
    assert moved.unit_id == world.cell_a.pk
    periods = list(Membership.objects.filter(member=moved).order_by("started_on"))
    assert periods[0].ended_on == on and periods[-1].unit_id == world.cell_a.pk
    assert subtree_summary(world.cell_a)["members"] == 3
    assert subtree_summary(world.commune)["cells"] == 1
    assert AuditEvent.objects.filter(action="unit.merged", object_id=str(old.pk)).exists()


def test_a_merge_dated_before_a_member_joined_is_refused_whole(world):
    with pytest.raises(Invalid) as error:
        services.merge_units([world.cell_a2], actor=world.staff, into=world.cell_a, on=ON)
    assert "Lê Văn Đức" in error.value.errors[0]["message"]
    assert Unit.objects.get(pk=world.cell_a2.pk).ended_on is None


def test_districts_merge_into_the_province_level_keeps_communes(world):
    services.merge_units([world.district_a], actor=world.admin, into=world.district_b, on=ON)
    assert Unit.objects.get(pk=world.commune.pk).parent_id == world.district_b.pk
    assert subtree_summary(world.district_b)["members"] == 4


def test_dissolve_refuses_a_unit_with_members(world):
    with pytest.raises(Invalid) as error:
        services.dissolve_unit(world.cell_a, actor=world.staff, on=ON)
    assert "Transfer its members first" in error.value.errors[0]["message"]


def test_dissolve_an_empty_unit_ends_it(world):
    empty = services.create_unit(
        actor=world.staff, code="CB-TRONG", name="Chi bộ trống", kind="cell", parent=world.commune
    )
    services.dissolve_unit(empty, actor=world.staff, on=ON)
    assert Unit.objects.get(pk=empty.pk).ended_on == ON
    assert subtree_summary(world.commune)["cells"] == 2


def test_staff_cannot_restructure_outside_their_district(world):
    with pytest.raises(NotFound):
        services.rename_unit(world.cell_b, actor=world.staff, name="X", on=ON)


def test_subtree_summary_counts_the_whole_subtree(world):
    summary = subtree_summary(world.province)
    assert summary["members"] == 4
    assert summary["probationary"] == 1
    assert summary["cells"] == 3
    assert summary["grassroots"] == 2
    assert summary["grassroots_by_sector"]["commune"] == 1
    assert summary["grassroots_by_sector"]["agency"] == 1
