from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "guong.demo"
    label = "demo"
