"""The write matrix: every write service × actor relation × role × token scope × confidentiality level.

The read matrix (`test_toegangsmatrix.py`) proves who *sees* what; this one proves who may *change* it, through
the services themselves. The expected answer is derived from the write rule in `toegang`'s module docstring:

* invisible to the actor → `NietGevonden` (404), exactly as the read matrix says;
* visible, but the actor's organisation is not the record's bevoegd gezag or uitvoerder and holds no mandate
  valid today from the bevoegd gezag (never for ``strafrechtelijk``) → `GeenToestemming` (403): a sharing
  agreement at any ceiling and a case shared one by one give reading rights only;
* the one named exception: the chain partner a case was shared with records the afstemmingsoverleg;
* then the service's roles and the token's `schrijven` scope.

Every call runs in a savepoint that is rolled back, so one set of records serves all cells of a service. The
list of services is checked for completeness against the code: every public function with an `actor`
parameter in a services module, or one that appends an audit event, is in the matrix or named in `ELDERS` with
the reason it is not (`test_elke_schrijfdienst_staat_in_de_matrix`).
"""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

import openvth
from openvth.geo.crs import Crs
from openvth.handhaving import documenten
from openvth.handhaving import services as handhaving
from openvth.handhaving.models import (
    Document,
    Handhavingsmaatregel,
    Maatregelstap,
    Rechtsmiddel,
    Verbeurte,
    Zaakdeling,
)
from openvth.organisaties import toegang
from openvth.organisaties.fouten import GeenToestemming, NietGevonden
from openvth.organisaties.models import (
    Deelafspraak,
    Lidmaatschap,
    Mandaat,
    Organisatie,
    Rol,
    Soort,
    Vertrouwelijkheid,
    Werkgebiedlid,
)
from openvth.organisaties.services import systeem_actor
from openvth.organisaties.toegang import ANONIEM, Actor
from openvth.register import services as register
from openvth.register.models import Activiteit, Activiteituitvoering, Locatie
from openvth.toezicht import services as toezicht
from openvth.toezicht.models import Bevinding, Bijlage, Controle, ControleStatus, Uitvoeringsprogramma
from openvth.toezicht.selectors import CONTROLEPLANNERS, PLANNERS, TOEZICHTHOUDERS
from openvth.vergunningen import besluiten, stappen
from openvth.vergunningen import services as vergunningen
from openvth.vergunningen.bericht import Aanvrageropgave, Locatieopgave, Verzoekgegevens
from openvth.vergunningen.models import Besluit, Verzoek

from .test_toegangsmatrix import _controle, _overtreding, _uitvoering, _verzoek, _vthobject, verwacht

pytestmark = pytest.mark.django_db
V = Vertrouwelijkheid
NIVEAUS = tuple(V.values)
D = date

# (actor's organisation, record's bevoegd gezag, record's uitvoerder) per relation; codes resolved in `Opzet`.
# G mandates D; D gives odg, ilt and om-fp a sharing agreement at ceiling intern, vertrouwelijk, strafrechtelijk;
# each of G's cases served by D is shared one by one with the police (for controles: the case each G/D controle
# re-inspects, so the police read it through the shared case); X is unrelated to G and D.
RELATIES = {
    "eigen": ("X", "X", "X"),
    "mandaatgever": ("G", "G", "D"),
    "gemandateerde_dienst": ("D", "G", "G"),
    "uitvoerder_zonder_mandaat": ("D", "X", "D"),
    "deelafspraak_intern": ("odg", "G", "D"),
    "deelafspraak_vertrouwelijk": ("ilt", "G", "D"),
    "deelafspraak_strafrechtelijk": ("om-fp", "G", "D"),
    "zaak_gedeeld": ("politie", "G", "D"),
    "andere_organisatie": ("X", "G", "D"),
    "anoniem": (None, "G", "D"),
}
CODES = {"G": "GM0772", "D": "odzob", "X": "GM0363"}
PLAFOND = {"deelafspraak_intern": V.INTERN, "deelafspraak_vertrouwelijk": V.VERTROUWELIJK,
           "deelafspraak_strafrechtelijk": V.STRAFRECHTELIJK}  # fmt: skip
LEESRELATIE = {  # the read matrix's name for the same relation
    "uitvoerder_zonder_mandaat": "eigen",
    "deelafspraak_intern": "deelafspraak",
    "deelafspraak_vertrouwelijk": "deelafspraak",
}


def _code(x: str | None) -> str | None:
    return CODES.get(x, x) if x else None


def _gebruiker(naam: str = "schrijfmatrix"):
    return get_user_model().objects.get_or_create(username=naam)[0]


# --- the write services and how to call each on a prepared record ----------------------------------------------


@dataclass(frozen=True)
class Schrijfdienst:
    """A write service in the matrix: `doel` is the record kind the access check is on (its records are made
    with the read matrix's makers for each relation's organisations), `maak` prepares such a record in the state
    the service needs, `roep` calls the service as `actor` on it."""

    functie: Callable
    doel: str
    rollen: tuple[str, ...]
    maak: Callable[..., object]
    roep: Callable[[Actor, object], object]
    ketenpartners: tuple[str, ...] = ()
    niveaus: tuple[str, ...] = NIVEAUS
    nieuw: bool = False  # creates a record for (bg, uv) from nothing: no record to be invisible
    strafrechtelijk: bool = False  # writes criminal-law data (a proces-verbaal): never through a mandate alone

    @property
    def naam(self) -> str:
        return f"{self.functie.__module__}.{self.functie.__name__}"


def _png() -> bytes:
    from PIL import Image

    uit = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(uit, format="PNG")
    return uit.getvalue()


PNG = _png()


def _controle_in(status: str, **velden):
    def maak(bg, uv, gemeente, niveau, titel):
        controle = _controle(bg, uv, gemeente, niveau, titel)
        Controle.objects.filter(pk=controle.pk).update(status=status, **velden)
        if status == ControleStatus.UITGEVOERD:
            Bevinding.objects.create(
                controle=controle, volgnummer=1, resultaat="voorschriften_nageleefd", vastgelegd_door=_gebruiker()
            )
        return controle

    return maak


def _uitgevoerd(bg, uv, gemeente, niveau, titel):
    inspecteur = _gebruiker()
    return _controle_in(ControleStatus.UITGEVOERD, uitgevoerd_op=D(2026, 1, 5), toezichthouder=inspecteur)(
        bg, uv, gemeente, niveau, titel
    )


def _met_toezichthouder(bg, uv, gemeente, niveau, titel):
    return _controle_in(ControleStatus.GEPLAND, toezichthouder=_gebruiker())(bg, uv, gemeente, niveau, titel)


def _toewijsbaar(bg, uv, gemeente, niveau, titel):
    inspecteur = _gebruiker("inspecteur")
    for org in {bg, uv}:
        Lidmaatschap.objects.get_or_create(
            gebruiker=inspecteur, organisatie=org, defaults={"rollen": ["toezichthouder"]}
        )
    return _controle(bg, uv, gemeente, niveau, titel)


