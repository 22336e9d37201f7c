from django.db import models
from django.utils.translation import gettext_lazy as _

PATH_STEP = 9  # each tree level adds a 9-digit, zero-padded id and a dot to `path`


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit: "Unit") -> "UnitQuerySet":
        return self.filter(path__startswith=unit.path)

    def active(self) -> "UnitQuerySet":
        return self.filter(ended_on__isnull=True)

    def visible_to(self, user, permission: str = "units.view") -> "UnitQuerySet":
        from guong.core import scope

        return scope.restrict_units(self, user, permission)


class Unit(models.Model):
    """A party organization at any level: a committee (đảng bộ) or a cell (chi bộ).

    The tree has no fixed depth. `path` holds the ids from the root down ("000000001.000000007."),
    so a subtree is a prefix match on an index, never recursion in Python.
    """

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Party committee (đảng bộ)")
        CELL = "cell", _("Party cell (chi bộ)")

    class Sector(models.TextChoices):
        COMMUNE = "commune", _("Commune, ward, town")
        AGENCY = "agency", _("Agency")
        PUBLIC_SERVICE = "public_service", _("Public service unit")
        ENTERPRISE = "enterprise", _("Enterprise")
        ARMED_FORCES = "armed_forces", _("Armed forces")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, default="")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    grassroots = models.BooleanField(_("grassroots organization"), default=False)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    path = models.CharField(max_length=255, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name=_("successor"),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [
            models.Index(fields=["path"], name="unit_path", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "name"], name="unit_children"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.split(".") if part]


class UnitTally(models.Model):
    """Member and unit counts of one unit, kept by the services that change them.

    `probationary` … `suspended` count the members held directly in the unit; the `sub_*`
    columns count the whole active subtree, the unit itself included. A service that moves a
    member or a unit adjusts the unit and its ancestors (their ids are in `path`) in one
    statement, so a dashboard reads one row for a cell or for the whole country.
    `guong recount` rebuilds every row from the records.
    """

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    probationary = models.IntegerField(default=0)
    full = models.IntegerField(default=0)
    exempt = models.IntegerField(default=0)
    suspended = models.IntegerField(default=0)
    sub_probationary = models.IntegerField(default=0)
    sub_full = models.IntegerField(default=0)
    sub_exempt = models.IntegerField(default=0)
    sub_suspended = models.IntegerField(default=0)
    sub_units = models.IntegerField(default=0)
    sub_cells = models.IntegerField(default=0)
    sub_committees = models.IntegerField(default=0)
    sub_grassroots = models.IntegerField(default=0)
    sub_grassroots_commune = models.IntegerField(default=0)
    sub_grassroots_agency = models.IntegerField(default=0)
    sub_grassroots_public_service = models.IntegerField(default=0)
    sub_grassroots_enterprise = models.IntegerField(default=0)
    sub_grassroots_armed_forces = models.IntegerField(default=0)
    sub_grassroots_other = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"tally of unit {self.unit_id}"

    @property
    def members(self) -> int:
        return self.sub_probationary + self.sub_full + self.sub_exempt + self.sub_suspended


class UnitChange(models.Model):
    """The restructuring history of a unit: created, renamed, moved, merged, dissolved."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        RENAMED = "renamed", _("Renamed")
        MOVED = "moved", _("Moved under a new parent")
        MERGED = "merged", _("Merged into another unit")
        ABSORBED = "absorbed", _("Received merged units")
        DISSOLVED = "dissolved", _("Dissolved")
        UPDATED = "updated", _("Details updated")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    on = models.DateField()
    old_value = models.CharField(max_length=255, blank=True)
    new_value = models.CharField(max_length=255, blank=True)
    related = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=255, blank=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"
