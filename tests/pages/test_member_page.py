"""A member's page: the record and its histories for those in scope, read-only for the member."""

import re


def test_a_secretary_sees_the_record_and_its_histories(as_user, world):
    response = as_user(world.secretary).get("/members/10000001/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Ánh" in html
    assert world.alice.birth_date.strftime("%d/%m/%Y") in html
    assert 'class="table table-sm table-cards memberships"' in html
    assert 'class="table table-sm table-cards status-changes"' in html
    assert "member.created" in html
    assert 'action="/members/10000001/edit/"' in html


def test_the_member_sees_their_own_record_without_forms(as_user, world):
    response = as_user(world.member_user).get("/members/10000001/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Ánh" in html
    assert 'method="post" action="/members/' not in html


def test_a_leader_reads_but_gets_no_forms(as_user, world):
    html = as_user(world.leader).get("/members/10000003/").content.decode()

    assert "Lê Văn Đức" in html
    assert 'action="/members/10000003/edit/"' not in html


def test_a_member_outside_the_scope_answers_404(as_user, world):
    assert as_user(world.member_user).get("/members/10000002/").status_code == 404
    assert as_user(world.outsider).get("/members/10000001/").status_code == 404
    assert as_user(world.secretary).get("/members/10000003/").status_code == 404
    assert as_user(world.nobody).get("/members/10000001/").status_code == 404
    assert as_user(world.admin).get("/members/99999999/").status_code == 404


def test_only_allowed_changes_of_status_are_offered(as_user, world):
    html = as_user(world.secretary).get("/members/10000001/").content.decode()
    select = html[html.index('name="status-status"') :]
    select = select[: select.index("</select>")]

    # A full member may become exempt, suspended, transferred out, removed, expelled, deceased.
    assert sorted(re.findall(r'<option value="([^"]*)"', select)) == sorted(
        ["exempt", "suspended", "transferred_out", "removed", "expelled", "deceased"]
    )
