"""Logging in and out, the lockout after repeated failures, and Vietnamese as the default."""

import re

import pytest
from django.test import Client

from tests.conftest import PASSWORD


@pytest.mark.vietnamese
def test_the_login_page_is_in_vietnamese_by_default(client, world):
    response = client.get("/login/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert 'name="username"' in html and 'name="password"' in html
    assert 'action="/i18n/setlang/"' in html


def test_english_can_be_chosen_with_the_language_switch(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})

    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/login/").content.decode()


def test_a_person_logs_in_and_lands_on_the_page_they_asked_for(client, world):
    response = client.post(
        "/login/?next=/units/",
        {"username": "secretary_of_cell_a", "password": PASSWORD, "next": "/units/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/units/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_shows_the_form_again_without_logging_in(client, world):
    response = client.post("/login/", {"username": "secretary_of_cell_a", "password": "sai"})

    assert response.status_code == 200
    assert 'class="alert alert-danger"' in response.content.decode()
    assert client.get("/").status_code == 302


def test_five_failures_lock_the_account_out(world, settings):
    settings.AXES_ENABLED = True
    client = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(4):
        response = client.post("/login/", {"username": "secretary_of_cell_a", "password": "x"})
        assert response.status_code == 200

    locked = client.post("/login/", {"username": "secretary_of_cell_a", "password": "x"})
    still_locked = client.post("/login/", {"username": "secretary_of_cell_a", "password": PASSWORD})

    assert locked.status_code == 429
    assert "locked-out" in locked.content.decode()
    assert re.search(r"\b5\b", locked.content.decode())
    assert still_locked.status_code == 429


@pytest.mark.parametrize("method", ["get", "post"])
def test_logging_out_takes_a_post(as_user, world, method):
    client = as_user(world.secretary)

    response = getattr(client, method)("/logout/")

    if method == "get":
        assert response.status_code == 405
        assert client.get("/").status_code == 200
    else:
        assert response.status_code == 302
        assert client.get("/").status_code == 302
