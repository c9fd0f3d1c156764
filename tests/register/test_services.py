"""The register's write services that create a place or a VTH-object: the write rule, the audit event, validation.

The whole matrix of relations × roles × levels is in `tests/organisaties/test_schrijfmatrix.py`; these tests name
the cases one reads first: own organisation, mandated service, another organisation, a sharing agreement.
"""

from typing import Any

import pytest

from openvth.audit.models import Auditgebeurtenis
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.organisaties.models import Rol, Vertrouwelijkheid
from openvth.organisaties.services import systeem_actor
from openvth.register import selectors, services
from openvth.register.models import Locatie, SoortBetrokkene, VthObject

from ..fabrieken import (
    BetrokkeneFactory,
    DeelafspraakFactory,
    LidmaatschapFactory,
    LocatieFactory,
    MandaatFactory,
    OrganisatieFactory,
    actor_van,
)

pytestmark = pytest.mark.django_db


def _medewerker(code: str, *rollen: str, scopes=None):
    lid = LidmaatschapFactory(organisatie=OrganisatieFactory(code=code), rollen=list(rollen or [Rol.TOEZICHTHOUDER]))
    return actor_van(lid, scopes=scopes)


def _maak(actor, **velden: Any) -> VthObject:
    standaard: dict[str, Any] = {
        "naam": "Metaalbewerking Zuid",
        "lokaal_id": "odzob-nieuw-1",
        "locatie": LocatieFactory(),
        "bevoegd_gezag": OrganisatieFactory(code="GM0772"),
        "uitvoerder": OrganisatieFactory(code="odzob"),
    }
    return services.vthobject_maken(actor=actor, **(standaard | velden))


def test_de_gemandateerde_dienst_maakt_een_object_en_het_staat_in_de_audit():
    """ODZOB writes for Eindhoven, which executes the object itself, by Eindhoven's mandate alone."""
    MandaatFactory()
    actor = _medewerker("odzob")
    obj = _maak(actor, uitvoerder=OrganisatieFactory(code="GM0772"))
    assert obj.bevoegd_gezag.code == "GM0772" and obj.geldig_vanaf is not None
    assert selectors.vthobject_get(actor=actor, uuid=obj.uuid) == obj
    gebeurtenis = Auditgebeurtenis.objects.get(actie="vthobject.aangemaakt", object_id=str(obj.uuid))
    assert gebeurtenis.actor_id == actor.gebruiker_id and gebeurtenis.organisatie_naam == actor.organisatie.naam
    assert gebeurtenis.na["lokaal_id"] == "odzob-nieuw-1"


def test_eigen_organisatie_mag_zonder_mandaat():
    assert _maak(_medewerker("GM0772", Rol.VERGUNNINGVERLENER)).pk


def test_een_andere_organisatie_wordt_geweigerd():
    """Amsterdam has nothing to do with Eindhoven's sites: refused, and nothing stored or audited."""
    MandaatFactory()
    with pytest.raises(GeenToestemming):
        _maak(_medewerker("GM0363"))
    assert not VthObject.objects.filter(lokaal_id="odzob-nieuw-1").exists()
    assert not Auditgebeurtenis.objects.filter(actie="vthobject.aangemaakt").exists()


def test_een_deelafspraak_geeft_geen_schrijfrecht():
    MandaatFactory()
    DeelafspraakFactory(ontvanger=OrganisatieFactory(code="ilt"))
    with pytest.raises(GeenToestemming):
        _maak(_medewerker("ilt"))


def test_een_mandaat_geeft_geen_strafrechtelijk_object_en_een_token_moet_mogen_schrijven():
    MandaatFactory()
    eindhoven = OrganisatieFactory(code="GM0772")
    with pytest.raises(GeenToestemming):
        _maak(
            _medewerker("odzob", Rol.HANDHAVER),
            uitvoerder=eindhoven,
            vertrouwelijkheid=Vertrouwelijkheid.STRAFRECHTELIJK,
        )
    with pytest.raises(GeenToestemming):
        _maak(_medewerker("odzob", scopes=frozenset({"lezen"})))
    with pytest.raises(GeenToestemming):
        _maak(_medewerker("odzob", Rol.PRIVACY_OFFICER))


def test_ongeldige_invoer():
    actor = systeem_actor("test")
    _maak(actor)
    with pytest.raises(OngeldigeInvoer, match="bestaat al|al een VTH-object"):
        _maak(actor)
    with pytest.raises(OngeldigeInvoer):
        _maak(actor, lokaal_id="ander", type="schip")
    with pytest.raises(OngeldigeInvoer):
        _maak(actor, lokaal_id="ander", naam="  ")
    persoon = BetrokkeneFactory(natuurlijk_persoon=True)
    with pytest.raises(OngeldigeInvoer, match="vestiging"):
        _maak(actor, lokaal_id="ander", vestiging=persoon)
    assert _maak(actor, lokaal_id="ander", vestiging=BetrokkeneFactory()).vestiging.soort == SoortBetrokkene.VESTIGING


# --- a place ------------------------------------------------------------------------------------------------


def _locatie(actor, **velden) -> Locatie:
    return services.locatie_maken(
        actor=actor, x=161_500.0, y=383_200.0, gemeente=OrganisatieFactory(code="GM0772"), **velden
    )


def test_een_plaats_namens_de_gemeente_of_haar_gemandateerde_dienst():
    MandaatFactory()
    assert _locatie(_medewerker("GM0772")).gemeente.code == "GM0772"
    assert _locatie(_medewerker("odzob")).pk
    assert Auditgebeurtenis.objects.filter(actie="locatie.aangemaakt").count() == 2


def test_een_plaats_van_een_andere_organisatie_wordt_geweigerd():
    """Amsterdam cannot add a place in Eindhoven in Eindhoven's name; the province, bevoegd gezag of its own site
    in Eindhoven, can (in its own name)."""
    MandaatFactory()
    amsterdam = _medewerker("GM0363")
    with pytest.raises(GeenToestemming):
        _locatie(amsterdam)
    assert not Locatie.objects.exists()
    provincie = _medewerker("PV30")
    assert _locatie(provincie, bevoegd_gezag=provincie.organisatie).pk
