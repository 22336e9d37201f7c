"""Changing members through the API: every rule answers 422 naming the field, and each change
leaves its audit event."""

from __future__ import annotations

from guong.core import audit
from guong.members.models import Member

from .conftest import session_client

HOA = {
    "card_number": "20000001",
    "full_name": "Đỗ Thị Hoa",
    "birth_date": "01/06/1990",
    "gender": "nữ",
    "unit": "CB-A1-1",
    "admitted_on": "2015-05-19",
    "official_on": "19/05/2016",
    "residence": "Thôn Đông, xã A1",
}


def post(client, path: str, body: dict):
    return client.post(path, body, content_type="application/json")


def actions(obj) -> list[str]:
    return [event.action for event in audit.history(obj)]


def test_secretary_registers_a_member_with_vietnamese_dates_and_gender(world):
    response = post(session_client(world.secretary), "/api/v1/members", HOA)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["card_number"], body["birth_date"], body["gender"]) == (
        "20000001",
        "1990-06-01",
        "female",
    )
    assert (body["status"], body["official_on"], body["unit"]) == ("full", "2016-05-19", "CB-A1-1")
    member = Member.objects.get(card_number="20000001")
    assert actions(member) == ["member.created"]
    assert audit.history(member).get().actor_label == "secretary_of_cell_a"


def test_bad_member_lists_every_field_error(world):
    bad = {
        **HOA,
        "card_number": "12",
        "full_name": "Hoa",
        "birth_date": "2030-01-01",
        "admitted_on": "2020-01-01",
        "official_on": None,
        "gender": "x",
    }

    response = post(session_client(world.secretary), "/api/v1/members", bad)

    assert response.status_code == 422
    assert response.json() == {
        "detail": "The data is not valid.",
        "errors": [
            {
                "field": "card_number",
                "message": "The card number must have at least 8 digits and only digits.",
            },
            {
                "field": "full_name",
                "message": "Write the full name: family, middle and given names.",
            },
            {"field": "birth_date", "message": "The birth date is in the future."},
            {"field": "admitted_on", "message": "The admission date is before the birth date."},
            {"field": "gender", "message": "The gender must be male or female (nam or nữ)."},
        ],
    }
    assert not Member.objects.filter(card_number="12").exists()


def test_impossible_date_and_missing_field_are_named(world):
    body = {**HOA, "birth_date": "2024-02-31"}
    del body["admitted_on"]

    response = post(session_client(world.secretary), "/api/v1/members", body)

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "birth_date",
            "message": "“2024-02-31” is not a real date: check the day and the month.",
        },
        {"field": "admitted_on", "message": "This field is required."},
    ]


def test_duplicate_card_number_is_refused(world):
    response = post(
        session_client(world.secretary), "/api/v1/members", {**HOA, "card_number": "10000001"}
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "card_number", "message": "The card number 10000001 is already registered."}
    ]


def test_correcting_a_record_keeps_before_and_after(world):
    response = session_client(world.secretary).patch(
        "/api/v1/members/10000002", {"residence": "Thôn Bắc"}, content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json()["residence"] == "Thôn Bắc"
    event = audit.history(world.an).filter(action="member.updated").get()
    assert event.before["residence"] == world.an.residence
    assert event.after["residence"] == "Thôn Bắc"


def test_transfer_moves_the_member_and_keeps_the_history(world):
    staff = session_client(world.staff)

    response = post(
        staff,
        "/api/v1/members/10000002/transfer",
        {"unit": "CB-A1-2", "on": "15/01/2026", "reason": "Chuyển nơi ở"},
    )

    assert response.status_code == 200, response.content
    assert response.json()["unit"] == "CB-A1-2"
    history = staff.get("/api/v1/members/10000002/history").json()
    assert [(m["unit"], m["ended_on"]) for m in history["memberships"]] == [
        ("CB-A1-1", "2026-01-15"),
        ("CB-A1-2", None),
    ]
    assert history["memberships"][1]["reason"] == "Chuyển nơi ở"
    assert [e["action"] for e in history["audit"]] == ["member.created", "member.transferred"]
    assert history["audit"][1]["after"]["unit"] == "CB-A1-2"
    # The secretary of CB-A1-1 no longer sees him.
    assert session_client(world.secretary).get("/api/v1/members/10000002").status_code == 404


def test_probationer_cannot_become_full_before_twelve_months(world):
    response = post(
        session_client(world.staff),
        "/api/v1/members/10000003/status",
        {"status": "full", "on": "2026-11-01", "decision": "QĐ 12"},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "status", "message": "Probation lasts 12 months, until 02/03/2027."}
    ]
    assert Member.objects.get(card_number="10000003").status == "probationary"


def test_status_change_is_recorded_with_its_rule_set(world):
    staff = session_client(world.staff)

    response = post(
        staff,
        "/api/v1/members/10000002/status",
        {"status": "exempt", "on": "2026-01-15", "reason": "Sức khỏe", "decision": "QĐ 7"},
    )

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["status_since"]) == ("exempt", "2026-01-15")
    history = staff.get("/api/v1/members/10000002/history").json()
    change = history["status_changes"][-1]
    assert (change["old_status"], change["new_status"], change["decision"]) == (
        "full",
        "exempt",
        "QĐ 7",
    )
    assert change["rule_set"]
    assert history["audit"][-1]["action"] == "member.status_changed"


def test_member_history_hides_the_audit_from_a_member(world):
    own = session_client(world.member_user).get("/api/v1/members/10000001/history").json()

    assert [m["unit"] for m in own["memberships"]] == ["CB-A1-1"]
    assert own["audit"] == []


def test_positions_are_added_and_ended(world):
    secretary = session_client(world.secretary)

    added = post(
        secretary,
        "/api/v1/members/10000002/positions",
        {"title": "deputy_secretary", "started_on": "01/01/2025"},
    )
    assert added.status_code == 201, added.content
    position = added.json()
    assert (position["title"], position["unit"], position["started_on"]) == (
        "deputy_secretary",
        "CB-A1-1",
        "2025-01-01",
    )

    too_early = post(
        secretary,
        f"/api/v1/members/10000002/positions/{position['id']}/end",
        {"ended_on": "2024-12-31"},
    )
    ended = post(
        secretary,
        f"/api/v1/members/10000002/positions/{position['id']}/end",
        {"ended_on": "2026-01-15"},
    )

    assert too_early.status_code == 422
    assert too_early.json()["errors"][0]["field"] == "ended_on"
    assert ended.json()["ended_on"] == "2026-01-15"
    assert actions(world.an)[-2:] == ["member.position_added", "member.position_ended"]
    # A position of another member is not found under this card number.
    other = post(
        secretary,
        f"/api/v1/members/10000001/positions/{position['id']}/end",
        {"ended_on": "2026-01-15"},
    )
    assert other.status_code == 404
