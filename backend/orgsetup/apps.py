from django.apps import AppConfig


class OrgsetupConfig(AppConfig):
    name = "orgsetup"
    verbose_name = "Organisation setup"
