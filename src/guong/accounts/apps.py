from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "guong.accounts"
    label = "accounts"
