from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "guong.meetings"
    label = "meetings"
    verbose_name = _("Meetings and party fees")
