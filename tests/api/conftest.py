"""What the API tests share: clients that speak English, log in by session or by token."""

from __future__ import annotations

import pytest
from django.test import Client

from guong.accounts import services as account_services

# Messages are asserted in English; Vietnamese is the default language of real requests.
ENGLISH = {"accept-language": "en"}


def session_client(user=None, *, enforce_csrf_checks: bool = False) -> Client:
    """A browser: logged in as `user` (anonymous when None)."""
    client = Client(enforce_csrf_checks=enforce_csrf_checks, headers=ENGLISH)
    if user is not None:
        client.force_login(user)
    return client


def bearer_client(token: str) -> Client:
    """A script sending `Authorization: Bearer <token>` and no cookies."""
    return Client(headers={**ENGLISH, "authorization": f"Bearer {token}"})


def token_for(user, name: str = "script") -> str:
    _, token = account_services.create_token(actor=user, user=user, name=name)
    return token


@pytest.fixture
def as_user():
    """`as_user(world.staff)`: a client logged in by session as that user."""
    return session_client
