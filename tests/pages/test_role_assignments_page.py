"""Managing logins and roles: staff give the roles they may give, in the units they manage."""

import re

from guong.accounts.models import RoleAssignment, User
from guong.core.models import AuditEvent


def test_staff_see_the_roles_in_their_district_only(as_user, world):
    response = as_user(world.staff).get("/roles/")

    html = response.content.decode()
    assert response.status_code == 200
    users = set(re.findall(r'<td class="card-title-cell">([a-z_]+)', html))
    assert users == {
        "staff_of_district_a",
        "inspector_of_district_a",
        "secretary_of_cell_a",
        "member_alice",
    }


def test_only_grantable_roles_are_offered(as_user, world):
    html = as_user(world.staff).get("/roles/").content.decode()
    select = html[html.index('name="assign-role"') :]
    select = select[: select.index("</select>")]

    assert "admin" not in re.findall(r'<option value="([^"]*)"', select)
    assert "cell_secretary" in re.findall(r'<option value="([^"]*)"', select)


def test_staff_create_a_login_for_a_secretary_and_see_its_password_once(as_user, world):
    response = as_user(world.staff).post(
        "/roles/new-user/",
        {
            "new-username": "bi_thu_tay",
            "new-full_name": "Lê Văn Đức",
            "new-member": "10000003",
            "new-role": "cell_secretary",
            "new-unit": "CB-A1-2",
        },
    )

    html = response.content.decode()
    assert response.status_code == 201
    password = re.search(r'class="fs-5 user-select-all new-password">([^<]+)<', html).group(1)
    user = User.objects.get(username="bi_thu_tay")
    assert user.check_password(password)
    assert user.member == world.probationer
    assert (
        RoleAssignment.objects.current()
        .filter(user=user, role="cell_secretary", unit=world.cell_a2)
        .exists()
    )
    assert list(AuditEvent.objects.order_by("-seq").values_list("action", flat=True)[:2]) == [
        "role.assigned",
        "user.created",
    ]
    assert password not in as_user(world.staff).get("/roles/").content.decode()


def test_a_role_staff_may_not_give_leaves_no_login_behind(as_user, world):
    before = AuditEvent.objects.count()

    response = as_user(world.staff).post(
        "/roles/new-user/", {"new-username": "quan_tri", "new-role": "admin", "new-unit": "HUYEN-A"}
    )

    assert response.status_code == 422
    assert 'id="id_new-role_errors"' in response.content.decode()
    assert not User.objects.filter(username="quan_tri").exists()
    assert AuditEvent.objects.count() == before


def test_a_taken_user_name_is_refused_at_the_field(as_user, world):
    response = as_user(world.staff).post(
        "/roles/new-user/",
        {"new-username": "secretary_of_cell_a", "new-role": "member", "new-unit": "CB-A1-1"},
    )

    assert response.status_code == 422
    assert 'id="id_new-username_errors"' in response.content.decode()


def test_a_unit_outside_the_managed_ones_is_refused(as_user, world):
    response = as_user(world.staff).post(
        "/roles/assign/",
        {"assign-username": "no_role", "assign-role": "member", "assign-unit": "CB-B"},
    )

    assert response.status_code == 422
    assert 'id="id_assign-unit_errors"' in response.content.decode()
    assert not RoleAssignment.objects.filter(user=world.nobody).exists()


def test_staff_give_and_end_a_role(as_user, world):
    client = as_user(world.staff)

    given = client.post(
        "/roles/assign/",
        {"assign-username": "no_role", "assign-role": "inspector", "assign-unit": "XA-A1"},
    )
    assignment = RoleAssignment.objects.get(user=world.nobody)
    ended = client.post(f"/roles/{assignment.pk}/end/")

    assert (given.status_code, ended.status_code) == (302, 302)
    assert RoleAssignment.objects.get(pk=assignment.pk).ended_at is not None
    assert AuditEvent.objects.order_by("-seq").first().action == "role.ended"


def test_ending_a_role_outside_the_managed_units_answers_404(as_user, world):
    outsider_role = RoleAssignment.objects.get(user=world.outsider)

    assert as_user(world.staff).post(f"/roles/{outsider_role.pk}/end/").status_code == 404
    assert RoleAssignment.objects.get(pk=outsider_role.pk).ended_at is None


def test_people_who_manage_no_roles_are_refused(as_user, world):
    assert as_user(world.secretary).get("/roles/").status_code == 403
    assert as_user(world.leader).post("/roles/assign/", {}).status_code == 403
