import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from guong.org.models import Unit


class User(AbstractUser):
    """A login. A member account is linked to its own member record."""

    member = models.OneToOneField(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
        verbose_name=_("party member"),
    )


class Role(models.TextChoices):
    MEMBER = "member", _("Party member")
    CELL_SECRETARY = "cell_secretary", _("Cell secretary")
    COMMITTEE_STAFF = "committee_staff", _("Committee staff")
    INSPECTOR = "inspector", _("Inspector")
    LEADER = "leader", _("Leader")
    ADMIN = "admin", _("Administrator")


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self) -> "RoleAssignmentQuerySet":
        return self.filter(ended_at__isnull=True)


class RoleAssignment(models.Model):
    """A role given on a unit; it reaches the unit's whole subtree and no further."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="role_assignments", verbose_name=_("unit")
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_role_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
