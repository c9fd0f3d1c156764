"""The access matrix: every record kind × role × relation × confidentiality level.

The expected visibility is derived from the policy's *declared* rules (each kind's `rollen` per level and the
relation rules in `toegang`'s docstring) and checked through the kind's own selectors, so a selector that skips
the policy fails here. Hand-written expectations for the cases that matter most (unrelated organisation,
anonymous, strafrechtelijk) guard against a wrong declaration. Writes have their own matrix over every write
service: `test_schrijfmatrix.py`.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from openvth.handhaving.models import Handhavingsmaatregel, Overtreding, Procesverbaal, Zaakdeling
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden
from openvth.organisaties.models import Deelafspraak, Mandaat, Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.toegang import ANONIEM, Actor
from openvth.register.models import Activiteit, Activiteituitvoering, Betrokkene, Locatie, VthObject
from openvth.toezicht.models import Bevinding, Controle, Keten, Ketenactie, Ketenschakel
from openvth.vergunningen.models import Besluit, Brief, Toestemming, Verzoek, Verzoekactiviteit, Voorschrift

from ..toegangsproef.models import Proefrecord

pytestmark = pytest.mark.django_db
V = Vertrouwelijkheid

RELATIES = (
    "eigen",
    "mandaatgever",
    "gemandateerde_dienst",
    "deelafspraak",
    "deelafspraak_strafrechtelijk",
    "zaak_gedeeld",
    "andere_organisatie",
    "anoniem",
)
NIVEAUS = tuple(V.values)


def _locatie(gemeente):
    return Locatie.objects.create(gemeente=gemeente, x=161000, y=383000, lon=5.47, lat=51.44, postcode="5611AB")


def _vthobject(bg, uv, gemeente, niveau, titel):
    return VthObject.objects.create(
        bevoegd_gezag=bg,
        uitvoerder=uv,
        vertrouwelijkheid=niveau,
        naam=titel,
        lokaal_id=titel,
        locatie=_locatie(gemeente),
    )


def _uitvoering(bg, uv, gemeente, niveau, titel):
    activiteit, _ = Activiteit.objects.get_or_create(
        code="proef", defaults={"niveau": 1, "naam": "Proef", "catalogusversie": "proef"}
    )
    obj = _vthobject(bg, uv, gemeente, V.OPENBAAR, f"obj-{titel}")
    return Activiteituitvoering.objects.create(
        bevoegd_gezag=bg,
        toezichtinstantie=uv,
        gemeente=gemeente,
        vertrouwelijkheid=niveau,
        vth_object=obj,
        activiteit=activiteit,
        bron_systeem="proef",
        bron_id=titel,
        status="uitvoering",
    )


def _betrokkene(bg, uv, gemeente, niveau, titel):
    soort = "natuurlijk_persoon" if niveau != V.OPENBAAR else "vestiging"
    return Betrokkene.objects.create(bevoegd_gezag=bg, uitvoerder=uv, vertrouwelijkheid=niveau, naam=titel, soort=soort)


def _overtreding(bg, uv, gemeente, niveau, titel):
    return Overtreding.objects.create(
        bevoegd_gezag=bg,
        uitvoerder=uv,
        gemeente=gemeente,
        vertrouwelijkheid=niveau,
        vth_object=_vthobject(bg, uv, gemeente, V.OPENBAAR, f"obj-{titel}"),
        herkomst="eigen_waarneming",
        omschrijving=titel,
        voorschrift="art. 2.11 Bal",
        geconstateerd_op=date(2026, 1, 5),
    )


def _maatregel(bg, uv, gemeente, niveau, titel):
    return Handhavingsmaatregel.objects.create(
        overtreding=_overtreding(bg, uv, gemeente, niveau, titel), instrument="waarschuwen", fase="waarschuwing"
    )


_VERZOEKNUMMERS = count(1)


def _verzoek(bg, uv, gemeente, niveau, titel):
    return Verzoek.objects.create(
        verzoeknummer=f"{next(_VERZOEKNUMMERS):013d}",
        verzoekvolgnummer="001",
        soort="activiteitmelding",
        ontvangen_op=date(2026, 12, 1),
        aanvrager=_betrokkene(bg, uv, gemeente, V.OPENBAAR, f"aanvrager-{titel}"),
        locatie=_locatie(gemeente),
        bevoegd_gezag=bg,
        uitvoerder=uv,
        afleiding="proef",
        vertrouwelijkheid=niveau,
        bron="formulier",
    )


def _verzoekactiviteit(bg, uv, gemeente, niveau, titel):
    activiteit, _ = Activiteit.objects.get_or_create(
        code="proef", defaults={"niveau": 1, "naam": "Proef", "catalogusversie": "proef"}
    )
    return Verzoekactiviteit.objects.create(verzoek=_verzoek(bg, uv, gemeente, niveau, titel), activiteit=activiteit)


def _matrixgebruiker():
    return get_user_model().objects.get_or_create(username="matrix-deler")[0]


def _besluit(bg, uv, gemeente, niveau, titel):
    """A decision reads the policy through its request (`verzoek__…`): the request carries the level."""
    verzoek = _verzoek(bg, uv, gemeente, niveau, titel)
    return Besluit.objects.create(
        verzoek=verzoek,
        soort="verlenen",
        kenmerk=f"{verzoek.verzoeknummer}-B01",
        motivering="proef",
        opgesteld_door=_matrixgebruiker(),
    )


def _brief(bg, uv, gemeente, niveau, titel):
    verzoek = _verzoek(bg, uv, gemeente, niveau, titel)
    return Brief.objects.create(
        verzoek=verzoek,
        soort="ontvangstbevestiging",
        kenmerk=f"{verzoek.verzoeknummer}/01",
        datum=date(2026, 12, 2),
        onderwerp="Ontvangstbevestiging",
        html="<p>proef</p>",
        pdf=b"%PDF-proef",
        gemaakt_door=_matrixgebruiker(),
    )


def _toestemming(bg, uv, gemeente, niveau, titel):
    """A permission carries the policy fields itself; the decision that granted it is of another level on purpose,
    so a selector that read the level through the decision would fail here."""
    besluit = _besluit(bg, uv, gemeente, V.INTERN if niveau == V.OPENBAAR else V.OPENBAAR, f"besluit-{titel}")
    return Toestemming.objects.create(
        soort="omgevingsvergunning",
        kenmerk=besluit.kenmerk,
        vth_object=_vthobject(bg, uv, gemeente, V.OPENBAAR, f"obj-{titel}"),
        bevoegd_gezag=bg,
        uitvoerder=uv,
        gemeente=gemeente,
        vertrouwelijkheid=niveau,
        verleend_bij=besluit,
        geldig_vanaf=date(2026, 12, 3),
    )


def _voorschrift(bg, uv, gemeente, niveau, titel):
    """A condition reads the policy through its decision's request (`besluit__verzoek__…`)."""
    return Voorschrift.objects.create(besluit=_besluit(bg, uv, gemeente, niveau, titel), nummer="1", tekst="proef")


