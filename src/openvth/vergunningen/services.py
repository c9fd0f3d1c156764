"""Every write on requests: intake of one volgnummer (`verzoek_maken`) and of a portal message
(`verzoekbericht_verwerken`, idempotent on the message).

The write rule is `toegang.vereis_namens` for the (bevoegd gezag, uitvoerder) derived for a new request and
`toegang.vereis_schrijven` on the first volgnummer for a supplement or withdrawal: own staff, or a service mandated
by the authority; a sharing agreement gives reading only. Each intake is one transaction with one audit event, and
a refusal stores nothing: not the request, not its place, not its applicant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from openvth.audit import services as audit
from openvth.handhaving.bewakers import kalender
from openvth.organisaties import toegang
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Organisatie, Rol, Soort, Vertrouwelijkheid
from openvth.organisaties.toegang import Actor
from openvth.regels import termijnen
from openvth.register import bevoegdheid
from openvth.register.models import Activiteit, Betrokkene, Kwalificatie, Locatie, SoortBetrokkene

from . import plaatsen, stappen
from .bericht import Aanvrageropgave, Verzoekgegevens, verzoekgegevens_uit_bericht, vingerafdruk
from .models import Aanvraagsoort, Verzoek, Verzoekactiviteit, Verzoekbron, Verzoekdoel, Verzoeksoort

V = Vertrouwelijkheid
# Intake is the permit officer's work. Not the functional administrator: a request of a natural person is
# `vertrouwelijk`, which that role may not read (toegang.STANDAARD_ROLLEN), so it could take in what it cannot see.
VERZOEKBEHANDELAARS = (Rol.VERGUNNINGVERLENER,)
GEVOLGDE_VELDEN = (
    "verzoeknummer",
    "verzoekvolgnummer",
    "soort",
    "subsoort",
    "doel",
    "ontvangen_op",
    "omschrijving",
    "aanvrager",
    "locatie",
    "bevoegd_gezag",
    "uitvoerder",
    "afleiding",
    "vertrouwelijkheid",
    "bijlagen",
    "bron",
    "bericht_sha256",
    "status",
    "aanvang_activiteit",
    "te_laat_gemeld",
)

# The duty in the catalogue (`Activiteit.kwalificaties`) that each kind of request is about, and the law that
# creates it. A kind not listed here may concern any activity of the catalogue.
VEREISTE_PLICHT: dict[tuple[str, str], tuple[str, str]] = {
    (Verzoeksoort.TOESTEMMINGSAANVRAAG, Aanvraagsoort.OMGEVINGSVERGUNNING): (
        Kwalificatie.VERGUNNINGPLICHT,
        "Omgevingswet art. 5.1 lid 2; de plicht per activiteit wijst Bal hoofdstuk 3 aan",
    ),
    (Verzoeksoort.ACTIVITEITMELDING, ""): (
        Kwalificatie.MELDINGSPLICHT,
        "Omgevingswet art. 4.4 lid 1; de meldingsplichten staan in Bal hoofdstuk 3 en 4",
    ),
    (Verzoeksoort.ACTIVITEITINFORMATIE, ""): (
        Kwalificatie.INFORMATIEPLICHT,
        "Omgevingswet art. 4.3; de informatieplichten staan in Bal hoofdstuk 3 en 4",
    ),
}
# Why the other kinds may concern any activity in the catalogue.
VRIJE_SOORTEN: dict[tuple[str, str], str] = {
    (Verzoeksoort.TOESTEMMINGSAANVRAAG, Aanvraagsoort.MAATWERKVOORSCHRIFT): "Omgevingswet art. 4.5",
    (Verzoeksoort.TOESTEMMINGSAANVRAAG, Aanvraagsoort.GELIJKWAARDIGE_MAATREGEL): "Omgevingswet art. 4.7",
    (Verzoeksoort.INFORMATIE_ONGEWOON_VOORVAL, ""): "Omgevingswet afdeling 19.1 [check]",
}


@dataclass(frozen=True)
class Verwerking:
    """The outcome of one message: the request it is, whether it was new, and what happened, in one sentence."""

    verzoek: Verzoek
    nieuw: bool
    melding: str


# --- checks -----------------------------------------------------------------------------------------------------


def _velden_controleren(g: Verzoekgegevens) -> None:
    if g.soort not in Verzoeksoort.values:
        raise OngeldigeInvoer(None, {"soort": f"kies uit {', '.join(Verzoeksoort.values)}"})
    if g.soort == Verzoeksoort.TOESTEMMINGSAANVRAAG and g.subsoort not in Aanvraagsoort.values:
        raise OngeldigeInvoer(
            "Een toestemmingsaanvraag zegt wat zij vraagt.", {"subsoort": f"kies uit {', '.join(Aanvraagsoort.values)}"}
        )
    if g.soort != Verzoeksoort.TOESTEMMINGSAANVRAAG and g.subsoort:
        raise OngeldigeInvoer(None, {"subsoort": "alleen bij een toestemmingsaanvraag"})
    if g.doel not in Verzoekdoel.values:
        raise OngeldigeInvoer(None, {"doel": f"kies uit {', '.join(Verzoekdoel.values)}"})
    if g.vertrouwelijkheid not in V.values:
        raise OngeldigeInvoer(None, {"vertrouwelijkheid": f"kies uit {', '.join(V.values)}"})
    if g.vertrouwelijkheid == V.STRAFRECHTELIJK:
        raise OngeldigeInvoer(None, {"vertrouwelijkheid": "een verzoek is geen strafrechtelijk gegeven"})
    if g.ontvangen_op > timezone.localdate():
        raise OngeldigeInvoer(None, {"ontvangen_op": "ligt in de toekomst"})
    if g.aanvang_activiteit is not None and g.soort != Verzoeksoort.ACTIVITEITMELDING:
        raise OngeldigeInvoer(None, {"aanvang_activiteit": "alleen bij een melding"})


def _activiteiten(g: Verzoekgegevens) -> list[Activiteit]:
    """Every activity from the catalogue, valid on the day of receipt and carrying the duty the kind is about."""
    gevonden = {a.code: a for a in Activiteit.objects.filter(code__in=g.activiteiten)}
    plicht, bron = VEREISTE_PLICHT.get((g.soort, g.subsoort), ("", ""))
    soortnaam = (g.subsoort or g.soort).replace("_", " ")
    uit = []
    for i, code in enumerate(g.activiteiten):
        veld = f"activiteiten.{i}"
        activiteit = gevonden.get(code)
        if activiteit is None:
            raise OngeldigeInvoer(f"Onbekende activiteit '{code}': niet in de catalogus.", {veld: "onbekende code"})
        if not activiteit.geldig_op(g.ontvangen_op):
            raise OngeldigeInvoer(
                f"Activiteit '{code}' is op {g.ontvangen_op:%d-%m-%Y} niet geldig in de catalogus.",
                {veld: "niet geldig op de dag van ontvangst"},
            )
        if plicht and plicht not in activiteit.kwalificaties:
            raise OngeldigeInvoer(
                f"Voor {code} {activiteit.naam} kent de catalogus ({activiteit.catalogusversie}) geen {plicht}, dus "
                f"geen {soortnaam} ({bron}).",
                {veld: f"geen {plicht} volgens de catalogus"},
            )
        uit.append(activiteit)
    return uit


def _plichtredenen(g: Verzoekgegevens, activiteiten: list[Activiteit]) -> list[str]:
    """Why each activity fits the kind of request: the duty and the Bal articles that create it (the catalogue's
    `plichtartikelen`), or the law that lets this kind concern any activity."""
    soortnaam = (g.subsoort or g.soort).replace("_", " ")
    if (g.soort, g.subsoort) in VRIJE_SOORTEN:
        return [
            f"een {soortnaam} kan elke activiteit van de catalogus betreffen ({VRIJE_SOORTEN[(g.soort, g.subsoort)]})"
        ]
    plicht, bron = VEREISTE_PLICHT[(g.soort, g.subsoort)]
    redenen = []
    for a in activiteiten:
        artikelen = a.plichtartikelen.get(plicht, [])
        waar = f"Bal art. {', '.join(artikelen)}" if artikelen else f"catalogus {a.catalogusversie}"
        redenen.append(f"{a.code}: {plicht} volgens {waar} ({bron})")
    return redenen


def _bevoegd_gezag(activiteiten: list[Activiteit], gemeente: Organisatie) -> tuple[Organisatie, list[str]]:
    """One competent authority for the whole request, derived per activity as the register does."""
    provincie = bevoegdheid.provincie_van(gemeente)
    redenen: list[str] = []
    gezagen: dict[int, Organisatie] = {}
    for i, activiteit in enumerate(activiteiten):
        afleiding = bevoegdheid.bevoegd_gezag_afleiden(activiteit, gemeente, provincie)
        if afleiding.organisatie is None:
            raise OngeldigeInvoer(f"{afleiding.reden}.", {f"activiteiten.{i}": "bevoegd gezag niet af te leiden"})
        gezagen[afleiding.organisatie.pk] = afleiding.organisatie
        redenen.append(afleiding.reden)
    if len(gezagen) == 1:
        return next(iter(gezagen.values())), redenen
    # Derived per activity the only authorities are the municipality and its province: the province decides.
    provincie_gezag = next(o for o in gezagen.values() if o.soort == Soort.PROVINCIE)
    redenen.append(
        f"één bevoegd gezag voor het hele verzoek: {provincie_gezag.naam}, omdat een activiteit onder de provincie "
        "valt (Omgevingswet afdeling 5.1, bevoegdheidsverdeling bij meer activiteiten [check])"
    )
    return provincie_gezag, redenen


def _uitvoerder(gemeente: Organisatie) -> tuple[Organisatie, str]:
    vandaag = timezone.localdate()
    afleiding = bevoegdheid.uitvoerder_afleiden(gemeente, bevoegdheid.omgevingsdiensten_van(gemeente, vandaag), vandaag)
    if afleiding.organisatie is None:
        raise OngeldigeInvoer(f"{afleiding.reden}.", {"locatie": "geen uitvoerder af te leiden"})
    return afleiding.organisatie, afleiding.reden


def _niveau(g: Verzoekgegevens, aanvrager: Aanvrageropgave | Betrokkene | None) -> str:
    """A natural person's request is at least `vertrouwelijk`: it names someone (AVG), whatever the caller asks."""
    if aanvrager is not None and aanvrager.soort == SoortBetrokkene.NATUURLIJK_PERSOON:
        if V.rang(g.vertrouwelijkheid) < V.rang(V.VERTROUWELIJK):
            return V.VERTROUWELIJK
    return g.vertrouwelijkheid