def _dwangsom(bg, uv, gemeente, niveau, titel, *, fase="besluit_lod"):
    """A last onder dwangsom of € 500 a week, at most € 5,000, decided with a grace period up to 30 March 2026."""
    zaak = _overtreding(bg, uv, gemeente, niveau, titel)
    maatregel = Handhavingsmaatregel.objects.create(
        overtreding=zaak,
        instrument="LOD",
        fase=fase,
        herstellend=True,
        omschrijving="Verwijder het afval.",
        dwangsom_vorm="per tijdseenheid",
        dwangsom_eenheid="week",
        dwangsom_bedrag=Decimal("500.00"),
        dwangsom_maximum=Decimal("5000.00"),
        zienswijze_tot=D(2026, 2, 16),
        begunstigingstermijn_tot=D(2026, 3, 30),
        opgelegd_op=D(2026, 3, 2),
        dwangsom_strekking="ongedaan maken van een overtreding",
    )
    door = _gebruiker()
    Maatregelstap.objects.create(maatregel=maatregel, van="", naar="voornemen", datum=D(2026, 2, 2), door=door)
    Maatregelstap.objects.create(
        maatregel=maatregel,
        van="voornemen",
        naar="besluit_lod",
        datum=D(2026, 3, 2),
        termijn_tot=D(2026, 3, 30),
        termijn_soort="begunstigingstermijn",
        door=door,
    )
    if fase == "hercontrole":
        Maatregelstap.objects.create(
            maatregel=maatregel, van="besluit_lod", naar="hercontrole", datum=D(2026, 3, 31), door=door
        )
    return maatregel


def _met_bezwaar(bg, uv, gemeente, niveau, titel):
    maatregel = _dwangsom(bg, uv, gemeente, niveau, titel)
    Rechtsmiddel.objects.create(maatregel=maatregel, soort="bezwaar", ingediend_op=D(2026, 3, 10), door=_gebruiker())
    return maatregel


def _met_verbeurte(bg, uv, gemeente, niveau, titel):
    maatregel = _dwangsom(bg, uv, gemeente, niveau, titel, fase="verbeurd")
    Verbeurte.objects.create(
        maatregel=maatregel,
        datum=D(2026, 4, 13),
        verbeurd_vanaf=D(2026, 3, 31),
        aantal=2,
        bedrag=Decimal("1000.00"),
        betalen_voor=D(2026, 5, 25),
        verjaart_op=D(2027, 3, 31),
        door=_gebruiker(),
    )
    return maatregel


def _met_deling(bg, uv, gemeente, niveau, titel):
    zaak = _overtreding(bg, uv, gemeente, niveau, titel)
    Zaakdeling.objects.create(
        overtreding=zaak, ontvanger=Organisatie.objects.get(code="om-fp"), gedeeld_door=_gebruiker(), reden="afstemming"
    )
    return zaak


def _partij(bg, uv, gemeente, niveau, titel):
    """For a service that creates a record from nothing: the (bevoegd gezag, uitvoerder, level) it writes for."""
    return (bg, uv, niveau)


def _deelnemers(zaak) -> list[dict]:
    return [
        {"organisatie": zaak.bevoegd_gezag.code, "naam": "A. Bestuur"},
        {"organisatie": "om-fp", "naam": "B. Officier"},
    ]


def _hercontrole_roep(a, m):
    return handhaving.maatregel_stap_zetten(
        actor=a, maatregel=m, naar="hercontrole", datum=D(2026, 3, 31), kenmerk="HC-1"
    )


def _overleg_roep(a, z):
    return handhaving.afstemmingsoverleg_vastleggen(
        actor=a,
        overtreding=z,
        datum=D(2026, 1, 20),
        deelnemers=_deelnemers(z),
        uitkomst="bestuursrechtelijk",
        redenen="Herstel volstaat.",
    )


def _uitvoering_maak_roep(a, obj):
    gegevens = register.Uitvoeringsgegevens(
        activiteit="proef",
        vth_object=obj,
        bevoegd_gezag=obj.bevoegd_gezag.code,
        toezichtinstantie=obj.uitvoerder.code,
        status="uitvoering",
        vertrouwelijkheid=obj.vertrouwelijkheid,
    )
    return register.uitvoering_maken(actor=a, gegevens=gegevens)


def _uitvoering_wijzig_roep(a, u):
    return register.uitvoering_wijzigen(
        actor=a, uuid=u.uuid, verwachte_etag=register.etag(u), wijzigingen={"omschrijving": "bijgewerkt"}
    )


def _vthobject_roep(a, partij):
    bg, uv, niveau = partij
    locatie = Locatie.objects.create(gemeente=bg, x=161000, y=383000, lon=5.47, lat=51.44)
    return register.vthobject_maken(
        actor=a,
        naam="Nieuw",
        lokaal_id="nieuw-1",
        locatie=locatie,
        bevoegd_gezag=bg,
        uitvoerder=uv,
        vertrouwelijkheid=niveau,
    )


def _locatie_roep(a, partij):
    bg, uv, _ = partij
    return register.locatie_maken(actor=a, x=161_500.0, y=383_200.0, gemeente=bg, bevoegd_gezag=bg, uitvoerder=uv)


def _betrokkene_roep(a, partij):
    bg, uv, niveau = partij
    soort = "vestiging" if niveau == V.OPENBAAR else "natuurlijk_persoon"
    return register.betrokkene_maken(
        actor=a,
        soort=soort,
        naam="Partij",
        bevoegd_gezag=bg,
        uitvoerder=uv,
        vestigingsnummer="000012345678" if soort == "vestiging" else "",
    )


def _verzoekopzet(partij) -> str:
    """A request is written for the (bevoegd gezag, uitvoerder) derived from its place: the municipality `bg` and
    its one omgevingsdienst, made here the partij's uitvoerder (or ODZOB where the partij's is the municipality)."""
    bg, uv, _ = partij
    dienst = uv if uv.soort == Soort.OMGEVINGSDIENST else Organisatie.objects.get(code="odzob")
    Werkgebiedlid.objects.filter(lid=bg).delete()
    Werkgebiedlid.objects.create(omgevingsdienst=dienst, lid=bg)
    Activiteit.objects.get_or_create(
        code="proef-melding",
        defaults={"niveau": 1, "naam": "Proef", "catalogusversie": "proef", "kwalificaties": ["meldingsplicht"]},
    )
    return bg.code


def _verzoekgegevens(partij) -> Verzoekgegevens:
    gemeente = _verzoekopzet(partij)
    return Verzoekgegevens(
        verzoeknummer="2026120700001",
        verzoekvolgnummer="001",
        soort="activiteitmelding",
        ontvangen_op=D(2026, 12, 1),
        activiteiten=("proef-melding",),
        locatie=Locatieopgave(gemeente=gemeente, punt=(Crs.RD, 161_500.0, 383_200.0)),
        aanvrager=Aanvrageropgave(soort="vestiging", naam="Aanvrager B.V.", vestigingsnummer="000012345678"),
        vertrouwelijkheid=partij[2],
    )