def _controle(bg, uv, gemeente, niveau, titel):
    return Controle.objects.create(
        bevoegd_gezag=bg,
        uitvoerder=uv,
        gemeente=gemeente,
        vertrouwelijkheid=niveau,
        vth_object=_vthobject(bg, uv, gemeente, V.OPENBAAR, f"obj-{titel}"),
        reden="incident",
        gepland_op=date(2026, 1, 5),
    )


def _bevinding(bg, uv, gemeente, niveau, titel):
    return Bevinding.objects.create(
        controle=_controle(bg, uv, gemeente, niveau, titel),
        volgnummer=1,
        resultaat="voorschriften_nageleefd",
        vastgelegd_door=_matrixgebruiker(),
    )


def _ketenbevinding_delen(bevinding, org):
    """Chain sharing: `org` is uitvoerder of another link in the finding's chain and holds an agreement."""
    controle = bevinding.controle
    keten = Keten.objects.create(naam=f"keten-{bevinding.pk}", beheerder=controle.uitvoerder)
    Ketenschakel.objects.create(keten=keten, vth_object=controle.vth_object, rol="producent", volgorde=1)
    partner = _vthobject(org, org, controle.gemeente, V.OPENBAAR, f"partner-{bevinding.pk}")
    Ketenschakel.objects.create(keten=keten, vth_object=partner, rol="verwerker", volgorde=2)
    controle.ketenactie = Ketenactie.objects.create(
        keten=keten, naam="actie", van=date(2026, 1, 1), tot=date(2026, 2, 1)
    )
    controle.save(update_fields=["ketenactie"])
    if not Deelafspraak.objects.filter(ontvanger=org, verstrekker=controle.bevoegd_gezag).exists():
        Deelafspraak.objects.create(
            ontvanger=org,
            verstrekker=controle.bevoegd_gezag,
            recordsoort="toezicht.bevinding",
            plafond=V.STRAFRECHTELIJK,
            grondslag="proef",
            regio=Organisatie.objects.get(code="GM0363"),
        )


