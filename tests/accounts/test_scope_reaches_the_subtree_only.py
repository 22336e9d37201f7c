import datetime as dt

import pytest

from guong.accounts import services
from guong.accounts.models import Role
from guong.core.errors import Forbidden, NotFound
from guong.members.models import Member
from guong.members.queries import member_for, members_for
from guong.org.models import Unit


def names(queryset):
    return sorted(queryset.values_list("full_name", flat=True))


def test_secretary_sees_only_their_cell(world):
    assert names(members_for(world.secretary)) == ["Nguyễn Thị Ánh", "Trần Văn An"]
    with pytest.raises(NotFound):
        member_for(world.secretary, world.bob.card_number)


def test_district_staff_see_their_district_only(world):
    assert len(members_for(world.staff)) == 3
    assert set(Unit.objects.visible_to(world.staff).values_list("code", flat=True)) == {
        "HUYEN-A",
        "XA-A1",
        "CB-A1-1",
        "CB-A1-2",
    }


def test_a_member_account_sees_its_own_record_only(world):
    assert names(members_for(world.member_user)) == ["Nguyễn Thị Ánh"]
    with pytest.raises(NotFound):
        member_for(world.member_user, world.an.card_number)


def test_a_user_without_roles_sees_nothing(world):
    assert members_for(world.nobody).count() == 0
    assert Unit.objects.visible_to(world.nobody).count() == 0


def test_leader_reads_the_whole_province(world):
    assert members_for(world.leader).count() == Member.objects.count()


def test_an_ended_role_no_longer_reaches(world):
    assignment = world.secretary.roles.get()
    services.end_role(assignment, actor=world.staff)
    world.secretary.refresh_from_db()
    assert members_for(world.secretary).count() == 0


def test_staff_cannot_create_administrators(world):
    with pytest.raises(Forbidden):
        services.assign_role(
            actor=world.staff, user=world.nobody, role=Role.ADMIN, unit=world.commune
        )


def test_staff_cannot_grant_roles_outside_their_district(world):
    with pytest.raises(NotFound):
        services.assign_role(
            actor=world.staff, user=world.nobody, role=Role.CELL_SECRETARY, unit=world.cell_b
        )


def test_a_secretary_cannot_grant_roles(world):
    with pytest.raises(Forbidden):
        services.assign_role(
            actor=world.secretary, user=world.nobody, role=Role.MEMBER, unit=world.cell_a
        )


def test_roles_follow_a_merged_unit(world):
    from guong.org.services import merge_units

    merge_units([world.cell_a], actor=world.staff, into=world.cell_a2, on=dt.date(2026, 7, 1))
    world.secretary.refresh_from_db()
    assert world.secretary.roles.current().get().unit_id == world.cell_a2.pk
    assert len(members_for(world.secretary)) == 3


def test_tokens_are_stored_hashed_and_work_until_revoked(world):
    record, token = services.create_token(actor=world.staff, user=world.staff, name="Excel")
    assert token not in record.digest and record.digest == record.digest_of(token)
    assert services.user_for_token(token) == world.staff
    services.revoke_token(record, actor=world.staff)
    assert services.user_for_token(token) is None
