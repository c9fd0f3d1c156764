"""Chain supervision: links across organisations, chain actions, and findings shared with partners only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from openvth.audit.models import Auditgebeurtenis
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.organisaties.models import Deelafspraak, Organisatie
from openvth.register.models import Locatie, VthObject
from openvth.toezicht import selectors, services
from openvth.toezicht.models import Keten, Ketenschakel, Reden

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()


def _object(code_bg: str, code_uv: str, naam: str) -> VthObject:
    bg, uv = Organisatie.objects.get(code=code_bg), Organisatie.objects.get(code=code_uv)
    gemeente = bg if bg.soort == "gemeente" else Organisatie.objects.get(code="GM0363")
    locatie = Locatie.objects.create(gemeente=gemeente, x=121000, y=487000, lon=4.9, lat=52.37)
    return VthObject.objects.create(bevoegd_gezag=bg, uitvoerder=uv, naam=naam, lokaal_id=naam, locatie=locatie)


@pytest.fixture
def keten(object_in_regio, medewerker):
    """ODZOB's producer → a processor in Amsterdam (OD Noordzeekanaalgebied)."""
    beheerder = medewerker("odzob", "toezichthouder", naam="ketenbeheerder")
    verwerker = _object("GM0363", "odnzkg", "Verwerker Westpoort")
    k = services.keten_maken(
        actor=beheerder,
        naam="Bouw- en sloopafval",
        stroom="EURAL 17 09 04",
        schakels=[(object_in_regio, Ketenschakel.Rol.PRODUCENT), (verwerker, Ketenschakel.Rol.VERWERKER)],
    )
    return k, beheerder, verwerker


def test_object_twee_keer_geweigerd_ook_door_de_database(keten, object_in_regio, medewerker):
    k, beheerder, _ = keten
    voor = (Ketenschakel.objects.count(), Auditgebeurtenis.objects.count())
    with pytest.raises(OngeldigeInvoer) as fout:
        services.ketenschakel_maken(actor=beheerder, keten=k, vth_object=object_in_regio, rol="inzamelaar")
    assert "staat al in deze keten" in fout.value.velden["vth_object"]
    with pytest.raises(OngeldigeInvoer) as fout:
        services.keten_maken(
            actor=beheerder, naam="dubbel", schakels=[(object_in_regio, "producent"), (object_in_regio, "verwerker")]
        )
    assert "twee keer" in fout.value.velden["vth_object"]
    assert (Ketenschakel.objects.count(), Auditgebeurtenis.objects.count()) == voor
    assert not Keten.objects.filter(naam="dubbel").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Ketenschakel.objects.create(keten=k, vth_object=object_in_regio, rol="anders", volgorde=9)


def test_alleen_de_beheerder_wijzigt_de_keten(keten, medewerker):
    k, _, verwerker = keten
    with pytest.raises(GeenToestemming):
        services.ketenschakel_maken(
            actor=medewerker("odnzkg", "toezichthouder"),
            keten=k,
            vth_object=_object("GM0363", "odnzkg", "Transporteur"),
            rol="transporteur",
        )
    with pytest.raises(OngeldigeInvoer):
        services.ketenactie_maken(actor=keten[1], keten=k, naam="actie", van=VANDAAG, tot=VANDAAG - timedelta(1))


def _ketenbevinding(keten, planner, inspecteur):
    k, beheerder, _ = keten
    actie = services.ketenactie_maken(
        actor=beheerder, keten=k, naam="Week van het afval", van=VANDAAG, tot=VANDAAG + timedelta(days=7)
    )
    producent = k.schakels.get(rol="producent").vth_object
    controle = services.controle_plannen(
        actor=planner,
        vth_object=producent,
        gepland_op=VANDAAG,
        reden=Reden.PROJECT,
        toelichting="ketenactie",
        ketenactie=actie,
    )
    services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=inspecteur.gebruiker_id)
    return services.bevinding_vastleggen(
        actor=inspecteur,
        controle=controle,
        resultaat="akkoord_na_aanwijzing",
        omschrijving="afvalstoffenregister bijgewerkt",
    )