def _verzoek_roep(a, partij):
    return vergunningen.verzoek_maken(actor=a, gegevens=_verzoekgegevens(partij))


def _verzoekbericht_roep(a, partij):
    bericht = {
        "verzoeknummer": "2026120700002",
        "verzoekvolgnummer": 1,
        "soort": "activiteitmelding",
        "ontvangenOp": "2026-12-01",
        "activiteiten": ["proef-melding"],
        "locatie": {"gemeente": _verzoekopzet(partij), "punt": {"crs": "EPSG:28992", "coordinaten": [161500, 383200]}},
        "aanvrager": {"soort": "vestiging", "naam": "Aanvrager B.V.", "vestigingsnummer": "000012345678"},
        "vertrouwelijkheid": partij[2],
    }
    return vergunningen.verzoekbericht_verwerken(actor=a, bericht=bericht)


def _aanvraag_in(status: str, procedure: str = ""):
    """A permit application received ten days ago, in `status` (the read matrix's request, made one)."""

    def maak(bg, uv, gemeente, niveau, titel):
        verzoek = _verzoek(bg, uv, gemeente, niveau, titel)
        Verzoek.objects.filter(pk=verzoek.pk).update(
            soort="toestemmingsaanvraag",
            subsoort="omgevingsvergunning",
            ontvangen_op=timezone.localdate() - timedelta(days=10),
            status=status,
            procedure=procedure,
        )
        return verzoek

    return maak


def _concept(bg, uv, gemeente, niveau, titel):
    """A draft decision by another officer than the matrix's actor (four eyes are tested in tests/vergunningen)."""
    verzoek = _aanvraag_in("in_behandeling", "regulier")(bg, uv, gemeente, niveau, titel)
    return Besluit.objects.create(
        verzoek=verzoek,
        soort="weigeren",
        kenmerk=f"{verzoek.verzoeknummer}-B01",
        motivering="Weigeren.",
        opgesteld_door=_gebruiker("opsteller"),
    )


def _intrekken_roep(a, v):
    return stappen.stap_zetten(actor=a, verzoek=v, handeling="intrekken")


def _besluit_opstellen_roep(a, v):
    return besluiten.besluit_opstellen(actor=a, verzoek=v, soort="weigeren", motivering="Weigeren.")


def _besluit_goedkeuren_roep(a, b):
    return besluiten.besluit_goedkeuren(actor=a, besluit=b)


