"""`guong demo --members N --units U`: benchmark data with exactly the counts asked, tallies
that agree with the member records, and one audit event that keeps the chain valid."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from guong.core import audit
from guong.core.models import AuditEvent
from guong.members.models import ON_REGISTER, Member, Membership, Status
from guong.org.models import Unit
from guong.org.queries import subtree_summary
from tests.factories import make_cell, make_member


@pytest.fixture
def generated(db):
    output = StringIO()
    call_command("demo", "--members", "2000", "--units", "200", stdout=output)
    return output.getvalue()


def direct_counts(unit: Unit) -> dict:
    """What the summary should say, counted from the member and unit rows themselves."""
    members = Member.objects.filter(unit__path__startswith=unit.path)
    statuses = Counter(members.values_list("status", flat=True))
    units = Unit.objects.filter(path__startswith=unit.path)
    return {
        "members": members.filter(status__in=ON_REGISTER).count(),
        **{status: statuses[status] for status in ("probationary", "full", "exempt", "suspended")},
        "units": units.count(),
        "cells": units.filter(kind=Unit.Kind.CELL).count(),
        "grassroots": units.filter(grassroots=True).count(),
    }


def test_it_writes_exactly_the_members_and_units_asked(generated):
    assert Member.objects.count() == 2000
    assert Unit.objects.count() == 200
    assert Membership.objects.count() == 2000
    assert "Generated 2.000 members in 200 units" in generated


def test_members_sit_in_cells_with_search_and_sort_keys(generated):
    assert not Member.objects.exclude(unit__kind=Unit.Kind.CELL).exists()
    member = Member.objects.order_by("pk").first()
    assert member.name_folded and member.name_folded.isascii()
    assert member.sort_key and len(member.card_number) == 10
    assert Member.objects.values("card_number").distinct().count() == 2000


def test_every_path_is_its_parents_path_plus_its_own_id(generated):
    for unit in Unit.objects.select_related("parent"):
        prefix = unit.parent.path if unit.parent else ""
        assert unit.path == f"{prefix}{unit.pk:09d}."
        assert unit.depth == unit.path.count(".") - 1


@pytest.mark.parametrize("which", ["root", "committee", "grassroots", "cell"])
def test_subtree_summaries_match_a_direct_count(generated, which):
    units = {
        "root": Unit.objects.get(parent__isnull=True),
        "committee": Unit.objects.filter(depth=1).order_by("pk").first(),
        "grassroots": Unit.objects.filter(grassroots=True, kind=Unit.Kind.COMMITTEE)
        .order_by("pk")
        .first(),
        "cell": Unit.objects.filter(kind=Unit.Kind.CELL, members__isnull=False)
        .order_by("pk")
        .first(),
    }
    summary = subtree_summary(units[which])
    expected = direct_counts(units[which])
    assert {key: summary[key] for key in expected} == expected
    assert summary["members"] > 0


def test_some_members_are_probationary_and_some_left_the_register(generated):
    statuses = Counter(Member.objects.values_list("status", flat=True))
    assert statuses[Status.PROBATIONARY] > 0
    assert statuses[Status.FULL] > 1500
    off = Member.objects.exclude(status__in=ON_REGISTER)
    assert Membership.objects.filter(member__in=off, ended_on__isnull=True).count() == 0


def test_one_audit_event_sums_it_up_and_the_chain_verifies(generated):
    event = AuditEvent.objects.get()
    assert event.action == "demo.generated"
    assert (event.after["members"], event.after["units"]) == (2000, 200)
    checked, broken, _ = audit.verify()
    assert (checked, broken) == (1, None)


def test_new_records_after_generation_get_fresh_ids(generated):
    cell = make_cell("NEW-CELL", Unit.objects.get(parent__isnull=True))
    member = make_member(cell)
    assert cell.pk == 201
    assert member.pk == 2001
