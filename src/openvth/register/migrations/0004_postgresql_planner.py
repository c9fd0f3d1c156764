"""PostgreSQL: plan for data in memory or on SSD (random_page_cost 1.1 instead of the spinning-disk default 4).

With the default, the planner preferred hashing all 500,000 VTH-objects over a few thousand index probes for a
filtered register list (155 ms instead of 33 ms, docs/scaling.md). The register is memory-sized, so 1.1 is the
truthful cost. Set for this database (new sessions); a role without the right to alter the database gets a
notice and keeps the server's value, and an operator can override it (docs/scaling.md). SQLite: nothing to do.
"""

from django.db import migrations

ZET = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'random_page_cost niet gezet: geen recht om de database te wijzigen';
END $$
"""
TERUG = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I RESET random_page_cost', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    NULL;
END $$
"""


def _uitvoeren(sql):
    def uitvoeren(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return uitvoeren


class Migration(migrations.Migration):
    dependencies = [("register", "0003_zoekindex")]

    operations = [migrations.RunPython(_uitvoeren(ZET), _uitvoeren(TERUG))]
