from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One link of the append-only, hash-chained audit log.

    `hash` = SHA-256 over the previous link's hash and this event's canonical JSON, so altering
    or removing any row breaks every link after it (`guong audit verify`).
    """

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=255, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"], name="audit_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """The chain's last link, so that cutting events off the end is caught too."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


class RuleSet(models.Model):
    """A dated set of thresholds taken from one regulation (DOMAIN.md: rules as data).

    Chosen by the date of the fact it judges; decisions record the rule set they used.
    """

    family = models.CharField(_("family"), max_length=40)
    code = models.CharField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=255)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("source document"), max_length=255)
    params = models.JSONField(_("parameters"), default=dict)

    class Meta:
        ordering = ["family", "valid_from"]

    def __str__(self) -> str:
        return self.code

    def cite(self, key: str) -> str:
        """Where a parameter comes from: the set's source and the article noted for the key."""
        article = self.params.get("_articles", {}).get(key, "")
        return f"{self.source}{', ' + article if article else ''} ({self.code})"
