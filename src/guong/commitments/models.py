"""Yearly personal commitments (đăng ký làm theo) in 5 rõ form, their milestones, and what the
checker found in them; copy detection keeps MinHash signatures and LSH buckets per grassroots
organization and year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guong.documents.models import YearlyTheme
from guong.members.models import Member
from guong.org.models import Unit


class Commitment(models.Model):
    class State(models.TextChoices):
        # draft → submitted → approved (or returned → submitted again) → mid-year checked
        # → evaluated. Who moves each step: the member or, for paper registrations, the cell's
        # secretary (entered_by); approval, the check and the evaluation are the cell's.
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved by the cell")
        MID_YEAR = "mid_year", _("Checked at mid-year")
        EVALUATED = "evaluated", _("Evaluated at year end")

    class Result(models.TextChoices):
        ACHIEVED = "achieved", _("Achieved")
        PARTLY = "partly", _("Partly achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="commitments")
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("cell")
    )
    # The grassroots organization above the cell: the scope of the copy check.
    grassroots = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    theme = models.ForeignKey(
        YearlyTheme, null=True, blank=True, on_delete=models.PROTECT, related_name="commitments"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    # 5 rõ: who (the member), what (content), by when (due_on + milestones), responsibility,
    # result (measurable_result).
    content = models.TextField(_("what I commit to"))
    duty = models.TextField(_("the duty it serves"), blank=True)
    measurable_result = models.TextField(_("measurable result"), blank=True)
    solutions = models.TextField(_("solutions"), blank=True)
    responsibility = models.CharField(_("responsibility"), max_length=255, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    # The checker's findings at the last save: [{"code": …, "message": …, "detail": …}].
    flags = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    # MinHash signature over syllable shingles of the normalized text (see commitments.minhash).
    signature = models.BinaryField(null=True, blank=True, editable=False)
    return_comment = models.TextField(_("comment when returned"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mid_year_note = models.TextField(_("mid-year check"), blank=True)
    mid_year_on = models.DateField(null=True, blank=True)
    result = models.CharField(_("result"), max_length=12, choices=Result.choices, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    cell_assessment = models.TextField(_("the cell's assessment"), blank=True)
    evaluated_on = models.DateField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who typed it in, when not the member (paper registrations).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["year", "unit", "member__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="one_commitment_a_year"),
        ]
        indexes = [
            models.Index(fields=["unit", "year", "state"], name="commitment_unit_year"),
            models.Index(fields=["grassroots", "year"], name="commitment_grassroots_year"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.year}"


class Milestone(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    due_on = models.DateField(_("date"))
    description = models.CharField(_("what"), max_length=500)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["commitment", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.description[:40]}"


class Bucket(models.Model):
    """One LSH band of a commitment's signature: commitments sharing a (scope, year, band,
    bucket) are candidates for the copy check. Kept incrementally on every save."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="buckets")
    grassroots = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    band = models.PositiveSmallIntegerField()
    bucket = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["grassroots", "year", "band", "bucket"], name="bucket_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} band {self.band}"
