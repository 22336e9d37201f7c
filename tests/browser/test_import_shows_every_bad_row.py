"""Committee staff upload a members file: every bad row is shown and nothing is written; a good
file is previewed, confirmed and imported."""

import pytest
from playwright.sync_api import expect

from guong.members.models import Member
from tests.imports.conftest import MEMBER_HEADER, csv_bytes, good_members

from .conftest import PHONE, log_in

# The live server needs committed data; the rule sets loaded by migrations come back after each
# test's flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def choose_file(page, rows, name="dang-vien.csv"):
    page.set_input_files(
        "input[name=file]",
        files=[{"name": name, "mimeType": "text/csv", "buffer": csv_bytes(MEMBER_HEADER, rows)}],
    )
    page.click("form.import-form button[type=submit]")


def test_staff_see_every_bad_row_then_import_a_good_file(page, world, settings, tmp_path):
    settings.GUONG_IMPORT_DIR = str(tmp_path)
    rows = good_members(5)
    rows[1][2] = "31/02/1980"  # row 3
    rows[3][4] = "CB-KHONG-CO"  # row 5
    log_in(page, "staff_of_district_a")
    page.goto("/import/")

    choose_file(page, rows)

    errors = page.locator("tr.import-error")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_have_attribute("data-row", "3")
    expect(errors.nth(0)).to_contain_text("31/02/1980")
    expect(errors.nth(1)).to_have_attribute("data-row", "5")
    expect(errors.nth(1)).to_contain_text("CB-KHONG-CO")
    expect(page.locator(".import-ready")).to_have_count(0)
    if page.viewport_size["width"] == PHONE["width"]:
        expect(page.locator("table.import-errors thead")).to_be_hidden()
        assert errors.first.evaluate("r => getComputedStyle(r).display") == "block"
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert Member.objects.count() == 4

    choose_file(page, good_members(3), name="dang-vien-dung.csv")
    expect(page.locator(".import-ready")).to_contain_text("3")
    assert Member.objects.count() == 4
    page.click(".import-ready button[type=submit]")

    expect(page.locator(".app-messages .alert-success")).to_contain_text("3")
    assert Member.objects.count() == 7
    assert Member.objects.filter(unit=world.cell_a).count() == 5
