"""Every write to accounts: users, role assignments, API tokens."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guong.core import audit, scope
from guong.core.errors import Forbidden, Invalid
from guong.org.models import Unit

from .models import ApiToken, Role, RoleAssignment, User
from .roles import GRANTABLE_BY, MANAGE_ROLES

TOKEN_PREFIX = "gg_"


@transaction.atomic
def create_user(
    *,
    actor,
    username: str,
    password: str | None = None,
    full_name: str = "",
    email: str = "",
    member=None,
) -> tuple[User, str]:
    """Create a login; returns the user and the password (generated when none is given)."""
    if scope.prefixes(actor, MANAGE_ROLES) == []:  # None: a superuser, everywhere
        raise Forbidden(MANAGE_ROLES)
    username = (username or "").strip()
    if not username:
        raise Invalid.field("username", _("The user name is required."))
    if User.objects.filter(username__iexact=username).exists():
        raise Invalid.field("username", _("The user name %(name)s is taken.") % {"name": username})
    if member is not None and User.objects.filter(member=member).exists():
        raise Invalid.field("member", _("This member already has an account."))
    password = password or secrets.token_urlsafe(12)
    user = User(username=username, email=email, member=member)
    user.first_name = full_name[:150]
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise Invalid([{"field": "password", "message": m} for m in error.messages]) from None
    user.set_password(password)
    user.save()
    audit.record(
        actor,
        "user.created",
        user,
        after={"username": username, "member": getattr(member, "card_number", None)},
    )
    return user, password


@transaction.atomic
def assign_role(*, actor, user: User, role: str, unit: Unit) -> RoleAssignment:
    _require_can_grant(actor, role, unit)
    if role not in Role.values:
        raise Invalid.field("role", _("Unknown role %(role)s.") % {"role": role})
    if not unit.is_active:
        raise Invalid.field("unit", _("The unit %(name)s has ended.") % {"name": unit.name})
    if RoleAssignment.objects.current().filter(user=user, role=role, unit=unit).exists():
        raise Invalid.field("role", _("The user already has this role on this unit."))
    assignment = RoleAssignment.objects.create(
        user=user, role=role, unit=unit, granted_by=_real(actor)
    )
    scope.forget(user)
    audit.record(
        actor,
        "role.assigned",
        assignment,
        after={"user": user.username, "role": role, "unit": unit.code},
    )
    return assignment


@transaction.atomic
def end_role(assignment: RoleAssignment, *, actor) -> RoleAssignment:
    _require_can_grant(actor, assignment.role, assignment.unit)
    if assignment.ended_at:
        raise Invalid.field("role", _("This role has already ended."))
    assignment.ended_at = timezone.now()
    RoleAssignment.objects.filter(pk=assignment.pk).update(ended_at=assignment.ended_at)
    scope.forget(assignment.user)
    audit.record(
        actor,
        "role.ended",
        assignment,
        before={"ended_at": None},
        after={
            "user": assignment.user.username,
            "role": assignment.role,
            "unit": assignment.unit.code,
            "ended_at": assignment.ended_at,
        },
    )
    return assignment


@transaction.atomic
def create_token(*, actor, user: User, name: str) -> tuple[ApiToken, str]:
    """Create an API token for `user`; the token itself is returned once and never stored."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise Forbidden("tokens")
    name = (name or "").strip()
    if not name:
        raise Invalid.field("name", _("Name the token after its use."))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user, name=name[:100], prefix=token[:10], digest=ApiToken.digest_of(token)
    )
    audit.record(actor, "token.created", record, after={"user": user.username, "name": name})
    return record, token


@transaction.atomic
def revoke_token(record: ApiToken, *, actor) -> ApiToken:
    if actor.pk != record.user_id and not actor.is_superuser:
        raise Forbidden("tokens")
    record.revoked_at = timezone.now()
    ApiToken.objects.filter(pk=record.pk).update(revoked_at=record.revoked_at)
    audit.record(actor, "token.revoked", record, after={"revoked_at": record.revoked_at})
    return record


def user_for_token(token: str) -> User | None:
    """The active user a bearer token belongs to, or None. Not audited: it is a read."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    record = (
        ApiToken.objects.filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if record is None or not record.user.is_active:
        return None
    now = timezone.now()
    if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user


def _require_can_grant(actor, role: str, unit: Unit) -> None:
    if getattr(actor, "is_superuser", False):
        return
    scope.require(actor, MANAGE_ROLES, unit)
    held = scope.roles_over(actor, unit)
    grantable = set().union(*(GRANTABLE_BY.get(r, frozenset()) for r in held))
    if role not in grantable:
        raise Forbidden(MANAGE_ROLES)


def _real(actor):
    return actor if getattr(actor, "pk", None) else None
