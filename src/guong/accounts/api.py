"""The accounts API (/api/v1/me, /users, /roles, /tokens).

Role assignments are read and written by those who hold roles.manage (committee staff, the
administrator); the services decide which roles each may hand out. Tokens belong to the caller:
another user's token answers 404.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from guong.core import scope
from guong.core.errors import Forbidden, Invalid, NotFound
from guong.core.http import holds_anywhere
from guong.core.pagination import PageQuery, page_of
from guong.members.queries import member_for
from guong.org.queries import unit_for, units_for

from . import services
from .models import ApiToken, RoleAssignment, User
from .roles import MANAGE_ROLES
from .schemas import (
    MeOut,
    RoleIn,
    RoleOut,
    RolePage,
    TokenCreated,
    TokenIn,
    TokenOut,
    TokenPage,
    UserCreated,
    UserIn,
)

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut)
def get_me(request):
    user = request.auth
    roles = RoleAssignment.objects.current().filter(user=user).select_related("unit")
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "roles": [{"role": r.role, "unit": r.unit.code, "unit_name": r.unit.name} for r in roles],
        "member": user.member.card_number if user.member_id else None,
    }


@router.post("/users", response={201: UserCreated})
def create_user(request, payload: UserIn):
    """A new login; give it a role with POST /roles. A generated password is shown once."""
    _require_manager(request.auth)
    member = member_for(request.auth, payload.member) if payload.member else None
    user, password = services.create_user(
        actor=request.auth,
        username=payload.username,
        password=payload.password,
        full_name=payload.full_name,
        email=payload.email,
        member=member,
    )
    shown_once = None if payload.password else password
    return Status(201, {"username": user.username, "password": shown_once})


@router.get("/roles", response=RolePage)
def list_roles(request, paging: Query[PageQuery], unit: str | None = None):
    """Current assignments on the units the caller manages (`unit=CODE`: that subtree)."""
    _require_manager(request.auth)
    assignments = (
        RoleAssignment.objects.current()
        .filter(unit__in=units_for(request.auth, MANAGE_ROLES))
        .select_related("user", "unit", "granted_by")
    )
    if unit:
        target = unit_for(request.auth, unit)
        scope.require(request.auth, MANAGE_ROLES, target)
        assignments = assignments.filter(unit__path__startswith=target.path)
    return page_of(assignments.order_by("unit__path", "user__username", "role"), paging)


@router.post("/roles", response={201: RoleOut})
def assign_role(request, payload: RoleIn):
    unit = unit_for(request.auth, payload.unit)
    _require_manager(request.auth)
    user = User.objects.filter(username=payload.username).first()
    if user is None:
        raise Invalid.field(
            "username", _("There is no user named %(name)s.") % {"name": payload.username}
        )
    assignment = services.assign_role(actor=request.auth, user=user, role=payload.role, unit=unit)
    return Status(201, assignment)


@router.post("/roles/{assignment_id}/end", response=RoleOut)
def end_role(request, assignment_id: int):
    assignment = (
        RoleAssignment.objects.select_related("user", "unit", "granted_by")
        .filter(pk=assignment_id, unit__in=units_for(request.auth))
        .first()
    )
    if assignment is None:
        raise NotFound(assignment_id)
    return services.end_role(assignment, actor=request.auth)


@router.get("/tokens", response=TokenPage)
def list_tokens(request, paging: Query[PageQuery]):
    """The caller's own tokens; the secret itself is never shown again."""
    return page_of(
        ApiToken.objects.filter(user=request.auth).order_by("-created_at", "-pk"), paging
    )


@router.post("/tokens", response={201: TokenCreated})
def create_token(request, payload: TokenIn):
    record, token = services.create_token(actor=request.auth, user=request.auth, name=payload.name)
    return Status(201, TokenOut.model_validate(record).model_dump() | {"token": token})


@router.post("/tokens/{token_id}/revoke", response=TokenOut)
def revoke_token(request, token_id: int):
    record = ApiToken.objects.filter(pk=token_id, user=request.auth).first()
    if record is None:
        raise NotFound(token_id)
    return services.revoke_token(record, actor=request.auth)


def _require_manager(user) -> None:
    """Managing logins and roles needs roles.manage on at least one unit."""
    if not holds_anywhere(user, MANAGE_ROLES):
        raise Forbidden(MANAGE_ROLES)
