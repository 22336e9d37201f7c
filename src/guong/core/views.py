"""Shared pages: importing units and members with a preview, and downloading what one may see.

The import page checks an uploaded file with a dry run and shows its first rows and every
problem; the file waits in a staging directory, named by its SHA-256 and bound to the user's
session, until the user confirms. Nothing is written before that.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRedirect

from guong.accounts.roles import EXPORT, IMPORT
from guong.members import exports as member_exports
from guong.members.forms import MemberFilterForm
from guong.members.imports import COLUMNS as MEMBER_COLUMNS
from guong.org import exports as unit_exports
from guong.org.imports import COLUMNS as UNIT_COLUMNS
from guong.org.queries import unit_for

from . import scope
from .errors import Invalid
from .forms import ConfirmImportForm, ImportForm
from .http import page, require_anywhere, wants_fragment
from .imports import Sheet, importer, run_import, summary
from .text import format_date

COLUMNS = {"members": MEMBER_COLUMNS, "units": UNIT_COLUMNS}
PREVIEW_ROWS = 20
SHOWN_ERRORS = 1000  # a page cannot usefully list more; the count says how many there are
SESSION_KEY = "guong_import"
STAGING_HOURS = 24
TEMPLATE = "core/import.html"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@page
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a file and see its preview (POST), or confirm the file checked last."""
    require_anywhere(request.user, IMPORT)
    if request.method == "POST" and "sha256" in request.POST:
        return _confirm(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        context.update(_check(request, form.cleaned_data["kind"], form.cleaned_data["file"]))
    return _render(request, context)


def _check(request: HttpRequest, kind: str, upload) -> dict:
    """Dry-run the upload; when it would import, keep it for the confirmation."""
    data, name = upload.read(), Path(upload.name or "file").name
    read, run = importer(kind)
    context: dict = {"kind": kind, "file_name": name}
    try:
        sheet = read(data, name)
    except Invalid as error:
        return {**context, "invalid": error, **_error_rows(error, None, kind)}
    context.update(_preview(sheet, kind))
    try:
        result = run(sheet, actor=request.user, dry_run=True)
    except Invalid as error:
        return {**context, "invalid": error, **_error_rows(error, sheet, kind)}
    _stage(request, kind, name, data, sheet.sha256)
    return {
        **context,
        "result": result,
        "summary": summary(result),
        "confirm": ConfirmImportForm(initial={"kind": kind, "sha256": sheet.sha256}),
    }


def _confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmImportForm(request.POST)
    staged = request.session.get(SESSION_KEY) or {}
    path = _staged_path(request, form.data.get("sha256", ""))
    if (
        not form.is_valid()
        or staged.get("sha256") != form.cleaned_data["sha256"]
        or staged.get("kind") != form.cleaned_data["kind"]
        or not path.exists()
    ):
        messages.error(request, _("This file is no longer waiting; upload it again."))
        return _back(request)
    try:
        _sheet, result = run_import(
            staged["kind"], path.read_bytes(), staged["name"], actor=request.user
        )
    except Invalid as error:
        context = {
            "form": ImportForm(initial={"kind": staged["kind"]}),
            "invalid": error,
            "kind": staged["kind"],
            "file_name": staged["name"],
            **_error_rows(error, None, staged["kind"]),
        }
        return _render(request, context)
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
    messages.success(request, summary(result))
    return _back(request)


def _render(request: HttpRequest, context: dict) -> HttpResponse:
    context["columns"] = {
        kind: [(name, column.label, column.required) for name, column in columns.items()]
        for kind, columns in COLUMNS.items()
    }
    template = TEMPLATE + "#preview" if wants_fragment(request) else TEMPLATE
    return render(request, template, context)


def _back(request: HttpRequest) -> HttpResponse:
    if wants_fragment(request):
        return HttpResponseClientRedirect("/import/")
    return redirect("import")


def _preview(sheet: Sheet, kind: str) -> dict:
    names = [name for name in COLUMNS[kind] if name in sheet.headers]
    return {
        "headers": [sheet.headers[name] for name in names],
        "rows": [
            (row.number, [_cell(row.values.get(name)) for name in names])
            for row in sheet.rows[:PREVIEW_ROWS]
        ],
        "total": len(sheet.rows),
        "ignored": sheet.ignored,
        "encoding": sheet.encoding,
    }


def _error_rows(error: Invalid, sheet: Sheet | None, kind: str) -> dict:
    headers = sheet.headers if sheet else {}
    labels = {name: column.label for name, column in COLUMNS[kind].items()}
    errors = [
        {
            "row": item.get("row"),
            "column": headers.get(item.get("field")) or labels.get(item.get("field"), ""),
            "message": item["message"],
        }
        for item in error.errors[:SHOWN_ERRORS]
    ]
    bad_rows = {item.get("row") for item in error.errors if item.get("row")}
    return {
        "errors": errors,
        "error_count": len(error.errors),
        "bad_rows": len(bad_rows),
        "hidden_errors": max(len(error.errors) - SHOWN_ERRORS, 0),
    }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


# --- the staging directory ------------------------------------------------------------------


def _staging_dir() -> Path:
    directory = Path(
        getattr(settings, "GUONG_IMPORT_DIR", "") or Path(tempfile.gettempdir()) / "guong-imports"
    )
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _staged_path(request: HttpRequest, sha256: str) -> Path:
    """Where the user's checked file waits; the name binds it to the user and its content."""
    safe = "".join(c for c in sha256 if c in "0123456789abcdef")[:64]
    return _staging_dir() / f"{request.user.pk}-{safe}.upload"


def _stage(request: HttpRequest, kind: str, name: str, data: bytes, sha256: str) -> None:
    cutoff = time.time() - STAGING_HOURS * 3600
    for old in _staging_dir().glob("*.upload"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    _staged_path(request, sha256).write_bytes(data)
    request.session[SESSION_KEY] = {"kind": kind, "name": name, "sha256": sha256}


# --- downloads ------------------------------------------------------------------------------


@require_GET
@page
def export_members(request: HttpRequest, file_format: str) -> HttpResponse:
    """/export/members.xlsx|csv?unit=&q=&status=&gender=&ordering=: the list as a file."""
    require_anywhere(request.user, EXPORT)
    member_filter = MemberFilterForm(request.GET).member_filter(request.user)
    if member_filter.unit is not None:
        scope.require(request.user, EXPORT, member_filter.unit)
    data = member_exports.export_members(request.user, member_filter, file_format)
    return _download(data, "dang-vien", member_filter.unit, file_format)


@require_GET
@page
def export_units(request: HttpRequest, file_format: str) -> HttpResponse:
    """/export/units.xlsx|csv?unit=: the units of a subtree as a file."""
    require_anywhere(request.user, EXPORT)
    code = request.GET.get("unit", "").strip()
    unit = unit_for(request.user, code, EXPORT) if code else None
    data = unit_exports.export_units(request.user, unit, file_format)
    return _download(data, "to-chuc-dang", unit, file_format)


def _download(data: bytes, stem: str, unit, file_format: str) -> HttpResponse:
    parts = [stem, unit.code if unit else "", timezone.localdate().isoformat()]
    name = "-".join(part for part in parts if part) + "." + file_format
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