VERGUNNING = (Rol.VERGUNNINGVERLENER, Rol.MANAGER, Rol.FUNCTIONEEL_BEHEERDER)
DIENSTEN = [
    # supervision
    Schrijfdienst(
        toezicht.risicokenmerk_vastleggen,
        "register.vthobject",
        (*TOEZICHTHOUDERS, *PLANNERS),
        _vthobject,
        lambda a, o: toezicht.risicokenmerk_vastleggen(actor=a, vth_object=o, bron="meting", zzs=True),
    ),
    Schrijfdienst(
        toezicht.controle_plannen,
        "register.vthobject",
        CONTROLEPLANNERS,
        _vthobject,
        lambda a, o: toezicht.controle_plannen(
            actor=a,
            vth_object=o,
            gepland_op=D(2026, 6, 1),
            reden="incident",
            toelichting="brand",
            vertrouwelijkheid=o.vertrouwelijkheid,
        ),
    ),
    Schrijfdienst(
        toezicht.hercontrole_plannen,
        "handhaving.overtreding",
        (*CONTROLEPLANNERS, Rol.HANDHAVER),
        _overtreding,
        lambda a, z: toezicht.hercontrole_plannen(actor=a, overtreding=z, gepland_op=D(2026, 6, 1)),
    ),
    Schrijfdienst(
        toezicht.toezichthouder_toewijzen,
        "toezicht.controle",
        CONTROLEPLANNERS,
        _toewijsbaar,
        lambda a, c: toezicht.toezichthouder_toewijzen(
            actor=a, controle=c, toezichthouder_id=_gebruiker("inspecteur").pk
        ),
    ),
    Schrijfdienst(
        toezicht.controle_uitvoeren,
        "toezicht.controle",
        (*TOEZICHTHOUDERS, *PLANNERS),
        _met_toezichthouder,
        lambda a, c: toezicht.controle_uitvoeren(actor=a, controle=c, uitgevoerd_op=D(2026, 1, 5), uren_besteed=2),
    ),
    Schrijfdienst(
        toezicht.controle_afronden,
        "toezicht.controle",
        (*TOEZICHTHOUDERS, *PLANNERS),
        _uitgevoerd,
        lambda a, c: toezicht.controle_afronden(actor=a, controle=c),
    ),
    Schrijfdienst(
        toezicht.controle_vervallen,
        "toezicht.controle",
        CONTROLEPLANNERS,
        _controle,
        lambda a, c: toezicht.controle_vervallen(actor=a, controle=c, reden="bedrijf gesloten"),
    ),
    Schrijfdienst(
        toezicht.rapportverzending_vastleggen,
        "toezicht.controle",
        (*TOEZICHTHOUDERS, *PLANNERS),
        _uitgevoerd,
        lambda a, c: toezicht.rapportverzending_vastleggen(actor=a, controle=c, op=D(2026, 1, 6)),
    ),
    Schrijfdienst(
        toezicht.openbaarmaking_vastleggen,
        "toezicht.controle",
        (*TOEZICHTHOUDERS, *PLANNERS),
        _uitgevoerd,
        lambda a, c: toezicht.openbaarmaking_vastleggen(actor=a, controle=c, op=D(2026, 1, 6)),
    ),
    Schrijfdienst(
        toezicht.bevinding_vastleggen,
        "toezicht.controle",
        TOEZICHTHOUDERS,
        _controle,
        lambda a, c: toezicht.bevinding_vastleggen(actor=a, controle=c, resultaat="voorschriften_nageleefd"),
    ),
    Schrijfdienst(
        toezicht.bijlage_maken,
        "toezicht.controle",
        TOEZICHTHOUDERS,
        _controle,
        lambda a, c: toezicht.bijlage_maken(actor=a, controle=c, naam="foto.png", inhoud=PNG),
    ),
    Schrijfdienst(
        toezicht.vergunningbehandelaar_vastleggen,
        "register.vthobject",
        VERGUNNING,
        _vthobject,
        lambda a, o: toezicht.vergunningbehandelaar_vastleggen(
            actor=a, vth_object=o, gebruiker_id=_gebruiker().pk, kenmerk="OLO-1", datum=D(2026, 1, 2)
        ),
    ),
    # enforcement
    Schrijfdienst(
        handhaving.overtreding_maken,
        "register.vthobject",
        handhaving.CONSTATEERDERS,
        _vthobject,
        lambda a, o: handhaving.overtreding_maken(
            actor=a,
            vth_object=o,
            omschrijving="Afval buiten de opslag.",
            voorschrift="Bal art. 3.48",
            geconstateerd_op=D(2026, 1, 5),
            vertrouwelijkheid=V.INTERN if o.vertrouwelijkheid == V.OPENBAAR else o.vertrouwelijkheid,
        ),
    ),
    Schrijfdienst(
        handhaving.overtreding_positioneren,
        "handhaving.overtreding",
        handhaving.CONSTATEERDERS,
        _overtreding,
        lambda a, z: handhaving.overtreding_positioneren(actor=a, overtreding=z, gedrag="B", gevolg="2"),
    ),
    Schrijfdienst(
        handhaving.maatregel_maken,
        "handhaving.overtreding",
        handhaving.HANDHAVERS,
        _overtreding,
        lambda a, z: handhaving.maatregel_maken(
            actor=a, overtreding=z, instrument="WAARSCHUWEN", datum=D(2026, 1, 6), hersteltermijn="P2W"
        ),
    ),
    Schrijfdienst(
        handhaving.maatregel_stap_zetten, "handhaving.overtreding", handhaving.HANDHAVERS, _dwangsom, _hercontrole_roep
    ),
    Schrijfdienst(
        handhaving.verbeurte_stap_zetten,
        "handhaving.overtreding",
        handhaving.HANDHAVERS,
        _met_verbeurte,
        lambda a, m: handhaving.verbeurte_stap_zetten(
            actor=a,
            maatregel=m,
            naar="invorderingsbeschikking",
            datum=D(2026, 4, 20),
            gegevens={"zienswijze_gevraagd_op": D(2026, 4, 14), "zienswijze_ontvangen_op": D(2026, 4, 17)},
        ),
    ),
    Schrijfdienst(
        handhaving.rechtsmiddel_vastleggen,
        "handhaving.overtreding",
        handhaving.HANDHAVERS,
        _dwangsom,
        lambda a, m: handhaving.rechtsmiddel_vastleggen(
            actor=a, maatregel=m, soort="bezwaar", ingediend_op=D(2026, 3, 10)
        ),
    ),
    Schrijfdienst(
        handhaving.rechtsmiddel_beslissen,
        "handhaving.overtreding",
        handhaving.HANDHAVERS,
        _met_bezwaar,
        lambda a, m: handhaving.rechtsmiddel_beslissen(
            actor=a, rechtsmiddel=m.rechtsmiddelen.get(), beslist_op=D(2026, 4, 20), uitkomst="ongegrond"
        ),
    ),
    Schrijfdienst(
        handhaving.overtreding_markeren_voor_afstemming,
        "handhaving.overtreding",
        handhaving.CONSTATEERDERS,
        _overtreding,
        lambda a, z: handhaving.overtreding_markeren_voor_afstemming(actor=a, overtreding=z, reden="B4"),
    ),
    Schrijfdienst(
        handhaving.afstemmingsoverleg_vastleggen,
        "handhaving.overtreding",
        handhaving.HANDHAVERS,
        _overtreding,
        _overleg_roep,
        ketenpartners=(Rol.KETENPARTNER,),
    ),
    Schrijfdienst(
        handhaving.zaak_delen,
        "handhaving.overtreding",
        handhaving.HANDHAVERS,
        _overtreding,
        lambda a, z: handhaving.zaak_delen(
            actor=a, overtreding=z, ontvanger=Organisatie.objects.get(code="om-fp"), reden="afstemming"
        ),
    ),
    Schrijfdienst(
        handhaving.zaakdeling_intrekken,
        "handhaving.overtreding",
        handhaving.HANDHAVERS,
        _met_deling,
        lambda a, z: handhaving.zaakdeling_intrekken(actor=a, deling=z.delingen.get(ontvanger__code="om-fp")),
    ),
    Schrijfdienst(
        handhaving.procesverbaal_vastleggen,
        "handhaving.overtreding",
        handhaving.CONSTATEERDERS,
        _overtreding,
        lambda a, z: handhaving.procesverbaal_vastleggen(
            actor=a, overtreding=z, nummer="PV-1", datum=D(2026, 1, 6), verbalisant="BOA", inhoud=b"%PDF-1.4\n%%EOF\n"
        ),
        strafrechtelijk=True,
    ),
    Schrijfdienst(
        documenten.document_maken,
        "handhaving.overtreding",
        documenten.MAKERS,
        _overtreding,
        lambda a, z: documenten.document_maken(actor=a, overtreding=z, soort="waarschuwing"),
    ),
    # the register
    Schrijfdienst(
        register.uitvoering_maken, "register.vthobject", register.SCHRIJVERS, _vthobject, _uitvoering_maak_roep
    ),
    Schrijfdienst(
        register.uitvoering_wijzigen,
        "register.activiteituitvoering",
        register.SCHRIJVERS,
        _uitvoering,
        _uitvoering_wijzig_roep,
    ),
    Schrijfdienst(
        register.betrokkene_maken,
        "register.betrokkene",
        register.SCHRIJVERS,
        _partij,
        _betrokkene_roep,
        niveaus=(V.OPENBAAR, V.VERTROUWELIJK),
        nieuw=True,
    ),
    Schrijfdienst(
        register.vthobject_maken,
        "register.vthobject",
        register.SCHRIJVERS,
        _partij,
        _vthobject_roep,
        nieuw=True,
    ),
    Schrijfdienst(
        register.locatie_maken,
        "register.vthobject",
        register.SCHRIJVERS,
        _partij,
        _locatie_roep,
        niveaus=(V.OPENBAAR,),
        nieuw=True,
    ),
    # permitting: a request is written for the organisations derived from its place (never strafrechtelijk)
    Schrijfdienst(
        vergunningen.verzoek_maken,
        "vergunningen.verzoek",
        vergunningen.VERZOEKBEHANDELAARS,
        _partij,
        _verzoek_roep,
        niveaus=(V.OPENBAAR, V.INTERN, V.VERTROUWELIJK),
        nieuw=True,
    ),
    Schrijfdienst(
        vergunningen.verzoekbericht_verwerken,
        "vergunningen.verzoek",
        vergunningen.VERZOEKBEHANDELAARS,
        _partij,
        _verzoekbericht_roep,
        niveaus=(V.OPENBAAR, V.INTERN, V.VERTROUWELIJK),
        nieuw=True,
    ),
    # the procedure: a step of the table, drafting a decision and approving it (on the request's organisations)
    Schrijfdienst(
        stappen.stap_zetten,
        "vergunningen.verzoek",
        stappen.BEHANDELAARS,
        _aanvraag_in("ontvangen"),
        _intrekken_roep,
    ),
    Schrijfdienst(
        besluiten.besluit_opstellen,
        "vergunningen.verzoek",
        besluiten.OPSTELLERS,
        _aanvraag_in("in_behandeling", "regulier"),
        _besluit_opstellen_roep,
    ),
    Schrijfdienst(
        besluiten.besluit_goedkeuren,
        "vergunningen.verzoek",  # the write rule is on the decision's request; a decision is seen through it
        besluiten.GOEDKEURDERS,
        _concept,
        _besluit_goedkeuren_roep,
    ),
]

