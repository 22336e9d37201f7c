"""Error pages speak Vietnamese by default; numbers and dates follow Vietnamese conventions."""

import datetime as dt

import pytest
from django.utils import translation

from guong.core.templatetags.guong import dmy, number, percent


@pytest.mark.vietnamese
def test_a_missing_page_answers_404_in_the_site_layout(as_user, world, settings):
    settings.DEBUG = False

    response = as_user(world.secretary).get("/khong-co/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="vi">' in html
    assert 'class="py-4 error-page"' in html


def test_a_refusal_answers_403_in_the_site_layout(as_user, world):
    response = as_user(world.nobody).get("/roles/")

    assert response.status_code == 403
    assert 'class="py-4 error-page"' in response.content.decode()


def test_numbers_and_dates_are_written_the_vietnamese_way():
    with translation.override("vi"):
        assert number(6612) == "6.612"
        assert percent(61, 500) == "12,2%"
        assert percent(1, 0) == "—"
        assert dmy(dt.date(1945, 9, 2)) == "02/09/1945"
        assert dmy(None) == "—"
    with translation.override("en"):
        assert number(6612) == "6,612"
