import datetime
import io
import zipfile

import openpyxl
import pytest
from django.utils import translation

from guong.core.tabular import Row, TableError, match_headers, read_table
from guong.core.text import encode_tcvn3


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def error_of(data: bytes, filename: str) -> str:
    with translation.override("en"), pytest.raises(TableError) as error:
        read_table(data, filename)
    return str(error.value)


# --- CSV ------------------------------------------------------------------------------------


def test_csv_with_semicolons_is_read():
    data = "Số thẻ;Họ và tên;Ghi chú\n001;Nguyễn Văn Đức;\n002;Lê Văn Anh;chuyển đến\n".encode()
    table = read_table(data, "danh-sach.csv")
    assert table.headers == ["Số thẻ", "Họ và tên", "Ghi chú"]
    assert table.encoding == "utf-8"
    assert table.rows == [
        Row(2, {"Số thẻ": "001", "Họ và tên": "Nguyễn Văn Đức", "Ghi chú": None}),
        Row(3, {"Số thẻ": "002", "Họ và tên": "Lê Văn Anh", "Ghi chú": "chuyển đến"}),
    ]


def test_csv_with_bom_is_read():
    data = b"\xef\xbb\xbf" + "Họ và tên,Ngày sinh\r\nTrần Thị Hồng Nhung,01/01/1980\r\n".encode()
    table = read_table(data, "export.csv")
    assert table.encoding == "utf-8-sig"
    assert table.headers == ["Họ và tên", "Ngày sinh"]
    assert table.rows[0].values == {"Họ và tên": "Trần Thị Hồng Nhung", "Ngày sinh": "01/01/1980"}


def test_tab_separated_text_is_read():
    table = read_table("Họ và tên\tQuê quán\nLê Văn Anh\tHà Tĩnh\n".encode(), "list.txt")
    assert table.rows[0].values == {"Họ và tên": "Lê Văn Anh", "Quê quán": "Hà Tĩnh"}


def test_tcvn3_csv_is_read():
    data = encode_tcvn3("Họ và tên,Quê quán\nNguyễn Văn Đức,Hà Tĩnh\nLê Thị Hoa,Nghệ An\n")
    table = read_table(data, "cu.csv")
    assert table.encoding == "tcvn3"
    assert table.headers == ["Họ và tên", "Quê quán"]
    assert [row.values["Họ và tên"] for row in table.rows] == ["Nguyễn Văn Đức", "Lê Thị Hoa"]


def test_row_numbers_match_excel_when_blank_rows_are_skipped():
    data = "\n,,\nHọ và tên,Số thẻ\nA,1\n,\n\nB,2\n".encode()
    table = read_table(data, "a.csv")
    assert [(row.number, row.values["Họ và tên"]) for row in table.rows] == [(4, "A"), (7, "B")]


def test_quoted_cells_keep_commas_and_line_breaks():
    data = 'Họ và tên,Địa chỉ\n"Lê Văn Anh","Thôn 1, xã A\nhuyện B"\nB,C\n'.encode()
    table = read_table(data, "a.csv")
    assert table.rows[0].values["Địa chỉ"] == "Thôn 1, xã A\nhuyện B"
    assert [row.number for row in table.rows] == [2, 3]


def test_short_and_long_rows_are_fitted_to_the_header():
    table = read_table(b"a,b,c\n1\n1,2,3,4\n", "a.csv")
    assert [row.values for row in table.rows] == [
        {"a": "1", "b": None, "c": None},
        {"a": "1", "b": "2", "c": "3"},
    ]


def test_reading_100000_row_csv():
    lines = ["Số thẻ đảng viên,Họ và tên,Ngày sinh"]
    lines += [f"{i:06d},Nguyễn Văn Đức {i},02/09/1970" for i in range(100_000)]
    table = read_table("\r\n".join(lines).encode(), "lon.csv")
    assert len(table.rows) == 100_000
    assert table.rows[-1].number == 100_001
    assert table.rows[-1].values["Họ và tên"] == "Nguyễn Văn Đức 99999"


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_cells_become_dates_and_whole_numbers_become_int():
    data = xlsx(
        [
            ["Số thẻ", " Họ và  tên ", "Ngày vào Đảng", "Điểm"],
            [12345.0, " Nguyễn Văn Đức ", datetime.datetime(1999, 5, 19), 8.5],
        ]
    )
    table = read_table(data, "danh-sach.xlsx")
    assert table.encoding is None
    assert table.headers == ["Số thẻ", "Họ và tên", "Ngày vào Đảng", "Điểm"]
    assert table.rows == [
        Row(
            2,
            {
                "Số thẻ": 12345,
                "Họ và tên": "Nguyễn Văn Đức",
                "Ngày vào Đảng": datetime.date(1999, 5, 19),
                "Điểm": 8.5,
            },
        )
    ]


