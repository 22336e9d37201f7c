"""`guong import` and `guong export` at the shell: exit codes, messages, scope."""

import pytest
from django.core.management import call_command

from guong.core.models import AuditEvent
from guong.members.models import Member

from .conftest import good_members, member_row


@pytest.fixture
def members_path(tmp_path, members_file):
    def write(rows, name="dang-vien.csv"):
        path = tmp_path / name
        path.write_bytes(members_file(rows))
        return str(path)

    return write


def test_import_prints_every_error_and_exits_non_zero(world, members_path, capsys):
    rows = good_members(3)
    rows[0][2] = "31/02/1980"
    rows[2][4] = "KHONG-CO"

    with pytest.raises(SystemExit) as exit_info:
        call_command("import", "members", members_path(rows))

    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "row 2 birth_date: “31/02/1980” is not a real date" in err
    assert "row 4 unit_code: There is no unit with the code KHONG-CO" in err
    assert Member.objects.count() == 4


def test_import_dry_run_says_what_it_would_do_and_writes_nothing(world, members_path, capsys):
    events = AuditEvent.objects.count()

    call_command("import", "members", members_path(good_members(3)), "--dry-run")

    assert "3 rows checked: 3 members are ready to be added to 1 unit." in capsys.readouterr().out
    assert (Member.objects.count(), AuditEvent.objects.count()) == (4, events)


def test_import_as_a_user_keeps_to_their_scope(world, members_path, capsys):
    rows = [member_row("20000001", unit="CB-A1-2")]
    with pytest.raises(SystemExit):
        call_command("import", "members", members_path(rows), "--as", world.secretary.username)
    assert "There is no unit with the code CB-A1-2" in capsys.readouterr().err

    call_command("import", "members", members_path(rows), "--as", world.staff.username)
    out = capsys.readouterr().out
    assert "1 member imported into 1 unit." in out
    assert "SHA-256" in out


def test_import_units_from_the_shell(world, tmp_path, units_file, capsys):
    path = tmp_path / "units.csv"
    path.write_bytes(units_file([["N1", "Chi bộ N1", "chi bộ", "XA-A1", "không", ""]]))
    call_command("import", "units", str(path))
    assert "1 unit imported." in capsys.readouterr().out


def test_export_members_to_standard_output_in_scope(world, capsys):
    call_command("export", "members", "--as", world.secretary.username)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Số thẻ đảng viên,Họ và tên,Ngày sinh")
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["10000001", "10000002"]


def test_export_units_to_an_xlsx_file(world, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "units.xlsx"
    call_command("export", "units", "--unit", "XA-A1", "-o", str(path))
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][:4] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Loại",
        "Mã đơn vị cấp trên",
    ]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["XA-A1", "CB-A1-1", "CB-A1-2"]


def test_export_of_a_unit_outside_the_scope_fails(world, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("export", "members", "--unit", "CB-B", "--as", world.secretary.username)
    assert exit_info.value.code == 1
    assert "Not found" in capsys.readouterr().err
