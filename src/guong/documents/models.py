"""The party's documents and how they cascade down the tree: a regulation issued by a committee
is concretized by the units below it ("15/15"); the yearly themes under Directive 05; each unit's
ethics standards."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guong.org.models import Unit


class Document(models.Model):
    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")  # NQ
        DIRECTIVE = "directive", _("Directive")  # CT
        REGULATION = "regulation", _("Regulation")  # QĐ, QĐi
        DECISION = "decision", _("Decision")  # QĐ
        PLAN = "plan", _("Plan")  # KH
        GUIDANCE = "guidance", _("Guidance")  # HD
        CONCLUSION = "conclusion", _("Conclusion")  # KL
        REPORT = "report", _("Report")  # BC
        OTHER = "other", _("Other")

    # "05-CT/TW": number 5, kind abbreviation "CT", issuer abbreviation "TW" (DOMAIN.md, Documents).
    symbol = models.CharField(_("symbol"), max_length=40)
    number = models.PositiveIntegerField(_("number"))
    kind_code = models.CharField(max_length=8)
    issuer_code = models.CharField(max_length=20)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    title_folded = models.CharField(max_length=500, editable=False, default="")
    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="documents", verbose_name=_("issued by")
    )
    issued_on = models.DateField(_("issued on"))
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    concretizes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="concretizations",
        verbose_name=_("concretizes"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-id"]
        constraints = [
            # Numbering restarts each committee term, so a symbol repeats across years.
            models.UniqueConstraint(
                fields=["issuer", "symbol", "issued_on"], name="document_symbol_once"
            ),
        ]
        indexes = [
            models.Index(fields=["issuer", "issued_on"], name="document_issuer_date"),
            models.Index(fields=["symbol"], name="document_symbol"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.title[:60]}"


class Attachment(models.Model):
    """A file of a document, stored under GUONG_DATA_DIR (outside the web root) and served only
    to users who may see the document."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="documents/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "id"]

    def __str__(self) -> str:
        return self.original_name


class Cascade(models.Model):
    """A document's demand that units below its issuer concretize it by a date."""

    class Target(models.TextChoices):
        CHILDREN = "children", _("The issuing unit's direct subordinates")
        GRASSROOTS = "grassroots", _("All grassroots organizations below the issuer")
        CHOSEN = "chosen", _("A chosen list of units")

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="cascade")
    target = models.CharField(_("required of"), max_length=10, choices=Target.choices)
    due_on = models.DateField(_("due on"))
    # The units required, fixed when the cascade is set (the tree may change afterwards).
    units = models.ManyToManyField(Unit, through="CascadeUnit", related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"cascade of {self.document_id} by {self.due_on}"


class CascadeUnit(models.Model):
    cascade = models.ForeignKey(Cascade, on_delete=models.CASCADE, related_name="required")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cascades_required")
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cascade", "unit"], name="cascade_unit_once"),
        ]

    def __str__(self) -> str:
        return f"{self.cascade_id} → {self.unit_id}"


class YearlyTheme(models.Model):
    """The year's theme (chuyên đề năm) under Directive 05, chosen by a committee for its subtree;
    a member's commitment follows the nearest theme above their cell."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="yearly_themes")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("theme"), max_length=500)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="themes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_theme_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.title[:60]}"


class EthicsStandard(models.Model):
    """A unit's ethics standards (chuẩn mực đạo đức): a short list, adopted on a date."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="ethics_standards")
    adopted_on = models.DateField(_("adopted on"))
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_on = models.DateField(_("replaced on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "-adopted_on"]

    def __str__(self) -> str:
        return self.title


class EthicsItem(models.Model):
    standard = models.ForeignKey(EthicsStandard, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("standard"), max_length=1000)

    class Meta:
        ordering = ["standard", "position", "id"]

    def __str__(self) -> str:
        return self.text[:60]
