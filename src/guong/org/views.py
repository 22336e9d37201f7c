"""Pages of the organization tree: the tree browser, a unit's page and its restructuring."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guong.accounts.roles import CHANGE_MEMBERS, CHANGE_UNITS
from guong.core import audit, scope
from guong.core.errors import Invalid
from guong.core.http import page, show_invalid
from guong.core.text import sort_key

from . import queries, services
from .forms import RESTRUCTURE_FORMS, ScopedForm, restructure_forms
from .models import Unit


@require_GET
@page
def unit_tree(request: HttpRequest) -> HttpResponse:
    active_children = Count("children", filter=Q(children__ended_on__isnull=True))
    roots = queries.roots_for(request.user).annotate(
        child_count=active_children, member_count=queries.MEMBERS_IN_SUBTREE
    )
    roots = sorted(roots, key=_by_name)
    return render(request, "org/unit_tree.html", {"units": roots})


@require_GET
@page
def unit_children(request: HttpRequest, code: str) -> HttpResponse:
    """The fragment HTMX loads when a node of the tree is expanded."""
    unit = queries.unit_for(request.user, code)
    return render(request, "org/unit_tree.html#nodes", {"units": _children(unit)})


@require_GET
@page
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.unit_for(request.user, code)
    return _unit_page(request, unit)


@require_POST
@page
def unit_restructure(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Rename, move, merge or dissolve a unit through `org.services`."""
    unit = queries.unit_for(request.user, code)
    scope.require(request.user, CHANGE_UNITS, unit)
    form_class = RESTRUCTURE_FORMS[action]
    kwargs = {"user": request.user} if issubclass(form_class, ScopedForm) else {}
    form = form_class(request.POST, prefix=action, **kwargs)
    if form.is_valid():
        try:
            unit = _apply(action, unit, form.cleaned_data, request.user)
        except Invalid as error:
            show_invalid(form, error)
        else:
            messages.success(request, _("The unit was changed."))
            return redirect("unit-detail", code=unit.code)
    return _unit_page(request, unit, bound={action: form}, status=422)


def _apply(action: str, unit: Unit, data: dict, actor) -> Unit:
    dated = {"actor": actor, "on": data["on"], "decision": data["decision"]}
    if action == "rename":
        return services.rename_unit(unit, name=data["name"], **dated)
    if action == "move":
        return services.move_unit(unit, new_parent=data["parent"], **dated)
    if action == "merge":
        services.merge_units([unit], into=data["into"], **dated)
        return unit
    return services.dissolve_unit(unit, **dated)


def _unit_page(
    request: HttpRequest, unit: Unit, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    can_change = unit.is_active and scope.allows(user, CHANGE_UNITS, unit)
    summary = queries.subtree_summary(unit)
    context = {
        "unit": unit,
        "ancestors": queries.ancestors(unit, user),
        "summary": summary,
        "sectors": [
            (label, summary["grassroots_by_sector"][value]) for value, label in Unit.Sector.choices
        ],
        "children": _children(unit),
        "changes": unit.changes.select_related("related").order_by("-on", "-id"),
        "events": audit.history(unit).order_by("-seq")[:50],
        "can_change": can_change,
        "can_add_member": unit.is_active and scope.allows(user, CHANGE_MEMBERS, unit),
        "forms": restructure_forms(user, unit, bound) if can_change else {},
        "open_form": next(iter(bound), "") if bound else "",
    }
    return render(request, "org/unit_detail.html", context, status=status)


def _children(unit: Unit) -> list[Unit]:
    return sorted(queries.children(unit), key=_by_name)


def _by_name(unit: Unit) -> str:
    return sort_key(unit.name)  # Vietnamese order: "Đông" before "Tây", whatever the database