# Public functions with an `actor` parameter that write but are not in the matrix, and why.
ELDERS = {
    "openvth.toezicht.services.risico.risicomodel_vastleggen": "the region's own risk model: only its own planners",
    "openvth.toezicht.services.risico.risicoanalyse_uitvoeren": "the region's own analysis: only its own planners",
    "openvth.toezicht.services.programma.programma_genereren": "the service's own programme (`_vereis_planner`)",
    "openvth.toezicht.services.programma.programma_vaststellen": "the service's own programme (`_vereis_planner`)",
    "openvth.toezicht.services.programma.programmataak_vervallen": "the service's own programme (`_vereis_planner`)",
    "openvth.toezicht.services.programma.programmataak_verschuiven": "the service's own programme (`_vereis_planner`)",
    "openvth.toezicht.services.programma.programmataak_maken": "own programme, and `vereis_schrijven` on the "
    "object: test_programmataak_alleen_voor_een_object_dat_de_dienst_mag_schrijven",
    "openvth.toezicht.services.controles.controle_plannen_uit_taak": "delegates to controle_plannen (in the matrix)",
    "openvth.toezicht.services.programma.programmataak_uit_melding": "the service's own programme (`_vereis_planner`) "
    "and a notification it may see and handled: tests/toezicht/test_vergunningvoorschriften.py",
    "openvth.toezicht.services.checklists.voorschrift_koppelen": "a condition the actor may see (404) and "
    "`vereis_schrijven` on its permission's VTH-object: test_vergunningvoorschriften.py::test_koppelen_geweigerd",
    "openvth.toezicht.services.checklists.controleonderwerp_maken": "national checklists: functional administrators",
    "openvth.toezicht.services.checklists.controleonderwerp_wijzigen": "national checklists: functional administrators",
    "openvth.toezicht.services.checklists.aandachtspunt_maken": "national checklists: functional administrators",
    "openvth.toezicht.services.checklists.aandachtspunt_wijzigen": "national checklists: functional administrators",
    "openvth.toezicht.services.ketens.keten_maken": "a chain belongs to its managing organisation (test_ketens.py)",
    "openvth.toezicht.services.ketens.ketenschakel_maken": "only the chain's manager (test_ketens.py)",
    "openvth.toezicht.services.ketens.ketenactie_maken": "only the chain's manager (test_ketens.py)",
    "openvth.toezicht.services.ketens.ketendeling_afspreken": "makes a Deelafspraak through organisaties.services",
    "openvth.handhaving.services.maatregelen.verbeurte_vastleggen": "delegates to maatregel_stap_zetten (matrix)",
    "openvth.handhaving.services.grootboek.invorderingsbeschikking_nemen": "delegates to verbeurte_stap_zetten",
    "openvth.handhaving.services.grootboek.aanmaning_sturen": "delegates to verbeurte_stap_zetten (matrix)",
    "openvth.handhaving.services.grootboek.dwangbevel_uitvaardigen": "delegates to verbeurte_stap_zetten (matrix)",
    "openvth.handhaving.services.grootboek.betaling_vastleggen": "delegates to verbeurte_stap_zetten (matrix)",
    "openvth.handhaving.documenten.sjabloon_opslaan": "the templates of the administrator's own organisation",
    "openvth.handhaving.documenten.document_wijzigen": "a draft made by document_maken (in the matrix), same "
    "`vereis_schrijven` on its case: tests/handhaving/test_brieven.py",
    "openvth.handhaving.documenten.document_verzenden": "a draft made by document_maken (in the matrix), "
    "`vereis_schrijven` on its case and a mandate of its bevoegd gezag: tests/handhaving/test_brieven.py",
    "openvth.handhaving.documenten.sjablonen_laden": "national default templates (operator command)",
    "openvth.register.services.catalogus_laden": "the national activity catalogue: operator command only, every "
    "organisation's staff refused (test_catalogus_laadt_geen_enkele_organisatie)",
    "openvth.register.generator.genereer": "synthetic test data (operator command)",
    "openvth.vergunningen.generator.genereer_verzoeken": "synthetic permit history for benchmarks (operator command)",
    "openvth.handhaving.codelijsten.codelijsten_laden": "national code lists (operator command)",
    "openvth.handhaving.ical.agendatoken_maken": "a calendar token for the acting person themselves",
    "openvth.vergunningen.besluiten.bekendmaken": "called by stap_zetten (in the matrix) inside its transaction, "
    "after its write check and the mandate register",
}
# Whole modules outside the record policy: they administer the organisations themselves or are the audit trail.
MODULES_ELDERS = {
    "openvth.organisaties.services": "organisations, memberships, mandates, sharing agreements and tokens",
    "openvth.audit.services": "the audit trail and access log themselves",
    "openvth.register.importeren.verwerken": "an import run: each row is checked with `toegang.vereis_namens` per "
    "(bevoegd gezag, toezichtinstantie) pair (register/importeren/validatie.py, Schrijfrecht)",
    "openvth.register.importeren.wachtrij": "queueing and resuming an import run: the run is checked as a whole "
    "(`vereis_rol`, `importrun_get`), its rows by verwerken",
}


# --- the situation and the expected answer ------------------------------------------------------------------


class Opzet:
    """The organisations, mandate, agreements and one record per (bevoegd gezag, uitvoerder) pair and level."""

    def __init__(self, dienst: Schrijfdienst):
        self.dienst = dienst
        self.org = {
            c: Organisatie.objects.get(code=_code(c)) for c in ("G", "D", "X", "odg", "ilt", "om-fp", "politie")
        }
        Mandaat.objects.create(mandaatgever=self.org["G"], mandaatnemer=self.org["D"], taakcategorieen=["basistaak"])
        for relatie, plafond in PLAFOND.items():
            Deelafspraak.objects.create(
                ontvanger=self.org[RELATIES[relatie][0]],
                verstrekker=self.org["D"],
                recordsoort=dienst.doel,
                plafond=plafond,
                grondslag="proef",
            )
        self.gebruiker = _gebruiker()
        self.records = {}
        for bg, uv in {(bg, uv) for _, bg, uv in RELATIES.values()}:
            for niveau in dienst.niveaus:
                record = dienst.maak(self.org[bg], self.org[uv], self.org["G"], niveau, f"{bg}-{uv}-{niveau}")
                self.records[(bg, uv, niveau)] = record
                zaak = getattr(record, "overtreding", record)
                if (bg, uv) == ("G", "D") and dienst.doel == "toezicht.controle":
                    # a controle of a case shared with the police (here: its re-inspection) is read-only for them
                    zaak = _overtreding(self.org[bg], self.org[uv], self.org["G"], V.INTERN, f"hc-{record.pk}")
                    Controle.objects.filter(pk=record.pk).update(overtreding=zaak)
                gedeeld = dienst.doel == "toezicht.controle" or dienst.doel.startswith("handhaving.")
                if (bg, uv) == ("G", "D") and gedeeld:
                    Zaakdeling.objects.create(
                        overtreding=zaak, ontvanger=self.org["politie"], gedeeld_door=self.gebruiker
                    )

    def actor(self, relatie: str, rol: str, scopes: frozenset[str] | None) -> Actor:
        org = RELATIES[relatie][0]
        if org is None:
            return ANONIEM
        return Actor(
            gebruiker_id=self.gebruiker.pk,
            gebruikersnaam=self.gebruiker.username,
            organisatie=self.org[org],
            rollen=frozenset({rol}),
            scopes=scopes,
        )

    def record(self, relatie: str, niveau: str):
        _, bg, uv = RELATIES[relatie]
        record = self.records[(bg, uv, niveau)]
        return type(record).objects.get(pk=record.pk) if hasattr(record, "pk") else record


