"""The letters of a request: acknowledgement, request for information, extension, draft decision, decision and the
notice of publication, as HTML and PDF in the print shell of the enforcement letters (`handhaving.documenten`: the
competent body, the addressee, the references and the signature "namens" the body, Awb 10:10).

A letter is made by the step that sends it (`stappen.stap_zetten`) and frozen as it went out (`Brief.html`): the
text the applicant got is the text the case keeps. Its PDF is that frozen HTML printed, made on first request and
kept (`brief_pdf`): printing is deterministic and takes a tenth of a second or more per letter, too long to hold the
decision's transaction (a decision with its register update has a budget of 50 ms, issue 15). Its text holds what
the applicant may read and the law it rests on; every date is written out, every period is a date.
"""

from __future__ import annotations

from datetime import date

from openvth.handhaving.documenten import bestuursorgaan, datum_nl, html_van, pdf_van
from openvth.organisaties import toegang
from openvth.organisaties.models import Persoonsmandaat
from openvth.organisaties.toegang import Actor

from .models import Besluit, Besluitsoort, Brief, Briefsoort, Procedure, Verzoek

ONDERWERPEN = {
    Briefsoort.ONTVANGSTBEVESTIGING: "Ontvangstbevestiging",
    Briefsoort.AANVULLING: "Verzoek om aanvulling van uw aanvraag",
    Briefsoort.VERLENGING: "Verlenging van de beslistermijn",
    Briefsoort.ONTWERPBESLUIT: "Ontwerpbesluit",
    Briefsoort.BESLUIT: "Besluit op uw aanvraag",
    Briefsoort.KENNISGEVING: "Kennisgeving",
}


def _activiteiten(verzoek: Verzoek) -> str:
    return "; ".join(f"{va.activiteit.naam} ({va.activiteit.code})" for va in verzoek.activiteiten.all())


