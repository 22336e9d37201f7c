"""Reading the tree through the API: scoped lists, filters, detail, children, summary."""

from __future__ import annotations

import pytest

from .conftest import session_client


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("admin", ["TINH", "HUYEN-A", "XA-A1", "CB-A1-1", "CB-A1-2", "HUYEN-B", "CB-B"]),
        ("leader", ["TINH", "HUYEN-A", "XA-A1", "CB-A1-1", "CB-A1-2", "HUYEN-B", "CB-B"]),
        ("staff", ["HUYEN-A", "XA-A1", "CB-A1-1", "CB-A1-2"]),
        ("inspector", ["HUYEN-A", "XA-A1", "CB-A1-1", "CB-A1-2"]),
        ("secretary", ["CB-A1-1"]),
        ("member_user", ["CB-A1-1"]),
        ("outsider", ["CB-B"]),
        ("nobody", []),
    ],
)
def test_unit_list_shows_only_the_callers_subtree_in_tree_order(world, role, visible):
    response = session_client(getattr(world, role)).get("/api/v1/units")

    assert codes(response) == visible
    assert response.json()["count"] == len(visible)


def test_unit_list_filters(world):
    staff = session_client(world.admin)

    assert codes(staff.get("/api/v1/units?parent=XA-A1")) == ["CB-A1-1", "CB-A1-2"]
    assert codes(staff.get("/api/v1/units?q=thon dong")) == ["CB-A1-1"]
    assert codes(staff.get("/api/v1/units?q=THÔN")) == ["CB-A1-1", "CB-A1-2"]
    assert codes(staff.get("/api/v1/units?kind=cell")) == ["CB-A1-1", "CB-A1-2", "CB-B"]
    assert codes(staff.get("/api/v1/units?grassroots=true")) == ["XA-A1", "CB-B"]


def test_unit_list_leaves_out_ended_units_unless_asked(world):
    admin = session_client(world.admin)
    merged = admin.post(
        "/api/v1/units/CB-A1-2/merge",
        {"into": "CB-A1-1", "on": "2026-06-15"},
        content_type="application/json",
    )
    assert merged.status_code == 200, merged.content

    assert codes(admin.get("/api/v1/units?parent=XA-A1")) == ["CB-A1-1"]
    assert codes(admin.get("/api/v1/units?parent=XA-A1&include_ended=true")) == [
        "CB-A1-1",
        "CB-A1-2",
    ]


def test_unit_list_refuses_an_unknown_kind_naming_the_field(world):
    response = session_client(world.admin).get("/api/v1/units?kind=branch")

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["kind"]


def test_unit_detail_names_parent_and_the_visible_ancestors(world):
    detail = session_client(world.admin).get("/api/v1/units/CB-A1-1").json()

    assert detail == {
        "code": "CB-A1-1",
        "name": "Chi bộ thôn Đông",
        "kind": "cell",
        "grassroots": False,
        "sector": "",
        "parent": "XA-A1",
        "path": ["TINH", "HUYEN-A", "XA-A1"],
        "successor": None,
        "founded_on": "2000-01-01",
        "ended_on": None,
    }
    # The secretary sees her cell, but not the committees above it.
    mine = session_client(world.secretary).get("/api/v1/units/CB-A1-1").json()
    assert mine["parent"] == "XA-A1"
    assert mine["path"] == []
    assert session_client(world.staff).get("/api/v1/units/CB-A1-1").json()["path"] == [
        "HUYEN-A",
        "XA-A1",
    ]


def test_children_are_listed_with_their_own_child_counts(world):
    response = session_client(world.staff).get("/api/v1/units/HUYEN-A/children")

    assert response.json() == {
        "count": 1,
        "items": [
            {
                "code": "XA-A1",
                "name": "Đảng bộ xã A1",
                "kind": "committee",
                "grassroots": True,
                "sector": "commune",
                "parent": "HUYEN-A",
                "founded_on": "2000-01-01",
                "ended_on": None,
                "child_count": 2,
            }
        ],
    }


def test_summary_counts_the_whole_subtree(world):
    admin = session_client(world.admin)

    province = admin.get("/api/v1/units/TINH/summary").json()
    district = admin.get("/api/v1/units/HUYEN-A/summary").json()
    cell = admin.get("/api/v1/units/CB-B/summary").json()

    assert province == {
        "members": 4,
        "probationary": 1,
        "full": 3,
        "exempt": 0,
        "suspended": 0,
        "units": 7,
        "cells": 3,
        "committees": 4,
        "grassroots": 2,
        "grassroots_by_sector": {
            "commune": 1,
            "agency": 1,
            "public_service": 0,
            "enterprise": 0,
            "armed_forces": 0,
            "other": 0,
        },
    }
    assert (district["members"], district["probationary"], district["cells"]) == (3, 1, 2)
    assert district["grassroots"] == 1
    assert district["grassroots_by_sector"]["commune"] == 1
    assert district["grassroots_by_sector"]["agency"] == 0
    assert (cell["members"], cell["probationary"], cell["cells"], cell["grassroots"]) == (
        1,
        0,
        1,
        1,
    )


def test_unknown_unit_and_unit_out_of_scope_answer_the_same_404(world):
    outsider = session_client(world.outsider)

    hidden = outsider.get("/api/v1/units/CB-A1-1")
    missing = outsider.get("/api/v1/units/NO-SUCH-UNIT")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "Not found.", "errors": []}