def test_partner_met_deelafspraak_ziet_ketenbevinding_anderen_niets(keten, planner, medewerker):
    inspecteur = medewerker("odzob", "toezichthouder", naam="inspecteur")
    bevinding = _ketenbevinding(keten, planner, inspecteur)
    partner = medewerker("odnzkg", "toezichthouder", naam="partner")
    buitenstaander = medewerker("odmh", "toezichthouder", naam="buitenstaander")
    k = keten[0]
    # no agreement yet: the partner sees nothing
    assert not selectors.keten_bevindingen(actor=partner, keten=k).exists()
    beheerder_odzob = medewerker("odzob", "functioneel_beheerder", naam="fb")
    afspraak = services.ketendeling_afspreken(
        actor=beheerder_odzob,
        keten=k,
        ontvanger=Organisatie.objects.get(code="odnzkg"),
        grondslag="Convenant ketentoezicht afval 2026",
    )
    assert afspraak.recordsoort == "toezicht.bevinding" and afspraak.verstrekker.code == "odzob"
    assert list(selectors.keten_bevindingen(actor=partner, keten=k)) == [bevinding]
    assert selectors.bevinding_get(actor=partner, uuid=bevinding.uuid) == bevinding
    # an organisation outside the chain, even with the same kind of agreement, sees nothing of the chain
    Deelafspraak.objects.create(
        ontvanger=buitenstaander.organisatie,
        verstrekker=Organisatie.objects.get(code="odzob"),
        recordsoort="toezicht.bevinding",
        grondslag="proef",
        regio=Organisatie.objects.get(code="GM0363"),
    )
    assert not selectors.bevinding_list(actor=buitenstaander).filter(pk=bevinding.pk).exists()
    with pytest.raises(GeenToestemming):
        services.ketendeling_afspreken(
            actor=medewerker("odmh", "functioneel_beheerder"),
            keten=k,
            ontvanger=Organisatie.objects.get(code="odzob"),
            grondslag="x",
        )


def test_ketendeling_respecteert_het_plafond(keten, planner, medewerker):
    inspecteur = medewerker("odzob", "toezichthouder", naam="inspecteur")
    bevinding = _ketenbevinding(keten, planner, inspecteur)
    bevinding.controle.vertrouwelijkheid = "vertrouwelijk"
    bevinding.controle.save(update_fields=["vertrouwelijkheid"])
    Deelafspraak.objects.create(
        ontvanger=Organisatie.objects.get(code="odnzkg"),
        verstrekker=Organisatie.objects.get(code="odzob"),
        recordsoort="toezicht.bevinding",
        plafond="intern",
        grondslag="proef",
        regio=Organisatie.objects.get(code="GM0363"),
    )
    partner = medewerker("odnzkg", "toezichthouder", naam="partner")
    assert not selectors.keten_bevindingen(actor=partner, keten=keten[0]).exists()


def test_partners_en_hun_afspraken(keten, medewerker):
    partners = {p.organisatie.code: p for p in selectors.ketenpartners(actor=keten[1], keten=keten[0])}
    assert {"odzob", "odnzkg", "GM0363"} <= set(partners)
    assert "odzob" in partners["odnzkg"].mist_afspraak_met
    assert selectors.keten_list(actor=medewerker("odnzkg", "planner")).filter(pk=keten[0].pk).exists()
    assert not selectors.keten_list(actor=medewerker("odmh", "planner")).filter(pk=keten[0].pk).exists()


def test_ketencontrole_buiten_de_keten_geweigerd(keten, planner, medewerker):
    k, beheerder, _ = keten
    actie = services.ketenactie_maken(actor=beheerder, keten=k, naam="actie", van=VANDAAG, tot=VANDAAG)
    ander = VthObject.objects.filter(uitvoerder__code="odzob").exclude(pk__in=k.schakels.values("vth_object")).first()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.controle_plannen(
            actor=planner, vth_object=ander, gepland_op=VANDAAG, reden=Reden.PROJECT, toelichting="x", ketenactie=actie
        )
    assert "ketenactie" in fout.value.velden
    producent = k.schakels.get(rol="producent").vth_object
    with pytest.raises(OngeldigeInvoer) as fout:
        services.controle_plannen(
            actor=planner,
            vth_object=producent,
            gepland_op=VANDAAG + timedelta(30),
            reden=Reden.PROJECT,
            toelichting="x",
            ketenactie=actie,
        )
    assert "gepland_op" in fout.value.velden
