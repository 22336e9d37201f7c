"""What every page view shares: the domain's errors answered as HTTP, and shown on forms.

Services raise `NotFound` (out of scope or missing), `Forbidden` (in scope, role too weak) and
`Invalid` (bad data). A page answers the first two as 404 and 403, and shows the third next to
the form fields it names.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from . import scope
from .errors import Forbidden, Invalid, NotFound


def page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page for logged-in users whose domain errors become 404 and 403.

    Anonymous visitors go to the login page and come back (`?next=`). The response varies on
    `HX-Request`, since the same URL answers a whole page or an HTMX fragment.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error)) from None
        except Forbidden as error:
            raise PermissionDenied(str(error)) from None
        patch_vary_headers(response, ("HX-Request",))
        return response

    return login_required(wrapper)


def require_anywhere(user, permission: str) -> None:
    """403 unless `user` holds `permission` on at least one unit (pages without a unit)."""
    if not holds_anywhere(user, permission):
        raise PermissionDenied(permission)


def holds_anywhere(user, permission: str) -> bool:
    return scope.prefixes(user, permission) != []


def wants_fragment(request: HttpRequest) -> bool:
    """True when HTMX asked for a part of the page, not for a history restore of the whole."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def show_invalid(form: forms.Form, error: Invalid) -> None:
    """Put a service's errors next to the fields they name; the others above the form."""
    for item in error.errors:
        field = item.get("field")
        form.add_error(field if field in form.fields else None, str(item["message"]))