def _onderdelen(verzoek: Verzoek, soort: str, datum: date, besluit: Besluit | None) -> list[dict]:
    """The sections of the letter: a heading and plain text each."""
    nummer = f"{verzoek.verzoeknummer}"
    plaats = verzoek.locatie.adres
    aanhef = {"kop": "", "tekst": "Geachte heer, mevrouw,"}
    if soort == Briefsoort.ONTVANGSTBEVESTIGING:
        if verzoek.procedure:
            termijn = (
                f"Wij beslissen uiterlijk op {datum_nl(verzoek.beslistermijn_tot)} (de beslistermijn, "
                + ("Ow art. 16.64 lid 1" if verzoek.procedure == Procedure.REGULIER else "Awb 3:18 lid 1")
                + "). Vragen wij u de aanvraag aan te vullen, dan schuift deze datum op (Awb 4:15)."
            )
        else:
            termijn = "Op een melding of informatie volgt geen besluit; wij kunnen wel een controle uitvoeren."
        laat = (
            "\n\nU meldde minder dan vier weken vóór het begin van de activiteit. De melding is ontvangen; te laat "
            "melden kan een overtreding zijn van de meldingsplicht (Ow art. 4.4)."
            if verzoek.te_laat_gemeld
            else ""
        )
        return [
            aanhef,
            {
                "kop": "Uw verzoek is ontvangen",
                "tekst": f"Op {datum_nl(verzoek.ontvangen_op)} ontvingen wij uw {verzoek.get_soort_display()} met "
                f"nummer {nummer} voor {plaats}: {_activiteiten(verzoek)} (Awb 4:3a).\n\n{termijn}{laat}",
            },
        ]
    if soort == Briefsoort.AANVULLING:
        a = verzoek.aanvullingsverzoeken.order_by("-id").first()
        assert a is not None
        return [
            aanhef,
            {
                "kop": "Wat ontbreekt",
                "tekst": f"Uw aanvraag {nummer} is niet volledig. Wij missen:\n\n{a.omschrijving}",
            },
            {
                "kop": "Wat u moet doen",
                "tekst": f"Vul uw aanvraag uiterlijk {datum_nl(a.aanvullen_voor)} aan (Awb 4:5 lid 1). Zolang de "
                "aanvulling ontbreekt, is de beslistermijn opgeschort (Awb 4:15 lid 1 onder a). Vult u niet of niet "
                "voldoende aan, dan kunnen wij besluiten de aanvraag niet te behandelen (Awb 4:5 lid 1).",
            },
        ]
    if soort == Briefsoort.VERLENGING:
        return [
            aanhef,
            {
                "kop": "De beslistermijn is verlengd",
                "tekst": f"Wij verlengen de beslistermijn op uw aanvraag {nummer} met {verzoek.verlenging_weken} "
                f"weken (eenmalig; "
                + (
                    "Ow art. 16.64 lid 2"
                    if verzoek.procedure == Procedure.REGULIER
                    else "Awb 3:18 lid 2 en Ow art. 16.66 lid 3"
                )
                + f"). Wij beslissen uiterlijk op {datum_nl(verzoek.beslistermijn_tot)}.",
            },
        ]
    assert besluit is not None
    voorschriften = "\n".join(f"{v.nummer}. {v.tekst}" for v in besluit.voorschriften.all())
    dicta: dict[str, str] = {
        Besluitsoort.VERLENEN: f"de gevraagde {verzoek.get_subsoort_display()} te verlenen voor "
        f"{_activiteiten(verzoek)}",
        Besluitsoort.WIJZIGEN: "de toestemming te wijzigen",
        Besluitsoort.REVISIE: "de toestemming te herzien en alle voorschriften opnieuw vast te stellen",
        Besluitsoort.WEIGEREN: f"de gevraagde {verzoek.get_subsoort_display()} te weigeren",
        Besluitsoort.INTREKKEN: "de toestemming in te trekken",
    }
    dictum = dicta[besluit.soort]
    if soort == Briefsoort.KENNISGEVING:
        if besluit.ontwerp:
            tekst = (
                f"Met ingang van {datum_nl(besluit.bekendgemaakt_op)} ligt het ontwerpbesluit {besluit.kenmerk} op de "
                f"aanvraag {nummer} ({plaats}) ter inzage (Awb 3:11, 3:12). Iedereen kan tot en met "
                f"{datum_nl(besluit.zienswijzen_tot)} een zienswijze naar voren brengen (Awb 3:15, 3:16)."
            )
        else:
            tekst = (
                f"Op {datum_nl(besluit.bekendgemaakt_op)} is besloten {dictum} (besluit {besluit.kenmerk}, aanvraag "
                f"{nummer}, {plaats}). Het besluit treedt in werking op {datum_nl(besluit.in_werking_op)} (Ow art. "
                f"16.79 lid 1). {_rechtsmiddel(verzoek, besluit, kort=True)}"
            )
        return [{"kop": "Kennisgeving", "tekst": tekst}]
    delen = [aanhef]
    if soort == Briefsoort.ONTWERPBESLUIT:
        delen.append(
            {
                "kop": "Ontwerpbesluit",
                "tekst": f"Wij zijn voornemens {dictum}. Dit ontwerp ligt ter inzage vanaf "
                f"{datum_nl(besluit.bekendgemaakt_op)}; zienswijzen kunnen tot en met "
                f"{datum_nl(besluit.zienswijzen_tot)} naar voren worden gebracht (Awb 3:16).",
            }
        )
    else:
        delen.append({"kop": "Besluit", "tekst": f"Wij besluiten {dictum}."})
    delen.append({"kop": "Motivering", "tekst": besluit.motivering})
    if voorschriften:
        delen.append({"kop": "Voorschriften", "tekst": voorschriften})
    if soort == Briefsoort.BESLUIT:
        delen.append(
            {
                "kop": "Inwerkingtreding en bezwaar",
                "tekst": f"Dit besluit treedt in werking op {datum_nl(besluit.in_werking_op)} (Ow art. 16.79 lid 1). "
                + _rechtsmiddel(verzoek, besluit, kort=False),
            }
        )
    return delen


