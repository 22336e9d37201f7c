from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "guong.members"
    label = "members"
