import pytest
from django.core.management import call_command

from guong.core import audit
from guong.core.models import AuditEvent


def test_every_service_write_is_in_the_chain_and_it_verifies(world):
    checked, broken, _ = audit.verify()
    assert broken is None
    assert checked == AuditEvent.objects.count()
    assert AuditEvent.objects.filter(action="member.created").count() == 4


def test_altering_an_event_is_caught_and_named(world):
    event = AuditEvent.objects.get(action="member.created", object_repr__contains="10000002")
    AuditEvent.objects.filter(pk=event.pk).update(after={"full_name": "Ai đó khác"})
    checked, broken, reason = audit.verify()
    assert broken.seq == event.seq
    assert "altered" in reason


def test_removing_an_event_is_caught(world):
    event = AuditEvent.objects.filter(action="unit.created").order_by("seq")[2]
    AuditEvent.objects.filter(pk=event.pk).delete()
    _, broken, reason = audit.verify()
    assert broken.seq == event.seq + 1
    assert "sequence" in reason


def test_cutting_the_tail_is_caught(world):
    last = AuditEvent.objects.order_by("-seq").first()
    AuditEvent.objects.filter(pk=last.pk).delete()
    _, broken, reason = audit.verify()
    assert broken is not None
    assert "events were written" in reason


def test_audit_verify_command_exits_non_zero_on_a_broken_chain(world, capsys):
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    first = AuditEvent.objects.order_by("seq").first()
    AuditEvent.objects.filter(pk=first.pk).update(action="tampered")
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert f"#{first.seq}" in capsys.readouterr().err
