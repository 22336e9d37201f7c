"""What domain commands share: the acting user and printing the one error shape."""

from __future__ import annotations

from django.core.management.base import CommandError

from guong.accounts.models import User
from guong.core.errors import Forbidden, Invalid, NotFound


def command_actor(username: str | None) -> User:
    """Commands act as `--as USER`, or as the system superuser an operator has at the shell."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        return user
    user, _ = User.objects.get_or_create(
        username="system", defaults={"is_superuser": True, "is_staff": True, "is_active": True}
    )
    if not user.is_superuser:
        raise CommandError("The 'system' account must be a superuser.")
    return user


def error_text(error: Exception) -> str:
    if isinstance(error, Invalid):
        lines = [str(error.detail)]
        for item in error.errors:
            where = (f"row {item['row']}" if "row" in item else "") + (
                f" {item['field']}" if item.get("field") else ""
            )
            lines.append(f"  {where.strip()}: {item['message']}")
        return "\n".join(lines)
    if isinstance(error, NotFound):
        return f"Not found: {error}"
    if isinstance(error, Forbidden):
        return "Your role does not allow this."
    return str(error)
