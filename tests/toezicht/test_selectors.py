"""The reading selectors that log what the supervision pages and API answers show (ADR 0023, issue 14 item 5):
the rows they return are the rows they log, with the caller's purpose, once per request."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest

from openvth.audit.models import Inzage
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.models import Rol, Vertrouwelijkheid
from openvth.register import selectors as register_selectors
from openvth.toezicht import selectors
from openvth.toezicht.models import ControleStatus

from ..fabrieken import (
    ActiviteituitvoeringFactory,
    BetrokkeneFactory,
    BevindingFactory,
    ControleFactory,
    LidmaatschapFactory,
    OrganisatieFactory,
    OvertredingFactory,
    VthObjectFactory,
    actor_van,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspecteur():
    """An ODZOB inspector within one request of its own (a record is logged once per request, as on a page)."""
    return replace(actor_van(LidmaatschapFactory(rollen=[Rol.TOEZICHTHOUDER])), request_id=str(uuid4()))


def _gelogd(actor) -> list[tuple[str, str, str]]:
    """(kind, uuid, purpose) of the rows this request logged, in order."""
    return list(
        Inzage.objects.filter(request_id=actor.request_id)
        .order_by("id")
        .values_list("object_soort", "object_id", "doel")
    )


def test_bevinding_weergave_logt_eerst_de_zichtbare_zaak_dan_de_bevindingen(inspecteur):
    zaak = OvertredingFactory()
    bevinding = BevindingFactory(controle=ControleFactory(vth_object=zaak.vth_object), overtreding=zaak)
    los = BevindingFactory(controle=bevinding.controle)
    rijen = selectors.bevinding_list(actor=inspecteur, controle=bevinding.controle).order_by("volgnummer")

    getoond = selectors.bevinding_weergave(actor=inspecteur, bevindingen=rijen, doel="proef", overtredingen=True)

    assert getoond == [bevinding, los]
    assert getoond[0].zichtbare_overtreding == zaak and getoond[1].zichtbare_overtreding is None
    assert _gelogd(inspecteur) == [
        ("handhaving.overtreding", str(zaak.uuid), "toezicht: overtreding bij bevinding"),
        ("toezicht.bevinding", str(bevinding.uuid), "proef"),
        ("toezicht.bevinding", str(los.uuid), "proef"),
        ("toezicht.controle", str(bevinding.controle.uuid), "proef"),
    ]


def test_bevinding_weergave_toont_geen_zaak_die_de_lezer_niet_mag_zien(inspecteur):
    """ODZOB sees the finding of its controle, not a case of another authority's service."""
    ander = OvertredingFactory(
        vth_object=VthObjectFactory(
            bevoegd_gezag=OrganisatieFactory(code="GM0363"), uitvoerder=OrganisatieFactory(code="GM0363")
        )
    )
    bevinding = BevindingFactory(overtreding=ander)

    [getoond] = selectors.bevinding_weergave(
        actor=inspecteur, bevindingen=[bevinding], doel="proef", overtredingen=True
    )

    assert getoond.zichtbare_overtreding is None
    assert ("handhaving.overtreding", str(ander.uuid), "toezicht: overtreding bij bevinding") not in _gelogd(inspecteur)


def test_controle_werkvoorraad_geeft_en_logt_de_eigen_open_controles(inspecteur):
    eigen = ControleFactory(toezichthouder_id=inspecteur.gebruiker_id)
    ControleFactory(toezichthouder_id=inspecteur.gebruiker_id, status=ControleStatus.AFGEROND)
    collega = ControleFactory()

    assert selectors.controle_werkvoorraad(actor=inspecteur) == [eigen]
    assert selectors.controle_werkvoorraad(actor=inspecteur, alle=True) == [eigen, collega]
    assert {(soort, pk) for soort, pk, doel in _gelogd(inspecteur) if doel == "toezicht: lijst controles"} == {
        ("toezicht.controle", str(eigen.uuid)),
        ("toezicht.controle", str(collega.uuid)),
    }


def test_vthobject_treffer_op_identificatie_logt_en_weigert_onbekend(inspecteur):
    obj = VthObjectFactory(vertrouwelijkheid=Vertrouwelijkheid.INTERN, namespace="proef", lokaal_id="x-1")

    assert selectors.vthobject_treffer(actor=inspecteur, zoekwaarde=" proef.x-1 ") == obj
    assert ("register.vthobject", str(obj.uuid), "plannen toezicht") in _gelogd(inspecteur)
    with pytest.raises(NietGevonden):
        selectors.vthobject_treffer(actor=inspecteur, zoekwaarde="proef.onbekend")


def test_vthobject_vestiging_logt_een_zichtbare_persoon(inspecteur):
    persoon = BetrokkeneFactory(natuurlijk_persoon=True)
    obj = VthObjectFactory(vestiging=persoon)

    assert selectors.vthobject_vestiging(actor=inspecteur, vth_object=obj, doel="proef") == persoon
    assert _gelogd(inspecteur) == [("register.betrokkene", str(persoon.uuid), "proef")]
    assert selectors.vthobject_vestiging(actor=inspecteur, vth_object=VthObjectFactory(), doel="proef") is None


def test_vthobject_open_zaken_logt_alleen_de_open_zaken(inspecteur):
    obj = VthObjectFactory()
    open_ = OvertredingFactory(vth_object=obj)
    OvertredingFactory(vth_object=obj, status="afgesloten")

    assert selectors.vthobject_open_zaken(actor=inspecteur, vth_object=obj) == [open_]
    assert _gelogd(inspecteur) == [("handhaving.overtreding", str(open_.uuid), "plannen hercontrole")]


def test_rapport_leest_en_logt_de_activiteiten_op_de_datum_van_de_controle(inspecteur):
    """The report to the operator lists the activities valid on the day of the controle, and logs those that are
    not public (they were read unlogged before issue 14)."""
    obj = VthObjectFactory(bevoegd_gezag=inspecteur.organisatie, uitvoerder=inspecteur.organisatie)
    toen = ActiviteituitvoeringFactory(
        vth_object=obj,
        vertrouwelijkheid=Vertrouwelijkheid.INTERN,
        geldig_vanaf=date(2026, 1, 1),
        geldig_tot=date(2026, 6, 1),
    )
    ActiviteituitvoeringFactory(
        vth_object=obj, vertrouwelijkheid=Vertrouwelijkheid.INTERN, geldig_vanaf=date(2026, 6, 1)
    )
    gelezen = register_selectors.vthobject_uitvoeringen(
        actor=inspecteur, vth_object=obj, peildatum=date(2026, 3, 1), doel="opmaken rapport aan exploitant"
    )
    assert list(gelezen) == [toen]
    assert ("register.activiteituitvoering", str(toen.uuid), "opmaken rapport aan exploitant") in _gelogd(inspecteur)