def _procesverbaal(bg, uv, gemeente, niveau, titel):
    return Procesverbaal.objects.create(
        overtreding=_overtreding(bg, uv, gemeente, niveau, titel),
        nummer=f"PV-{titel}",
        datum=date(2026, 1, 6),
        verbalisant="BOA",
        bestand="processen-verbaal/proef.pdf",
        naam="pv.pdf",
        mediatype="application/pdf",
        grootte=1,
        sha256="0" * 64,
        vertrouwelijkheid=niveau,
        vastgelegd_door=_matrixgebruiker(),
    )


def _zaak_met_bevinding_delen(bevinding, org):
    """The evidence route: the finding belongs to a case (violation) that is shared with `org` (issue 12)."""
    controle = bevinding.controle
    bg, uv = controle.bevoegd_gezag, controle.uitvoerder
    zaak = _overtreding(bg, uv, controle.gemeente, V.INTERN, f"zaak-{bevinding.pk}")
    Bevinding.objects.filter(pk=bevinding.pk).update(overtreding=zaak)
    Zaakdeling.objects.create(overtreding=zaak, ontvanger=org, gedeeld_door=_matrixgebruiker())


def _controle_van_gedeelde_zaak(controle, org):
    """A controle holding a finding of a case shared with `org`."""
    bevinding = Bevinding.objects.create(
        controle=controle, volgnummer=1, resultaat="niet_akkoord", vastgelegd_door=_matrixgebruiker()
    )
    _zaak_met_bevinding_delen(bevinding, org)


# Kinds whose records can be shared one by one with a chain partner (toegang rule 4), and how.
DELERS = {
    "handhaving.overtreding": lambda record, org: Zaakdeling.objects.create(
        overtreding=record, ontvanger=org, gedeeld_door=_matrixgebruiker()
    ),
    "handhaving.handhavingsmaatregel": lambda record, org: Zaakdeling.objects.create(
        overtreding=record.overtreding, ontvanger=org, gedeeld_door=_matrixgebruiker()
    ),
    "toezicht.bevinding": _ketenbevinding_delen,
    "toezicht.controle": _controle_van_gedeelde_zaak,
    "handhaving.procesverbaal": lambda record, org: Zaakdeling.objects.create(
        overtreding=record.overtreding, ontvanger=org, gedeeld_door=_matrixgebruiker()
    ),
}
# A second route for a kind (the first is in DELERS), run through the same matrix by `test_tweede_deelroute`.
TWEEDE_DELERS = {"toezicht.bevinding": _zaak_met_bevinding_delen}


# One way to make a record of each kind; a new kind without a maker fails test_elke_soort_heeft_een_maker.
MAKERS = {
    "toegangsproef.proefrecord": lambda bg, uv, gemeente, niveau, titel: Proefrecord.objects.create(
        titel=titel, bevoegd_gezag=bg, uitvoerder=uv, gemeente=gemeente, vertrouwelijkheid=niveau
    ),
    "register.activiteituitvoering": _uitvoering,
    "register.vthobject": _vthobject,
    "register.betrokkene": _betrokkene,
    "handhaving.overtreding": _overtreding,
    "handhaving.handhavingsmaatregel": _maatregel,
    "toezicht.controle": _controle,
    "toezicht.bevinding": _bevinding,
    "handhaving.procesverbaal": _procesverbaal,
    "vergunningen.verzoek": _verzoek,
    "vergunningen.verzoekactiviteit": _verzoekactiviteit,
    "vergunningen.besluit": _besluit,
    "vergunningen.brief": _brief,
    "vergunningen.toestemming": _toestemming,
    "vergunningen.voorschrift": _voorschrift,
}


