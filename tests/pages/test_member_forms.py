"""Writing members through the pages: register, correct, transfer, change status, positions.
Each write makes its audit event; a bad form names the field and writes nothing."""

import datetime as dt

from guong.core.models import AuditEvent
from guong.members.models import Member, Membership, Position, Status

NEW = {
    "card_number": "20260001",
    "full_name": "Hoàng Thị Lan",
    "birth_date": "14/02/1990",
    "gender": "female",
    "admitted_on": "19/05/2015",
    "official_on": "19/05/2016",
    "residence": "Thôn Đông, xã A1",
}


def _events() -> int:
    return AuditEvent.objects.count()


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-seq").first()


def test_a_secretary_registers_a_member_in_their_cell(as_user, world):
    client = as_user(world.secretary)
    assert client.get("/units/CB-A1-1/members/new/").status_code == 200

    response = client.post("/units/CB-A1-1/members/new/", NEW)

    assert response.status_code == 302
    assert response["Location"] == "/members/20260001/"
    member = Member.objects.get(card_number="20260001")
    assert (member.unit, member.status, member.birth_date) == (
        world.cell_a,
        Status.FULL,
        dt.date(1990, 2, 14),
    )
    assert (_last_event().action, _last_event().actor_label) == (
        "member.created",
        "secretary_of_cell_a",
    )


