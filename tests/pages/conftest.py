"""Page tests log people in with Django's test client; `as_user(world.secretary)` is a client
acting as that person."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def as_user(db):
    def client_for(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return client_for