def verwacht(soort: toegang.Recordsoort, rol: str, relatie: str, niveau: str) -> bool:
    """What the declared policy says: the rules of toegang's module docstring, as a table."""
    if niveau == V.OPENBAAR:
        return True
    if relatie in ("anoniem", "andere_organisatie"):
        return False
    if rol not in soort.rollen[niveau]:
        return False
    if relatie == "zaak_gedeeld":  # a single case handed over: every level the role admits, or nothing
        return soort.gedeeld is not None
    if niveau == V.STRAFRECHTELIJK:
        return relatie in ("eigen", "mandaatgever", "deelafspraak_strafrechtelijk")
    return True


class Situatie:
    """Gemeente G mandated omgevingsdienst D; A and S have sharing agreements with D; X is unrelated."""

    def __init__(self, sleutel: str, deel=None):
        self.g = Organisatie.objects.get(code="GM0772")  # Eindhoven
        self.d = Organisatie.objects.get(code="odzob")
        self.a = Organisatie.objects.get(code="ilt")
        self.s = Organisatie.objects.get(code="om-fp")
        self.x = Organisatie.objects.get(code="GM0363")  # Amsterdam
        self.p = Organisatie.objects.get(code="politie")
        Mandaat.objects.create(mandaatgever=self.g, mandaatnemer=self.d, taakcategorieen=["basistaak"])
        Deelafspraak.objects.create(
            ontvanger=self.a, verstrekker=self.d, recordsoort=sleutel, plafond=V.VERTROUWELIJK, grondslag="proef"
        )
        Deelafspraak.objects.create(
            ontvanger=self.s, verstrekker=self.d, recordsoort=sleutel, plafond=V.STRAFRECHTELIJK, grondslag="proef"
        )
        maak = MAKERS[sleutel]
        # (actor's organisation, record's bevoegd gezag, record's uitvoerder) per relation
        opzet = {
            "eigen": (self.x, self.x, self.x),
            "mandaatgever": (self.g, self.g, self.d),
            "gemandateerde_dienst": (self.d, self.g, self.g),
            "deelafspraak": (self.a, self.g, self.d),
            "deelafspraak_strafrechtelijk": (self.s, self.g, self.d),
            "zaak_gedeeld": (self.p, self.g, self.d),
            "andere_organisatie": (self.x, self.g, self.d),
            "anoniem": (None, self.g, self.d),
        }
        self.actor_org = {relatie: org for relatie, (org, _, _) in opzet.items()}
        self.records = {
            (relatie, niveau): maak(bg, uv, self.g, niveau, f"{relatie}-{niveau}")
            for relatie, (_, bg, uv) in opzet.items()
            for niveau in NIVEAUS
        }
        if deel := deel or DELERS.get(sleutel):
            for niveau in NIVEAUS:
                deel(self.records[("zaak_gedeeld", niveau)], self.p)

    def actor(self, relatie: str, rol: str) -> Actor:
        if relatie == "anoniem":
            return ANONIEM
        return Actor(
            gebruiker_id=1, gebruikersnaam="matrix", organisatie=self.actor_org[relatie], rollen=frozenset({rol})
        )


