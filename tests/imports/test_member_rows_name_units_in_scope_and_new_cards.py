"""Units must exist within the importer's scope and be open; card numbers must be new."""

import datetime as dt

import pytest

from guong.core.errors import Invalid
from guong.core.imports import run_import
from guong.members.models import Member
from guong.org import services as org_services
from tests.factories import make_cell

from .conftest import good_members, member_row

UNKNOWN = "There is no unit with the code {} that you may import into."


def errors_of(world, members_file, rows, actor=None):
    with pytest.raises(Invalid) as error:
        run_import("members", members_file(rows), "f.csv", actor=actor or world.staff)
    return [(e["row"], e["field"], e["message"]) for e in error.value.errors]


def test_an_unknown_unit_code(world, members_file):
    assert errors_of(world, members_file, [member_row("20000001", unit="CB-XYZ")]) == [
        (2, "unit_code", UNKNOWN.format("CB-XYZ"))
    ]


def test_a_unit_outside_the_scope_reads_exactly_like_an_unknown_one(world, members_file):
    rows = [member_row("20000001", unit="CB-A1-2"), member_row("20000002", unit="CB-A1-1")]
    assert errors_of(world, members_file, rows, actor=world.secretary) == [
        (2, "unit_code", UNKNOWN.format("CB-A1-2"))
    ]
    assert errors_of(world, members_file, [member_row("20000001", unit="CB-B")]) == [
        (2, "unit_code", UNKNOWN.format("CB-B"))
    ]


def test_a_role_without_import_cannot_import_even_in_its_scope(world, members_file):
    assert errors_of(world, members_file, [member_row("20000001")], actor=world.inspector) == [
        (2, "unit_code", UNKNOWN.format("CB-A1-1"))
    ]


def test_a_unit_that_has_ended(world, members_file):
    closed = make_cell("CB-CU", world.commune, name="Chi bộ cũ")
    org_services.dissolve_unit(closed, actor=world.system, on=dt.date(2025, 1, 1))
    assert errors_of(world, members_file, [member_row("20000001", unit="CB-CU")]) == [
        (2, "unit_code", "The unit CB-CU (Chi bộ cũ) has ended.")
    ]


def test_a_card_number_twice_in_the_file_names_both_rows(world, members_file):
    rows = good_members(4)
    rows[3][0] = rows[1][0]
    assert errors_of(world, members_file, rows) == [
        (5, "card_number", "The card number 20000002 is also on row 3 of this file.")
    ]


def test_a_card_number_already_registered(world, members_file):
    assert errors_of(world, members_file, [member_row(world.bob.card_number)]) == [
        (2, "card_number", "The card number 10000004 is already registered.")
    ]
    assert Member.objects.count() == 4
