"""The audit log page lists the events about units and members in the person's scope; the chain
check runs only when asked."""

import re

from guong.core.models import AuditEvent
from guong.members import services as member_services


def _seqs(html: str) -> set[int]:
    return {int(s) for s in re.findall(r'<td data-label="#">(\d+)</td>', html)}


def _events_about(*objects) -> set[int]:
    seqs = set()
    for obj in objects:
        seqs |= set(
            AuditEvent.objects.filter(
                object_type=obj._meta.label_lower, object_id=str(obj.pk)
            ).values_list("seq", flat=True)
        )
    return seqs


def test_a_secretary_sees_the_events_of_their_cell_only(as_user, world):
    member_services.update_member(world.bob, actor=world.outsider, residence="Phường B")

    response = as_user(world.secretary).get("/audit/")

    html = response.content.decode()
    assert response.status_code == 200
    assert _seqs(html) == _events_about(world.cell_a, world.alice, world.an) | {
        a.seq for a in AuditEvent.objects.filter(action="role.assigned", after__unit="CB-A1-1")
    }
    assert not _seqs(html) & _events_about(world.bob, world.cell_b)


def test_a_superuser_sees_every_event(as_user, world):
    html = as_user(world.system).get("/audit/").content.decode()

    assert _seqs(html) == set(
        AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[:50]
    )


def test_people_without_audit_rights_are_refused(as_user, world):
    assert as_user(world.member_user).get("/audit/").status_code == 403
    assert as_user(world.nobody).get("/audit/").status_code == 403
    assert as_user(world.nobody).get("/audit/verify/").status_code == 403


def test_the_chain_check_answers_a_fragment(as_user, world):
    response = as_user(world.inspector).get("/audit/verify/", HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-intact="true"' in html


def test_the_chain_check_reports_an_altered_event(as_user, world):
    first = AuditEvent.objects.filter(action="member.created").order_by("seq").first()
    AuditEvent.objects.filter(pk=first.pk).update(object_repr="forged")

    html = as_user(world.inspector).get("/audit/verify/").content.decode()

    assert 'data-intact="false"' in html
    assert f"#{first.seq}" in html