def afwijkingen(soort: toegang.Recordsoort, situatie: Situatie, rol: str, relatie: str) -> list[str]:
    """Cells where the kind's selectors disagree with the declared policy (list and detail both)."""
    actor = situatie.actor(relatie, rol)
    zichtbaar = set(soort.lijst(actor=actor).values_list("pk", flat=True))
    fouten = []
    for niveau in NIVEAUS:
        record = situatie.records[(relatie, niveau)]
        moet = verwacht(soort, rol, relatie, niveau)
        if (record.pk in zichtbaar) is not moet:
            fouten.append(f"lijst {rol}/{relatie}/{niveau}: zichtbaar={not moet}, verwacht={moet}")
        try:
            soort.detail(actor=actor, uuid=record.uuid)
            gevonden = True
        except NietGevonden:
            gevonden = False
        if gevonden is not moet:
            fouten.append(f"detail {rol}/{relatie}/{niveau}: gevonden={gevonden}, verwacht={moet}")
    return fouten


SOORTEN = sorted(toegang.recordsoorten())


def test_elke_soort_heeft_een_maker():
    assert SOORTEN, "geen enkele recordsoort geregistreerd"
    assert set(SOORTEN) <= set(MAKERS), f"maak een MAKERS-regel voor: {set(SOORTEN) - set(MAKERS)}"


@pytest.mark.parametrize("sleutel", SOORTEN)
@pytest.mark.parametrize("rol", Rol.values)
@pytest.mark.parametrize("relatie", RELATIES)
def test_toegangsmatrix(sleutel, rol, relatie):
    soort = toegang.recordsoorten()[sleutel]
    fouten = afwijkingen(soort, Situatie(sleutel), rol, relatie)
    assert not fouten, "\n".join(fouten)


@pytest.mark.parametrize("rol", Rol.values)
@pytest.mark.parametrize("relatie", RELATIES)
@pytest.mark.parametrize("sleutel", sorted(TWEEDE_DELERS))
def test_tweede_deelroute(sleutel, rol, relatie):
    """A finding reached through its shared case (the evidence for OM and police) obeys the same matrix."""
    soort = toegang.recordsoorten()[sleutel]
    fouten = afwijkingen(soort, Situatie(sleutel, deel=TWEEDE_DELERS[sleutel]), rol, relatie)
    assert not fouten, "\n".join(fouten)


# Hand-written expectations, independent of `verwacht`, for the cases that matter most.
HANDMATIG = [
    # (rol, relatie, niveau, zichtbaar)
    (Rol.HANDHAVER, "andere_organisatie", V.INTERN, False),
    (Rol.MANAGER, "andere_organisatie", V.VERTROUWELIJK, False),
    (Rol.HANDHAVER, "anoniem", V.INTERN, False),
    (Rol.HANDHAVER, "anoniem", V.OPENBAAR, True),
    (Rol.HANDHAVER, "eigen", V.STRAFRECHTELIJK, True),
    (Rol.TOEZICHTHOUDER, "eigen", V.STRAFRECHTELIJK, False),
    (Rol.HANDHAVER, "gemandateerde_dienst", V.STRAFRECHTELIJK, False),
    (Rol.HANDHAVER, "gemandateerde_dienst", V.VERTROUWELIJK, True),
    (Rol.KETENPARTNER, "deelafspraak", V.STRAFRECHTELIJK, False),
    (Rol.KETENPARTNER, "deelafspraak_strafrechtelijk", V.STRAFRECHTELIJK, True),
    (Rol.PLANNER, "eigen", V.VERTROUWELIJK, False),
    (Rol.PRIVACY_OFFICER, "eigen", V.INTERN, True),
]


@pytest.mark.parametrize("sleutel", SOORTEN)
@pytest.mark.parametrize("rol, relatie, niveau, zichtbaar", HANDMATIG)
def test_handmatige_verwachtingen(sleutel, rol, relatie, niveau, zichtbaar):
    soort = toegang.recordsoorten()[sleutel]
    situatie = Situatie(sleutel)
    record = situatie.records[(relatie, niveau)]
    assert soort.lijst(actor=situatie.actor(relatie, rol)).filter(pk=record.pk).exists() is zichtbaar
    assert verwacht(soort, rol, relatie, niveau) is zichtbaar


