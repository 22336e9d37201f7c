"""Forms of the shared pages: the import page's upload and its confirmation."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from guong.core.text import format_number

KIND_CHOICES = [("members", _("Members")), ("units", _("Units (party committees and cells)"))]


class ImportForm(forms.Form):
    """A file to check: nothing is written until its preview is confirmed."""

    kind = forms.ChoiceField(
        label=_("The file holds"), choices=KIND_CHOICES, initial="members", widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8, Windows-1258 or TCVN3) or Excel (.xlsx); the first row holds "
            "the column names."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.GUONG_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": format_number(limit // (1024 * 1024))}
            )
        return upload


class ConfirmImportForm(forms.Form):
    """Confirms the file checked last, named by its SHA-256."""

    kind = forms.ChoiceField(choices=KIND_CHOICES, widget=forms.HiddenInput)
    sha256 = forms.CharField(
        widget=forms.HiddenInput, validators=[RegexValidator(r"^[0-9a-f]{64}$")]
    )
