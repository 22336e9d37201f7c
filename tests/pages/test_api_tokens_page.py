"""Each person manages their own API tokens: a new token is shown once, and can be revoked."""

import re

from guong.accounts.models import ApiToken
from guong.accounts.services import create_token, user_for_token


def test_a_new_token_is_shown_once_and_works(as_user, world):
    client = as_user(world.secretary)

    response = client.post("/tokens/", {"name": "Báo cáo tháng"})

    html = response.content.decode()
    assert response.status_code == 201
    token = re.search(r'class="fs-6 user-select-all new-token">([^<]+)<', html).group(1)
    assert user_for_token(token) == world.secretary
    assert token not in client.get("/tokens/").content.decode()


def test_a_token_needs_a_name(as_user, world):
    response = as_user(world.secretary).post("/tokens/", {"name": ""})

    assert response.status_code == 422
    assert 'id="id_name_errors"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_is_revoked(as_user, world):
    record, token = create_token(actor=world.secretary, user=world.secretary, name="cũ")

    response = as_user(world.secretary).post(f"/tokens/{record.pk}/revoke/")

    assert response.status_code == 302
    assert user_for_token(token) is None


def test_someone_elses_token_answers_404(as_user, world):
    record, token = create_token(actor=world.outsider, user=world.outsider, name="của B")

    assert as_user(world.secretary).post(f"/tokens/{record.pk}/revoke/").status_code == 404
    assert user_for_token(token) == world.outsider
    assert "của B" not in as_user(world.secretary).get("/tokens/").content.decode()
