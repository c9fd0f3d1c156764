from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "openvth.web"
    verbose_name = _("Webschil")

    def ready(self):
        # Imported when the app is ready, as Django's checks are registered; the import registers the deploy check.
        from . import statisch  # noqa: F401
