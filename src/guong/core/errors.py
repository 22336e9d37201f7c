"""One error shape for services, pages, the API and commands.

A service raises `Invalid([{"field": "birth_date", "message": "…"}])` (or with "row" for a
file); pages render it beside the field or row, the API answers 422 with
`{"detail": …, "errors": […]}`, a command prints it and exits non-zero.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


class Invalid(Exception):
    def __init__(self, errors: list[dict], detail: str | None = None):
        self.errors = errors
        self.detail = detail or _("The data is not valid.")
        super().__init__(self.detail)

    @classmethod
    def field(cls, field: str, message: str) -> Invalid:
        return cls([{"field": field, "message": str(message)}])

    def as_dict(self) -> dict:
        return {"detail": str(self.detail), "errors": [_plain(e) for e in self.errors]}


class NotFound(Exception):
    """Raised for a record that does not exist or lies outside the actor's scope."""


class Forbidden(Exception):
    """Raised when the record is in scope but the actor's role does not allow the action."""


def _plain(error: dict) -> dict:
    return {k: (str(v) if k == "message" else v) for k, v in error.items()}
