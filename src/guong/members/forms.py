"""Forms of the member pages: the list's filters, a member's record, transfer, standing, positions.

Forms read what was typed; `members.services` applies the rules and answers with `Invalid`,
which the page shows next to these same field names.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guong.accounts.roles import CHANGE_MEMBERS, VIEW_UNITS
from guong.org import queries as org_queries
from guong.org.forms import ScopedForm, date_field, unit_in_scope
from guong.org.models import Unit

from . import rules
from .models import Gender, Member, Position, Status
from .queries import MemberFilter

ALL = "all"
ORDERING_CHOICES = [
    ("name", _("Name (A–Z)")),
    ("-name", _("Name (Z–A)")),
    ("card_number", _("Card number")),
    ("admitted_on", _("Admitted on (oldest first)")),
    ("-admitted_on", _("Admitted on (newest first)")),
    ("birth_date", _("Birth date (oldest first)")),
    ("-birth_date", _("Birth date (youngest first)")),
]


class MemberFilterForm(forms.Form):
    """The member list's query string: ?unit=&q=&status=&gender=&ordering=."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    unit = forms.CharField(label=_("Unit code"), required=False, max_length=40)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("On the register")),
            (ALL, _("Everyone, also those who left")),
            *Status.choices,
        ],
    )
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", _("Any")), *Gender.choices]
    )
    ordering = forms.ChoiceField(label=_("Order"), required=False, choices=ORDERING_CHOICES)

    def member_filter(self, user) -> MemberFilter:
        """The shared filter for what was asked; a unit outside the user's scope is NotFound."""
        self.is_valid()  # a bad value is reported on the form and left out of the filter
        data = getattr(self, "cleaned_data", {})
        code = (data.get("unit") or "").strip()
        unit = org_queries.unit_for(user, code, VIEW_UNITS) if code else None
        status = data.get("status") or ""
        return MemberFilter(
            unit=unit,
            q=data.get("q") or "",
            status=[status] if status and status != ALL else [],
            include_left=status == ALL,
            gender=data.get("gender") or "",
            ordering=data.get("ordering") or "name",
        )


class MemberForm(forms.Form):
    """A new member's record (`create_member`)."""

    card_number = forms.CharField(label=_("Card number"), max_length=20)
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    birth_date = date_field(_("Birth date"), today=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    admitted_on = date_field(_("Admitted on"), today=False)
    official_on = date_field(_("Official on"), required=False, today=False)
    residence = forms.CharField(label=_("Place of residence"), max_length=255, required=False)


class MemberEditForm(MemberForm):
    """Corrections to a member's record (`update_member`); the card number stays."""

    card_number = None

    @classmethod
    def for_member(cls, member: Member, **kwargs) -> MemberEditForm:
        initial = {f: getattr(member, f) for f in cls.base_fields}
        return cls(initial=initial, prefix="edit", **kwargs)


class TransferForm(ScopedForm):
    to_unit = forms.CharField(label=_("Code of the new unit"), max_length=40)
    on = date_field(_("Date of transfer"))
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)

    def clean_to_unit(self) -> Unit:
        return unit_in_scope(self.user, self.cleaned_data["to_unit"], CHANGE_MEMBERS)


class StatusForm(forms.Form):
    """A change of standing; only the transitions the Charter allows from the current one."""

    status = forms.ChoiceField(label=_("New status"))
    on = date_field(_("Date"))
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)
    decision = forms.CharField(label=_("Decision"), max_length=255, required=False)

    def __init__(self, *args, member: Member, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = rules.TRANSITIONS.get(member.status, frozenset())
        self.fields["status"].choices = [(v, label) for v, label in Status.choices if v in allowed]


class PositionForm(ScopedForm):
    title = forms.ChoiceField(label=_("Position"), choices=Position.Title.choices)
    unit = forms.CharField(
        label=_("Unit code"), max_length=40, help_text=_("The unit where the position is held.")
    )
    started_on = date_field(_("From"))
    detail = forms.CharField(label=_("Detail"), max_length=255, required=False)

    def clean_unit(self) -> Unit:
        return unit_in_scope(self.user, self.cleaned_data["unit"], CHANGE_MEMBERS)


class EndPositionForm(forms.Form):
    ended_on = date_field(_("To"))


def member_forms(user, member: Member, bound: dict | None = None) -> dict[str, forms.Form]:
    """The forms of a member's page, each empty unless it is being re-shown with errors."""
    bound = bound or {}
    built = {
        "edit": MemberEditForm.for_member(member),
        "transfer": TransferForm(user=user, prefix="transfer"),
        "status": StatusForm(member=member, prefix="status"),
        "position": PositionForm(user=user, prefix="position", initial={"unit": member.unit.code}),
    }
    built.update(bound)
    return built
