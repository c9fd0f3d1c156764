"""API: risk analysis runs, the execution programme, inspections, findings, chains and the site dossier.

Thin: every handler reads through `selectors`/`dossier` and writes through `services`; bad input raises
`OngeldigeInvoer` (400 problem+json with invalidParams), an unseen record `NietGevonden` (404). Steps of a controle
are POSTs on sub-resources (`/controles/{id}/uitvoeren`, …), each an audited service call.

One router per sub-domain, each with its schemas next to its routes; `basis` holds what they share. They are
mounted here in a fixed order, which is the order of the paths and schemas in openapi.json.
"""

from __future__ import annotations

from ninja import Router

from openvth.api.auth import INGELOGD

from . import bevindingen, bijlagen, checklists, controles, dossier, ketens, programma, risico

router = Router(tags=["toezicht"], auth=INGELOGD)
for deel in (risico, programma, controles, bevindingen, bijlagen, checklists, ketens, dossier):
    router.add_router("", deel.router)