def zichtbaar_verwacht(dienst: Schrijfdienst, rol: str, relatie: str, niveau: str) -> bool:
    if dienst.nieuw:
        return True
    soort = toegang.recordsoorten()[dienst.doel]
    if relatie in PLAFOND and V.rang(niveau) > V.rang(PLAFOND[relatie]):
        return niveau == V.OPENBAAR
    return verwacht(soort, rol, LEESRELATIE.get(relatie, relatie), niveau)


def schrijven_verwacht(dienst: Schrijfdienst, relatie: str, rol: str, scopes, niveau: str) -> str:
    """'ja', '404' or '403' from the write rule (module docstring)."""
    if not zichtbaar_verwacht(dienst, rol, relatie, niveau):
        return "404"
    eigen = relatie in ("eigen", "mandaatgever", "uitvoerder_zonder_mandaat") or (
        relatie == "gemandateerde_dienst" and niveau != V.STRAFRECHTELIJK and not dienst.strafrechtelijk
    )
    if eigen:
        toegestane_rollen = dienst.rollen
    elif relatie == "zaak_gedeeld" and dienst.ketenpartners:
        toegestane_rollen = dienst.ketenpartners
    else:
        return "403"
    if rol not in toegestane_rollen:
        return "403"
    if scopes is not None and "schrijven" not in scopes:
        return "403"
    return "ja"


class _Terug(Exception):
    """Raised inside the savepoint after a successful call, to roll it back."""


def probeer(roep: Callable[[], object]) -> str:
    try:
        with transaction.atomic():
            roep()
            raise _Terug
    except _Terug:
        return "ja"
    except NietGevonden:
        return "404"
    except GeenToestemming:
        return "403"


def cellen(dienst: Schrijfdienst) -> list[tuple[str, str, frozenset[str] | None]]:
    """(relation, role, token scopes) to try: the service's first role in every relation; the chain partner's
    role where chain partners read; a role the service does not admit; a token without and with `schrijven`."""
    rol = dienst.rollen[0]
    verkeerd = next(r for r in (Rol.PRIVACY_OFFICER, Rol.ADVISEUR, Rol.PLANNER) if r not in dienst.rollen)
    uit = [(relatie, rol, None) for relatie in RELATIES]
    uit += [(relatie, Rol.KETENPARTNER, None) for relatie in (*PLAFOND, "zaak_gedeeld") if rol != Rol.KETENPARTNER]
    uit += [
        ("eigen", verkeerd, None),
        ("eigen", rol, frozenset({"lezen"})),
        ("eigen", rol, frozenset({"lezen", "schrijven"})),
        ("gemandateerde_dienst", rol, frozenset({"lezen"})),
    ]
    return uit


def afwijkingen(dienst: Schrijfdienst, opzet: Opzet) -> list[str]:
    fouten = []
    for relatie, rol, scopes in cellen(dienst):
        actor = opzet.actor(relatie, rol, scopes)
        for niveau in dienst.niveaus:
            moet = schrijven_verwacht(dienst, relatie, rol, scopes, niveau)
            record = opzet.record(relatie, niveau)
            kreeg = probeer(lambda actor=actor, record=record: dienst.roep(actor, record))
            if kreeg != moet:
                token = f"/token{sorted(scopes)}" if scopes is not None else ""
                fouten.append(f"{dienst.functie.__name__} {rol}{token}/{relatie}/{niveau}: {kreeg}, verwacht {moet}")
    return fouten