# --- intake -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Behandeling:
    """Where a volgnummer belongs: its place, applicant-to-be, organisations and the reasons."""

    locatie: Locatie | plaatsen.NieuweLocatie
    bevoegd_gezag: Organisatie
    uitvoerder: Organisatie
    redenen: list[str]
    eerste: Verzoek | None


def _nieuw_verzoek(actor: Actor, g: Verzoekgegevens, activiteiten: list[Activiteit]) -> _Behandeling:
    if g.doel != Verzoekdoel.INDIENEN:
        raise OngeldigeInvoer(
            f"Er is nog geen verzoek {g.verzoeknummer} om aan te vullen of in te trekken.",
            {"doel": "eerst indienen"},
        )
    if not activiteiten:
        raise OngeldigeInvoer("Een verzoek noemt ten minste één activiteit.", {"activiteiten": "verplicht"})
    if g.locatie is None:
        raise OngeldigeInvoer(None, {"locatie": "verplicht"})
    if g.aanvrager is None:
        raise OngeldigeInvoer(None, {"aanvrager": "verplicht"})
    locatie = plaatsen.locatie_zoeken(g.locatie)
    bevoegd_gezag, redenen = _bevoegd_gezag(activiteiten, locatie.gemeente)
    uitvoerder, reden = _uitvoerder(locatie.gemeente)
    toegang.vereis_namens(
        actor,
        bevoegd_gezag_id=bevoegd_gezag.pk,
        uitvoerder_id=uitvoerder.pk,
        rollen=VERZOEKBEHANDELAARS,
        vertrouwelijkheid=_niveau(g, g.aanvrager),
    )
    return _Behandeling(locatie, bevoegd_gezag, uitvoerder, [*redenen, reden], None)


