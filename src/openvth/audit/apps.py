from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from .keten import registreer_sqlite_functie


class AuditConfig(AppConfig):
    name = "openvth.audit"
    verbose_name = _("Audit en inzagelog")

    def ready(self):
        connection_created.connect(registreer_sqlite_functie, dispatch_uid="openvth_audit_legen")
