"""What a user meets without choosing a language: Vietnamese words, dd/mm/yyyy dates and
Vietnamese number separators; English when they ask for it."""

import datetime as dt

import pytest
from django.template import Context, Template

from guong.members import services

pytestmark = pytest.mark.vietnamese


def test_the_login_page_speaks_vietnamese(client):
    response = client.get("/login/")
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Đăng nhập" in html


def test_english_is_available(client):
    response = client.get("/login/", headers={"accept-language": "en"})
    assert '<html lang="en"' in response.content.decode()
    assert "Log in" in response.content.decode()


def test_api_errors_are_in_vietnamese_by_default(client, world):
    client.force_login(world.staff)
    response = client.post(
        "/api/v1/members/10000003/status",
        {"status": "full", "on": "2026-11-20"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "Thời gian dự bị" in response.json()["errors"][0]["message"]


def test_a_missing_api_field_is_named_in_vietnamese(client, world):
    client.force_login(world.staff)
    response = client.post(
        "/api/v1/members/10000003/status", {"on": "2026-11-20"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "status", "message": "Trường này là bắt buộc."}]


def test_a_service_refusal_reads_in_vietnamese(world):
    from guong.core.errors import Invalid

    with pytest.raises(Invalid) as error:
        services.create_member(
            actor=world.secretary,
            unit=world.cell_a,
            card_number="12",
            full_name="Nguyễn Văn Ba",
            birth_date=dt.date(1990, 1, 1),
            gender="male",
            admitted_on=dt.date(2015, 1, 1),
        )
    assert "số thẻ" in error.value.errors[0]["message"].lower()


def test_dates_and_numbers_use_vietnamese_conventions(world):
    rendered = Template(
        "{% load guong %}{{ day|dmy }} {{ big|number }} {{ part|percent:whole }}"
    ).render(Context({"day": dt.date(2026, 2, 3), "big": 6612, "part": 122, "whole": 1000}))
    assert rendered == "03/02/2026 6.612 12,2%"


def test_the_member_page_shows_dates_as_dd_mm_yyyy(client, world):
    client.force_login(world.secretary)
    html = client.get(f"/members/{world.an.card_number}/").content.decode()
    assert world.an.birth_date.strftime("%d/%m/%Y") in html
