"""A unit's page: breadcrumbs within the person's scope, the subtree summary, children, history."""

import re


def _stat(html: str, name: str) -> str:
    return re.search(rf'data-stat="{name}">([^<]*)<', html).group(1)


def test_staff_see_a_commune_with_its_summary_and_children(as_user, world):
    response = as_user(world.staff).get("/units/XA-A1/")

    assert response.status_code == 200
    html = response.content.decode()
    assert _stat(html, "members") == "3"  # Ánh and An in Đông, Đức in Tây
    assert _stat(html, "probationary") == "1"
    assert _stat(html, "cells") == "2"
    assert _stat(html, "grassroots") == "1"
    assert 'href="/units/CB-A1-1/"' in html and 'href="/units/CB-A1-2/"' in html
    assert 'href="/members/?unit=XA-A1"' in html


def test_breadcrumbs_stop_at_what_the_person_may_see(as_user, world):
    html = as_user(world.staff).get("/units/XA-A1/").content.decode()
    crumbs = html[html.index('class="breadcrumb"') : html.index("</ol>")]

    assert re.findall(r'href="(/units/[^"]*)"', crumbs) == ["/units/", "/units/HUYEN-A/"]


def test_the_history_shows_the_unit_changes_and_audit_events(as_user, world):
    html = as_user(world.leader).get("/units/CB-A1-1/").content.decode()

    assert 'class="table table-sm table-cards unit-changes"' in html
    assert "unit.created" in html


def test_restructuring_forms_show_only_to_those_who_may_change_units(as_user, world):
    staff_html = as_user(world.staff).get("/units/XA-A1/").content.decode()
    leader_html = as_user(world.leader).get("/units/XA-A1/").content.decode()
    secretary_html = as_user(world.secretary).get("/units/CB-A1-1/").content.decode()

    for action in ("rename", "move", "merge", "dissolve"):
        assert f'action="/units/XA-A1/{action}/"' in staff_html
        assert f'action="/units/XA-A1/{action}/"' not in leader_html
        assert f'action="/units/CB-A1-1/{action}/"' not in secretary_html
    assert 'href="/units/CB-A1-1/members/new/"' in secretary_html


def test_a_unit_outside_the_scope_answers_404(as_user, world):
    assert as_user(world.staff).get("/units/CB-B/").status_code == 404
    assert as_user(world.secretary).get("/units/XA-A1/").status_code == 404
    assert as_user(world.outsider).get("/units/CB-A1-1/").status_code == 404
    assert as_user(world.nobody).get("/units/TINH/").status_code == 404


def test_an_unknown_unit_answers_404_too(as_user, world):
    assert as_user(world.admin).get("/units/KHONG-CO/").status_code == 404
