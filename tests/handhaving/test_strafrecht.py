"""The criminal-law route (samenwerkingsmodel): marking for consultation, recording the afstemmingsoverleg,
sharing single cases with OM and police, and who sees a `strafrechtelijk` case afterwards."""

from __future__ import annotations

from datetime import date

import pytest

from openvth.audit.models import Auditgebeurtenis
from openvth.handhaving import selectors, services
from openvth.handhaving.models import Afstemmingsoverleg, Zaakdeling
from openvth.organisaties.fouten import GeenToestemming, NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Organisatie, Rol

from . import opbouw

pytestmark = pytest.mark.django_db
D = date
DEELNEMERS = [
    {"organisatie": "GM0772", "naam": "wethouder P. Smit"},
    {"organisatie": "odzob", "naam": "J. de Vries", "functie": "handhavingsjurist"},
    {"organisatie": "om-fp", "naam": "mr. A. Bakker", "functie": "officier van justitie"},
    {"organisatie": "politie", "naam": "K. Jansen", "functie": "milieurechercheur"},
]


def _zien(wie, zaak) -> bool:
    return selectors.overtreding_list(actor=wie).filter(pk=zaak.pk).exists()


def _overleg(wie, zaak, uitkomst="beide", deelnemers=DEELNEMERS, **kw):
    return services.afstemmingsoverleg_vastleggen(
        actor=wie,
        overtreding=zaak,
        datum=kw.pop("datum", D(2025, 2, 10)),
        deelnemers=deelnemers,
        uitkomst=uitkomst,
        redenen=kw.pop("redenen", "Calculerend gedrag met financieel gewin; het OM vervolgt."),
        **kw,
    )


def test_markeren_voor_afstemming():
    zaak = opbouw.overtreding()
    services.overtreding_markeren_voor_afstemming(
        actor=opbouw.handhaver(), overtreding=zaak, reden="vermoeden van fraude"
    )
    zaak.refresh_from_db()
    assert zaak.afstemming_gewenst
    assert Auditgebeurtenis.objects.filter(object_id=str(zaak.uuid), actie="overtreding.voor_afstemming").exists()
    with pytest.raises(OngeldigeInvoer, match="al op de agenda"):
        services.overtreding_markeren_voor_afstemming(actor=opbouw.handhaver(), overtreding=zaak)


def test_uitkomst_beide_maakt_de_zaak_strafrechtelijk_en_deelt_hem():
    handhaver = opbouw.handhaver()
    zaak = opbouw.overtreding(handhaver, gedrag="C", gevolg="3")
    officier = opbouw.actor("officier", "om-fp", Rol.KETENPARTNER)
    agent = opbouw.actor("agent", "politie", Rol.KETENPARTNER)
    inspecteur = opbouw.actor("inspecteur", "odzob", Rol.TOEZICHTHOUDER)
    ilt = opbouw.actor("ilt", "ilt", Rol.KETENPARTNER)
    assert _zien(inspecteur, zaak) and not _zien(officier, zaak) and not _zien(agent, zaak)

    overleg = _overleg(handhaver, zaak)
    zaak.refresh_from_db()
    assert (zaak.vertrouwelijkheid, zaak.afstemming_gewenst) == ("strafrechtelijk", False)
    assert overleg.deelnemers[2] == {
        "organisatie": "om-fp",
        "naam": "mr. A. Bakker",
        "functie": "officier van justitie",
    }
    assert set(zaak.delingen.values_list("ontvanger__code", flat=True)) == {"om-fp", "politie"}
    assert set(zaak.delingen.values_list("afstemmingsoverleg", flat=True)) == {overleg.pk}
    assert _zien(officier, zaak) and _zien(agent, zaak) and _zien(handhaver, zaak)
    # Strafrechtelijk: invisible to the service's own inspector and to a chain partner it was not shared with.
    assert not _zien(inspecteur, zaak) and not _zien(ilt, zaak)
    acties = set(Auditgebeurtenis.objects.values_list("actie", flat=True))
    assert {"afstemmingsoverleg.vastgelegd", "overtreding.afgestemd", "zaakdeling.gedeeld"} <= acties