def _vervolg(actor: Actor, g: Verzoekgegevens, activiteiten: list[Activiteit], eerdere: list[Verzoek]) -> _Behandeling:
    """A supplement or withdrawal stays with the request it follows (CIM: betreft voorafgaande)."""
    eerste = eerdere[0]
    toegang.vereis_schrijven(actor, eerste, VERZOEKBEHANDELAARS)
    if g.doel == Verzoekdoel.INDIENEN:
        raise OngeldigeInvoer(
            f"Verzoek {g.verzoeknummer} is al ingediend (volgnummer {eerste.verzoekvolgnummer}); een nieuw volgnummer "
            "vult aan of trekt in.",
            {"doel": "aanvullen of intrekken"},
        )
    if ingetrokken := next((v for v in eerdere if v.doel == Verzoekdoel.INTREKKEN), None):
        raise OngeldigeInvoer(
            f"Verzoek {g.verzoeknummer} is ingetrokken met volgnummer {ingetrokken.verzoekvolgnummer}.",
            {"doel": "het verzoek is ingetrokken"},
        )
    if (g.soort, g.subsoort) != (eerste.soort, eerste.subsoort):
        raise OngeldigeInvoer(
            f"Verzoek {g.verzoeknummer} is een {eerste.soort.replace('_', ' ')}; een aanvulling houdt die soort.",
            {"soort": "anders dan het verzoek"},
        )
    gemeente = eerste.locatie.gemeente
    if g.locatie is not None and plaatsen.locatie_zoeken(g.locatie).gemeente != gemeente:
        raise OngeldigeInvoer(
            f"De locatie ligt niet in {gemeente.naam}, de gemeente van verzoek {g.verzoeknummer}.",
            {"locatie": "andere gemeente dan het verzoek"},
        )
    if activiteiten:
        bevoegd_gezag, redenen = _bevoegd_gezag(activiteiten, gemeente)
        if bevoegd_gezag != eerste.bevoegd_gezag:
            raise OngeldigeInvoer(
                f"Met deze activiteiten is {bevoegd_gezag.naam} bevoegd gezag, niet {eerste.bevoegd_gezag.naam} van "
                f"verzoek {g.verzoeknummer}: dien een nieuw verzoek in.",
                {"activiteiten": "ander bevoegd gezag dan het verzoek"},
            )
    reden = (
        f"{g.doel} van verzoek {g.verzoeknummer}-{eerste.verzoekvolgnummer}: bevoegd gezag "
        f"{eerste.bevoegd_gezag.naam} en uitvoerder {eerste.uitvoerder.naam} van het verzoek "
        "(CIM: betreft voorafgaande)"
    )
    return _Behandeling(eerste.locatie, eerste.bevoegd_gezag, eerste.uitvoerder, [reden], eerste)


