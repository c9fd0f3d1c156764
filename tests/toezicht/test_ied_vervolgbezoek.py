"""Richtlijn 2010/75/EU art. 23 lid 4, derde alinea: after an inspection of an IED installation found a serious case
of non-compliance, an additional site visit takes place within six months of that inspection. On main the
hercontrole followed the grace period alone, however long, and any later date was accepted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from openvth.handhaving.models import Handhavingsmaatregel
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.toezicht import services
from openvth.toezicht.models import Controle, Reden

pytestmark = pytest.mark.django_db
INSPECTIE = date(2025, 8, 29)
UITERLIJK = date(2026, 2, 28)  # six months after 29 August 2025: 28 February (the month has no 29th)


@pytest.fixture
def inspecteur(medewerker):
    return medewerker("odzob", "toezichthouder", naam="inspecteur")


def _overtreding(object_in_regio, planner, inspecteur, *, ied: bool = True, gevolg: str = "3"):
    c = services.controle_plannen(
        actor=planner,
        vth_object=object_in_regio,
        gepland_op=INSPECTIE,
        reden=Reden.INCIDENT,
        toelichting="emissie boven de vergunde waarde",
    )
    services.toezichthouder_toewijzen(actor=planner, controle=c, toezichthouder_id=inspecteur.gebruiker_id)
    Controle.objects.filter(pk=c.pk).update(ied=ied)
    services.controle_uitvoeren(actor=inspecteur, controle=c, uitgevoerd_op=INSPECTIE, uren_besteed="4")
    c.refresh_from_db()
    bevinding = services.bevinding_vastleggen(
        actor=inspecteur,
        controle=c,
        resultaat="niet_akkoord",
        omschrijving="stofemissie",
        voorschrift="vergunningvoorschrift 3.1",
        gedrag="B",
        gevolg=gevolg,
    )
    return bevinding.overtreding


def _lange_begunstigingstermijn(overtreding):
    Handhavingsmaatregel.objects.create(
        overtreding=overtreding, instrument="LOD", fase="besluit_lod", begunstigingstermijn_tot=date(2026, 6, 30)
    )


def test_vervolgbezoek_binnen_zes_maanden_ook_bij_een_langere_begunstigingstermijn(
    object_in_regio, planner, inspecteur
):
    overtreding = _overtreding(object_in_regio, planner, inspecteur)
    _lange_begunstigingstermijn(overtreding)
    her = services.hercontrole_plannen(actor=planner, overtreding=overtreding)
    assert her.gepland_op == UITERLIJK
    assert "2010/75/EU art. 23 lid 4" in her.toelichting


def test_vervolgbezoek_zonder_maatregel_krijgt_de_uiterste_datum(object_in_regio, planner, inspecteur):
    overtreding = _overtreding(object_in_regio, planner, inspecteur)
    assert services.hercontrole_plannen(actor=planner, overtreding=overtreding).gepland_op == UITERLIJK


def test_later_vervolgbezoek_geweigerd(object_in_regio, planner, inspecteur):
    overtreding = _overtreding(object_in_regio, planner, inspecteur)
    with pytest.raises(OngeldigeInvoer) as fout:
        services.hercontrole_plannen(actor=planner, overtreding=overtreding, gepland_op=UITERLIJK + timedelta(days=1))
    assert "uiterlijk 28-02-2026" in fout.value.velden["gepland_op"]
    assert not overtreding.hercontroles.exists()
    assert (
        services.hercontrole_plannen(actor=planner, overtreding=overtreding, gepland_op=UITERLIJK).gepland_op
        == UITERLIJK
    )


@pytest.mark.parametrize(("ied", "gevolg"), [(False, "4"), (True, "2")])
def test_geen_ied_of_niet_ernstig_volgt_de_begunstigingstermijn(object_in_regio, planner, inspecteur, ied, gevolg):
    overtreding = _overtreding(object_in_regio, planner, inspecteur, ied=ied, gevolg=gevolg)
    _lange_begunstigingstermijn(overtreding)
    assert services.hercontrole_plannen(actor=planner, overtreding=overtreding).gepland_op == date(2026, 7, 1)


def test_ernst_is_een_instelling(object_in_regio, planner, inspecteur, settings):
    settings.OPENVTH_IED_ERNSTIGE_GEVOLGEN = ["2", "3", "4"]
    overtreding = _overtreding(object_in_regio, planner, inspecteur, gevolg="2")
    assert services.hercontrole_plannen(actor=planner, overtreding=overtreding).gepland_op == UITERLIJK
