"""Forms of the unit pages: restructuring a unit (rename, move, merge, dissolve).

A form only reads what was typed; the services in `org.services` decide. Units are named by
their code and looked up within what the user may change, so a code outside their scope reads
as unknown, like any wrong code.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guong.accounts.roles import CHANGE_UNITS
from guong.core.errors import NotFound

from . import queries
from .models import Unit


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy, whatever the browser's own locale would show in a picker
    (an English browser would show mm/dd/yyyy, and 02/03 would then mean two dates)."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": "dd/mm/yyyy", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})}, format="%d/%m/%Y")


def date_field(label, *, required: bool = True, today: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        initial=timezone.localdate if today else None,
    )


def unit_in_scope(user, code: str, permission: str) -> Unit:
    """The unit with `code` among those `user` holds `permission` on, or a field error."""
    try:
        return queries.unit_for(user, code.strip(), permission)
    except NotFound:
        raise forms.ValidationError(
            _("No unit with the code %(code)s among the units you may change."),
            code="unknown_unit",
            params={"code": code},
        ) from None


class ScopedForm(forms.Form):
    """A form that resolves unit codes within the acting user's scope."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class DecisionFields(forms.Form):
    on = date_field(_("Date"))
    decision = forms.CharField(
        label=_("Decision"),
        max_length=255,
        required=False,
        help_text=_("Number and date of the decision, if any."),
    )


class RenameForm(DecisionFields):
    name = forms.CharField(label=_("New name"), max_length=255)
    field_order = ["name", "on", "decision"]


class MoveForm(ScopedForm, DecisionFields):
    parent = forms.CharField(label=_("Code of the new parent unit"), max_length=40)
    field_order = ["parent", "on", "decision"]

    def clean_parent(self) -> Unit:
        return unit_in_scope(self.user, self.cleaned_data["parent"], CHANGE_UNITS)


class MergeForm(ScopedForm, DecisionFields):
    into = forms.CharField(
        label=_("Code of the unit it merges into"),
        max_length=40,
        help_text=_("Its members and units move there; this unit ends."),
    )
    field_order = ["into", "on", "decision"]

    def clean_into(self) -> Unit:
        return unit_in_scope(self.user, self.cleaned_data["into"], CHANGE_UNITS)


class DissolveForm(DecisionFields):
    confirm = forms.BooleanField(label=_("I confirm that this unit is dissolved."))
    field_order = ["on", "decision", "confirm"]


RESTRUCTURE_FORMS: dict[str, type[forms.Form]] = {
    "rename": RenameForm,
    "move": MoveForm,
    "merge": MergeForm,
    "dissolve": DissolveForm,
}


def restructure_forms(user, unit: Unit, bound: dict | None = None) -> dict[str, forms.Form]:
    """One empty form per restructuring action, except the one being re-shown with errors."""
    built: dict[str, forms.Form] = {}
    for action, form_class in RESTRUCTURE_FORMS.items():
        if bound and action in bound:
            built[action] = bound[action]
            continue
        kwargs = {"user": user} if issubclass(form_class, ScopedForm) else {}
        initial = {"name": unit.name} if action == "rename" else None
        built[action] = form_class(initial=initial, prefix=action, **kwargs)
    return built
