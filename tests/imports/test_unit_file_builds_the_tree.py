"""A units file adds a whole subtree at once, parents in any order, or nothing at all."""

import pytest

from guong.core.audit import history
from guong.core.errors import Invalid
from guong.core.imports import run_import
from guong.core.models import AuditEvent
from guong.org import tally
from guong.org.models import Unit, UnitChange, UnitTally
from guong.org.queries import subtree_summary


def errors_of(world, units_file, rows, actor=None):
    with pytest.raises(Invalid) as error:
        run_import("units", units_file(rows), "units.csv", actor=actor or world.staff)
    return [(e["row"], e["field"], e["message"]) for e in error.value.errors]


def test_children_may_come_before_their_parents(world, units_file):
    rows = [
        ["CB-A2-1", "Chi bộ thôn Bắc", "chi bộ", "XA-A2", "không", ""],
        ["XA-A2", "Đảng bộ xã A2", "Đảng bộ", "HUYEN-A", "có", "Xã, phường, thị trấn"],
        ["CB-A2-2", "Chi bộ trường học", "cell", "XA-A2", "no", ""],
        ["DN-A", "Chi bộ Công ty A", "chi bo", "HUYEN-A", "Co", "doanh nghiep"],
    ]
    _, result = run_import("units", units_file(rows), "units.csv", actor=world.staff)

    assert result.created == 4
    commune = Unit.objects.get(code="XA-A2")
    cell = Unit.objects.get(code="CB-A2-1")
    assert (commune.kind, commune.grassroots, commune.sector) == ("committee", True, "commune")
    assert (cell.parent, cell.depth) == (commune, 3)
    assert cell.path == f"{commune.path}{cell.pk:09d}."
    assert Unit.objects.get(code="DN-A").sector == "enterprise"
    assert UnitTally.objects.filter(unit__code__in=["XA-A2", "CB-A2-1", "DN-A"]).count() == 3
    assert UnitChange.objects.get(unit=cell).kind == UnitChange.Kind.CREATED
    assert history(cell).get().action == "unit.created"
    assert AuditEvent.objects.get(action="import.completed").after["created"] == 4
    summary = subtree_summary(world.district_a)
    assert (summary["cells"], summary["grassroots"]) == (5, 3)
    assert tally.recount() == 0  # the counts kept while importing match the records


def test_a_circle_of_parents_is_reported_on_each_of_its_rows(world, units_file):
    rows = [
        ["A", "Đảng bộ A", "đảng bộ", "B", "", ""],
        ["B", "Đảng bộ B", "đảng bộ", "A", "", ""],
        ["C", "Chi bộ C", "chi bộ", "HUYEN-A", "", ""],
        ["D", "Đảng bộ D", "đảng bộ", "D", "", ""],
    ]
    errors = errors_of(world, units_file, rows)
    assert [(row, field) for row, field, _ in errors] == [
        (2, "parent_code"),
        (3, "parent_code"),
        (5, "parent_code"),
    ]
    assert "A → B → A" in errors[0][2]
    assert "D → D" in errors[2][2]
    assert not Unit.objects.filter(code__in=["A", "B", "C", "D"]).exists()


def test_a_cell_cannot_be_a_parent_in_the_file_or_in_the_database(world, units_file):
    rows = [
        ["X1", "Chi bộ X1", "chi bộ", "HUYEN-A", "", ""],
        ["X2", "Chi bộ X2", "chi bộ", "X1", "", ""],
        ["X3", "Chi bộ X3", "chi bộ", "CB-A1-1", "", ""],
    ]
    errors = errors_of(world, units_file, rows)
    assert errors == [
        (3, "parent_code", "A cell cannot contain other units; choose a party committee."),
        (4, "parent_code", "A cell cannot contain other units; choose a party committee."),
    ]


def test_codes_kinds_sectors_and_flags_are_checked(world, units_file):
    rows = [
        ["XA-A1", "Trùng mã", "đảng bộ", "HUYEN-A", "", ""],
        ["N1", "", "tổ", "HUYEN-A", "có lẽ", "nông nghiệp"],
        ["N2", "Đảng bộ N2", "đảng bộ", "HUYEN-A", "", ""],
        ["N2", "Đảng bộ N2 bis", "đảng bộ", "HUYEN-A", "", ""],
    ]
    assert [(row, field) for row, field, _ in errors_of(world, units_file, rows)] == [
        (2, "code"),
        (3, "name"),
        (3, "kind"),
        (3, "grassroots"),
        (3, "sector"),
        (5, "code"),
    ]


def test_parents_outside_the_scope_read_like_unknown_ones(world, units_file):
    rows = [
        ["N1", "Chi bộ N1", "chi bộ", "HUYEN-B", "", ""],
        ["N2", "Chi bộ N2", "chi bộ", "KHONG-CO", "", ""],
    ]
    assert [message for _, _, message in errors_of(world, units_file, rows)] == [
        "There is no unit with the code HUYEN-B that you may import into.",
        "There is no unit with the code KHONG-CO that you may import into.",
    ]


def test_only_an_administrator_adds_a_top_level_unit(world, units_file):
    rows = [["TINH-2", "Đảng bộ tỉnh Hai", "đảng bộ", "", "", ""]]
    assert errors_of(world, units_file, rows, actor=world.admin)[0][1] == "parent_code"
    _, result = run_import("units", units_file(rows), "u.csv", actor=world.system)
    assert result.created == 1
    assert Unit.objects.get(code="TINH-2").depth == 0


def test_a_secretary_cannot_add_units(world, units_file):
    rows = [["N1", "Chi bộ N1", "chi bộ", "XA-A1", "", ""]]
    assert errors_of(world, units_file, rows, actor=world.secretary) == [
        (2, "parent_code", "There is no unit with the code XA-A1 that you may import into.")
    ]


def test_a_dry_run_writes_no_unit(world, units_file):
    rows = [["N1", "Chi bộ N1", "chi bộ", "XA-A1", "", ""]]
    count = AuditEvent.objects.count()
    _, result = run_import("units", units_file(rows), "u.csv", actor=world.staff, dry_run=True)
    assert (result.created, Unit.objects.filter(code="N1").exists()) == (1, False)
    assert AuditEvent.objects.count() == count
