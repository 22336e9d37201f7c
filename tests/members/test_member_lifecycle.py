import datetime as dt

import pytest

from guong.core.errors import Invalid, NotFound
from guong.core.models import AuditEvent
from guong.members import services
from guong.members.models import Member, Membership, Status, StatusChange
from guong.org.queries import subtree_summary
from guong.org.tally import recount


def test_probation_lasts_twelve_months(world):
    with pytest.raises(Invalid) as error:
        services.change_status(
            world.probationer, Status.FULL, actor=world.staff, on=dt.date(2026, 11, 20)
        )
    assert "02/03/2027" in error.value.errors[0]["message"]


def test_recognition_after_probation_records_the_rule_set(world):
    member = world.probationer
    Member.objects.filter(pk=member.pk).update(
        admitted_on=dt.date(2025, 5, 1), status_since=dt.date(2025, 5, 1)
    )
    member.refresh_from_db()
    change = services.change_status(member, Status.FULL, actor=world.staff, on=dt.date(2026, 5, 1))
    member.refresh_from_db()
    assert member.status == Status.FULL and member.official_on == dt.date(2026, 5, 1)
    assert change.rule_set.code == "membership-294-QD-TW-2025"
    assert subtree_summary(world.province)["probationary"] == 0


def test_a_deceased_member_cannot_change_status(world):
    services.change_status(world.an, Status.DECEASED, actor=world.secretary, on=dt.date(2026, 1, 5))
    with pytest.raises(Invalid):
        services.change_status(world.an, Status.FULL, actor=world.secretary, on=dt.date(2026, 2, 5))


def test_removal_needs_a_reason_and_leaves_the_register(world):
    with pytest.raises(Invalid) as error:
        services.change_status(
            world.an, Status.REMOVED, actor=world.secretary, on=dt.date(2026, 6, 1)
        )
    assert error.value.errors[0]["field"] == "reason"
    services.change_status(
        world.an,
        Status.REMOVED,
        actor=world.secretary,
        on=dt.date(2026, 6, 1),
        reason="Bỏ sinh hoạt 3 tháng",
        decision="QĐ 5-QĐ/ĐU",
    )
    assert subtree_summary(world.cell_a)["members"] == 1
    assert not Membership.objects.filter(member=world.an, ended_on__isnull=True).exists()


def test_readmission_waits_36_months(world):
    services.change_status(
        world.an, Status.EXPELLED, actor=world.secretary, on=dt.date(2024, 1, 10), reason="Vi phạm"
    )
    with pytest.raises(Invalid) as error:
        services.change_status(
            world.an, Status.PROBATIONARY, actor=world.secretary, on=dt.date(2026, 1, 10)
        )
    assert "10/01/2027" in error.value.errors[0]["message"]


def test_transfer_closes_one_period_and_opens_the_next(world):
    services.transfer_member(
        world.an, world.cell_a2, actor=world.staff, on=dt.date(2026, 4, 1), reason="Chuyển nơi ở"
    )
    periods = list(Membership.objects.filter(member=world.an).order_by("started_on"))
    assert [(p.unit_id, p.ended_on) for p in periods] == [
        (world.cell_a.pk, dt.date(2026, 4, 1)),
        (world.cell_a2.pk, None),
    ]
    assert subtree_summary(world.cell_a2)["members"] == 2
    assert AuditEvent.objects.filter(
        action="member.transferred", object_id=str(world.an.pk), before={"unit": "CB-A1-1"}
    ).exists()


def test_a_secretary_cannot_transfer_into_a_cell_they_do_not_manage(world):
    with pytest.raises(NotFound):
        services.transfer_member(
            world.an, world.cell_b, actor=world.secretary, on=dt.date(2026, 4, 1)
        )
    assert Member.objects.get(pk=world.an.pk).unit_id == world.cell_a.pk


def test_bad_member_data_names_every_field(world):
    with pytest.raises(Invalid) as error:
        services.create_member(
            actor=world.secretary,
            unit=world.cell_a,
            card_number="12",
            full_name="An",
            birth_date=dt.date(1990, 1, 1),
            gender="x",
            admitted_on=dt.date(1989, 1, 1),
        )
    fields = {e["field"] for e in error.value.errors}
    assert fields == {"card_number", "full_name", "gender", "admitted_on"}
    assert not Member.objects.filter(card_number="12").exists()


def test_a_member_older_than_120_is_refused(world):
    with pytest.raises(Invalid) as error:
        services.create_member(
            actor=world.secretary,
            unit=world.cell_a,
            card_number="99999999",
            full_name="Nguyễn Văn Cụ",
            birth_date=dt.date(1900, 1, 1),
            gender="male",
            admitted_on=dt.date(1930, 2, 3),
            official_on=dt.date(1931, 2, 3),
        )
    assert error.value.errors[0]["field"] == "birth_date"


def test_recount_agrees_with_the_records(world):
    assert recount() == 0
    assert subtree_summary(world.province)["members"] == Member.objects.on_register().count()


def test_every_status_change_is_kept(world):
    services.change_status(
        world.an, Status.EXEMPT, actor=world.secretary, on=dt.date(2026, 3, 1), reason="Tuổi cao"
    )
    services.change_status(world.an, Status.FULL, actor=world.secretary, on=dt.date(2026, 9, 1))
    statuses = list(
        StatusChange.objects.filter(member=world.an).values_list("new_status", flat=True)
    )
    assert statuses == ["full", "exempt", "full"]