def test_uitkomst_bestuursrechtelijk_deelt_niets():
    zaak = opbouw.overtreding(gedrag="B", gevolg="3")
    _overleg(opbouw.handhaver(), zaak, uitkomst="bestuursrechtelijk")
    zaak.refresh_from_db()
    assert (zaak.vertrouwelijkheid, zaak.afstemming_gewenst, zaak.delingen.count()) == ("intern", False, 0)


@pytest.mark.parametrize(
    ("deelnemers", "veld", "tekst"),
    [
        ([], "deelnemers", "noem de deelnemers"),
        ([{"organisatie": "odzob", "naam": "J."}], "deelnemers", "het OM neemt deel"),
        ([{"organisatie": "om-fp", "naam": "A."}], "deelnemers", "bevoegd gezag of de omgevingsdienst"),
        ([*DEELNEMERS, {"organisatie": "GM0363", "naam": "X."}], "deelnemers.4.organisatie", "geen OM"),
        ([*DEELNEMERS, {"organisatie": "nergens", "naam": "X."}], "deelnemers.4.organisatie", "onbekende"),
        ([*DEELNEMERS[:3], {"organisatie": "politie", "naam": " "}], "deelnemers.3.naam", "ontbreekt"),
    ],
)
def test_deelnemers_gevalideerd_zonder_opslag(deelnemers, veld, tekst):
    zaak = opbouw.overtreding()
    with pytest.raises(OngeldigeInvoer) as fout:
        _overleg(opbouw.handhaver(), zaak, deelnemers=deelnemers)
    assert tekst in fout.value.velden[veld]
    zaak.refresh_from_db()
    assert not Afstemmingsoverleg.objects.exists() and zaak.vertrouwelijkheid == "intern"


@pytest.mark.parametrize(
    ("kw", "veld"),
    [({"uitkomst": "geseponeerd"}, "uitkomst"), ({"redenen": " "}, "redenen"), ({"datum": D(2024, 1, 1)}, "datum")],
)
def test_uitkomst_redenen_en_datum_gevalideerd(kw, veld):
    zaak = opbouw.overtreding()
    with pytest.raises(OngeldigeInvoer) as fout:
        _overleg(opbouw.handhaver(), zaak, **kw)
    assert veld in fout.value.velden and not Afstemmingsoverleg.objects.exists()


def test_om_legt_uitkomst_vast_alleen_op_gedeelde_zaak():
    handhaver = opbouw.handhaver()
    officier = opbouw.actor("officier", "om-fp", Rol.KETENPARTNER)
    zaak = opbouw.overtreding(handhaver)
    with pytest.raises(NietGevonden):
        _overleg(officier, zaak)
    deling = services.zaak_delen(
        actor=handhaver,
        overtreding=zaak,
        ontvanger=Organisatie.objects.get(code="om-fp"),
        reden="voorbereiding afstemmingsoverleg",
    )
    overleg = _overleg(officier, zaak, uitkomst="strafrechtelijk")
    assert overleg.vastgelegd_door_id == officier.gebruiker_id
    zaak.refresh_from_db()
    assert zaak.vertrouwelijkheid == "strafrechtelijk"
    # The police joined the consultation and now share the case; the OM's own share is not duplicated.
    assert sorted(zaak.delingen.values_list("ontvanger__code", flat=True)) == ["om-fp", "politie"]
    # The OM may record outcomes, never take measures or re-position.
    with pytest.raises(GeenToestemming):
        services.overtreding_positioneren(actor=officier, overtreding=zaak, gedrag="D", gevolg="4")
    services.zaakdeling_intrekken(actor=handhaver, deling=deling)
    assert not _zien(officier, zaak)
    with pytest.raises(NietGevonden):
        _overleg(officier, zaak)


