"""The yearly programme: within capacity, the rest reported, IED first, adjustments audited, realisation."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from django.db.models import Sum
from django.utils import timezone

from openvth.audit.models import Auditgebeurtenis
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.toezicht import programma as programmamodule
from openvth.toezicht import selectors, services
from openvth.toezicht.models import Capaciteit, Programmataak, Reden, Uitvoeringsprogramma

pytestmark = pytest.mark.django_db
JAAR = timezone.localdate().year + 1
CAPACITEIT = {"milieu": 400, "afval": 100, "agrarisch": 80, "complexe bedrijven": 200}


@pytest.fixture
def analyse(modelversie, planner):
    return services.risicoanalyse_uitvoeren(actor=planner, modelversie=modelversie)


@pytest.fixture
def programma(analyse, planner):
    return services.programma_genereren(actor=planner, analyse=analyse, jaar=JAAR, capaciteit=CAPACITEIT)


def test_binnen_capaciteit_en_de_rest_gemeld(programma, analyse):
    taken = Programmataak.objects.filter(programma=programma)
    assert taken.exists()
    for expertise, uren in CAPACITEIT.items():
        gepland = taken.filter(expertise=expertise).aggregate(u=Sum("normuren"))["u"] or Decimal(0)
        assert gepland <= uren
        verslag = programma.verslag["per_expertise"][expertise]
        assert verslag["gepland_uren"] == pytest.approx(float(gepland))
    totaal_gemeld = sum(
        v["gepland_taken"] + v["niet_ingepland_taken"] for v in programma.verslag["per_expertise"].values()
    )
    assert totaal_gemeld >= analyse.aantal  # every object is due (never inspected): nothing silently dropped
    assert sum(v["niet_ingepland_taken"] for v in programma.verslag["per_expertise"].values()) > 0
    assert programma.verslag["hoogste_niet_ingepland"]
    assert set(Capaciteit.objects.filter(programma=programma).values_list("expertise", flat=True)) == set(CAPACITEIT)
    assert {t.maand for t in taken} <= set(range(1, 13))
    assert Auditgebeurtenis.objects.filter(actie="uitvoeringsprogramma.gegenereerd").count() == 1


def test_hoogste_risico_eerst_binnen_een_expertise(programma):
    for expertise, verslag in programma.verslag["per_expertise"].items():
        if not verslag["niet_ingepland_taken"] or not verslag["gepland_taken"]:
            continue
        laagste_gepland = min(programma.taken.filter(expertise=expertise).values_list("score", flat=True))
        hoogste_niet = max(
            (x["score"] for x in programma.verslag["hoogste_niet_ingepland"] if x["expertise"] == expertise),
            default=None,
        )
        if hoogste_niet is not None:
            assert hoogste_niet <= laagste_gepland + 0.01


def test_algoritme_ied_eerst_frequentie_en_maanden():
    """The pure algorithm: an IED visit beats a higher score; f = 6 gives two visits six months apart."""
    scores = {
        "objecten": np.array([1, 2, 3]),
        "score": np.array([90.0, 30.0, 50.0]),
        "klasse": np.array([5, 2, 4]),
        "frequentie": np.array([12, 36, 6]),
        "ied": np.array([False, True, False]),
    }
    laatst = np.array(["NaT", "NaT", f"{JAAR - 1}-09-15"], dtype="datetime64[D]")
    uit = programmamodule.plan(
        scores=scores,
        normuren={"periodieke controle": 8, "integrale IED-controle": 24},
        capaciteit={"milieu": Decimal(32)},
        jaar=JAAR,
        expertises={"": "milieu"},
        codes=np.array(["bal-3.4", "bal-3.3.13", "bal-3.4"], dtype=object),
        laatst=laatst,
    )
    # the IED object (24 h, lowest score) first, then object 1 (8 h, score 90): 32 h; object 3 does not fit
    gepland = sorted(int(uit["obj_i"][i]) for i in np.flatnonzero(uit["gepland"]))
    assert gepland == [0, 1]
    niet = [int(uit["obj_i"][i]) for i in np.flatnonzero(~uit["gepland"])]
    assert niet == [2, 2]  # both visits of object 3 are reported as not fitting
    assert uit["verslag"]["milieu"]["niet_ingepland_taken"] == 2 and uit["verslag"]["milieu"]["gepland_uren"] == 32
    ruim = programmamodule.plan(
        scores=scores,
        normuren={"periodieke controle": 8, "integrale IED-controle": 24},
        capaciteit={"milieu": Decimal(1000)},
        jaar=JAAR,
        expertises={"": "milieu"},
        codes=np.array(["bal-3.4", "bal-3.3.13", "bal-3.4"], dtype=object),
        laatst=laatst,
    )
    maanden = sorted(int(ruim["maand"][i]) for i in np.flatnonzero(ruim["obj_i"] == 2))
    assert maanden == [3, 9]  # last visit mid-September, every 6 months: March and September


def test_tweede_programma_zelfde_jaar_geweigerd_tenzij_vervangen(programma, analyse, planner):
    with pytest.raises(OngeldigeInvoer) as fout:
        services.programma_genereren(actor=planner, analyse=analyse, jaar=JAAR, capaciteit=CAPACITEIT)
    assert "jaar" in fout.value.velden
    nieuw = services.programma_genereren(
        actor=planner, analyse=analyse, jaar=JAAR, capaciteit={"milieu": 16}, vervang=True
    )
    assert Uitvoeringsprogramma.objects.get(jaar=JAAR) == nieuw and nieuw.taken.count() == 2
    assert Auditgebeurtenis.objects.filter(actie="uitvoeringsprogramma.vervangen").count() == 1


@pytest.mark.parametrize(
    ("capaciteit", "veld"),
    [({"milieu": -1}, "capaciteit.milieu"), ({"milieu": "veel"}, "capaciteit.milieu"), ({}, "capaciteit")],
)
def test_ongeldige_capaciteit(analyse, planner, capaciteit, veld):
    with pytest.raises(OngeldigeInvoer) as fout:
        services.programma_genereren(actor=planner, analyse=analyse, jaar=JAAR, capaciteit=capaciteit)
    assert veld in fout.value.velden
    assert not Uitvoeringsprogramma.objects.exists()


def test_aanpassingen_worden_geaudit(programma, planner, object_in_regio):
    taak = programma.taken.first()
    services.programmataak_verschuiven(actor=planner, taak=taak, maand=12 if taak.maand != 12 else 1)
    gebeurtenis = Auditgebeurtenis.objects.get(actie="programmataak.verschoven")
    assert gebeurtenis.voor["maand"] == taak.maand and gebeurtenis.na["maand"] != taak.maand
    services.programmataak_vervallen(actor=planner, taak=taak, reden="bedrijf gestopt")
    taak.refresh_from_db()
    assert taak.vervallen_op is not None and taak.vervallen_reden == "bedrijf gestopt"
    assert not selectors.programmataak_list(actor=planner, programma=programma).filter(pk=taak.pk).exists()
    assert (
        selectors.programmataak_list(actor=planner, programma=programma, filters=selectors.TaakFilter(vervallen=True))
        .filter(pk=taak.pk)
        .exists()
    )
    extra = services.programmataak_maken(
        actor=planner,
        programma=programma,
        vth_object=object_in_regio,
        inspectietype="administratieve controle",
        maand=5,
        expertise="milieu",
    )
    assert extra.normuren == Decimal("3.0") and extra.bron == "handmatig" and extra.risicoklasse is not None
    acties = set(Auditgebeurtenis.objects.values_list("actie", flat=True))
    assert {"programmataak.verschoven", "programmataak.vervallen", "programmataak.toegevoegd"} <= acties


def test_aanpassingen_ongeldig_niets_bewaard(programma, planner, object_in_regio, medewerker):
    taak = programma.taken.first()
    with pytest.raises(OngeldigeInvoer):
        services.programmataak_verschuiven(actor=planner, taak=taak, maand=13)
    with pytest.raises(OngeldigeInvoer):
        services.programmataak_vervallen(actor=planner, taak=taak, reden=" ")
    with pytest.raises(OngeldigeInvoer) as fout:
        services.programmataak_maken(
            actor=planner,
            programma=programma,
            vth_object=object_in_regio,
            inspectietype="onbekend type",
            maand=0,
            expertise="milieu",
        )
    assert set(fout.value.velden) == {"maand", "inspectietype"}
    with pytest.raises(GeenToestemming):
        services.programmataak_verschuiven(actor=medewerker("odzob", "toezichthouder"), taak=taak, maand=3)
    taak.refresh_from_db()
    assert taak.vervallen_op is None
    assert not Auditgebeurtenis.objects.filter(actie__startswith="programmataak.").exists()


def test_realisatie_telt_uitgevoerde_controles(analyse, planner, medewerker):
    dit_jaar = timezone.localdate().year
    programma = services.programma_genereren(actor=planner, analyse=analyse, jaar=dit_jaar, capaciteit=CAPACITEIT)
    taak = programma.taken.order_by("maand", "id").first()
    controle = services.controle_plannen_uit_taak(actor=planner, taak=taak, gepland_op=date(dit_jaar, 1, 1))
    inspecteur = medewerker("odzob", "toezichthouder")
    services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=inspecteur.gebruiker_id)
    services.controle_uitvoeren(
        actor=inspecteur, controle=controle, uitgevoerd_op=date(dit_jaar, 1, 1), uren_besteed=6.5
    )
    r = selectors.programma_realisatie(actor=planner, programma=programma)
    assert r["totaal"]["gepland"] == programma.taken.count()
    assert r["totaal"]["uitgevoerd"] == 1 and r["totaal"]["uren_besteed"] == Decimal("6.5")
    maand = next(m for m in r["per_maand"] if m["maand"] == taak.maand)
    assert maand["uitgevoerd"] == 1
    assert sum(c["gepland"] for c in r["per_taakcategorie"]) == r["totaal"]["gepland"]
    assert sum(g["gepland"] for g in r["per_bevoegd_gezag"]) == r["totaal"]["gepland"]
    # a task with a planned controle cannot be removed before that controle lapses
    with pytest.raises(OngeldigeInvoer):
        services.programmataak_vervallen(actor=planner, taak=taak, reden="dubbel")


def test_volgende_jaar_na_recente_controle_niet_verschuldigd(analyse, planner, medewerker):
    """An object inspected last month with a 36-month frequency is not due next year."""
    dit_jaar = timezone.localdate().year
    score = analyse.scores.filter(frequentie_maanden__gte=36).first()
    inspecteur = medewerker("odzob", "toezichthouder")
    controle = services.controle_plannen(
        actor=planner,
        vth_object=score.vth_object,
        reden=Reden.INCIDENT,
        toelichting="klacht",
        gepland_op=timezone.localdate() - timedelta(days=3),
    )
    services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=inspecteur.gebruiker_id)
    services.controle_uitvoeren(actor=inspecteur, controle=controle, uitgevoerd_op=timezone.localdate(), uren_besteed=2)
    programma = services.programma_genereren(
        actor=planner, analyse=analyse, jaar=dit_jaar + 1, capaciteit={k: 10_000 for k in CAPACITEIT}
    )
    ingepland = set(programma.taken.values_list("vth_object_id", flat=True))
    assert ingepland == set(analyse.scores.values_list("vth_object_id", flat=True)) - {score.vth_object_id}
    assert sum(v["niet_ingepland_taken"] for v in programma.verslag["per_expertise"].values()) == 0
