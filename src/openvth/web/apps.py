from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "openvth.web"
    verbose_name = _("Webschil")

    def ready(self):
        from . import statisch  # noqa: F401  (registers the deploy check of the static files)
