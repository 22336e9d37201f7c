"""The member list: scope, search without diacritics, Vietnamese order, filters and pages."""

from __future__ import annotations

from .conftest import session_client


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["full_name"] for item in response.json()["items"]]


def test_search_ignores_diacritics_and_case(world):
    admin = session_client(world.admin)

    assert names(admin.get("/api/v1/members?q=nguyen thi anh")) == ["Nguyễn Thị Ánh"]
    assert names(admin.get("/api/v1/members?q=NGUYỄN ánh")) == ["Nguyễn Thị Ánh"]
    assert names(admin.get("/api/v1/members?q=van")) == [
        "Trần Văn An",
        "Phạm Văn Bình",
        "Lê Văn Đức",
    ]
    assert names(admin.get("/api/v1/members?q=1000000")) == [
        "Trần Văn An",
        "Nguyễn Thị Ánh",
        "Phạm Văn Bình",
        "Lê Văn Đức",
    ]  # digits search card numbers


def test_ordering_by_name_is_given_name_first_in_vietnamese_order(world):
    response = session_client(world.leader).get("/api/v1/members?ordering=name")

    # An < Ánh < Bình < Đức: given names first, đ after d, tones after the bare letter.
    assert names(response) == ["Trần Văn An", "Nguyễn Thị Ánh", "Phạm Văn Bình", "Lê Văn Đức"]
    descending = session_client(world.leader).get("/api/v1/members?ordering=-name")
    assert names(descending) == ["Lê Văn Đức", "Phạm Văn Bình", "Nguyễn Thị Ánh", "Trần Văn An"]


def test_unit_lists_its_whole_subtree(world):
    staff = session_client(world.staff)

    district = staff.get("/api/v1/members?unit=HUYEN-A")
    cell = staff.get("/api/v1/members?unit=CB-A1-2")

    assert district.json()["count"] == 3
    assert names(district) == ["Trần Văn An", "Nguyễn Thị Ánh", "Lê Văn Đức"]
    assert names(cell) == ["Lê Văn Đức"]


def test_list_items_carry_unit_and_iso_dates(world):
    item = session_client(world.secretary).get("/api/v1/members?q=an").json()["items"][0]

    assert item["card_number"] == "10000002"
    assert item["unit"] == "CB-A1-1"
    assert item["unit_name"] == "Chi bộ thôn Đông"
    assert item["status"] == "full"
    assert item["admitted_on"] == world.an.admitted_on.isoformat()  # yyyy-mm-dd


def test_each_role_lists_only_the_members_it_may_see(world):
    def cards(user) -> list[str]:
        items = session_client(user).get("/api/v1/members?ordering=card_number").json()["items"]
        return [item["card_number"] for item in items]

    assert cards(world.admin) == ["10000001", "10000002", "10000003", "10000004"]
    assert cards(world.staff) == ["10000001", "10000002", "10000003"]
    assert cards(world.secretary) == ["10000001", "10000002"]
    assert cards(world.member_user) == ["10000001"]  # her own record only
    assert cards(world.outsider) == ["10000004"]
    assert cards(world.nobody) == []


def test_a_member_sees_only_herself_even_when_asking_for_her_cell(world):
    response = session_client(world.member_user).get("/api/v1/members?unit=CB-A1-1")

    assert response.json()["count"] == 1
    assert names(response) == ["Nguyễn Thị Ánh"]


def test_status_and_gender_filters(world):
    admin = session_client(world.admin)

    assert names(admin.get("/api/v1/members?status=probationary")) == ["Lê Văn Đức"]
    both = admin.get("/api/v1/members?status=probationary&status=full")
    assert both.json()["count"] == 4
    unknown = admin.get("/api/v1/members?status=retired")
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["status.0"]


def test_pages(world):
    admin = session_client(world.admin)

    second = admin.get("/api/v1/members?page=2&page_size=3").json()
    beyond = admin.get("/api/v1/members?page=9&page_size=3").json()

    assert second["count"] == 4
    assert [m["full_name"] for m in second["items"]] == ["Lê Văn Đức"]
    assert beyond == {"count": 4, "items": []}


def test_page_size_above_500_is_refused_naming_the_field(world):
    admin = session_client(world.admin)

    response = admin.get("/api/v1/members?page_size=501")

    assert response.status_code == 422
    assert response.json() == {
        "detail": "The data is not valid.",
        "errors": [{"field": "page_size", "message": "Enter a number of at most 500."}],
    }
    assert admin.get("/api/v1/members?page_size=500").status_code == 200
    assert admin.get("/api/v1/units?page_size=501").status_code == 422
    assert [e["field"] for e in admin.get("/api/v1/members?page=0").json()["errors"]] == ["page"]


def test_member_out_of_scope_answers_404_like_a_missing_one(world):
    secretary = session_client(world.secretary)

    hidden = secretary.get("/api/v1/members/10000004")
    missing = secretary.get("/api/v1/members/99999999")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "Not found.", "errors": []}
    assert secretary.get("/api/v1/members?unit=CB-B").status_code == 404


def test_member_detail(world):
    detail = session_client(world.secretary).get("/api/v1/members/10000003")
    assert detail.status_code == 404  # CB-A1-2 is not her cell

    detail = session_client(world.staff).get("/api/v1/members/10000003").json()
    assert detail == {
        "card_number": "10000003",
        "full_name": "Lê Văn Đức",
        "birth_date": "1998-04-01",
        "gender": detail["gender"],
        "status": "probationary",
        "status_since": "2026-03-02",
        "admitted_on": "2026-03-02",
        "official_on": None,
        "unit": "CB-A1-2",
        "unit_name": "Chi bộ thôn Tây",
        "residence": detail["residence"],
    }
