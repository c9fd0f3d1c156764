"""Every write of a request's procedure: one step of the table in `procedure.py` (`stap_zetten`), in one transaction
with its effects, its letters, the recomputed decision period and one audit event; a refusal stores nothing.

The write rule is `toegang.vereis_schrijven` on the request for the permit officer; a step that is a decision in the
name of the competent authority (`Handeling.ondertekenen`) also needs a mandate holder of that authority on the day
(the mandate register, Awb 10:1, 10:3, 10:9), and the letter then says on whose behalf it was signed (Awb 10:10).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from openvth.audit import services as audit
from openvth.handhaving.bewakers import datum_nl, kalender
from openvth.handhaving.documenten import GeenMandaat, bestuursorgaan
from openvth.organisaties import selectors as organisatie_selectors
from openvth.organisaties import toegang
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.models import Bevoegdheid, Organisatie, Persoonsmandaat, Rol
from openvth.organisaties.toegang import Actor
from openvth.regels import termijnen

from . import besluiten, brieven, procedure
from .models import (
    Aanvullingsverzoek,
    Adviessoort,
    Adviesuitkomst,
    Adviesverzoek,
    Besluit,
    Besluitstatus,
    Procedure,
    Procedurestap,
    Verzoek,
    Verzoekdoel,
    Verzoekstatus,
)

BEHANDELAARS = (Rol.VERGUNNINGVERLENER,)
GEVOLGDE_VELDEN = (
    "status",
    "procedure",
    "behandelaar",
    "instemming_vereist",
    "verlenging_weken",
    "beslistermijn_tot",
    "afgehandeld_op",
    "tijdig",
    "ingebreke_gesteld_op",
    "vth_object",
)


def zaak_van(verzoek: Verzoek) -> procedure.Zaak:
    """What the table's guards see of a request, read from its rows."""
    besluiten_ = list(verzoek.besluiten.exclude(status=Besluitstatus.VERVALLEN).prefetch_related("voorschriften"))
    ontwerp = next((b for b in besluiten_ if b.ontwerp and b.status == Besluitstatus.GOEDGEKEURD), None)
    ter_inzage = next((b for b in besluiten_ if b.ontwerp and b.status == Besluitstatus.TER_INZAGE), None)
    definitief = next((b for b in besluiten_ if not b.ontwerp and b.status == Besluitstatus.GOEDGEKEURD), None)
    bekend = next((b for b in besluiten_ if not b.ontwerp and b.status in (Besluitstatus.BEKENDGEMAAKT,)), None)
    adviezen = list(verzoek.adviesverzoeken.all())
    activiteiten = [va.activiteit for va in verzoek.activiteiten.select_related("activiteit")]
    laatste = verzoek.stappen.order_by("-datum", "-id").values_list("datum", flat=True).first()
    return procedure.Zaak(
        soort=verzoek.soort,
        subsoort=verzoek.subsoort,
        status=verzoek.status,
        ontvangen_op=verzoek.ontvangen_op,
        procedure=verzoek.procedure,
        instemming_vereist=verzoek.instemming_vereist,
        verlenging_weken=verzoek.verlenging_weken,
        aanvullingen=tuple(
            procedure.Aanvulling(a.gevraagd_op, a.aanvullen_voor, a.aangevuld_op, a.ongebruikt)
            for a in verzoek.aanvullingsverzoeken.all()
        ),
        laatste_stap=laatste,
        open_adviezen=tuple((a.pk, a.soort, a.reageren_voor) for a in adviezen if a.beantwoord_op is None),
        instemming_geweigerd=any(a.uitkomst == Adviesuitkomst.WEIGERING for a in adviezen),
        ontwerp_goedgekeurd=ontwerp is not None,
        ter_inzage=(
            (ter_inzage.bekendgemaakt_op, ter_inzage.zienswijzen_tot)
            if ter_inzage and ter_inzage.bekendgemaakt_op and ter_inzage.zienswijzen_tot
            else None
        ),
        besluit_goedgekeurd=(definitief.soort, len(definitief.voorschriften.all())) if definitief else None,
        bezwaartermijn_tot=bekend.bezwaartermijn_tot if bekend else None,
        bezwaar_ontvangen=bool(bekend and bekend.bezwaar_ontvangen_op),
        aanvang_activiteit=verzoek.aanvang_activiteit,
        ippc_seveso=any(a.ippc_seveso for a in activiteiten),
        # Only a notification's completeness asks for its documents (the first volgnummer's or a supplement's).
        heeft_bijlagen=verzoek.soort in procedure.MEDEDELING
        and (
            bool(verzoek.bijlagen)
            or Verzoek.objects.filter(verzoeknummer=verzoek.verzoeknummer, doel=Verzoekdoel.AANVULLEN)
            .exclude(bijlagen=[])
            .exists()
        ),
    )


