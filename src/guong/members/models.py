from django.db import models
from django.utils.translation import gettext_lazy as _

from guong.org.models import Unit


class Status(models.TextChoices):
    """A member's standing (DOMAIN.md, Members). Moves only through members.services."""

    PROBATIONARY = "probationary", _("Probationary")
    FULL = "full", _("Full member")
    EXEMPT = "exempt", _("Exempt from work and activities")
    SUSPENDED = "suspended", _("Suspended")
    TRANSFERRED_OUT = "transferred_out", _("Transferred out")
    REMOVED = "removed", _("Removed from the register")
    EXPELLED = "expelled", _("Expelled")
    DECEASED = "deceased", _("Deceased")


# Statuses of people still on a unit's register; the others have left it.
ON_REGISTER = (Status.PROBATIONARY, Status.FULL, Status.EXEMPT, Status.SUSPENDED)


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class MemberQuerySet(models.QuerySet):
    def in_subtree(self, unit: Unit) -> "MemberQuerySet":
        return self.filter(unit__path__startswith=unit.path)

    def on_register(self) -> "MemberQuerySet":
        return self.filter(status__in=ON_REGISTER)

    def visible_to(self, user, permission: str = "members.view") -> "MemberQuerySet":
        from guong.core import scope

        return scope.restrict_members(self, user, permission)


class Member(models.Model):
    card_number = models.CharField(_("card number"), max_length=20, unique=True)
    full_name = models.CharField(_("full name"), max_length=120)
    name_folded = models.CharField(max_length=120, editable=False, default="")
    sort_key = models.CharField(max_length=400, editable=False, default="")
    birth_date = models.DateField(_("birth date"))
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    admitted_on = models.DateField(_("admitted on"))
    official_on = models.DateField(_("official on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROBATIONARY
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="members", verbose_name=_("unit")
    )
    residence = models.CharField(_("place of residence"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        indexes = [
            models.Index(fields=["unit", "status"], name="member_unit_status"),
            models.Index(fields=["sort_key"], name="member_sort"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.card_number})"

    @property
    def on_register(self) -> bool:
        return self.status in ON_REGISTER


class Membership(models.Model):
    """A period of a member in a unit; a transfer closes one and opens the next."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        ordering = ["member", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_membership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.unit_id} from {self.started_on}"


class StatusChange(models.Model):
    """A decided change of standing, with the rule set that judged it."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    new_status = models.CharField(max_length=16, choices=Status.choices)
    on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    decision = models.CharField(_("decision"), max_length=255, blank=True)
    rule_set = models.ForeignKey("core.RuleSet", null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["member", "on", "id"]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.old_status} → {self.new_status} on {self.on}"


class Position(models.Model):
    class Title(models.TextChoices):
        SECRETARY = "secretary", _("Secretary")
        DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
        STANDING_COMMITTEE = "standing_committee", _("Standing committee member")
        COMMITTEE_MEMBER = "committee_member", _("Committee member")
        INSPECTION_COMMITTEE = "inspection_committee", _("Inspection committee member")
        HEAD_OF_AGENCY = "head_of_agency", _("Head of agency")
        DEPUTY_HEAD = "deputy_head", _("Deputy head of agency")
        GROUP_LEADER = "group_leader", _("Party group leader")
        OTHER = "other", _("Other")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("position"), max_length=24, choices=Title.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["member", "-started_on"]

    def __str__(self) -> str:
        return f"{self.get_title_display()} ({self.started_on})"