def test_zaak_delen_alleen_met_om_of_politie_en_niet_dubbel():
    handhaver = opbouw.handhaver()
    zaak = opbouw.overtreding(handhaver)
    for code in ("ilt", "GM0363"):
        with pytest.raises(OngeldigeInvoer, match="geen OM- of opsporingsorganisatie"):
            services.zaak_delen(
                actor=handhaver, overtreding=zaak, ontvanger=Organisatie.objects.get(code=code), reden="x"
            )
    politie = Organisatie.objects.get(code="politie")
    with pytest.raises(OngeldigeInvoer, match="waarom"):
        services.zaak_delen(actor=handhaver, overtreding=zaak, ontvanger=politie, reden="")
    deling = services.zaak_delen(actor=handhaver, overtreding=zaak, ontvanger=politie, reden="opsporing")
    with pytest.raises(OngeldigeInvoer, match="al gedeeld"):
        services.zaak_delen(actor=handhaver, overtreding=zaak, ontvanger=politie, reden="opsporing")
    assert Zaakdeling.objects.count() == 1
    inspecteur = opbouw.actor("inspecteur", "odzob", Rol.TOEZICHTHOUDER)
    with pytest.raises(GeenToestemming):
        services.zaakdeling_intrekken(actor=inspecteur, deling=deling)
    services.zaakdeling_intrekken(actor=handhaver, deling=deling)
    with pytest.raises(OngeldigeInvoer, match="al ingetrokken"):
        services.zaakdeling_intrekken(actor=handhaver, deling=deling)


def test_ilt_als_opsporingsdienst_via_instelling(settings):
    settings.OPENVTH_OPSPORING_CODES = ["politie", "ilt"]
    zaak = opbouw.overtreding()
    services.zaak_delen(
        actor=opbouw.handhaver(),
        overtreding=zaak,
        ontvanger=Organisatie.objects.get(code="ilt"),
        reden="ILT-IOD onderzoekt",
    )
    assert _zien(opbouw.actor("iod", "ilt", Rol.KETENPARTNER), zaak)


def test_deling_intrekken_op_de_zaakpagina_met_bevestiging():
    from . import zaak as ui

    persoon = ui.gebruiker("jurist-ui", {"odzob": [Rol.HANDHAVER]})
    handhaver = ui.actor_van(persoon, "odzob", Rol.HANDHAVER)
    client = ui.browser(persoon)
    politie = opbouw.actor("rechercheur", "politie", Rol.KETENPARTNER)
    zaak = opbouw.overtreding(handhaver)
    deling = services.zaak_delen(actor=handhaver, overtreding=zaak, ontvanger=politie.organisatie, reden="opsporing")
    pagina = f"/handhaving/overtredingen/{zaak.uuid}"
    intrekken = f"{pagina}/delingen/politie/intrekken"
    assert intrekken in client.get(pagina).content.decode() and _zien(politie, zaak)

    # Without the confirmation box nothing happens.
    r = client.post(intrekken, {"reden": "te vroeg"}, follow=True)
    assert "Bevestig dat" in r.content.decode()
    deling.refresh_from_db()
    assert deling.ingetrokken_op is None and _zien(politie, zaak)

    r = client.post(intrekken, {"bevestig": "ja", "reden": "OM ziet af van vervolging"}, follow=True)
    assert "is ingetrokken" in r.content.decode() and intrekken not in r.content.decode()
    deling.refresh_from_db()
    assert deling.ingetrokken_op is not None and deling.ingetrokken_door_id == persoon.pk
    assert not _zien(politie, zaak)
    with pytest.raises(NietGevonden):
        selectors.overtreding_get(actor=politie, uuid=zaak.uuid)
    gebeurtenis = Auditgebeurtenis.objects.get(actie="zaakdeling.ingetrokken", object_id=str(deling.pk))
    assert gebeurtenis.na["reden"] == "OM ziet af van vervolging"
    assert client.post(intrekken, {"bevestig": "ja"}).status_code == 404  # nothing left to withdraw

    # An inspector sees the case but may not withdraw a share.
    inspecteur = ui.gebruiker("inspecteur-ui", {"odzob": [Rol.TOEZICHTHOUDER]})
    deling = services.zaak_delen(actor=handhaver, overtreding=zaak, ontvanger=politie.organisatie, reden="opnieuw")
    assert ui.browser(inspecteur).post(intrekken, {"bevestig": "ja"}).status_code == 403
    deling.refresh_from_db()
    assert deling.ingetrokken_op is None