def test_formula_cells_are_reported():
    data = xlsx([["Số thẻ", "Họ và tên"], [1, '=CONCAT("Lê"," Anh")'], [2, "Lê Thị Hoa"]])
    first, second = read_table(data, "a.xlsx").rows
    assert first.values["Họ và tên"] == '=CONCAT("Lê"," Anh")'
    assert first.formula_cells == {"Họ và tên"}
    assert second.formula_cells == set()


def test_xlsx_header_may_start_below_title_rows_and_numbering_stays_true():
    data = xlsx([[], ["Họ và tên", None, "Số thẻ"], [], ["Lê Văn Anh", "x", 7]])
    table = read_table(data, "a.xlsx")
    assert table.headers == ["Họ và tên", "Số thẻ"]
    assert table.rows == [Row(4, {"Họ và tên": "Lê Văn Anh", "Số thẻ": 7})]


# --- refusals -------------------------------------------------------------------------------


def test_empty_file_is_rejected():
    assert error_of(b"", "a.csv") == "The file is empty."
    assert error_of(b" \r\n", "a.csv") == "The file is empty."


def test_file_without_header_is_rejected():
    assert error_of(b",,\r\n , ,\r\n", "a.csv") == "The file has no header row."
    assert error_of(xlsx([[None, None]]), "a.xlsx") == "The file has no header row."


def test_broken_xlsx_is_rejected():
    assert error_of(b"PK\x03\x04 not really a zip", "a.xlsx") == "This is not a valid XLSX file."
    assert error_of(b"Ho ten\nA\n", "a.xlsx") == "This is not a valid XLSX file."


def test_xlsx_with_damaged_sheet_is_rejected():
    original = zipfile.ZipFile(io.BytesIO(xlsx([["Họ và tên"], ["A"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for name in original.namelist():
            content = original.read(name)
            damaged.writestr(name, content[:-40] if name.endswith("sheet1.xml") else content)
    assert error_of(buffer.getvalue(), "a.xlsx") == "This is not a valid XLSX file."


def test_old_excel_file_is_rejected_with_advice():
    message = error_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "danh-sach.xls")
    assert message == (
        "Old Excel files (.xls) and password-protected workbooks cannot be read. "
        "Open the file in Excel and save it as “Excel Workbook (.xlsx)” or as CSV."
    )


def test_duplicate_header_is_rejected():
    assert error_of(b"Ho ten,So the,Ho ten\n", "a.csv") == (
        "The column “Ho ten” appears more than once in the header row."
    )


def test_binary_file_is_rejected():
    assert error_of(b"\x89PNG\r\n\x1a\n\0\0\0", "anh.csv") == (
        "This file is not a spreadsheet or a CSV file."
    )


# --- matching headers -----------------------------------------------------------------------

FIELDS = {
    "card_number": ["Số thẻ đảng viên", "Số thẻ"],
    "full_name": ["Họ và tên", "Họ tên"],
    "birth_date": ["Ngày sinh"],
}


def test_headers_match_vietnamese_labels_without_diacritics():
    headers = ["So the dang vien", "HỌ VÀ TÊN", "ngay_sinh", "Dân tộc"]
    mapping, unknown = match_headers(headers, FIELDS)
    assert mapping == {
        "So the dang vien": "card_number",
        "HỌ VÀ TÊN": "full_name",
        "ngay_sinh": "birth_date",
    }
    assert unknown == ["Dân tộc"]


@pytest.mark.parametrize(
    "header", ["CARD_NUMBER", "card number", "số thẻ đảng viên", "Số thẻ (*)", "SỐ THẺ"]
)
def test_header_spellings_match_the_same_field(header):
    assert match_headers([header], FIELDS) == ({header: "card_number"}, [])


def test_second_header_for_the_same_field_is_reported_as_unknown():
    mapping, unknown = match_headers(["Họ tên", "Họ và tên"], FIELDS)
    assert mapping == {"Họ tên": "full_name"}
    assert unknown == ["Họ và tên"]
