"""Every endpoint × every role: in scope, out of scope, anonymous.

Read a row as "this request, made by each of these people, answers these statuses". The targets:

    …/CB-A1-1, 10000002 (Trần Văn An)   inside district A: in scope for admin, leader, staff,
                                         inspector (district A) and the secretary (cell A1-1)
    …/CB-B, 10000004 (Phạm Văn Bình)     district B: in scope for admin, leader and outsider only
    …/CB-Z, 10000099                     another province: out of everyone's scope

Out of scope answers 404 (existence is not revealed); in scope without the right answers 403;
no credentials answer 401. Each request runs in a transaction rolled back afterwards, so every
person meets the same world. The whole table runs twice: by browser session and by API token.
"""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from django.db import transaction

from guong.accounts.models import RoleAssignment
from guong.members import services as member_services

from ..factories import make_cell, make_member, make_unit
from .conftest import bearer_client, session_client, token_for

ROLES = (
    "admin",
    "leader",
    "staff",
    "inspector",
    "secretary",
    "member_user",
    "outsider",
    "nobody",
    None,
)  # None: anonymous

ON = "2026-01-15"


def new_unit(parent: str) -> dict:
    return {"code": "CB-MOI", "name": "Chi bộ Mới", "kind": "cell", "parent": parent}


def new_member(unit: str) -> dict:
    return {
        "card_number": "20000001",
        "full_name": "Đỗ Thị Hoa",
        "birth_date": "1990-06-01",
        "gender": "nữ",
        "unit": unit,
        "admitted_on": "2015-05-19",
        "official_on": "19/05/2016",
    }


def grant(unit: str) -> dict:
    return {"username": "no_role", "role": "cell_secretary", "unit": unit}


PATCH_UNIT = {"founded_on": "01/02/2001"}
RENAME = {"name": "Chi bộ Đổi Tên", "on": ON}
MOVE_UNDER_A = {"parent": "HUYEN-A", "on": ON}
DISSOLVE = {"on": ON}
PATCH_MEMBER = {"residence": "Thôn Đông, xã A1"}
EXEMPT = {"status": "exempt", "on": ON, "reason": "Sức khỏe"}
POSITION = {"title": "deputy_secretary", "started_on": "2025-01-01"}
END_POSITION = {"ended_on": ON}


TARGETS = ("parent", "into", "unit", "member")  # named in a test's id when a body holds them


def row(method: str, path: str, *statuses: int, body: dict | None = None):
    assert len(statuses) == len(ROLES), path
    target = next((f" {k}={body[k]}" for k in TARGETS if body and k in body), "")
    return pytest.param(
        method, path, body, dict(zip(ROLES, statuses, strict=True)), id=f"{method} {path}{target}"
    )


