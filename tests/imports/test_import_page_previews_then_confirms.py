"""/import/: a preview with every problem or "N rows ready", and nothing written before confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guong.core.models import AuditEvent
from guong.members.models import Member

from .conftest import good_members


@pytest.fixture(autouse=True)
def _staging(settings, tmp_path):
    settings.GUONG_IMPORT_DIR = str(tmp_path / "staging")


def upload(client, data, kind="members", name="dang-vien.csv", **headers):
    return client.post(
        "/import/", {"kind": kind, "file": SimpleUploadedFile(name, data)}, **headers
    )


def test_page_permissions(world, client):
    response = client.get("/import/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    for user in (world.nobody, world.inspector, world.leader, world.member_user):
        client.force_login(user)
        assert client.get("/import/").status_code == 403
    for user in (world.staff, world.secretary, world.admin):
        client.force_login(user)
        assert client.get("/import/").status_code == 200


def test_a_bad_file_shows_every_bad_row_and_writes_nothing(world, client, members_file):
    rows = good_members(6)
    rows[1][2] = "31/02/1980"
    rows[4][4] = "CB-B"  # out of the staff's scope: reads as unknown
    client.force_login(world.staff)
    events = AuditEvent.objects.count()

    response = upload(client, members_file(rows))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-row="3"' in page and 'data-row="6"' in page
    assert "“31/02/1980” is not a real date" in page
    assert "There is no unit with the code CB-B that you may import into." in page
    assert "2 rows have problems" in page
    assert 'name="sha256"' not in page
    assert (Member.objects.count(), AuditEvent.objects.count()) == (4, events)


def test_a_good_file_is_previewed_then_imported_on_confirm(world, client, members_file):
    client.force_login(world.staff)

    response = upload(client, members_file(good_members(25)))

    page = response.content.decode()
    assert "25 rows checked: 25 members are ready to be added to 1 unit." in page
    assert page.count('<th scope="row">') == 20  # the first 20 rows as read
    assert Member.objects.count() == 4
    sha256 = response.context["confirm"].initial["sha256"]

    response = client.post("/import/", {"kind": "members", "sha256": sha256}, follow=True)

    assert "25 members imported into 1 unit." in response.content.decode()
    assert Member.objects.count() == 29
    again = client.post("/import/", {"kind": "members", "sha256": sha256}, follow=True)
    assert "This file is no longer waiting" in again.content.decode()
    assert Member.objects.count() == 29


def test_htmx_gets_only_the_preview(world, client, members_file):
    client.force_login(world.staff)

    response = upload(client, members_file(good_members(2)), HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert "<html" not in page
    assert "2 members are ready" in page


def test_another_users_file_cannot_be_confirmed(world, client, members_file):
    client.force_login(world.staff)
    sha256 = upload(client, members_file(good_members(2))).context["confirm"].initial["sha256"]
    client.force_login(world.secretary)

    response = client.post("/import/", {"kind": "members", "sha256": sha256}, follow=True)

    assert "This file is no longer waiting" in response.content.decode()
    assert Member.objects.count() == 4


def test_a_units_file_with_a_circle_is_shown_row_by_row(world, client, units_file):
    client.force_login(world.staff)
    rows = [["A", "Đảng bộ A", "đảng bộ", "B", "", ""], ["B", "Đảng bộ B", "đảng bộ", "A", "", ""]]

    page = upload(client, units_file(rows), kind="units").content.decode()

    assert page.count("A → B → A") == 2
    assert page.count('<td data-label="Column">parent_code</td>') == 2