def test_a_bad_registration_names_every_bad_field_and_writes_nothing(as_user, world):
    before = _events()

    response = as_user(world.secretary).post(
        "/units/CB-A1-1/members/new/", {**NEW, "card_number": "123", "admitted_on": "01/01/1989"}
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_card_number_errors"' in html
    assert 'id="id_admitted_on_errors"' in html
    assert not Member.objects.filter(full_name="Hoàng Thị Lan").exists()
    assert _events() == before


def test_a_card_number_already_registered_is_refused_at_its_field(as_user, world):
    response = as_user(world.secretary).post(
        "/units/CB-A1-1/members/new/", {**NEW, "card_number": "10000004"}
    )

    assert response.status_code == 422
    assert 'id="id_card_number_errors"' in response.content.decode()
    assert Member.objects.filter(card_number="10000004").count() == 1


def test_registering_outside_the_scope_or_without_the_right(as_user, world):
    assert as_user(world.secretary).post("/units/CB-B/members/new/", NEW).status_code == 404
    assert as_user(world.leader).post("/units/CB-A1-1/members/new/", NEW).status_code == 403
    assert not Member.objects.filter(card_number="20260001").exists()


def test_a_secretary_corrects_a_record(as_user, world):
    alice = world.alice
    response = as_user(world.secretary).post(
        "/members/10000001/edit/",
        {
            "edit-full_name": "Nguyễn Thị Ánh",
            "edit-birth_date": alice.birth_date.strftime("%d/%m/%Y"),
            "edit-gender": "female",
            "edit-admitted_on": alice.admitted_on.strftime("%d/%m/%Y"),
            "edit-official_on": alice.official_on.strftime("%d/%m/%Y"),
            "edit-residence": "Số 5, thôn Đông",
        },
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.residence, alice.gender) == ("Số 5, thôn Đông", "female")
    event = _last_event()
    assert (event.action, event.after["residence"]) == ("member.updated", "Số 5, thôn Đông")


def test_a_one_word_name_is_refused_at_the_field(as_user, world):
    before = _events()
    alice = world.alice

    response = as_user(world.secretary).post(
        "/members/10000001/edit/",
        {
            "edit-full_name": "Ánh",
            "edit-birth_date": alice.birth_date.strftime("%d/%m/%Y"),
            "edit-gender": alice.gender,
            "edit-admitted_on": alice.admitted_on.strftime("%d/%m/%Y"),
        },
    )

    assert response.status_code == 422
    assert 'id="id_edit-full_name_errors"' in response.content.decode()
    assert Member.objects.get(pk=alice.pk).full_name == "Nguyễn Thị Ánh"
    assert _events() == before


def test_staff_transfer_a_member_between_cells(as_user, world):
    response = as_user(world.staff).post(
        "/members/10000002/transfer/",
        {
            "transfer-to_unit": "CB-A1-2",
            "transfer-on": "01/10/2026",
            "transfer-reason": "Chuyển nơi ở",
        },
    )

    assert response.status_code == 302
    assert Member.objects.get(card_number="10000002").unit == world.cell_a2
    periods = Membership.objects.filter(member=world.an).order_by("started_on")
    assert [(p.unit.code, p.ended_on) for p in periods] == [
        ("CB-A1-1", dt.date(2026, 10, 1)),
        ("CB-A1-2", None),
    ]
    assert _last_event().action == "member.transferred"


def test_a_transfer_outside_the_scope_reads_as_an_unknown_unit(as_user, world):
    before = _events()

    response = as_user(world.secretary).post(
        "/members/10000002/transfer/", {"transfer-to_unit": "CB-B", "transfer-on": "01/10/2026"}
    )

    assert response.status_code == 422
    assert 'id="id_transfer-to_unit_errors"' in response.content.decode()
    assert Member.objects.get(card_number="10000002").unit == world.cell_a
    assert _events() == before


def test_a_suspension_needs_a_reason(as_user, world):
    before = _events()

    response = as_user(world.secretary).post(
        "/members/10000001/status/", {"status-status": "suspended", "status-on": "01/10/2026"}
    )

    assert response.status_code == 422
    assert 'id="id_status-reason_errors"' in response.content.decode()
    assert Member.objects.get(card_number="10000001").status == Status.FULL
    assert _events() == before


def test_a_secretary_records_a_suspension(as_user, world):
    response = as_user(world.secretary).post(
        "/members/10000001/status/",
        {
            "status-status": "suspended",
            "status-on": "01/10/2026",
            "status-reason": "Vi phạm kỷ luật",
            "status-decision": "QĐ 3/2026",
        },
    )

    assert response.status_code == 302
    alice = Member.objects.get(card_number="10000001")
    assert (alice.status, alice.status_since) == (Status.SUSPENDED, dt.date(2026, 10, 1))
    event = _last_event()
    assert (event.action, event.before, event.after["status"]) == (
        "member.status_changed",
        {"status": "full"},
        "suspended",
    )


def test_a_status_the_charter_does_not_allow_is_not_accepted(as_user, world):
    response = as_user(world.secretary).post(
        "/members/10000001/status/",
        {"status-status": "probationary", "status-on": "01/10/2026", "status-reason": "x"},
    )

    assert response.status_code == 422
    assert 'id="id_status-status_errors"' in response.content.decode()


def test_a_position_is_added_and_ended(as_user, world):
    client = as_user(world.secretary)

    added = client.post(
        "/members/10000001/position/",
        {
            "position-title": "secretary",
            "position-unit": "CB-A1-1",
            "position-started_on": "01/06/2025",
        },
    )
    position = Position.objects.get(member=world.alice)
    ended = client.post(
        f"/members/10000001/positions/{position.pk}/end/",
        {f"end-{position.pk}-ended_on": "01/09/2026"},
    )

    assert (added.status_code, ended.status_code) == (302, 302)
    position.refresh_from_db()
    assert (position.started_on, position.ended_on) == (dt.date(2025, 6, 1), dt.date(2026, 9, 1))
    assert list(
        AuditEvent.objects.filter(object_id=str(world.alice.pk))
        .order_by("-seq")
        .values_list("action", flat=True)[:2]
    ) == ["member.position_ended", "member.position_added"]


def test_a_position_cannot_end_before_it_began(as_user, world):
    client = as_user(world.secretary)
    client.post(
        "/members/10000001/position/",
        {
            "position-title": "secretary",
            "position-unit": "CB-A1-1",
            "position-started_on": "01/06/2025",
        },
    )
    position = Position.objects.get(member=world.alice)

    response = client.post(
        f"/members/10000001/positions/{position.pk}/end/",
        {f"end-{position.pk}-ended_on": "01/01/2025"},
    )

    assert response.status_code == 422
    assert f'id="id_end-{position.pk}-ended_on_errors"' in response.content.decode()
    assert Position.objects.get(pk=position.pk).ended_on is None


def test_readers_and_outsiders_cannot_write(as_user, world):
    before = _events()
    data = {"status-status": "suspended", "status-on": "01/10/2026", "status-reason": "x"}

    assert as_user(world.leader).post("/members/10000001/status/", data).status_code == 403
    assert as_user(world.member_user).post("/members/10000001/status/", data).status_code == 403
    assert as_user(world.outsider).post("/members/10000001/status/", data).status_code == 404
    assert _events() == before
