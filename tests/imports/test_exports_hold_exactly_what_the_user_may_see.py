"""Downloads of members and units: exactly the user's scope, Vietnamese headers, safe cells."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from guong.core.imports import run_import
from guong.members.exports import HEADERS
from guong.members.queries import MemberFilter
from tests.factories import make_member


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_secretary_exports_only_their_cells_members(world, client):
    client.force_login(world.secretary)

    response = client.get("/export/members.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == [
        "Số thẻ đảng viên",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Mã chi bộ",
        "Tên đơn vị",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Trạng thái",
        "Nơi cư trú",
    ]
    assert sorted(row[0] for row in rows[1:]) == ["10000001", "10000002"]
    alice = next(row for row in rows if row[0] == "10000001")
    gender = {"male": "Nam", "female": "Nữ"}[world.alice.gender]
    assert alice[1:5] == [
        "Nguyễn Thị Ánh",
        world.alice.birth_date.strftime("%d/%m/%Y"),
        gender,
        "CB-A1-1",
    ]
    assert alice[8] == "Chính thức"


def test_the_xlsx_export_has_real_dates_and_follows_the_filters(world, client):
    client.force_login(world.staff)

    response = client.get("/export/members.xlsx", {"unit": "XA-A1", "q": "duc"})

    assert response.status_code == 200
    rows = xlsx_rows(response)
    assert rows[0] == HEADERS
    assert [row[1] for row in rows[1:]] == ["Lê Văn Đức"]
    assert rows[1][2] == dt.datetime(1998, 4, 1)
    assert rows[1][7] is None and rows[1][8] == "Dự bị"


def test_an_exported_members_file_reads_back_with_every_column(world):
    from guong.members.exports import export_members
    from guong.members.imports import COLUMNS, read_members

    data = export_members(world.staff, MemberFilter(), "xlsx")
    sheet = read_members(data, "export.xlsx")
    assert set(sheet.headers) == set(COLUMNS)
    assert sheet.ignored == ["Tên đơn vị"]


def test_formula_looking_names_are_neutralized(world, client):
    make_member(world.cell_a, full_name="=HYPERLINK(1) Nguyễn An", card_number="10000009")
    make_member(world.cell_a, full_name="+cmd Trần Bình", card_number="10000010")
    client.force_login(world.secretary)

    rows = csv_rows(client.get("/export/members.csv"))
    names = {row[0]: row[1] for row in rows[1:]}
    assert names["10000009"] == "'=HYPERLINK(1) Nguyễn An"
    assert names["10000010"] == "'+cmd Trần Bình"
    cells = {row[0]: row[1] for row in xlsx_rows(client.get("/export/members.xlsx"))[1:]}
    assert cells["10000009"] == "'=HYPERLINK(1) Nguyễn An"


def test_units_export_in_tree_order_hides_the_parent_outside_the_scope(world, client):
    client.force_login(world.staff)

    rows = csv_rows(client.get("/export/units.csv"))

    assert rows[0][:6] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Loại",
        "Mã đơn vị cấp trên",
        "Cơ sở",
        "Khối/Lĩnh vực",
    ]
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("HUYEN-A", ""),
        ("XA-A1", "HUYEN-A"),
        ("CB-A1-1", "XA-A1"),
        ("CB-A1-2", "XA-A1"),
    ]
    assert rows[2][2:6] == ["Đảng bộ", "HUYEN-A", "Có", "Xã, phường, thị trấn"]


def test_an_exported_units_file_imports_into_another_tree(world, client):
    client.force_login(world.staff)
    data = client.get("/export/units.csv", {"unit": "XA-A1"}).content
    renamed = data.decode("utf-8-sig").replace("A1", "Z9").replace(",HUYEN-A,", ",HUYEN-B,")
    _, result = run_import("units", renamed.encode(), "copy.csv", actor=world.system)
    assert result.created == 3


@pytest.mark.parametrize(
    "url",
    ["/export/members.xlsx", "/export/members.csv", "/export/units.xlsx", "/export/units.csv"],
)
def test_export_permissions(world, client, url):
    assert client.get(url).status_code == 302
    assert "/login/" in client.get(url)["Location"]
    client.force_login(world.nobody)
    assert client.get(url).status_code == 403
    client.force_login(world.member_user)
    assert client.get(url).status_code == 403
    client.force_login(world.secretary)
    assert client.get(url).status_code == 200
    assert client.get(url, {"unit": "CB-A1-1"}).status_code == 200
    assert client.get(url, {"unit": "CB-B"}).status_code == 404
    assert client.get(url, {"unit": "XA-A1"}).status_code == 404
