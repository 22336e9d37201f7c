"""Creating, renaming, moving, merging and dissolving units through the API, with history."""

from __future__ import annotations

from guong.core import audit
from guong.org.models import Unit

from .conftest import session_client


def post(client, path: str, body: dict):
    return client.post(path, body, content_type="application/json")


def test_staff_creates_a_cell_under_the_commune(world):
    staff = session_client(world.staff)

    response = post(
        staff,
        "/api/v1/units",
        {
            "code": "CB-A1-3",
            "name": "Chi bộ thôn Bắc",
            "kind": "cell",
            "parent": "XA-A1",
            "founded_on": "03/02/2026",
        },
    )

    assert response.status_code == 201, response.content
    assert response.json()["path"] == ["HUYEN-A", "XA-A1"]
    assert response.json()["founded_on"] == "2026-02-03"
    assert staff.get("/api/v1/units/XA-A1/summary").json()["cells"] == 3


def test_a_cell_cannot_hold_units(world):
    response = post(
        session_client(world.staff),
        "/api/v1/units",
        {"code": "TO-1", "name": "Tổ 1", "kind": "cell", "parent": "CB-A1-1"},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "parent",
            "message": "A cell cannot contain other units; choose a party committee.",
        }
    ]


def test_update_changes_only_the_fields_sent(world):
    response = session_client(world.staff).patch(
        "/api/v1/units/CB-A1-1",
        {"grassroots": True, "sector": "commune"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["grassroots"], body["sector"], body["kind"], body["founded_on"]) == (
        True,
        "commune",
        "cell",
        "2000-01-01",
    )
    assert audit.history(world.cell_a).last().action == "unit.updated"


def test_rename_is_kept_in_the_history(world):
    staff = session_client(world.staff)

    response = post(
        staff,
        "/api/v1/units/CB-A1-1/rename",
        {"name": "Chi bộ thôn Đông Hưng", "on": "2026-01-15", "decision": "NQ 3"},
    )

    assert response.json()["name"] == "Chi bộ thôn Đông Hưng"
    history = staff.get("/api/v1/units/CB-A1-1/history").json()
    assert [(c["kind"], c["old_value"], c["new_value"]) for c in history["changes"]] == [
        ("created", "", "Chi bộ thôn Đông"),
        ("renamed", "Chi bộ thôn Đông", "Chi bộ thôn Đông Hưng"),
    ]
    assert history["changes"][1]["decision"] == "NQ 3"
    assert [e["action"] for e in history["audit"]] == ["unit.created", "unit.renamed"]
    assert staff.get("/api/v1/units?q=dong hung").json()["count"] == 1


def test_move_places_the_unit_and_its_members_under_the_new_parent(world):
    admin = session_client(world.admin)

    response = post(admin, "/api/v1/units/CB-A1-2/move", {"parent": "HUYEN-B", "on": "2026-06-01"})

    assert response.status_code == 200, response.content
    assert response.json()["parent"] == "HUYEN-B"
    assert response.json()["path"] == ["TINH", "HUYEN-B"]
    assert admin.get("/api/v1/units/HUYEN-B/summary").json()["members"] == 2
    assert admin.get("/api/v1/units/HUYEN-A/summary").json()["members"] == 2
    assert admin.get("/api/v1/members?unit=HUYEN-B").json()["count"] == 2
    # The district A staff no longer see the moved cell.
    assert session_client(world.staff).get("/api/v1/units/CB-A1-2").status_code == 404
    event = audit.history(world.cell_a2).last()
    assert (event.action, event.before, event.after) == (
        "unit.moved",
        {"parent": "XA-A1"},
        {"parent": "HUYEN-B"},
    )


def test_moving_a_unit_under_its_own_cell_is_refused(world):
    response = post(
        session_client(world.admin),
        "/api/v1/units/HUYEN-A/move",
        {"parent": "XA-A1", "on": "2026-06-01"},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "parent",
            "message": "A unit cannot be placed under itself or one of its own units.",
        }
    ]


def test_merge_moves_members_ends_the_unit_and_names_its_successor(world):
    staff = session_client(world.staff)

    response = post(
        staff,
        "/api/v1/units/CB-A1-2/merge",
        {"into": "CB-A1-1", "on": "2026-06-01", "decision": "QĐ 45"},
    )

    assert response.status_code == 200, response.content
    assert response.json()["code"] == "CB-A1-1"
    merged = staff.get("/api/v1/units/CB-A1-2").json()
    assert (merged["ended_on"], merged["successor"]) == ("2026-06-01", "CB-A1-1")
    assert staff.get("/api/v1/members/10000003").json()["unit"] == "CB-A1-1"
    summary = staff.get("/api/v1/units/XA-A1/summary").json()
    assert (summary["cells"], summary["members"], summary["probationary"]) == (1, 3, 1)
    history = staff.get("/api/v1/units/CB-A1-2/history").json()
    assert [c["kind"] for c in history["changes"]] == ["created", "merged"]
    assert history["changes"][1]["related"] == "CB-A1-1"
    assert history["audit"][-1]["action"] == "unit.merged"
    assert history["audit"][-1]["after"]["members_moved"] == 1
    assert audit.history(world.probationer).last().action == "member.transferred"


def test_a_unit_cannot_merge_into_itself(world):
    response = post(
        session_client(world.staff),
        "/api/v1/units/CB-A1-1/merge",
        {"into": "CB-A1-1", "on": "2026-06-01"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "into"


def test_dissolve_needs_an_empty_unit(world):
    staff = session_client(world.staff)
    post(
        staff,
        "/api/v1/units",
        {"code": "CB-A1-3", "name": "Chi bộ thôn Bắc", "kind": "cell", "parent": "XA-A1"},
    )

    refused = post(staff, "/api/v1/units/CB-A1-2/dissolve", {"on": "2026-06-01"})
    dissolved = post(staff, "/api/v1/units/CB-A1-3/dissolve", {"on": "2026-06-01"})

    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"field": "unit", "message": "Transfer its members first."}]
    assert dissolved.status_code == 200
    assert dissolved.json()["ended_on"] == "2026-06-01"
    assert Unit.objects.get(code="CB-A1-3").ended_on is not None