TERMIJNSTAPPEN = frozenset(
    {"in_behandeling_nemen", "aanvulling_vragen", "aanvulling_ontvangen", "aanvultermijn_verstreken", "verlengen",
     "advies_vragen"}
)  # fmt: skip
"""The steps that change what the decision period is computed from (procedure, consent, extension, suspensions)."""


def termijn_bijwerken(verzoek: Verzoek, vandaag: date, zaak: procedure.Zaak | None = None) -> termijnen.Termijn | None:
    """Recompute the decision period and keep its last day and motivation on the request (the deadline view sorts
    on it). A suspension still open is planned to its last day (`procedure.Aanvulling.opschorting`). `zaak`: the
    request as read before a step that changed none of the period's inputs (saves reading it again)."""
    termijn = procedure.beslistermijn(zaak or zaak_van(verzoek), vandaag)
    verzoek.beslistermijn_tot = termijn.einddatum if termijn else None
    verzoek.termijn_motivering = "\n".join(termijn.motivering) if termijn else ""
    return termijn


def _mandaathouder(actor: Actor, verzoek: Verzoek, datum: date) -> Persoonsmandaat:
    orgaan = bestuursorgaan(verzoek.bevoegd_gezag)["naam"]
    houders = organisatie_selectors.mandaathouders(
        mandaatgever=verzoek.bevoegd_gezag, bevoegdheid=Bevoegdheid.BESLUIT_VERGUNNING, peildatum=datum
    )
    if not houders:
        raise GeenMandaat(
            f"Niemand heeft in het mandaatregister mandaat om namens {orgaan} op een aanvraag te beslissen. Leg eerst "
            "een (onder)mandaat vast (Awb 10:1, 10:9)."
        )
    eigen = next((m for m in houders if m.gebruiker_id == actor.gebruiker_id), None)
    if eigen is None:
        namen = ", ".join(f"{m.gebruiker.get_full_name() or m.gebruiker.get_username()} ({m.functie})" for m in houders)
        raise GeenMandaat(
            f"U heeft geen mandaat om namens {orgaan} op een aanvraag te beslissen; mandaat hebben: {namen}."
        )
    return eigen


def _adviseur(code: str, verzoek: Verzoek) -> Organisatie:
    adviseur = Organisatie.objects.filter(code__iexact=code.strip()).first()
    if adviseur is None:
        raise OngeldigeInvoer(velden={"adviseur": f"onbekende organisatiecode '{code}'"})
    if adviseur.pk == verzoek.bevoegd_gezag_id:
        raise OngeldigeInvoer(velden={"adviseur": "het bevoegd gezag adviseert zichzelf niet"})
    return adviseur


