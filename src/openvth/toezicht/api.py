"""API: risk analysis runs, the execution programme, inspections, findings, chains and the site dossier."""

from ninja import Router

router = Router(tags=["toezicht"])