@transaction.atomic
def verzoek_maken(
    *,
    actor: Actor,
    gegevens: Verzoekgegevens,
    bron: str = Verzoekbron.FORMULIER,
    bericht: dict[str, Any] | None = None,
    bericht_sha256: str = "",
) -> Verzoek:
    """Take in one volgnummer of a request: check its activities against the catalogue, find or add its place and
    applicant, derive who decides and who does the work (and store why), then store it with its activities.

    A first volgnummer must submit (`indienen`) and is written for the derived (bevoegd gezag, uitvoerder); a later
    one supplements or withdraws and stays with the first, under the write rule on that request.
    """
    g = gegevens
    _velden_controleren(g)
    if bron not in Verzoekbron.values:
        raise OngeldigeInvoer(None, {"bron": f"kies uit {', '.join(Verzoekbron.values)}"})
    activiteiten = _activiteiten(g)
    eerdere = list(Verzoek.objects.filter(verzoeknummer=g.verzoeknummer).order_by("verzoekvolgnummer", "pk"))
    if eerdere:
        behandeling = _vervolg(actor, g, activiteiten, eerdere)
        if any(v.verzoekvolgnummer == g.verzoekvolgnummer for v in eerdere):
            raise OngeldigeInvoer(
                f"Verzoek {g.verzoeknummer} volgnummer {g.verzoekvolgnummer} is al ontvangen.",
                {"verzoekvolgnummer": "al ontvangen"},
            )
    else:
        behandeling = _nieuw_verzoek(actor, g, activiteiten)
    bg, uv = behandeling.bevoegd_gezag, behandeling.uitvoerder
    locatie = plaatsen.locatie_vastleggen(actor=actor, locatie=behandeling.locatie, bevoegd_gezag=bg, uitvoerder=uv)
    if g.aanvrager is not None:
        aanvrager = plaatsen.aanvrager_vinden_of_maken(actor=actor, opgave=g.aanvrager, bevoegd_gezag=bg, uitvoerder=uv)
    else:
        assert behandeling.eerste is not None  # a first volgnummer without applicant was refused above
        aanvrager = behandeling.eerste.aanvrager
    niveau = _niveau(g, aanvrager)
    if behandeling.eerste is not None and V.rang(behandeling.eerste.vertrouwelijkheid) > V.rang(niveau):
        niveau = behandeling.eerste.vertrouwelijkheid  # a supplement is as confidential as its request
    verzoek = Verzoek.objects.create(
        verzoeknummer=g.verzoeknummer,
        verzoekvolgnummer=g.verzoekvolgnummer,
        soort=g.soort,
        subsoort=g.subsoort,
        doel=g.doel,
        ontvangen_op=g.ontvangen_op,
        omschrijving=g.omschrijving,
        aanvrager=aanvrager,
        locatie=locatie,
        bevoegd_gezag=bg,
        uitvoerder=uv,
        afleiding="\n".join([*_plichtredenen(g, activiteiten), *behandeling.redenen]),
        vertrouwelijkheid=niveau,
        bijlagen=[{"naam": b.naam, "mediatype": b.mediatype, "sha256": b.sha256} for b in g.bijlagen],
        bron=bron,
        bericht=bericht,
        bericht_sha256=bericht_sha256,
        aanvang_activiteit=g.aanvang_activiteit,
        te_laat_gemeld=_te_laat_gemeld(g),
    )
    Verzoekactiviteit.objects.bulk_create([Verzoekactiviteit(verzoek=verzoek, activiteit=a) for a in activiteiten])
    audit.schrijf(
        actor=actor,
        actie="verzoek.aangemaakt",
        object=verzoek,
        na=audit.momentopname(verzoek, GEVOLGDE_VELDEN) | {"activiteiten": [a.code for a in activiteiten]},
    )
    if g.doel == Verzoekdoel.INTREKKEN:
        stappen.intrekking_verwerken(actor=actor, intrekking=verzoek)
    elif g.doel == Verzoekdoel.AANVULLEN:
        stappen.aanvulling_verwerken(actor=actor, aanvulling=verzoek)
    elif g.doel == Verzoekdoel.INDIENEN:
        stappen.termijn_bijwerken(verzoek, timezone.localdate())
        verzoek.save(update_fields=["beslistermijn_tot", "termijn_motivering"])
    return verzoek


