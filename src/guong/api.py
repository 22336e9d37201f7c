"""The HTTP API under /api/v1/: one NinjaAPI, one router per app, one error shape.

Errors answer `{"detail": …, "errors": [{"field"|"row": …, "message": …}]}`; no credentials →
401; a record outside the caller's scope → 404, so its existence is not revealed.
"""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from guong.accounts.services import user_for_token
from guong.core.errors import Forbidden, Invalid, NotFound


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser session, with Django's CSRF check on unsafe methods."""

    param_name = "sessionid"

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a logged-in session there is nothing for CSRF to protect: the caller has no
        # credentials and must get 401, not a CSRF 403.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


api = NinjaAPI(
    title="Gương API",
    version="1",
    urls_namespace="api",
    auth=[BearerToken(), SessionAuth(csrf=True)],
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _errors(request, detail: str, errors: list[dict], status: int):
    return api.create_response(request, {"detail": detail, "errors": errors}, status=status)


@api.exception_handler(Invalid)
def on_invalid(request, exc: Invalid):
    return _errors(request, str(exc.detail), exc.as_dict()["errors"], 422)


# Where ninja reports a bad value: its source, then the endpoint's parameter that holds a schema
# (routers name body schemas `payload`, query schemas `filters` and `paging`), then the field.
_SOURCES = ("body", "query", "path", "header", "cookie", "form", "file")
_PARAMETER_GROUPS = ("payload", "data", "filters", "paging")


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc: NinjaValidationError):
    errors = [{"field": _field_of(e.get("loc", ())), "message": _message_of(e)} for e in exc.errors]
    return _errors(request, _("The data is not valid."), errors, 422)


def _field_of(location) -> str | None:
    parts = list(location)
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in _PARAMETER_GROUPS:
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or None


def _message_of(error: dict) -> str:
    """Our own validators' words ("31/02/2024 is not a real date") without pydantic's prefix;
    pydantic's common complaints in the user's language; anything else as pydantic says it."""
    kind, context = error.get("type"), error.get("ctx") or {}
    if kind == "value_error" and context.get("error"):
        return str(error["ctx"]["error"])
    message = _PYDANTIC_MESSAGES.get(kind)
    if message is None:
        return str(error.get("msg", ""))
    try:
        return str(message) % {k: v for k, v in context.items() if isinstance(v, int | float | str)}
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "string_type": gettext_lazy("Enter text."),
    "string_too_short": gettext_lazy("Enter at least %(min_length)s characters."),
    "string_too_long": gettext_lazy("Enter at most %(max_length)s characters."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "bool_parsing": gettext_lazy("Enter yes or no."),
    "greater_than": gettext_lazy("Enter a number greater than %(gt)s."),
    "greater_than_equal": gettext_lazy("Enter a number of at least %(ge)s."),
    "less_than": gettext_lazy("Enter a number less than %(lt)s."),
    "less_than_equal": gettext_lazy("Enter a number of at most %(le)s."),
    "date_parsing": gettext_lazy("Enter a date as dd/mm/yyyy."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as dd/mm/yyyy."),
    "date_type": gettext_lazy("Enter a date as dd/mm/yyyy."),
    "time_parsing": gettext_lazy("Enter a time as hh:mm."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "list_type": gettext_lazy("Enter a list."),
    "too_long": gettext_lazy("Enter at most %(max_length)s items."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
    "extra_forbidden": gettext_lazy("This field is not expected here."),
}


@api.exception_handler(NotFound)
def on_not_found(request, exc: NotFound):
    return _errors(request, _("Not found."), [], 404)


@api.exception_handler(Forbidden)
def on_forbidden(request, exc: Forbidden):
    return _errors(request, _("Your role does not allow this."), [], 403)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc: AuthenticationError):
    return _errors(request, _("Log in or send an API token."), [], 401)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return _errors(request, str(exc), [], exc.status_code)


def unknown_path(request: HttpRequest, rest: str = ""):
    """Any /api/ address no endpoint answers: the API's own 404 shape, not an HTML page."""
    return JsonResponse({"detail": _("Not found."), "errors": []}, status=404)


def _register_routers() -> None:
    from guong.accounts.api import router as accounts_router
    from guong.commitments.api import router as commitments_router
    from guong.documents.api import router as documents_router
    from guong.meetings import api as meetings_api
    from guong.meetings import fee_api, flag_api, own_api
    from guong.members.api import router as members_router
    from guong.org.api import router as org_router

    api.add_router("/units", org_router)
    api.add_router("/members", members_router)
    api.add_router("/", accounts_router)
    api.add_router("/meetings", meetings_api.router)
    api.add_router("/tasks", meetings_api.task_router)
    api.add_router("/fees", fee_api.router)
    api.add_router("/flags", flag_api.router)
    api.add_router("/me", own_api.router)
    api.add_router("/documents", documents_router)
    api.add_router("/commitments", commitments_router)


_register_routers()
