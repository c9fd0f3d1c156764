"""The django-import-export reference: the same CSV rows into the same model, in its bulk mode.

django-import-export maps one file to one model; the rows become new `Activiteituitvoering` records at the
VTH-objects our importer already created from the same rows (looked up by `lokaal_id`), with activity and
organisations resolved by code through `ForeignKeyWidget`. So it does less than our importer (no places, objects
or parties, no authority rules, no access check, no quality report): the ratio is conservative.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from import_export import fields, resources, widgets
from tablib import Dataset

from openvth.organisaties.models import Organisatie
from openvth.register.models import Activiteit, Activiteituitvoering, VthObject

BRON_SYSTEEM = "import-export"


class UitvoeringResource(resources.ModelResource):
    activiteit = fields.Field("activiteit", "activiteit", widgets.ForeignKeyWidget(Activiteit, "code"))
    vth_object = fields.Field("vth_object", "vth_object", widgets.ForeignKeyWidget(VthObject, "lokaal_id"))
    gemeente = fields.Field("gemeente", "gemeente", widgets.ForeignKeyWidget(Organisatie, "code"))
    bevoegd_gezag = fields.Field("bevoegd_gezag", "bevoegd_gezag", widgets.ForeignKeyWidget(Organisatie, "code"))
    toezichtinstantie = fields.Field(
        "toezichtinstantie", "toezichtinstantie", widgets.ForeignKeyWidget(Organisatie, "code")
    )

    class Meta:
        model = Activiteituitvoering
        fields = (
            "bron_id",
            "activiteit",
            "vth_object",
            "gemeente",
            "bevoegd_gezag",
            "toezichtinstantie",
            "status",
            "legitimatie",
            "kwalificatiecodes",
            "vertrouwelijkheid",
            "uuid",
            "bron_systeem",
        )
        import_id_fields = ("uuid",)
        use_bulk = True
        batch_size = 1000
        skip_diff = True
        skip_unchanged = False
        force_init_instance = True
        use_transactions = True


def importeer(pad: Path, lokaal_voorvoegsel: str) -> tuple[int, float]:
    """Import the file; returns (rows, seconds of `import_data` alone, file reading excluded)."""
    dataset = Dataset().load(pad.read_text(encoding="utf-8"), format="csv")
    dataset.append_col([f"{lokaal_voorvoegsel}{v}" for v in dataset["vth_object_id"]], header="vth_object")
    dataset.append_col([str(uuid.uuid4()) for _ in range(dataset.height)], header="uuid")
    dataset.append_col([BRON_SYSTEEM] * dataset.height, header="bron_systeem")
    dataset.append_col([f";{k};" if k else "" for k in dataset["kwalificaties"]], header="kwalificatiecodes")
    begin = time.perf_counter()
    uitslag = UitvoeringResource().import_data(dataset, dry_run=False, raise_errors=True)
    duur = time.perf_counter() - begin
    if uitslag.has_errors() or uitslag.has_validation_errors():
        raise RuntimeError(f"django-import-export meldt fouten: {uitslag.totals}")
    aantal = Activiteituitvoering.objects.filter(bron_systeem=BRON_SYSTEEM).count()
    if aantal != dataset.height:
        raise RuntimeError(f"django-import-export schreef {aantal} van {dataset.height} rijen")
    return aantal, duur
