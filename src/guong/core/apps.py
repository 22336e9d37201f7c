from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "guong.core"
    label = "core"
    verbose_name = "Core"
