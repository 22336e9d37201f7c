"""The hash-chained audit log: every service write appends here."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from .models import AuditEvent, AuditHead

GENESIS = "0" * 64
_LOCK_KEY = 4_711_2026  # pg_advisory_xact_lock key serializing appends


@dataclass
class Change:
    action: str
    obj: models.Model | None
    before: dict | None = None
    after: dict | None = None
    object_type: str = ""
    object_id: str = ""
    object_repr: str = ""


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict:
    return jsonable({f: getattr(obj, f) for f in fields})


def jsonable(value):
    return json.loads(json.dumps(value, default=_default, ensure_ascii=False))


def record(
    actor,
    action: str,
    obj: models.Model | None,
    *,
    before=None,
    after=None,
    object_type: str = "",
    object_id: str = "",
) -> AuditEvent:
    return record_many(actor, [Change(action, obj, before, after, object_type, object_id)])[0]


@transaction.atomic
def record_many(actor, changes: list[Change]) -> list[AuditEvent]:
    """Append events in one go (imports write thousands); the chain stays linear."""
    head = _locked_head()
    now = timezone.now()
    events = []
    for change in changes:
        event = _build(actor, change, now, head.seq + 1, head.hash)
        head.seq, head.hash = event.seq, event.hash
        events.append(event)
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    head.save(update_fields=["seq", "hash"])
    return events


def verify(chunk_size: int = 5000) -> tuple[int, AuditEvent | None, str]:
    """Walk the chain; return (events checked, first broken event or None, reason)."""
    prev, expected_seq, checked = GENESIS, 1, 0
    last = None
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if event.seq != expected_seq:
            return checked, event, f"sequence jumps from {expected_seq - 1} to {event.seq}"
        if event.prev_hash != prev:
            return checked, event, "does not link to the event before it"
        if event_hash(event) != event.hash:
            return checked, event, "its content was altered"
        prev, expected_seq, checked, last = event.hash, expected_seq + 1, checked + 1, event
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.seq != checked or head.hash != prev):
        return checked, last, f"the log ends at #{checked} but {head.seq} events were written"
    return checked, None, ""


def history(obj: models.Model):
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


def event_hash(event: AuditEvent) -> str:
    payload = {
        "seq": event.seq,
        "at": event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((event.prev_hash + text).encode()).hexdigest()


def _build(actor, change: Change, now, seq: int, prev_hash: str) -> AuditEvent:
    obj = change.obj
    event = AuditEvent(
        seq=seq,
        at=now,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "username", "") or "system",
        action=change.action,
        object_type=change.object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=change.object_id or (str(obj.pk) if obj is not None else ""),
        object_repr=(change.object_repr or str(obj) if obj is not None else change.object_repr)[
            :255
        ],
        before=jsonable(change.before) if change.before is not None else None,
        after=jsonable(change.after) if change.after is not None else None,
        prev_hash=prev_hash,
    )
    event.hash = event_hash(event)
    return event


def _locked_head() -> AuditHead:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    return head


def _default(value):
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)