def _effecten(
    actor: Actor, verzoek: Verzoek, handeling: str, g: dict[str, Any], datum: date, mandaat: Persoonsmandaat | None
) -> tuple[list[str], Besluit | None]:
    """Apply one step's effects to the request and its rows; returns the motivation lines and the decision."""
    regels: list[str] = []
    besluit = None
    if handeling == "in_behandeling_nemen":
        verzoek.procedure = g["procedure"]
        verzoek.instemming_vereist = g.get("instemming_vereist") == "ja"
        verzoek.behandelaar_id = actor.gebruiker_id
        if verzoek.instemming_vereist and verzoek.procedure == Procedure.UITGEBREID:
            raise OngeldigeInvoer(
                velden={"instemming_vereist": "twaalf weken bij instemming geldt alleen in de reguliere procedure"}
            )
    elif handeling == "aanvulling_vragen":
        Aanvullingsverzoek.objects.create(
            verzoek=verzoek, gevraagd_op=datum, aanvullen_voor=g["aanvullen_voor"], omschrijving=g["omschrijving"]
        )
        regels.append(f"Aanvullen tot en met {datum_nl(g['aanvullen_voor'])}: {g['omschrijving']}")
    elif handeling in ("aanvulling_ontvangen", "aanvultermijn_verstreken"):
        open_ = verzoek.aanvullingsverzoeken.filter(aangevuld_op__isnull=True, ongebruikt=False).get()
        if handeling == "aanvulling_ontvangen":
            open_.aangevuld_op = g["aangevuld_op"]
            open_.aanvulling = (
                Verzoek.objects.filter(
                    verzoeknummer=verzoek.verzoeknummer, doel=Verzoekdoel.AANVULLEN, ontvangen_op__gte=open_.gevraagd_op
                )
                .order_by("-verzoekvolgnummer")
                .first()
            )
        else:
            open_.ongebruikt = True
        open_.save()
    elif handeling == "verlengen":
        verzoek.verlenging_weken = g["weken"]
        regels.append(f"Verlengd met {g['weken']} weken: {g['reden']}")
    elif handeling == "advies_vragen":
        adviseur = _adviseur(g["adviseur"], verzoek)
        Adviesverzoek.objects.create(
            verzoek=verzoek,
            adviseur=adviseur,
            soort=g["soort"],
            grondslag=g["grondslag"],
            gevraagd_op=datum,
            reageren_voor=g["reageren_voor"],
        )
        if g["soort"] == Adviessoort.INSTEMMING and verzoek.procedure == Procedure.REGULIER:
            verzoek.instemming_vereist = True
            regels.append(
                "Het besluit behoeft instemming: de reguliere beslistermijn is twaalf weken (Ow 16.64 lid 1)."
            )
        regels.append(f"{g['soort'].capitalize()} gevraagd aan {adviseur.naam} ({g['grondslag']}).")
    elif handeling == "advies_ontvangen":
        rij = verzoek.adviesverzoeken.get(pk=g["adviesverzoek"])
        rij.beantwoord_op, rij.uitkomst, rij.toelichting = g["beantwoord_op"], g["uitkomst"], g.get("toelichting", "")
        rij.save()
        regels.append(f"{rij.adviseur.naam}: {rij.get_uitkomst_display()}.")
    elif handeling == "ontwerp_ter_inzage":
        besluit = besluiten.ter_inzage_leggen(actor=actor, verzoek=verzoek, datum=datum, mandaat=mandaat)
        regels.append(besluit.termijn_motivering)
    elif handeling == "besluit_bekendmaken":
        besluit = besluiten.bekendmaken(actor=actor, verzoek=verzoek, datum=datum, mandaat=mandaat)
        verzoek.afgehandeld_op = datum
        regels.append(besluit.termijn_motivering)
    elif handeling == "bezwaar_ontvangen":
        besluit = besluiten.bezwaar_vastleggen(verzoek=verzoek, ontvangen_op=g["ontvangen_op"])
        regels.append(f"Bezwaar ontvangen op {datum_nl(g['ontvangen_op'])}. {g.get('toelichting', '')}".strip())
    elif handeling == "onherroepelijk_worden":
        besluit = besluiten.onherroepelijk_maken(verzoek=verzoek, datum=datum)
    elif handeling == "ingebrekestelling_ontvangen":
        verzoek.ingebreke_gesteld_op = g["ontvangen_op"]
    elif handeling == "afhandelen":
        besluiten.melding_registreren(actor=actor, verzoek=verzoek, datum=datum)
        verzoek.afgehandeld_op = datum
    elif handeling in ("buiten_behandeling_stellen", "intrekken"):
        verzoek.afgehandeld_op = datum
        if reden := g.get("reden"):
            regels.append(reden)
    return regels, besluit