def _rechtsmiddel(verzoek: Verzoek, besluit: Besluit, *, kort: bool) -> str:
    """Objection to the body (Awb 6:7, 6:8 lid 1); after the extended procedure direct appeal to the court, from the
    day after the decision was laid open (Awb 7:1 lid 1 onder d, 6:8 lid 4)."""
    tot = datum_nl(besluit.bezwaartermijn_tot)
    if verzoek.procedure == Procedure.UITGEBREID:
        if kort:
            return f"Beroep bij de rechtbank kan tot en met {tot} (Awb 7:1 lid 1 onder d, 6:7, 6:8 lid 4)."
        return (
            "Dit besluit is voorbereid met de uitgebreide procedure: bezwaar is niet mogelijk, u kunt tot en met "
            f"{tot} beroep instellen bij de rechtbank (Awb 7:1 lid 1 onder d, 6:7, 6:8 lid 4), als u een zienswijze "
            "naar voren bracht of dat redelijkerwijs niet kon (Awb 6:13)."
        )
    if kort:
        return f"Bezwaar kan tot en met {tot} (Awb 6:7, 6:8)."
    return (
        f"Bent u het er niet mee eens, dan kunt u tot en met {tot} bezwaar maken bij "
        f"{bestuursorgaan(verzoek.bevoegd_gezag)['naam']} (Awb 6:7, 6:8)."
    )


def brief_maken(
    *,
    actor: Actor,
    verzoek: Verzoek,
    soort: str,
    datum: date,
    besluit: Besluit | None = None,
    mandaat: Persoonsmandaat | None = None,
) -> Brief:
    """Make and freeze one letter of the request (inside the step's transaction)."""
    soort = Briefsoort(soort)
    if soort in (Briefsoort.ONTWERPBESLUIT, Briefsoort.BESLUIT, Briefsoort.KENNISGEVING) and besluit is None:
        raise ValueError(f"een {soort.label} hoort bij een besluit")
    volgnummer = verzoek.brieven.count() + 1
    kenmerk = f"{verzoek.verzoeknummer}/{volgnummer:02d}"
    orgaan = bestuursorgaan(verzoek.bevoegd_gezag)
    onderwerp = ONDERWERPEN[soort] + (f" {besluit.kenmerk}" if besluit is not None else "")
    context = {
        "soort": soort.value,
        "onderwerp": onderwerp,
        "datum": datum_nl(datum),
        "kenmerk": kenmerk,
        "zaaknummer": verzoek.verzoeknummer,
        "bestuursorgaan": orgaan,
        "uitvoerder": {"naam": verzoek.uitvoerder.naam},
        "contactpersoon": "",
        "overtreder": {"naam": verzoek.aanvrager.naam},
        "vth_object": {"naam": verzoek.locatie.adres, "adres": verzoek.locatie.adres},
    }
    ondertekening = None
    if mandaat is not None:
        gebruiker = mandaat.gebruiker
        ondertekening = {"naam": gebruiker.get_full_name() or gebruiker.get_username(), "functie": mandaat.functie}
    elif soort in (Briefsoort.ONTVANGSTBEVESTIGING, Briefsoort.AANVULLING):
        # Not a decision: the officer handling the case signs for the body (Awb 10:12 with the service's mandate).
        ondertekening = {"naam": actor.gebruikersnaam, "functie": "vergunningverlener"}
    html = html_van(context, _onderdelen(verzoek, soort, datum, besluit), ondertekening=ondertekening)
    return Brief.objects.create(
        verzoek=verzoek,
        besluit=besluit,
        soort=soort,
        kenmerk=kenmerk,
        datum=datum,
        onderwerp=onderwerp,
        html=html,
        pdf=b"",
        gemaakt_door_id=toegang.persoon(actor),
        ondertekend_door_id=mandaat.gebruiker_id if mandaat else actor.gebruiker_id,
        persoonsmandaat=mandaat,
    )


def brief_pdf(brief: Brief) -> bytes:
    """The letter as PDF: its frozen HTML printed once, then kept with the letter."""
    if not brief.pdf:
        brief.pdf = pdf_van(brief.html)
        Brief.objects.filter(pk=brief.pk, pdf=b"").update(pdf=brief.pdf)
    return bytes(brief.pdf)
