"""`guong demo` builds only on an empty database; `--if-empty` (what `make run` uses) then
quietly does nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from guong.core.models import AuditEvent
from guong.members.models import Member
from guong.org.models import Unit


def test_demo_refuses_a_database_that_has_units(world):
    with pytest.raises(CommandError) as error:
        call_command("demo")
    assert "already has 7 units" in str(error.value)
    assert "--if-empty" in str(error.value)
    assert not Unit.objects.filter(code="SLM").exists()


def test_bulk_generation_refuses_a_database_that_has_units(world):
    with pytest.raises(CommandError, match="already has 7 units"):
        call_command("demo", "--members", "100")
    assert Member.objects.count() == 4


def test_if_empty_leaves_a_database_with_units_untouched(world):
    events = AuditEvent.objects.count()
    output = StringIO()
    call_command("demo", "--if-empty", stdout=output)
    assert output.getvalue() == ""
    assert (Unit.objects.count(), Member.objects.count()) == (7, 4)
    assert AuditEvent.objects.count() == events


def test_units_without_members_is_refused(db):
    with pytest.raises(CommandError, match="--units goes with --members"):
        call_command("demo", "--units", "10")