MATRIX = [
    #                                               admn lead staf insp secr memb outs nobo anon
    # Units: reads
    row("GET", "/api/v1/units",                     200, 200, 200, 200, 200, 200, 200, 200, 401),
    row("GET", "/api/v1/units?parent=XA-A1",        200, 200, 200, 200, 404, 404, 404, 404, 401),
    row("GET", "/api/v1/units/CB-A1-1",             200, 200, 200, 200, 200, 200, 404, 404, 401),
    row("GET", "/api/v1/units/CB-B",                200, 200, 404, 404, 404, 404, 200, 404, 401),
    row("GET", "/api/v1/units/CB-Z",                404, 404, 404, 404, 404, 404, 404, 404, 401),
    row("GET", "/api/v1/units/XA-A1/children",      200, 200, 200, 200, 404, 404, 404, 404, 401),
    row("GET", "/api/v1/units/CB-B/children",       200, 200, 404, 404, 404, 404, 200, 404, 401),
    row("GET", "/api/v1/units/CB-A1-1/summary",     200, 200, 200, 200, 200, 200, 404, 404, 401),
    row("GET", "/api/v1/units/CB-B/summary",        200, 200, 404, 404, 404, 404, 200, 404, 401),
    row("GET", "/api/v1/units/CB-Z/summary",        404, 404, 404, 404, 404, 404, 404, 404, 401),
    row("GET", "/api/v1/units/CB-A1-1/history",     200, 200, 200, 200, 200, 200, 404, 404, 401),
    row("GET", "/api/v1/units/CB-B/history",        200, 200, 404, 404, 404, 404, 200, 404, 401),
    # Units: writes (only admin and committee staff change the tree)
    row("POST", "/api/v1/units",                    201, 403, 201, 403, 404, 404, 404, 404, 401,
        body=new_unit("XA-A1")),
    row("POST", "/api/v1/units",                    201, 403, 404, 404, 404, 404, 404, 404, 401,
        body=new_unit("HUYEN-B")),
    row("POST", "/api/v1/units",                    404, 404, 404, 404, 404, 404, 404, 404, 401,
        body=new_unit("TINH-Z")),
    row("PATCH", "/api/v1/units/CB-A1-1",           200, 403, 200, 403, 403, 403, 404, 404, 401,
        body=PATCH_UNIT),
    row("PATCH", "/api/v1/units/CB-B",              200, 403, 404, 404, 404, 404, 403, 404, 401,
        body=PATCH_UNIT),
    row("PATCH", "/api/v1/units/CB-Z",              404, 404, 404, 404, 404, 404, 404, 404, 401,
        body=PATCH_UNIT),
    row("POST", "/api/v1/units/CB-A1-1/rename",     200, 403, 200, 403, 403, 403, 404, 404, 401,
        body=RENAME),
    row("POST", "/api/v1/units/CB-B/rename",        200, 403, 404, 404, 404, 404, 403, 404, 401,
        body=RENAME),
    # Moving under HUYEN-A: the secretary and the member cannot see HUYEN-A, hence 404.
    row("POST", "/api/v1/units/CB-A1-1/move",       200, 403, 200, 403, 404, 404, 404, 404, 401,
        body=MOVE_UNDER_A),
    row("POST", "/api/v1/units/CB-B/move",          200, 403, 404, 404, 404, 404, 404, 404, 401,
        body=MOVE_UNDER_A),
    row("POST", "/api/v1/units/CB-A1-1/merge",      200, 403, 200, 403, 404, 404, 404, 404, 401,
        body={"into": "CB-A1-2", "on": ON}),
    row("POST", "/api/v1/units/CB-B/merge",         200, 403, 404, 404, 404, 404, 404, 404, 401,
        body={"into": "CB-A1-1", "on": ON}),
    row("POST", "/api/v1/units/CB-Z/merge",         404, 404, 404, 404, 404, 404, 404, 404, 401,
        body={"into": "CB-A1-1", "on": ON}),
    row("POST", "/api/v1/units/CB-A1-3/dissolve",   200, 403, 200, 403, 404, 404, 404, 404, 401,
        body=DISSOLVE),
    # CB-B still has a member: the admin may dissolve it but is told to transfer them first.
    row("POST", "/api/v1/units/CB-B/dissolve",      422, 403, 404, 404, 404, 404, 403, 404, 401,
        body=DISSOLVE),
    # Members: reads (a member sees their own record, 10000001, and nobody else's)
    row("GET", "/api/v1/members",                   200, 200, 200, 200, 200, 200, 200, 200, 401),
    row("GET", "/api/v1/members?unit=CB-A1-1",      200, 200, 200, 200, 200, 200, 404, 404, 401),
    row("GET", "/api/v1/members?unit=CB-B",         200, 200, 404, 404, 404, 404, 200, 404, 401),
    row("GET", "/api/v1/members?unit=CB-Z",         404, 404, 404, 404, 404, 404, 404, 404, 401),
    row("GET", "/api/v1/members/10000001",          200, 200, 200, 200, 200, 200, 404, 404, 401),
    row("GET", "/api/v1/members/10000002",          200, 200, 200, 200, 200, 404, 404, 404, 401),
    row("GET", "/api/v1/members/10000004",          200, 200, 404, 404, 404, 404, 200, 404, 401),
    row("GET", "/api/v1/members/10000099",          404, 404, 404, 404, 404, 404, 404, 404, 401),
    row("GET", "/api/v1/members/10000001/history",  200, 200, 200, 200, 200, 200, 404, 404, 401),
    row("GET", "/api/v1/members/10000002/history",  200, 200, 200, 200, 200, 404, 404, 404, 401),
    row("GET", "/api/v1/members/10000004/history",  200, 200, 404, 404, 404, 404, 200, 404, 401),
    # Members: writes (admin, committee staff and the cell's secretary)
    row("POST", "/api/v1/members",                  201, 403, 201, 403, 201, 403, 404, 404, 401,
        body=new_member("CB-A1-1")),
    row("POST", "/api/v1/members",                  201, 403, 404, 404, 404, 404, 201, 404, 401,
        body=new_member("CB-B")),
    row("POST", "/api/v1/members",                  404, 404, 404, 404, 404, 404, 404, 404, 401,
        body=new_member("CB-Z")),
    row("PATCH", "/api/v1/members/10000001",        200, 403, 200, 403, 200, 403, 404, 404, 401,
        body=PATCH_MEMBER),
    row("PATCH", "/api/v1/members/10000002",        200, 403, 200, 403, 200, 404, 404, 404, 401,
        body=PATCH_MEMBER),
    row("PATCH", "/api/v1/members/10000004",        200, 403, 404, 404, 404, 404, 200, 404, 401,
        body=PATCH_MEMBER),
    row("PATCH", "/api/v1/members/10000099",        404, 404, 404, 404, 404, 404, 404, 404, 401,
        body=PATCH_MEMBER),
    # To CB-A1-2: the secretary of CB-A1-1 cannot see the receiving cell, hence 404.
    row("POST", "/api/v1/members/10000002/transfer",
                                                    200, 403, 200, 403, 404, 404, 404, 404, 401,
        body={"unit": "CB-A1-2", "on": ON}),
    row("POST", "/api/v1/members/10000004/transfer",
                                                    200, 403, 404, 404, 404, 404, 404, 404, 401,
        body={"unit": "CB-A1-1", "on": ON}),
    row("POST", "/api/v1/members/10000099/transfer",
                                                    404, 404, 404, 404, 404, 404, 404, 404, 401,
        body={"unit": "CB-A1-1", "on": ON}),
    row("POST", "/api/v1/members/10000002/status",  200, 403, 200, 403, 200, 404, 404, 404, 401,
        body=EXEMPT),
    row("POST", "/api/v1/members/10000004/status",  200, 403, 404, 404, 404, 404, 200, 404, 401,
        body=EXEMPT),
    row("POST", "/api/v1/members/10000002/positions",
                                                    201, 403, 201, 403, 201, 404, 404, 404, 401,
        body=POSITION),
    row("POST", "/api/v1/members/10000004/positions",
                                                    201, 403, 404, 404, 404, 404, 201, 404, 401,
        body=POSITION),
    row("POST", "/api/v1/members/10000002/positions/{an_position}/end",
                                                    200, 403, 200, 403, 200, 404, 404, 404, 401,
        body=END_POSITION),
    row("POST", "/api/v1/members/10000004/positions/{bob_position}/end",
                                                    200, 403, 404, 404, 404, 404, 200, 404, 401,
        body=END_POSITION),
    # Accounts: everyone has a /me and their own tokens
    row("GET", "/api/v1/me",                        200, 200, 200, 200, 200, 200, 200, 200, 401),
    row("GET", "/api/v1/tokens",                    200, 200, 200, 200, 200, 200, 200, 200, 401),
    row("POST", "/api/v1/tokens",                   201, 201, 201, 201, 201, 201, 201, 201, 401,
        body={"name": "script"}),
    row("POST", "/api/v1/tokens/{secretary_token}/revoke",
                                                    404, 404, 404, 404, 200, 404, 404, 404, 401),
    # Accounts: logins and roles need roles.manage (admin, committee staff)
    row("POST", "/api/v1/users",                    201, 403, 201, 403, 403, 403, 403, 403, 401,
        body={"username": "new_login"}),
    row("POST", "/api/v1/users",                    201, 403, 404, 403, 403, 403, 403, 403, 401,
        body={"username": "new_login", "member": "10000004"}),
    row("GET", "/api/v1/roles",                     200, 403, 200, 403, 403, 403, 403, 403, 401),
    row("GET", "/api/v1/roles?unit=CB-A1-1",        200, 403, 200, 403, 403, 403, 403, 403, 401),
    row("GET", "/api/v1/roles?unit=CB-B",           200, 403, 404, 403, 403, 403, 403, 403, 401),
    row("POST", "/api/v1/roles",                    201, 403, 201, 403, 403, 403, 404, 404, 401,
        body=grant("CB-A1-1")),
    row("POST", "/api/v1/roles",                    201, 403, 404, 404, 404, 404, 403, 404, 401,
        body=grant("CB-B")),
    row("POST", "/api/v1/roles",                    404, 404, 404, 404, 404, 404, 404, 404, 401,
        body=grant("CB-Z")),
    row("POST", "/api/v1/roles/{secretary_role}/end",
                                                    200, 403, 200, 403, 403, 403, 404, 404, 401),
    row("POST", "/api/v1/roles/{outsider_role}/end",
                                                    200, 403, 404, 404, 404, 404, 403, 404, 401),
]  # fmt: skip


