"""The subtree counts are kept by the services; after any mix of changes a full recount from
the records must find nothing to correct."""

import datetime as dt

from guong.members import services as members
from guong.members.models import Status
from guong.org import services as org
from guong.org.queries import subtree_summary
from guong.org.tally import recount

from ..factories import make_member

ON = dt.date(2026, 7, 1)


def test_counts_survive_moves_merges_transfers_and_status_changes(world):
    new_cell = org.create_unit(
        actor=world.staff,
        code="CB-MOI",
        name="Chi bộ Mới",
        kind="cell",
        parent=world.district_a,
        grassroots=True,
        sector="enterprise",
    )
    make_member(new_cell, card_number="30000001")
    members.transfer_member(world.an, world.cell_a2, actor=world.staff, on=ON)
    members.change_status(
        world.alice, Status.EXEMPT, actor=world.secretary, on=ON, reason="Tuổi cao"
    )
    org.move_unit(world.commune, actor=world.admin, new_parent=world.district_b, on=ON)
    org.merge_units([world.cell_a2], actor=world.admin, into=world.cell_a, on=dt.date(2026, 8, 1))
    org.update_unit(new_cell, actor=world.staff, sector="agency")
    assert recount() == 0
    province = subtree_summary(world.province)
    assert (province["members"], province["exempt"], province["cells"]) == (5, 1, 3)
    assert province["grassroots_by_sector"] == {
        "commune": 1,
        "agency": 2,
        "public_service": 0,
        "enterprise": 0,
        "armed_forces": 0,
        "other": 0,
    }
    assert subtree_summary(world.district_b)["members"] == 4
    assert subtree_summary(world.district_a)["members"] == 1


def test_recount_repairs_a_damaged_count(world):
    from guong.org.models import UnitTally

    UnitTally.objects.filter(unit=world.province).update(sub_full=999)
    assert recount() == 1
    assert subtree_summary(world.province)["full"] == 3


def test_recount_of_some_units_carries_their_change_to_the_ancestors(world):
    from guong.members.models import Member

    Member.objects.filter(pk=world.an.pk).update(status="suspended")  # as a bulk write would
    assert recount([world.cell_a]) == 1
    assert subtree_summary(world.province)["suspended"] == 1
    assert recount() == 0
