"""Logins and role assignments through the API: who may hand out which role, and where."""

from __future__ import annotations

from guong.accounts.models import User
from guong.core.models import AuditEvent

from .conftest import session_client


def post(client, path: str, body: dict | None = None):
    return client.post(path, body or {}, content_type="application/json")


def test_me_tells_the_caller_who_they_are(world):
    me = session_client(world.member_user).get("/api/v1/me").json()

    assert me == {
        "username": "member_alice",
        "full_name": "",
        "roles": [{"role": "member", "unit": "CB-A1-1", "unit_name": "Chi bộ thôn Đông"}],
        "member": "10000001",
    }


def test_staff_give_a_login_a_role_and_it_sees_that_cell(world):
    staff = session_client(world.staff)

    response = post(
        staff, "/api/v1/roles", {"username": "no_role", "role": "cell_secretary", "unit": "CB-A1-2"}
    )

    assert response.status_code == 201, response.content
    assert {k: response.json()[k] for k in ("username", "role", "unit", "granted_by")} == {
        "username": "no_role",
        "role": "cell_secretary",
        "unit": "CB-A1-2",
        "granted_by": "staff_of_district_a",
    }
    newcomer = session_client(world.nobody)
    assert newcomer.get("/api/v1/members/10000003").status_code == 200
    assert newcomer.get("/api/v1/members/10000002").status_code == 404

    ended = post(staff, f"/api/v1/roles/{response.json()['id']}/end")

    assert ended.status_code == 200
    assert ended.json()["ended_at"] is not None
    assert newcomer.get("/api/v1/members/10000003").status_code == 404


def test_staff_cannot_make_an_administrator(world):
    response = post(
        session_client(world.staff),
        "/api/v1/roles",
        {"username": "no_role", "role": "admin", "unit": "CB-A1-2"},
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "Your role does not allow this.", "errors": []}


def test_unknown_user_and_unknown_role_are_named(world):
    staff = session_client(world.staff)

    nobody_there = post(
        staff, "/api/v1/roles", {"username": "ghost", "role": "leader", "unit": "CB-A1-2"}
    )
    bad_role = post(
        staff, "/api/v1/roles", {"username": "no_role", "role": "king", "unit": "CB-A1-2"}
    )

    assert nobody_there.json()["errors"] == [
        {"field": "username", "message": "There is no user named ghost."}
    ]
    assert [e["field"] for e in bad_role.json()["errors"]] == ["role"]


def test_role_list_shows_the_assignments_the_caller_manages(world):
    def assignments(client, query: str = "") -> list[tuple[str, str, str]]:
        items = client.get(f"/api/v1/roles{query}").json()["items"]
        return [(a["unit"], a["username"], a["role"]) for a in items]

    staff = session_client(world.staff)
    assert assignments(staff) == [
        ("HUYEN-A", "inspector_of_district_a", "inspector"),
        ("HUYEN-A", "staff_of_district_a", "committee_staff"),
        ("CB-A1-1", "member_alice", "member"),
        ("CB-A1-1", "secretary_of_cell_a", "cell_secretary"),
    ]
    assert assignments(staff, "?unit=CB-A1-1") == [
        ("CB-A1-1", "member_alice", "member"),
        ("CB-A1-1", "secretary_of_cell_a", "cell_secretary"),
    ]
    admin = session_client(world.admin)
    assert len(assignments(admin)) == 7
    assert admin.get("/api/v1/roles").json()["count"] == 7


def test_new_login_gets_a_generated_password_shown_once(world):
    response = post(
        session_client(world.staff),
        "/api/v1/users",
        {"username": "secretary_of_cell_a2", "member": "10000003"},
    )

    assert response.status_code == 201, response.content
    password = response.json()["password"]
    assert response.json()["username"] == "secretary_of_cell_a2"
    assert len(password) >= 12
    login = User.objects.get(username="secretary_of_cell_a2")
    assert login.check_password(password)
    assert login.member.card_number == "10000003"


def test_a_chosen_password_is_not_echoed(world):
    response = post(
        session_client(world.admin),
        "/api/v1/users",
        {"username": "new_login", "password": "Mot-mat-khau-dai-2026"},
    )

    assert response.json() == {"username": "new_login", "password": None}
    event = AuditEvent.objects.filter(action="user.created").last()
    assert event.after == {"username": "new_login", "member": None}


def test_weak_password_and_taken_name_are_refused(world):
    admin = session_client(world.admin)

    weak = post(admin, "/api/v1/users", {"username": "new_login", "password": "123"})
    taken = post(admin, "/api/v1/users", {"username": "NO_ROLE"})

    assert weak.status_code == 422
    assert {e["field"] for e in weak.json()["errors"]} == {"password"}
    assert taken.json()["errors"] == [
        {"field": "username", "message": "The user name NO_ROLE is taken."}
    ]