@pytest.fixture
def matrix_world(world):
    """The shared world, plus an empty cell, positions to end and another province."""
    system = world.system
    make_cell("CB-A1-3", world.commune, name="Chi bộ thôn Bắc")
    other_province = make_unit("TINH-Z", None, name="Đảng bộ tỉnh Khác")
    make_member(make_cell("CB-Z", other_province), full_name="Vũ Văn Xa", card_number="10000099")
    add_position = member_services.add_position
    an_position = add_position(
        world.an, actor=system, unit=world.cell_a, title="other", started_on=dt.date(2020, 1, 1)
    )
    bob_position = add_position(
        world.bob, actor=system, unit=world.cell_b, title="other", started_on=dt.date(2020, 1, 1)
    )
    spare_token = token_for(world.secretary, "spare")
    ids = {
        "an_position": an_position.pk,
        "bob_position": bob_position.pk,
        "secretary_role": RoleAssignment.objects.get(user=world.secretary).pk,
        "outsider_role": RoleAssignment.objects.get(user=world.outsider).pk,
        "secretary_token": world.secretary.api_tokens.get(prefix=spare_token[:10]).pk,
    }
    return SimpleNamespace(world=world, ids=ids)


@pytest.fixture(params=["session", "bearer"])
def callers(request, matrix_world):
    """One client per role: logged in by session, or sending that person's API token."""
    world = matrix_world.world
    clients = {None: session_client()}
    for role in ROLES[:-1]:
        user = getattr(world, role)
        if request.param == "session":
            clients[role] = session_client(user)
        else:
            clients[role] = bearer_client(token_for(user))
    return clients


@pytest.mark.parametrize(("method", "path", "body", "expected"), MATRIX)
def test_permission_matrix(matrix_world, callers, method, path, body, expected):
    path = path.format(**matrix_world.ids)
    answered = {role: _status_of(callers[role], method, path, body) for role in ROLES}
    assert answered == expected


def _status_of(client, method: str, path: str, body: dict | None) -> int:
    """The request's status, its writes undone so that the next person meets the same world."""
    with transaction.atomic():
        response = client.generic(
            method,
            path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
        )
        transaction.set_rollback(True)
    return response.status_code
