"""Intake of a request through the service: catalogue check, place, derivation of who decides, supplements,
refusals that store nothing, and the write rule."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from openvth.audit.models import Auditgebeurtenis
from openvth.geo.crs import Crs
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Organisatie, Rol, Vertrouwelijkheid
from openvth.register.models import Betrokkene, Locatie
from openvth.vergunningen.bericht import Aanvrageropgave, Locatieopgave, Verzoekgegevens
from openvth.vergunningen.models import Aanvraagsoort, Verzoek, Verzoeksoort
from openvth.vergunningen.services import VEREISTE_PLICHT, VRIJE_SOORTEN, verzoek_maken

from ..fabrieken import DeelafspraakFactory, LocatieFactory
from .opbouw import CREMATORIUM, SEVESO, STOOKINSTALLATIE, behandelaar

pytestmark = pytest.mark.django_db
PUNT = (Crs.RD, 161_500.0, 383_200.0)  # the Markt in Eindhoven


def gegevens(**velden) -> Verzoekgegevens:
    standaard: dict[str, Any] = {
        "verzoeknummer": "2026120100001",
        "verzoekvolgnummer": "001",
        "soort": "toestemmingsaanvraag",
        "subsoort": "omgevingsvergunning",
        "ontvangen_op": date(2026, 12, 1),
        "activiteiten": (STOOKINSTALLATIE,),
        "locatie": Locatieopgave(gemeente="GM0772", punt=PUNT, postcode="5611EB", huisnummer=1),
        "aanvrager": Aanvrageropgave(soort="vestiging", naam="Warmte B.V.", vestigingsnummer="000012345678"),
    }
    return Verzoekgegevens(**(standaard | velden))


def _niets_opgeslagen():
    assert not Verzoek.objects.exists()
    assert not Locatie.objects.exists() and not Betrokkene.objects.exists()
    assert not Auditgebeurtenis.objects.filter(actie__in=["verzoek.aangemaakt", "locatie.aangemaakt"]).exists()


def test_verzoek_ontvangen_met_afleiding_en_audit():
    verzoek = verzoek_maken(actor=behandelaar(), gegevens=gegevens())
    assert (verzoek.verzoeknummer, verzoek.verzoekvolgnummer, verzoek.status) == ("2026120100001", "001", "ontvangen")
    assert verzoek.bevoegd_gezag.code == "GM0772" and verzoek.uitvoerder.code == "odzob"
    assert "bal-3.2.1: vergunningplicht volgens Bal art. 3.5 (Omgevingswet art. 5.1 lid 2" in verzoek.afleiding
    assert "bal-3.2.1: bevoegd gezag is de gemeente van de locatie" in verzoek.afleiding
    assert "Omgevingswet art. 5.8" in verzoek.afleiding
    assert "uitvoerder is " in verzoek.afleiding and "Omgevingsbesluit art. 13.12" in verzoek.afleiding
    assert [a.activiteit.code for a in verzoek.activiteiten.all()] == [STOOKINSTALLATIE]
    assert verzoek.locatie.gemeente.code == "GM0772" and verzoek.aanvrager.naam == "Warmte B.V."
    assert verzoek.vertrouwelijkheid == Vertrouwelijkheid.INTERN and verzoek.bron == "formulier"
    gebeurtenis = Auditgebeurtenis.objects.get(actie="verzoek.aangemaakt")
    assert gebeurtenis.object_id == str(verzoek.uuid) and gebeurtenis.na["activiteiten"] == [STOOKINSTALLATIE]


def test_bekende_locatie_en_aanvrager_worden_hergebruikt():
    locatie = LocatieFactory(postcode="5611EB", huisnummer=7)
    eerste = verzoek_maken(
        actor=behandelaar(), gegevens=gegevens(locatie=Locatieopgave(postcode="5611 eb", huisnummer=7))
    )
    assert eerste.locatie == locatie
    tweede = verzoek_maken(
        actor=behandelaar(),
        gegevens=gegevens(verzoeknummer="2026120100002", locatie=Locatieopgave(postcode="5611EB", huisnummer=7)),
    )
    assert tweede.aanvrager == eerste.aanvrager and Betrokkene.objects.count() == 1


def test_provincie_beslist_bij_een_seveso_activiteit():
    verzoek = verzoek_maken(actor=behandelaar(), gegevens=gegevens(activiteiten=(STOOKINSTALLATIE, SEVESO)))
    provincie = Organisatie.objects.get(code="GM0772").provincie
    assert verzoek.bevoegd_gezag == provincie
    assert (
        "IPPC/Seveso-activiteit" in verzoek.afleiding and "één bevoegd gezag voor het hele verzoek" in verzoek.afleiding
    )


def test_onbekende_activiteit_geweigerd_en_niets_opgeslagen():
    with pytest.raises(OngeldigeInvoer) as fout:
        verzoek_maken(actor=behandelaar(), gegevens=gegevens(activiteiten=(STOOKINSTALLATIE, "bal-9.9.9")))
    assert fout.value.velden == {"activiteiten.1": "onbekende code"}
    _niets_opgeslagen()


def test_vergunningaanvraag_voor_activiteit_zonder_vergunningplicht_geweigerd():
    with pytest.raises(OngeldigeInvoer) as fout:
        verzoek_maken(actor=behandelaar(), gegevens=gegevens(activiteiten=(CREMATORIUM,)))
    assert fout.value.velden == {"activiteiten.0": "geen vergunningplicht volgens de catalogus"}
    assert "Omgevingswet art. 5.1 lid 2" in str(fout.value)
    _niets_opgeslagen()


def test_melding_voor_dezelfde_activiteit_past_wel():
    verzoek = verzoek_maken(
        actor=behandelaar(), gegevens=gegevens(soort="activiteitmelding", subsoort="", activiteiten=(CREMATORIUM,))
    )
    assert verzoek.soort == "activiteitmelding"


@pytest.mark.parametrize(
    ("locatie", "veld"),
    [
        (Locatieopgave(gemeente="GM0772", punt=(Crs.RD, 161_500.0, 900_000.0)), "locatie.punt"),  # in the North Sea
        (Locatieopgave(gemeente="GM0772", punt=(Crs.CRS84, 13.4, 52.5)), "locatie.punt"),  # Berlin
        (Locatieopgave(gemeente="GM9999", punt=PUNT), "locatie.gemeente"),
        (Locatieopgave(punt=PUNT), "locatie.gemeente"),
        (Locatieopgave(postcode="9999ZZ", huisnummer=1), "locatie.punt"),
    ],
)
def test_locatie_buiten_elke_gemeente_geweigerd(locatie, veld):
    with pytest.raises(OngeldigeInvoer) as fout:
        verzoek_maken(actor=behandelaar(), gegevens=gegevens(locatie=locatie))
    assert veld in fout.value.velden
    _niets_opgeslagen()


def test_natuurlijk_persoon_maakt_het_verzoek_vertrouwelijk():
    aanvrager = Aanvrageropgave(soort="natuurlijk_persoon", naam="J. Jansen")
    verzoek = verzoek_maken(actor=behandelaar(), gegevens=gegevens(aanvrager=aanvrager))
    assert verzoek.vertrouwelijkheid == Vertrouwelijkheid.VERTROUWELIJK
    assert verzoek.aanvrager.vertrouwelijkheid == Vertrouwelijkheid.VERTROUWELIJK


def test_aanvulling_is_een_nieuw_volgnummer():
    eerste = verzoek_maken(actor=behandelaar(), gegevens=gegevens())
    aanvulling = verzoek_maken(
        actor=behandelaar(),
        gegevens=gegevens(verzoekvolgnummer="002", doel="aanvullen", activiteiten=(), locatie=None, aanvrager=None),
    )
    assert aanvulling.verzoeknummer == eerste.verzoeknummer and aanvulling.verzoekvolgnummer == "002"
    assert (aanvulling.bevoegd_gezag, aanvulling.uitvoerder, aanvulling.locatie) == (
        eerste.bevoegd_gezag,
        eerste.uitvoerder,
        eerste.locatie,
    )
    assert aanvulling.aanvrager == eerste.aanvrager and "betreft voorafgaande" in aanvulling.afleiding
    intrekking = verzoek_maken(
        actor=behandelaar(),
        gegevens=gegevens(verzoekvolgnummer="003", doel="intrekken", activiteiten=(), locatie=None, aanvrager=None),
    )
    assert intrekking.doel == "intrekken"
    with pytest.raises(OngeldigeInvoer) as fout:
        verzoek_maken(actor=behandelaar(), gegevens=gegevens(verzoekvolgnummer="004", doel="aanvullen"))
    assert fout.value.velden == {"doel": "het verzoek is ingetrokken"}


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"verzoekvolgnummer": "002"}, "doel"),  # a second volgnummer cannot submit again
        ({"verzoekvolgnummer": "001", "doel": "aanvullen"}, "verzoekvolgnummer"),
        ({"verzoekvolgnummer": "002", "doel": "aanvullen", "soort": "activiteitmelding", "subsoort": ""}, "soort"),
        ({"verzoekvolgnummer": "002", "doel": "aanvullen", "activiteiten": (SEVESO,)}, "activiteiten"),
    ],
)
def test_ongeldige_aanvulling_geweigerd(velden, veld):
    verzoek_maken(actor=behandelaar(), gegevens=gegevens())
    with pytest.raises(OngeldigeInvoer) as fout:
        verzoek_maken(actor=behandelaar(), gegevens=gegevens(**velden))
    assert veld in fout.value.velden
    assert Verzoek.objects.count() == 1


def test_aanvulling_zonder_verzoek_geweigerd():
    with pytest.raises(OngeldigeInvoer) as fout:
        verzoek_maken(actor=behandelaar(), gegevens=gegevens(doel="aanvullen"))
    assert fout.value.velden == {"doel": "eerst indienen"}


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"subsoort": ""}, "subsoort"),
        ({"soort": "activiteitmelding"}, "subsoort"),
        ({"vertrouwelijkheid": "strafrechtelijk"}, "vertrouwelijkheid"),
        ({"ontvangen_op": timezone.localdate() + timedelta(days=1)}, "ontvangen_op"),
        ({"activiteiten": ()}, "activiteiten"),
        (
            {"aanvrager": Aanvrageropgave(soort="vestiging", naam="X", vestigingsnummer="12")},
            "aanvrager.vestigingsnummer",
        ),
    ],
)
def test_ongeldige_invoer_noemt_het_veld(velden, veld):
    with pytest.raises(OngeldigeInvoer) as fout:
        verzoek_maken(actor=behandelaar(), gegevens=gegevens(**velden))
    assert veld in fout.value.velden
    _niets_opgeslagen()


def test_andere_organisatie_mag_niet_schrijven():
    with pytest.raises(GeenToestemming):
        verzoek_maken(actor=behandelaar("GM0363"), gegevens=gegevens())
    DeelafspraakFactory(ontvanger=Organisatie.objects.get(code="ilt"), recordsoort="vergunningen.verzoek")
    with pytest.raises(GeenToestemming):  # a sharing agreement gives reading only
        verzoek_maken(actor=behandelaar("ilt"), gegevens=gegevens())
    with pytest.raises(GeenToestemming):  # a role without intake
        verzoek_maken(actor=behandelaar(rol=Rol.TOEZICHTHOUDER), gegevens=gegevens())
    _niets_opgeslagen()


def test_gemeente_en_haar_dienst_mogen_schrijven_anderen_niet_aanvullen():
    verzoek_maken(actor=behandelaar("GM0772"), gegevens=gegevens())
    with pytest.raises(NietGevonden):  # another organisation's request: as if it did not exist
        verzoek_maken(actor=behandelaar("GM0363"), gegevens=gegevens(verzoekvolgnummer="002", doel="aanvullen"))
    aanvulling = verzoek_maken(actor=behandelaar(), gegevens=gegevens(verzoekvolgnummer="002", doel="aanvullen"))
    assert aanvulling.verzoekvolgnummer == "002"


def test_elke_verzoeksoort_heeft_een_plichtregel_met_bron():
    """Every CIM kind (and every kind of permission asked) is either bound to a duty in the catalogue or free for
    any activity, each with the law that says so: a new kind cannot slip through the catalogue check unnoticed."""
    soorten = {(s, "") for s in Verzoeksoort.values if s != Verzoeksoort.TOESTEMMINGSAANVRAAG}
    soorten |= {(Verzoeksoort.TOESTEMMINGSAANVRAAG, a) for a in Aanvraagsoort.values}
    assert set(VEREISTE_PLICHT) | set(VRIJE_SOORTEN) == soorten and not set(VEREISTE_PLICHT) & set(VRIJE_SOORTEN)
    assert all(bron for _, bron in VEREISTE_PLICHT.values()) and all(VRIJE_SOORTEN.values())
