"""Rename, move, merge and dissolve from a unit's page: the change, its history and its audit
event; a bad form shows why next to the field and writes nothing."""

import datetime as dt

from guong.core.models import AuditEvent
from guong.members.models import Member
from guong.org.models import Unit, UnitChange
from tests.factories import make_cell


def _events() -> int:
    return AuditEvent.objects.count()


def test_staff_rename_a_cell(as_user, world):
    response = as_user(world.staff).post(
        "/units/CB-A1-1/rename/",
        {
            "rename-name": "Chi bộ thôn Đông Hòa",
            "rename-on": "01/10/2026",
            "rename-decision": "QĐ 12/2026",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/units/CB-A1-1/"
    assert Unit.objects.get(code="CB-A1-1").name == "Chi bộ thôn Đông Hòa"
    change = UnitChange.objects.get(unit__code="CB-A1-1", kind=UnitChange.Kind.RENAMED)
    assert (change.on, change.old_value, change.decision) == (
        dt.date(2026, 10, 1),
        "Chi bộ thôn Đông",
        "QĐ 12/2026",
    )
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor_label, event.after) == (
        "unit.renamed",
        "staff_of_district_a",
        {"name": "Chi bộ thôn Đông Hòa"},
    )


def test_a_rename_without_a_name_shows_the_error_at_the_field(as_user, world):
    before = _events()

    response = as_user(world.staff).post(
        "/units/CB-A1-1/rename/", {"rename-name": "  ", "rename-on": "01/10/2026"}
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_rename-name_errors"' in html
    assert 'class="form-control is-invalid"' in html
    assert 'class="accordion-collapse collapse show"' in html  # the form stays open
    assert Unit.objects.get(code="CB-A1-1").name == "Chi bộ thôn Đông"
    assert _events() == before


def test_a_date_that_does_not_exist_is_refused(as_user, world):
    before = _events()

    response = as_user(world.staff).post(
        "/units/CB-A1-1/rename/", {"rename-name": "Chi bộ mới", "rename-on": "31/02/2026"}
    )

    assert response.status_code == 422
    assert 'id="id_rename-on_errors"' in response.content.decode()
    assert _events() == before


def test_staff_move_a_cell_within_their_district(as_user, world):
    response = as_user(world.staff).post(
        "/units/CB-A1-2/move/", {"move-parent": "HUYEN-A", "move-on": "01/10/2026"}
    )

    assert response.status_code == 302
    cell = Unit.objects.get(code="CB-A1-2")
    assert cell.parent == world.district_a
    assert cell.path.startswith(world.district_a.path)
    assert AuditEvent.objects.order_by("-seq").first().action == "unit.moved"


def test_moving_under_a_unit_outside_the_scope_reads_as_an_unknown_code(as_user, world):
    before = _events()

    response = as_user(world.staff).post(
        "/units/CB-A1-2/move/", {"move-parent": "HUYEN-B", "move-on": "01/10/2026"}
    )

    assert response.status_code == 422
    assert 'id="id_move-parent_errors"' in response.content.decode()
    assert Unit.objects.get(code="CB-A1-2").parent == world.commune
    assert _events() == before


def test_the_service_refusal_shows_next_to_the_parent_field(as_user, world):
    before = _events()

    response = as_user(world.staff).post(
        "/units/CB-A1-2/move/", {"move-parent": "CB-A1-1", "move-on": "01/10/2026"}
    )  # a cell holds no units

    html = response.content.decode()
    assert response.status_code == 422
    errors = html[html.index('id="id_move-parent_errors"') :]
    assert "A cell cannot contain other units" in errors[:300]
    assert _events() == before


def test_staff_merge_a_cell_into_its_neighbour(as_user, world):
    response = as_user(world.staff).post(
        "/units/CB-A1-2/merge/", {"merge-into": "CB-A1-1", "merge-on": "01/10/2026"}
    )

    assert response.status_code == 302
    merged = Unit.objects.get(code="CB-A1-2")
    assert (merged.ended_on, merged.successor) == (dt.date(2026, 10, 1), world.cell_a)
    assert Member.objects.get(card_number="10000003").unit == world.cell_a
    assert AuditEvent.objects.filter(action="unit.merged", object_id=str(merged.pk)).exists()


def test_dissolving_a_cell_with_members_is_refused_above_the_form(as_user, world):
    before = _events()

    response = as_user(world.staff).post(
        "/units/CB-A1-2/dissolve/", {"dissolve-on": "01/10/2026", "dissolve-confirm": "on"}
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert 'class="alert alert-danger" role="alert"' in html
    assert Unit.objects.get(code="CB-A1-2").ended_on is None
    assert _events() == before


def test_dissolving_an_empty_cell_ends_it(as_user, world):
    make_cell("CB-A1-3", world.commune, name="Chi bộ thôn Nam")

    response = as_user(world.staff).post(
        "/units/CB-A1-3/dissolve/",
        {"dissolve-on": "01/10/2026", "dissolve-decision": "QĐ 15/2026", "dissolve-confirm": "on"},
    )

    assert response.status_code == 302
    assert Unit.objects.get(code="CB-A1-3").ended_on == dt.date(2026, 10, 1)
    assert (
        UnitChange.objects.filter(unit__code="CB-A1-3", kind=UnitChange.Kind.DISSOLVED).count() == 1
    )
    assert AuditEvent.objects.order_by("-seq").first().action == "unit.dissolved"


def test_dissolving_needs_the_confirmation(as_user, world):
    make_cell("CB-A1-3", world.commune, name="Chi bộ thôn Nam")
    before = _events()

    response = as_user(world.staff).post("/units/CB-A1-3/dissolve/", {"dissolve-on": "01/10/2026"})

    assert response.status_code == 422
    assert 'id="id_dissolve-confirm_errors"' in response.content.decode()
    assert _events() == before


def test_a_leader_may_read_but_not_restructure(as_user, world):
    before = _events()

    response = as_user(world.leader).post(
        "/units/CB-A1-1/rename/", {"rename-name": "Tên mới", "rename-on": "01/10/2026"}
    )

    assert response.status_code == 403
    assert _events() == before


def test_restructuring_a_unit_outside_the_scope_answers_404(as_user, world):
    response = as_user(world.staff).post(
        "/units/CB-B/rename/", {"rename-name": "Tên mới", "rename-on": "01/10/2026"}
    )

    assert response.status_code == 404
    assert Unit.objects.get(code="CB-B").name == "Chi bộ Sở Tư pháp"
