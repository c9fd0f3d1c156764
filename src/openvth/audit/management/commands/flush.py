"""Django's flush, which empties every table: on SQLite the audit tables' DELETE trigger lets it (ADR 0022).

On PostgreSQL flush truncates, which the triggers do not trap either (ADR 0010). The test suite flushes between
browser tests; on a live system flush is the operator's reset of the whole database, audit trail included.
"""

from django.core.management.commands.flush import Command as DjangoFlush

from openvth.audit.keten import legen_toegestaan


class Command(DjangoFlush):
    def handle(self, **options):
        with legen_toegestaan():
            return super().handle(**options)
