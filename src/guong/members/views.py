"""Pages of members: the searchable list, a member's page with its history, and its forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guong.accounts.roles import CHANGE_MEMBERS
from guong.core import audit, scope
from guong.core.errors import Invalid, NotFound
from guong.core.http import page, show_invalid, wants_fragment
from guong.org import queries as org_queries

from . import queries, services
from .forms import (
    EndPositionForm,
    MemberEditForm,
    MemberFilterForm,
    MemberForm,
    PositionForm,
    StatusForm,
    TransferForm,
    member_forms,
)
from .models import Member, Position

PAGE_SIZE = 50

DONE = {
    "edit": gettext_lazy("The record was saved."),
    "transfer": gettext_lazy("The member was transferred."),
    "status": gettext_lazy("The status was changed."),
    "position": gettext_lazy("The position was added."),
}


@require_GET
@page
def member_list(request: HttpRequest) -> HttpResponse:
    """The list, its search and filters; HTMX asks for the results part only while typing."""
    form = MemberFilterForm(request.GET)
    member_filter = form.member_filter(request.user)
    members = member_filter.apply(queries.members_for(request.user))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "unit": member_filter.unit,
        "page_obj": Paginator(members, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": query.urlencode(),
    }
    template = "members/member_list.html"
    if wants_fragment(request):
        template += "#results"
    return render(request, template, context)


@require_GET
@page
def member_detail(request: HttpRequest, card_number: str) -> HttpResponse:
    return _member_page(request, queries.member_for(request.user, card_number))


@require_http_methods(["GET", "POST"])
@page
def member_create(request: HttpRequest, code: str) -> HttpResponse:
    """A new member in the unit `code` (`members.services.create_member`)."""
    unit = org_queries.unit_for(request.user, code)
    scope.require(request.user, CHANGE_MEMBERS, unit)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.create_member(actor=request.user, unit=unit, **form.cleaned_data)
        except Invalid as error:
            show_invalid(form, error)
        else:
            messages.success(request, _("The member was registered."))
            return redirect("member-detail", card_number=member.card_number)
    status = 422 if request.method == "POST" else 200
    return render(request, "members/member_form.html", {"unit": unit, "form": form}, status=status)


@require_POST
@page
def member_change(request: HttpRequest, card_number: str, action: str) -> HttpResponse:
    """Edit the record, transfer, change the standing or add a position."""
    member = queries.member_for(request.user, card_number)
    scope.require(request.user, CHANGE_MEMBERS, member.unit)
    form = _bound(action, request, member)
    if form.is_valid():
        try:
            _apply(action, member, form.cleaned_data, request.user)
        except Invalid as error:
            show_invalid(form, error)
        else:
            messages.success(request, DONE[action])
            return redirect("member-detail", card_number=member.card_number)
    return _member_page(request, member, bound={action: form}, status=422)


@require_POST
@page
def position_end(request: HttpRequest, card_number: str, pk: int) -> HttpResponse:
    member = queries.member_for(request.user, card_number)
    position = _position(member, pk)
    form = EndPositionForm(request.POST, prefix=f"end-{pk}")
    if form.is_valid():
        try:
            services.end_position(position, actor=request.user, **form.cleaned_data)
        except Invalid as error:
            show_invalid(form, error)
        else:
            messages.success(request, _("The position was ended."))
            return redirect("member-detail", card_number=member.card_number)
    return _member_page(request, member, end_form=(pk, form), status=422)


def _bound(action: str, request: HttpRequest, member: Member):
    data, user = request.POST, request.user
    if action == "edit":
        return MemberEditForm(data, prefix="edit")
    if action == "transfer":
        return TransferForm(data, user=user, prefix="transfer")
    if action == "status":
        return StatusForm(data, member=member, prefix="status")
    return PositionForm(data, user=user, prefix="position")


def _apply(action: str, member: Member, data: dict, actor) -> None:
    if action == "edit":
        services.update_member(member, actor=actor, **data)
    elif action == "transfer":
        to_unit = data.pop("to_unit")
        services.transfer_member(member, to_unit, actor=actor, **data)
    elif action == "status":
        services.change_status(member, data.pop("status"), actor=actor, **data)
    else:
        services.add_position(member, actor=actor, **data)


def _position(member: Member, pk: int) -> Position:
    position = member.positions.select_related("unit", "member").filter(pk=pk).first()
    if position is None:
        raise NotFound(pk)
    return position


def _member_page(
    request: HttpRequest,
    member: Member,
    *,
    bound: dict | None = None,
    end_form: tuple | None = None,
    status: int = 200,
) -> HttpResponse:
    can_change = scope.allows(request.user, CHANGE_MEMBERS, member.unit)
    positions = list(member.positions.select_related("unit").order_by("-started_on", "-id"))
    for position in positions:
        if can_change and position.ended_on is None:
            position.end_form = (
                end_form[1]
                if end_form and end_form[0] == position.pk
                else EndPositionForm(prefix=f"end-{position.pk}")
            )
    context = {
        "member": member,
        "can_change": can_change,
        "status_changes": member.status_changes.select_related("rule_set").order_by("-on", "-id"),
        "memberships": member.memberships.select_related("unit").order_by("-started_on", "-id"),
        "positions": positions,
        "events": audit.history(member).order_by("-seq")[:50],
        "forms": member_forms(request.user, member, bound) if can_change else {},
        "open_form": next(iter(bound), "") if bound else "",
    }
    return render(request, "members/member_detail.html", context, status=status)
