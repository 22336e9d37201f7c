from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "guong.org"
    label = "org"
