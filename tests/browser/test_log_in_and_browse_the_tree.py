"""A leader logs in and walks the tree from the province down to a cell, node by node."""

import re

from playwright.sync_api import expect

from .conftest import log_in


def _open_menu_on_a_phone(page) -> None:
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()


def _expand(page, code: str) -> None:
    node = page.locator(f'li.unit-node[data-code="{code}"]')
    node.locator(":scope > div > button.unit-toggle").click()
    expect(node.locator(":scope > .collapse li.unit-node").first).to_be_visible()


def test_a_leader_browses_from_the_province_to_a_cell(page, world):
    log_in(page, "leader_of_province")
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    _open_menu_on_a_phone(page)
    page.locator('a.nav-link[href="/units/"]').click()
    expect(page.locator('li.unit-node[data-code="TINH"]')).to_be_visible()
    for code in ("TINH", "HUYEN-A", "XA-A1"):
        _expand(page, code)
    cell = page.locator('li.unit-node[data-code="CB-A1-1"]')
    expect(cell).to_have_attribute("data-members", "2")
    cell.locator("a.unit-link").click()

    expect(page).to_have_url(re.compile(r"/units/CB-A1-1/$"))
    expect(page.locator("h1")).to_have_text("Chi bộ thôn Đông")
    expect(page.locator(".breadcrumb")).to_contain_text("Đảng bộ xã A1")


def test_a_wrong_password_keeps_the_person_on_the_login_page(page, world):
    log_in(page, "leader_of_province", password="sai-mat-khau")

    expect(page.locator("form .alert-danger")).to_be_visible()
    assert "/login/" in page.url
