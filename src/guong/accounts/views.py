"""Pages about people and what they did: home, role assignments, API tokens, the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guong.core import audit, scope
from guong.core.errors import Invalid, NotFound
from guong.core.http import page, require_anywhere, show_invalid
from guong.core.models import AuditEvent
from guong.members.models import Member
from guong.org import queries as org_queries
from guong.org.models import Unit

from . import services
from .forms import AssignRoleForm, NewUserForm, TokenForm
from .models import ApiToken, RoleAssignment
from .roles import MANAGE_ROLES, VIEW_AUDIT

PAGE_SIZE = 50


@require_GET
@page
def home(request: HttpRequest) -> HttpResponse:
    """The user's roles, their units, and their own member record if the login has one."""
    assignments = (
        RoleAssignment.objects.current()
        .filter(user=request.user)
        .select_related("unit")
        .order_by("unit__path", "role")
    )
    return render(request, "home.html", {"assignments": assignments, "member": request.user.member})


# --- role assignments ---------------------------------------------------------------------


@require_GET
@page
def role_list(request: HttpRequest) -> HttpResponse:
    require_anywhere(request.user, MANAGE_ROLES)
    return _roles_page(request)


@require_POST
@page
def role_user_create(request: HttpRequest) -> HttpResponse:
    """A new login and its first role, together or not at all; the password is shown once."""
    require_anywhere(request.user, MANAGE_ROLES)
    form = NewUserForm(request.POST, user=request.user, prefix="new")
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user, password = services.create_user(
                    actor=request.user,
                    username=data["username"],
                    full_name=data["full_name"],
                    email=data["email"],
                    member=data["member"],
                )
                services.assign_role(
                    actor=request.user, user=user, role=data["role"], unit=data["unit"]
                )
        except Invalid as error:
            show_invalid(form, error)
        else:
            return _roles_page(request, created=(user, password), status=201)
    return _roles_page(request, new_user_form=form, status=422)


@require_POST
@page
def role_assign(request: HttpRequest) -> HttpResponse:
    require_anywhere(request.user, MANAGE_ROLES)
    form = AssignRoleForm(request.POST, user=request.user, prefix="assign")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_role(
                actor=request.user, user=data["username"], role=data["role"], unit=data["unit"]
            )
        except Invalid as error:
            show_invalid(form, error)
        else:
            messages.success(request, _("The role was given."))
            return redirect("role-list")
    return _roles_page(request, assign_form=form, status=422)


@require_POST
@page
def role_end(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _managed_assignments(request.user).filter(pk=pk).first()
    if assignment is None:
        raise NotFound(pk)
    services.end_role(assignment, actor=request.user)
    messages.success(request, _("The role was ended."))
    return redirect("role-list")


def _managed_assignments(user) -> QuerySet:
    units = org_queries.units_for(user, MANAGE_ROLES)
    return (
        RoleAssignment.objects.current()
        .filter(unit__in=units)
        .select_related("user", "unit", "granted_by")
    )


def _roles_page(
    request: HttpRequest, *, new_user_form=None, assign_form=None, created=None, status: int = 200
) -> HttpResponse:
    user = request.user
    assignments = _managed_assignments(user).order_by("unit__path", "user__username", "role")
    context = {
        "page_obj": Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("page")),
        "new_user_form": new_user_form or NewUserForm(user=user, prefix="new"),
        "assign_form": assign_form or AssignRoleForm(user=user, prefix="assign"),
        "created": created,
        "open_form": "new" if new_user_form else "assign" if assign_form else "",
    }
    return render(request, "accounts/roles.html", context, status=status)


# --- API tokens ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@page
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's own API tokens; a new token is shown once, on the answer that created it."""
    form = TokenForm(request.POST or None)
    created, status = None, 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                _record, created = services.create_token(
                    actor=request.user, user=request.user, name=form.cleaned_data["name"]
                )
            except Invalid as error:
                show_invalid(form, error)
            else:
                form, status = TokenForm(), 201
    tokens = ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at")
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": tokens, "created": created},
        status=status,
    )


@require_POST
@page
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    record = ApiToken.objects.filter(user=request.user, pk=pk, revoked_at__isnull=True).first()
    if record is None:
        raise NotFound(pk)
    services.revoke_token(record, actor=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("token-list")


# --- the audit log ------------------------------------------------------------------------


@require_GET
@page
def audit_log(request: HttpRequest) -> HttpResponse:
    require_anywhere(request.user, VIEW_AUDIT)
    events = _visible_events(request.user).order_by("-seq")
    page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page_obj": page_obj, "query": ""})


@require_GET
@page
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Walk the whole chain (slow on a large log, so only when asked, as an HTMX fragment)."""
    require_anywhere(request.user, VIEW_AUDIT)
    checked, broken, reason = audit.verify()
    context = {"checked": checked, "broken": broken, "reason": reason}
    return render(request, "accounts/audit_log.html#chain", context)


def _visible_events(user) -> QuerySet:
    """Events about the units, members and role assignments in the user's audit scope;
    a superuser sees every event."""
    if scope.prefixes(user, VIEW_AUDIT) is None:
        return AuditEvent.objects.all()
    units = Unit.objects.visible_to(user, VIEW_AUDIT)
    members = Member.objects.visible_to(user, VIEW_AUDIT)
    assignments = RoleAssignment.objects.filter(unit__in=units)
    condition = Q()
    for model, queryset in ((Unit, units), (Member, members), (RoleAssignment, assignments)):
        ids = queryset.annotate(key=Cast("pk", CharField())).values("key")
        condition |= Q(object_type=model._meta.label_lower, object_id__in=ids)
    return AuditEvent.objects.filter(condition)