@pytest.fixture
def sjablonen(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    documenten.sjablonen_laden(actor=systeem_actor("test"))


@pytest.mark.parametrize("dienst", DIENSTEN, ids=lambda d: d.functie.__name__)
def test_schrijfmatrix(dienst, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # attachments
    if dienst.functie is documenten.document_maken:
        documenten.sjablonen_laden(actor=systeem_actor("test"))
    Activiteit.objects.get_or_create(code="proef", defaults={"niveau": 1, "naam": "Proef", "catalogusversie": "proef"})
    fouten = afwijkingen(dienst, Opzet(dienst))
    assert not fouten, "\n".join(fouten)


def test_matrix_vangt_een_dienst_die_alleen_zichtbaarheid_toetst():
    """The matrix fails on a service that checks visibility plus role (the bug of issue 11): proven with one."""

    def lek(actor, controle):
        if not toegang.mag_zien(actor, controle):
            raise NietGevonden()
        toegang.vereis_rol(actor, TOEZICHTHOUDERS, scope="schrijven")

    dienst = Schrijfdienst(toezicht.bevinding_vastleggen, "toezicht.controle", TOEZICHTHOUDERS, _controle, lek)
    fouten = afwijkingen(dienst, Opzet(dienst))
    assert "bevinding_vastleggen toezichthouder/deelafspraak_vertrouwelijk/vertrouwelijk: ja, verwacht 403" in fouten
    assert "bevinding_vastleggen toezichthouder/andere_organisatie/openbaar: ja, verwacht 403" in fouten


# --- completeness: every write service is in the matrix or named with a reason ------------------------------


def _modules():
    for info in pkgutil.walk_packages(openvth.__path__, "openvth."):
        if any(deel in info.name.split(".") for deel in ("migrations", "management", "conf", "benchmark")):
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError:
            continue


def schrijvende_functies() -> set[str]:
    """Public functions with an `actor` parameter that are services (defined in a services module) or append an
    audit event themselves."""
    gevonden = set()
    for module in _modules():
        dienstmodule = "services" in module.__name__.split(".")
        for naam, functie in vars(module).items():
            if naam.startswith("_") or not inspect.isfunction(functie) or functie.__module__ != module.__name__:
                continue
            if "actor" not in inspect.signature(functie).parameters:
                continue
            if dienstmodule or "audit.schrijf(" in inspect.getsource(functie):
                gevonden.add(f"{module.__name__}.{naam}")
    return gevonden


def test_elke_schrijfdienst_staat_in_de_matrix():
    in_matrix = {d.naam for d in DIENSTEN}
    gevonden = {n for n in schrijvende_functies() if n.rsplit(".", 1)[0] not in MODULES_ELDERS}
    ontbreekt = gevonden - in_matrix - set(ELDERS)
    assert not ontbreekt, f"zet in DIENSTEN (of ELDERS, met reden): {sorted(ontbreekt)}"
    verouderd = (in_matrix | set(ELDERS)) - gevonden
    assert not verouderd, f"bestaat niet (meer) als schrijvende dienst: {sorted(verouderd)}"
    assert len(in_matrix) == len(DIENSTEN)


# --- the findings of issue 11, one by one ------------------------------------------------------------------


def _afspraak(recordsoort: str, ontvanger: str = "ilt", plafond: str = V.VERTROUWELIJK) -> None:
    Deelafspraak.objects.create(
        ontvanger=Organisatie.objects.get(code=ontvanger),
        verstrekker=Organisatie.objects.get(code="odzob"),
        recordsoort=recordsoort,
        plafond=plafond,
        grondslag="Omgevingswet art. 18.1",
    )


def _medewerker(code: str, *rollen: str, scopes=None) -> Actor:
    gebruiker = _gebruiker(f"{code}-{'-'.join(rollen)}")
    return Actor(
        gebruiker_id=gebruiker.pk,
        gebruikersnaam=gebruiker.username,
        organisatie=Organisatie.objects.get(code=code),
        rollen=frozenset(rollen),
        scopes=scopes,
    )


def _eindhoven_odzob():
    g, d = Organisatie.objects.get(code="GM0772"), Organisatie.objects.get(code="odzob")
    Mandaat.objects.create(mandaatgever=g, mandaatnemer=d, taakcategorieen=["basistaak"])
    return g, d


def test_deelafspraak_voor_controles_geeft_geen_schrijfrecht(settings, tmp_path):
    """Issue 11: with an agreement for `toezicht.controle`, another service added a finding and an attachment
    to the sharing service's controle and cancelled a planned one. Now each is refused (403) and nothing stored."""
    settings.MEDIA_ROOT = tmp_path
    g, d = _eindhoven_odzob()
    controle = _controle(g, d, g, V.INTERN, "gedeeld")
    _afspraak("toezicht.controle")
    inspecteur = _medewerker("ilt", Rol.TOEZICHTHOUDER, Rol.PLANNER)
    assert toegang.mag_zien(inspecteur, controle)
    with pytest.raises(GeenToestemming):
        toezicht.bevinding_vastleggen(actor=inspecteur, controle=controle, resultaat="voorschriften_nageleefd")
    with pytest.raises(GeenToestemming):
        toezicht.bijlage_maken(actor=inspecteur, controle=controle, naam="foto.png", inhoud=PNG)
    with pytest.raises(GeenToestemming):
        toezicht.controle_vervallen(actor=inspecteur, controle=controle, reden="niet nodig")
    controle.refresh_from_db()
    assert controle.status == ControleStatus.GEPLAND
    assert not Bevinding.objects.filter(controle=controle).exists()
    assert not Bijlage.objects.filter(controle=controle).exists()
    # the service's own inspector still can
    eigen = _medewerker("odzob", Rol.TOEZICHTHOUDER)
    toezicht.bevinding_vastleggen(actor=eigen, controle=controle, resultaat="voorschriften_nageleefd")


def test_deelafspraak_voor_zaken_laat_geen_brief_opstellen(sjablonen):
    """Issue 11: with an agreement for `handhaving.overtreding` another service drafted a warning letter on the
    other's case."""
    g, d = _eindhoven_odzob()
    zaak = _overtreding(g, d, g, V.INTERN, "gedeeld")
    _afspraak("handhaving.overtreding")
    handhaver = _medewerker("ilt", Rol.HANDHAVER)
    assert toegang.mag_zien(handhaver, zaak)
    with pytest.raises(GeenToestemming):
        documenten.document_maken(actor=handhaver, overtreding=zaak, soort="waarschuwing")
    assert not Document.objects.filter(overtreding=zaak).exists()
    documenten.document_maken(actor=_medewerker("odzob", Rol.HANDHAVER), overtreding=zaak, soort="waarschuwing")


def test_deelafspraak_laat_een_activiteit_niet_overnemen():
    """A recipient of an agreement for the register could make itself the toezichtinstantie of another's activity
    (the check looked at the new version only); now the current version must be writable."""
    g, d = _eindhoven_odzob()
    from openvth.register.models import Activiteit

    Activiteit.objects.get_or_create(code="proef", defaults={"niveau": 1, "naam": "Proef", "catalogusversie": "proef"})
    uitvoering = _uitvoering(g, d, g, V.INTERN, "overname")
    _afspraak("register.activiteituitvoering")
    ilt = _medewerker("ilt", Rol.TOEZICHTHOUDER)
    with pytest.raises(GeenToestemming):
        register.uitvoering_wijzigen(
            actor=ilt,
            uuid=uitvoering.uuid,
            verwachte_etag=register.etag(uitvoering),
            wijzigingen={"toezichtinstantie": "ilt"},
        )
    assert Activiteituitvoering.objects.get(uuid=uitvoering.uuid, geldig_tot__isnull=True).toezichtinstantie == d


def test_catalogus_laadt_geen_enkele_organisatie():
    """The national activity catalogue belongs to no organisation: staff of any organisation, even its functional
    administrator with a writing token, is refused and nothing changes; the operator command loads it."""
    from openvth.register.models import Activiteit

    for code in ("odzob", "GM0772", "GM0363"):
        for actor in (
            _medewerker(code, Rol.FUNCTIONEEL_BEHEERDER),
            _medewerker(code, Rol.FUNCTIONEEL_BEHEERDER, scopes=frozenset({"lezen", "schrijven"})),
        ):
            with pytest.raises(GeenToestemming):
                register.catalogus_laden(actor=actor)
    with pytest.raises(GeenToestemming):
        register.catalogus_laden(actor=ANONIEM)
    assert not Activiteit.objects.exists()
    assert register.catalogus_laden(actor=systeem_actor("test")).aangemaakt > 0


def test_een_mandaat_maakt_geen_strafrechtelijke_zaak():
    """Reading never reaches `strafrechtelijk` through a mandate alone; writing now follows: a mandated service
    cannot create a criminal-law case it could not see, nor plan a criminal-law controle."""
    g, _ = _eindhoven_odzob()
    obj = _vthobject(g, g, g, V.INTERN, "mandaat")
    dienst = _medewerker("odzob", Rol.HANDHAVER, Rol.PLANNER)
    with pytest.raises(GeenToestemming):
        handhaving.overtreding_maken(
            actor=dienst,
            vth_object=obj,
            omschrijving="Lozing.",
            voorschrift="Bal art. 3.1",
            geconstateerd_op=D(2026, 1, 5),
            vertrouwelijkheid=V.STRAFRECHTELIJK,
        )
    with pytest.raises(GeenToestemming):
        toezicht.controle_plannen(
            actor=dienst,
            vth_object=obj,
            gepland_op=D(2026, 6, 1),
            reden="incident",
            toelichting="lozing",
            vertrouwelijkheid=V.STRAFRECHTELIJK,
        )
    assert handhaving.overtreding_maken(
        actor=dienst,
        vth_object=obj,
        omschrijving="Lozing.",
        voorschrift="Bal art. 3.1",
        geconstateerd_op=D(2026, 1, 5),
        vertrouwelijkheid=V.VERTROUWELIJK,
    )


def _programma(uitvoerder: Organisatie) -> Uitvoeringsprogramma:
    from openvth.regels import risico
    from openvth.regels.tabeldata import meegeleverd
    from openvth.toezicht.models import Risicoanalyse, Risicomodelversie

    gebruiker = _gebruiker()
    versie = Risicomodelversie.objects.create(
        regio=uitvoerder,
        versie="1",
        definitie=meegeleverd(risico.VOORBEELDBESTAND),
        geldig_vanaf=D(2026, 1, 1),
        aangemaakt_door=gebruiker,
    )
    analyse = Risicoanalyse.objects.create(regio=uitvoerder, modelversie=versie, peildatum=D(2026, 1, 1))
    return Uitvoeringsprogramma.objects.create(
        uitvoerder=uitvoerder, jaar=2026, risicoanalyse=analyse, aangemaakt_door=gebruiker
    )


def test_programmataak_alleen_voor_een_object_dat_de_dienst_mag_schrijven():
    """A planner of ILT adds tasks to ILT's own programme, but not for an object it only reads through an
    agreement; a token without `schrijven` changes no programme."""
    g, d = _eindhoven_odzob()
    ilt = Organisatie.objects.get(code="ilt")
    _afspraak("register.vthobject")
    gedeeld = _vthobject(g, d, g, V.INTERN, "gedeeld-object")
    eigen = _vthobject(ilt, ilt, g, V.INTERN, "eigen-object")
    amsterdam = Organisatie.objects.get(code="GM0363")
    vreemd = _vthobject(amsterdam, amsterdam, g, V.INTERN, "vreemd-object")
    plan = _programma(ilt)
    planner = _medewerker("ilt", Rol.PLANNER)
    taak = dict(programma=plan, inspectietype="periodiek", maand=3, expertise="milieu", normuren=4)
    with pytest.raises(GeenToestemming):
        toezicht.programmataak_maken(actor=planner, vth_object=gedeeld, **taak)
    with pytest.raises(NietGevonden):
        toezicht.programmataak_maken(actor=planner, vth_object=vreemd, **taak)
    toegevoegd = toezicht.programmataak_maken(actor=planner, vth_object=eigen, **taak)
    token = _medewerker("ilt", Rol.PLANNER, scopes=frozenset({"lezen"}))
    with pytest.raises(GeenToestemming):
        toezicht.programmataak_verschuiven(actor=token, taak=toegevoegd, maand=4)
    assert plan.taken.count() == 1


def test_ketenpartner_legt_het_afstemmingsoverleg_vast_maar_verandert_verder_niets(sjablonen):
    """The one exception, named by the service: the police a case was shared with record the consultation; the
    same partner may not take a measure, draft a letter or share the case further."""
    g, d = _eindhoven_odzob()
    zaak = _overtreding(g, d, g, V.INTERN, "overleg")
    politie = Organisatie.objects.get(code="politie")
    Zaakdeling.objects.create(overtreding=zaak, ontvanger=politie, gedeeld_door=_gebruiker())
    partner = _medewerker("politie", Rol.KETENPARTNER)
    handhaving.afstemmingsoverleg_vastleggen(
        actor=partner,
        overtreding=zaak,
        datum=D(2026, 1, 20),
        deelnemers=_deelnemers(zaak),
        uitkomst="bestuursrechtelijk",
        redenen="Herstel volstaat.",
    )
    for poging in (
        lambda: handhaving.maatregel_maken(
            actor=partner, overtreding=zaak, instrument="WAARSCHUWEN", datum=D(2026, 1, 6)
        ),
        lambda: documenten.document_maken(actor=partner, overtreding=zaak, soort="waarschuwing"),
        lambda: handhaving.zaak_delen(
            actor=partner, overtreding=zaak, ontvanger=Organisatie.objects.get(code="om-fp"), reden="door"
        ),
        lambda: handhaving.overtreding_markeren_voor_afstemming(actor=partner, overtreding=zaak),
    ):
        with pytest.raises(GeenToestemming):
            poging()
    Zaakdeling.objects.filter(overtreding=zaak).update(ingetrokken_op=timezone.now() - timedelta(seconds=1))
    with pytest.raises(NietGevonden):
        handhaving.afstemmingsoverleg_vastleggen(
            actor=partner,
            overtreding=zaak,
            datum=D(2026, 1, 21),
            deelnemers=_deelnemers(zaak),
            uitkomst="bestuursrechtelijk",
            redenen="Nogmaals.",
        )


def test_deelafspraak_schrijven_via_de_api_is_403():
    """The issue's reproduction over the API (it answered 201 and 200): a token of the recipient of an agreement
    for `toezicht.controle` may read the controle, but adding a finding or cancelling it is a 403 problem."""
    from django.core.cache import cache
    from django.test import Client

    from openvth.organisaties.services import token_maken

    g, d = _eindhoven_odzob()
    controle = _controle(g, d, g, V.INTERN, "api")
    _afspraak("toezicht.controle")
    ilt = Organisatie.objects.get(code="ilt")
    gebruiker = _gebruiker("ilt-api")
    Lidmaatschap.objects.create(gebruiker=gebruiker, organisatie=ilt, rollen=[Rol.TOEZICHTHOUDER, Rol.PLANNER])
    _, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=gebruiker, organisatie=ilt, naam="proef", scopes=["lezen", "schrijven"]
    )
    cache.clear()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    assert client.get(f"/api/v1/controles/{controle.uuid}").status_code == 200
    bevinding = client.post(
        f"/api/v1/controles/{controle.uuid}/bevindingen",
        {"resultaat": "voorschriften_nageleefd"},
        content_type="application/json",
    )
    vervallen = client.post(
        f"/api/v1/controles/{controle.uuid}/vervallen", {"reden": "niet nodig"}, content_type="application/json"
    )
    for antwoord in (bevinding, vervallen):
        assert antwoord.status_code == 403, antwoord.content
        assert antwoord["Content-Type"].startswith("application/problem+json")
    controle.refresh_from_db()
    assert controle.status == ControleStatus.GEPLAND and not controle.bevindingen.exists()