def test_matrix_vangt_selector_die_het_beleid_overslaat():
    """The matrix fails when a selector forgets `toegang.zichtbaar`: proven with such a selector."""
    echt = toegang.recordsoorten()["toegangsproef.proefrecord"]
    lek = toegang.Recordsoort(
        sleutel=echt.sleutel,
        model=echt.model,
        gemeente=echt.gemeente,
        lijst=lambda *, actor: Proefrecord.objects.all(),
        detail=lambda *, actor, uuid: Proefrecord.objects.get(uuid=uuid),
    )
    situatie = Situatie(echt.sleutel)
    fouten = afwijkingen(lek, situatie, Rol.HANDHAVER, "andere_organisatie")
    assert "lijst handhaver/andere_organisatie/intern: zichtbaar=True, verwacht=False" in fouten
    assert any(f.startswith("detail handhaver/andere_organisatie/strafrechtelijk") for f in fouten)


def test_verlopen_mandaat_en_afspraak_geven_geen_toegang():
    situatie = Situatie("toegangsproef.proefrecord")
    gisteren = date.today() - timedelta(days=1)
    Mandaat.objects.update(geldig_tot=gisteren)
    Deelafspraak.objects.update(geldig_tot=gisteren)
    for relatie in ("gemandateerde_dienst", "deelafspraak"):
        actor = situatie.actor(relatie, Rol.HANDHAVER)
        record = situatie.records[(relatie, V.INTERN)]
        assert (
            not Proefrecord.objects.filter(pk=record.pk)
            .filter(pk__in=toegang.zichtbaar(actor, Proefrecord.objects.all()))
            .exists()
        )


def test_regionale_deelafspraak_geldt_alleen_in_de_regio():
    situatie = Situatie("toegangsproef.proefrecord")
    Deelafspraak.objects.filter(ontvanger=situatie.a).update(regio=Organisatie.objects.get(code="GM0363"))
    actor = situatie.actor("deelafspraak", Rol.TOEZICHTHOUDER)
    record = situatie.records[("deelafspraak", V.INTERN)]  # in Eindhoven, outside the agreement's region
    assert not toegang.zichtbaar(actor, Proefrecord.objects.filter(pk=record.pk)).exists()
    Deelafspraak.objects.filter(ontvanger=situatie.a).update(regio=Organisatie.objects.get(code="odzob"))
    assert toegang.zichtbaar(actor, Proefrecord.objects.filter(pk=record.pk)).exists()


def test_inzage_van_niet_openbaar_record_wordt_gelogd():
    from openvth.audit.models import Inzage

    situatie = Situatie("toegangsproef.proefrecord")
    actor = situatie.actor("mandaatgever", Rol.HANDHAVER)
    soort = toegang.recordsoorten()["toegangsproef.proefrecord"]
    soort.detail(actor=actor, uuid=situatie.records[("mandaatgever", V.OPENBAAR)].uuid)
    assert not Inzage.objects.exists()
    record = situatie.records[("mandaatgever", V.VERTROUWELIJK)]
    soort.detail(actor=actor, uuid=record.uuid)
    regel = Inzage.objects.get()
    assert (regel.object_id, regel.organisatie_id, regel.bevoegd_gezag_id, regel.uitvoerder_id) == (
        str(record.uuid),
        situatie.g.pk,
        situatie.g.pk,
        situatie.d.pk,
    )


def test_politie_ziet_precies_de_met_haar_gedeelde_zaken():
    """Of all violations in the situation (every relation, every level), the police see only those shared."""
    situatie = Situatie("handhaving.overtreding")
    politie = situatie.actor("zaak_gedeeld", Rol.KETENPARTNER)
    gedeeld = {situatie.records[("zaak_gedeeld", niveau)].pk for niveau in NIVEAUS}
    openbaar = {r.pk for (_, niveau), r in situatie.records.items() if niveau == V.OPENBAAR}
    from openvth.handhaving.selectors import overtreding_list

    assert set(overtreding_list(actor=politie).values_list("pk", flat=True)) == gedeeld | openbaar
    Zaakdeling.objects.filter(overtreding_id__in=gedeeld).update(ingetrokken_op=timezone.now())
    assert set(overtreding_list(actor=politie).values_list("pk", flat=True)) == openbaar
