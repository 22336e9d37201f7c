"""The member list costs the same number of queries for 10 members and for 60."""

from __future__ import annotations

import pytest

from ..factories import make_member
from .conftest import bearer_client, session_client, token_for

# Session and user (2), the caller's roles (1), the unit (1), the page (1), the count (2 at most:
# a whole subtree is counted from its unit tallies).
MAX_QUERIES = 7

# Each list, with what it counts when cell CB-A1-1 holds 10 members, then 60 (the staff of
# district A also see Lê Văn Đức in CB-A1-2).
LISTS = [
    ("/api/v1/members?page_size=100", (11, 61)),
    ("/api/v1/members?unit=XA-A1&page_size=20", (11, 61)),
    ("/api/v1/members?unit=CB-A1-1&ordering=name&page_size=20", (10, 60)),
    ("/api/v1/members?unit=HUYEN-A&q=van&status=full&status=probationary&page_size=20", (10, 60)),
]


def add_members(unit, how_many: int) -> None:
    start = unit.members.count()
    for n in range(start, start + how_many):
        make_member(unit, full_name="Hoàng Văn Nam", card_number=f"3{n:07d}")


@pytest.mark.parametrize(("url", "counts"), LISTS)
def test_member_list_queries_do_not_grow_with_the_rows(
    world, django_assert_max_num_queries, url, counts
):
    client = session_client(world.staff)
    for in_cell, expected in zip((10, 60), counts, strict=True):
        add_members(world.cell_a, in_cell - world.cell_a.members.count())
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.json()["count"] == expected


def test_a_token_caller_costs_no_more(world, django_assert_max_num_queries):
    add_members(world.cell_a, 60)
    client = bearer_client(token_for(world.staff))

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/api/v1/members?unit=HUYEN-A&page_size=100")

    assert response.json()["count"] == 63
