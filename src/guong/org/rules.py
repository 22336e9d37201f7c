"""Rules about the shape of the tree."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import Unit


def parent_errors(unit: Unit | None, parent: Unit | None) -> list[str]:
    """Why `parent` cannot hold `unit` (an empty list when it can).

    A cell (chi bộ) holds party groups, not units, so only a committee can be a parent; a unit
    cannot sit under itself or its own descendants; an ended unit takes no new children.
    """
    if parent is None:
        return []
    errors = []
    if parent.kind != Unit.Kind.COMMITTEE:
        errors.append(_("A cell cannot contain other units; choose a party committee."))
    if not parent.is_active:
        errors.append(_("The unit %(name)s has ended.") % {"name": parent.name})
    if unit is not None and unit.pk and parent.path.startswith(unit.path):
        errors.append(_("A unit cannot be placed under itself or one of its own units."))
    return errors


def child_path(parent: Unit | None, unit_id: int) -> str:
    return f"{parent.path if parent else ''}{unit_id:09d}."
