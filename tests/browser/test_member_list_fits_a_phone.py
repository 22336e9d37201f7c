"""On a phone the member list is a list of cards that fits the screen; on a desk, a table."""

from playwright.sync_api import expect

from tests.factories import make_member

from .conftest import PHONE, log_in


def test_the_member_list_fits_the_screen(page, world):
    make_member(
        world.cell_a,
        card_number="40000001",
        full_name="Tôn Nữ Thị Phương Thảo Nguyên",
        residence="Số 123 đường Nguyễn Văn "
        "Linh, phường Thạc Gián, quận Thanh Khê, thành phố Đà Nẵng",
    )
    log_in(page, "leader_of_province")
    page.goto("/members/")
    expect(page.locator("table.member-table tbody tr")).to_have_count(5)

    header = page.locator("table.member-table thead")
    row = page.locator("table.member-table tbody tr").first
    if page.viewport_size["width"] == PHONE["width"]:
        expect(header).to_be_hidden()
        assert row.evaluate("r => getComputedStyle(r).display") == "block"
    else:
        expect(header).to_be_visible()
        assert row.evaluate("r => getComputedStyle(r).display") == "table-row"
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), (
        "the page scrolls sideways"
    )


def test_the_unit_and_member_pages_fit_the_screen(page, world):
    log_in(page, "secretary_of_cell_a")

    for url in ("/", "/units/CB-A1-1/", "/members/10000001/", "/audit/"):
        page.goto(url)
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), url
