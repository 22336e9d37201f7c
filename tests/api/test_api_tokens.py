"""API tokens: shown once, stored hashed, they authenticate until revoked."""

from __future__ import annotations

from guong.accounts.models import ApiToken

from .conftest import bearer_client, session_client


def test_created_token_authenticates_as_its_owner(world):
    created = session_client(world.secretary).post(
        "/api/v1/tokens", {"name": "báo cáo tháng"}, content_type="application/json"
    )
    assert created.status_code == 201
    token = created.json()["token"]

    me = bearer_client(token).get("/api/v1/me")

    assert me.status_code == 200
    assert me.json()["username"] == "secretary_of_cell_a"
    assert me.json()["roles"] == [
        {"role": "cell_secretary", "unit": "CB-A1-1", "unit_name": "Chi bộ thôn Đông"}
    ]


def test_token_list_never_shows_the_token_again(world):
    browser = session_client(world.secretary)
    token = browser.post("/api/v1/tokens", {"name": "script"}, content_type="application/json")
    token = token.json()["token"]

    listed = browser.get("/api/v1/tokens").json()

    assert listed["count"] == 1
    item = listed["items"][0]
    assert item["name"] == "script"
    assert item["prefix"] == token[:10]
    assert "token" not in item
    assert token not in str(listed)
    assert not ApiToken.objects.filter(digest=token).exists()  # only its hash is stored


def test_revoked_token_answers_401(world):
    browser = session_client(world.staff)
    created = browser.post("/api/v1/tokens", {"name": "cũ"}, content_type="application/json")
    token, token_id = created.json()["token"], created.json()["id"]
    assert bearer_client(token).get("/api/v1/members").status_code == 200

    revoked = browser.post(f"/api/v1/tokens/{token_id}/revoke")

    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    response = bearer_client(token).get("/api/v1/members")
    assert response.status_code == 401
    assert response.json() == {"detail": "Log in or send an API token.", "errors": []}


def test_made_up_token_answers_401(world):
    assert bearer_client("gg_not-a-real-token").get("/api/v1/me").status_code == 401
    assert bearer_client("").get("/api/v1/me").status_code == 401


def test_token_of_a_deactivated_user_answers_401(world):
    browser = session_client(world.staff)
    token = browser.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    world.staff.is_active = False
    world.staff.save(update_fields=["is_active"])  # test setup, not application code

    assert bearer_client(token.json()["token"]).get("/api/v1/me").status_code == 401


def test_a_token_name_is_required(world):
    response = session_client(world.staff).post(
        "/api/v1/tokens", {"name": "  "}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "name", "message": "Name the token after its use."}
    ]
