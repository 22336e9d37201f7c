"""Template filters for Gương's pages: Vietnamese numbers and dates (from core.text), icons,
permission checks for menus, and Bootstrap classes on form widgets."""

from __future__ import annotations

import datetime as dt

from django import forms, template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language

from guong.core import scope, text

register = template.Library()


@register.filter
def number(value) -> str:
    """6612 → "6.612" in Vietnamese, "6,612" in English."""
    if value in (None, ""):
        return text.DASH
    return text.format_number(value, lang=get_language() or "vi")


@register.filter
def percent(part, whole) -> str:
    """{{ part|percent:whole }} → "12,2%"; "—" when the whole is zero."""
    return text.format_percent(part or 0, whole or 0, lang=get_language() or "vi")


@register.filter
def dmy(value: dt.date | None) -> str:
    """A date as dd/mm/yyyy ("—" for none)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return text.format_date(value, lang=get_language() or "vi")


@register.filter
def may(user, permission: str) -> bool:
    """{% if user|may:"audit.view" %}: the user holds the permission on some unit."""
    return scope.prefixes(user, permission) != []


@register.simple_tag
def icon(name: str, label: str = "") -> str:
    """An icon from the vendored Bootstrap Icons sprite; decorative unless a label is given."""
    href = f"{static('vendor/icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="bi" role="img" aria-label="{}"><use href="{}"></use></svg>', label, href
        )
    return format_html('<svg class="bi" aria-hidden="true"><use href="{}"></use></svg>', href)


@register.filter
def bs(field: forms.BoundField) -> str:
    """The field's widget with Bootstrap's classes, marked invalid when it has errors."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    if field.errors:
        attrs["aria-describedby"] = f"{field.auto_id}_errors"
    elif field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}_help"
    return field.as_widget(attrs=attrs)


@register.filter
def changes(event) -> list[tuple[str, object, object]]:
    """An audit event's fields as (name, before, after), for a "before → after" table."""
    before, after = event.before or {}, event.after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return [(key, before.get(key), after.get(key)) for key in keys]


@register.filter
def minutes(value: dt.timedelta | None) -> int:
    """A duration in whole minutes, rounded up (a lockout of 29.5 minutes reads 30)."""
    if not value:
        return 0
    return -(-int(value.total_seconds()) // 60)
