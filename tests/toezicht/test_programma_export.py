"""The execution programme exported for adoption by the competent authority (issue 13 item 4): CSV and PDF with
the hours per task category and per authority, totals against capacity and what did not fit; on the programme
page and in the API; another organisation gets 404."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from openvth.organisaties.models import Organisatie
from openvth.organisaties.services import systeem_actor, token_maken
from openvth.toezicht import programma_export, services
from tests.toezicht.test_views import klant

pytestmark = pytest.mark.django_db
JAAR = timezone.localdate().year + 1
CAPACITEIT = {"milieu": 400, "afval": 100, "agrarisch": 80, "complexe bedrijven": 200}


@pytest.fixture
def programma(planner, modelversie):
    analyse = services.risicoanalyse_uitvoeren(actor=planner, modelversie=modelversie)
    return services.programma_genereren(actor=planner, analyse=analyse, jaar=JAAR, capaciteit=CAPACITEIT)


def _rijen(tekst: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(tekst), delimiter=";"))


def test_csv_uren_per_categorie_gezag_expertise_en_wat_niet_paste(planner, programma):
    g = programma_export.gegevens(actor=planner, programma=programma)
    rijen = _rijen(programma_export.csv_tekst(g))
    per = {}
    for r in rijen:
        per.setdefault(r["onderdeel"], []).append(r)
    assert {"taakcategorie", "bevoegd gezag", "expertise", "totaal", "niet ingepland", "niet ingepland object"} <= set(
        per
    )
    totaal_uren = Decimal(per["totaal"][0]["uren"])
    assert totaal_uren == programma.taken.aggregate(u=Sum("normuren"))["u"].quantize(Decimal("0.1"))
    # each breakdown adds up to the total: nothing lost between the parts
    for onderdeel in ("taakcategorie", "bevoegd gezag", "expertise"):
        assert sum(Decimal(r["uren"]) for r in per[onderdeel]) == totaal_uren, onderdeel
        assert sum(int(r["taken"]) for r in per[onderdeel]) == int(per["totaal"][0]["taken"]), onderdeel
    assert Decimal(per["totaal"][0]["capaciteit"]) == sum(Decimal(v) for v in CAPACITEIT.values())
    expertise = {r["naam"]: r for r in per["expertise"]}
    for naam, uren in CAPACITEIT.items():
        assert Decimal(expertise[naam]["capaciteit"]) == uren
        assert Decimal(expertise[naam]["uren"]) <= uren
    verslag = programma.verslag["per_expertise"]
    assert sum(int(r["taken"]) for r in per["niet ingepland"]) == sum(
        v["niet_ingepland_taken"] for v in verslag.values()
    )
    namen = {r["naam"] for r in per["niet ingepland object"]}
    assert len(per["niet ingepland object"]) == len(programma.verslag["hoogste_niet_ingepland"])
    assert "(niet zichtbaar)" not in namen  # the planner's own region: every object has its name


def test_csv_cel_geen_formule(planner, programma):
    g = programma_export.gegevens(actor=planner, programma=programma)
    rijen = _rijen(
        programma_export.csv_tekst(
            g.__class__(**{**g.__dict__, "per_bevoegd_gezag": (programma_export.Regel("=SOM(A1)", 1, Decimal(1)),)})
        )
    )
    assert [r["naam"] for r in rijen if r["onderdeel"] == "bevoegd gezag"] == ["'=SOM(A1)"]


def test_pdf_bevat_de_tabellen(planner, programma):
    g = programma_export.gegevens(actor=planner, programma=programma)
    assert programma_export.pdf(g).startswith(b"%PDF")
    tekst = programma_export.html(g)
    for kop in (
        "Uitvoeringsprogramma",
        "Per taakcategorie",
        "Per bevoegd gezag",
        "Wat niet in de capaciteit paste",
        "Hoogste risico",
    ):
        assert kop in tekst
    assert g.per_bevoegd_gezag[0].naam in tekst


def test_pagina_links_en_downloads(planner, programma, medewerker):
    web = klant(planner)
    pagina = web.get(reverse("toezicht:programma", args=[programma.uuid])).content.decode()
    csv_url = reverse("toezicht:programma_csv", args=[programma.uuid])
    pdf_url = reverse("toezicht:programma_pdf", args=[programma.uuid])
    assert csv_url in pagina and pdf_url in pagina
    antwoord = web.get(csv_url)
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    assert f"uitvoeringsprogramma-{JAAR}-" in antwoord["Content-Disposition"]
    assert _rijen(antwoord.content.decode())
    antwoord = web.get(pdf_url)
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    buiten = klant(medewerker("odu", "planner", naam="buiten"))
    assert buiten.get(csv_url).status_code == 404


def test_api_export(programma, medewerker):
    actor = medewerker("odzob", "planner", naam="api-planner")
    _, sleutel = token_maken(
        actor=systeem_actor(),
        gebruiker=get_user_model().objects.get(pk=actor.gebruiker_id),
        organisatie=Organisatie.objects.get(code="odzob"),
        naam="t",
        scopes=["lezen"],
    )
    cache.clear()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    pad = f"/api/v1/uitvoeringsprogrammas/{programma.uuid}/export"
    antwoord = api.get(pad)
    assert antwoord.status_code == 200, antwoord.content[:500]
    assert antwoord["Content-Type"].startswith("text/csv")
    assert any(r["onderdeel"] == "totaal" for r in _rijen(antwoord.content.decode()))
    assert api.get(pad + "?formaat=pdf")["Content-Type"] == "application/pdf"
    assert api.get(pad + "?formaat=xls").status_code == 400
