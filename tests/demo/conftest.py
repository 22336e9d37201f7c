"""The demo province, built once per test module with the real `guong demo` command.

Building it takes seconds (3,000 members through the services), so a module builds it once,
inside a transaction that is rolled back when the module ends; each test still runs in its own
savepoint (the `db` fixture), so no test sees another's changes.
"""

from __future__ import annotations

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHING),
        transaction.atomic(),
    ):
        output = StringIO()
        call_command("demo", stdout=output)
        yield SimpleNamespace(output=output.getvalue())
        transaction.set_rollback(True)


@pytest.fixture
def demo(built_demo, db):
    return built_demo
