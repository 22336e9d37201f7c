import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from guong.core.exports import iter_csv, safe_cell, write_csv, write_xlsx
from guong.core.tabular import Row, read_table

HEADERS = ["Số thẻ", "Họ và tên", "Ngày vào Đảng", "Ghi chú"]
ROWS = [
    (1, "Nguyễn Văn Đức", datetime.date(1999, 5, 19), '=HYPERLINK("http://x","Bấm")'),
    (2, "Trần Thị Hồng Nhung", datetime.date(2003, 2, 3), None),
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Nguyễn Văn Đức", "Nguyễn Văn Đức"),
        ("a=b", "a=b"),
        ("", ""),
        (-2, -2),
        (Decimal("-1.5"), Decimal("-1.5")),
        (datetime.date(2024, 1, 2), datetime.date(2024, 1, 2)),
        (None, None),
    ],
)
def test_exported_formula_text_is_neutralized(value, expected):
    assert safe_cell(value) == expected


def test_csv_export_has_bom_vietnamese_dates_and_neutralized_formulas():
    data = write_csv(HEADERS, ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == (
        "Số thẻ,Họ và tên,Ngày vào Đảng,Ghi chú\r\n"
        '1,Nguyễn Văn Đức,19/05/1999,"\'=HYPERLINK(""http://x"",""Bấm"")"\r\n'
        "2,Trần Thị Hồng Nhung,03/02/2003,\r\n"
    )


def test_csv_export_writes_datetimes_with_their_time():
    data = write_csv(["Lúc"], [[datetime.datetime(2024, 3, 8, 14, 5)]])
    assert data.decode("utf-8-sig") == "Lúc\r\n08/03/2024 14:05\r\n"


def test_csv_export_streams_in_chunks_with_one_bom():
    rows = [(i, f"Người {i}") for i in range(2500)]
    chunks = list(iter_csv(["STT", "Họ và tên"], iter(rows)))
    assert len(chunks) == 3
    assert b"".join(chunks) == write_csv(["STT", "Họ và tên"], rows)
    assert b"".join(chunks).count(b"\xef\xbb\xbf") == 1


def test_csv_export_is_read_back_with_the_same_values():
    table = read_table(write_csv(HEADERS, ROWS), "export.csv")
    assert table.encoding == "utf-8-sig"
    assert table.rows[1] == Row(
        3,
        {
            "Số thẻ": "2",
            "Họ và tên": "Trần Thị Hồng Nhung",
            "Ngày vào Đảng": "03/02/2003",
            "Ghi chú": None,
        },
    )


def test_xlsx_export_round_trips_through_read_table():
    table = read_table(write_xlsx(HEADERS, ROWS, sheet_title="Đảng viên"), "export.xlsx")
    assert table.headers == HEADERS
    assert table.rows == [
        Row(
            2,
            {
                "Số thẻ": 1,
                "Họ và tên": "Nguyễn Văn Đức",
                "Ngày vào Đảng": datetime.date(1999, 5, 19),
                "Ghi chú": '\'=HYPERLINK("http://x","Bấm")',
            },
        ),
        Row(
            3,
            {
                "Số thẻ": 2,
                "Họ và tên": "Trần Thị Hồng Nhung",
                "Ngày vào Đảng": datetime.date(2003, 2, 3),
                "Ghi chú": None,
            },
        ),
    ]
    assert all(row.formula_cells == set() for row in table.rows)


def test_xlsx_export_has_bold_frozen_header_and_real_dates():
    data = write_xlsx(HEADERS, ROWS, sheet_title="Danh sách: 2024/2025")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.active
    assert sheet.title == "Danh sách 2024 2025"
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["B2"].font.bold
    assert sheet["C2"].value == datetime.datetime(1999, 5, 19)
    assert sheet["C2"].number_format == "DD/MM/YYYY"
    assert sheet["D2"].data_type == "s"
    assert sheet.column_dimensions["B"].width == 21  # "Trần Thị Hồng Nhung" + margin
    assert sheet.column_dimensions["A"].width == 8


def test_xlsx_export_drops_characters_xml_cannot_hold():
    data = write_xlsx(["Ghi chú"], [["a\x00b\x1fc\nd"]])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "abc\nd"
