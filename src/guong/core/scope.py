"""The one gate every read and write passes: what a user may see and do, and where.

A role is given on a unit and reaches its subtree (a prefix of `Unit.path`). Pages, the API,
exports and commands all narrow their querysets here, so they cannot disagree.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from guong.accounts.roles import ROLE_PERMISSIONS, VIEW_MEMBERS, VIEW_UNITS

from .errors import Forbidden, NotFound


def prefixes(user, permission: str) -> list[str] | None:
    """Unit paths under which `user` holds `permission`; None means everywhere."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cache = _cache(user)
    if permission not in cache:
        paths = sorted(
            path
            for role, path in _assignments(user)
            if permission in ROLE_PERMISSIONS.get(role, ())
        )
        cache[permission] = _outermost(paths)
    return cache[permission]


def restrict_units(queryset: QuerySet, user, permission: str = VIEW_UNITS) -> QuerySet:
    return _restrict(queryset, prefixes(user, permission), "path")


def restrict_members(queryset: QuerySet, user, permission: str = VIEW_MEMBERS) -> QuerySet:
    paths = prefixes(user, permission)
    if paths is None:
        return queryset
    condition = _paths_q(paths, "unit__path")
    own = getattr(user, "member_id", None)
    if own and permission == VIEW_MEMBERS:
        condition = condition | Q(pk=own) if condition is not None else Q(pk=own)
    return queryset.filter(condition) if condition is not None else queryset.none()


def allows(user, permission: str, unit) -> bool:
    paths = prefixes(user, permission)
    return paths is None or any(unit.path.startswith(p) for p in paths)


def require(user, permission: str, unit) -> None:
    """Raise NotFound when the unit is outside every role of the user, Forbidden when it is
    visible but the user's role there does not allow `permission`."""
    if allows(user, permission, unit):
        return
    if allows(user, VIEW_UNITS, unit):
        raise Forbidden(permission)
    raise NotFound(unit.pk)


def roles_over(user, unit) -> set[str]:
    """The roles `user` holds on `unit` or one of its ancestors."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {role for role, path in _assignments(user) if unit.path.startswith(path)}


def forget(user) -> None:
    """Drop the cached scope after the user's roles change."""
    user.__dict__.pop("_guong_scope", None)
    user.__dict__.pop("_guong_assignments", None)


def _assignments(user) -> list[tuple[str, str]]:
    if "_guong_assignments" not in user.__dict__:
        from guong.accounts.models import RoleAssignment

        user.__dict__["_guong_assignments"] = list(
            RoleAssignment.objects.current()
            .filter(user=user, unit__ended_on__isnull=True)
            .values_list("role", "unit__path")
        )
    return user.__dict__["_guong_assignments"]


def _cache(user) -> dict:
    return user.__dict__.setdefault("_guong_scope", {})


def _outermost(paths: list[str]) -> list[str]:
    kept: list[str] = []
    for path in paths:  # sorted, so an ancestor comes before its descendants
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def _paths_q(paths: list[str], field: str) -> Q | None:
    if not paths:
        return None
    return reduce(or_, (Q(**{f"{field}__startswith": p}) for p in paths))


def _restrict(queryset: QuerySet, paths: list[str] | None, field: str) -> QuerySet:
    if paths is None:
        return queryset
    condition = _paths_q(paths, field)
    return queryset.filter(condition) if condition is not None else queryset.none()
