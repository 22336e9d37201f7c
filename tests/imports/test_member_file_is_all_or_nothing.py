"""A members file imports completely, or writes nothing and lists every bad row."""

import pytest

from guong.core.errors import Invalid
from guong.core.imports import run_import
from guong.core.models import AuditEvent, AuditHead
from guong.members.models import Member, Membership, Status, StatusChange
from guong.org import tally
from guong.org.queries import subtree_summary

from .conftest import good_members, member_row


def audit_state():
    head = AuditHead.objects.get(pk=1)
    return AuditEvent.objects.count(), head.seq, head.hash


def test_a_good_file_creates_members_with_history_tallies_and_audit(world, members_file):
    rows = good_members(3) + [
        member_row("20000009", "Lê Thị Hoa", unit="CB-A1-2", gender="nữ", official="")
    ]
    sheet, result = run_import("members", members_file(rows), "chi-bo.csv", actor=world.staff)

    assert (result.rows, result.created) == (4, 4)
    assert result.by_unit == {"CB-A1-1": 3, "CB-A1-2": 1}
    hoa = Member.objects.get(card_number="20000009")
    assert (hoa.full_name, hoa.gender, hoa.status) == ("Lê Thị Hoa", "female", Status.PROBATIONARY)
    assert hoa.status_since == hoa.admitted_on
    assert hoa.name_folded == "le thi hoa"
    assert Member.objects.get(card_number="20000001").status == Status.FULL
    assert (
        Membership.objects.filter(
            member__card_number__startswith="2000000", ended_on__isnull=True
        ).count()
        == 4
    )
    assert StatusChange.objects.filter(member=hoa, new_status=Status.PROBATIONARY).count() == 1
    summary = subtree_summary(world.commune)
    assert (summary["members"], summary["probationary"]) == (7, 2)
    assert subtree_summary(world.province)["members"] == 8
    assert tally.recount() == 0  # the counts kept while importing match the records


def test_the_audit_log_names_each_member_and_the_file(world, members_file):
    data = members_file(good_members(2))
    sheet, _ = run_import("members", data, "chi-bo.csv", actor=world.staff)

    imported = AuditEvent.objects.filter(action="member.imported").order_by("seq")
    assert [event.after["card_number"] for event in imported] == ["20000001", "20000002"]
    assert imported[0].after["birth_date"] == "1980-08-15"
    assert imported[0].actor == world.staff
    completed = AuditEvent.objects.get(action="import.completed")
    assert completed.after == {
        "kind": "members",
        "file": "chi-bo.csv",
        "sha256": sheet.sha256,
        "rows": 2,
        "created": 2,
    }
    from guong.core import audit

    assert audit.verify()[1] is None


def test_one_bad_row_among_500_writes_nothing(world, members_file):
    rows = good_members(500)
    rows[321][2] = "31/02/1980"
    before = (Member.objects.count(), audit_state())

    with pytest.raises(Invalid) as error:
        run_import("members", members_file(rows), "big.csv", actor=world.staff)

    assert error.value.errors == [
        {
            "row": 323,
            "field": "birth_date",
            "message": "“31/02/1980” is not a real date: check the day and the month.",
        }
    ]
    assert (Member.objects.count(), audit_state()) == before


def test_every_bad_row_is_listed_with_its_row_number(world, members_file):
    rows = good_members(10)
    rows[1][3] = "không rõ"  # row 3: gender
    rows[4][4] = "CB-KHONG-CO"  # row 6: unit
    rows[8][1] = "An"  # row 10: only one name

    with pytest.raises(Invalid) as error:
        run_import("members", members_file(rows), "f.csv", actor=world.staff)

    assert [(e["row"], e["field"]) for e in error.value.errors] == [
        (3, "gender"),
        (6, "unit_code"),
        (10, "full_name"),
    ]
    assert Member.objects.count() == 4


def test_a_dry_run_checks_everything_and_writes_nothing(world, members_file):
    before = (Member.objects.count(), audit_state())

    _, result = run_import(
        "members", members_file(good_members(5)), "f.csv", actor=world.staff, dry_run=True
    )

    assert (result.created, result.dry_run) == (5, True)
    assert (Member.objects.count(), audit_state()) == before


def test_a_status_column_sets_the_standing(world, members_file):
    header = [
        "Số thẻ đảng viên",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Mã chi bộ",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Nơi cư trú",
        "Trạng thái",
    ]
    from .conftest import csv_bytes

    rows = [
        member_row("20000001") + ["Miễn sinh hoạt"],
        member_row("20000002") + ["chinh thuc"],
        member_row("20000003", official="") + ["Chính thức"],
    ]
    with pytest.raises(Invalid) as error:
        run_import("members", csv_bytes(header, rows), "f.csv", actor=world.staff)
    assert [(e["row"], e["field"]) for e in error.value.errors] == [(4, "official_on")]

    run_import("members", csv_bytes(header, rows[:2]), "f.csv", actor=world.staff)
    assert Member.objects.get(card_number="20000001").status == Status.EXEMPT
    assert subtree_summary(world.cell_a)["exempt"] == 1
