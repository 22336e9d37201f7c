"""Browser tests drive Debian's Chromium (/usr/bin/chromium) with Playwright against the live
server, at a 360 px phone width and at a desk width."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("GUONG_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 360, "height": 740}
DESK = {"width": 1366, "height": 900}

# Playwright's sync API runs an event loop in the test thread; the test itself only reads
# the database through fixtures, so Django's async-safety guard is relaxed for these tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture(params=["phone", "desk"])
def page(request, browser, live_server, rule_sets):
    viewport = PHONE if request.param == "phone" else DESK
    context = browser.new_context(viewport=viewport, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, username: str, password: str = "Mat-khau-2026!") -> None:
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
