"""The privacy officer's access request pages (AVG art. 15): find the person, see and export what is held and who
read it (`inzageverzoek`)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import render

from . import bestanden, inzageverzoek
from .acteur import actor_van


def _officier(request):
    actor = actor_van(request)
    if actor.anoniem:
        return None, redirect_to_login(request.get_full_path())
    return actor, None


def zoeken(request):
    """Search a natural person by name, KvK or establishment number (never BSN)."""
    actor, omleiding = _officier(request)
    if omleiding:
        return omleiding
    q = request.GET.get("q", "")[:200]
    personen = inzageverzoek.personen_zoeken(actor=actor, q=q) if q else []  # 403 and 404: web.fouten
    return render(request, "web/inzageverzoek.html", {"q": q, "personen": personen, "gezocht": bool(q)})


def persoon(request, uuid: UUID, formaat: str = "html"):
    """What the organisation holds on the person and who read it; as a page, CSV or PDF."""
    actor, omleiding = _officier(request)
    if omleiding:
        return omleiding
    verzoek = inzageverzoek.inzageverzoek(actor=actor, persoon_uuid=uuid)
    if formaat == "html":
        return render(request, "web/inzageverzoek_persoon.html", {"v": verzoek, "uuid": uuid})
    if formaat == "csv":
        antwoord = HttpResponse(inzageverzoek.csv_tekst(verzoek), content_type="text/csv; charset=utf-8")
    else:
        antwoord = HttpResponse(inzageverzoek.pdf(verzoek), content_type="application/pdf")
    antwoord["Content-Disposition"] = bestanden.content_disposition(inzageverzoek.bestandsnaam(verzoek, formaat))
    return antwoord
