"""The member list: diacritics-insensitive search, filters, Vietnamese order, pages of 50, HTMX
fragments while typing, and a query count that does not grow with the rows."""

import re

import pytest

from tests.factories import make_member


def _cards(html: str) -> list[str]:
    """Card numbers in the results, in the order shown (the menu may link to one's own)."""
    results = html[html.find('data-count="') :]
    return re.findall(r'href="/members/(\d+)/"', results)


def _count(html: str) -> int:
    return int(re.search(r'data-count="(\d+)"', html).group(1))


def test_a_search_without_diacritics_finds_the_name_with_them(as_user, world):
    response = as_user(world.leader).get("/members/", {"q": "nguyen thi anh"})

    html = response.content.decode()
    assert response.status_code == 200
    assert _cards(html) == ["10000001"]
    assert "Nguyễn Thị Ánh" in html


def test_a_number_searches_card_numbers(as_user, world):
    html = as_user(world.leader).get("/members/", {"q": "1000000"}).content.decode()

    assert _count(html) == 4


def test_names_are_in_vietnamese_order_by_given_name(as_user, world):
    html = as_user(world.leader).get("/members/").content.decode()
    reverse = as_user(world.leader).get("/members/", {"ordering": "-name"}).content.decode()

    # An, Ánh, Bình, Đức
    assert _cards(html) == ["10000002", "10000001", "10000004", "10000003"]
    assert _cards(reverse) == ["10000003", "10000004", "10000001", "10000002"]


def test_each_person_lists_only_the_members_they_may_see(as_user, world):
    assert _cards(as_user(world.secretary).get("/members/").content.decode()) == [
        "10000002",
        "10000001",
    ]
    assert _cards(as_user(world.outsider).get("/members/").content.decode()) == ["10000004"]
    assert _cards(as_user(world.member_user).get("/members/").content.decode()) == ["10000001"]
    assert _cards(as_user(world.nobody).get("/members/").content.decode()) == []


def test_filters_by_unit_status_and_gender(as_user, world):
    client = as_user(world.staff)

    assert _count(client.get("/members/", {"unit": "XA-A1"}).content.decode()) == 3
    assert _cards(
        client.get("/members/", {"unit": "XA-A1", "status": "probationary"}).content.decode()
    ) == ["10000003"]
    gender = world.alice.gender
    expected = sum(1 for m in (world.alice, world.an, world.probationer) if m.gender == gender)
    assert _count(client.get("/members/", {"gender": gender}).content.decode()) == expected


def test_a_unit_outside_the_scope_answers_404(as_user, world):
    assert as_user(world.staff).get("/members/", {"unit": "CB-B"}).status_code == 404


def test_an_unknown_filter_value_is_reported_and_ignored(as_user, world):
    response = as_user(world.staff).get("/members/", {"status": "nonsense"})

    assert response.status_code == 200
    assert 'class="form-select is-invalid"' in response.content.decode()
    assert _count(response.content.decode()) == 3


def test_export_links_carry_the_same_filters(as_user, world):
    html = (
        as_user(world.staff)
        .get("/members/", {"unit": "XA-A1", "q": "an", "page": "1"})
        .content.decode()
    )

    assert 'href="/export/members.xlsx?unit=XA-A1&amp;q=an"' in html
    assert 'href="/export/members.csv?unit=XA-A1&amp;q=an"' in html


def test_htmx_gets_only_the_results_while_typing(as_user, world):
    response = as_user(world.leader).get(
        "/members/", {"q": "binh"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )

    html = response.content.decode()
    assert "<html" not in html
    assert _cards(html) == ["10000004"]
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(as_user, world):
    response = as_user(world.leader).get(
        "/members/", {"q": "binh"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )

    assert "<html" in response.content.decode()


def test_the_list_comes_in_pages_of_50(as_user, world):
    for i in range(60):
        make_member(world.cell_a2, card_number=f"4{i:07d}")
    client = as_user(world.staff)

    first = client.get("/members/").content.decode()
    second = client.get("/members/", {"page": 2}).content.decode()

    assert len(_cards(first)) == 50
    assert len(_cards(second)) == 13
    assert set(_cards(first)).isdisjoint(_cards(second))
    assert 'href="?page=2"' in first


@pytest.mark.parametrize("rows", [10, 60])
def test_the_list_costs_the_same_queries_for_10_or_60_members(
    as_user, world, django_assert_max_num_queries, rows
):
    for i in range(rows):
        make_member(world.cell_a2, card_number=f"5{i:07d}")
    client = as_user(world.staff)

    # session, user, roles, the unit, the count, the page of rows
    with django_assert_max_num_queries(6):
        response = client.get("/members/", {"unit": "XA-A1"})

    assert _count(response.content.decode()) == rows + 3
