"""Typing a name without diacritics finds it as you type, and opens the member's page."""

import re

from playwright.sync_api import expect

from .conftest import log_in


def test_nguyen_thi_anh_finds_nguyen_thi_anh(page, world):
    log_in(page, "leader_of_province")
    page.goto("/members/")
    expect(page.locator("[data-count]")).to_have_attribute("data-count", "4")

    page.locator('input[name="q"]').press_sequentially("nguyen thi anh")

    expect(page.locator("[data-count]")).to_have_attribute("data-count", "1")
    expect(page).to_have_url(re.compile(r"/members/\?.*q=nguyen(\+|%20)thi(\+|%20)anh"))
    page.get_by_role("link", name="Nguyễn Thị Ánh").click()
    expect(page).to_have_url(re.compile(r"/members/10000001/$"))
    expect(page.locator("h1")).to_have_text("Nguyễn Thị Ánh")


def test_a_filter_applies_without_a_reload(page, world):
    log_in(page, "staff_of_district_a")
    page.goto("/members/")

    page.locator('select[name="status"]').select_option("probationary")

    expect(page.locator("[data-count]")).to_have_attribute("data-count", "1")
    expect(page.locator("#results")).to_contain_text("Lê Văn Đức")
    expect(page).to_have_url(re.compile(r"status=probationary"))
