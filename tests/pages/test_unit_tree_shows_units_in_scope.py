"""The tree browser starts at the outermost units a person may see and opens node by node."""

import re

from tests.factories import make_member


def _codes(html: str) -> list[str]:
    return re.findall(r'data-code="([^"]+)"', html)


def test_the_tree_starts_at_the_province_for_its_leader(as_user, world):
    response = as_user(world.leader).get("/units/")

    assert response.status_code == 200
    assert _codes(response.content.decode()) == ["TINH"]


def test_the_tree_starts_at_the_district_for_its_staff(as_user, world):
    assert _codes(as_user(world.staff).get("/units/").content.decode()) == ["HUYEN-A"]


def test_a_person_without_a_role_sees_an_empty_tree(as_user, world):
    response = as_user(world.nobody).get("/units/")

    assert response.status_code == 200
    assert _codes(response.content.decode()) == []


def test_expanding_a_node_loads_its_children_as_a_fragment(as_user, world):
    response = as_user(world.staff).get("/units/XA-A1/children/", HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert _codes(html) == ["CB-A1-1", "CB-A1-2"]  # "Chi bộ thôn Đông" before "Chi bộ thôn Tây"


def test_each_node_counts_the_members_of_its_whole_subtree(as_user, world):
    make_member(world.cell_a2, card_number="40000001")

    html = as_user(world.leader).get("/units/TINH/children/").content.decode()

    counts = dict(re.findall(r'data-code="([^"]+)" data-members="(\d+)"', html))
    assert counts == {"HUYEN-A": "4", "HUYEN-B": "1"}  # Ánh, An, Đức and the new one; Bình


def test_children_outside_the_scope_answer_404(as_user, world):
    assert as_user(world.staff).get("/units/HUYEN-B/children/").status_code == 404
    assert as_user(world.secretary).get("/units/XA-A1/children/").status_code == 404
