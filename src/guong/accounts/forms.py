"""Forms of the account pages: new logins, role assignments and API tokens."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guong.core.errors import NotFound
from guong.members import queries as member_queries
from guong.members.models import Member
from guong.org.forms import ScopedForm, unit_in_scope
from guong.org.models import Unit

from .models import Role, RoleAssignment, User
from .roles import GRANTABLE_BY, MANAGE_ROLES


def grantable_roles(user) -> list[tuple[str, str]]:
    """The roles `user` may hand out somewhere (the service checks the unit itself)."""
    if user.is_superuser:
        allowed = set(Role.values)
    else:
        held = set(
            RoleAssignment.objects.current().filter(user=user).values_list("role", flat=True)
        )
        allowed = set().union(*(GRANTABLE_BY.get(r, frozenset()) for r in held))
    return [(value, label) for value, label in Role.choices if value in allowed]


class RoleFields(ScopedForm):
    role = forms.ChoiceField(label=_("Role"))
    unit = forms.CharField(
        label=_("Unit code"),
        max_length=40,
        help_text=_("The role reaches this unit and all its units."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = grantable_roles(self.user)

    def clean_unit(self) -> Unit:
        return unit_in_scope(self.user, self.cleaned_data["unit"], MANAGE_ROLES)


class NewUserForm(RoleFields):
    """A new login and its first role, in one step."""

    username = forms.CharField(label=_("User name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    member = forms.CharField(
        label=_("Card number of the member"),
        max_length=20,
        required=False,
        help_text=_("For a member's own login: it then sees their own record."),
    )
    field_order = ["username", "full_name", "email", "member", "role", "unit"]

    def clean_member(self) -> Member | None:
        card = self.cleaned_data["member"].strip()
        if not card:
            return None
        try:
            return member_queries.member_for(self.user, card, MANAGE_ROLES)
        except NotFound:
            raise forms.ValidationError(
                _("No member with the card number %(card)s in the units you manage."),
                code="unknown_member",
                params={"card": card},
            ) from None


class AssignRoleForm(RoleFields):
    """Another role for an existing login."""

    username = forms.CharField(label=_("User name"), max_length=150)
    field_order = ["username", "role", "unit"]

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username__iexact=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No user named %(name)s."), code="unknown_user", params={"name": username}
            )
        return user


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, such as “provincial report”."),
    )
