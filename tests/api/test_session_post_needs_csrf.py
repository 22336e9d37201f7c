"""A browser session may only write with Django's CSRF token; API tokens need none."""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import get_random_string

from guong.members.models import Member

from .conftest import bearer_client, session_client, token_for

NEW_MEMBER = {
    "card_number": "20000001",
    "full_name": "Đỗ Thị Hoa",
    "birth_date": "1990-06-01",
    "gender": "female",
    "unit": "CB-A1-1",
    "admitted_on": "2015-05-19",
}


def test_session_post_without_csrf_token_is_refused(world):
    browser = session_client(world.secretary, enforce_csrf_checks=True)

    response = browser.post("/api/v1/members", NEW_MEMBER, content_type="application/json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Member.objects.filter(card_number="20000001").exists()


def test_session_post_with_csrf_token_is_accepted(world):
    browser = session_client(world.secretary, enforce_csrf_checks=True)
    secret = get_random_string(32)
    browser.cookies[settings.CSRF_COOKIE_NAME] = secret

    response = browser.post(
        "/api/v1/members",
        NEW_MEMBER,
        content_type="application/json",
        headers={"X-CSRFToken": secret},
    )

    assert response.status_code == 201
    assert Member.objects.filter(card_number="20000001").exists()


def test_anonymous_post_is_told_to_log_in_not_about_csrf(world):
    browser = session_client(enforce_csrf_checks=True)

    response = browser.post("/api/v1/members", NEW_MEMBER, content_type="application/json")

    assert response.status_code == 401
    assert response.json() == {"detail": "Log in or send an API token.", "errors": []}


def test_bearer_token_post_needs_no_csrf_token(world):
    script = bearer_client(token_for(world.secretary))

    response = script.post("/api/v1/members", NEW_MEMBER, content_type="application/json")

    assert response.status_code == 201
