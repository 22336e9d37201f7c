"""Files as offices have them: legacy encodings, Excel workbooks, Vietnamese headers."""

import datetime as dt

import pytest

from guong.core.errors import Invalid
from guong.core.imports import run_import
from guong.members.models import Member

from .conftest import MEMBER_HEADER, csv_bytes, member_row, xlsx_bytes

NAMES = ["Trần Thị Hương", "Đặng Văn Đức", "Nguyễn Thị Phượng"]


def rows_with_names():
    return [member_row(str(20000001 + i), name) for i, name in enumerate(NAMES)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258", "tcvn3"])
def test_vietnamese_names_survive_every_encoding(world, encoding):
    data = csv_bytes(MEMBER_HEADER, rows_with_names(), encoding)

    sheet, result = run_import("members", data, "f.csv", actor=world.staff)

    assert result.created == 3
    assert sheet.encoding == {"cp1258": "windows-1258"}.get(encoding, encoding)
    names = Member.objects.filter(card_number__startswith="2000").order_by("card_number")
    assert [m.full_name for m in names] == NAMES
    assert Member.objects.get(card_number="20000001").residence == "Thôn Đông, xã A1"


def test_a_binary_file_gets_a_clear_message(world):
    with pytest.raises(Invalid) as error:
        run_import("members", bytes(range(256)) * 4, "anh.csv", actor=world.staff)
    assert error.value.errors == [
        {"field": "file", "message": "This file is not a spreadsheet or a CSV file."}
    ]


def test_a_file_without_the_needed_columns(world):
    data = csv_bytes(["Họ và tên", "Ghi chú"], [["Nguyễn Văn An", "x"]])
    with pytest.raises(Invalid) as error:
        run_import("members", data, "f.csv", actor=world.staff)
    missing = [e["field"] for e in error.value.errors]
    assert missing == [
        "card_number",
        "birth_date",
        "gender",
        "unit_code",
        "admitted_on",
        "official_on",
    ]
    assert error.value.errors[0] == {
        "row": 1,
        "field": "card_number",
        "message": "The column “Số thẻ đảng viên” (card_number) is missing.",
    }


def test_vietnamese_headers_with_or_without_diacritics(world):
    plain = [
        "So the dang vien",
        "HO VA TEN",
        "ngay sinh",
        "Gioi tinh",
        "Ma chi bo",
        "Ngay vao Dang",
        "Ngay chinh thuc",
        "Noi cu tru",
        "STT",
    ]
    marked = [
        "Số thẻ đảng viên",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Mã đơn vị",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Nơi cư trú",
    ]
    sheet, result = run_import(
        "members", csv_bytes(plain, [member_row("20000001") + ["1"]]), "a.csv", actor=world.staff
    )
    assert (result.created, sheet.ignored) == (1, ["STT"])
    _, result = run_import(
        "members", csv_bytes(marked, [member_row("20000002")]), "b.csv", actor=world.staff
    )
    assert result.created == 1


def test_an_excel_workbook_with_date_cells_and_numeric_card_numbers(world):
    row = [
        20000001,
        "Trần Thị Hương",
        dt.datetime(1985, 3, 8),
        "Nữ",
        "CB-A1-1",
        dt.date(2010, 5, 19),
        "19/05/2011",
        None,
    ]
    _, result = run_import("members", xlsx_bytes(MEMBER_HEADER, [row]), "f.xlsx", actor=world.staff)
    huong = Member.objects.get(card_number="20000001")
    assert (result.created, huong.birth_date, huong.official_on) == (
        1,
        dt.date(1985, 3, 8),
        dt.date(2011, 5, 19),
    )


def test_formulas_in_cells_are_refused_naming_row_and_column(world):
    rows = [member_row("20000001"), member_row("20000002")]
    rows[1][1] = '=HYPERLINK("http://example.com","Nguyễn Văn An")'
    with pytest.raises(Invalid) as error:
        run_import("members", xlsx_bytes(MEMBER_HEADER, rows), "f.xlsx", actor=world.staff)
    assert error.value.errors[0]["row"] == 3
    assert error.value.errors[0]["field"] == "full_name"
    assert "formula" in error.value.errors[0]["message"]
    assert "full_name" in error.value.errors[0]["message"]
    assert Member.objects.count() == 4