def _te_laat_gemeld(g: Verzoekgegevens) -> bool:
    """A notification made less than four weeks before the activity starts is received and flagged, not refused:
    the late notice is the operator's possible violation of the duty to notify (Ow art. 4.4 lid 1 with the Bal
    chapter 4 articles, e.g. Bal art. 4.276 lid 1: "ten minste vier weken voor het begin"). Some activities set
    another period [check per activity]; four weeks is the rule the catalogue does not yet refine."""
    if g.soort != Verzoeksoort.ACTIVITEITMELDING or g.aanvang_activiteit is None:
        return False
    uiterlijk = termijnen.meldingstermijn(g.aanvang_activiteit, kalender=kalender()).einddatum
    return g.ontvangen_op > uiterlijk


def _verschil(eerder: dict[str, Any] | None, nu: dict[str, Any]) -> str:
    if eerder is None:
        return "het eerdere volgnummer kwam niet als bericht binnen"
    velden = sorted(k for k in set(eerder) | set(nu) if eerder.get(k) != nu.get(k))
    return "verschilt in " + ", ".join(velden)


def _ontvangen(gegevens: Verzoekgegevens) -> Verzoek | None:
    """The request already stored under this number and volgnummer, if any."""
    return Verzoek.objects.filter(
        verzoeknummer=gegevens.verzoeknummer, verzoekvolgnummer=gegevens.verzoekvolgnummer
    ).first()


@transaction.atomic
def verzoekbericht_verwerken(
    *, actor: Actor, bericht: dict[str, Any], bron: str = Verzoekbron.OMGEVINGSLOKET
) -> Verwerking:
    """Take in one request message, idempotently: the same message again (same number, volgnummer and content, by
    its SHA-256) changes nothing and says so; the same number and volgnummer with other content is refused with what
    differs; a new volgnummer of a known number is a supplement or withdrawal (`verzoek_maken`)."""
    gegevens = verzoekgegevens_uit_bericht(bericht)
    sha256 = vingerafdruk(bericht)
    bestaand = _ontvangen(gegevens)
    if bestaand is None:
        try:
            verzoek = verzoek_maken(actor=actor, gegevens=gegevens, bron=bron, bericht=bericht, bericht_sha256=sha256)
        except IntegrityError:
            # Delivered twice at the same moment: the other delivery stored this number first and the unique
            # constraint refused ours (in verzoek_maken's own savepoint); answer as for any repeat.
            bestaand = _ontvangen(gegevens)
            if bestaand is None:
                raise
        else:
            return Verwerking(verzoek, True, f"Verzoek {verzoek.verzoeknummer}-{verzoek.verzoekvolgnummer} ontvangen.")
    toegang.vereis_schrijven(actor, bestaand, VERZOEKBEHANDELAARS)
    kenmerk = f"{bestaand.verzoeknummer}-{bestaand.verzoekvolgnummer}"
    if bestaand.bericht_sha256 == sha256:
        return Verwerking(
            bestaand,
            False,
            f"Verzoek {kenmerk} is al ontvangen op {timezone.localtime(bestaand.geregistreerd_op):%d-%m-%Y}, met "
            "dezelfde inhoud; er is niets gewijzigd.",
        )
    raise OngeldigeInvoer(
        f"Verzoek {kenmerk} is al ontvangen met andere inhoud ({_verschil(bestaand.bericht, bericht)}); niets "
        "opgeslagen. Een aanvulling of intrekking krijgt een nieuw volgnummer.",
        {"verzoekvolgnummer": "al ontvangen met andere inhoud"},
    )
