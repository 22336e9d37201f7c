"""The home page: the person's roles on their units, and a way to their own record."""


def test_a_secretary_sees_their_role_and_cell(as_user, world):
    response = as_user(world.secretary).get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/units/CB-A1-1/"' in html
    assert "Chi bộ thôn Đông" in html
    assert 'href="/members/"' in html
    assert 'href="/audit/"' in html
    assert 'href="/roles/"' not in html


def test_a_member_gets_a_shortcut_to_their_own_record(as_user, world):
    html = as_user(world.member_user).get("/").content.decode()

    assert 'href="/members/10000001/"' in html
    assert 'href="/members/"' not in html
    assert 'href="/audit/"' not in html


def test_staff_may_manage_roles(as_user, world):
    html = as_user(world.staff).get("/").content.decode()

    assert 'href="/roles/"' in html
    assert 'href="/units/HUYEN-A/"' in html


def test_a_login_without_a_role_is_told_so(as_user, world):
    response = as_user(world.nobody).get("/")

    assert response.status_code == 200
    assert 'href="/units/' not in response.content.decode()
