"""Cell life as the Charter asks for it: meetings and who came, the resolutions book, party fees,
and the decisions taken on the Charter's flags.

Who may do what is written in accounts/roles.py (meetings.*, fees.*, flags.*); a member reads the
published meetings of their own unit and their own fees and tasks without any role.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guong.members.models import Member
from guong.org.models import Unit


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular monthly meeting")
        THEMATIC = "thematic", _("Thematic meeting")
        COMMITTEE = "committee", _("Committee meeting")
        CONFERENCE = "conference", _("Conference")

    class State(models.TextChoices):
        # planned → published (announced to members) → held (attendance taken, minutes written)
        # → closed (minutes signed: nothing changes any more); planned/published → cancelled.
        PLANNED = "planned", _("Planned")
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Held")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.REGULAR)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    topic = models.CharField(_("topic"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The minutes (biên bản) and what goes into the resolutions book (sổ ghi nghị quyết).
    discussion = models.TextField(_("discussion"), blank=True)
    opinions = models.TextField(_("opinions"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    chaired_by = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chaired by"),
    )
    recorded_by = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("minutes taken by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"], name="meeting_unit_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "held_on"],
                condition=models.Q(kind="regular") & ~models.Q(state="cancelled"),
                name="one_regular_meeting_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit_id} {self.held_on}"

    @property
    def is_closed(self) -> bool:
        return self.state in (self.State.CLOSED, self.State.CANCELLED)


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        DIRECTIVE_05 = "directive_05", _("Studying and following Ho Chi Minh (Directive 05)")
        YEARLY_THEME = "yearly_theme", _("The year's theme")
        DEGRADATION = "degradation", _("Review of the signs of degradation")
        MEMBER_DEVELOPMENT = "member_development", _("Member development")
        FEES = "fees", _("Party fees")
        TASKS = "tasks", _("Political tasks")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.title


class MeetingSite(models.Model):
    """One place of a hybrid meeting or conference (seed 003: 60 sites, 1,100 people)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("site"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    is_main = models.BooleanField(_("main site"), default=False)
    expected = models.PositiveIntegerField(_("expected participants"), default=0)
    present = models.PositiveIntegerField(_("participants present"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-is_main", "name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="site_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent without reason")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=8, choices=Status.choices)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    site = models.ForeignKey(
        MeetingSite, null=True, blank=True, on_delete=models.SET_NULL, related_name="attendance"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
        ]
        indexes = [
            # The Charter flag reads only the absences: a small partial index, not 2.4M rows.
            models.Index(
                fields=["member", "meeting"],
                name="attendance_absent",
                condition=models.Q(status="absent"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} at {self.meeting_id}: {self.status}"


class Task(models.Model):
    """A resolution of a meeting in 5 rõ form (who, what, by when, responsibility, result),
    followed until it is done."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="tasks")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    what = models.TextField(_("what"))
    assignee = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("who"),
    )
    assignee_text = models.CharField(_("who (a group)"), max_length=255, blank=True)
    due_on = models.DateField(_("by when"))
    responsibility = models.CharField(_("responsibility"), max_length=255, blank=True)
    expected_result = models.TextField(_("expected result"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resolution task")
        verbose_name_plural = _("resolution tasks")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["unit", "state", "due_on"], name="task_unit_state")]

    def __str__(self) -> str:
        return self.what[:60]


class FeeCategory(models.TextChoices):
    """What a member's monthly due is reckoned from (01-QĐ/TW; rates in the `fees` rule sets)."""

    SALARY = "salary", _("Salary under compulsory social insurance")
    BENEFIT = "benefit", _("Sickness or maternity benefit")
    PENSION = "pension", _("Pension")
    STUDENT = "student", _("Pupil or student")
    OTHER = "other", _("Other (amount set by the cell)")


class FeeBasis(models.Model):
    """A member's declared income for fees, from `valid_from` until the next declaration."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="fee_bases")
    category = models.CharField(_("category"), max_length=10, choices=FeeCategory.choices)
    amount = models.PositiveBigIntegerField(_("income or set amount (đồng)"), default=0)
    valid_from = models.DateField(_("from month"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fee basis")
        verbose_name_plural = _("fee bases")
        ordering = ["member", "-valid_from", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "valid_from"], name="fee_basis_once_a_month"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.category} {self.amount} from {self.valid_from}"


class Payment(models.Model):
    """Party fees paid for one month (`month` is its first day). Several payments may cover
    one month (a top-up); a payment dated before its month is an advance, after it a late one."""

    class Method(models.TextChoices):
        CASH = "cash", _("Cash to the cell")
        TRANSFER = "transfer", _("Bank transfer / public service portal")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="payments")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="fee_payments",
        help_text="The cell that collected it.",
    )
    month = models.DateField(_("month"))
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    due = models.PositiveBigIntegerField(_("due (đồng)"), default=0)
    rule_set = models.ForeignKey("core.RuleSet", null=True, blank=True, on_delete=models.PROTECT)
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(
        _("method"), max_length=10, choices=Method.choices, default=Method.CASH
    )
    reference = models.CharField(_("receipt or transfer reference"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fee payment")
        verbose_name_plural = _("fee payments")
        ordering = ["member", "month", "id"]
        indexes = [
            models.Index(fields=["member", "month"], name="payment_member_month"),
            models.Index(fields=["unit", "month"], name="payment_unit_month"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.month:%Y-%m}: {self.amount}"


class Remittance(models.Model):
    """What a cell hands up to its superior from one month's collection."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="remittances")
    month = models.DateField(_("month"))
    collected = models.PositiveBigIntegerField(_("collected (đồng)"))
    kept = models.PositiveBigIntegerField(_("kept by the cell (đồng)"))
    remitted = models.PositiveBigIntegerField(_("remitted (đồng)"))
    remitted_on = models.DateField(_("remitted on"))
    rule_set = models.ForeignKey("core.RuleSet", null=True, blank=True, on_delete=models.PROTECT)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="remittance_once_a_month"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%Y-%m}: {self.remitted}"


class FlagKind(models.TextChoices):
    ABSENT = "absent_without_reason", _("Absent from cell meetings without reason")
    FEES_UNPAID = "fees_unpaid", _("Party fees unpaid")
    PROBATION_DUE = "probation_due", _("Probation ending: recognition due")
    EXEMPTION_ELIGIBLE = "exemption_eligible", _("Eligible for exemption by age")


class FlagDecision(models.Model):
    """How a Charter flag was settled. Flags are computed from the records; a decision never
    hides one silently: the flag stays listed, with this decision beside it."""

    class Outcome(models.TextChoices):
        VALID_REASON = "valid_reason", _("A valid reason was found")
        REMINDED = "reminded", _("Reminded and educated")
        PROPOSED_REMOVAL = "proposed_removal", _("The cell proposes removal from the register")
        RECOGNITION_PROPOSED = "recognition_proposed", _("Official recognition proposed")
        PROBATION_FAILED = "probation_failed", _("Not recognized")
        EXEMPTION_OFFERED = "exemption_offered", _("Exemption explained; member declines")
        OTHER = "other", _("Other")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="flag_decisions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("flag"), max_length=24, choices=FlagKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices)
    decided_on = models.DateField(_("decided on"))
    reference = models.CharField(_("decision or minutes reference"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="flag_decisions"
    )
    rule_set = models.ForeignKey("core.RuleSet", null=True, blank=True, on_delete=models.PROTECT)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["member", "kind", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["member", "kind", "year"], name="one_decision_a_flag"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.year}: {self.outcome}"


class CalendarFeed(models.Model):
    """A member's personal iCalendar address; the key in the URL is the only credential a
    calendar app can carry, so it grants nothing but this read-only feed and can be reset."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"


class Reminder(models.Model):
    """A reminder sent, so the same one is not sent twice."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        FEES = "fees", _("Party fees")
        TASK = "task", _("Overdue task")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    subject_key = models.CharField(max_length=64)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "subject_key"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_key} to {self.user_id}"
