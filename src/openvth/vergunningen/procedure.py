"""The procedure of a request as one declarative table: which step may follow which, on what legal ground, with what
input, under which guards, and what period it starts (like the enforcement workflow, ADR 0015).

`HANDELINGEN` maps each step (`handeling`) to the statuses it may leave, the status it reaches (`None`: it stays),
the kinds of request it belongs to, its input (`Param`, shared with enforcement) and its guards. A guard returns the
reason it fails, in words a permit officer can act on, with the article. Anything not in the table is refused.
This module computes; `stappen.py` writes.

Periods are computed by `regels.termijnen` and shown as dates with their motivation, never as a count of days:
the decision period (Ow art. 16.64, Awb 3:18), its suspension while the applicant supplements (Awb 4:5, 4:15 lid 1
onder a), the extension, the period for views on a draft (Awb 3:16) and the objection period (Awb 6:7, 6:8).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from openvth.handhaving.bewakers import Param, Soort, datum_nl, kalender, lees_gegevens
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.regels import termijnen

from .models import Aanvraagsoort, Adviessoort, Adviesuitkomst, Besluitsoort, Procedure, Verzoeksoort
from .models import Verzoekstatus as S

_DAG = timedelta(days=1)
AANVRAAG = frozenset({Verzoeksoort.TOESTEMMINGSAANVRAAG})
MEDEDELING = frozenset(
    {Verzoeksoort.ACTIVITEITMELDING, Verzoeksoort.ACTIVITEITINFORMATIE, Verzoeksoort.INFORMATIE_ONGEWOON_VOORVAL}
)
ALLE = AANVRAAG | MEDEDELING
OPEN = frozenset({S.ONTVANGEN, S.IN_BEHANDELING, S.OPGESCHORT, S.TER_INZAGE})
VOORSCHRIFTEN_VEREIST = frozenset({Aanvraagsoort.OMGEVINGSVERGUNNING, Aanvraagsoort.MAATWERKVOORSCHRIFT})
"""Kinds of permission a granting or changing decision must carry conditions for: an omgevingsvergunning gets the
conditions needed for the activity (Ow art. 5.34 lid 1), a maatwerkvoorschrift is itself one (Ow art.
4.5). A gelijkwaardige maatregel (Ow art. 4.7) is permitted as described, without conditions of its own."""
AFZIEN_BUITEN_BEHANDELING = timedelta(weeks=4)


@dataclass(frozen=True)
class Aanvulling:
    gevraagd_op: date
    aanvullen_voor: date
    aangevuld_op: date | None = None
    ongebruikt: bool = False

    @property
    def open(self) -> bool:
        return self.aangevuld_op is None and not self.ongebruikt

    def opschorting(self, vandaag: date) -> termijnen.Opschorting:
        """Awb 4:15 lid 1 onder a: from the day after the invitation until the day it was supplemented, or the day
        after the last day given (the term has then lapsed unused) [interpretation]. While still open, the period is
        planned as if the supplement arrives on the last day given: the latest the period can then end."""
        if self.aangevuld_op is not None:
            return termijnen.Opschorting.aanvulling(self.gevraagd_op, self.aangevuld_op)
        einde = self.aanvullen_voor + _DAG
        return termijnen.Opschorting(
            self.gevraagd_op + _DAG, einde, "aanvulling van de aanvraag (Awb 4:15 lid 1 onder a)"
        )


@dataclass(frozen=True)
class Zaak:
    """What the guards see of a request (its first volgnummer) on the day of a step."""

    soort: str
    subsoort: str
    status: str
    ontvangen_op: date
    procedure: str = ""
    instemming_vereist: bool = False
    verlenging_weken: int = 0
    aanvullingen: tuple[Aanvulling, ...] = ()
    laatste_stap: date | None = None
    open_adviezen: tuple[tuple[int, str, date], ...] = ()
    """(id, soort, reageren vóór) of advice and consent requests not yet answered."""
    instemming_geweigerd: bool = False
    ontwerp_goedgekeurd: bool = False
    ter_inzage: tuple[date, date] | None = None
    """(terinzagelegging, laatste dag voor zienswijzen) of the draft decision."""
    besluit_goedgekeurd: tuple[str, int] | None = None
    """(soort, aantal voorschriften) of the approved final decision."""
    bezwaartermijn_tot: date | None = None
    bezwaar_ontvangen: bool = False
    aanvang_activiteit: date | None = None
    heeft_bijlagen: bool = False
    ippc_seveso: bool = False
    """An activity of the request is an IPPC installation or a Seveso establishment (the catalogue's flag)."""

    @property
    def open_aanvulling(self) -> Aanvulling | None:
        return next((a for a in self.aanvullingen if a.open), None)


# --- periods ----------------------------------------------------------------------------------------------------


def beslistermijn(zaak: Zaak, vandaag: date) -> termijnen.Termijn | None:
    """The decision period of a permit application with its suspensions and extension, or None for a request that
    leads to no decision (a notification, information) or whose procedure is not yet chosen."""
    if zaak.soort not in AANVRAAG or not zaak.procedure:
        return None
    return termijnen.beslistermijn(
        zaak.ontvangen_op,
        kalender=kalender(),
        procedure=termijnen.Procedure(zaak.procedure),
        verlenging_weken=zaak.verlenging_weken,
        opschortingen=[a.opschorting(vandaag) for a in zaak.aanvullingen],
        instemming=zaak.instemming_vereist and zaak.procedure == Procedure.REGULIER,
    )


def eerste_termijn(zaak: Zaak, vandaag: date) -> termijnen.Termijn | None:
    """The period an extension must be decided within: without the extension (Ow art. 16.64 lid 2), or for the
    extended procedure 8 weeks after receipt (Awb 3:18 lid 2)."""
    if zaak.procedure == Procedure.UITGEBREID:
        acht_weken = termijnen.Duur(8, termijnen.Eenheid.WEEK)
        return termijnen.einde_termijn(
            zaak.ontvangen_op, acht_weken, kalender=kalender(), richting=termijnen.Richting.VOORUIT, wettelijk=True
        )
    zonder = replace(zaak, verlenging_weken=0)
    return beslistermijn(zonder, vandaag)


def bezwaartermijn(bekendgemaakt_op: date) -> termijnen.Termijn:
    """Six weeks (Awb 6:7) from the day after the decision was made known (6:8 lid 1). A decision prepared under Awb
    afdeling 3.4 has no objection stage but direct appeal (Awb 7:1 lid 1 onder d), whose six weeks run from the day
    after it was laid open for inspection (6:8 lid 4), which the software takes as the day of publication."""
    return termijnen.bezwaar_beroepstermijn(bekendgemaakt_op, kalender=kalender())


def in_werking(bekendgemaakt_op: date) -> date:
    """An omgevingsvergunning takes effect the day after it was made known, under the extended procedure the day
    after it was laid open for inspection (Ow art. 16.79 lid 1), which the software takes as the day of publication.
    Not modelled: the exceptions of the later leden (four weeks' delay for irreversible changes, suspension by a
    request for a provisional ruling, earlier entry into force for urgency); the officer records those by hand."""
    return bekendgemaakt_op + _DAG


# --- guards -----------------------------------------------------------------------------------------------------

Bewaker = Callable[[Zaak, date, Mapping[str, Any]], tuple[str, str] | None]
"""A guard: (zaak, datum, gegevens) → None, or (the field, the reason it fails)."""


def _geen_open_aanvulling(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if (a := z.open_aanvulling) is not None:
        return "datum", f"er loopt al een verzoek om aanvulling van {datum_nl(a.gevraagd_op)} (Awb 4:5)"
    return None


def _aanvultermijn_na_vandaag(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if g["aanvullen_voor"] <= d:
        return (
            "aanvullen_voor",
            "de aanvrager krijgt een termijn om aan te vullen (Awb 4:5 lid 1): na de dag van het verzoek",
        )
    return None


def _binnen_beslistermijn(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    termijn = beslistermijn(z, d)
    if termijn is not None and d > termijn.einddatum:
        return "datum", (
            f"de beslistermijn liep tot en met {datum_nl(termijn.einddatum)}: opschorten of verlengen kan niet meer "
            "(Awb 4:15, Ow art. 16.64 lid 2)"
        )
    return None


def _aanvulling_ontvangen(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    a = z.open_aanvulling
    if a is None:
        return "datum", "er staat geen verzoek om aanvulling open"
    if not a.gevraagd_op <= g["aangevuld_op"] <= d:
        return "aangevuld_op", f"aangevuld na het verzoek van {datum_nl(a.gevraagd_op)} en uiterlijk vandaag"
    return None


def _aanvultermijn_verstreken(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    a = z.open_aanvulling
    if a is None:
        return "datum", "er staat geen verzoek om aanvulling open"
    if d <= a.aanvullen_voor:
        return "datum", f"de aanvrager kan nog aanvullen tot en met {datum_nl(a.aanvullen_voor)} (Awb 4:5 lid 1)"
    return None


def _buiten_behandeling_mag(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    """Awb 4:5 lid 1: only after the applicant had a chance to supplement within a term set; lid 4: the decision is
    made known within four weeks after the application was supplemented (insufficiently) or the term lapsed unused."""
    einden = [
        a.aangevuld_op if a.aangevuld_op is not None else a.aanvullen_voor
        for a in z.aanvullingen
        if a.aangevuld_op is not None or a.ongebruikt or d > a.aanvullen_voor
    ]
    if not einden:
        return "datum", (
            "Awb 4:5 lid 1: buiten behandeling alleen als de aanvrager de gelegenheid kreeg aan te vullen binnen een "
            "gestelde termijn"
        )
    laatst = max(einden)
    if d > laatst + AFZIEN_BUITEN_BEHANDELING:
        return "datum", (
            f"Awb 4:5 lid 4: het besluit de aanvraag niet te behandelen wordt bekendgemaakt binnen vier weken nadat "
            f"de aanvraag is aangevuld of de termijn ongebruikt is verstreken, dus uiterlijk "
            f"{datum_nl(laatst + AFZIEN_BUITEN_BEHANDELING)}"
        )
    return None


def _procedure_past(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    """Ow art. 16.65 lid 1 onder a with Omgevingsbesluit art. 10.24 lid 1 onder b and c: an application concerning an
    IPPC installation or a Seveso establishment is prepared with Awb afdeling 3.4. (Lid 4's exception for a change
    without significant adverse effects is the officer's judgement: record it by choosing `uitgebreid` anyway or
    by a withdrawal and new request; not modelled.) Under lid 1 onder b the applicant may ask for it in any case."""
    if z.ippc_seveso and g["procedure"] != Procedure.UITGEBREID:
        return "procedure", (
            "een IPPC-installatie of Seveso-inrichting volgt de uitgebreide procedure (Ow art. 16.65 lid 1 onder a, "
            "Omgevingsbesluit art. 10.24 lid 1 onder b en c)"
        )
    return None


def _eenmaal_verlengen(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if z.verlenging_weken:
        return "weken", f"de beslistermijn is al met {z.verlenging_weken} weken verlengd: dat kan eenmaal"
    if not 1 <= g["weken"] <= 6:
        return "weken", "ten hoogste zes weken (Ow art. 16.64 lid 2; Awb 3:18 lid 2 met Ow art. 16.66 lid 3)"
    return None


def _verlengen_binnen_eerste_termijn(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    termijn = eerste_termijn(z, d)
    if termijn is not None and d > termijn.einddatum:
        grond = (
            "Awb 3:18 lid 2: binnen acht weken na ontvangst"
            if z.procedure == Procedure.UITGEBREID
            else "Ow art. 16.64 lid 2: binnen de beslistermijn"
        )
        return "datum", (
            f"verlengen kan tot en met {datum_nl(termijn.einddatum)} ({grond}); daarna is de termijn niet meer te "
            "verlengen"
        )
    return None


def _adviestermijn(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if g["reageren_voor"] <= d:
        return "reageren_voor", "de adviseur krijgt een termijn: na de dag van het verzoek"
    return None


def _adviesverzoek_open(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if not any(i == g["adviesverzoek"] for i, _, _ in z.open_adviezen):
        return "adviesverzoek", "geen openstaand advies- of instemmingsverzoek van dit verzoek"
    if g["beantwoord_op"] > d:
        return "beantwoord_op", "ligt in de toekomst"
    return None


def _uitkomst_past(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    soort = next((s for i, s, _ in z.open_adviezen if i == g["adviesverzoek"]), None)
    if soort is None:
        return None  # `_adviesverzoek_open` names the request that is not open
    mag = {Adviesuitkomst.ADVIES, Adviesuitkomst.GEEN_REACTIE} if soort == Adviessoort.ADVIES else set(Adviesuitkomst)
    mag -= {Adviesuitkomst.ADVIES} if soort == Adviessoort.INSTEMMING else set()
    if g["uitkomst"] not in mag:
        return "uitkomst", f"bij {soort}: kies uit {', '.join(sorted(mag))}"
    return None


def _uitgebreid(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if z.procedure != Procedure.UITGEBREID:
        return "datum", "een ontwerpbesluit ter inzage hoort bij de uitgebreide procedure (Awb afdeling 3.4)"
    return None


def _ontwerp_goedgekeurd(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if not z.ontwerp_goedgekeurd:
        return "besluit", "eerst een ontwerpbesluit opstellen en door een tweede vergunningverlener laten goedkeuren"
    return None


def _geen_open_instemming(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    open_ = [r for _, s, r in z.open_adviezen if s == Adviessoort.INSTEMMING]
    if open_:
        return "datum", (
            f"een instemmingsverzoek staat open (reageren vóór {datum_nl(min(open_))}): zonder instemming geen "
            "besluit (Ow art. 16.16)"
        )
    return None


def _zienswijzetermijn_voorbij(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if z.procedure == Procedure.UITGEBREID:
        if z.ter_inzage is None:
            return "datum", "de uitgebreide procedure legt eerst een ontwerpbesluit ter inzage (Awb 3:11)"
        if d <= z.ter_inzage[1]:
            return "datum", (
                f"zienswijzen kunnen tot en met {datum_nl(z.ter_inzage[1])} naar voren worden gebracht (Awb 3:16): "
                "besluit daarna"
            )
    return None


def _besluit_goedgekeurd(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if z.besluit_goedgekeurd is None:
        return "besluit", "eerst een besluit opstellen en door een tweede vergunningverlener laten goedkeuren"
    soort, voorschriften = z.besluit_goedgekeurd
    if z.instemming_geweigerd and soort != Besluitsoort.WEIGEREN:
        return (
            "besluit",
            (
                "de instemming is geweigerd: de vergunning wordt geweigerd (Ow art. 5.33, met inachtneming van het "
                "instemmingsbesluit)"
            ),
        )
    if (
        soort in (Besluitsoort.VERLENEN, Besluitsoort.WIJZIGEN, Besluitsoort.REVISIE)
        and z.subsoort in VOORSCHRIFTEN_VEREIST
        and not voorschriften
    ):
        return "besluit", (
            f"een besluit dat een {z.subsoort.replace('_', ' ')} verleent of wijzigt, heeft voorschriften (Ow art. "
            "5.34; een maatwerkvoorschrift is zelf een voorschrift, Ow art. 4.5)"
        )
    return None


def _bezwaartermijn_voorbij(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if z.bezwaar_ontvangen:
        return "datum", "er is bezwaar of beroep ingesteld: het besluit wordt niet onherroepelijk zolang dat loopt"
    if z.bezwaartermijn_tot is None or d <= z.bezwaartermijn_tot:
        tot = f" (tot en met {datum_nl(z.bezwaartermijn_tot)})" if z.bezwaartermijn_tot else ""
        return "datum", f"de bezwaar- of beroepstermijn{tot} is nog niet verstreken (Awb 6:7, 6:8)"
    return None


def _termijn_verstreken(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    termijn = beslistermijn(z, d)
    if termijn is None:
        return "datum", "dit verzoek heeft (nog) geen beslistermijn"
    if g["ontvangen_op"] <= termijn.einddatum:
        return "ontvangen_op", (
            f"een ingebrekestelling kan pas na de beslistermijn, die liep tot en met {datum_nl(termijn.einddatum)} "
            "(Awb 4:17 lid 3)"
        )
    return None


def _melding_compleet(z: Zaak, d: date, g: Mapping[str, Any]) -> tuple[str, str] | None:
    if z.soort == Verzoeksoort.ACTIVITEITMELDING and z.aanvang_activiteit is None:
        return "datum", "een melding noemt het begin van de activiteit (Ow art. 4.4; Bal hoofdstuk 4): vraag aanvulling"
    if not z.heeft_bijlagen:
        return "datum", "de gegevens en bescheiden ontbreken (geen bijlagen): vraag aanvulling (Awb 4:5)"
    return None


# --- the table --------------------------------------------------------------------------------------------------

PROCEDURE = Param("procedure", Soort.KEUZE, True, "regulier of uitgebreid", tuple(Procedure.values))
INSTEMMING = Param("instemming_vereist", Soort.KEUZE, False, "ja als het besluit instemming behoeft", ("ja", "nee"))
AANVULLEN_VOOR = Param("aanvullen_voor", Soort.DATUM, True, "laatste dag waarop de aanvrager kan aanvullen")
OMSCHRIJVING = Param("omschrijving", Soort.TEKST, True, "welke gegevens en bescheiden ontbreken")
AANGEVULD_OP = Param("aangevuld_op", Soort.DATUM, True, "dag waarop de aanvulling binnenkwam")
WEKEN = Param("weken", Soort.GEHEEL, True, "aantal weken verlenging (1-6)")
REDEN = Param("reden", Soort.TEKST, True, "waarom")
ADVISEUR = Param("adviseur", Soort.TEKST, True, "organisatiecode van de adviseur")
ADVIESSOORT = Param("soort", Soort.KEUZE, True, "advies of instemming", tuple(Adviessoort.values))
GRONDSLAG = Param("grondslag", Soort.TEKST, True, "het artikel dat advies of instemming voorschrijft")
REAGEREN_VOOR = Param("reageren_voor", Soort.DATUM, True, "laatste dag voor het advies of de instemming")
ADVIESVERZOEK = Param("adviesverzoek", Soort.GEHEEL, True, "nummer van het adviesverzoek")
UITKOMST = Param("uitkomst", Soort.KEUZE, True, "de reactie", tuple(Adviesuitkomst.values))
BEANTWOORD_OP = Param("beantwoord_op", Soort.DATUM, True, "dag van de reactie")
TOELICHTING = Param("toelichting", Soort.TEKST, False, "toelichting")
ONTVANGEN_OP = Param("ontvangen_op", Soort.DATUM, True, "dag van ontvangst")


@dataclass(frozen=True)
class Handeling:
    naam: str
    artikel: str
    van: frozenset[str]
    naar: str | Callable[[Zaak], str] | None
    soorten: frozenset[str] = ALLE
    params: tuple[Param, ...] = ()
    bewakers: tuple[Bewaker, ...] = ()
    brieven: tuple[str, ...] = ()
    ondertekenen: bool = False
    """The step is a decision signed in the name of the competent authority: only by a mandate holder."""
    voorwaarden: tuple[str, ...] = field(default=())

    def doel(self, zaak: Zaak) -> str:
        if self.naar is None:
            return zaak.status
        return self.naar(zaak) if callable(self.naar) else self.naar


def _terug_uit_opschorting(z: Zaak) -> str:
    return S.IN_BEHANDELING if z.soort in AANVRAAG and z.procedure else S.ONTVANGEN


HANDELINGEN: Mapping[str, Handeling] = {
    "in_behandeling_nemen": Handeling(
        "In behandeling nemen",
        "Ow art. 16.62 (reguliere procedure tenzij) en 16.65 met Omgevingsbesluit art. 10.24 (uitgebreide "
        "procedure); Awb 4:3a (ontvangstbevestiging)",
        frozenset({S.ONTVANGEN}),
        S.IN_BEHANDELING,
        AANVRAAG,
        (PROCEDURE, INSTEMMING),
        (_procedure_past,),
        brieven=("ontvangstbevestiging",),
    ),
    "aanvulling_vragen": Handeling(
        "Aanvulling vragen (opschorten)",
        "Awb 4:5 lid 1 (gelegenheid tot aanvullen binnen een gestelde termijn); 4:15 lid 1 onder a (de beslistermijn "
        "wordt opgeschort)",
        frozenset({S.ONTVANGEN, S.IN_BEHANDELING}),
        S.OPGESCHORT,
        ALLE,
        (AANVULLEN_VOOR, OMSCHRIJVING),
        (_geen_open_aanvulling, _aanvultermijn_na_vandaag, _binnen_beslistermijn),
        brieven=("aanvulling",),
    ),
    "aanvulling_ontvangen": Handeling(
        "Aanvulling ontvangen",
        "Awb 4:15 lid 1 onder a: de opschorting eindigt op de dag waarop de aanvraag is aangevuld",
        frozenset({S.OPGESCHORT}),
        _terug_uit_opschorting,
        ALLE,
        (AANGEVULD_OP,),
        (_aanvulling_ontvangen,),
    ),
    "aanvultermijn_verstreken": Handeling(
        "Aanvultermijn ongebruikt verstreken",
        "Awb 4:15 lid 1 onder a: de opschorting eindigt wanneer de gestelde termijn ongebruikt is verstreken",
        frozenset({S.OPGESCHORT}),
        _terug_uit_opschorting,
        ALLE,
        (),
        (_aanvultermijn_verstreken,),
    ),
    "buiten_behandeling_stellen": Handeling(
        "Buiten behandeling stellen",
        "Awb 4:5 lid 1 (na gelegenheid tot aanvullen) en lid 4 (bekendmaken binnen vier weken na de aanvulling of "
        "na de ongebruikte termijn)",
        frozenset({S.ONTVANGEN, S.IN_BEHANDELING, S.OPGESCHORT}),
        S.BUITEN_BEHANDELING,
        ALLE,
        (REDEN,),
        (_buiten_behandeling_mag,),
        ondertekenen=True,
    ),
    "verlengen": Handeling(
        "Beslistermijn verlengen",
        "Ow art. 16.64 lid 2 (regulier: eenmaal ten hoogste zes weken, binnen de beslistermijn bekendgemaakt); Awb "
        "3:18 lid 2 met Ow art. 16.66 lid 3 (uitgebreid: binnen acht weken na ontvangst, ten hoogste zes weken)",
        frozenset({S.IN_BEHANDELING, S.OPGESCHORT, S.TER_INZAGE}),
        None,
        AANVRAAG,
        (WEKEN, REDEN),
        (_eenmaal_verlengen, _verlengen_binnen_eerste_termijn),
        brieven=("verlenging",),
        ondertekenen=True,
    ),
    "advies_vragen": Handeling(
        "Advies of instemming vragen",
        "Ow art. 16.15 (advies) en 16.16 (instemming, met twaalf weken beslistermijn: Ow art. 16.64 lid 1); "
        "Omgevingsbesluit afdeling 4.2 en 4.3 wijzen de adviseurs en instemmers aan [check]",
        frozenset({S.IN_BEHANDELING, S.OPGESCHORT}),
        None,
        AANVRAAG,
        (ADVISEUR, ADVIESSOORT, GRONDSLAG, REAGEREN_VOOR),
        (_adviestermijn,),
    ),
    "advies_ontvangen": Handeling(
        "Advies of instemming ontvangen",
        "Ow art. 16.15, 16.16; een geweigerde instemming leidt tot weigering van de vergunning (Ow art. 5.33)",
        frozenset({S.IN_BEHANDELING, S.OPGESCHORT, S.TER_INZAGE}),
        None,
        AANVRAAG,
        (ADVIESVERZOEK, UITKOMST, BEANTWOORD_OP, TOELICHTING),
        (_adviesverzoek_open, _uitkomst_past),
    ),
    "ontwerp_ter_inzage": Handeling(
        "Ontwerpbesluit ter inzage leggen",
        "Awb 3:11 (ter inzage), 3:12 (kennisgeving), 3:16 lid 1 (zes weken voor zienswijzen)",
        frozenset({S.IN_BEHANDELING}),
        S.TER_INZAGE,
        AANVRAAG,
        (),
        (_uitgebreid, _ontwerp_goedgekeurd, _geen_open_instemming),
        brieven=("ontwerpbesluit", "kennisgeving"),
        ondertekenen=True,
    ),
    "besluit_bekendmaken": Handeling(
        "Besluit nemen en bekendmaken",
        "Awb 3:40-3:41 (bekendmaking), 6:7-6:8 (bezwaartermijn), Ow art. 16.79 lid 1 (inwerkingtreding); "
        "uitgebreid: na de zienswijzetermijn (Awb 3:16)",
        frozenset({S.IN_BEHANDELING, S.TER_INZAGE}),
        S.BESLOTEN,
        AANVRAAG,
        (),
        (_zienswijzetermijn_voorbij, _geen_open_instemming, _besluit_goedgekeurd),
        brieven=("besluit", "kennisgeving"),
        ondertekenen=True,
    ),
    "bezwaar_ontvangen": Handeling(
        "Bezwaar of beroep ontvangen",
        "Awb 6:4 (bezwaar- of beroepschrift), 6:7 (termijn), 6:11 (te laat); na de uitgebreide procedure geen bezwaar "
        "maar rechtstreeks beroep (Awb 7:1 lid 1 onder d)",
        frozenset({S.BESLOTEN}),
        None,
        AANVRAAG,
        (ONTVANGEN_OP, TOELICHTING),
    ),
    "onherroepelijk_worden": Handeling(
        "Onherroepelijk",
        "Awb 6:7 en 6:8: de bezwaartermijn is zonder bezwaar verstreken",
        frozenset({S.BESLOTEN}),
        S.ONHERROEPELIJK,
        AANVRAAG,
        (),
        (_bezwaartermijn_voorbij,),
    ),
    "ingebrekestelling_ontvangen": Handeling(
        "Ingebrekestelling ontvangen",
        "Awb 4:17 lid 3 (dwangsom vanaf twee weken na de ingebrekestelling); van toepassing: de Omgevingswet sluit "
        "alleen Awb paragraaf 4.1.3.3 uit (Ow art. 16.64 lid 4, Awb 4:20a)",
        frozenset({S.IN_BEHANDELING, S.OPGESCHORT, S.TER_INZAGE}),
        None,
        AANVRAAG,
        (ONTVANGEN_OP,),
        (_termijn_verstreken,),
    ),
    "afhandelen": Handeling(
        "Melding of informatie afhandelen",
        "Ow art. 4.4 (melding) en 4.3 (informatie); Bal hoofdstuk 4 (gegevens bij de melding)",
        frozenset({S.ONTVANGEN}),
        S.AFGEHANDELD,
        MEDEDELING,
        (),
        (_melding_compleet,),
        brieven=("ontvangstbevestiging",),
    ),
    "intrekken": Handeling(
        "Ingetrokken door de aanvrager",
        "Intrekking van de aanvraag of melding (STAM Doel 'intrekken'): er wordt niet meer op beslist",
        OPEN,
        S.INGETROKKEN,
        ALLE,
        (),
    ),
}


@dataclass(frozen=True)
class Beoordeling:
    handeling: Handeling
    naar: str
    gegevens: Mapping[str, Any]


def beoordeel(zaak: Zaak, handeling: str, *, datum: date, ruw: Mapping[str, Any], vandaag: date) -> Beoordeling:
    """Check one step against the table; raises `OngeldigeInvoer` with every reason it fails, per field."""
    h = HANDELINGEN.get(handeling)
    if h is None:
        raise OngeldigeInvoer(velden={"handeling": f"onbekend; kies uit {', '.join(HANDELINGEN)}"})
    if zaak.soort not in h.soorten:
        raise OngeldigeInvoer(velden={"handeling": f"'{h.naam}' hoort niet bij een {zaak.soort.replace('_', ' ')}"})
    if zaak.status not in h.van:
        mogelijk = ", ".join(mogelijke_handelingen(zaak)) or "geen (afgesloten)"
        raise OngeldigeInvoer(
            velden={"handeling": f"'{h.naam}' kan niet in de status '{zaak.status}'; mogelijk: {mogelijk}"}
        )
    fouten: dict[str, str] = {}
    if datum > vandaag:
        fouten["datum"] = "een stap wordt vastgelegd als hij is gezet: de datum ligt in de toekomst"
    elif datum < zaak.ontvangen_op:
        fouten["datum"] = f"vóór de ontvangst van het verzoek ({datum_nl(zaak.ontvangen_op)})"
    elif zaak.laatste_stap and datum < zaak.laatste_stap:
        fouten["datum"] = f"de vorige stap is van {datum_nl(zaak.laatste_stap)}; stappen volgen elkaar in de tijd"
    gegevens = lees_gegevens(h.params, ruw)
    if not fouten:
        for bewaker in h.bewakers:
            if (uitkomst := bewaker(zaak, datum, gegevens)) is not None:
                veld, reden = uitkomst
                fouten.setdefault(veld, reden)
    if fouten:
        raise OngeldigeInvoer(velden=fouten)
    return Beoordeling(h, h.doel(zaak), gegevens)


def mogelijke_handelingen(zaak: Zaak) -> dict[str, Handeling]:
    """The steps the table allows from the request's status (whether their guards hold is known only with input)."""
    return {k: h for k, h in HANDELINGEN.items() if zaak.status in h.van and zaak.soort in h.soorten}