@transaction.atomic
def stap_zetten(
    *, actor: Actor, verzoek: Verzoek, handeling: str, datum: date | None = None, gegevens: dict[str, Any] | None = None
) -> Procedurestap:
    """Set one step of the procedure of `verzoek` (its first volgnummer) on `datum` (today by default)."""
    verzoek = Verzoek.objects.select_for_update().get(pk=verzoek.pk)
    toegang.vereis_schrijven(actor, verzoek, BEHANDELAARS)
    if verzoek.doel != Verzoekdoel.INDIENEN:
        raise OngeldigeInvoer(velden={"verzoek": "de procedure loopt op het eerste volgnummer van het verzoek"})
    vandaag = timezone.localdate()
    datum = datum or vandaag
    zaak = zaak_van(verzoek)
    beoordeling = procedure.beoordeel(zaak, handeling, datum=datum, ruw=gegevens or {}, vandaag=vandaag)
    h = beoordeling.handeling
    mandaat = _mandaathouder(actor, verzoek, datum) if h.ondertekenen else None
    voor = audit.momentopname(verzoek, GEVOLGDE_VELDEN)
    van = verzoek.status
    regels, besluit = _effecten(actor, verzoek, handeling, dict(beoordeling.gegevens), datum, mandaat)
    verzoek.status = beoordeling.naar
    termijn = termijn_bijwerken(verzoek, vandaag, None if handeling in TERMIJNSTAPPEN else zaak)
    if besluit is not None and handeling == "besluit_bekendmaken" and termijn is not None:
        verzoek.tijdig = datum <= termijn.einddatum
        regels.append(
            f"Besloten {'binnen' if verzoek.tijdig else 'na'} de beslistermijn (tot en met "
            f"{datum_nl(termijn.einddatum)})."
        )
    verzoek.save()
    if termijn is not None and handeling not in ("besluit_bekendmaken", "onherroepelijk_worden", "bezwaar_ontvangen"):
        regels.extend(termijn.motivering)
    stap = Procedurestap.objects.create(
        verzoek=verzoek,
        handeling=handeling,
        van=van,
        naar=verzoek.status,
        datum=datum,
        gegevens={k: (v.isoformat() if isinstance(v, date) else v) for k, v in beoordeling.gegevens.items()},
        motivering="\n".join([h.artikel, *regels]),
        gezet_door_id=toegang.persoon(actor),
    )
    for soort in h.brieven:
        brieven.brief_maken(actor=actor, verzoek=verzoek, soort=soort, datum=datum, besluit=besluit, mandaat=mandaat)
    audit.schrijf(
        actor=actor,
        actie=f"verzoek.{handeling}",
        object=verzoek,
        voor=voor,
        na=audit.momentopname(verzoek, GEVOLGDE_VELDEN) | {"stap": stap.pk},
    )
    return stap


def intrekking_verwerken(*, actor: Actor, intrekking: Verzoek) -> None:
    """A withdrawal volgnummer ends the procedure of its request, if it is still open (called by the intake)."""
    eerste = Verzoek.objects.filter(verzoeknummer=intrekking.verzoeknummer, doel=Verzoekdoel.INDIENEN).first()
    if eerste is not None and eerste.status in procedure.OPEN:
        stap_zetten(
            actor=actor, verzoek=eerste, handeling="intrekken", datum=max(intrekking.ontvangen_op, _laatste(eerste))
        )


def aanvulling_verwerken(*, actor: Actor, aanvulling: Verzoek) -> None:
    """A supplement volgnummer received while the applicant was asked to supplement ends the suspension on the day it
    was received (Awb 4:15 lid 1 onder a: "tot de dag waarop de aanvraag is aangevuld"), by law and so by itself; a
    supplement nobody asked for changes no period."""
    eerste = Verzoek.objects.filter(verzoeknummer=aanvulling.verzoeknummer, doel=Verzoekdoel.INDIENEN).first()
    if eerste is None or eerste.status != Verzoekstatus.OPGESCHORT:
        return
    open_ = eerste.aanvullingsverzoeken.filter(aangevuld_op__isnull=True, ongebruikt=False).first()
    if open_ is None or aanvulling.ontvangen_op < open_.gevraagd_op:
        return
    datum = max(aanvulling.ontvangen_op, _laatste(eerste))
    stap_zetten(
        actor=actor,
        verzoek=eerste,
        handeling="aanvulling_ontvangen",
        datum=datum,
        gegevens={"aangevuld_op": aanvulling.ontvangen_op},
    )


def _laatste(verzoek: Verzoek) -> date:
    return verzoek.stappen.order_by("-datum").values_list("datum", flat=True).first() or verzoek.ontvangen_op


__all__ = [
    "BEHANDELAARS",
    "aanvulling_verwerken",
    "intrekking_verwerken",
    "kalender",
    "stap_zetten",
    "termijn_bijwerken",
    "zaak_van",
]
